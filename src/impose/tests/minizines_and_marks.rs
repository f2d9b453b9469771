//! Minizines (the 8-page sheet, the 16-page pieces), printer's marks, pages too big for the sheet, and the folding guide picture.

use super::*;

#[test]
fn minizine_holds_8_and_says_so() {
    let i = imp(Scheme::Minizine, "letter");
    let page = paper("2.75in x 4.25in");
    for n in [9, 12, 40] {
        let e = impose(n, page, &i, true).unwrap_err();
        assert_eq!(e, ImposeError::TooManyPages { pages: n, max: 8 });
        assert!(e.to_string().contains("at most 8 pages"), "{e}");
    }
    let mut sixteen = i.clone();
    sixteen.minizine_pages = 16;
    assert!(impose(16, page, &sixteen, true).is_ok());
    assert_eq!(
        impose(17, page, &sixteen, true).unwrap_err(),
        ImposeError::TooManyPages { pages: 17, max: 16 }
    );
}

#[test]
fn minizine_8_places_the_classic_layout() {
    let im = impose(
        8,
        paper("2.75in x 4.25in"),
        &imp(Scheme::Minizine, "letter"),
        true,
    )
    .unwrap();
    assert_eq!(im.sheet, paper("letter").landscape());
    let side = &im.sides[0];
    assert_eq!(side_pages(side), [5, 4, 3, 2, 6, 7, 8, 1]);
    for s in &side.slots {
        assert_eq!(
            s.rotation,
            if s.y < im.sheet.height.0 / 2.0 - 1.0 {
                180
            } else {
                0
            }
        );
    }
    let slit = side
        .lines
        .iter()
        .find(|l| l.kind == LineKind::Slit)
        .unwrap();
    assert!(
        (slit.y1 - 306.0).abs() < 0.01
            && (slit.x1 - 198.0).abs() < 0.01
            && (slit.x2 - 594.0).abs() < 0.01
    );
    assert!(side.marks.iter().any(|m| matches!(m, Mark::Line { dashed: false, y1, y2, .. } if *y1 == slit.y1 && *y2 == slit.y2)));
    // A 6-page zine with a back cover: blanks inside, page 6 on the back cover panel.
    let im = impose(
        6,
        paper("2.75in x 4.25in"),
        &imp(Scheme::Minizine, "letter"),
        true,
    )
    .unwrap();
    assert_eq!(im.blanks, [5, 6]);
    let back = im.sides[0]
        .slots
        .iter()
        .find(|s| s.page == Some(5))
        .unwrap();
    assert_eq!(back.pos, 7);
}

/// Cut along the middle lines, the 16-page minizine's four pieces are the
/// four sheets of a 16-page saddle booklet.
#[test]
fn minizine_16_pieces_are_saddle_sheets() {
    let mut i = imp(Scheme::Minizine, "a4");
    i.minizine_pages = 16;
    let im = impose(16, paper("a7"), &i, true).unwrap();
    let (front, back) = (&im.sides[0], &im.sides[1]);
    let mut found = Vec::new();
    for row in 0..2 {
        for pair in 0..2 {
            let cells = |side: &SheetSide, pair: usize| -> [usize; 2] {
                let mut s: Vec<&Slot> = side
                    .slots
                    .iter()
                    .filter(|s| (s.y > 1.0) == (row == 1))
                    .collect();
                s.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
                let (l, r) = (s[2 * pair].pos, s[2 * pair + 1].pos);
                if row == 0 {
                    [r, l]
                } else {
                    [l, r]
                } // turn the top row upright
            };
            let f = cells(front, pair);
            let b = cells(back, 1 - pair);
            let saddle: Vec<[usize; 4]> = (0..4)
                .map(|k| saddle::sheet_positions(saddle::nest(k, 4, 4)))
                .collect();
            let k = saddle
                .iter()
                .position(|s| (s[0..2] == f && s[2..4] == b) || (s[0..2] == b && s[2..4] == f))
                .expect("a saddle sheet");
            found.push(k);
        }
    }
    found.sort();
    assert_eq!(found, [0, 1, 2, 3]);
}

#[test]
fn marks_follow_the_options() {
    // A6 pages on A4 leave margins for marks.
    let mut i = imp(Scheme::Saddle, "a4");
    let im = impose(8, paper("a6"), &i, false).unwrap();
    let labels: Vec<&str> = im
        .sides
        .iter()
        .flat_map(|s| &s.marks)
        .filter_map(|m| {
            if let Mark::Label { text, .. } = m {
                Some(text.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        labels,
        ["S 1/2 front", "S 1/2 back", "S 2/2 front", "S 2/2 back"]
    );
    for m in im.sides.iter().flat_map(|s| &s.marks) {
        let (x, y) = match m {
            Mark::Line { x1, y1, .. } => (*x1, *y1),
            Mark::Label { x, y, .. } => (*x, *y),
        };
        assert!(x >= 0.0 && x <= im.sheet.width.0 && y >= 0.0 && y <= im.sheet.height.0);
    }
    let crops = im.sides[0]
        .marks
        .iter()
        .filter(|m| matches!(m, Mark::Line { dashed: false, .. }))
        .count();
    let folds = im.sides[0]
        .marks
        .iter()
        .filter(|m| matches!(m, Mark::Line { dashed: true, .. }))
        .count();
    assert_eq!((crops, folds), (8, 2));
    // No margin (half-letter on letter): fold ticks from the sheet edge, no label.
    let full = impose(
        8,
        paper("half-letter"),
        &imp(Scheme::Saddle, "letter"),
        false,
    )
    .unwrap();
    let marks = &full.sides[0].marks;
    assert!(
        marks
            .iter()
            .all(|m| matches!(m, Mark::Line { dashed: true, .. })),
        "{marks:?}"
    );
    assert_eq!(marks.len(), 2);
    (i.crop_marks, i.fold_marks, i.sheet_labels) = (false, false, false);
    let bare = impose(8, paper("a6"), &i, false).unwrap();
    assert!(bare.sides.iter().all(|s| s.marks.is_empty()));
}

#[test]
fn saddle_pages_too_big_do_not_fit() {
    let e = impose(8, paper("a4"), &imp(Scheme::Saddle, "a4"), false).unwrap_err();
    assert!(matches!(e, ImposeError::DoesNotFit { .. }));
}

#[test]
fn guide_png_decodes_with_its_size_and_is_stable() {
    let fonts = crate::typeset::fonts::Fonts::load(None).unwrap();
    let mut sixteen = imp(Scheme::Minizine, "a4");
    sixteen.minizine_pages = 16;
    let runs = [
        (
            impose(
                8,
                paper("half-letter"),
                &imp(Scheme::Saddle, "letter"),
                true,
            )
            .unwrap(),
            "booklet-letter",
        ),
        (
            impose(40, paper("a5"), &imp(Scheme::Saddle, "a4"), true).unwrap(),
            "booklet-a4",
        ),
        (
            impose(
                20,
                paper("quarter-letter"),
                &imp(Scheme::CutStack, "letter"),
                true,
            )
            .unwrap(),
            "quarter-letter",
        ),
        (
            impose(7, paper("a7"), &imp(Scheme::Minizine, "a4"), true).unwrap(),
            "minizine-a4",
        ),
        (
            impose(16, paper("a7"), &sixteen, true).unwrap(),
            "minizine16",
        ),
    ];
    let en = crate::lang::Locale::english();
    for (im, name) in &runs {
        let a = guide::guide_png(im, name, &fonts, &en).unwrap();
        let b = guide::guide_png(im, name, &fonts, &en).unwrap();
        assert_eq!(a, b, "{name}");
        let img = image::load_from_memory_with_format(&a, image::ImageFormat::Png).unwrap();
        let (w, h) = guide::guide_size(im, name, &fonts, &en);
        assert_eq!((img.width(), img.height()), (w, h), "{name}");
        // Every shown side fits at its true proportions (guide::SCALE px a point).
        let sides = if im.duplex.is_some() { 2 } else { 1 };
        let rows = im.sheets.min(guide::MAX_SHEETS) as u32;
        let side_w = (im.sheet.width.0 * guide::SCALE) as u32;
        let side_h = (im.sheet.height.0 * guide::SCALE) as u32;
        assert!(w >= sides * side_w && h >= rows * side_h, "{name}: {w}x{h}");
    }
}
