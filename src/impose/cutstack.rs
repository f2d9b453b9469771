//! Cut and stack: N-up sheets, printed duplex, cut into pieces, the piles
//! stacked and folded once into one saddle booklet.
//!
//! The grid is `across` × `down` pages; `across` must be even, because each
//! cut piece is two cells side by side, a two-page spread: a *booklet sheet*
//! of a saddle booklet of pieces (see [`super::saddle`] for the page order
//! and creep of booklet sheet `j`). A sheet side holds `K = across/2 × down`
//! pieces, numbered `k` in reading order (rows top to bottom, pairs of
//! columns left to right, as seen on the front). With `P = padded / 4`
//! booklet sheets, `S = ceil(P / K)` sheets are printed and
//!
//! ```text
//! piece k of sheet s  =  booklet sheet  j = k × S + s
//! ```
//!
//! so that: print all S sheets, cut the whole pile at once, keep each pile
//! of pieces in printing order (sheet 1 on top), put pile 1 on pile 2 on
//! pile 3 …, fronts up, and fold the lot in half with the top piece outside.
//! With `bind = "right"` the sheet is mirrored, so the piles are numbered
//! from the top right instead. When `P < K × S`, the last pieces of the last pile are left unprinted
//! (no slots): take them off before folding. On the back, a piece sits
//! behind the mirrored pair of columns (natural form, see [`super`]).

use super::saddle::{nest, signature_size, spread_slots, staples};
use super::{
    centred_block, does_not_fit, fits, ImposeError, LineKind, Padding, Plan, SheetLine, SheetSide,
};
use crate::units::Size;

/// The sheet orientation that holds the grid: as given (portrait), else turned.
pub fn orient(sheet: Size, page: Size, across: u32, down: u32) -> Option<Size> {
    [sheet.portrait(), sheet.landscape()]
        .into_iter()
        .find(|s| fits(*s, page, across, down))
}

/// Booklet sheet held by piece `k` of printed sheet `s`, of `sheets` printed.
pub fn booklet_sheet(k: usize, s: usize, sheets: usize) -> usize {
    k * sheets + s
}

/// Sheets to print for `total` booklet sheets at `per_side` pieces a side.
pub fn sheets_needed(total: usize, per_side: usize) -> usize {
    total.div_ceil(per_side.max(1)).max(1)
}

/// All sides of a cut-and-stack booklet.
pub(super) fn sides(
    pad: &Padding,
    page: Size,
    sheet: Size,
    grid: [u32; 2],
    signature: usize,
    thickness: f32,
) -> Result<Plan, ImposeError> {
    let [across, down] = grid;
    if across % 2 != 0 || across == 0 || down == 0 {
        return Err(ImposeError::OddGrid { across, down });
    }
    let sheet = orient(sheet, page, across, down)
        .ok_or_else(|| does_not_fit(sheet.portrait(), page, across, down))?;
    let block = centred_block(sheet, page, across, down);
    let [x0, y0, _, _] = block;
    let (pw, ph) = (page.width.0, page.height.0);
    let pairs = (across / 2) as usize;
    let per_side = pairs * down as usize;
    let total = pad.padded / 4;
    let per = signature_size(total, signature);
    let printed = sheets_needed(total, per_side);
    let lines = grid_lines(block, pw, ph, pairs, down as usize);
    let mut sides = Vec::with_capacity(printed * 2);
    for s in 0..printed {
        let mut front = SheetSide {
            sheet: s,
            back: false,
            slots: vec![],
            lines: lines.clone(),
            staples: vec![],
            marks: vec![],
        };
        let mut back = SheetSide {
            back: true,
            ..front.clone()
        };
        for k in 0..per_side {
            let (row, pair) = (k / pairs, k % pairs);
            let y = y0 + row as f32 * ph;
            let fx = x0 + (2 * pair) as f32 * pw;
            let bx = x0 + (2 * (pairs - 1 - pair)) as f32 * pw;
            front.staples.extend(staples(fx + pw, y, ph));
            back.staples.extend(staples(bx + pw, y, ph));
            let j = booklet_sheet(k, s, printed);
            if j >= total {
                continue;
            }
            let n = nest(j, total, per);
            let [f, _] = spread_slots(pad, n, fx, y, pw, thickness);
            let [_, b] = spread_slots(pad, n, bx, y, pw, thickness);
            front.slots.extend(f);
            back.slots.extend(b);
        }
        sides.push(front);
        sides.push(back);
    }
    Ok(Plan {
        sheet,
        sides,
        two_sided: true,
        block,
        signature: per,
    })
}

/// Folds down the middle of each piece; cuts between pieces and rows.
fn grid_lines(block: [f32; 4], pw: f32, ph: f32, pairs: usize, down: usize) -> Vec<SheetLine> {
    let [x0, y0, w, h] = block;
    let mut lines = Vec::new();
    for p in 0..pairs {
        let x = x0 + (2 * p + 1) as f32 * pw;
        lines.push(SheetLine {
            kind: LineKind::Fold,
            x1: x,
            y1: y0,
            x2: x,
            y2: y0 + h,
        });
    }
    for p in 1..pairs {
        let x = x0 + (2 * p) as f32 * pw;
        lines.push(SheetLine {
            kind: LineKind::Cut,
            x1: x,
            y1: y0,
            x2: x,
            y2: y0 + h,
        });
    }
    for r in 1..down {
        let y = y0 + r as f32 * ph;
        lines.push(SheetLine {
            kind: LineKind::Cut,
            x1: x0,
            y1: y,
            x2: x0 + w,
            y2: y,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::parse_paper;

    #[test]
    fn quarter_letter_fits_letter_portrait() {
        let letter = parse_paper("letter").unwrap();
        let q = parse_paper("quarter-letter").unwrap();
        assert_eq!(orient(letter, q, 2, 2), Some(letter));
        let a6 = parse_paper("a6").unwrap();
        let a4 = parse_paper("a4").unwrap();
        assert_eq!(orient(a4, a6, 2, 2), Some(a4));
        assert_eq!(orient(a4, a6, 4, 1), None);
        assert_eq!(orient(a4, a6, 2, 1), Some(a4));
        assert_eq!(orient(letter, parse_paper("a5").unwrap(), 2, 2), None);
    }

    #[test]
    fn stacks_run_through_all_sheets_first() {
        // 3 printed sheets, 2 pieces a side: pile 1 holds booklet sheets 0..3.
        assert_eq!(
            (0..3).map(|s| booklet_sheet(0, s, 3)).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert_eq!(
            (0..3).map(|s| booklet_sheet(1, s, 3)).collect::<Vec<_>>(),
            [3, 4, 5]
        );
        assert_eq!(sheets_needed(5, 2), 3);
        assert_eq!(sheets_needed(1, 4), 1);
    }

    #[test]
    fn lines_fold_each_piece_and_cut_between() {
        let lines = grid_lines([0.0, 0.0, 400.0, 200.0], 100.0, 100.0, 2, 2);
        let folds: Vec<f32> = lines
            .iter()
            .filter(|l| l.kind == LineKind::Fold)
            .map(|l| l.x1)
            .collect();
        assert_eq!(folds, [100.0, 300.0]);
        assert_eq!(lines.iter().filter(|l| l.kind == LineKind::Cut).count(), 2);
    }
}
