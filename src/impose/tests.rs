//! Page-map tests across schemes: every page once, blanks, sheet counts,
//! covers, duplex, creep, binding, and reading the folded booklet back.

use super::*;
use crate::units::{parse_paper, Length};

mod minizines_and_marks;

fn paper(name: &str) -> Size {
    parse_paper(name).unwrap()
}

fn imp(scheme: Scheme, sheet: &str) -> ResolvedImposition {
    ResolvedImposition {
        scheme,
        sheet: paper(sheet),
        duplex: Duplex::ShortEdge,
        signature: 0,
        paper_thickness: Length::mm(0.1),
        bind: Bind::Left,
        bind_from_language: false,
        grid: match scheme {
            Scheme::Saddle => [2, 1],
            Scheme::CutStack => [2, 2],
            Scheme::Minizine => [4, 2],
        },
        crop_marks: true,
        fold_marks: true,
        sheet_labels: true,
        minizine_pages: 8,
    }
}

/// A named case: imposition, page size, pages it holds at most.
struct Case {
    name: String,
    imp: ResolvedImposition,
    page: Size,
    max: Option<usize>,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for bind in [Bind::Left, Bind::Right] {
        for duplex in [Duplex::ShortEdge, Duplex::LongEdge] {
            for signature in [0, 1, 3] {
                let mut i = imp(Scheme::Saddle, "letter");
                (i.bind, i.duplex, i.signature) = (bind, duplex, signature);
                out.push(Case {
                    name: format!("saddle {bind:?} {duplex:?} sig {signature}"),
                    imp: i,
                    page: paper("half-letter"),
                    max: None,
                });
            }
            for (sheet, page, grid) in [
                ("letter", "quarter-letter", [2, 2]),
                ("a4", "a7", [4, 2]),
                ("a4", "a6", [2, 2]),
            ] {
                let mut i = imp(Scheme::CutStack, sheet);
                (i.bind, i.duplex, i.grid) = (bind, duplex, grid);
                out.push(Case {
                    name: format!("cut-stack {page} {bind:?} {duplex:?}"),
                    imp: i,
                    page: paper(page),
                    max: None,
                });
            }
            for n in [8, 16] {
                let mut i = imp(Scheme::Minizine, "a4");
                (i.bind, i.duplex, i.minizine_pages) = (bind, duplex, n);
                out.push(Case {
                    name: format!("minizine {n} {bind:?} {duplex:?}"),
                    imp: i,
                    page: paper("a7"),
                    max: Some(n as usize),
                });
            }
        }
    }
    out
}

/// The padded positions the rules say are blank.
fn expected_blanks(n: usize, padded: usize, back_cover: bool) -> Vec<usize> {
    if back_cover && n >= 2 {
        (n - 1..padded - 1).collect()
    } else {
        (n..padded).collect()
    }
}

#[test]
fn every_page_once_and_blanks_where_the_rules_say() {
    for case in cases() {
        let holds = case.max.unwrap_or(64);
        for n in 1..=holds {
            for back_cover in [false, true] {
                let im = impose(n, case.page, &case.imp, back_cover)
                    .unwrap_or_else(|e| panic!("{} n={n}: {e}", case.name));
                let what = format!("{} n={n} back_cover={back_cover}", case.name);
                let slots: Vec<&Slot> = im.sides.iter().flat_map(|s| &s.slots).collect();
                let mut pages: Vec<usize> = slots.iter().filter_map(|s| s.page).collect();
                pages.sort();
                assert_eq!(pages, (0..n).collect::<Vec<_>>(), "{what}");
                let mut positions: Vec<usize> = slots.iter().map(|s| s.pos).collect();
                positions.sort();
                assert_eq!(positions, (0..im.padded).collect::<Vec<_>>(), "{what}");
                let multiple = case.max.unwrap_or(4);
                assert_eq!(im.padded, n.div_ceil(multiple) * multiple, "{what}");
                assert_eq!(
                    im.blanks,
                    expected_blanks(n, im.padded, back_cover),
                    "{what}"
                );
                let blank_slots: Vec<usize> = slots
                    .iter()
                    .filter(|s| s.page.is_none())
                    .map(|s| s.pos)
                    .collect();
                assert_eq!(blank_slots.len(), im.blanks.len(), "{what}");
                assert!(blank_slots.iter().all(|p| im.blanks.contains(p)), "{what}");
                if back_cover && n >= 2 {
                    let cover = slots.iter().find(|s| s.page == Some(n - 1)).unwrap();
                    assert_eq!(cover.pos, im.padded - 1, "{what}");
                }
            }
        }
    }
}

#[test]
fn sheet_counts() {
    for n in 1..=64 {
        let saddle = impose(
            n,
            paper("half-letter"),
            &imp(Scheme::Saddle, "letter"),
            false,
        )
        .unwrap();
        assert_eq!(saddle.sheets, n.div_ceil(4));
        assert_eq!(saddle.sides.len(), 2 * n.div_ceil(4));
        let cut = impose(
            n,
            paper("quarter-letter"),
            &imp(Scheme::CutStack, "letter"),
            false,
        )
        .unwrap();
        assert_eq!(cut.sheets, n.div_ceil(4).div_ceil(2), "n={n}");
        assert_eq!(cut.sides.len(), 2 * cut.sheets);
    }
    for n in 1..=8 {
        let mini = impose(n, paper("a7"), &imp(Scheme::Minizine, "a4"), true).unwrap();
        assert_eq!((mini.sheets, mini.sides.len(), mini.duplex), (1, 1, None));
    }
    let mut sixteen = imp(Scheme::Minizine, "a4");
    sixteen.minizine_pages = 16;
    let mini = impose(12, paper("a7"), &sixteen, true).unwrap();
    assert_eq!((mini.sheets, mini.sides.len(), mini.padded), (1, 2, 16));
}

fn side_pages(side: &SheetSide) -> Vec<usize> {
    let mut slots = side.slots.clone();
    slots.sort_by(|a, b| (a.y, a.x).partial_cmp(&(b.y, b.x)).unwrap());
    slots.iter().map(|s| s.pos + 1).collect()
}

#[test]
fn eight_pages_on_two_sheets_left_and_right() {
    let im = impose(
        8,
        paper("half-letter"),
        &imp(Scheme::Saddle, "letter"),
        true,
    )
    .unwrap();
    let order: Vec<Vec<usize>> = im.sides.iter().map(side_pages).collect();
    assert_eq!(order, [vec![8, 1], vec![2, 7], vec![6, 3], vec![4, 5]]);
    let mut right = imp(Scheme::Saddle, "letter");
    right.bind = Bind::Right;
    let im = impose(8, paper("half-letter"), &right, true).unwrap();
    let order: Vec<Vec<usize>> = im.sides.iter().map(side_pages).collect();
    assert_eq!(order, [vec![1, 8], vec![7, 2], vec![3, 6], vec![5, 4]]);
}

/// Reads a saddle or cut-stack imposition the way the folded booklet is
/// read: pieces from the sheets by geometry alone, piled as documented,
/// split into signatures, each read cover to cover.
fn read_booklet(im: &Imposed, across: usize, down: usize) -> Vec<usize> {
    let (sw, sh) = (im.sheet.width.0, im.sheet.height.0);
    let (pw, ph) = (im.page.width.0, im.page.height.0);
    let (x0, y0) = (
        (sw - across as f32 * pw) / 2.0,
        (sh - down as f32 * ph) / 2.0,
    );
    let turned = im
        .duplex
        .is_some_and(|d| turns_on_horizontal_axis(im.sheet, d));
    let pairs = across / 2;
    // ((pile, sheet), [front left, front right, back behind front right, back behind front left])
    let mut pieces: Vec<((usize, usize), [usize; 4])> = Vec::new();
    for s in 0..im.sheets {
        let front = im.sides.iter().find(|x| x.sheet == s && !x.back).unwrap();
        let back = im.sides.iter().find(|x| x.sheet == s && x.back).unwrap();
        let natural_back: Vec<(f32, f32, usize)> = back
            .slots
            .iter()
            .map(|b| {
                assert_eq!(b.rotation, if turned { 180 } else { 0 });
                if turned {
                    (sw - b.x - pw, sh - b.y - ph, b.pos)
                } else {
                    (b.x, b.y, b.pos)
                }
            })
            .collect();
        let behind = |x: f32, y: f32| {
            let bx = sw - x - pw;
            natural_back
                .iter()
                .find(|b| (b.0 - bx).abs() < 0.01 && (b.1 - y).abs() < 0.01)
                .map(|b| b.2)
                .unwrap()
        };
        for row in 0..down {
            for p in 0..pairs {
                let cell = |col: usize| {
                    let (x, y) = (x0 + col as f32 * pw, y0 + row as f32 * ph);
                    front
                        .slots
                        .iter()
                        .find(|f| (f.x - x).abs() < 0.01 && (f.y - y).abs() < 0.01)
                        .map(|f| {
                            assert_eq!(f.rotation, 0);
                            (f.pos, behind(x, y))
                        })
                };
                match (cell(2 * p), cell(2 * p + 1)) {
                    (Some((fl, bfl)), Some((fr, bfr))) => {
                        // Right binding numbers the piles from the top right.
                        let k = if im.bind == Bind::Left {
                            row * pairs + p
                        } else {
                            row * pairs + pairs - 1 - p
                        };
                        pieces.push(((k, s), [fl, fr, bfr, bfl]))
                    }
                    (None, None) => {}
                    other => panic!("half a piece: {other:?}"),
                }
            }
        }
    }
    pieces.sort_by_key(|p| p.0);
    let mut read = Vec::new();
    for sig in pieces.chunks(im.signature.max(1)) {
        let sheets: Vec<[usize; 4]> = sig.iter().map(|p| p.1).collect();
        // Left binding: outside in on the right-hand leaves, then back out on the left.
        let (cover, inside, back_in, back_out) = if im.bind == Bind::Left {
            (1, 2, 3, 0)
        } else {
            (0, 3, 2, 1)
        };
        for s in &sheets {
            read.extend([s[cover], s[inside]]);
        }
        for s in sheets.iter().rev() {
            read.extend([s[back_in], s[back_out]]);
        }
    }
    read
}

#[test]
fn folded_booklets_read_in_order() {
    for case in cases().into_iter().filter(|c| c.max.is_none()) {
        let [across, down] = case.imp.grid.map(|g| g as usize);
        for n in [1, 4, 5, 8, 13, 16, 28, 40, 64] {
            let im = impose(n, case.page, &case.imp, true).unwrap();
            assert_eq!(
                read_booklet(&im, across, down),
                (0..im.padded).collect::<Vec<_>>(),
                "{} n={n}",
                case.name
            );
        }
    }
}

#[test]
fn back_cover_is_the_outside_back() {
    let mut i = imp(Scheme::Saddle, "letter");
    i.signature = 3;
    for n in 2..=64 {
        let im = impose(n, paper("half-letter"), &i, true).unwrap();
        let side = im
            .sides
            .iter()
            .find(|s| s.slots.iter().any(|x| x.page == Some(n - 1)))
            .unwrap();
        let slot = side.slots.iter().find(|x| x.page == Some(n - 1)).unwrap();
        // Front of the outermost sheet of the last signature, left half.
        let sheets = im.padded / 4;
        assert!(!side.back);
        assert_eq!(side.sheet, (sheets - 1) / 3 * 3, "n={n}");
        assert!(slot.x < im.sheet.width.0 / 2.0);
    }
}

#[test]
fn long_edge_turns_backs_180() {
    let short = impose(
        12,
        paper("half-letter"),
        &imp(Scheme::Saddle, "letter"),
        false,
    )
    .unwrap();
    let mut i = imp(Scheme::Saddle, "letter");
    i.duplex = Duplex::LongEdge;
    let long = impose(12, paper("half-letter"), &i, false).unwrap();
    let (sw, sh) = (long.sheet.width.0, long.sheet.height.0);
    let (pw, ph) = (long.page.width.0, long.page.height.0);
    for (a, b) in short.sides.iter().zip(&long.sides) {
        for (sa, sb) in a.slots.iter().zip(&b.slots) {
            if a.back {
                assert_eq!(sb.rotation, 180);
                assert_eq!(sb.pos, sa.pos);
                assert!(
                    (sb.x - (sw - sa.x - pw)).abs() < 0.01
                        && (sb.y - (sh - sa.y - ph)).abs() < 0.01
                );
                assert!((sb.shift_x + sa.shift_x).abs() < 1e-6);
            } else {
                assert_eq!(sa, sb);
            }
        }
    }
    // A portrait sheet flipped on the short edge turns too.
    assert!(turns_on_horizontal_axis(paper("letter"), Duplex::ShortEdge));
    assert!(!turns_on_horizontal_axis(paper("letter"), Duplex::LongEdge));
    assert!(!turns_on_horizontal_axis(
        paper("letter").landscape(),
        Duplex::ShortEdge
    ));
}

#[test]
fn creep_shifts_toward_the_spine_by_depth() {
    // 40 pages = 10 nested sheets of 0.1 mm.
    let im = impose(
        40,
        paper("half-letter"),
        &imp(Scheme::Saddle, "letter"),
        false,
    )
    .unwrap();
    let spine = im.sheet.width.0 / 2.0;
    for side in &im.sides {
        for slot in &side.slots {
            let expected = Length::mm(0.1).0 * side.sheet as f32;
            assert!((slot.shift_x.abs() - expected).abs() < 1e-4);
            let toward = if slot.x < spine {
                slot.shift_x >= 0.0
            } else {
                slot.shift_x <= 0.0
            };
            assert!(toward, "sheet {} moves away from the spine", side.sheet);
        }
    }
    let outer = im.sides[0].slots[1].shift_x.abs();
    let inner = im.sides[18].slots[1].shift_x.abs();
    assert!(((inner - outer) - Length::mm(0.9).0).abs() < 1e-4);
    // Signatures restart the depth.
    let mut i = imp(Scheme::Saddle, "letter");
    i.signature = 4;
    let im = impose(40, paper("half-letter"), &i, false).unwrap();
    assert_eq!(im.sides[8].slots[0].shift_x, 0.0);
    assert!((im.sides[10].slots[0].shift_x - Length::mm(0.1).0).abs() < 1e-4);
}

#[test]
fn right_binding_mirrors_the_order() {
    for scheme in [Scheme::Saddle, Scheme::CutStack] {
        let (page, sheet) = if scheme == Scheme::Saddle {
            ("half-letter", "letter")
        } else {
            ("quarter-letter", "letter")
        };
        let left = impose(20, paper(page), &imp(scheme, sheet), true).unwrap();
        let mut i = imp(scheme, sheet);
        i.bind = Bind::Right;
        let right = impose(20, paper(page), &i, true).unwrap();
        let (sw, pw) = (left.sheet.width.0, left.page.width.0);
        for (a, b) in left.sides.iter().zip(&right.sides) {
            for (sa, sb) in a.slots.iter().zip(&b.slots) {
                assert_eq!((sa.pos, sa.y), (sb.pos, sb.y));
                assert!((sb.x - (sw - sa.x - pw)).abs() < 0.01);
                assert!((sb.shift_x + sa.shift_x).abs() < 1e-6);
            }
        }
    }
}

#[test]
fn cut_stack_2x2_on_letter_gives_quarter_letter_cells() {
    let im = impose(
        16,
        paper("quarter-letter"),
        &imp(Scheme::CutStack, "letter"),
        false,
    )
    .unwrap();
    assert_eq!(im.sheet, paper("letter"));
    assert_eq!(im.page, paper("quarter-letter"));
    let mut cells: Vec<(f32, f32)> = im.sides[0].slots.iter().map(|s| (s.x, s.y)).collect();
    cells.sort_by(|a, b| a.partial_cmp(b).unwrap());
    assert_eq!(
        cells,
        [(0.0, 0.0), (0.0, 396.0), (306.0, 0.0), (306.0, 396.0)]
    );
    // 16 pages = 4 pieces on 2 sheets: pile 1 is pieces 0 and 1 (top halves).
    assert_eq!(side_pages(&im.sides[0]), [16, 1, 12, 5]);
    assert_eq!(side_pages(&im.sides[2]), [14, 3, 10, 7]);
    // Portrait sheet flipped on the short edge: backs are turned.
    assert!(im.sides[1].slots.iter().all(|s| s.rotation == 180));
}

#[test]
fn cut_stack_errors() {
    let mut i = imp(Scheme::CutStack, "letter");
    i.grid = [3, 2];
    assert_eq!(
        impose(8, paper("quarter-letter"), &i, false),
        Err(ImposeError::OddGrid { across: 3, down: 2 })
    );
    let e = impose(8, paper("a5"), &imp(Scheme::CutStack, "letter"), false).unwrap_err();
    assert!(matches!(
        e,
        ImposeError::DoesNotFit {
            across: 2,
            down: 2,
            ..
        }
    ));
}
