//! A page's content stream: glyph runs, rules, boxes and pictures, each
//! marked as tagged content (with a marked-content id) or as an artifact.
//!
//! The operators are those krilla 0.8 wrote for the same page items (the same
//! transforms, computed in the same order in `f32`), so pages render to the
//! same pixels (scripts/pixels). A page is drawn either as a page of its own
//! (y turned down from the page's top by a root transform) or into a cell of
//! an imposed sheet, whose placing transform is already set: then there is
//! no root transform, as in the Form XObjects krilla recorded pages into.

use super::font::{Mapping, Subsets};
use super::images::Images;
use super::textop::TextOps;
use super::Refs;
use crate::pdf::text::glyph_texts;
use crate::typeset::fonts::{Fonts, ShapedGlyph};
use crate::typeset::page::{Furniture, GlyphRun, PageItem};
use anyhow::Result;
use pdf_writer::types::{ArtifactAttachment, ArtifactSubtype, ArtifactType, TextRenderingMode};
use pdf_writer::{Content, Name, Str};
use std::collections::BTreeSet;
use std::ops::Range;

/// What a page's drawing uses and found.
pub struct PageContent<'a> {
    pub content: Content,
    /// The height of a page of its own (the root transform turns y down
    /// about it); `None` inside a cell, where the placing transform is set.
    pub flip: Option<f32>,
    /// The fonts runs are set in (`None`: a sheet of placed PDF pages
    /// without labels, which draws no text).
    fonts: Option<&'a Fonts>,
    subsets: &'a mut Subsets,
    images: &'a mut Images,
    refs: &'a mut Refs,
    /// Subsets and images the page's resources must name.
    pub used_fonts: BTreeSet<usize>,
    pub used_images: BTreeSet<usize>,
    /// Form XObjects placed on the page (pages of another PDF), named `p{i}`.
    pub forms: Vec<pdf_writer::Ref>,
    next_mcid: i32,
    /// Text drawn with a face's .notdef glyph (nothing shows).
    pub notdef: Vec<String>,
    /// A run's text operators, written here and handed over in one piece.
    text_ops: TextOps,
}

impl<'a> PageContent<'a> {
    pub fn new(
        height: f32,
        fonts: Option<&'a Fonts>,
        subsets: &'a mut Subsets,
        images: &'a mut Images,
        refs: &'a mut Refs,
    ) -> PageContent<'a> {
        PageContent {
            content: Content::with_settings(super::COMPACT),
            flip: Some(height),
            fonts,
            subsets,
            images,
            refs,
            used_fonts: BTreeSet::new(),
            used_images: BTreeSet::new(),
            forms: Vec::new(),
            next_mcid: 0,
            notdef: Vec::new(),
            text_ops: TextOps::default(),
        }
    }

    /// Sets the root transform (PDF's y up from the page's y down) on a
    /// page of its own; in a cell there is none, and no operator.
    fn root(&mut self) {
        if let Some(height) = self.flip {
            self.content.transform([1.0, 0.0, 0.0, -1.0, 0.0, height]);
        }
    }

    /// Opens tagged content: a span of text, other content, or an artifact;
    /// returns the marked-content id of tagged content.
    pub fn begin(&mut self, furniture: Option<Furniture>, text: bool) -> Option<i32> {
        match furniture {
            Some(f) => {
                let mut mark = self
                    .content
                    .begin_marked_content_with_properties(Name(b"Artifact"));
                let mut artifact = mark.properties().artifact();
                match f {
                    Furniture::RunningHead => {
                        artifact.attached([ArtifactAttachment::Top]);
                        artifact.subtype(ArtifactSubtype::Header);
                        artifact.kind(ArtifactType::Pagination);
                    }
                    Furniture::Folio => {
                        artifact.kind(ArtifactType::Pagination);
                    }
                    Furniture::Layout => {
                        artifact.kind(ArtifactType::Layout);
                    }
                }
                None
            }
            None => {
                let mcid = self.next_mcid;
                self.next_mcid += 1;
                let tag = if text { Name(b"Span") } else { Name(b"P") };
                self.content
                    .begin_marked_content_with_properties(tag)
                    .properties()
                    .identify(mcid);
                Some(mcid)
            }
        }
    }

    /// How many marked-content ids the page has handed out.
    pub fn marked(&self) -> usize {
        self.next_mcid as usize
    }

    pub fn end(&mut self) {
        self.content.end_marked_content();
    }

    /// Draws one item (links are annotations, not drawing).
    pub fn draw(&mut self, item: &PageItem) -> Result<()> {
        match item {
            PageItem::Glyphs(run) => self.run(run),
            PageItem::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                self.rule(*x1, *y1, *x2, *y2, *width, false);
                Ok(())
            }
            PageItem::Rect {
                x,
                y,
                width,
                height,
                fill,
                stroke,
            } => {
                self.rect(*x, *y, *width, *height, *fill, *stroke);
                Ok(())
            }
            PageItem::Image {
                x,
                y,
                width,
                height,
                image,
                ..
            } => {
                let index = self.images.add(image, self.refs)?;
                self.used_images.insert(index);
                let name = format!("x{index}");
                super::images::draw(
                    &mut self.content,
                    self.flip,
                    (*x, *y, *width, *height),
                    image,
                    &name,
                );
                Ok(())
            }
            PageItem::Link { .. } => Ok(()),
        }
    }

    /// A black line, solid or dashed 3 on 3 (the imposed sheets' fold marks).
    pub fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, dashed: bool) {
        // Nothing to see in a line without length.
        if x1 == x2 && y1 == y2 {
            return;
        }
        self.content.save_state();
        self.root();
        let c = &mut self.content;
        c.set_stroke_rgb(0.0, 0.0, 0.0);
        if width != 1.0 {
            c.set_line_width(width);
        }
        if dashed {
            c.set_dash_pattern([3.0, 3.0], 0.0);
        }
        c.move_to(x1, y1);
        c.line_to(x2, y2);
        c.stroke();
        c.restore_state();
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<f32>, stroke: Option<f32>) {
        let (r, b) = (x + w, y + h);
        let (wd, ht) = (r - x, b - y);
        // A box of no size shows nothing; one of no width or height, only its outline.
        if !(wd.is_finite() && ht.is_finite()) || wd < 0.0 || ht < 0.0 || (wd == 0.0 && ht == 0.0) {
            return;
        }
        let fill = if wd == 0.0 || ht == 0.0 { None } else { fill };
        if fill.is_none() && stroke.is_none() {
            return;
        }
        self.content.save_state();
        self.root();
        let c = &mut self.content;
        if let Some(v) = fill {
            let gray = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
            c.set_fill_gray(gray as f32 / 255.0);
        }
        if let Some(width) = stroke {
            c.set_stroke_rgb(0.0, 0.0, 0.0);
            if width != 1.0 {
                c.set_line_width(width);
            }
        }
        c.move_to(x, y);
        c.line_to(r, y);
        c.line_to(r, b);
        c.line_to(x, b);
        c.close_path();
        match (fill, stroke) {
            (Some(_), Some(_)) => c.fill_nonzero_and_stroke(),
            (Some(_), None) => c.fill_nonzero(),
            _ => c.stroke(),
        };
        c.restore_state();
    }

    pub fn run(&mut self, run: &GlyphRun) -> Result<()> {
        if run.glyphs.is_empty() {
            return Ok(());
        }
        let Some(fonts) = self.fonts else {
            return Ok(());
        };
        let index = self.subsets.of(fonts, run.face, self.refs);
        self.used_fonts.insert(index);
        let face = fonts.face_of(super::font::canonical(fonts, run.face));
        let glyphs = glyph_texts(run);
        let subset = &mut self.subsets.list[index];
        // CIDs, and whether each use agrees with the ToUnicode map, in order.
        let mut cids = Vec::with_capacity(glyphs.len());
        let mut other = Vec::with_capacity(glyphs.len());
        for (g, range) in &glyphs {
            let cid = subset.cid(face, g.id);
            let text = run.text.get(range.clone()).unwrap_or_default();
            other.push(subset.map(cid, text) == Mapping::Other);
            cids.push(cid);
            if g.id == 0 {
                self.notdef.push(text.to_string());
            }
        }
        let ranges: Vec<Range<usize>> = glyphs.iter().map(|(_, r)| r.clone()).collect();
        let reversed = ranges.len() > 1 && ranges.windows(2).all(|w| w[0].start >= w[1].end);
        let spanned =
            reversed || other.iter().any(|o| *o) || ranges.windows(2).any(|w| w[0] == w[1]);

        let scaled = run.hscale != 1.0;
        // The root transform composed with the scaling about the run's start.
        let transform = match (scaled, self.flip) {
            (true, Some(height)) => Some([run.hscale, 0.0, 0.0, -1.0, run.x, -run.y + height]),
            (true, None) => Some([run.hscale, 0.0, 0.0, 1.0, run.x, run.y]),
            (false, Some(height)) => Some([1.0, 0.0, 0.0, -1.0, 0.0, height]),
            (false, None) => None,
        };
        let (mut x, y) = if scaled { (0.0, 0.0) } else { (run.x, run.y) };
        let name = subset_name(index);
        let upem = face.units_per_em;
        let c = &mut self.content;
        c.save_state();
        if let Some(t) = transform {
            c.transform(t);
        }
        c.set_fill_rgb(0.0, 0.0, 0.0);
        if !spanned {
            // The common case: the text object written by `TextOps` in one piece.
            let t = &mut self.text_ops;
            t.begin();
            for (start, end) in offset_spans(&glyphs, 0..glyphs.len()) {
                let yoff = glyphs[start].0.y_offset;
                t.fill_mode();
                t.font(&name, run.size);
                t.matrix([1.0, 0.0, 0.0, -1.0, x, y - yoff * run.size]);
                let (glyphs, cids) = (&glyphs[start..end], &cids[start..end]);
                let mut opened = false;
                let shown = positioned(glyphs, cids, face, upem, run.size, &mut x, |piece| {
                    if !opened {
                        t.open_array();
                        opened = true;
                    }
                    match piece {
                        Piece::Glyphs(cids) => t.glyphs(cids),
                        Piece::Adjust(a) => t.number(a),
                    }
                });
                match shown {
                    Shown::Alone(cid) => {
                        t.glyphs(&[cid]);
                        t.show();
                    }
                    Shown::Array => {
                        if !opened {
                            t.open_array();
                        }
                        t.close_array();
                    }
                }
            }
            c.op(t.as_str());
            c.end_text();
            c.restore_state();
            return Ok(());
        }
        c.begin_text();
        let fragments = fragments(&ranges, &other, reversed, &run.text);
        for (span, actual) in fragments {
            if let Some(text) = actual {
                c.begin_marked_content_with_properties(Name(b"Span"))
                    .properties()
                    .actual_text(pdf_writer::TextStr(text));
            }
            if reversed {
                c.begin_marked_content(Name(b"ReversedChars"));
            }
            for (start, end) in offset_spans(&glyphs, span) {
                let yoff = glyphs[start].0.y_offset;
                c.set_text_rendering_mode(TextRenderingMode::Fill);
                c.set_font(Name(name.as_bytes()), run.size);
                c.set_text_matrix([1.0, 0.0, 0.0, -1.0, x, y - yoff * run.size]);
                show(
                    c,
                    &glyphs[start..end],
                    &cids[start..end],
                    face,
                    upem,
                    run.size,
                    &mut x,
                );
            }
            if reversed {
                c.end_marked_content();
            }
            if actual.is_some() {
                c.end_marked_content();
            }
        }
        c.end_text();
        c.restore_state();
        Ok(())
    }
}

/// The pieces of `span` whose glyphs share a vertical offset: (start, end).
fn offset_spans(glyphs: &[(ShapedGlyph, Range<usize>)], span: Range<usize>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = span.start;
    while start < span.end {
        let yoff = glyphs[start].0.y_offset;
        let mut end = start + 1;
        while end < span.end && glyphs[end].0.y_offset == yoff {
            end += 1;
        }
        out.push((start, end));
        start = end;
    }
    out
}

/// The resource name of subset `index`.
pub fn subset_name(index: usize) -> String {
    format!("f{index}")
}

/// What [`positioned`] hands over while it lays glyphs out.
enum Piece<'c> {
    Glyphs(&'c [u16]),
    Adjust(f32),
}

/// How [`positioned`] showed its glyphs.
enum Shown {
    /// A lone glyph in place, for `Tj` (nothing handed over).
    Alone(u16),
    /// Pieces of a `TJ` array, handed over in order (the array is open).
    Array,
}

/// Lays glyphs out as one text operator: `Tj` for a lone glyph in place,
/// else `TJ` with adjustments where the shaped advance or offset differs
/// from the font's own advance (in thousandths of the size).
fn positioned<'c>(
    glyphs: &[(ShapedGlyph, Range<usize>)],
    cids: &'c [u16],
    face: &crate::typeset::fonts::FontFace,
    upem: f32,
    size: f32,
    x: &mut f32,
    mut piece: impl FnMut(Piece<'c>),
) -> Shown {
    if let ([(g, _)], [cid]) = (glyphs, cids) {
        if (g.x_offset * 1000.0).abs() <= 0.001 {
            *x += g.advance * size;
            return Shown::Alone(*cid);
        }
    }
    let mut from = 0;
    let mut adjustment = 0.0f32;
    for (k, (g, _)) in glyphs.iter().enumerate() {
        let x_advance = g.advance * 1000.0;
        let font_advance = face
            .face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.id))
            .map(|n| n as f32 / upem * 1000.0);
        let x_offset = g.x_offset * 1000.0;
        adjustment += x_offset;
        if adjustment.abs() > 0.001 {
            if from < k {
                piece(Piece::Glyphs(&cids[from..k]));
                from = k;
            }
            piece(Piece::Adjust(-(adjustment / 1000.0 * 1000.0)));
            adjustment = 0.0;
        }
        if let Some(font_advance) = font_advance {
            adjustment += x_advance - font_advance;
        }
        adjustment -= x_offset;
        *x += g.advance * size;
    }
    if from < glyphs.len() {
        piece(Piece::Glyphs(&cids[from..glyphs.len()]));
    }
    Shown::Array
}

/// Shows glyphs in one text operator through pdf-writer (see [`positioned`]).
fn show(
    c: &mut Content,
    glyphs: &[(ShapedGlyph, Range<usize>)],
    cids: &[u16],
    face: &crate::typeset::fonts::FontFace,
    upem: f32,
    size: f32,
    x: &mut f32,
) {
    let mut pieces = Vec::new();
    let shown = positioned(glyphs, cids, face, upem, size, x, |p| pieces.push(p));
    match shown {
        Shown::Alone(cid) => {
            c.show(Str(&cid.to_be_bytes()));
        }
        Shown::Array => {
            let mut positioned = c.show_positioned();
            let mut items = positioned.items();
            for p in pieces {
                match p {
                    Piece::Glyphs(cids) => {
                        let bytes: Vec<u8> = cids.iter().flat_map(|c| c.to_be_bytes()).collect();
                        items.show(Str(&bytes));
                    }
                    Piece::Adjust(a) => {
                        items.adjust(a);
                    }
                }
            }
        }
    }
}

/// Splits a run's glyphs into pieces shown as they are and pieces that need
/// `/ActualText` (a cluster of several glyphs, or a glyph the ToUnicode map
/// gives other text): (glyph range, actual text). `ranges` are the glyphs'
/// text ranges, `other` whether each disagrees with the map.
fn fragments<'t>(
    ranges: &[Range<usize>],
    other: &[bool],
    reversed: bool,
    text: &'t str,
) -> Vec<(Range<usize>, Option<&'t str>)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < ranges.len() {
        let (first_range, first_other) = (ranges[at].clone(), other[at]);
        let mut use_span: Option<bool> = None;
        let mut count = 1;
        let mut prev = first_range.clone();
        for k in at + 1..ranges.len() {
            let (next, next_other) = (&ranges[k], other[k]);
            match use_span {
                None => {
                    if prev == *next {
                        use_span = Some(true);
                    } else {
                        use_span = Some(first_other);
                        if first_other || next_other {
                            break;
                        }
                    }
                }
                Some(true) => {
                    if prev != *next {
                        break;
                    }
                }
                Some(false) => {
                    if prev == *next {
                        count -= 1;
                        break;
                    }
                    if next_other {
                        break;
                    }
                }
            }
            prev = next.clone();
            count += 1;
            if reversed && count > 1 && text.get(prev.clone()) == Some(" ") {
                break;
            }
        }
        if count == 1 {
            use_span = Some(first_other);
        }
        let actual = if use_span.unwrap_or(false) {
            Some(text.get(first_range).unwrap_or_default())
        } else {
            None
        };
        out.push((at..at + count, actual));
        at += count;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cluster_of_two_glyphs_is_one_actual_text_span() {
        // "ffi" as f + fi (one cluster of two glyphs), then "x".
        let text = "ffix";
        let ranges = vec![0..3, 0..3, 3..4];
        let f = fragments(&ranges, &[false, false, false], false, text);
        assert_eq!(f, vec![(0..2, Some("ffi")), (2..3, None)]);
    }

    #[test]
    fn agreeing_glyphs_stay_together_and_a_disagreeing_one_is_spanned() {
        let text = "abc";
        let ranges = vec![0..1, 1..2, 2..3];
        assert_eq!(
            fragments(&ranges, &[false, false, false], false, text),
            vec![(0..3, None)]
        );
        assert_eq!(
            fragments(&ranges, &[false, true, false], false, text),
            vec![(0..1, None), (1..2, Some("b")), (2..3, None)]
        );
    }
}
