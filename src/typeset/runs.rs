//! Inline content to styled text, and the runs of a set line: glyph runs
//! merged per style, plus the decorations drawn with them (strike-through,
//! underlines, link areas).

use super::fonts::{ShapedGlyph, Style};
use super::page::GlyphRun;
use super::paragraph::{Piece, TextStyle};
use crate::document::Inline;

/// Something drawn with a line besides its glyphs, relative to the line's
/// left edge and baseline (y down).
#[derive(Debug, Clone, PartialEq)]
pub enum Decoration {
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A link's area: the PDF gets a link annotation there.
    Link {
        x1: f32,
        x2: f32,
        top: f32,
        bottom: f32,
        url: String,
    },
}

impl Decoration {
    /// The decoration with its horizontal extent `(x1, x2)` replaced by
    /// `span(x1, x2)`; everything vertical stays.
    fn with_span(&self, span: impl Fn(f32, f32) -> (f32, f32)) -> Decoration {
        let mut moved = self.clone();
        match &mut moved {
            Decoration::Rule { x1, x2, .. } | Decoration::Link { x1, x2, .. } => {
                (*x1, *x2) = span(*x1, *x2);
            }
        }
        moved
    }

    /// The decoration mirrored within a line `width` wide (for a right-to-left line).
    pub fn mirrored(&self, width: f32) -> Decoration {
        self.with_span(|x1, x2| (width - x2, width - x1))
    }

    /// The decoration moved right by `dx`.
    pub fn shifted(&self, dx: f32) -> Decoration {
        self.with_span(|x1, x2| (x1 + dx, x2 + dx))
    }
}

/// Inline content to styled text; "\n" marks a forced line break. Returns
/// the links' targets, which [`TextStyle::link`] indexes.
pub fn flatten(content: &[Inline], ts: TextStyle) -> (Vec<(String, TextStyle)>, Vec<String>) {
    let mut out = Vec::new();
    let mut links = Vec::new();
    walk(content, ts, &mut out, &mut links);
    (out, links)
}

fn walk(
    content: &[Inline],
    ts: TextStyle,
    out: &mut Vec<(String, TextStyle)>,
    links: &mut Vec<String>,
) {
    for inline in content {
        match inline {
            Inline::Text(t) => out.push((t.clone(), ts)),
            // Code in the monospace face, a little smaller to match the text's colour.
            Inline::Code(t) => out.push((
                t.clone(),
                TextStyle {
                    style: Style::Mono,
                    small_caps: false,
                    size: ts.size * 0.9,
                    ..ts
                },
            )),
            Inline::Emph(c) => walk(
                c,
                TextStyle {
                    style: ts.style.italic(),
                    ..ts
                },
                out,
                links,
            ),
            Inline::Strong(c) => walk(
                c,
                TextStyle {
                    style: ts.style.bold(),
                    ..ts
                },
                out,
                links,
            ),
            Inline::SmallCaps(c) => walk(
                c,
                TextStyle {
                    small_caps: true,
                    ..ts
                },
                out,
                links,
            ),
            Inline::Strike(c) => walk(c, TextStyle { strike: true, ..ts }, out, links),
            Inline::Underline(c) => walk(
                c,
                TextStyle {
                    underline: true,
                    ..ts
                },
                out,
                links,
            ),
            Inline::Superscript(c) => walk(
                c,
                TextStyle {
                    size: ts.size * 0.7,
                    rise: ts.rise + ts.size * 0.36,
                    ..ts
                },
                out,
                links,
            ),
            Inline::Subscript(c) => walk(
                c,
                TextStyle {
                    size: ts.size * 0.7,
                    rise: ts.rise - ts.size * 0.14,
                    ..ts
                },
                out,
                links,
            ),
            Inline::Link { url, content, .. } => {
                let index = links.iter().position(|u| u == url).unwrap_or_else(|| {
                    links.push(url.clone());
                    links.len() - 1
                });
                walk(
                    content,
                    TextStyle {
                        link: u16::try_from(index).ok(),
                        ..ts
                    },
                    out,
                    links,
                )
            }
            Inline::Image { alt, .. } if !alt.trim().is_empty() => {
                out.push((format!("[{}]", alt.trim()), ts))
            }
            Inline::Image { .. } | Inline::Html(_) => {}
            Inline::NoteRef(n) => out.push((
                n.to_string(),
                TextStyle {
                    size: ts.size * 0.62,
                    superscript: true,
                    small_caps: false,
                    ..ts
                },
            )),
            Inline::LineBreak => out.push(("\n".to_string(), ts)),
        }
    }
}

/// What lies between the end of the last run and the next piece.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Gap {
    /// Word spaces only: a space glyph as wide as the gap.
    Space,
    /// Room between characters: the last glyph's advance takes it.
    Track,
    /// Anything else: the next piece starts a run of its own.
    Other,
}

/// The glyph runs of a line being built, placed left to right. A piece
/// continues the last run when it has the same face, size, baseline and
/// direction and either touches it or follows it across word spaces (which
/// become a space glyph as wide as the gap) or character spacing. A line is
/// then one run per change of face, which keeps the PDF small and gives text
/// extraction real spaces. A right-to-left run keeps its text in logical
/// order, its glyphs (in display order) going back through it.
pub struct LineRuns {
    pub runs: Vec<GlyphRun>,
    /// Whether each run is right to left.
    rtl: Vec<bool>,
    /// Where the last run ends.
    end: f32,
    pub gap: Gap,
    /// Horizontal scale of the line's glyphs (font expansion).
    pub scale: f32,
    /// Decorations still growing: (what, x1, x2, size).
    open: Vec<(Mark, f32, f32, f32)>,
    done: Vec<(Mark, f32, f32, f32)>,
}

/// How a piece joins the run before it.
enum Joint {
    Touch,
    Space(ShapedGlyph),
    /// Extra advance for the last glyph, in em.
    Track(f32),
}

/// What a decoration marks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Strike,
    Underline,
    Link(u16),
}

impl Default for LineRuns {
    fn default() -> Self {
        LineRuns {
            runs: Vec::new(),
            rtl: Vec::new(),
            end: f32::NAN,
            gap: Gap::Space,
            scale: 1.0,
            open: Vec::new(),
            done: Vec::new(),
        }
    }
}

impl LineRuns {
    /// Places piece `p` at `x`; `space` gives the space glyph of its style.
    pub fn place(&mut self, p: &Piece, x: f32, space: impl FnOnce() -> Option<ShapedGlyph>) {
        let (size, rise) = if p.ts.superscript {
            (p.ts.size, -p.ts.size * 0.55)
        } else {
            (p.ts.size, -p.ts.rise)
        };
        let gap = x - self.end;
        let face = p.ts.face();
        let rtl = p.ts.run.rtl();
        let same = self
            .runs
            .last()
            .is_some_and(|prev| prev.face == face && prev.size == size && prev.y == rise)
            && self.rtl.last() == Some(&rtl);
        let joint = match self.gap {
            _ if !same => None,
            _ if gap.abs() < 0.01 => Some(Joint::Touch),
            Gap::Space if gap > 0.0 => space().map(|space| {
                Joint::Space(ShapedGlyph {
                    cluster: 0,
                    advance: gap / (size * self.scale),
                    x_offset: 0.0,
                    y_offset: 0.0,
                    ..space
                })
            }),
            Gap::Track if gap > 0.0 => Some(Joint::Track(gap / (size * self.scale))),
            _ => None,
        };
        match (joint, self.runs.last_mut()) {
            (Some(joint), Some(prev)) if !rtl => {
                match joint {
                    Joint::Touch => {}
                    Joint::Space(space) => {
                        let cluster = prev.text.len();
                        prev.text.push(' ');
                        prev.glyphs.push(ShapedGlyph { cluster, ..space });
                    }
                    Joint::Track(em) => {
                        if let Some(g) = prev.glyphs.last_mut() {
                            g.advance += em;
                        }
                    }
                }
                let base = prev.text.len();
                prev.text.push_str(&p.shaped.text);
                prev.glyphs
                    .extend(p.shaped.glyphs.iter().map(|g| ShapedGlyph {
                        cluster: g.cluster + base,
                        ..g.clone()
                    }));
            }
            (Some(joint), Some(prev)) => {
                // Right to left: this piece comes before the run in the text.
                let mut text = p.shaped.text.clone();
                let spaced = matches!(joint, Joint::Space(_));
                match joint {
                    Joint::Touch => {}
                    Joint::Space(space) => {
                        prev.glyphs.push(ShapedGlyph {
                            cluster: text.len(),
                            ..space
                        });
                        text.push(' ');
                    }
                    Joint::Track(em) => {
                        if let Some(g) = prev.glyphs.last_mut() {
                            g.advance += em;
                        }
                    }
                }
                let shift = text.len();
                let before_space = prev.glyphs.len() - usize::from(spaced);
                for g in prev.glyphs.iter_mut().take(before_space) {
                    g.cluster += shift;
                }
                text.push_str(&prev.text);
                prev.text = text;
                prev.glyphs.extend(p.shaped.glyphs.iter().cloned());
            }
            _ => {
                self.runs.push(GlyphRun {
                    x,
                    y: rise,
                    face,
                    size,
                    glyphs: p.shaped.glyphs.clone(),
                    text: p.shaped.text.clone(),
                    tag: Default::default(),
                    hscale: self.scale,
                });
                self.rtl.push(rtl);
            }
        }
        let width = p.width * self.scale;
        self.mark(&p.ts, x, x + width);
        self.end = x + width;
        self.gap = Gap::Space;
    }

    /// Extends the decorations the piece shares with the one before, starts
    /// those it adds and ends those it lacks.
    fn mark(&mut self, ts: &TextStyle, x1: f32, x2: f32) {
        let mut marks = Vec::with_capacity(3);
        if ts.strike {
            marks.push(Mark::Strike);
        }
        if ts.underline {
            marks.push(Mark::Underline);
        }
        if let Some(l) = ts.link {
            marks.push(Mark::Link(l));
        }
        let (keep, ended): (Vec<_>, Vec<_>) =
            self.open.drain(..).partition(|(m, ..)| marks.contains(m));
        self.done.extend(ended);
        self.open = keep;
        for m in marks {
            match self.open.iter_mut().find(|(o, ..)| *o == m) {
                Some(open) => open.2 = x2,
                None => self.open.push((m, x1, x2, ts.size)),
            }
        }
    }

    /// The decorations of the line; `links` holds the targets of its links.
    pub fn decorations(&mut self, links: &[String]) -> Vec<Decoration> {
        let mut all = std::mem::take(&mut self.done);
        all.append(&mut self.open);
        all.into_iter()
            .filter_map(|(mark, x1, x2, size)| match mark {
                Mark::Strike => Some(Decoration::Rule {
                    x1,
                    y1: -size * 0.25,
                    x2,
                    y2: -size * 0.25,
                    width: size * 0.05,
                }),
                Mark::Underline => Some(Decoration::Rule {
                    x1,
                    y1: size * 0.12,
                    x2,
                    y2: size * 0.12,
                    width: size * 0.05,
                }),
                Mark::Link(i) => links.get(i as usize).map(|url| Decoration::Link {
                    x1,
                    x2,
                    top: -size * 0.85,
                    bottom: size * 0.25,
                    url: url.clone(),
                }),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Decoration;

    fn link(x1: f32, x2: f32) -> Decoration {
        Decoration::Link {
            x1,
            x2,
            top: -8.0,
            bottom: 2.0,
            url: "https://example.org/".into(),
        }
    }

    #[test]
    fn a_shifted_decoration_moves_only_across() {
        assert_eq!(link(10.0, 30.0).shifted(5.0), link(15.0, 35.0));
        let rule = Decoration::Rule {
            x1: 0.0,
            y1: 3.0,
            x2: 40.0,
            y2: 3.0,
            width: 0.5,
        };
        let Decoration::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
        } = rule.shifted(-2.0)
        else {
            panic!("a rule stays a rule");
        };
        assert_eq!((x1, y1, x2, y2, width), (-2.0, 3.0, 38.0, 3.0, 0.5));
    }

    #[test]
    fn a_mirrored_decoration_keeps_its_width_from_the_other_edge() {
        // 10–30 in a line 100 wide is 70–90 from the right.
        assert_eq!(link(10.0, 30.0).mirrored(100.0), link(70.0, 90.0));
    }
}
