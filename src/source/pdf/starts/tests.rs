//! Unit tests of [`super`]: pages of lines built by hand, each rule with a case where it must fire and one where it must not.

use super::super::layout::page_text;
use super::super::roles::test_fixtures::{body, line_to as at};
use super::*;

#[test]
fn a_full_one_line_paragraph_before_another_indented_start_is_a_start() {
    let page = vec![
        at(
            "It goes on in a full line of the justified text.",
            50.0,
            300.0,
            60.0,
        ),
        at("This is its short end.", 50.0, 150.0, 72.0),
        at(
            "A paragraph of one line that is full to the edge:",
            62.0,
            300.0,
            84.0,
        ),
        at(
            "The next one is indented the same, and goes on",
            62.0,
            300.0,
            96.0,
        ),
        at(
            "in a line at the edge that is full as well",
            50.0,
            300.0,
            108.0,
        ),
        at(
            "and a last full line of the same paragraph.",
            50.0,
            300.0,
            120.0,
        ),
    ];
    let t = page_text(&page, &body());
    assert_eq!(
        t.text,
        "It goes on in a full line of the justified text.\nThis is its short end.\n\n\
         A paragraph of one line that is full to the edge:\n\n\
         The next one is indented the same, and goes on\nin a line at the edge that is full as well\n\
         and a last full line of the same paragraph.\n\u{c}"
    );
    assert_eq!(t.runs_on, vec![0, 5, 6]);
    assert_eq!(t.full_end, Some(7));
    assert!(t.open_start);
}

#[test]
fn a_run_of_one_line_paragraphs_indented_the_same_are_starts() {
    let page = vec![
        at(
            "The text runs on to the full measure of its",
            50.0,
            300.0,
            36.0,
        ),
        at(
            "page, over the lines of a justified text that",
            50.0,
            300.0,
            48.0,
        ),
        at(
            "It goes on in a full line of the justified text,",
            50.0,
            300.0,
            60.0,
        ),
        at("and so this compiles:", 50.0, 150.0, 72.0),
        at("but this doesn't:", 62.0, 140.0, 84.0),
        at("while this does:", 62.0, 140.0, 96.0),
        at(
            "Of course, the analysis does not consider the",
            62.0,
            300.0,
            108.0,
        ),
        at("values themselves.", 50.0, 160.0, 120.0),
    ];
    let t = page_text(&page, &body());
    assert_eq!(
        t.text,
        "The text runs on to the full measure of its\npage, over the lines of a justified text that\n\
         It goes on in a full line of the justified text,\nand so this compiles:\n\n\
         but this doesn't:\n\nwhile this does:\n\n\
         Of course, the analysis does not consider the\nvalues themselves.\n\u{c}"
    );
    // Lines set in that do not end a sentence (a verse, an address) are
    // no paragraphs of one line.
    let mut verse = page.clone();
    verse[4].text = "Under the bridge the river".into();
    verse[5].text = "runs on and on".into();
    let t = page_text(&verse, &body());
    assert!(!t.text.contains("river\n\n"), "{}", t.text);
    // The first of them full, the second after a file name: starts too.
    let mut full = page.clone();
    full[4] = at(
        "A one-line paragraph that reaches the edge ends:",
        62.0,
        300.0,
        84.0,
    );
    full[5].text = "Take a closer look at Cargo.toml:".into();
    let t = page_text(&full, &body());
    assert!(
        t.text.contains("compiles:\n\nA one-line")
            && t.text.contains("ends:\n\nTake")
            && t.text.contains("toml:\n\nOf course"),
        "{}",
        t.text
    );
}

#[test]
fn a_colon_after_a_dotted_name_ends_a_sentence_an_abbreviation_does_not() {
    assert!(ends_sentence("Let's take a closer look at Cargo.toml:"));
    assert!(ends_sentence("It stops here."));
    assert!(ends_sentence("Was it \"done?\""));
    assert!(!ends_sentence("as in the U.S."));
    assert!(!ends_sentence("tools, e.g."));
    assert!(!ends_sentence("the values of Cargo.toml"));
}

#[test]
fn a_line_hanging_under_an_item_is_no_indent() {
    let page = vec![
        at(
            "• The first item runs over the full measure of",
            50.0,
            300.0,
            60.0,
        ),
        at("its line.", 60.0, 100.0, 72.0),
        at("• The second item is short.", 50.0, 200.0, 84.0),
        at(
            "Then the text goes on in a full line at the edge",
            50.0,
            300.0,
            96.0,
        ),
        at("and ends.", 50.0, 120.0, 108.0),
    ];
    let t = page_text(&page, &body());
    // The one-line item ends short of the edge: the text after it is
    // a paragraph of its own.
    assert_eq!(t.text.matches("\n\n").count(), 1, "{:?}", t.text);
    assert!(t.text.contains("is short.\n\nThen"), "{:?}", t.text);
    assert_eq!(t.runs_on, vec![0, 4]);
}

#[test]
fn a_line_back_at_the_bullet_after_an_items_hang_leaves_the_list() {
    let page = vec![
        at(
            "• The first item runs over the full measure",
            50.0,
            300.0,
            60.0,
        ),
        at("of its line and ends.", 60.0, 150.0, 72.0),
        at(
            "• The second item runs over the full measure",
            50.0,
            300.0,
            84.0,
        ),
        at("of its line, and stops short.", 60.0, 200.0, 96.0),
        at(
            "Then the text goes on in a full line at the",
            50.0,
            300.0,
            108.0,
        ),
        at("edge and ends.", 50.0, 120.0, 120.0),
    ];
    let t = page_text(&page, &body());
    assert_eq!(
        t.text,
        "• The first item runs over the full measure\nof its line and ends.\n\
         • The second item runs over the full measure\nof its line, and stops short.\n\n\
         Then the text goes on in a full line at the\nedge and ends.\n\u{c}"
    );
    // A paragraph's first-line indent above the edge is no item's hang.
    let indented = vec![
        at("A paragraph starts with an indent and", 60.0, 300.0, 60.0),
        at("goes on at the edge of the text, over", 50.0, 300.0, 72.0),
        at("lines.", 50.0, 80.0, 84.0),
    ];
    assert!(!page_text(&indented, &body()).text.contains("\n\n"));
}

#[test]
fn a_short_one_line_paragraph_before_a_full_indented_line_is_a_start() {
    let page = vec![
        at(
            "The heap data was copied as well, and the copy",
            50.0,
            300.0,
            60.0,
        ),
        at("was slow.", 50.0, 120.0, 72.0),
        at("Figure 3: the copy on the heap", 62.0, 220.0, 84.0),
        at(
            "Earlier we said that a value goes out of scope",
            62.0,
            300.0,
            96.0,
        ),
        at("at the end of its block.", 50.0, 160.0, 108.0),
    ];
    let t = page_text(&page, &body());
    assert_eq!(
        t.text,
        "The heap data was copied as well, and the copy\nwas slow.\n\n\
         Figure 3: the copy on the heap\n\n\
         Earlier we said that a value goes out of scope\nat the end of its block.\n\u{c}"
    );
    // In ragged-right text a short line says nothing.
    let ragged: Vec<Line> = page
        .iter()
        .map(|l| Line {
            x1: 200.0 + l.y,
            ..l.clone()
        })
        .collect();
    assert!(!page_text(&ragged, &body()).text.contains("heap\n\nEarlier"));
}

#[test]
fn a_paragraph_starts_in_lower_case_after_a_sentence_and_a_wider_gap() {
    let page = vec![
        at(
            "registry holds the index of each registry",
            50.0,
            300.0,
            60.0,
        ),
        at("that the package uses.", 50.0, 150.0, 72.0),
        at("git/db holds the bare clones of each", 50.0, 300.0, 88.0),
        at("repository, e.g.", 50.0, 150.0, 100.0),
        at("cargo clones them into it.", 50.0, 150.0, 116.0),
    ];
    let t = page_text(&page, &body());
    assert_eq!(
        t.text,
        "registry holds the index of each registry\nthat the package uses.\n\n\
         git/db holds the bare clones of each\nrepository, e.g.\ncargo clones them into it.\n\u{c}"
    );
}

#[test]
fn a_block_set_in_on_both_sides_runs_on_at_its_own_edge() {
    let page = vec![
        at(
            "The text runs on to the full measure of its",
            50.0,
            300.0,
            24.0,
        ),
        at(
            "page, over the lines of a justified text",
            50.0,
            300.0,
            36.0,
        ),
        at("that reach its right edge one after the", 50.0, 300.0, 48.0),
        at(
            "other, and on to the full measure of its",
            50.0,
            300.0,
            60.0,
        ),
        at("page and ends a paragraph here.", 50.0, 180.0, 72.0),
        at(
            "A quotation is set in on both sides of the",
            70.0,
            280.0,
            90.0,
        ),
        at(
            "page. Its sentence ends at the block's edge.",
            70.0,
            281.0,
            102.0,
        ),
        at(
            "Then it goes on to the same edge again and",
            70.0,
            280.0,
            114.0,
        ),
        at("stops.", 70.0, 110.0, 126.0),
        at(
            "The text goes on after it in a full line",
            62.0,
            300.0,
            144.0,
        ),
        at("and ends.", 50.0, 120.0, 156.0),
    ];
    let t = page_text(&page, &body());
    assert_eq!(t.runs_on, vec![0, 1, 2, 3, 6, 7, 8, 11], "{}", t.text);
    // Lines of a list hang at one place but reach the page's edge:
    // no block of its own; nor do two lines that end together.
    let roles = super::super::roles::roles(&page, &body());
    let frame = Frame {
        left: 50.0,
        right: Some(300.0),
    };
    assert!(inset_full(&page, &roles, 6, frame, &body()));
    assert!(!inset_full(&page, &roles, 0, frame, &body()));
    assert!(!inset_full(&page, &roles, 8, frame, &body()));
    let two = [page[5].clone(), page[6].clone()];
    assert!(!inset_full(&two, &roles[5..7], 0, frame, &body()));
    // Ragged right: the ends say nothing.
    let ragged = Frame {
        right: None,
        ..frame
    };
    assert!(!inset_full(&page, &roles, 6, ragged, &body()));
}
