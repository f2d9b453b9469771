//! Entry points for the fuzz targets in `fuzz/`, also run over the seed
//! corpus by `tests/fuzz_corpus.rs`: each takes arbitrary bytes, must never
//! panic, and checks the invariants its stage promises.

use crate::document::Metadata;
use crate::impose::impose;
use crate::layout::{Bind, Duplex, Layout, LayoutSet, ResolvedImposition, Scheme};
use crate::project::{ConfigFile, ZineEntry};
use crate::source::{markdown, Source};
use crate::typeset::fonts::Fonts;
use crate::units::{parse_paper, Length};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

/// Text repair on arbitrary bytes read as a `.txt` source.
pub fn text_repair(data: &[u8]) {
    repair_as(data, "fuzz.txt");
}

/// The Markdown reader and the repairs behind it, on arbitrary bytes.
pub fn markdown_reader(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = markdown::parse(text);
    }
    repair_as(data, "fuzz.md");
}

fn repair_as(data: &[u8], name: &str) {
    let entry = ZineEntry {
        source: name.to_string(),
        ..Default::default()
    };
    if let Ok(source) = Source::from_bytes(Path::new(name), data, &entry) {
        if let Ok(n) = crate::normalize::normalize(&source) {
            // Every note reference is numbered from 1.
            for note in &n.notes {
                assert!(note.number >= 1, "note numbered 0");
            }
            let _ = crate::document::markdown::to_markdown(&crate::Document {
                blocks: n.blocks,
                notes: n.notes,
                ..Default::default()
            });
        }
    }
}

/// The whole pipeline on arbitrary bytes: the first byte picks the reader
/// (odd: Markdown, even: plain text) and the rest is the source, read,
/// repaired, written as EPUB, typeset in every built-in layout (the
/// minizines' tiny measure included) and written as PDF, imposed where the
/// layout is. It calls the stages itself, not `build`, whose isolation would
/// turn a panic into a failed zine and hide it from the fuzzer.
pub fn pipeline(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = if first & 1 == 1 {
        "fuzz.md"
    } else {
        "fuzz.txt"
    };
    let entry = ZineEntry {
        source: name.to_string(),
        ..Default::default()
    };
    let Ok(source) = Source::from_bytes(Path::new(name), bytes, &entry) else {
        return;
    };
    let Ok(n) = crate::normalize::normalize(&source) else {
        return;
    };
    let meta = Metadata {
        title: "Fuzz".into(),
        language: "en".into(),
        identifier: "urn:uuid:0".into(),
        slug: "fuzz".into(),
        ..Default::default()
    };
    let doc = crate::Document {
        meta,
        blocks: n.blocks,
        notes: n.notes,
    };
    if let Err(e) = crate::epub::write_epub(&doc, &crate::epub::EpubOptions::default()) {
        panic!("the EPUB of a repaired source fails: {e:#}");
    }
    let (fonts, layouts) = built_ins();
    for layout in layouts.iter() {
        // Without images typesetting cannot fail.
        let pages =
            crate::typeset::typeset(&doc, layout, fonts).expect("typesetting without images");
        let pdf = match &layout.impose {
            Some(imp) => match impose(pages.pages.len(), layout.page, imp, pages.has_back_cover) {
                Ok(imposed) => crate::pdf::write_imposed(&pages, &imposed, &doc.meta, fonts, None),
                // Too many pages for a minizine: `build` skips the layout with a warning.
                Err(_) => continue,
            },
            None => crate::pdf::write_pages(&pages, &doc.meta, fonts),
        };
        assert!(
            pdf.is_ok_and(|bytes| bytes.starts_with(b"%PDF-")),
            "layout {}: no PDF",
            layout.name
        );
    }
}

/// The built-in fonts and layouts, loaded once per process.
fn built_ins() -> &'static (Fonts, LayoutSet) {
    static BUILT_INS: OnceLock<(Fonts, LayoutSet)> = OnceLock::new();
    BUILT_INS.get_or_init(|| {
        (
            Fonts::load(None).expect("the built-in fonts"),
            LayoutSet::load(None).expect("the built-in layouts"),
        )
    })
}

/// zinepress.toml and layout-file parsing on arbitrary text.
pub fn config_parsing(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = ConfigFile::parse(text, Path::new("zinepress.toml"));
    let _ = Layout::parse("fuzz", text, Path::new("fuzz.toml"));
    for word in text.split_whitespace().take(8) {
        let _ = Length::parse(word);
        let _ = parse_paper(word);
    }
}

/// The imposition page map for parameters drawn from the bytes: every page
/// appears exactly once, and the other cells are the blanks it reports.
pub fn imposition_map(data: &[u8]) {
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let pages = u16::from_le_bytes([byte(0), byte(1) & 0x03]) as usize; // up to 1023
    let scheme = [Scheme::Saddle, Scheme::CutStack, Scheme::Minizine][byte(2) as usize % 3];
    let sheets = ["letter", "a4", "a3", "tabloid"];
    let pages_sizes = [
        "half-letter",
        "a5",
        "a6",
        "a7",
        "quarter-letter",
        "2.75in x 4.25in",
    ];
    let Ok(sheet) = parse_paper(sheets[byte(3) as usize % sheets.len()]) else {
        return;
    };
    let Ok(page) = parse_paper(pages_sizes[byte(4) as usize % pages_sizes.len()]) else {
        return;
    };
    let imp = ResolvedImposition {
        scheme,
        sheet,
        duplex: if byte(5) & 1 == 0 {
            Duplex::ShortEdge
        } else {
            Duplex::LongEdge
        },
        signature: (byte(6) % 12) as u32,
        paper_thickness: Length::mm((byte(7) % 4) as f32 * 0.05),
        bind: if byte(8) & 1 == 0 {
            Bind::Left
        } else {
            Bind::Right
        },
        grid: [(byte(9) % 4 + 1) as u32, (byte(10) % 4 + 1) as u32],
        crop_marks: byte(11) & 1 == 1,
        fold_marks: byte(11) & 2 == 2,
        sheet_labels: byte(11) & 4 == 4,
        minizine_pages: if byte(12) & 1 == 0 { 8 } else { 16 },
    };
    let Ok(map) = impose(pages, page, &imp, byte(13) & 1 == 1) else {
        return;
    };
    let mut seen = BTreeSet::new();
    let mut blanks = 0;
    for side in &map.sides {
        for slot in &side.slots {
            match slot.page {
                Some(p) => assert!(
                    p < pages && seen.insert(p),
                    "page {p} placed twice or out of range"
                ),
                None => blanks += 1,
            }
        }
    }
    assert_eq!(seen.len(), pages, "every page is placed");
    assert_eq!(
        blanks,
        map.blanks.len(),
        "the blanks placed are the blanks reported"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_points_survive_odd_inputs() {
        for data in [
            &b""[..],
            b"\xff\xfe\x00",
            b"[[zine]]\nsource=1",
            b"# \n\n1. \n[^1]: x",
            b"---\ntitle: a\n",
            &[7u8; 64],
        ] {
            text_repair(data);
            markdown_reader(data);
            config_parsing(data);
            imposition_map(data);
            pipeline(data);
        }
    }
}
