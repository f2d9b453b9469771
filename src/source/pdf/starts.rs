//! Step 3b of reading a PDF: where a body line starts a paragraph, from the
//! page's text frame (its left and right edges), a first-line indent or the
//! space above it.

use super::ends::{ends_short, leaves_block, paragraph_gap};
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
    if prev.is_some_and(|p| {
        ends_short(page, roles, p, i, frame, body) || leaves_block(page, roles, p, i, frame, body)
    }) {
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
        // An item's first line wrapped to its hang, so it reaches as far
        // as the hanging line under it: a short line opening with a mark
        // ("* and ?.", a glob) above an indented paragraph opens none.
        return level(page[up].x0, line.x0)
            && opens_item(&page[up].text)
            && page[up].x1 + 0.5 * em >= page[k].x1;
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
mod tests {
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
        // Leaving the item, its hanging line ends its paragraph, near the
        // measure too, before a paragraph in lower case; not back at the hang.
        let mut low = page.clone();
        low[3].x1 = 296.0;
        low[4].text = "photochemistry_waste_litres is the fourth".into();
        let t = page_text(&low, &body());
        assert!(t.ends.contains(&3), "{:?} {}", t.ends, t.text);
        low[4].x0 = 60.0;
        assert!(!page_text(&low, &body()).ends.contains(&3));
        // A short line that opens with a mark, over an indented paragraph,
        // opens no item: the line back at the edge goes on with the paragraph.
        let glob = vec![
            at(
                "The members list also supports globs like",
                60.0,
                300.0,
                60.0,
            ),
            at("* and ?.", 50.0, 90.0, 72.0),
            at(
                "The exclude key can be used to prevent the",
                60.0,
                300.0,
                84.0,
            ),
            at("being included in a workspace, and goes", 50.0, 300.0, 96.0),
            at("on to its end.", 50.0, 120.0, 108.0),
        ];
        let roles = super::super::roles::roles(&glob, &body());
        assert!(!leaves_item(&glob, &roles, 2, 3, &body()));
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
}
