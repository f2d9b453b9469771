//! Unit tests of [`super`]: pages of lines built by hand, each rule with a case where it must fire and one where it must not.

use super::super::layout::page_text;
use super::super::roles::test_fixtures::{body, line_to as at};
use super::super::starts::starts_paragraph;
use super::*;

#[test]
fn a_lower_case_line_after_the_page_s_paragraph_gap_starts_a_paragraph() {
    // Paragraphs spaced by 5 pt over the 12 pt leading, three times.
    let mut page = Vec::new();
    let mut y = 24.0;
    for n in 0..3 {
        page.push(at(
            "A paragraph runs on to the full measure of",
            50.0,
            300.0,
            y,
        ));
        page.push(at(
            &format!("its page and ends here, number {n}."),
            50.0,
            200.0,
            y + 12.0,
        ));
        y += 29.0;
    }
    // A full line that ends no sentence, then one in lower case after the same gap.
    page.push(at(
        "(where Fn(a) -> b is sugar for the real trait)",
        50.0,
        300.0,
        y,
    ));
    page.push(at(
        "for<'a> can be read as for all choices of 'a",
        50.0,
        300.0,
        y + 17.0,
    ));
    page.push(at("and it ends here.", 50.0, 150.0, y + 29.0));
    let roles = super::super::roles::roles(&page, &body());
    let frame = Frame {
        left: 50.0,
        right: Some(300.0),
    };
    assert_eq!(paragraph_gap(&page, &roles, &body()), Some(17.0));
    assert!(starts_paragraph(&page, &roles, 7, frame, &body()));
    // The full line before it ends its paragraph, as do the short ones.
    assert_eq!(page_text(&page, &body()).ends, vec![1, 4, 7, 9]);
    // A gap widened by a taller glyph, not the paragraphs' gap, is none.
    page[7].y -= 2.0;
    assert!(!starts_paragraph(&page, &roles, 7, frame, &body()));
    assert_eq!(page_text(&page, &body()).ends, vec![1, 4, 7]);
    // Nor on a page whose paragraphs are not spaced.
    let tight: Vec<Line> = page[6..].to_vec();
    assert_eq!(paragraph_gap(&tight, &roles[6..], &body()), None);
}

#[test]
fn a_line_break_forced_in_a_paragraph_ends_nothing_after_an_item_it_does() {
    let full = |t: &str, y: f64| at(t, 50.0, 300.0, y);
    let mut page = vec![
        full("The text runs on to the full measure of its", 12.0),
        full("page, and on and on in lines that reach the", 24.0),
        at("edge, and ends here.", 50.0, 150.0, 36.0),
        // A letter's close: its lines broken by hand, under an indent.
        at("With thanks from the group,", 62.0, 190.0, 48.0),
        at("Maria Okafor, secretary", 50.0, 170.0, 60.0),
        at("Dev Patel, treasurer", 50.0, 150.0, 72.0),
    ];
    let roles = super::super::roles::roles(&page, &body());
    let frame = Frame {
        left: 50.0,
        right: Some(300.0),
    };
    assert!(hard_break(&page, &roles, 3, 4, frame, &body()));
    assert!(hard_break(&page, &roles, 4, 5, frame, &body()));
    assert!(!ends_short(&page, &roles, 4, 5, frame, &body()));
    // An item with no hang, then text at the edge: the list ends.
    page[3].text = "1. A first item with no hang,".into();
    page[3].x0 = 50.0;
    page[4].text = "short at its end.".into();
    assert!(!hard_break(&page, &roles, 4, 5, frame, &body()));
    assert!(ends_short(&page, &roles, 4, 5, frame, &body()));
    // Nor after the space set between paragraphs.
    page[3].text = "With thanks from the group,".into();
    page[5].y += 5.0;
    assert!(!hard_break(&page, &roles, 4, 5, frame, &body()));
}

#[test]
fn a_short_line_where_the_next_word_fits_ends_its_paragraph() {
    let page = vec![
        at(
            "The text runs on to the full measure of its",
            50.0,
            300.0,
            12.0,
        ),
        at("page, and on and on in lines that reach", 50.0, 300.0, 24.0),
        at(
            "page, and its paragraph ends here with a",
            50.0,
            300.0,
            36.0,
        ),
        at("short line.", 50.0, 110.0, 48.0),
        // Two quotations set in on both sides, one under the other.
        at("stable since: version 1.65", 70.0, 170.0, 60.0),
        at("you can target the edition by compiling", 70.0, 280.0, 72.0),
        at("like this, in the shell.", 70.0, 190.0, 84.0),
        at(
            "The text goes on at the edge with a full",
            50.0,
            300.0,
            96.0,
        ),
        // Short of the edge by less than half an em, where the next
        // word would not have fitted.
        at("line, and then a short one with", 50.0, 296.0, 108.0),
        at("incomprehensibilities at its end.", 50.0, 220.0, 120.0),
    ];
    let t = page_text(&page, &body());
    assert_eq!(
        t.text,
        "The text runs on to the full measure of its\npage, and on and on in lines that reach\n\
         page, and its paragraph ends here with a\nshort line.\n\nstable since: version 1.65\n\nyou can target the edition by compiling\n\
         like this, in the shell.\n\nThe text goes on at the edge with a full\n\
         line, and then a short one with\nincomprehensibilities at its end.\n\u{c}"
    );
    assert_eq!(t.ends, vec![3, 5, 8], "{}", t.text);
    // The quotations' measure is their own; ragged-right text has none.
    let roles = super::super::roles::roles(&page, &body());
    let frame = Frame {
        left: 50.0,
        right: Some(300.0),
    };
    assert_eq!(measure_right(&page, &roles, 4, frame, &body()), Some(280.0));
    assert_eq!(measure_right(&page, &roles, 8, frame, &body()), Some(300.0));
    let ragged = Frame {
        right: None,
        ..frame
    };
    assert_eq!(measure_right(&page, &roles, 4, ragged, &body()), None);
    assert!(!ends_short(&page, &roles, 8, 9, frame, &body()));
    // That line was wrapped, not ended: it runs on; the short line of
    // the first paragraph, where the next word fitted, does not.
    assert!(wrapped_short(&page, &roles, 8, 9, frame, &body()));
    assert!(!wrapped_short(&page, &roles, 3, 4, frame, &body()));
    // A sentence's end inside a paragraph runs on all the same; an
    // item's ("• … undefined behavior." / "Note that …") may end it.
    let mut stop = page.clone();
    stop[8].text = "line, and then a short one ends here.".into();
    assert!(wrapped_short(&stop, &roles, 8, 9, frame, &body()));
    stop[8].text = "• An item, and then a short one ends here.".into();
    assert!(!wrapped_short(&stop, &roles, 8, 9, frame, &body()));
    assert!(t.runs_on.contains(&11), "{:?}", t.runs_on);
    assert!(!t.runs_on.contains(&3), "{:?}", t.runs_on);
}

#[test]
fn a_quotation_s_short_first_line_before_a_long_word_runs_on() {
    let full = |t: &str, y: f64| at(t, 50.0, 300.0, y);
    // The quotation's first line ends within half an em of its edge.
    let page = vec![
        full("The text runs on to the full measure of its", 12.0),
        full("page, and on and on in lines that reach the", 24.0),
        full("page, and on and on in lines that reach the", 36.0),
        at("edge of the page, and it ends here.", 50.0, 250.0, 48.0),
        at(
            "In this example, the guard condition let",
            70.0,
            276.0,
            64.0,
        ),
        at(
            "Some(first_char) = name.chars().next() is",
            70.0,
            280.0,
            76.0,
        ),
        at(
            "evaluated. If the let pattern matches, the",
            70.0,
            279.5,
            88.0,
        ),
        at("arm's body is executed.", 70.0, 180.0, 100.0),
        full("The text goes on at the edge with a full", 116.0),
        at("line, and then a short one.", 50.0, 150.0, 128.0),
    ];
    let row = |t: &super::super::layout::PageText, s: &str| {
        t.text.lines().position(|l| l.starts_with(s)).unwrap()
    };
    let t = page_text(&page, &body());
    let r = row(&t, "In this example");
    assert!(t.runs_on.contains(&r), "{:?} {}", t.runs_on, t.text);
    // Stopped clearly short, where the next word would have fitted:
    // the line ended.
    let mut short = page.clone();
    short[4].x1 = 220.0;
    short[5].text = "it = name.chars().next() is evaluated and".into();
    short[5].first_word = 10.0;
    let t = page_text(&short, &body());
    assert!(!t.runs_on.contains(&r), "{:?} {}", t.runs_on, t.text);
    // Two lines set in, the first the wider: no block of its own, and
    // the page's measure had room.
    let mut two = page.clone();
    two.truncate(6);
    two[4].text = "And the code on the C side looks like this".into();
    two[5].text = "No transmute required!".into();
    two[5].x1 = 180.0;
    let t = page_text(&two, &body());
    assert!(!t.runs_on.contains(&r), "{:?} {}", t.runs_on, t.text);
    // Short lines set in one under the other, none at a shared edge.
    let mut stack = page.clone();
    stack[4].text = "A basic example is".into();
    stack[4].x1 = 160.0;
    stack[5].text = "Rust code".into();
    stack[5].x1 = 120.0;
    stack[6].text = "C code".into();
    stack[6].x1 = 110.0;
    stack[6].first_word = 60.0;
    let t = page_text(&stack, &body());
    let r = row(&t, "Rust code");
    assert!(!t.runs_on.contains(&r), "{:?} {}", t.runs_on, t.text);
}

#[test]
fn a_one_line_paragraph_over_a_quotation_set_in_further_ends_short_of_the_page_s_edge() {
    let full = |t: &str, y: f64| at(t, 50.0, 300.0, y);
    let mut page = vec![
        full("The text runs on to the full measure of its", 12.0),
        at("page, and ends here.", 50.0, 150.0, 24.0),
        // Indented, the paragraph's one line, short of the page's edge by two ems.
        at(
            "Only the first use of the name has effect.",
            62.0,
            278.0,
            36.0,
        ),
        // A quotation set in by two ems on both sides, of two lines.
        at(
            "A lint warns of any use after the first. This",
            70.0,
            280.0,
            48.0,
        ),
        at("may become an error.", 70.0, 180.0, 60.0),
        full("The text goes on at the edge, to the measure", 72.0),
        at("and ends.", 50.0, 100.0, 84.0),
    ];
    let roles = super::super::roles::roles(&page, &body());
    let frame = Frame {
        left: 50.0,
        right: Some(300.0),
    };
    // The indented line belongs to no block set in: the page's edge is its measure.
    assert_eq!(measure_right(&page, &roles, 2, frame, &body()), Some(300.0));
    assert!(ends_short(&page, &roles, 2, 3, frame, &body()));
    // The quotation's own edge is its first line's end: it runs on, then ends.
    assert_eq!(measure_right(&page, &roles, 3, frame, &body()), Some(280.0));
    assert!(!ends_short(&page, &roles, 3, 4, frame, &body()));
    assert!(ends_short(&page, &roles, 4, 5, frame, &body()));
    // A first line set in further than the quotation's others is one of its lines.
    page[3].x0 = 76.0;
    assert_eq!(measure_right(&page, &roles, 4, frame, &body()), Some(280.0));
    // Had the one-line paragraph reached the quotation's edge, the old reading
    // took it into the block; it still stands apart.
    page[2].x1 = 279.5;
    assert_eq!(measure_right(&page, &roles, 2, frame, &body()), Some(300.0));
    assert!(ends_short(&page, &roles, 2, 3, frame, &body()));
}
