//! Step 3c of reading a PDF: headings set at the body's size in a bold face
//! (troff's `.SH`, LaTeX's `\subsubsection`): a short run of bold lines
//! standing alone between paragraphs. Bold words inside a paragraph, a bold
//! lead-in and a bold list label share their line or their paragraph with
//! lighter text, so none of them is one.

use super::lines::Line;
use super::roles::{Body, Role};
use super::starts::{opens_item, Frame};

/// The most lines a heading in bold runs to, and the most words.
const MAX_LINES: usize = 3;
const MAX_WORDS: usize = 16;

/// The lines (indices into `page`) that are headings set in bold at the
/// body's size: a run of one to three adjacent body lines, each nearly all
/// bold, with space above it (more than the body's leading, by a third) or
/// nothing but furniture or a larger heading above it; a few words that
/// end no sentence with a stop or lead on with a comma, and open no list
/// item; its last line short of the measure; and the line after it, if
/// any, not in bold and not going on in lower case.
pub(super) fn bold_headings(
    page: &[Line],
    roles: &[Role],
    frame: Frame,
    body: &Body,
) -> Vec<usize> {
    let adjacent = |j: usize| page[j + 1].y - page[j].y <= body.leading * 1.3;
    let member = |j: usize| roles[j] == Role::Body && page[j].bold;
    let mut out = Vec::new();
    let mut i = 0;
    while i < page.len() {
        if !member(i) {
            i += 1;
            continue;
        }
        let mut last = i;
        while last + 1 < page.len() && member(last + 1) && adjacent(last) {
            last += 1;
        }
        if stands_alone(page, roles, i, last, frame, body) {
            out.extend(i..=last);
        }
        i = last + 1;
    }
    out
}

/// Whether the bold lines `first..=last` stand alone as a heading (see
/// [`bold_headings`]).
fn stands_alone(
    page: &[Line],
    roles: &[Role],
    first: usize,
    last: usize,
    frame: Frame,
    body: &Body,
) -> bool {
    let text: Vec<&str> = page[first..=last]
        .iter()
        .map(|l| l.text_before_marker().trim())
        .collect();
    let words: usize = text.iter().map(|t| t.split_whitespace().count()).sum();
    let letters = text
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| c.is_alphabetic())
        .count();
    let end = text.last().copied().unwrap_or_default();
    let shape = last - first < MAX_LINES
        && words <= MAX_WORDS
        && letters >= 2
        && !end.ends_with(['.', ',', ';'])
        && !opens_item(text[0])
        && !frame.full(&page[last], body);
    let above = match first.checked_sub(1) {
        None => true,
        Some(p) => {
            roles[..first].iter().all(|r| *r == Role::Edge)
                || roles[p] == Role::Large
                || page[first].y - page[p].y > body.leading * 1.3
        }
    };
    // A line going on in lower case carries on the bold words' sentence,
    // unless the bold line stopped short where that line's first word would
    // have fitted and that line runs on to the measure: a paragraph that
    // opens with a word of code ("while let patterns" / "let patterns in a
    // while condition …") under a heading.
    let wrapped = |n: &Line| {
        frame.full(n, body)
            && frame
                .right
                .is_some_and(|r| page[last].x1 + 0.25 * body.size + n.first_word <= r)
    };
    let below = page.get(last + 1).is_none_or(|n| {
        !n.text.trim_start().starts_with(|c: char| c.is_lowercase())
            || end.ends_with(':')
            || wrapped(n)
    });
    shape && above && below
}

#[cfg(test)]
mod tests {
    use super::super::roles::roles;
    use super::super::roles::test_fixtures::{body, line};
    use super::*;

    /// A line at the body's size, ending at `x1`, in bold or not.
    fn at(text: &str, x0: f64, x1: f64, y: f64, bold: bool) -> Line {
        Line {
            x1,
            bold,
            ..line(text, x0, y, 10.0)
        }
    }

    fn headings(page: &[Line]) -> Vec<usize> {
        let b = body();
        let r = roles(page, &b);
        let frame = Frame {
            left: 50.0,
            right: Some(300.0),
        };
        bold_headings(page, &r, frame, &b)
    }

    /// A justified paragraph's lines from `y` down, its last line short.
    fn paragraph(y: f64, n: usize) -> Vec<Line> {
        (0..n)
            .map(|k| {
                let x1 = if k + 1 == n { 180.0 } else { 300.0 };
                at(
                    "The words of a paragraph run on here",
                    50.0,
                    x1,
                    y + 12.0 * k as f64,
                    false,
                )
            })
            .collect()
    }

    #[test]
    fn a_bold_line_with_space_above_is_a_heading() {
        let mut page = paragraph(40.0, 3);
        page.push(at("See also:", 50.0, 95.0, 89.0, true));
        page.extend(paragraph(101.0, 2));
        page.push(at("Shortcuts for Panic on Error", 50.0, 170.0, 138.0, true));
        page.extend(paragraph(150.0, 3));
        assert_eq!(headings(&page), vec![3, 6]);
        // At the page's top, with nothing above it.
        assert_eq!(headings(&page[3..]), vec![0, 3]);
        // A heading over two lines is one.
        let mut two = paragraph(40.0, 3);
        two.push(at(
            "The log book and the spreadsheet, and",
            50.0,
            290.0,
            89.0,
            true,
        ));
        two.push(at("what each is for", 50.0, 120.0, 101.0, true));
        two.extend(paragraph(113.0, 2));
        assert_eq!(headings(&two), vec![3, 4]);
    }

    #[test]
    fn bold_in_a_paragraph_a_lead_in_or_a_list_label_is_no_heading() {
        // Without space above: a paragraph's last line set in bold.
        let mut page = paragraph(40.0, 3);
        page.push(at("of the whole committee", 50.0, 150.0, 76.0, true));
        page.extend(paragraph(100.0, 2));
        // A bold lead-in that fills the line runs on into its paragraph.
        page.push(at(
            "Before you start, read this whole part",
            50.0,
            300.0,
            137.0,
            true,
        ));
        page.extend(paragraph(149.0, 2));
        // A list item in bold, and a bold sentence of its own.
        page.push(at("• Bring your own tools", 50.0, 160.0, 186.0, true));
        page.extend(paragraph(198.0, 2));
        page.push(at("Nobody is turned away.", 50.0, 160.0, 235.0, true));
        page.extend(paragraph(247.0, 2));
        // A short bold phrase whose sentence goes on in lower case.
        page.push(at("Only members", 50.0, 110.0, 284.0, true));
        page.push(at(
            "may borrow the drills and saws.",
            50.0,
            200.0,
            296.0,
            false,
        ));
        // Bold words inside a line leave it mostly light.
        page.push(at("Heading-like words in", 50.0, 150.0, 320.0, false));
        page.extend(paragraph(332.0, 2));
        assert_eq!(headings(&page), Vec::<usize>::new());
    }

    #[test]
    fn a_bold_line_over_a_full_line_in_lower_case_is_a_heading_where_its_word_fitted() {
        let mut page = paragraph(40.0, 3);
        page.push(at("while let patterns", 50.0, 140.0, 89.0, true));
        page.push(at(
            "let patterns in a while condition allow binding",
            50.0,
            300.0,
            101.0,
            false,
        ));
        page.extend(paragraph(113.0, 2));
        assert_eq!(headings(&page), vec![3]);
        // A bold line that reaches near the edge, where the next line's first
        // word would not have fitted: the sentence was wrapped.
        page[3].text = "Members of the committee and its officers all".into();
        page[3].x1 = 280.0;
        page[4].text = "incomprehensibly went on in a full line here".into();
        page[4].first_word = 100.0;
        assert_eq!(headings(&page), Vec::<usize>::new());
    }
}
