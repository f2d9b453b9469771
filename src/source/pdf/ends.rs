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

/// The right edge of the measure body line `p` was set to, in justified
/// text: a block set in on both sides (a quotation, "🛈 stable since …")
/// has its own, the rightmost end of the run of adjacent lines set in
/// around it (two at least); any other line the page's. `None` for
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
    Some(
        page[first..=last]
            .iter()
            .map(|l| l.x1)
            .fold(f64::MIN, f64::max),
    )
}

/// The run of adjacent body lines set in on both sides around body line
/// `p` (first and last index): `(p, p)` where `p` is not set in, or the
/// page's text is not justified. A block's lines start at one place, its
/// first further in where it has an indent of its own: a line that starts
/// left of the line under it belongs to the text above the block (the
/// indented first line of a paragraph of one line, "Only the first use of
/// … has effect." over a quotation set in further), and a line that starts
/// right of the line above it opens a paragraph of its own.
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
    // Line `j + 1` goes on the block of line `j`: close under it, not set in further.
    let goes_on = |j: usize| {
        page[j + 1].y - page[j].y <= body.leading * 1.15 && page[j + 1].x0 <= page[j].x0 + 0.1 * em
    };
    let mut first = p;
    while first > 0 && set_in(first - 1) && goes_on(first - 1) {
        first -= 1;
    }
    let mut last = p;
    while last + 1 < page.len() && set_in(last + 1) && goes_on(last) {
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
mod tests;
