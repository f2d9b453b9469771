//! Small step drawings of how a minizine is folded and cut, one for each
//! numbered step after printing, drawn to the sheet's proportions.

use super::InkSet;
use crate::impose::Imposed;
use crate::layout::{Bind, Scheme};
use crate::raster::{Canvas, Transform};
use crate::typeset::fonts::Style;
use crate::typeset::paragraph::Setter;

/// Something in a step drawing, in fractions of the flat sheet (y down).
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Paper (the part of the sheet seen at this step).
    Paper {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Fold {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Cut {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    /// An arrow from the first point to the second: the movement of the step.
    Arrow {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Staple {
        x: f32,
        y: f32,
    },
    /// A page number centred at (x, y).
    Page {
        x: f32,
        y: f32,
        text: String,
    },
}

/// One drawing: the step it shows (numbered as in the text) and its marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub step: usize,
    pub marks: Vec<Mark>,
}

/// The drawings for `imposed`, numbered from `first` (the step after
/// printing); none for schemes without a fold-and-cut sequence to show.
/// Blank pages show `blank`.
pub fn drawings(imposed: &Imposed, first: usize, blank: &str) -> Vec<Drawing> {
    if imposed.scheme != Scheme::Minizine {
        return Vec::new();
    }
    let right = imposed.bind == Bind::Right;
    // The cover's column: rightmost for left binding, leftmost for right.
    let (cover_x, spine_x) = if right { (0.125, 0.25) } else { (0.875, 0.75) };
    let paper = |x, y, w, h| Mark::Paper { x, y, w, h };
    let fold = |x1, y1, x2, y2| Mark::Fold { x1, y1, x2, y2 };
    let arrow = |x1, y1, x2, y2| Mark::Arrow { x1, y1, x2, y2 };
    let one = |x, y| Mark::Page {
        x,
        y,
        text: "1".to_string(),
    };
    let sets: Vec<Vec<Mark>> = if imposed.duplex.is_none() {
        let mut crease = vec![paper(0.0, 0.0, 1.0, 1.0), fold(0.0, 0.5, 1.0, 0.5)];
        crease.extend([0.25, 0.5, 0.75].map(|x| fold(x, 0.0, x, 1.0)));
        let bottom_row = bottom_row(imposed, blank);
        let mut folded = vec![paper(0.0, 0.5, 1.0, 0.5), arrow(0.5, 0.05, 0.5, 0.42)];
        folded.extend(bottom_row.iter().map(|(x, t)| Mark::Page {
            x: *x,
            y: 0.75,
            text: t.clone(),
        }));
        vec![
            crease,
            vec![
                paper(0.0, 0.0, 1.0, 1.0),
                Mark::Cut {
                    x1: 0.25,
                    y1: 0.5,
                    x2: 0.75,
                    y2: 0.5,
                },
            ],
            folded,
            vec![
                paper(0.2, 0.5, 0.6, 0.5),
                Mark::Cut {
                    x1: 0.35,
                    y1: 0.5,
                    x2: 0.65,
                    y2: 0.5,
                },
                arrow(0.0, 0.75, 0.17, 0.75),
                arrow(1.0, 0.75, 0.83, 0.75),
            ],
            vec![paper(0.375, 0.5, 0.25, 0.5), one(0.5, 0.75)],
        ]
    } else {
        let (half, quarter) = if right { (0.0, 0.0) } else { (0.5, 0.75) };
        let edge = if right { 0.25 } else { 0.75 };
        let fore = if right { 0.0 } else { 1.0 };
        vec![
            vec![
                paper(0.0, 0.0, 1.0, 1.0),
                fold(0.5, 0.0, 0.5, 1.0),
                arrow(1.0 - half - 0.1, 0.5, 1.0 - half - 0.4, 0.5).mirror(right),
            ],
            vec![
                paper(half, 0.0, 0.5, 1.0),
                fold(half, 0.5, half + 0.5, 0.5),
                arrow(half + 0.25, 0.05, half + 0.25, 0.4),
            ],
            vec![
                paper(half, 0.5, 0.5, 0.5),
                fold(edge, 0.5, edge, 1.0),
                one(cover_x, 0.75),
            ],
            vec![
                paper(quarter, 0.5, 0.25, 0.5),
                one(cover_x, 0.75),
                Mark::Staple {
                    x: spine_x,
                    y: 0.62,
                },
                Mark::Staple {
                    x: spine_x,
                    y: 0.88,
                },
                Mark::Cut {
                    x1: quarter,
                    y1: 0.5,
                    x2: quarter + 0.25,
                    y2: 0.5,
                },
                Mark::Cut {
                    x1: fore,
                    y1: 0.5,
                    x2: fore,
                    y2: 1.0,
                },
            ],
        ]
    };
    sets.into_iter()
        .enumerate()
        .map(|(i, marks)| Drawing {
            step: first + i,
            marks,
        })
        .collect()
}

impl Mark {
    /// The mark mirrored left to right when `flip`.
    fn mirror(self, flip: bool) -> Mark {
        match self {
            Mark::Arrow { x1, y1, x2, y2 } if flip => Mark::Arrow {
                x1: 1.0 - x1,
                y1,
                x2: 1.0 - x2,
                y2,
            },
            other => other,
        }
    }
}

/// The page numbers of the first side's upright row, as (centre x, text).
fn bottom_row(imposed: &Imposed, blank: &str) -> Vec<(f32, String)> {
    let Some(side) = imposed.sides.first() else {
        return Vec::new();
    };
    let w = imposed.sheet.width.0;
    side.slots
        .iter()
        .filter(|s| s.rotation == 0)
        .map(|s| {
            (
                (s.x + imposed.page.width.0 / 2.0) / w,
                s.page
                    .map(|p| (p + 1).to_string())
                    .unwrap_or_else(|| blank.to_string()),
            )
        })
        .collect()
}

/// The box each drawing takes, for `count` drawings across `width`: (w, h).
fn cell(imposed: &Imposed, count: usize, width: f32) -> (f32, f32) {
    let n = count.max(1) as f32;
    let w = ((width - super::GAP * (n - 1.0)) / n).min(170.0);
    (w, w * imposed.sheet.height.0 / imposed.sheet.width.0)
}

/// The height the drawings take across `width`, with their captions.
pub fn height(imposed: &Imposed, drawings: &[Drawing], width: f32) -> f32 {
    if drawings.is_empty() {
        return 0.0;
    }
    cell(imposed, drawings.len(), width).1 + super::CAPTION.1 + 6.0
}

/// Draws the drawings side by side from (x, y) across `width`.
pub fn draw(
    canvas: &mut Canvas,
    setter: &mut Setter,
    imposed: &Imposed,
    drawings: &[Drawing],
    x: f32,
    y: f32,
    width: f32,
) {
    let (w, h) = cell(imposed, drawings.len(), width);
    for (i, d) in drawings.iter().enumerate() {
        let ox = x + i as f32 * (w + super::GAP);
        let at = |fx: f32, fy: f32| (ox + fx * w, y + fy * h);
        // The flat sheet's outline, faint, so each step shows what is left of it.
        canvas.stroke_rect(ox, y, w, h, 1.0, InkSet::FAINT);
        for m in &d.marks {
            match m {
                Mark::Paper {
                    x,
                    y: fy,
                    w: fw,
                    h: fh,
                } => {
                    let (px, py) = at(*x, *fy);
                    canvas.fill_rect(px, py, fw * w, fh * h, InkSet::CELL);
                    canvas.stroke_rect(px, py, fw * w, fh * h, 1.0, InkSet::GREY);
                }
                Mark::Fold { x1, y1, x2, y2 } => {
                    canvas.line(at(*x1, *y1), at(*x2, *y2), 1.5, InkSet::FOLD, Some(5.0))
                }
                Mark::Cut { x1, y1, x2, y2 } => {
                    canvas.line(at(*x1, *y1), at(*x2, *y2), 2.5, InkSet::CUT, None)
                }
                Mark::Arrow { x1, y1, x2, y2 } => arrow(canvas, at(*x1, *y1), at(*x2, *y2)),
                Mark::Staple { x, y: fy } => {
                    let (px, py) = at(*x, *fy);
                    canvas.fill_rect(px - 1.5, py - 6.0, 3.0, 12.0, InkSet::INK);
                }
                Mark::Page { x, y: fy, text } => {
                    let size = (h * 0.22).clamp(9.0, 22.0);
                    let mut run = super::figures(setter, Style::Regular, size, text);
                    let (px, py) = at(*x, *fy);
                    run.x = px - run.width() / 2.0;
                    run.y = py + size * 0.33;
                    canvas.run(setter.fonts, &run, Transform::identity(), InkSet::INK);
                }
            }
        }
        let mut caption =
            super::figures(setter, Style::Bold, super::CAPTION.0, &d.step.to_string());
        caption.x = ox + (w - caption.width()) / 2.0;
        caption.y = y + h + super::CAPTION.1 - 2.0;
        canvas.run(setter.fonts, &caption, Transform::identity(), InkSet::INK);
    }
}

/// An arrow with a filled head at `b`.
fn arrow(canvas: &mut Canvas, a: (f32, f32), b: (f32, f32)) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(0.001);
    let (ux, uy) = (dx / len, dy / len);
    let head = 7.0f32.min(len * 0.6);
    let base = (b.0 - ux * head, b.1 - uy * head);
    canvas.line(a, base, 1.8, InkSet::INK, None);
    let (nx, ny) = (-uy * head * 0.55, ux * head * 0.55);
    canvas.polygon(
        &[b, (base.0 + nx, base.1 + ny), (base.0 - nx, base.1 - ny)],
        InkSet::INK,
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::imposed_for;
    use super::*;

    /// The page numbers (or blank marks) a drawing shows, in drawing order.
    fn page_labels(d: &Drawing) -> Vec<&str> {
        d.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Page { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn minizines_get_a_drawing_per_step_and_others_none() {
        assert!(drawings(&imposed_for("booklet-a4", 8, None), 2, "B").is_empty());
        let eight = imposed_for("minizine-a4", 8, None);
        let d = drawings(&eight, 2, "B");
        assert_eq!(
            d.iter().map(|d| d.step).collect::<Vec<_>>(),
            [2, 3, 4, 5, 6]
        );
        // The slit step cuts; the last shows the cover.
        assert!(d[1].marks.iter().any(|m| matches!(m, Mark::Cut { .. })));
        assert!(d[4]
            .marks
            .iter()
            .any(|m| matches!(m, Mark::Page { text, .. } if text == "1")));
        // The folded strip shows the printed upright row, 6 7 8 1.
        let row = page_labels(&d[2]);
        assert_eq!(row, ["6", "7", "8", "1"]);
        // Blanks show the blank mark.
        let five = drawings(&imposed_for("minizine-a4", 5, None), 2, "B");
        let row = page_labels(&five[2]);
        assert_eq!(row.len(), 4, "{row:?}");
        assert!(row.contains(&"B") && row.contains(&"1"), "{row:?}");
        let sixteen = imposed_for("minizine-a4", 16, Some(16));
        let d = drawings(&sixteen, 2, "B");
        assert_eq!(d.len(), 4);
        assert!(d[3].marks.iter().any(|m| matches!(m, Mark::Staple { .. })));
    }
}
