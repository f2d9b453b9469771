//! Step 3 of reading a PDF: the geometry of each page's lines as the plain text the
//! repair reads best: a form feed after each page, a blank line where a paragraph
//! starts (first-line indent, a wider gap), and headings, captions, foot notes,
//! running heads and folios each set off on their own lines.

use super::lines::Line;

/// The body's measures over the whole document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Body {
    /// The size most letters are set in.
    pub size: f64,
    /// The usual distance between two body baselines.
    pub leading: f64,
}

/// What a line is, from its geometry alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running text.
    Body,
    /// Larger than the body: a heading or a title.
    Large,
    /// Smaller than the body, among the body: a caption, a quote set small.
    Small,
    /// Smaller than the body, below it at the page foot: notes.
    Foot,
    /// Above or below the body block, away from it: running heads, folios.
    Edge,
}

/// Rounds to tenths, to count measures.
fn key(v: f64) -> i64 {
    (v * 10.0).round() as i64
}

/// The most frequent value (by weight) among `values`, rounded to tenths.
fn mode(values: impl Iterator<Item = (f64, usize)>) -> Option<f64> {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for (v, w) in values {
        let k = key(v);
        match counts.iter_mut().find(|(c, _)| *c == k) {
            Some(e) => e.1 += w,
            None => counts.push((k, w)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(k, n)| (*n, -*k))
        .map(|(k, _)| k as f64 / 10.0)
}

fn is_body_size(line: &Line, body: &Body) -> bool {
    (line.size - body.size).abs() <= body.size * 0.06
}

/// The body size and leading of a document's pages.
pub fn body_of(pages: &[Vec<Line>]) -> Option<Body> {
    let size = mode(
        pages
            .iter()
            .flatten()
            .map(|l| (l.size, l.text.chars().count())),
    )?;
    let probe = Body { size, leading: 0.0 };
    let leading = mode(pages.iter().flat_map(|p| {
        p.windows(2)
            .filter(|w| is_body_size(&w[0], &probe) && is_body_size(&w[1], &probe))
            .map(|w| (w[1].y - w[0].y, 1))
            .filter(|(d, _)| *d > size * 0.8 && *d < size * 3.0)
    }))
    .unwrap_or(size * 1.2);
    Some(Body { size, leading })
}

/// The role of each line of a page.
pub fn roles(page: &[Line], body: &Body) -> Vec<Role> {
    let body_idx: Vec<usize> = (0..page.len())
        .filter(|&i| is_body_size(&page[i], body) && page[i].text.chars().count() > 3)
        .collect();
    let (Some(&top), Some(&bottom)) = (body_idx.first(), body_idx.last()) else {
        return page.iter().map(|_| Role::Edge).collect();
    };
    let gap_limit = body.leading * 1.6;
    let mut roles: Vec<Role> = page
        .iter()
        .map(|l| {
            if is_body_size(l, body) {
                Role::Body
            } else if l.size > body.size {
                Role::Large
            } else {
                Role::Small
            }
        })
        .collect();
    // Small lines after the last body line are the page's notes.
    for r in roles.iter_mut().skip(bottom + 1) {
        if *r == Role::Small {
            *r = Role::Foot;
        }
    }
    // Lines set apart above the first body line or below the last one are furniture.
    let mut i = top;
    while i > 0 && page[i].y - page[i - 1].y <= gap_limit && roles[i - 1] == Role::Body {
        i -= 1;
    }
    for r in roles.iter_mut().take(i) {
        if *r != Role::Large {
            *r = Role::Edge;
        }
    }
    for j in bottom + 1..page.len() {
        let far = page[j].y - page[j - 1].y > gap_limit;
        if far && page[j].text.chars().count() <= 40 && roles[j] != Role::Foot {
            roles[j] = Role::Edge;
        }
    }
    // The page's last line, short and away from the rest: a folio.
    if let Some(last) = page.len().checked_sub(1) {
        if last > bottom
            && page[last].text.chars().count() <= 12
            && page[last].y - page[last - 1].y > gap_limit * 0.8
        {
            roles[last] = Role::Edge;
        }
    }
    roles
}

/// The left edge of a page's body text: the leftmost start that one in ten of
/// its body lines (two at least) share. Not the most common start: on a page
/// of list items the items' hanging lines outnumber the lines at the edge.
fn left_edge(page: &[Line], roles: &[Role]) -> Option<f64> {
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
fn starts_paragraph(page: &[Line], roles: &[Role], i: usize, frame: Frame, body: &Body) -> bool {
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
    let gap = prev.map_or(0.0, |p| line.y - page[p].y);
    if starts_low {
        // A paragraph can open with a name from code (`mem::transmute …`,
        // `git/checkouts …`): after a line that ends a sentence, a clear
        // indent or a clearly wider gap still starts one.
        let after_sentence = prev.is_some_and(|p| ends_sentence(&page[p].text));
        return after_sentence
            && (indented(page, roles, i, frame, body) || gap > body.leading * 1.25);
    }
    indented(page, roles, i, frame, body) || gap > body.leading * 1.15
}

/// Whether a line ends a sentence: a stop, a question or exclamation mark,
/// a colon or an ellipsis, before closing quotes or brackets; not an
/// abbreviation with a stop inside it (`e.g.`, `U.S.`).
fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    let last = t.rsplit(char::is_whitespace).next().unwrap_or(t);
    t.ends_with(['.', '!', '?', ':', '…']) && !last.trim_end_matches('.').contains('.')
}

/// Whether body line `i` of a page is set in from the left edge and from the
/// body lines around it: a first-line indent.
fn indented(page: &[Line], roles: &[Role], i: usize, frame: Frame, body: &Body) -> bool {
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
    line.x0 > frame.left + 0.4 * em && line.x0 < frame.left + 6.0 * em && prev_ok && next_ok
}

/// A page's body text frame: its left edge, and its right edge when justified.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    left: f64,
    right: Option<f64>,
}

impl Frame {
    /// Whether a line reaches the right edge of justified text (within a
    /// point, or a tenth of an em): a full line.
    fn full(&self, line: &Line, body: &Body) -> bool {
        self.right
            .is_some_and(|r| line.x1 >= r - (0.1 * body.size).max(1.0))
    }
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

/// Whether a block of lines set larger than the body reads as a heading: a
/// few words, not a lone letter or figure (a drop cap, a large numeral), and
/// not a sentence that ends with a stop (a pull quote repeating the text).
fn is_heading<'a>(lines: impl Iterator<Item = &'a str> + Clone) -> bool {
    let last = lines.clone().last().unwrap_or_default().trim_end();
    lines.clone().all(|t| t.split_whitespace().count() <= 16)
        && lines
            .flat_map(str::chars)
            .filter(|c| c.is_alphabetic())
            .count()
            >= 2
        && !last.ends_with(['.', ':', ';', ','])
}

/// The right edge of a page's justified body text: where most body lines end,
/// when at least two in five end there (within a point); `None` for ragged-right
/// text, whose full lines say nothing.
fn right_edge(page: &[Line], roles: &[Role]) -> Option<f64> {
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
}

/// The text of one page: its lines with blank lines where the geometry shows a
/// new block (a paragraph's indent or space, a heading, a caption, the notes,
/// the furniture), ending in a form feed; and the lines the geometry shows run on.
pub fn page_text(page: &[Line], body: &Body) -> PageText {
    let roles = roles(page, body);
    let frame = Frame {
        left: left_edge(page, &roles).unwrap_or(0.0),
        right: right_edge(page, &roles),
    };
    let full = |i: usize| frame.full(&page[i], body);
    let mut out = PageText {
        text: String::new(),
        runs_on: Vec::new(),
        full_end: None,
        open_start: false,
        indents: 0,
        spaces: 0,
        headings: Vec::new(),
    };
    let mut row = 0;
    let mut last: Option<Role> = None;
    // The previous body line (its row in the text), while only body lines follow it.
    let mut open: Option<(usize, usize)> = None;
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
        let blank = match (last, role) {
            (None, _) => false,
            (Some(a), b) if a != b => true,
            (_, Role::Body) => start,
            (_, Role::Edge) => true,
            (_, Role::Large | Role::Small) => line.y - page[i - 1].y > body.leading * 1.6,
            (_, Role::Foot) => false,
        };
        if blank && !out.text.ends_with("\n\n") {
            out.text.push('\n');
            row += 1;
        }
        match role {
            Role::Body => {
                if let Some((_, r)) = open.filter(|_| !start) {
                    out.runs_on.push(r);
                }
                if !seen_body {
                    out.open_start = !indented(page, &roles, i, frame, body)
                        && roles[..i].iter().all(|r| *r == Role::Edge);
                }
                seen_body = true;
                open = full(i).then_some((i, row));
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
            }
            Role::Small => open = None,
        }
        out.text.push_str(&line.text);
        out.text.push('\n');
        row += 1;
        last = Some(role);
    }
    out.full_end = open.map(|(_, r)| r);
    out.headings = large
        .iter()
        .filter(|b| is_heading(b.iter().map(|&(_, i)| page[i].text.as_str())))
        .flat_map(|b| b.iter().map(|&(r, _)| r))
        .collect();
    out.text.push('\u{0c}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f64, y: f64, size: f64) -> Line {
        Line {
            text: text.into(),
            x0,
            x1: 300.0,
            y,
            size,
            font: 1,
            widest_gap: 0.3,
            gap_at: 0.0,
        }
    }

    fn body() -> Body {
        Body {
            size: 10.0,
            leading: 12.0,
        }
    }

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
    }

    #[test]
    fn body_size_and_leading_are_the_common_ones() {
        let page = vec![
            line("Heading", 50.0, 30.0, 14.0),
            line("one two three four", 50.0, 60.0, 10.0),
            line("five six seven eight", 50.0, 72.0, 10.0),
            line("nine ten", 50.0, 84.0, 10.0),
        ];
        assert_eq!(
            body_of(&[page]),
            Some(Body {
                size: 10.0,
                leading: 12.0
            })
        );
    }

    fn at(text: &str, x0: f64, x1: f64, y: f64) -> Line {
        Line {
            x1,
            ..line(text, x0, y, 10.0)
        }
    }

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
        assert!(!t.text.contains("\n\n"), "{:?}", t.text);
        assert_eq!(t.runs_on, vec![0, 3]);
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
}
