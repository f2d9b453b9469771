//! A chosen line of items to positioned glyph runs: glue set to the line's
//! ratio, bidi reordering, alignment; and the edges and widths that
//! character protrusion and font expansion measure.

use super::{Align, Content, ParaStyle, Piece, SetLine, Setter};
use crate::typeset::linebreak::Item;
use crate::typeset::microtype::{Edges, LineTotals};
use crate::typeset::runs::{Gap, LineRuns};

impl Setter<'_> {
    /// Sets items `start..end` as a line at glue ratio `ratio`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn build_line(
        &mut self,
        items: &[Item],
        contents: &[Content],
        start: usize,
        end: usize,
        ratio: f32,
        hyphenated: bool,
        ps: &ParaStyle,
        links: &[String],
        (scale, hang_left): (f32, f32),
    ) -> SetLine {
        // The line's parts in logical order (the first line's indent is a box among the items).
        let mut notes = Vec::new();
        let mut parts: Vec<Part> = Vec::new();
        for idx in start..end {
            match (&items[idx], &contents[idx]) {
                (Item::Box { .. }, Content::Pieces(pieces)) => {
                    for p in pieces.iter() {
                        if p.ts.superscript {
                            if let Ok(n) = p.shaped.text.parse::<u32>() {
                                notes.push(n);
                            }
                        }
                        parts.push(Part::Piece(p));
                    }
                }
                (Item::Box { width }, _) => parts.push(Part::Skip(*width)),
                (
                    Item::Glue {
                        width,
                        stretch,
                        shrink,
                    },
                    content,
                ) => {
                    let w = width
                        + if ratio >= 0.0 {
                            ratio * stretch
                        } else {
                            ratio * shrink
                        };
                    parts.push(if matches!(content, Content::Gap) {
                        Part::Track(w)
                    } else {
                        Part::Space(w)
                    });
                }
                (Item::Penalty { .. }, _) => {}
            }
        }
        if hyphenated {
            if let Some(Content::Break(Some(h))) = contents.get(end) {
                parts.push(Part::Piece(h));
            }
        }
        let base = self.base_level();
        if base > 0
            || parts
                .iter()
                .any(|p| matches!(p, Part::Piece(p) if p.ts.run.level > 0))
        {
            parts = crate::typeset::bidi::reorder(parts, base);
        }
        let mut x = -hang_left;
        let mut line = LineRuns::default();
        line.scale = scale;
        for part in &parts {
            match part {
                Part::Piece(p) => {
                    line.place(p, x, || self.space_glyph(p.ts));
                    x += p.width * scale;
                }
                Part::Skip(w) => {
                    x += w;
                    line.gap = Gap::Other;
                }
                Part::Space(w) => x += w,
                Part::Track(w) => {
                    x += w;
                    line.gap = Gap::Track;
                }
            }
        }
        let mut decorations = line.decorations(links);
        let mut runs = line.runs;
        let width = x;
        if base % 2 == 1 {
            // Right to left: the line is mirrored with the page, so its runs go in mirrored.
            for r in &mut runs {
                r.x = width - r.x - r.width();
            }
            decorations = decorations.iter().map(|d| d.mirrored(width)).collect();
        }
        let shift = match ps.align {
            Align::Center => (ps.measure - width).max(0.0) / 2.0,
            Align::Right => (ps.measure - width).max(0.0),
            _ => 0.0,
        };
        if shift > 0.0 {
            for r in &mut runs {
                r.x += shift;
            }
            decorations = decorations.iter().map(|d| d.shifted(shift)).collect();
        }
        SetLine {
            runs,
            width,
            notes,
            hyphenated,
            decorations,
        }
    }
}

/// The first and last characters (with their advances) of every item that
/// shows text, and of the hyphen each hyphenation break adds: what the hangs
/// of character protrusion are measured from.
pub(super) fn item_edges(contents: &[Content]) -> (Vec<Edges>, Vec<Option<(char, f32)>>) {
    let first = |p: &Piece| {
        let c = p.shaped.text.chars().next()?;
        Some((c, p.shaped.glyphs.first()?.advance * p.ts.size))
    };
    let last = |p: &Piece| {
        let c = p.shaped.text.chars().next_back()?;
        Some((c, p.shaped.glyphs.last()?.advance * p.ts.size))
    };
    contents
        .iter()
        .map(|c| match c {
            Content::Pieces(pieces) => (
                Edges {
                    first: pieces.first().and_then(first),
                    last: pieces.last().and_then(last),
                },
                None,
            ),
            Content::Break(Some(h)) => (Edges::default(), last(h)),
            _ => (Edges::default(), None),
        })
        .unzip()
}

/// The widths of the line of items `start..end` (with the hyphen its break
/// adds when `hyphenated`): text, other boxes, glue.
pub(super) fn line_totals(
    items: &[Item],
    contents: &[Content],
    start: usize,
    end: usize,
    hyphenated: bool,
) -> LineTotals {
    let mut t = LineTotals::default();
    for (item, content) in items[start..end].iter().zip(&contents[start..end]) {
        match (item, content) {
            (Item::Box { width }, Content::Pieces(_)) => t.text += width,
            (Item::Box { width }, _) => t.other += width,
            (
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                },
                _,
            ) => {
                t.glue += width;
                t.stretch += stretch;
                t.shrink += shrink;
            }
            (Item::Penalty { .. }, _) => {}
        }
    }
    if let (Some(Item::Penalty { width, .. }), true) = (items.get(end), hyphenated) {
        match contents.get(end) {
            Some(Content::Break(Some(_))) => t.text += width,
            _ => t.other += width,
        }
    }
    t
}

/// A part of a line, in logical order until reordered for display.
pub(in crate::typeset) enum Part<'p> {
    Piece(&'p Piece),
    /// A word space, set at this width.
    Space(f32),
    /// Room between characters of text without word spaces.
    Track(f32),
    /// Room that is no space (the first line's indent).
    Skip(f32),
}

impl Part<'_> {
    /// The bidi level of a piece; `None` for room between pieces.
    pub(in crate::typeset) fn level(&self) -> Option<u8> {
        match self {
            Part::Piece(p) => Some(p.ts.run.level),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fonts, para};
    use super::super::TextStyle;
    use super::*;
    use crate::document::Inline;
    use crate::typeset::fonts::Style;

    #[test]
    fn note_refs_are_recorded_per_line() {
        let fonts = fonts();
        let mut s = Setter::new(&fonts, "en");
        let lines = s.set(
            &[Inline::Text("A claim.".into()), Inline::NoteRef(3)],
            TextStyle::new(Style::Regular, 10.0),
            &para(300.0, 0.0, Align::Left, false),
        );
        assert_eq!(lines[0].notes, vec![3]);
    }
}
