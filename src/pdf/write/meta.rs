//! The document-level parts of the reading PDF: the outline, page labels,
//! the document information dictionary, XMP metadata, the file identifier,
//! and what keeps the PDF from claiming PDF/UA-1.

use super::structure::Missing;
use super::Refs;
use crate::document::Metadata;
use crate::pdf::civil_from_days;
use crate::typeset::page::Typeset;
use pdf_writer::types::NumberingStyle;
use pdf_writer::{Chunk, Date, Finish, Ref, TextStr};
use xmp_writer::{DateTime, XmpWriter};

/// What was found on the way that PDF/UA-1 forbids.
#[derive(Default)]
pub struct Problems {
    /// Text drawn with a font's .notdef glyph.
    pub notdef: Vec<String>,
    /// A glyph drawn without any text to map it to.
    pub unmapped: bool,
    /// A font whose licence restricts embedding.
    pub restricted: bool,
    pub missing: Missing,
    pub no_title: bool,
}

impl Problems {
    /// The warning for a PDF written tagged but without the PDF/UA-1 claim.
    pub fn warning(&self) -> Option<String> {
        let mut why = Vec::new();
        let mut missing: Vec<String> = self.notdef.iter().map(|t| format!("“{t}”")).collect();
        missing.sort();
        missing.dedup();
        if !missing.is_empty() {
            why.push(format!(
                "the fonts have no glyph for {} (printed as blank boxes); put a font family that has them in the project's fonts/ folder",
                missing.join(", ")
            ));
        }
        if self.restricted {
            why.push("a font's licence does not allow it to be embedded for any use; name another one in zinepress.toml [fonts]".to_string());
        }
        let mut other = Vec::new();
        if self.unmapped {
            other.push("a glyph without text");
        }
        if self.missing.heading_title {
            other.push("a heading without a title");
        }
        if self.missing.alt_text {
            other.push("a figure without alternative text");
        }
        if self.no_title {
            other.push("no document title");
        }
        if !other.is_empty() {
            why.push(format!(
                "the PDF writer found {}; this is a zinepress bug, please report it",
                other.join(", ")
            ));
        }
        (!why.is_empty()).then(|| {
            format!(
                "the reading PDF is tagged but not PDF/UA-1: {}",
                why.join("; ")
            )
        })
    }
}

/// Writes the outline (entries nested by level); `None` when there is none.
pub fn write_outline(
    out: &mut Chunk,
    set: &Typeset,
    pages: &[Ref],
    refs: &mut Refs,
) -> Option<Ref> {
    let entries: Vec<_> = set
        .outline
        .iter()
        .filter(|e| e.page < pages.len())
        .collect();
    if entries.is_empty() {
        return None;
    }
    let root = refs.next();
    let ids: Vec<Ref> = entries.iter().map(|_| refs.next()).collect();
    // Each entry's parent: the nearest earlier entry of a lower level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&j| entries[j].level >= e.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..entries.len()).filter(|&i| parent[i] == p).collect()
    };
    let count = |i: usize| -> i32 {
        // Every entry below `i`, all open.
        let mut n = 0;
        let mut j = i + 1;
        while j < entries.len() && entries[j].level > entries[i].level {
            n += 1;
            j += 1;
        }
        n
    };
    for (i, e) in entries.iter().enumerate() {
        let siblings = children(parent[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let kids = children(Some(i));
        let mut item = out.outline_item(ids[i]);
        item.title(TextStr(&e.title));
        item.parent(parent[i].map_or(root, |p| ids[p]));
        if at > 0 {
            item.prev(ids[siblings[at - 1]]);
        }
        if let Some(&next) = siblings.get(at + 1) {
            item.next(ids[next]);
        }
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            item.first(ids[first]);
            item.last(ids[last]);
            item.count(count(i));
        }
        let height = set.pages[e.page].height;
        item.dest()
            .page(pages[e.page])
            .xyz(0.0, height - e.y.max(0.0), None);
        item.finish();
    }
    let top = children(None);
    let mut outline = out.outline(root);
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        outline.first(ids[first]);
        outline.last(ids[last]);
    }
    outline.count(entries.len() as i32);
    outline.finish();
    Some(root)
}

/// A page label object: arabic numbers from `start`.
pub fn write_label(out: &mut Chunk, refs: &mut Refs, start: i32) -> Ref {
    let id = refs.next();
    out.indirect(id)
        .start::<pdf_writer::writers::PageLabel>()
        .style(NumberingStyle::Arabic)
        .offset(start);
    id
}

/// The document information dictionary; `dated` writes the dates.
pub fn write_info(pdf: &mut pdf_writer::Pdf, id: Ref, meta: &Metadata, dated: bool) {
    let mut info = pdf.document_info(id);
    info.title(TextStr(&meta.title));
    if let Some(d) = &meta.description {
        info.subject(TextStr(d));
    }
    if !meta.authors.is_empty() {
        info.author(TextStr(&meta.authors.join(", ")));
    }
    info.creator(TextStr("zinepress"));
    info.producer(TextStr(&producer()));
    if dated {
        let date = pdf_date(meta.modified);
        info.modified_date(date);
        info.creation_date(date);
    }
    info.finish();
}

fn producer() -> String {
    format!("zinepress {}", env!("CARGO_PKG_VERSION"))
}

/// (year, month, day, hour, minute, second) of Unix seconds, UTC.
fn civil(secs: i64) -> (u16, u8, u8, u8, u8, u8) {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    (
        y.clamp(0, 9999) as u16,
        m as u8,
        d as u8,
        (rem / 3600) as u8,
        (rem % 3600 / 60) as u8,
        (rem % 60) as u8,
    )
}

fn pdf_date(secs: i64) -> Date {
    let (y, mo, d, h, mi, s) = civil(secs);
    Date::new(y)
        .month(mo)
        .day(d)
        .hour(h)
        .minute(mi)
        .second(s)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

fn xmp_date(secs: i64) -> DateTime {
    let (y, mo, d, h, mi, s) = civil(secs);
    DateTime {
        year: y,
        month: Some(mo),
        day: Some(d),
        hour: Some(h),
        minute: Some(mi),
        second: Some(s),
        timezone: Some(xmp_writer::Timezone::Utc),
    }
}

/// The XMP packet of a PDF 1.7; `ua` adds the PDF/UA-1 claim.
pub fn xmp(meta: &Metadata, pages: usize, ua: bool) -> String {
    xmp_of(meta, pages, ua, "1.7", true)
}

/// The XMP packet of a PDF of `version` ("1.7", "2.0"), the dates only
/// when `dated`; an empty language is left out.
pub fn xmp_of(meta: &Metadata, pages: usize, ua: bool, version: &str, dated: bool) -> String {
    let mut x = XmpWriter::new();
    x.title([(None, meta.title.as_str())]);
    if let Some(d) = &meta.description {
        x.description([(None, d.as_str())]);
    }
    if !meta.authors.is_empty() {
        let joined = meta.authors.join(", ");
        x.creator([joined.as_str()]);
    }
    x.creator_tool("zinepress");
    let producer = producer();
    x.producer(&producer);
    if !meta.language.is_empty() {
        x.language([xmp_writer::LangId(meta.language.as_str())]);
    }
    if dated {
        let date = xmp_date(meta.modified);
        x.modify_date(date);
        x.create_date(date);
    }
    if ua {
        x.pdfua_part(1);
    }
    x.num_pages(pages as u32);
    x.format("application/pdf");
    let (doc, instance) = ids(meta);
    x.document_id(&hex(&doc));
    x.instance_id(&hex(&instance));
    x.rendition_class(xmp_writer::RenditionClass::Proof);
    x.pdf_version(version);
    x.finish(None)
}

/// The document's identifier hashed, and the same with its date: the
/// file identifier's two halves (the same source gives the same bytes).
fn ids(meta: &Metadata) -> ([u8; 16], [u8; 16]) {
    let doc = blake3::hash(meta.identifier.as_bytes());
    let mut h = blake3::Hasher::new();
    h.update(meta.identifier.as_bytes());
    h.update(&meta.modified.to_le_bytes());
    let instance = h.finalize();
    let cut = |b: &[u8; 32]| {
        let mut out = [0u8; 16];
        out.copy_from_slice(&b[..16]);
        out
    };
    (cut(doc.as_bytes()), cut(instance.as_bytes()))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The trailer's `/ID`.
pub fn file_id(meta: &Metadata) -> (Vec<u8>, Vec<u8>) {
    let (a, b) = ids(meta);
    (a.to_vec(), b.to_vec())
}

/// The `/ID` of another PDF of the same document (an imposed layout), told
/// apart from the reading copy's by `which` (its sheets, say).
pub fn file_id_of(meta: &Metadata, which: &str) -> (Vec<u8>, Vec<u8>) {
    let (a, b) = ids(meta);
    let salt = |half: [u8; 16]| {
        let mut h = blake3::Hasher::new();
        h.update(&half);
        h.update(which.as_bytes());
        h.finalize().as_bytes()[..16].to_vec()
    };
    (salt(a), salt(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_pdf_has_no_warning_and_missing_glyphs_are_named() {
        assert!(Problems::default().warning().is_none());
        let p = Problems {
            notdef: vec!["ж".into(), "ж".into()],
            ..Problems::default()
        };
        let w = p.warning().unwrap();
        assert!(w.contains("“ж”") && w.contains("fonts/"), "{w}");
        assert_eq!(w.matches("“ж”").count(), 1);
        let p = Problems {
            no_title: true,
            ..Problems::default()
        };
        assert!(p.warning().unwrap().contains("zinepress bug"));
    }

    #[test]
    fn dates_are_utc_civil_times() {
        assert_eq!(civil(1_700_000_000), (2023, 11, 14, 22, 13, 20));
    }
}
