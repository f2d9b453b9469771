//! Step 3a of reading a PDF: the body's size and leading over the whole
//! document, and the role of each line of a page (body, heading, caption,
//! notes, furniture) from its size and place.

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
}
