//! Printer's marks for a sheet side: crop marks, fold marks, slits, a label.
//!
//! Crop marks are short solid lines in the margin, in line with each trim
//! edge of the block of pages and each cut line, kept clear of the trim by
//! [`GAP`]. Fold marks are the same, dashed, in line with each fold. A slit
//! is drawn along its whole length (solid), as it is cut inside the sheet.
//! Where pages fill the sheet (half-letter on letter, minizines) there is no
//! margin: crop marks and the label are left out, and fold marks are drawn
//! from the sheet edge inward, over the pages' own blank margins. Everything
//! stays on the sheet.

use super::{LineKind, Mark, SheetSide};
use crate::units::Size;

/// Distance between the trim and a mark.
pub const GAP: f32 = 3.0;
/// Longest mark.
pub const LEN: f32 = 12.0;
/// Shortest mark worth drawing.
const MIN_LEN: f32 = 3.0;
/// Label text size in the PDF writer.
const LABEL_SIZE: f32 = 6.0;

#[derive(Debug, Clone, Copy)]
pub struct MarkOptions {
    pub crop: bool,
    pub fold: bool,
    pub label: bool,
}

/// The span of a mark in a margin from the trim edge at `edge` going toward
/// the sheet edge at `limit` (either direction), or `None` if it does not fit.
pub fn margin_span(edge: f32, limit: f32) -> Option<(f32, f32)> {
    let room = (limit - edge).abs();
    let len = (room - GAP - 1.0).min(LEN);
    if len < MIN_LEN {
        return None;
    }
    let dir = if limit >= edge { 1.0 } else { -1.0 };
    Some((edge + dir * GAP, edge + dir * (GAP + len)))
}

/// A fold tick from the sheet edge at `limit` (0 or the sheet's far edge)
/// inward, for sheets with no margin.
pub fn edge_span(limit: f32) -> (f32, f32) {
    let dir = if limit <= 0.0 { 1.0 } else { -1.0 };
    (limit, limit + dir * LEN)
}

/// Marks across the top and bottom margins at `x`, and the left and right at
/// `y`; `inward` draws them from the sheet edge where there is no margin.
fn ticks(
    xs: &[f32],
    ys: &[f32],
    block: [f32; 4],
    sheet: Size,
    dashed: bool,
    inward: bool,
) -> Vec<Mark> {
    let [x0, y0, w, h] = block;
    let (sw, sh) = (sheet.width.0, sheet.height.0);
    let span = |edge: f32, limit: f32| {
        margin_span(edge, limit).or_else(|| inward.then(|| edge_span(limit)))
    };
    let mut out = Vec::new();
    for &x in xs {
        for (edge, limit) in [(y0, 0.0), (y0 + h, sh)] {
            if let Some((a, b)) = span(edge, limit) {
                out.push(Mark::Line {
                    x1: x,
                    y1: a,
                    x2: x,
                    y2: b,
                    dashed,
                });
            }
        }
    }
    for &y in ys {
        for (edge, limit) in [(x0, 0.0), (x0 + w, sw)] {
            if let Some((a, b)) = span(edge, limit) {
                out.push(Mark::Line {
                    x1: a,
                    y1: y,
                    x2: b,
                    y2: y,
                    dashed,
                });
            }
        }
    }
    out
}

/// Where a label fits: baseline left end in the bottom margin, else the top.
pub fn label_position(block: [f32; 4], sheet: Size, text: &str) -> Option<(f32, f32)> {
    let [x0, y0, _, h] = block;
    let width = text.chars().count() as f32 * LABEL_SIZE * 0.6;
    let x = x0.max(2.0).min(sheet.width.0 - width - 2.0).max(0.0);
    let bottom = sheet.height.0 - (y0 + h);
    if bottom >= LABEL_SIZE + GAP + 2.0 {
        return Some((x, (y0 + h + GAP + LABEL_SIZE).min(sheet.height.0 - 2.0)));
    }
    if y0 >= LABEL_SIZE + GAP + 2.0 {
        return Some((x, (y0 - GAP - 1.0).max(LABEL_SIZE)));
    }
    None
}

/// All marks for one side, from its lines and the block of cells.
pub fn side_marks(
    side: &SheetSide,
    sheet: Size,
    block: [f32; 4],
    opts: MarkOptions,
    label: &str,
) -> Vec<Mark> {
    let [x0, y0, w, h] = block;
    let vertical = |kind: LineKind| -> Vec<f32> {
        side.lines
            .iter()
            .filter(|l| l.kind == kind && l.x1 == l.x2)
            .map(|l| l.x1)
            .collect()
    };
    let horizontal = |kind: LineKind| -> Vec<f32> {
        side.lines
            .iter()
            .filter(|l| l.kind == kind && l.y1 == l.y2)
            .map(|l| l.y1)
            .collect()
    };
    let mut marks = Vec::new();
    if opts.crop {
        let mut xs = vec![x0, x0 + w];
        xs.extend(vertical(LineKind::Cut));
        let mut ys = vec![y0, y0 + h];
        ys.extend(horizontal(LineKind::Cut));
        marks.extend(ticks(&xs, &ys, block, sheet, false, false));
    }
    if opts.fold {
        marks.extend(ticks(
            &vertical(LineKind::Fold),
            &horizontal(LineKind::Fold),
            block,
            sheet,
            true,
            true,
        ));
        for l in side.lines.iter().filter(|l| l.kind == LineKind::Slit) {
            marks.push(Mark::Line {
                x1: l.x1,
                y1: l.y1,
                x2: l.x2,
                y2: l.y2,
                dashed: false,
            });
        }
    }
    if opts.label {
        if let Some((x, y)) = label_position(block, sheet, label) {
            marks.push(Mark::Label {
                x,
                y,
                text: label.to_string(),
            });
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::impose::SheetLine;
    use crate::units::Length;

    fn size(w: f32, h: f32) -> Size {
        Size {
            width: Length(w),
            height: Length(h),
        }
    }

    #[test]
    fn spans_stay_in_the_margin() {
        assert_eq!(margin_span(30.0, 0.0), Some((27.0, 15.0)));
        assert_eq!(margin_span(570.0, 612.0), Some((573.0, 585.0)));
        assert_eq!(margin_span(0.5, 0.0), None);
        assert_eq!(margin_span(8.0, 0.0), Some((5.0, 1.0)));
    }

    #[test]
    fn crop_and_fold_marks_and_label() {
        let sheet = size(792.0, 612.0);
        let block = [0.0 + 6.0, 0.0 + 0.0, 780.0, 612.0]; // no top/bottom margin
        let side = SheetSide {
            sheet: 0,
            back: false,
            slots: vec![],
            lines: vec![SheetLine {
                kind: LineKind::Fold,
                x1: 396.0,
                y1: 0.0,
                x2: 396.0,
                y2: 612.0,
            }],
            staples: vec![],
            marks: vec![],
        };
        let all = MarkOptions {
            crop: true,
            fold: true,
            label: true,
        };
        // No margin above or below: no crop marks and no label, fold ticks from the edges.
        let marks = side_marks(&side, sheet, block, all, "S 1/1 front");
        assert_eq!(
            marks,
            [
                Mark::Line {
                    x1: 396.0,
                    y1: 0.0,
                    x2: 396.0,
                    y2: LEN,
                    dashed: true
                },
                Mark::Line {
                    x1: 396.0,
                    y1: 612.0,
                    x2: 396.0,
                    y2: 612.0 - LEN,
                    dashed: true
                }
            ]
        );
        let block = [36.0, 36.0, 720.0, 540.0];
        let marks = side_marks(&side, sheet, block, all, "S 1/1 front");
        let dashed = marks
            .iter()
            .filter(|m| matches!(m, Mark::Line { dashed: true, .. }))
            .count();
        let solid = marks
            .iter()
            .filter(|m| matches!(m, Mark::Line { dashed: false, .. }))
            .count();
        assert_eq!((dashed, solid), (2, 8));
        let Some(Mark::Label { x, y, text }) = marks.last() else {
            panic!("no label")
        };
        assert_eq!(text, "S 1/1 front");
        assert!(*x >= 0.0 && *y > 576.0 && *y < 612.0);
        for m in &marks {
            if let Mark::Line { x1, y1, x2, y2, .. } = m {
                for (x, y) in [(x1, y1), (x2, y2)] {
                    assert!((0.0..=792.0).contains(x) && (0.0..=612.0).contains(y));
                    // Outside the trim.
                    assert!(!(*x > 36.0 && *x < 756.0 && *y > 36.0 && *y < 576.0));
                }
            }
        }
    }
}
