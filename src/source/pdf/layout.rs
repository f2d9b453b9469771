//! Step 3 of reading a PDF: the geometry of each page's lines as the plain text the
//! repair reads best: a form feed after each page, a blank line where a paragraph
//! starts (first-line indent, a wider gap), and headings, captions, foot notes,
//! running heads and folios each set off on their own lines.

use super::bold::bold_headings;
use super::ends::{ends_short, paragraph_gap, wrapped_short};
use super::lines::Line;
use super::roles::{furniture, roles, Body, Role};
use super::starts::{
    indented, inset_full, leaves_item, left_edge, right_edge, starts_paragraph, Frame,
};

/// Whether a block of lines set larger than the body reads as a heading: a
/// few words, not a lone letter or figure (a drop cap, a large numeral), and
/// not a sentence that ends with a stop (a pull quote repeating the text),
/// nor a long one that ends with an exclamation ("Hello, World!" is a
/// heading, a pull quote of a dozen words is not). A colon ends no heading
/// but a short one of a line ("See also:"): a larger lead-in sentence is a
/// passage.
fn is_heading<'a>(lines: impl Iterator<Item = &'a str> + Clone) -> bool {
    let last = lines
        .clone()
        .last()
        .unwrap_or_default()
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    let words: usize = lines.clone().map(|t| t.split_whitespace().count()).sum();
    let short_lead = lines.clone().count() == 1 && words <= 3;
    !(last.ends_with('!') && words >= 8)
        && lines.clone().all(|t| t.split_whitespace().count() <= 16)
        && lines
            .flat_map(str::chars)
            .filter(|c| c.is_alphabetic())
            .count()
            >= 2
        && !last.ends_with(['.', ';', ','])
        && (!last.ends_with(':') || short_lead)
}

/// Whether a line of a block of large or small lines is set apart from the
/// line above: by a gap wider than between body lines (by half again). Lines
/// set larger are compared at their size: a title's lines are spaced as the
/// body's in proportion, two headings one under the other much wider; and a
/// change of size between two large lines starts a new block.
fn set_apart(prev: &Line, line: &Line, role: Role, body: &Body) -> bool {
    let gap = line.y - prev.y;
    if role != Role::Large {
        return gap > body.leading * 1.6;
    }
    if (prev.size - line.size).abs() > line.size * 0.06 {
        return true;
    }
    gap > body.leading * 1.6 && gap > line.size * (body.leading / body.size) * 1.3
}

/// The text of one page and what its geometry says beyond the text.
#[derive(Debug, Clone, PartialEq)]
pub struct PageText {
    /// Its lines, with blank lines where the geometry shows a new block, and a
    /// form feed at the end.
    pub text: String,
    /// Lines (0-based, in `text`) that reach the measure of justified text
    /// while the next body line does not start a paragraph: the paragraph
    /// runs on after them, even where they end a sentence.
    pub runs_on: Vec<usize>,
    /// Lines (0-based, in `text`) whose paragraph ends there, whatever the
    /// words say: they stop short of their measure (see
    /// [`super::ends::ends_short`]), or the next line follows at the gap
    /// the page sets between paragraphs (see [`super::ends::paragraph_gap`]).
    pub ends: Vec<usize>,
    /// The page's last body line (0-based, in `text`) when it reaches the
    /// measure and nothing but furniture and notes follows it.
    pub full_end: Option<usize>,
    /// Whether the page's first body line, with nothing but furniture above
    /// it, shows no paragraph start (no indent).
    pub open_start: bool,
    /// Paragraph starts shown by an indent, and by space above.
    pub indents: usize,
    pub spaces: usize,
    /// Lines (0-based, in `text`) set larger than the body: headings and
    /// titles, whatever their words.
    pub headings: Vec<usize>,
    /// Lines (0-based, in `text`) of blocks set larger than the body that
    /// are no heading but a passage (a pull quote): not a drop cap.
    pub apart: Vec<usize>,
    /// Lines (0-based, in `text`) that are the page's furniture: its
    /// running head with its folio, and its foot (see [`furniture`]).
    pub head: Vec<usize>,
    pub foot: Vec<usize>,
    /// Lines (0-based, in `text`) set smaller than the body below its last
    /// line: the page's notes.
    pub notes: Vec<usize>,
}

/// The text of one page: its lines with blank lines where the geometry shows a
/// new block (a paragraph's indent or space, a heading, a caption, the notes,
/// the furniture), ending in a form feed; and the lines the geometry shows run on.
pub fn page_text(page: &[Line], body: &Body) -> PageText {
    page_text_in(page, body, None)
}

/// A page's left edge and the right edge of its justified text, from its
/// own body lines.
pub fn edges(page: &[Line], body: &Body) -> (Option<f64>, Option<f64>) {
    let roles = roles(page, body);
    (left_edge(page, &roles), right_edge(page, &roles))
}

/// [`page_text`], with the right edge of justified text that pages with
/// the same left edge share (see [`super::borrowed_right`]) for a page
/// whose own lines do not show it: a page of headings and short lines, or
/// one taken up by a quotation, is set to the document's measure all the same.
pub fn page_text_in(page: &[Line], body: &Body, shared_right: Option<f64>) -> PageText {
    let roles = roles(page, body);
    let frame = Frame {
        left: left_edge(page, &roles).unwrap_or(0.0),
        right: shared_right.or_else(|| right_edge(page, &roles)),
    };
    // At the measure: the page's, or that of a block set in on both sides.
    let full = |i: usize| frame.full(&page[i], body) || inset_full(page, &roles, i, frame, body);
    let mut out = PageText {
        text: String::new(),
        runs_on: Vec::new(),
        ends: Vec::new(),
        full_end: None,
        open_start: false,
        indents: 0,
        spaces: 0,
        headings: Vec::new(),
        apart: Vec::new(),
        head: Vec::new(),
        foot: Vec::new(),
        notes: Vec::new(),
    };
    let edge = furniture(page, &roles);
    let bold = bold_headings(page, &roles, frame, body);
    let mut row = 0;
    let mut last: Option<Role> = None;
    // The previous body line (its row in the text), while only body lines follow it.
    let mut open: Option<(usize, usize)> = None;
    // The previous body line (its index and row), while only body lines follow it.
    let mut prev_body: Option<(usize, usize)> = None;
    let mut seen_body = false;
    // Blocks of large lines: (row, line) each.
    let mut large: Vec<Vec<(usize, usize)>> = Vec::new();
    for (i, line) in page.iter().enumerate() {
        let role = roles[i];
        let start = role == Role::Body && starts_paragraph(page, &roles, i, frame, body);
        if start {
            if indented(page, &roles, i, frame, body) {
                out.indents += 1;
            } else {
                out.spaces += 1;
            }
        }
        let in_bold = bold.contains(&i);
        // A heading in bold stands apart from the text above and below it.
        let bold_edge = i > 0 && in_bold != bold.contains(&(i - 1));
        let blank = match (last, role) {
            (None, _) => false,
            (Some(Role::Body), Role::Body) if bold_edge => true,
            (Some(a), b) if a != b => true,
            (_, Role::Body) => start,
            (_, Role::Edge) => true,
            (_, Role::Large | Role::Small) => set_apart(&page[i - 1], line, role, body),
            (_, Role::Foot) => false,
        };
        if blank && !out.text.ends_with("\n\n") {
            out.text.push('\n');
            row += 1;
        }
        match role {
            Role::Body => {
                if let Some((_, r)) = open.filter(|_| !start && !in_bold) {
                    out.runs_on.push(r);
                } else if let Some((_, r)) = prev_body.filter(|&(p, _)| {
                    !start
                        && !in_bold
                        && p + 1 == i
                        && !bold.contains(&p)
                        && wrapped_short(page, &roles, p, i, frame, body)
                }) {
                    out.runs_on.push(r);
                }
                if let Some((p, r)) = prev_body.filter(|_| start) {
                    let gap = line.y - page[p].y;
                    // Back at the bullet's left after an item's hanging
                    // lines, opening no item: the list ends.
                    if ends_short(page, &roles, p, i, frame, body)
                        || leaves_item(page, &roles, p, i, body)
                        || paragraph_gap(page, &roles, body).is_some_and(|g| (gap - g).abs() <= 0.3)
                    {
                        out.ends.push(r);
                    }
                }
                prev_body = Some((i, row));
                if !seen_body {
                    out.open_start = !in_bold
                        && !indented(page, &roles, i, frame, body)
                        && roles[..i].iter().all(|r| *r == Role::Edge);
                }
                seen_body = true;
                open = (full(i) && !in_bold).then_some((i, row));
                if in_bold {
                    out.headings.push(row);
                }
            }
            Role::Edge | Role::Foot => {}
            Role::Large => {
                // A block of large lines: one row after another.
                match large.last_mut() {
                    Some(b) if !blank && b.last().is_some_and(|(r, _)| r + 1 == row) => {
                        b.push((row, i))
                    }
                    _ => large.push(vec![(row, i)]),
                }
                open = None;
                prev_body = None;
            }
            Role::Small => {
                open = None;
                prev_body = None;
            }
        }
        if edge.head.contains(&i) {
            out.head.push(row);
        }
        if edge.foot.contains(&i) {
            out.foot.push(row);
        }
        if role == Role::Foot {
            out.notes.push(row);
        }
        out.text.push_str(&line.text);
        out.text.push('\n');
        row += 1;
        last = Some(role);
    }
    out.full_end = open.map(|(_, r)| r);
    if out.open_start && heads_the_page(page, &roles, frame, body, &out) {
        out.open_start = false;
    }
    for b in &large {
        let texts = b.iter().map(|&(_, i)| page[i].text.as_str());
        let rows = b.iter().map(|&(r, _)| r);
        if is_heading(texts.clone()) {
            out.headings.extend(rows);
        } else if texts.flat_map(str::split_whitespace).count() >= 4 {
            out.apart.extend(rows);
        }
    }
    // Headings in bold came first: the repair looks rows up in order.
    out.headings.sort_unstable();
    out.text.push('\u{0c}');
    out
}

/// Whether the page's first body line is a line set apart, no paragraph's
/// end run over from the page before: on a page whose paragraphs are marked
/// by indents, a line that ends no sentence ("The API of Mutex<T>", a
/// heading in body type) with the next line starting a paragraph by the
/// space between them, not by an indent.
fn heads_the_page(
    page: &[Line],
    roles: &[Role],
    frame: Frame,
    body: &Body,
    out: &PageText,
) -> bool {
    let mut lines = (0..page.len()).filter(|&i| roles[i] == Role::Body);
    let (Some(first), Some(next)) = (lines.next(), lines.next()) else {
        return false;
    };
    out.indents > out.spaces
        && !super::starts::ends_sentence(page[first].text_before_marker())
        && !frame.full(&page[first], body)
        && starts_paragraph(page, roles, next, frame, body)
        && !indented(page, roles, next, frame, body)
}

#[cfg(test)]
mod tests {
    use super::super::roles::test_fixtures::{body, line};
    use super::*;

    #[test]
    fn an_indented_line_starts_a_paragraph() {
        let page = vec![
            line("Running Head", 100.0, 30.0, 9.0),
            line("The first paragraph ends here.", 50.0, 60.0, 10.0),
            line("Then a second one starts with", 62.0, 72.0, 10.0),
            line("an indent and goes on.", 50.0, 84.0, 10.0),
            line("And a third one after a gap.", 50.0, 104.0, 10.0),
            line("1The note at the foot.", 50.0, 140.0, 8.0),
            line("7", 150.0, 170.0, 10.0),
        ];
        let b = body();
        assert_eq!(
            page_text(&page, &b).text,
            "Running Head\n\nThe first paragraph ends here.\n\nThen a second one starts with\n\
             an indent and goes on.\n\nAnd a third one after a gap.\n\n1The note at the foot.\n\n7\n\u{c}"
        );
        assert_eq!(page_text(&page, &b).notes, vec![9]);
    }

    #[test]
    fn a_heading_in_body_type_at_a_page_top_is_no_run_over_end() {
        let at = |text: &str, x0: f64, x1: f64, y: f64| Line {
            x1,
            ..line(text, x0, y, 10.0)
        };
        let page = vec![
            at("The API of Mutex<T>", 50.0, 140.0, 40.0),
            at(
                "As an example of how to use a mutex, let us",
                50.0,
                300.0,
                56.0,
            ),
            at(
                "start in a single thread, as shown here.",
                50.0,
                200.0,
                68.0,
            ),
            at(
                "As with many types, we create a Mutex<T>",
                62.0,
                300.0,
                80.0,
            ),
            at(
                "using the associated function new, and the",
                50.0,
                300.0,
                92.0,
            ),
            at("lock method returns a guard for it.", 50.0, 180.0, 104.0),
            at("Then another paragraph starts with an", 62.0, 300.0, 116.0),
            at("indent here and ends.", 50.0, 150.0, 128.0),
        ];
        assert!(!page_text(&page, &body()).open_start);
        // A paragraph's last line run over from the page before ends a sentence.
        let mut end = page.clone();
        end[0].text = "so it ends here.".into();
        assert!(page_text(&end, &body()).open_start);
        // Where paragraphs are marked by space, the space says nothing more.
        let spaced: Vec<Line> = page
            .iter()
            .enumerate()
            .map(|(i, l)| Line {
                x0: 50.0,
                y: l.y
                    + if i >= 6 {
                        8.0
                    } else if i >= 3 {
                        4.0
                    } else {
                        0.0
                    },
                ..l.clone()
            })
            .collect();
        assert!(page_text(&spaced, &body()).open_start);
    }

    #[test]
    fn a_larger_line_is_set_apart() {
        let page = vec![
            line("A Heading", 50.0, 40.0, 14.0),
            line("Body text follows the heading", 50.0, 60.0, 10.0),
            line("on a second line.", 50.0, 72.0, 10.0),
        ];
        assert_eq!(
            page_text(&page, &body()).text,
            "A Heading\n\nBody text follows the heading\non a second line.\n\u{c}"
        );
    }

    #[test]
    fn the_last_hanging_line_of_an_item_before_text_at_the_bullet_s_left_ends_its_paragraph() {
        let to = |t: &str, x0: f64, x1: f64, y: f64| Line {
            x1,
            ..line(t, x0, y, 10.0)
        };
        let mut page = vec![
            to(
                "The text runs on to the full measure of its",
                50.0,
                300.0,
                48.0,
            ),
            to("page, and ends here with a list:", 50.0, 200.0, 60.0),
            to(
                "• Calling a function that unwinds from code",
                50.0,
                300.0,
                72.0,
            ),
            to("that was compiled with -fno-exceptions", 60.0, 298.0, 84.0),
            to(
                "Catching a foreign unwinding operation with",
                50.0,
                300.0,
                96.0,
            ),
            to("a handler is the next paragraph.", 50.0, 200.0, 108.0),
        ];
        // Nearly full, and no sentence's end: only the hang shows the list ends.
        let t = page_text(&page, &body());
        assert!(t.text.contains("-fno-exceptions\n\nCatching"), "{}", t.text);
        assert_eq!(t.ends, vec![3]);
        // Not before the next item.
        page[4].text = "• Catching a foreign unwinding operation".into();
        let t = page_text(&page, &body());
        assert!(t.ends.is_empty(), "{:?}", t.ends);
        // Nor where the item's lines do not hang.
        page[4].text = "Catching a foreign unwinding operation with".into();
        page[3].x0 = 50.0;
        let t = page_text(&page, &body());
        assert!(t.ends.is_empty(), "{:?}", t.ends);
    }

    #[test]
    fn hanging_list_lines_do_not_start_paragraphs() {
        let page = vec![
            line("• The bad state is something that", 50.0, 60.0, 10.0),
            line("is unexpected, as opposed to", 60.0, 72.0, 10.0),
            line("something that happens.", 60.0, 84.0, 10.0),
            line("• Your code after this point", 50.0, 96.0, 10.0),
        ];
        assert_eq!(
            page_text(&page, &body()).text,
            "• The bad state is something that\nis unexpected, as opposed to\nsomething that happens.\n• Your code after this point\n\u{c}"
        );
    }

    #[test]
    fn lines_set_larger_are_headings_but_not_a_drop_cap() {
        let page = vec![
            line("A Heading", 50.0, 40.0, 14.0),
            line("Body text follows the heading", 50.0, 60.0, 10.0),
            line("on a second line.", 50.0, 72.0, 10.0),
            line("T", 50.0, 96.0, 30.0),
            line("he next part opens with a drop cap.", 70.0, 98.0, 10.0),
            line("A pull quote that repeats the", 50.0, 130.0, 14.0),
            line("text is set large as well.", 50.0, 146.0, 14.0),
            line("Body text goes on after it.", 50.0, 170.0, 10.0),
        ];
        let t = page_text(&page, &body());
        assert_eq!(t.headings, vec![0], "{}", t.text);
        // The pull quote is a passage apart; the drop cap is neither.
        assert_eq!(t.apart, vec![9, 10], "{}", t.text);
    }

    #[test]
    fn a_heading_in_bold_under_a_larger_one_is_set_apart_in_order() {
        let at = |text: &str, x1: f64, y: f64, bold: bool| Line {
            x1,
            bold,
            ..line(text, 50.0, y, 10.0)
        };
        let page = vec![
            line("How decisions are made", 50.0, 40.0, 14.0),
            at("agenda.txt", 100.0, 65.0, true),
            at(
                "The agenda is a plain text file that anyone",
                300.0,
                77.0,
                false,
            ),
            at("may add a line to.", 150.0, 89.0, false),
        ];
        let t = page_text(&page, &body());
        assert_eq!(
            t.text,
            "How decisions are made\n\nagenda.txt\n\nThe agenda is a plain text file that anyone\n\
             may add a line to.\n\u{c}"
        );
        assert_eq!(t.headings, vec![0, 2]);
        // The same line in a light face is text.
        let mut light = page.clone();
        light[1].bold = false;
        assert_eq!(page_text(&light, &body()).headings, vec![0]);
    }

    #[test]
    fn a_long_exclamation_set_large_is_a_pull_quote_a_short_one_a_heading() {
        assert!(is_heading(["Hello, World!"].into_iter()));
        assert!(!is_heading(
            [
                "For more practice, add a crate to this",
                "workspace in the same way!"
            ]
            .into_iter()
        ));
        assert!(is_heading(
            ["Why was that feature on this dependency enabled?"].into_iter()
        ));
        assert!(!is_heading(["“The tools are ours.”"].into_iter()));
    }

    #[test]
    fn a_short_line_ending_in_a_colon_is_a_heading_a_lead_in_sentence_is_not() {
        assert!(is_heading(["See also:"].into_iter()));
        assert!(!is_heading(
            ["Here is what the committee decided:"].into_iter()
        ));
        assert!(!is_heading(["Read on", "for more:"].into_iter()));
    }

    #[test]
    fn a_title_s_lines_hold_together_two_headings_do_not() {
        let page = vec![
            line("A Call to the Tenants of the", 32.0, 54.1, 15.3),
            line("Northern Districts from the", 32.0, 74.2, 15.3),
            line("Associations", 97.0, 94.2, 15.3),
            line(
                "This call was adopted by the delegates' meeting",
                31.0,
                120.0,
                9.0,
            ),
            line("of the committee on the ninth of March.", 31.0, 131.8, 9.0),
            line("Continuous Integration", 31.0, 165.0, 15.4),
            line("Getting Started", 31.0, 198.3, 15.4),
            line("A Subtitle Set Smaller", 31.0, 214.0, 12.0),
            line(
                "A basic CI will build and test your projects,",
                31.0,
                235.0,
                9.0,
            ),
            line("and it runs on every change.", 31.0, 246.8, 9.0),
        ];
        let b = Body {
            size: 9.0,
            leading: 11.8,
        };
        let t = page_text(&page, &b);
        assert!(
            t.text.starts_with(
                "A Call to the Tenants of the\nNorthern Districts from the\nAssociations\n\n"
            ),
            "{}",
            t.text
        );
        assert!(
            t.text.contains(
                "\n\nContinuous Integration\n\nGetting Started\n\nA Subtitle Set Smaller\n\n"
            ),
            "{}",
            t.text
        );
    }
}
