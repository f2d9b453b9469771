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
    /// The decoration moved right by `dx`.
    pub fn shifted(&self, dx: f32) -> Decoration {
        match self {
            Decoration::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } => Decoration::Rule {
                x1: x1 + dx,
                y1: *y1,
                x2: x2 + dx,
                y2: *y2,
                width: *width,
            },
            Decoration::Link {
                x1,
                x2,
                top,
                bottom,
                url,
            } => Decoration::Link {
                x1: x1 + dx,
                x2: x2 + dx,
                top: *top,
                bottom: *bottom,
                url: url.clone(),
            },
        }
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

/// The glyph runs of a line being built. A piece continues the last run when
/// it has the same style, size and baseline and either touches it or follows
/// it across word spaces only: the space becomes a space glyph as wide as the
/// (justified) gap. A line is then one run per change of style, which keeps
/// the PDF small and gives text extraction real spaces.
pub struct LineRuns {
    pub runs: Vec<GlyphRun>,
    /// Where the last run ends.
    end: f32,
    /// Only glue lies between the end of the last run and the next piece.
    pub gap_is_space: bool,
    /// Decorations still growing: (what, x1, x2, size).
    open: Vec<(Mark, f32, f32, f32)>,
    done: Vec<(Mark, f32, f32, f32)>,
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
            end: f32::NAN,
            gap_is_space: true,
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
        let gap_is_space = self.gap_is_space;
        let last = self
            .runs
            .last_mut()
            .filter(|prev| prev.style == p.ts.style && prev.size == size && prev.y == rise);
        let continued = match last {
            Some(prev) if gap.abs() < 0.01 => Some(prev),
            Some(prev) if gap > 0.0 && gap_is_space => space().map(|space| {
                let cluster = prev.text.len();
                prev.text.push(' ');
                prev.glyphs.push(ShapedGlyph {
                    cluster,
                    advance: gap / size,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    ..space
                });
                prev
            }),
            _ => None,
        };
        match continued {
            Some(prev) => {
                let base = prev.text.len();
                prev.text.push_str(&p.shaped.text);
                prev.glyphs
                    .extend(p.shaped.glyphs.iter().map(|g| ShapedGlyph {
                        cluster: g.cluster + base,
                        ..g.clone()
                    }));
            }
            None => self.runs.push(GlyphRun {
                x,
                y: rise,
                style: p.ts.style,
                size,
                glyphs: p.shaped.glyphs.clone(),
                text: p.shaped.text.clone(),
            }),
        }
        self.mark(&p.ts, x, x + p.width);
        self.end = x + p.width;
        self.gap_is_space = true;
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
