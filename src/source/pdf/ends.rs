//! Step 3c of reading a PDF: where a body line ends its paragraph whatever
//! its words say: short of the measure it was set to, or before the gap a
//! page sets between paragraphs.

use super::lines::Line;
use super::roles::{Body, Role};
use super::starts::{opens_item, Frame};

/// Whether body line `p`, above body line `i`, ends its paragraph short in
/// justified text: it stops clearly short (by half an em) of the right edge
/// of the measure it was set to (see [`measure_right`]), or `i`'s first
/// word would have fitted after it, with a space. A typesetter that
/// justifies fills every line of a paragraph but its last, and a line
/// stretched to the measure ends within a point of it, or hangs a stop
/// past it; a list item's next item says nothing new.
pub(super) fn ends_short(
    page: &[Line],
    roles: &[Role],
    p: usize,
    i: usize,
    frame: Frame,
    body: &Body,
) -> bool {
    let (above, line) = (&page[p], &page[i]);
    if roles[p] != Role::Body
        || opens_item(&line.text)
        || hard_break(page, roles, p, i, frame, body)
    {
        return false;
    }
    let Some(right) = measure_right(page, roles, p, frame, body) else {
        return false;
    };
    above.x1 + 0.25 * body.size + line.first_word.min(0.25 * body.size) <= right
}

/// Whether body line `p` was wrapped where it stops, short of the measure
/// or not: body line `i`, right under it, opens with a word that would not
/// have fitted after it, with a space, in justified text (see
/// [`measure_right`]). A quotation's first line stops short before a long
/// word of code ("… the guard condition let" / "Some(first_char) = …") and
/// runs on all the same; a sentence's end there does too ("… is executed."
/// / "Otherwise, …"), unless the line is a list item's.
pub(super) fn wrapped_short(
    page: &[Line],
    roles: &[Role],
    p: usize,
    i: usize,
    frame: Frame,
    body: &Body,
) -> bool {
    // A list item of one line that ends a sentence may be followed by a
    // paragraph at the edge ("• … undefined behavior." / "Note that …"):
    // the geometry cannot tell.
    let ends_sentence = page[p]
        .text_before_marker()
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', ':'])
        && opens_item(&page[p].text);
    if roles[p] != Role::Body
        || roles[i] != Role::Body
        || ends_sentence
        || page[i].y - page[p].y > body.leading * 1.15
        || leaves_block(page, roles, p, i, frame, body)
        || set_further_in(page, p, i, body)
    {
        return false;
    }
    let Some(right) = measure_right(page, roles, p, frame, body) else {
        return false;
    };
    // A block set in shows its own edge only where two of its other lines
    // end there, justified: short lines set in one under the other (the
    // indented first lines of short paragraphs, "A basic example is:" /
    // "Rust code:" / "C code:") end where their words do.
    if frame.right.is_some_and(|r| right < r) {
        let (first, last) = inset_run(page, roles, p, frame, body);
        let at_edge = (first..=last)
            .filter(|&j| j != p && page[j].x1 >= right - (0.1 * body.size).max(1.0))
            .count();
        if at_edge < 2 {
            return false;
        }
    }
    page[p].x1 + 0.25 * body.size + page[i].first_word > right
}

/// Whether body line `i` goes on after a line break forced inside a
/// paragraph (a letter's close: "With thanks from the group," / "Maria
/// Okafor, secretary"), not after the end of `p`'s paragraph: it follows at
/// the leading, at the left edge, without an indent, under a line of plain
/// text, at the edge or the first of its paragraph, indented. A paragraph
/// that ends there would start the next with an indent or space above it;
/// after a list item (a line up the run opens one) it need not.
fn hard_break(
    page: &[Line],
    roles: &[Role],
    p: usize,
    i: usize,
    frame: Frame,
    body: &Body,
) -> bool {
    let em = body.size;
    let at_edge = |j: usize| page[j].x0 < frame.left + 0.4 * em;
    let close = |a: usize, b: usize| page[b].y - page[a].y <= body.leading * 1.15;
    let body_above = |j: usize| (j > 0 && roles[j - 1] == Role::Body).then(|| j - 1);
    // A line indented first in its paragraph: the line above it is not set in the same.
    let opens_paragraph = |j: usize| {
        !at_edge(j)
            && page[j].x0 < frame.left + 3.0 * em
            && body_above(j).is_none_or(|k| (page[k].x0 - page[j].x0).abs() >= 0.1 * em)
    };
    if !close(p, i) || !at_edge(i) || !(at_edge(p) || opens_paragraph(p)) {
        return false;
    }
    // Up the paragraph's lines to its first: an item's bullet or number says list.
    let mut k = p;
    for _ in 0..40 {
        if opens_item(&page[k].text) {
            return false;
        }
        if opens_paragraph(k) {
            return true;
        }
        match body_above(k).filter(|&u| close(u, k)) {
            Some(u) => k = u,
            None => return true,
        }
    }
    true
}

/// Whether body line `i` starts further in than body line `p` above it (by
/// 0.4 em), where `p` opens no list item whose lines hang: a paragraph's
/// lines wrap to its left, so `i` is none of `p`'s ("… continues after the
/// while expression." / "  A while expression evaluates to ().").
fn set_further_in(page: &[Line], p: usize, i: usize, body: &Body) -> bool {
    page[i].x0 > page[p].x0 + 0.4 * body.size && !opens_item(&page[p].text)
}

/// Whether body line `i`, at the page's left edge right under body line
/// `p`, leaves a block set in on both sides that `p` ends (a quotation of
/// two lines or more, see [`inset_run`]): a block's lines wrap at its own
/// left, so `i` is no line of it, whatever its first word ("… the evening
/// before." / "Notwithstanding the rule of a week, …").
pub(super) fn leaves_block(
    page: &[Line],
    roles: &[Role],
    p: usize,
    i: usize,
    frame: Frame,
    body: &Body,
) -> bool {
    if i != p + 1 || roles[i] != Role::Body || page[i].x0 >= frame.left + 0.4 * body.size {
        return false;
    }
    let (first, last) = inset_run(page, roles, p, frame, body);
    first < last && last == p
}

/// The right edge of the measure body line `p` was set to, in justified
/// text: a block set in on both sides (a quotation, "🛈 stable since …")
/// has its own, the rightmost end of the run of adjacent lines set in
/// around it (two at least; see below for a line set past it); any other line the page's. `None` for
/// ragged-right text, where a line may break early for a better rag.
pub(super) fn measure_right(
    page: &[Line],
    roles: &[Role],
    p: usize,
    frame: Frame,
    body: &Body,
) -> Option<f64> {
    let right = frame.right?;
    let (first, last) = inset_run(page, roles, p, frame, body);
    if first == last {
        return Some(right);
    }
    // Where two of its lines end within a point, the rightmost such: a
    // line set past the block's edge (LaTeX's overfull line, a long name
    // from code) is not its measure.
    let ends: Vec<f64> = page[first..=last].iter().map(|l| l.x1).collect();
    let shared = |x: f64| ends.iter().filter(|e| (**e - x).abs() <= 1.0).count() >= 2;
    let widest = ends.iter().copied().fold(f64::MIN, f64::max);
    Some(
        ends.iter()
            .copied()
            .filter(|&x| shared(x))
            .reduce(f64::max)
            .unwrap_or(widest),
    )
}

/// The run of adjacent body lines set in on both sides around body line
/// `p`, starting where it does or under its indented first line (first
/// and last index): `(p, p)` where `p` is not set in, or the
/// page's text is not justified.
fn inset_run(page: &[Line], roles: &[Role], p: usize, frame: Frame, body: &Body) -> (usize, usize) {
    let em = body.size;
    let Some(right) = frame.right else {
        return (p, p);
    };
    let set_in = |j: usize| {
        roles[j] == Role::Body
            && page[j].x0 >= frame.left + 0.4 * em
            && page[j].x1 <= right - 0.5 * em
    };
    if !set_in(p) {
        return (p, p);
    }
    let close = |j: usize| page[j + 1].y - page[j].y <= body.leading * 1.15;
    // A block's lines start at one place, but its first line, which may be
    // indented: a line further left (an indented paragraph's short line
    // above a quotation) is no line of it.
    let same = |a: usize, b: usize| (page[a].x0 - page[b].x0).abs() < 0.1 * em;
    let indent = |a: usize, b: usize| page[a].x0 > page[b].x0 + 0.1 * em;
    let joins = |a: usize, b: usize| set_in(a) && set_in(b) && close(a);
    let mut first = p;
    while first > 0 && joins(first - 1, first) && same(first - 1, first) {
        first -= 1;
    }
    if first > 0 && joins(first - 1, first) && indent(first - 1, first) {
        first -= 1;
    }
    let mut last = p;
    while last + 1 < page.len()
        && joins(last, last + 1)
        && (same(last, last + 1) || (last == first && indent(last, last + 1)))
    {
        last += 1;
    }
    (first, last)
}

/// The gap a page sets between paragraphs marked by space: the most common
/// gap between two body lines wider than the leading (by 15%, and less than
/// two and a half times it), when three gaps at least agree to a third of
/// a point; `None` on a page whose paragraphs are not spaced.
pub(super) fn paragraph_gap(page: &[Line], roles: &[Role], body: &Body) -> Option<f64> {
    let gaps: Vec<f64> = (1..page.len())
        .filter(|&j| roles[j] == Role::Body && roles[j - 1] == Role::Body)
        .map(|j| page[j].y - page[j - 1].y)
        .filter(|g| *g > body.leading * 1.15 && *g < body.leading * 2.5)
        .collect();
    let agree = |g: f64| gaps.iter().filter(|h| (**h - g).abs() <= 0.3).count();
    let best = gaps.iter().copied().max_by_key(|&g| agree(g))?;
    (agree(best) >= 3).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::super::layout::{page_text, page_text_in};
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
    fn a_line_set_past_a_block_s_edge_is_not_its_measure() {
        let full = |t: &str, y: f64| at(t, 50.0, 300.0, y);
        let page = vec![
            full("The text runs on to the full measure of its", 12.0),
            at(
                "The desugaring of a destructuring assignment",
                70.0,
                270.0,
                24.0,
            ),
            at(
                "makes its assigned value operand (the RHS) an",
                70.0,
                270.0,
                36.0,
            ),
            at(
                "block. For details, see expr.assign.destructure.tmp-",
                70.0,
                284.0,
                48.0,
            ),
            at("ext.", 70.0, 90.0, 60.0),
            full("So the borrow expressions in the list go on and", 72.0),
        ];
        let roles = super::super::roles::roles(&page, &body());
        let frame = Frame {
            left: 50.0,
            right: Some(300.0),
        };
        assert_eq!(measure_right(&page, &roles, 1, frame, &body()), Some(270.0));
        // Its lines at that edge are full: none ends the paragraph.
        let row = |t: &super::super::layout::PageText, s: &str| {
            t.text.lines().position(|l| l.starts_with(s)).unwrap()
        };
        let t = page_text_in(&page, &body(), Some(300.0));
        let (a, b) = (row(&t, "The desugaring"), row(&t, "makes its"));
        assert!(!t.ends.contains(&a) && !t.ends.contains(&b), "{:?}", t.ends);
        // An indented paragraph's short line above a quotation set further
        // in is no line of it: it ends its paragraph where it stops.
        let mut above = page.clone();
        above[1].x0 = 62.0;
        above[1].x1 = 290.0;
        above[1].text = "The actual data format for this type is unspecified.".into();
        assert_eq!(inset_run(&above, &roles, 1, frame, &body()), (1, 1));
        assert_eq!(inset_run(&above, &roles, 2, frame, &body()), (2, 4));
        let t = page_text_in(&above, &body(), Some(300.0));
        let r = row(&t, "The actual");
        assert!(
            t.ends.contains(&r) && !t.runs_on.contains(&r),
            "{:?} {}",
            t.ends,
            t.text
        );
        // A block's own first-line indent is a line of it.
        let mut indented = page.clone();
        indented[1].x0 = 80.0;
        assert_eq!(inset_run(&indented, &roles, 2, frame, &body()), (1, 4));
        assert_eq!(inset_run(&indented, &roles, 1, frame, &body()), (1, 4));
        // Without two lines that agree, the widest is.
        let mut two = page.clone();
        two[2].x1 = 260.0;
        assert_eq!(measure_right(&two, &roles, 1, frame, &body()), Some(284.0));
    }

    #[test]
    fn a_line_back_at_the_edge_after_a_quotation_starts_a_paragraph() {
        let full = |t: &str, y: f64| at(t, 50.0, 300.0, y);
        let page = vec![
            full("The text runs on to the full measure of its", 12.0),
            at("page, and it ends here.", 50.0, 160.0, 24.0),
            // A quotation whose last line ends near its own edge.
            at(
                "A booking is a promise to the next member",
                70.0,
                280.0,
                36.0,
            ),
            at(
                "as much as a claim on the room. If you can",
                70.0,
                280.0,
                48.0,
            ),
            at(
                "not come, take your name off the screen.",
                70.0,
                274.0,
                60.0,
            ),
            // Back at the edge, a long word that would not have fitted.
            full("Notwithstanding the rule of a week, those who", 72.0),
            at("teach a class may book a month ahead.", 50.0, 220.0, 84.0),
        ];
        let roles = super::super::roles::roles(&page, &body());
        let frame = Frame {
            left: 50.0,
            right: Some(300.0),
        };
        assert!(leaves_block(&page, &roles, 4, 5, frame, &body()));
        assert!(!wrapped_short(&page, &roles, 4, 5, frame, &body()));
        assert!(starts_paragraph(&page, &roles, 5, frame, &body()));
        let t = page_text_in(&page, &body(), Some(300.0));
        let r = t
            .text
            .lines()
            .position(|l| l.starts_with("not come"))
            .unwrap();
        assert!(t.ends.contains(&r), "{:?} {}", t.ends, t.text);
        assert!(!t.runs_on.contains(&r), "{:?} {}", t.runs_on, t.text);
        // Inside the quotation nothing leaves it; a paragraph's indented
        // first line alone, stopped short before a long word, is no block:
        // the word did not fit, and the paragraph runs on.
        assert!(!leaves_block(&page, &roles, 3, 4, frame, &body()));
        // A line indented under a line at the edge is none of its
        // paragraph's, whatever its first word; under an item it hangs.
        let mut indent = page.clone();
        indent[5].x0 = 62.0;
        indent[4].x0 = 50.0;
        indent[4].x1 = 296.0;
        let roles = super::super::roles::roles(&indent, &body());
        assert!(!wrapped_short(&indent, &roles, 4, 5, frame, &body()));
        indent[4].text = "• not come, take your name off the screen".into();
        assert!(wrapped_short(&indent, &roles, 4, 5, frame, &body()));
        let mut see = page.clone();
        see.truncate(2);
        see.push(at("See", 62.0, 80.0, 36.0));
        see.push(full(
            "https://darkroom-collective.example.org/rota/week",
            48.0,
        ));
        let roles = super::super::roles::roles(&see, &body());
        assert!(!leaves_block(&see, &roles, 2, 3, frame, &body()));
        assert!(wrapped_short(&see, &roles, 2, 3, frame, &body()));
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
}
