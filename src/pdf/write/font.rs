//! The fonts of a PDF: for each face used, the glyphs drawn (renumbered from
//! 1 in the order they are first drawn), their widths and the text each
//! stands for; written at the end as a subset CID font with a ToUnicode map.

use super::deflate::Deflater;
use super::Refs;
use crate::typeset::fonts::{FaceId, FontFace, Fonts};
use anyhow::{anyhow, Result};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::writers::WMode;
use pdf_writer::{Chunk, Finish, Name, Rect, Ref, Str};
use rustybuzz::ttf_parser;
use std::collections::HashMap;
use subsetter::GlyphRemapper;

const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// One face's subset being collected.
pub struct Subset {
    pub id: FaceId,
    pub font_ref: Ref,
    remapper: GlyphRemapper,
    /// Advance widths in font units, by CID.
    widths: Vec<u16>,
    /// The text of each CID, when a glyph was drawn for some text.
    text: Vec<Option<String>>,
}

/// What a glyph's text is, next to what the subset already says of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapping {
    /// The glyph stands for this text (newly noted, or as noted before).
    Same,
    /// The glyph was noted for another text: this use needs `/ActualText`.
    Other,
}

impl Subset {
    /// The CID of glyph `gid`, added when new.
    pub fn cid(&mut self, face: &FontFace, gid: u16) -> u16 {
        let cid = self.remapper.remap(gid);
        while self.widths.len() <= cid as usize {
            self.widths.push(advance(face, gid));
            self.text.push(None);
        }
        cid
    }

    /// Whether a glyph other than .notdef was drawn without text.
    pub fn unmapped(&self) -> bool {
        self.text
            .iter()
            .skip(1)
            .any(|t| t.as_deref().is_none_or(str::is_empty))
    }

    /// Notes that `cid` shows `text` unless it already shows something;
    /// says whether this use agrees with the ToUnicode map.
    pub fn map(&mut self, cid: u16, text: &str) -> Mapping {
        match self.text.get_mut(cid as usize) {
            Some(Some(t)) if t == text => Mapping::Same,
            Some(Some(_)) => Mapping::Other,
            Some(slot) => {
                *slot = Some(text.to_string());
                Mapping::Same
            }
            None => Mapping::Other,
        }
    }
}

fn advance(face: &FontFace, gid: u16) -> u16 {
    face.face
        .glyph_hor_advance(ttf_parser::GlyphId(gid))
        .unwrap_or(0)
}

/// The subsets of a document, in the order their faces were first used.
#[derive(Default)]
pub struct Subsets {
    pub list: Vec<Subset>,
    index: HashMap<FaceId, usize>,
}

impl Subsets {
    /// The subset of face `id` (the family's faces by their resolved style).
    pub fn of(&mut self, fonts: &Fonts, id: FaceId, refs: &mut Refs) -> usize {
        let id = canonical(fonts, id);
        if let Some(&i) = self.index.get(&id) {
            return i;
        }
        let face = fonts.face_of(id);
        let mut subset = Subset {
            id,
            font_ref: refs.next(),
            remapper: GlyphRemapper::new(),
            widths: Vec::new(),
            text: Vec::new(),
        };
        // .notdef is always glyph 0 of a subset.
        subset.cid(face, 0);
        self.list.push(subset);
        self.index.insert(id, self.list.len() - 1);
        self.list.len() - 1
    }
}

/// The family's faces under the style they resolve to, so that a style the
/// family lacks shares the subset of the face standing in for it.
pub fn canonical(fonts: &Fonts, id: FaceId) -> FaceId {
    if id.family == 0 {
        FaceId::primary(fonts.resolved(id.style))
    } else {
        id
    }
}

/// The four objects [`write_subset`] writes besides the font itself (the
/// CID font, its descriptor, the ToUnicode map, the font program), taken
/// from `refs` in that order.
pub fn subset_refs(refs: &mut Refs) -> [Ref; 4] {
    std::array::from_fn(|_| refs.next())
}

/// Writes a subset as a Type 0 font with its CID font, descriptor, program
/// and ToUnicode map, as the objects `ids` (from [`subset_refs`]).
pub fn write_subset(
    out: &mut Chunk,
    subset: &Subset,
    face: &FontFace,
    [cid_ref, descriptor_ref, cmap_ref, data_ref]: [Ref; 4],
    z: &mut Deflater,
) -> Result<()> {
    let program = subsetter::subset(face.data, face.index, &subset.remapper)
        .map_err(|e| anyhow!("{}: cannot subset the font ({e})", face.file.display()))?;
    let raw = ttf_parser::RawFace::parse(&program, 0)
        .map_err(|e| anyhow!("{}: cannot read the font subset ({e})", face.file.display()))?;
    let cff = raw.table(ttf_parser::Tag::from_bytes(b"CFF "));
    let glyf = raw.table(ttf_parser::Tag::from_bytes(b"glyf")).is_some();
    if cff.is_none() && !glyf {
        return Err(anyhow!(
            "{}: the font has no outlines the PDF writer can embed (CFF or TrueType)",
            face.file.display()
        ));
    }
    let data = cff.unwrap_or(&program);

    let ps_name = postscript_name(face);
    let gids: Vec<u16> = subset.remapper.remapped_gids().collect();
    let base = format!("{}+{}", subset_tag(&gids, &ps_name), ps_name);
    let type0_name = if cff.is_some() {
        format!("{base}-Identity-H")
    } else {
        base.clone()
    };
    out.type0_font(subset.font_ref)
        .base_font(Name(type0_name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    let upem = face.units_per_em;
    let to_pdf = |v: f32| v / upem * 1000.0;
    let mut cid = out.cid_font(cid_ref);
    cid.subtype(if cff.is_some() {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    });
    cid.base_font(Name(base.as_bytes()));
    cid.system_info(SYSTEM_INFO);
    cid.font_descriptor(descriptor_ref);
    cid.default_width(0.0);
    if cff.is_none() {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let mut widths = cid.widths();
    for (first, last, w) in width_runs(&subset.widths) {
        widths.same(first, last, to_pdf(w as f32));
    }
    widths.finish();
    cid.finish();

    let f = &face.face;
    let mut flags = FontFlags::SYMBOLIC | FontFlags::SMALL_CAP;
    flags.set(FontFlags::SERIF, ps_name.contains("Serif"));
    flags.set(FontFlags::FIXED_PITCH, f.is_monospaced());
    let italic_angle = f.italic_angle();
    flags.set(FontFlags::ITALIC, italic_angle != 0.0);
    let b = f.global_bounding_box();
    let ascent = to_pdf(f.ascender() as f32);
    let cap_height = f
        .capital_height()
        .map(|c| to_pdf(c as f32))
        .unwrap_or(ascent);
    let weight = f.weight().to_number() as f32;
    let mut descriptor = out.font_descriptor(descriptor_ref);
    descriptor
        .name(Name(base.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            to_pdf(b.x_min as f32),
            to_pdf(b.y_min as f32),
            to_pdf(b.x_max as f32),
            to_pdf(b.y_max as f32),
        ))
        .italic_angle(italic_angle)
        .ascent(ascent)
        .descent(to_pdf(f.descender() as f32))
        .cap_height(cap_height)
        .stem_v(10.0 + 0.244 * (weight - 50.0));
    if cff.is_some() {
        descriptor.font_file3(data_ref);
    } else {
        descriptor.font_file2(data_ref);
    }
    descriptor.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
    for (cid, text) in subset.text.iter().enumerate().skip(1) {
        if let Some(text) = text.as_deref().filter(|t| !t.is_empty()) {
            cmap.pair_with_multiple(cid as u16, text.chars());
        }
    }
    let cmap = z.deflate(&cmap.finish());
    let mut cmap_stream = out.cmap(cmap_ref, &cmap);
    cmap_stream.filter(pdf_writer::Filter::FlateDecode);
    cmap_stream.writing_mode(WMode::Horizontal);
    cmap_stream.finish();

    let packed = z.deflate(data);
    let mut stream = out.stream(data_ref, &packed);
    stream.filter(pdf_writer::Filter::FlateDecode);
    if cff.is_some() {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    stream.finish();
    Ok(())
}

/// Runs of equal widths over consecutive CIDs: (first, last, width), zero
/// widths left to the default.
fn width_runs(widths: &[u16]) -> Vec<(u16, u16, u16)> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=widths.len() {
        if i == widths.len() || widths[i] != widths[start] {
            if widths[start] != 0 {
                runs.push((start as u16, (i - 1) as u16, widths[start]));
            }
            start = i;
        }
    }
    runs
}

/// The face's PostScript name (name ID 6), or "unknown"; at most 100 bytes.
fn postscript_name(face: &FontFace) -> String {
    let name = face
        .face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
        .take(100)
        .collect();
    if clean.is_empty() {
        "unknown".to_string()
    } else {
        clean
    }
}

/// Six capital letters from the subset's glyphs, as subset fonts are named.
fn subset_tag(gids: &[u16], name: &str) -> String {
    // FNV-1a over the name and the glyph ids: stable across builds and machines.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    name.bytes().for_each(&mut eat);
    for g in gids {
        g.to_le_bytes().into_iter().for_each(&mut eat);
    }
    (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_neighbouring_widths_share_a_run() {
        assert_eq!(
            width_runs(&[500, 250, 250, 0, 0, 600]),
            vec![(0, 0, 500), (1, 2, 250), (5, 5, 600)]
        );
        assert!(width_runs(&[]).is_empty());
    }

    #[test]
    fn subset_tags_are_six_capitals_and_stable() {
        let a = subset_tag(&[1, 2, 3], "LinLibertine");
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag(&[1, 2, 3], "LinLibertine"));
        assert_ne!(a, subset_tag(&[1, 2, 4], "LinLibertine"));
    }
}
