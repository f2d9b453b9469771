//! Cases for the Knuth-Plass line breaker: exact fits, even lines over greedy ones, boxes wider than the measure, hyphen breaks, expansion, hanging punctuation, the last full line.

use super::*;

fn words(ws: &[f32]) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, &w) in ws.iter().enumerate() {
        if i > 0 {
            items.push(Item::Glue {
                width: 3.0,
                stretch: 1.5,
                shrink: 1.0,
            });
        }
        items.push(Item::Box { width: w });
    }
    items.extend(FORCED_BREAK);
    items
}

#[test]
fn exact_fit_breaks_where_expected() {
    // Two lines of exactly 10 + 3 + 10 = 23.
    let items = words(&[10.0, 10.0, 10.0, 10.0]);
    let lines = break_lines(&items, 23.0, &Params::default());
    assert_eq!(lines.len(), 2);
    assert!(lines[0].ratio.abs() < 1e-4);
    assert_eq!(
        set_width(&items, lines[0].start, lines[0].end, lines[0].ratio),
        23.0
    );
}

#[test]
fn prefers_even_lines_over_greedy() {
    // Greedy would fill the first line tight and leave a loose second one.
    let items = words(&[5.0, 5.0, 5.0, 5.0, 5.0, 5.0]);
    let lines = break_lines(&items, 25.0, &Params::default());
    for l in &lines[..lines.len() - 1] {
        let w = set_width(&items, l.start, l.end, l.ratio);
        assert!((w - 25.0).abs() < 1e-3, "justified line width {w}");
    }
}

#[test]
fn no_line_is_wider_than_the_measure() {
    let items = words(&[7.0, 12.0, 3.0, 9.0, 14.0, 2.0, 8.0, 11.0, 6.0, 13.0, 4.0]);
    for measure in [20.0, 25.0, 31.0, 47.0] {
        for l in break_lines(&items, measure, &Params::default()) {
            assert!(set_width(&items, l.start, l.end, l.ratio) <= measure + 1e-3);
        }
    }
}

#[test]
fn a_box_wider_than_the_measure_still_gets_lines() {
    let items = words(&[5.0, 40.0, 5.0]);
    let lines = break_lines(&items, 20.0, &Params::default());
    assert!(!lines.is_empty());
    assert_eq!(lines.last().unwrap().end, items.len() - 1);
}

#[test]
fn a_box_too_wide_for_any_line_overfills_a_line_of_its_own() {
    // Small boxes with costly breaks between them, then one wider than the measure.
    let mut items = Vec::new();
    for w in [5.0, 2.8, 6.8] {
        if !items.is_empty() {
            items.push(Item::Penalty {
                width: 0.0,
                penalty: 500.0,
                flagged: false,
            });
        }
        items.push(Item::Box { width: w });
    }
    items.extend(FORCED_BREAK);
    let lines = break_lines(&items, 6.0, &Params::default());
    let widths: Vec<f32> = lines
        .iter()
        .map(|l| set_width(&items, l.start, l.end, l.ratio))
        .collect();
    assert_eq!(widths, [5.0, 2.8, 6.8]);
}

#[test]
fn hyphen_breaks_are_used_when_needed() {
    // A word split by a hyphen penalty lets the line be full.
    let mut items = vec![
        Item::Box { width: 10.0 },
        Item::Glue {
            width: 3.0,
            stretch: 0.5,
            shrink: 0.5,
        },
        Item::Box { width: 6.0 },
        Item::Penalty {
            width: 1.0,
            penalty: 50.0,
            flagged: true,
        },
        Item::Box { width: 6.0 },
    ];
    items.extend(FORCED_BREAK);
    let lines = break_lines(&items, 20.0, &Params::default());
    assert_eq!(lines.len(), 2);
    assert!(lines[0].hyphenated);
}

#[test]
fn expansion_is_stretch_and_shrink_the_breaker_counts() {
    // Two words of 100 and a space of 3 (shrink 1): 203 is too wide for
    // 200 on glue alone, but 2% of the boxes shrinks it 4 more.
    let items = words(&[100.0, 100.0]);
    let plain = break_lines(&items, 200.0, &Params::default());
    assert_eq!(plain.len(), 2);
    let expanding = Params {
        expansion: 0.02,
        ..Params::default()
    };
    let lines = break_lines(&items, 200.0, &expanding);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].ratio < 0.0 && lines[0].ratio >= -1.0);
}

#[test]
fn a_line_may_reach_into_the_margin_by_its_hangs() {
    // 203 wide with no shrink: it fits 200 only if its last box hangs 3.
    let mut items = words(&[100.0, 100.0]);
    for item in &mut items {
        if let Item::Glue { shrink, .. } = item {
            *shrink = 0.0;
        }
    }
    assert_eq!(break_lines(&items, 200.0, &Params::default()).len(), 2);
    let mut right = vec![0.0; items.len()];
    right[items.len() - 1] = 3.0;
    let hangs = Hangs {
        left: Vec::new(),
        right,
    };
    let lines = break_lines_hanging(&items, 200.0, &Params::default(), &hangs);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].hang_right, 3.0);
}

#[test]
fn a_paragraphs_last_full_line_avoids_a_hyphen() {
    // "aaaa aaaa bbb-bbb" at 33: ending the first line with "bbb-" sets
    // it exactly; leaving "bbbbbb" whole stretches it to ratio 1.
    let glue = Item::Glue {
        width: 3.0,
        stretch: 10.0,
        shrink: 1.0,
    };
    let mut items = vec![
        Item::Box { width: 10.0 },
        glue,
        Item::Box { width: 10.0 },
        glue,
        Item::Box { width: 6.0 },
        Item::Penalty {
            width: 1.0,
            penalty: 50.0,
            flagged: true,
        },
        Item::Box { width: 6.0 },
    ];
    items.extend(words(&[]));
    let cheap = break_lines(&items, 33.0, &Params::default());
    assert!(cheap[0].hyphenated, "{cheap:?}");
    let strict = Params {
        final_hyphen_demerits: 1e6,
        ..Params::default()
    };
    let lines = break_lines(&items, 33.0, &strict);
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| !l.hyphenated), "{lines:?}");
}
