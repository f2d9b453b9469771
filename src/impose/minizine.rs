//! The one-sheet minizine: 8 pages on one side of a landscape sheet, or 16
//! pages on both sides.
//!
//! The sheet is four panels across and two down; the top row is printed
//! upside down (rotation 180) so every page's head meets the long middle fold.
//!
//! **8 pages** (1-based, left binding, as printed):
//!
//! ```text
//! top (180°):  5 | 4 | 3 | 2
//! bottom:      6 | 7 | 8 | 1      slit: the middle line under 4 | 3
//! ```
//!
//! Folding, which gives that order: (1) fold in eighths and unfold; (2) cut
//! the slit along the long middle crease across the two middle columns;
//! (3) fold in half along the long crease, printed side out, top row
//! behind: in front the bottom row 6 7 8 1 stays upright, behind it the top
//! row reads 2 3 4 5 upright from the back; (4) push the ends together: the
//! slit opens into a plus of four double leaves around a centre spine,
//! left end (6 front / 5 back), middle front (7 and 8), right end (1 front /
//! 2 back), middle back (4 and 3); (5) flatten with 1 as the front cover:
//! turning round the spine from leaf to leaf gives 1, 2|3, 4|5, 6|7, 8.
//!
//! **16 pages** (octavo; backs in natural form, turned about the vertical
//! axis, so column `c` is behind column `3 - c`):
//!
//! ```text
//! front  top (180°):  5 | 12 |  9 |  8     back  top (180°):  7 | 10 | 11 |  6
//!        bottom:      4 | 13 | 16 |  1           bottom:      2 | 15 | 14 |  3
//! ```
//!
//! Folding: (1) fold in half short edges together, with pages 1 and 16
//! outside; (2) fold in half again across the heads, 1 still outside;
//! (3) fold along the spine (between 16 and 13) so 1 is the front cover;
//! (4) staple through the spine and slit the head and fore-edge folds.
//! Cut apart along the two middle lines instead, the four pieces are the
//! four sheets of a saddle booklet (16|1, 14|3, 12|5, 10|7 from outside in).
//!
//! Right binding mirrors the columns. Neither variant uses creep.

use super::{
    centred_block, does_not_fit, fits, ImposeError, LineKind, Padding, Plan, SheetLine, SheetSide,
};
use crate::units::Size;

/// 8 pages, 0-based: `[top row (180°), bottom row]`, left to right.
pub const EIGHT: [[usize; 4]; 2] = [[4, 3, 2, 1], [5, 6, 7, 0]];

/// 16 pages, 0-based: `[front, back]` of `[top row (180°), bottom row]`.
pub const SIXTEEN: [[[usize; 4]; 2]; 2] = [
    [[4, 11, 8, 7], [3, 12, 15, 0]],
    [[6, 9, 10, 5], [1, 14, 13, 2]],
];

/// Sides of a minizine holding `pad.padded` (8 or 16) pages.
pub(super) fn sides(pad: &Padding, page: Size, sheet: Size) -> Result<Plan, ImposeError> {
    let sheet = sheet.landscape();
    if !fits(sheet, page, 4, 2) {
        return Err(does_not_fit(sheet, page, 4, 2));
    }
    let block = centred_block(sheet, page, 4, 2);
    let tables: Vec<[[usize; 4]; 2]> = if pad.padded > 8 {
        SIXTEEN.to_vec()
    } else {
        vec![EIGHT]
    };
    let two_sided = tables.len() == 2;
    let lines = lines(block, page, two_sided);
    let staples = if two_sided {
        spine_staples(block, page)
    } else {
        vec![]
    };
    let sides = tables
        .iter()
        .enumerate()
        .map(|(i, table)| SheetSide {
            sheet: 0,
            back: i == 1,
            slots: cells(pad, table, block, page),
            lines: lines.clone(),
            staples: staples.clone(),
            marks: vec![],
        })
        .collect();
    Ok(Plan {
        sheet,
        sides,
        two_sided,
        block,
        signature: 1,
    })
}

fn cells(pad: &Padding, table: &[[usize; 4]; 2], block: [f32; 4], page: Size) -> Vec<super::Slot> {
    let (pw, ph) = (page.width.0, page.height.0);
    let mut slots = Vec::with_capacity(8);
    for (row, positions) in table.iter().enumerate() {
        for (col, &pos) in positions.iter().enumerate() {
            let rotation = if row == 0 { 180 } else { 0 };
            slots.push(pad.slot(
                pos,
                block[0] + col as f32 * pw,
                block[1] + row as f32 * ph,
                rotation,
                0.0,
            ));
        }
    }
    slots
}

/// Folds between all panels; the 8-page slit replaces the middle of the long fold.
fn lines(block: [f32; 4], page: Size, two_sided: bool) -> Vec<SheetLine> {
    let [x0, y0, w, h] = block;
    let (pw, ph) = (page.width.0, page.height.0);
    let line = |kind, x1, y1, x2, y2| SheetLine {
        kind,
        x1,
        y1,
        x2,
        y2,
    };
    let mut out: Vec<SheetLine> = (1..4)
        .map(|c| x0 + c as f32 * pw)
        .map(|x| line(LineKind::Fold, x, y0, x, y0 + h))
        .collect();
    let mid = y0 + ph;
    if two_sided {
        out.push(line(LineKind::Fold, x0, mid, x0 + w, mid));
    } else {
        out.push(line(LineKind::Fold, x0, mid, x0 + pw, mid));
        out.push(line(LineKind::Fold, x0 + 3.0 * pw, mid, x0 + w, mid));
        out.push(line(LineKind::Slit, x0 + pw, mid, x0 + 3.0 * pw, mid));
    }
    out
}

/// The 16-page spine runs between columns 1|2 and 3|4, through both rows.
fn spine_staples(block: [f32; 4], page: Size) -> Vec<(f32, f32)> {
    let (pw, ph) = (page.width.0, page.height.0);
    let mut out = Vec::new();
    for x in [block[0] + pw, block[0] + 3.0 * pw] {
        for row in 0..2 {
            out.extend(super::saddle::staples(x, block[1] + row as f32 * ph, ph));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Top view of folding steps 3–5 for 8 pages: each panel becomes a
    /// segment from the centre (its leaf); the direction of travel along the
    /// folded strip and the side the print is on give where its face looks.
    /// Reading round the centre from the front cover must give 0..8.
    #[test]
    fn eight_page_order_follows_from_the_fold() {
        type V = (i32, i32);
        // Bottom (front) layer bows to the front (-y), printed face on the
        // right of travel; the top layer bows back, printed face on the left.
        let bottom: [(V, V); 4] = [
            ((-1, 0), (0, 0)),
            ((0, 0), (0, -1)),
            ((0, -1), (0, 0)),
            ((0, 0), (1, 0)),
        ];
        let mut faces: Vec<(V, V, usize)> = Vec::new(); // (arm, normal, position)
        for col in 0..4 {
            let (from, to) = bottom[col];
            let dir = (to.0 - from.0, to.1 - from.1);
            let arm = if from == (0, 0) { to } else { from };
            faces.push((arm, (dir.1, -dir.0), EIGHT[1][col]));
            let (tf, tt) = ((from.0, -from.1), (to.0, -to.1));
            let tdir = (tt.0 - tf.0, tt.1 - tf.1);
            let tarm = if tf == (0, 0) { tt } else { tf };
            faces.push((tarm, (-tdir.1, tdir.0), EIGHT[0][col]));
        }
        // Front cover on the right arm facing front (spine on its left); read
        // the arms anticlockwise, each arm's clockwise face first.
        let mut read = Vec::new();
        for arm in [(1, 0), (0, 1), (-1, 0), (0, -1)] {
            let cw = (arm.1, -arm.0);
            let ccw = (-arm.1, arm.0);
            for normal in [cw, ccw] {
                let hit: Vec<usize> = faces
                    .iter()
                    .filter(|f| f.0 == arm && f.1 == normal)
                    .map(|f| f.2)
                    .collect();
                assert_eq!(hit.len(), 1, "arm {arm:?} normal {normal:?}");
                read.push(hit[0]);
            }
        }
        assert_eq!(read, (0..8).collect::<Vec<_>>());
    }

    /// 16 pages: spread neighbours in a row are conjugate across the spine.
    #[test]
    fn sixteen_spine_neighbours_are_conjugate() {
        for side in SIXTEEN {
            for row in side {
                assert_eq!(row[0] + row[1], 15);
                assert_eq!(row[2] + row[3], 15);
            }
        }
    }

    /// 16 pages: each page's back is its leaf partner (1|2, 3|4, …).
    #[test]
    fn sixteen_backs_are_leaf_partners() {
        let [front, back] = SIXTEEN;
        for row in 0..2 {
            for col in 0..4 {
                let (f, b) = (front[row][col], back[row][3 - col]);
                assert_eq!(f / 2, b / 2, "front {f} back {b}");
                assert_ne!(f, b);
            }
        }
    }

    #[test]
    fn eight_slit_spans_the_middle_columns() {
        let page = Size {
            width: crate::units::Length(100.0),
            height: crate::units::Length(50.0),
        };
        let l = lines([0.0, 0.0, 400.0, 100.0], page, false);
        let slit: Vec<_> = l.iter().filter(|l| l.kind == LineKind::Slit).collect();
        assert_eq!(slit.len(), 1);
        assert_eq!((slit[0].x1, slit[0].x2, slit[0].y1), (100.0, 300.0, 50.0));
    }
}
