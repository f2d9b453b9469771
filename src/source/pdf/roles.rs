//! Step 3a of reading a PDF: the body's size and leading over the whole
//! document, and the role of each line of a page (body, heading, caption,
//! notes, furniture) from its size and place.

use super::lines::Line;

/// The body's measures over the whole document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Body {
    /// The size of the running text: most letters, unless notes outweigh it.
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
pub(super) fn key(v: f64) -> i64 {
    (v * 10.0).round() as i64
}

/// The most frequent value (by weight) among `values`, rounded to tenths.
pub(super) fn mode(values: impl Iterator<Item = (f64, usize)>) -> Option<f64> {
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

pub(super) fn is_body_size(line: &Line, body: &Body) -> bool {
    (line.size - body.size).abs() <= body.size * 0.06
}

/// The body size and leading of a document's pages: the size most letters
/// are set in, unless that is the size of notes under a larger text block
/// (see [`body_over_notes`]).
pub fn body_of(pages: &[Vec<Line>]) -> Option<Body> {
    let most = mode(
        pages
            .iter()
            .flatten()
            .map(|l| (l.size, l.text.chars().count())),
    )?;
    let size = body_over_notes(pages, most).unwrap_or(most);
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

/// The size of the text block that the `small` text sits under as notes,
/// if there is one: a short document annotated heavily can have more
/// letters in its notes than in its body. A larger size is that block when
/// three quarters of the small size's letters sit below its last full line
/// (over 12 letters: no folio) on their page, and it holds at least four
/// lines and a sixth as many letters as the small size, which headings
/// and quotes set large do not. The one with most letters wins.
fn body_over_notes(pages: &[Vec<Line>], small: f64) -> Option<f64> {
    let at = |l: &Line, size: f64| (l.size - size).abs() <= size * 0.06;
    let letters = |l: &Line| l.text.chars().count();
    let small_letters: usize = pages
        .iter()
        .flatten()
        .filter(|l| at(l, small))
        .map(letters)
        .sum();
    let mut sizes: Vec<i64> = pages
        .iter()
        .flatten()
        .filter(|l| l.size > small * 1.15)
        .map(|l| key(l.size))
        .collect();
    sizes.sort_unstable();
    sizes.dedup();
    sizes
        .into_iter()
        .map(|k| k as f64 / 10.0)
        .filter_map(|size| {
            let block: Vec<&Line> = pages
                .iter()
                .flatten()
                .filter(|l| at(l, size) && letters(l) > 3)
                .collect();
            let block_letters: usize = block.iter().map(|l| letters(l)).sum();
            if block.len() < 4 || block_letters * 6 < small_letters {
                return None;
            }
            let under: usize = pages
                .iter()
                .map(|p| {
                    let last = p
                        .iter()
                        .filter(|l| at(l, size) && letters(l) > 12)
                        .map(|l| l.y)
                        .fold(f64::NAN, f64::max);
                    p.iter()
                        .filter(|l| at(l, small) && l.y > last)
                        .map(letters)
                        .sum::<usize>()
                })
                .sum();
            (under * 4 >= small_letters * 3).then_some((size, block_letters))
        })
        .max_by_key(|&(_, n)| n)
        .map(|(size, _)| size)
}

/// The role of each line of a page.
pub fn roles(page: &[Line], body: &Body) -> Vec<Role> {
    let body_idx: Vec<usize> = (0..page.len())
        .filter(|&i| is_body_size(&page[i], body) && page[i].text.chars().count() > 3)
        .collect();
    let (Some(&first), Some(&bottom)) = (body_idx.first(), body_idx.last()) else {
        return page.iter().map(|_| Role::Edge).collect();
    };
    // A running head set in the body's type is no body line.
    let top = match body_idx.get(1) {
        Some(&next) if head_in_body_type(page, &body_idx, body) => next,
        _ => first,
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

/// Whether the first of a page's lines at the body's size (`body_idx`, at
/// least two) is a running head set in the body's type: a short line
/// centred over the text below it, or with a page number set apart at one
/// end (see [`folio_set_apart`]), more than two leadings above it, that
/// ends no sentence. Where it stands once (a text of two pages, the first
/// without a head) nothing repeats it.
fn head_in_body_type(page: &[Line], body_idx: &[usize], body: &Body) -> bool {
    let (&i, rest) = body_idx.split_first().unwrap_or((&0, &[]));
    let (Some(&next), Some(line)) = (rest.first(), page.get(i)) else {
        return false;
    };
    let em = body.size;
    let left = rest.iter().map(|&j| page[j].x0).fold(f64::MAX, f64::min);
    let right = rest.iter().map(|&j| page[j].x1).fold(f64::MIN, f64::max);
    let centred =
        ((line.x0 + line.x1) / 2.0 - (left + right) / 2.0).abs() < em && line.x0 > left + 2.0 * em;
    (centred || folio_set_apart(line))
        && page[i + 1..]
            .iter()
            .all(|l| l.y - line.y > 2.0 * body.leading)
        && page[next].y - line.y > 2.0 * body.leading
        && line.text.chars().count() <= 60
        && !super::starts::ends_sentence(&line.text)
}

/// The furniture of a page, for the repair to drop: its running head (1 to
/// 3 edge lines above everything else; more are a block of text set small)
/// and its foot (edge lines below the last line of text), on a page whose
/// edge lines carry a folio. Not an edge line under a title (a byline), and
/// nothing on a page without a folio. Line indices, top to bottom.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Furniture {
    pub head: Vec<usize>,
    pub foot: Vec<usize>,
}

/// Whether a line holds a page number at one end set apart from its words
/// by a gap of two ems and more ("2          Interior mutability", a head
/// with its folio at the outer margin): the number is the line's first
/// word and the widest gap follows it, or its last and the widest gap is
/// before it. A sentence that starts with a figure has a word space after it.
fn folio_set_apart(line: &Line) -> bool {
    let number = |w: &str| (1..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    let words: Vec<&str> = line.text.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    if words.len() < 2 || line.widest_gap < 2.0 {
        return false;
    }
    let gap_from = line.gap_at - line.widest_gap * line.size;
    // The number is a few figures wide: its end, or its start, is within
    // two ems of the gap's.
    (number(first) && (gap_from - (line.x0 + line.first_word)).abs() <= 0.5)
        || (number(last) && line.x1 - line.gap_at <= 2.0 * line.size)
}

/// The furniture of a page (see [`Furniture`]).
pub fn furniture(page: &[Line], roles: &[Role]) -> Furniture {
    let has_folio = page
        .iter()
        .zip(roles)
        .any(|(l, r)| *r == Role::Edge && carries_folio(&l.text));
    if !has_folio {
        return Furniture::default();
    }
    let first = roles
        .iter()
        .position(|r| *r != Role::Edge)
        .unwrap_or(page.len());
    let last = roles
        .iter()
        .rposition(|r| matches!(r, Role::Body | Role::Large | Role::Small));
    let foot = (0..page.len())
        .filter(|&i| roles[i] == Role::Edge && last.is_some_and(|l| i > l))
        .collect();
    let head = if (1..=3).contains(&first) && last.is_some() {
        (0..first).collect()
    } else {
        Vec::new()
    };
    Furniture { head, foot }
}

/// Whether a line holds a page number: alone (`7`, `- 7 -`), at either end
/// of a running head (`Notes on Print 7`), or glued before the head's first
/// word in capitals (`2A CALL TO`).
fn carries_folio(text: &str) -> bool {
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| "-–—".contains(c)))
        .collect();
    // A head in capitals: its letters are.
    let caps = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let glued = caps
        && words.first().is_some_and(|w| {
            let digits = w.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && w.chars().nth(digits).is_some_and(char::is_uppercase)
        });
    glued || words.first().is_some_and(|w| number(w)) || words.last().is_some_and(|w| number(w))
}

/// Lines and a body for the PDF reader's unit tests.
#[cfg(test)]
pub(super) mod test_fixtures {
    use super::super::lines::Line;
    use super::Body;

    /// A line of `text` from `x0` to 300 pt, its baseline at `y`, set at
    /// `size`; its first word half an em a letter wide.
    pub fn line(text: &str, x0: f64, y: f64, size: f64) -> Line {
        let first = text.split_whitespace().next().unwrap_or_default();
        Line {
            first_word: first.chars().count() as f64 * size * 0.5,
            text: text.into(),
            x0,
            x1: 300.0,
            y,
            size,
            font: 1,
            bold: false,
            widest_gap: 0.3,
            gap_at: 0.0,
            marker: 0,
        }
    }

    /// A line of `text` at 10 pt from `x0` to `x1`, its baseline at `y`.
    pub fn line_to(text: &str, x0: f64, x1: f64, y: f64) -> Line {
        Line {
            x1,
            ..line(text, x0, y, 10.0)
        }
    }

    /// A body set at 10 pt on 12 pt.
    pub fn body() -> Body {
        Body {
            size: 10.0,
            leading: 12.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_fixtures::line;
    use super::*;

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

    /// `n` lines of `text` at `size`, from `y` down on `step`.
    fn run(text: &str, n: usize, y: f64, step: f64, size: f64) -> Vec<Line> {
        (0..n)
            .map(|i| line(text, 50.0, y + i as f64 * step, size))
            .collect()
    }

    const BODY: &str = "the body of the page runs on over its lines";
    const NOTE: &str = "a long note set small at the foot of the page, with its sources";

    #[test]
    fn notes_with_more_letters_than_the_body_are_no_body() {
        let page = |body_lines: usize| {
            let mut p = vec![line("The Title", 50.0, 30.0, 14.0)];
            p.extend(run(BODY, body_lines, 50.0, 12.0, 10.0));
            p.extend(run(NOTE, 14, 200.0, 8.5, 7.0));
            p.push(line("1", 150.0, 340.0, 8.0));
            p
        };
        let pages = [page(8), page(2)];
        assert_eq!(
            body_of(&pages).map(|b| (b.size, b.leading)),
            Some((10.0, 12.0))
        );
        // A folio set at the body's size under the notes does not hide them.
        let mut folio = pages.clone();
        folio[0].last_mut().unwrap().size = 10.0;
        assert_eq!(body_of(&folio).map(|b| b.size), Some(10.0));
    }

    #[test]
    fn a_small_body_keeps_its_size_under_titles_and_around_quotes() {
        // A body set small with quotes set large in its midst.
        let mut quoted = run(BODY, 10, 50.0, 10.0, 8.0);
        quoted.extend(run(
            "a quote set large, as long as a line of the body",
            5,
            160.0,
            16.0,
            12.0,
        ));
        quoted.extend(run(BODY, 10, 250.0, 10.0, 8.0));
        assert_eq!(
            body_of(&[quoted.clone(), quoted]).map(|b| b.size),
            Some(8.0)
        );
        // A title of four lines over a page of small text.
        let mut titled = run("A Call to the People", 4, 30.0, 20.0, 16.0);
        titled.extend(run(BODY, 30, 120.0, 10.0, 8.0));
        assert_eq!(body_of(&[titled.clone()]).map(|b| b.size), Some(8.0));
        // A heading at the head of each page, its text running on to pages
        // with none.
        let mut headed = vec![line("A heading set large enough", 50.0, 30.0, 12.0)];
        headed.extend(run(BODY, 6, 50.0, 10.0, 8.0));
        let plain = run(BODY, 8, 30.0, 10.0, 8.0);
        let pages = [headed.clone(), plain.clone(), headed.clone(), plain.clone()];
        assert_eq!(body_of(&pages).map(|b| b.size), Some(8.0));
    }

    #[test]
    fn edge_lines_on_a_page_with_a_folio_are_furniture() {
        let b = Body {
            size: 10.0,
            leading: 12.0,
        };
        let page = vec![
            line("Notes on Print", 100.0, 30.0, 8.5),
            line("Reprinted from the bulletin", 100.0, 40.0, 8.5),
            line("The body of the page runs on", 50.0, 70.0, 10.0),
            line("over its lines to the foot.", 50.0, 82.0, 10.0),
            line("2", 150.0, 120.0, 9.0),
        ];
        let r = roles(&page, &b);
        assert_eq!(r[0], Role::Edge);
        assert_eq!(
            furniture(&page, &r),
            Furniture {
                head: vec![0, 1],
                foot: vec![4]
            }
        );
        // Without a folio, or under a title (a byline), an edge line stays.
        let first = vec![
            line("The Title", 50.0, 30.0, 16.0),
            line("by A. Writer", 100.0, 50.0, 8.5),
            line("The body of the page runs on", 50.0, 80.0, 10.0),
            line("over its lines to the foot.", 50.0, 92.0, 10.0),
            line("1", 150.0, 130.0, 9.0),
        ];
        let r = roles(&first, &b);
        assert_eq!(r[1], Role::Edge);
        assert_eq!(
            furniture(&first, &r),
            Furniture {
                head: vec![],
                foot: vec![4]
            }
        );
        let r = roles(&page[..4], &b);
        assert_eq!(furniture(&page[..4], &r), Furniture::default());
        // Four small lines above the text are a passage set small, no head.
        let mut boxed = page.clone();
        boxed.splice(
            2..2,
            [50.0, 56.0].map(|y| line("a note set small at the top", 50.0, y, 8.5)),
        );
        let r = roles(&boxed, &b);
        assert_eq!(r[..4], [Role::Edge; 4]);
        assert!(furniture(&boxed, &r).head.is_empty());
    }

    #[test]
    fn folios_alone_at_a_head_s_end_or_glued() {
        for t in [
            "7",
            "- 7 -",
            "– 12 –",
            "Notes on Print 7",
            "7 Notes on Print",
            "2A CALL TO THE",
        ] {
            assert!(carries_folio(t), "{t}");
        }
        for t in ["Notes on Print", "3D printing", "Chapter Two", "- -"] {
            assert!(!carries_folio(t), "{t}");
        }
    }

    #[test]
    fn a_short_centred_line_high_above_the_text_is_a_head_in_body_type() {
        let b = Body {
            size: 10.0,
            leading: 12.0,
        };
        let at = |text: &str, x0: f64, x1: f64, y: f64| Line {
            x1,
            ..line(text, x0, y, 10.0)
        };
        let page = vec![
            at("Against the Grain", 140.0, 210.0, 25.0),
            at(
                "how the paper was bought, or who had stayed",
                50.0,
                300.0,
                64.0,
            ),
            at("until two in the morning to get it out.", 50.0, 280.0, 76.0),
            at("2", 170.0, 175.0, 110.0),
        ];
        let r = roles(&page, &b);
        assert_eq!(r[0], Role::Edge);
        assert_eq!(furniture(&page, &r).head, vec![0]);
        // A heading in body type sits close over its text; a line at the
        // left edge, or one that ends a sentence, is text.
        for (text, x0, x1, y) in [
            ("Against the Grain", 140.0, 210.0, 50.0),
            ("Against the Grain", 50.0, 120.0, 25.0),
            ("It ends here.", 150.0, 200.0, 25.0),
        ] {
            let mut p = page.clone();
            p[0] = at(text, x0, x1, y);
            assert_eq!(roles(&p, &b)[0], Role::Body, "{text} at {x0}, {y}");
        }
    }

    #[test]
    fn a_head_with_its_folio_set_apart_at_the_left_edge_is_a_head_in_body_type() {
        let b = Body {
            size: 10.0,
            leading: 12.0,
        };
        // "2", then 20 em of space, then the title to the right edge.
        let head = |text: &str, first_word: f64, gap: f64, gap_at: f64, y: f64| Line {
            x1: 300.0,
            first_word,
            widest_gap: gap,
            gap_at,
            ..line(text, 50.0, y, 10.0)
        };
        let text = |t: &str, x1: f64, y: f64| Line {
            x1,
            ..line(t, 50.0, y, 10.0)
        };
        let mut page = vec![
            head("2 Interior mutability", 5.0, 20.0, 255.0, 25.0),
            text("• Implementing an unsafe trait.", 200.0, 54.0),
            text("• Declaring an extern block, and on and on to", 300.0, 66.0),
            text("the end of the text.", 150.0, 78.0),
        ];
        let r = roles(&page, &b);
        assert_eq!(r[0], Role::Edge);
        assert_eq!(furniture(&page, &r).head, vec![0]);
        // The folio at the right end, the head at the left edge.
        page[0] = head("Interior mutability 2", 95.0, 19.5, 295.0, 25.0);
        assert_eq!(roles(&page, &b)[0], Role::Edge);
        // A line that opens with a figure and a word space, or whose wide
        // gap is not next to its number, or that sits close over the text, is text.
        for (t, first_word, gap, gap_at, y) in [
            ("2 Interior mutability", 5.0, 0.3, 58.0, 25.0),
            ("2 Interior mutability 7x", 5.0, 20.0, 290.0, 25.0),
            ("2 Interior mutability", 5.0, 20.0, 255.0, 42.0),
        ] {
            page[0] = head(t, first_word, gap, gap_at, y);
            assert_eq!(
                roles(&page, &b)[0],
                Role::Body,
                "{t} gap {gap} at {gap_at}, y {y}"
            );
        }
    }
}
