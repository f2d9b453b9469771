//! Step 3b of reading a PDF: where a body line starts a paragraph, from the
//! page's text frame (its left and right edges), a first-line indent or the
//! space above it.

use super::ends::{ends_short, paragraph_gap};
use super::lines::Line;
use super::roles::{key, mode, Body, Role};

/// The left edge of a page's body text: the leftmost start that one in ten of
/// its body lines (two at least) share. Not the most common start: on a page
/// of list items the items' hanging lines outnumber the lines at the edge.
pub(super) fn left_edge(page: &[Line], roles: &[Role]) -> Option<f64> {
    let starts: Vec<i64> = page
        .iter()
        .zip(roles)
        .filter(|(_, r)| **r == Role::Body)
        .map(|(l, _)| key(l.x0))
        .collect();
    let enough = (starts.len() / 10).max(2);
    let shared = |k: i64| starts.iter().filter(|s| (**s - k).abs() <= 2).count() >= enough;
    starts
        .iter()
        .copied()
        .filter(|&k| shared(k))
        .min()
        .or_else(|| starts.iter().copied().min())
        .map(|k| k as f64 / 10.0)
}

/// Whether body line `i` of a page starts a paragraph, from its indent or the gap above it.
pub(super) fn starts_paragraph(
    page: &[Line],
    roles: &[Role],
    i: usize,
    frame: Frame,
    body: &Body,
) -> bool {
    let line = &page[i];
    let prev = (0..i)
        .rev()
        .find(|&j| roles[j] == Role::Body || roles[j] == Role::Small);
    let starts_low = line.text.chars().next().is_some_and(|c| c.is_lowercase());
    let prev_open = prev.is_some_and(|p| {
        let t = page[p].text.trim_end();
        t.ends_with('-') || t.ends_with('\u{ad}')
    });
    if prev_open {
        return false;
    }
    if prev.is_some_and(|p| leaves_item(page, roles, p, i, body)) {
        return true;
    }
    if prev.is_some_and(|p| ends_short(page, roles, p, i, frame, body)) {
        return true;
    }
    let gap = prev.map_or(0.0, |p| line.y - page[p].y);
    if starts_low {
        // A paragraph can open with a name from code (`mem::transmute …`,
        // `git/checkouts …`): after a line that ends a sentence, a clear
        // indent or a clearly wider gap still starts one.
        let after_sentence = prev.is_some_and(|p| ends_sentence(page[p].text_before_marker()));
        // Or the gap is the one the page sets between paragraphs, to a
        // third of a point: a taller glyph on a line widens a gap by its
        // own amount.
        let spaced = paragraph_gap(page, roles, body).is_some_and(|g| (gap - g).abs() <= 0.3);
        return (after_sentence
            && (indented(page, roles, i, frame, body) || gap > body.leading * 1.25))
            || spaced;
    }
    indented(page, roles, i, frame, body) || gap > body.leading * 1.15
}

/// Whether body line `i`, back at the left of a list item's bullet after
/// `prev`, a line hanging at the item's indent, leaves the list: it opens no
/// item of its own, so it is the first line of a paragraph after the list
/// ("• iter_mut - … the col-" / "lection, … in place." / "In the above
/// snippets …"). A page of items with no hang says nothing.
pub(super) fn leaves_item(
    page: &[Line],
    roles: &[Role],
    prev: usize,
    i: usize,
    body: &Body,
) -> bool {
    let em = body.size;
    let (line, hang) = (&page[i], page[prev].x0);
    if opens_item(&line.text) || hang < line.x0 + 0.4 * em {
        return false;
    }
    let level = |a: f64, b: f64| (a - b).abs() < 0.1 * em;
    // Up through the item's hanging lines to the line that opens it.
    let mut k = prev;
    loop {
        let Some(up) = (0..k).rev().find(|&j| roles[j] == Role::Body) else {
            return false;
        };
        if level(page[up].x0, hang) {
            k = up;
            continue;
        }
        return level(page[up].x0, line.x0) && opens_item(&page[up].text);
    }
}

/// Whether a line ends a sentence: a stop, a question or exclamation mark,
/// a colon or an ellipsis, before closing quotes or brackets; not a stop
/// that ends an abbreviation with a stop inside it (`e.g.`, `U.S.`). A
/// colon after a name with dots (`Cargo.toml:`) ends one.
pub(super) fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    let last = t.rsplit(char::is_whitespace).next().unwrap_or(t);
    t.ends_with(['!', '?', ':', '…'])
        || (t.ends_with('.') && !last.trim_end_matches('.').contains('.'))
}

/// Whether body line `i` of a page is set in from the left edge and from the
/// body lines around it: a first-line indent.
pub(super) fn indented(page: &[Line], roles: &[Role], i: usize, frame: Frame, body: &Body) -> bool {
    let line = &page[i];
    let em = body.size;
    let before = |j: usize| {
        (0..j)
            .rev()
            .find(|&k| roles[k] == Role::Body || roles[k] == Role::Small)
    };
    let after = |j: usize| (j + 1..page.len()).find(|&k| roles[k] == Role::Body);
    let out = |j: usize| page[j].x0 < line.x0 - 0.4 * em;
    let level = |j: usize| (page[j].x0 - line.x0).abs() < 0.1 * em;
    let full = |j: usize| frame.full(&page[j], body);
    let (prev, next) = (before(i), after(i));
    // A line that stops short of the right edge of justified text.
    let short = |j: usize| frame.right.is_some() && !full(j);
    // Between lines at the edge; or beside a one-line paragraph indented the
    // same, full (or short before a full line), between lines at the edge:
    // two starts in a row.
    let prev_ok = prev.is_none_or(|p| {
        (out(p) && !opens_item(&page[p].text))
            || (level(p)
                && (full(p) || (short(p) && full(i)))
                && before(p).is_some_and(|q| out(q) && !opens_item(&page[q].text)))
    });
    // Or, third, a one-line paragraph that stops short (a caption, a line
    // that introduced a listing since left out) before a full line indented
    // the same: that line starts the next paragraph, so this one is one too.
    let next_ok = next.is_none_or(|n| {
        out(n)
            || (prev.is_some()
                && level(n)
                && ((full(i) && after(n).is_none_or(out)) || (short(i) && full(n))))
    });
    line.x0 > frame.left + 0.4 * em
        && line.x0 < frame.left + 6.0 * em
        && ((prev_ok && next_ok) || in_run_of_starts(page, roles, i, frame, body))
}

/// Whether body line `i` is one of a run of lines indented the same, between
/// lines at the edge, in justified text, where every line but the last ends
/// a sentence ("but this doesn't:" / "while this does:", the listings they
/// introduced left out) and the last is full, going on at the edge below:
/// one-line paragraphs, then the first line of the next. Two lines of the
/// kind are [`indented`]'s own case; this takes longer runs.
fn in_run_of_starts(page: &[Line], roles: &[Role], i: usize, frame: Frame, body: &Body) -> bool {
    let em = body.size;
    if frame.right.is_none() {
        return false;
    }
    let x = page[i].x0;
    let near = |j: usize| roles[j] == Role::Body || roles[j] == Role::Small;
    let prev = |j: usize| (0..j).rev().find(|&k| near(k));
    let next = |j: usize| (j + 1..page.len()).find(|&k| roles[k] == Role::Body);
    let level = |j: usize| roles[j] == Role::Body && (page[j].x0 - x).abs() < 0.1 * em;
    let out = |j: usize| page[j].x0 < x - 0.4 * em;
    let one_line = |j: usize| ends_sentence(page[j].text_before_marker());
    let mut first = i;
    while let Some(p) = prev(first).filter(|&p| level(p)) {
        first = p;
    }
    let mut last = i;
    while let Some(n) = next(last).filter(|&n| level(n)) {
        last = n;
    }
    let run: Vec<usize> = (first..=last).filter(|&j| roles[j] == Role::Body).collect();
    run.len() >= 3
        && prev(first).is_some_and(|p| out(p) && !opens_item(&page[p].text))
        && next(last).is_some_and(out)
        && frame.full(&page[last], body)
        && run[..run.len() - 1].iter().all(|&j| one_line(j))
}

/// A page's body text frame: its left edge, and its right edge when justified.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Frame {
    pub left: f64,
    pub right: Option<f64>,
}

impl Frame {
    /// Whether a line reaches the right edge of justified text (within a
    /// point, or a tenth of an em): a full line.
    pub(super) fn full(&self, line: &Line, body: &Body) -> bool {
        self.right
            .is_some_and(|r| line.x1 >= r - (0.1 * body.size).max(1.0))
    }
}

/// Whether body line `i` of a page reaches the right edge of a block set in
/// on both sides (a quotation, a note set off): the run of adjacent body
/// lines that start where it does, in from the page's left edge, whose
/// lines but the last all end at one place short of the page's justified
/// right edge. Three lines at least: two can only agree by chance.
pub(super) fn inset_full(
    page: &[Line],
    roles: &[Role],
    i: usize,
    frame: Frame,
    body: &Body,
) -> bool {
    let em = body.size;
    let (Some(right), line) = (frame.right, &page[i]) else {
        return false;
    };
    if roles[i] != Role::Body || line.x0 < frame.left + 0.4 * em {
        return false;
    }
    let member = |j: usize| roles[j] == Role::Body && (page[j].x0 - line.x0).abs() < 0.1 * em;
    let close = |j: usize| page[j + 1].y - page[j].y <= body.leading * 1.15;
    let mut first = i;
    while first > 0 && member(first - 1) && close(first - 1) {
        first -= 1;
    }
    let mut last = i;
    while last + 1 < page.len() && member(last + 1) && close(last) {
        last += 1;
    }
    if last - first < 2 || i == last {
        return false;
    }
    let ends: Vec<f64> = page[first..last].iter().map(|l| l.x1).collect();
    let edge = ends.iter().copied().fold(f64::MAX, f64::min);
    // Within a point, or a stop hanging past the edge (protrusion).
    let at_edge = |x: f64| x >= edge - 0.01 && x <= edge + (0.2 * em).max(1.0);
    edge < right - em && ends.iter().all(|&x| at_edge(x))
}

/// Whether a line opens a list item with a bullet or a number (`•`, `–`,
/// `3.`, `(b)`, `ii)`): the lines after it hang at the item's indent.
pub fn opens_item(text: &str) -> bool {
    let t = text.trim_start();
    let Some(word) = t.split_whitespace().next() else {
        return false;
    };
    if word.chars().count() == 1 && "•◦▪‣∙·–—-*+".contains(word) {
        return true;
    }
    let inner = word
        .strip_prefix('(')
        .unwrap_or(word)
        .strip_suffix(['.', ')'])
        .unwrap_or_default();
    !inner.is_empty()
        && word.chars().count() <= 6
        && (inner.chars().all(|c| c.is_ascii_digit())
            || (inner.chars().count() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()))
            || inner.chars().all(|c| "ivxl".contains(c)))
}

/// The right edge of a page's justified body text: where most body lines end,
/// when at least two in five end there (within a point); `None` for ragged-right
/// text, whose full lines say nothing.
pub(super) fn right_edge(page: &[Line], roles: &[Role]) -> Option<f64> {
    let ends: Vec<f64> = page
        .iter()
        .zip(roles)
        .filter(|(_, r)| **r == Role::Body)
        .map(|(l, _)| l.x1)
        .collect();
    let edge = mode(ends.iter().map(|x| (*x, 1)))?;
    let at = ends.iter().filter(|x| (**x - edge).abs() <= 1.0).count();
    (ends.len() >= 4 && at * 5 >= ends.len() * 2).then_some(edge)
}

#[cfg(test)]
mod tests;
