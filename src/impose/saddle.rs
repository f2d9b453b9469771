//! Saddle stitch: sheets folded once, nested into signatures, stapled on the fold.
//!
//! Page order (0-based padded positions, left binding). The booklet's sheets
//! are numbered `j = 0, 1, …` from the outside of the first signature
//! inwards, then through the next signatures. A signature of `q` sheets
//! starting at position `b` holds positions `b .. b + 4q`; its sheet at depth
//! `k` (0 = outermost) carries
//!
//! ```text
//! front:  b+4q-1-2k | b+2k        back:  b+2k+1 | b+4q-2-2k
//! ```
//!
//! so 8 pages on two sheets read (1-based) 8|1, 2|7 and 6|3, 4|5. Signatures
//! hold `signature` sheets each (0 = one signature); the last holds what is
//! left. Padding is to a multiple of 4 only, so blanks (before the back cover
//! or at the end) all fall in the last signature.
//!
//! Creep: a folded sheet wraps around the sheets inside it, so inner sheets
//! stick out at the fore edge. Each page of the sheet at depth `k` of its
//! signature is shifted toward the spine by
//!
//! ```text
//! shift(k) = k × paper_thickness
//! ```
//!
//! (10 sheets of 0.1 mm: the innermost sits 0.9 mm nearer the spine than the
//! outermost), which keeps the fore-edge margins even after trimming.

use super::{centred_block, does_not_fit, fits, LineKind, Padding, Plan, SheetLine, SheetSide};
use crate::units::Size;

/// Where a booklet sheet sits: its signature's first padded position, the
/// signature's sheet count, and the sheet's depth in it (0 = outermost).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nest {
    pub base: usize,
    pub sheets: usize,
    pub depth: usize,
}

/// Sheets per signature: `signature`, or all of them when 0 or too large.
pub fn signature_size(total: usize, signature: usize) -> usize {
    if signature == 0 || signature >= total {
        total.max(1)
    } else {
        signature
    }
}

/// Booklet sheet `j` of `total`, with signatures of `per` sheets.
pub fn nest(j: usize, total: usize, per: usize) -> Nest {
    let per = per.max(1);
    let first = j / per * per;
    Nest {
        base: 4 * first,
        sheets: per.min(total - first),
        depth: j - first,
    }
}

/// Padded positions on a booklet sheet, left binding:
/// `[front left, front right, back left, back right]`.
pub fn sheet_positions(n: Nest) -> [usize; 4] {
    let (b, q, k) = (n.base, n.sheets, n.depth);
    [
        b + 4 * q - 1 - 2 * k,
        b + 2 * k,
        b + 2 * k + 1,
        b + 4 * q - 2 - 2 * k,
    ]
}

/// Creep shift toward the spine of the sheet at `depth`, in points.
pub fn creep(depth: usize, thickness: f32) -> f32 {
    depth as f32 * thickness
}

/// The two sides of booklet sheet `nest` as a spread of two cells whose
/// left cell's top-left is (x, y): front then back, natural form.
pub fn spread_slots(
    pad: &Padding,
    n: Nest,
    x: f32,
    y: f32,
    pw: f32,
    thickness: f32,
) -> [[super::Slot; 2]; 2] {
    let [fl, fr, bl, br] = sheet_positions(n);
    let c = creep(n.depth, thickness);
    [
        [pad.slot(fl, x, y, 0, c), pad.slot(fr, x + pw, y, 0, -c)],
        [pad.slot(bl, x, y, 0, c), pad.slot(br, x + pw, y, 0, -c)],
    ]
}

/// Staple points on a spine from y to y + h: a quarter in from each end.
pub fn staples(x: f32, y: f32, h: f32) -> Vec<(f32, f32)> {
    vec![(x, y + h / 4.0), (x, y + h * 3.0 / 4.0)]
}

/// All sides of a saddle-stitched booklet on a landscape sheet.
pub(super) fn sides(
    pad: &Padding,
    page: Size,
    sheet: Size,
    signature: usize,
    thickness: f32,
) -> Result<Plan, super::ImposeError> {
    let sheet = sheet.landscape();
    if !fits(sheet, page, 2, 1) {
        return Err(does_not_fit(sheet, page, 2, 1));
    }
    let block = centred_block(sheet, page, 2, 1);
    let [x0, y0, w, h] = block;
    let total = pad.padded / 4;
    let per = signature_size(total, signature);
    let spine = x0 + w / 2.0;
    let fold = SheetLine {
        kind: LineKind::Fold,
        x1: spine,
        y1: y0,
        x2: spine,
        y2: y0 + h,
    };
    let mut sides = Vec::with_capacity(total * 2);
    for j in 0..total {
        let [front, back] = spread_slots(pad, nest(j, total, per), x0, y0, page.width.0, thickness);
        for (slots, is_back) in [(front, false), (back, true)] {
            sides.push(SheetSide {
                sheet: j,
                back: is_back,
                slots: slots.to_vec(),
                lines: vec![fold],
                staples: staples(spine, y0, h),
                marks: vec![],
            });
        }
    }
    Ok(Plan {
        sheet,
        sides,
        two_sided: true,
        block,
        signature: per,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_pages_on_two_sheets() {
        let one = |v: [usize; 4]| v.map(|p| p + 1);
        assert_eq!(one(sheet_positions(nest(0, 2, 2))), [8, 1, 2, 7]);
        assert_eq!(one(sheet_positions(nest(1, 2, 2))), [6, 3, 4, 5]);
    }

    #[test]
    fn signatures_split_sheets_and_last_is_thinner() {
        assert_eq!(signature_size(10, 0), 10);
        assert_eq!(signature_size(10, 4), 4);
        assert_eq!(signature_size(3, 4), 3);
        assert_eq!(
            nest(5, 10, 4),
            Nest {
                base: 16,
                sheets: 4,
                depth: 1
            }
        );
        assert_eq!(
            nest(9, 10, 4),
            Nest {
                base: 32,
                sheets: 2,
                depth: 1
            }
        );
        // The second signature starts with page 17 on its outer sheet's front right.
        assert_eq!(sheet_positions(nest(4, 10, 4))[1], 16);
    }

    #[test]
    fn creep_is_depth_times_thickness() {
        assert_eq!(creep(0, 0.3), 0.0);
        assert!((creep(9, 0.1) - 0.9).abs() < 1e-6);
    }
}
