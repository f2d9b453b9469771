//! The title of a text extracted from a PDF, where running heads repeat
//! it: a head that is the first page's title again (also rewrapped, in
//! capitals, or with a folio glued on) is furniture, and it shows where a
//! title set over several lines ends.

use super::{edge_removed, glued_folio_before, Pages};
use crate::normalize::furniture::is_page_number;
use crate::normalize::lines::{title_like, Line};
use crate::normalize::Report;

/// The title repeated at the edge of a later page: the first line of a
/// page's top (or the last of its foot) that is word for word a title-like
/// line of the first page is a running head, even where there are too few
/// pages for it to repeat often enough to be counted.
///
/// Also gives the lines of the first page's title when a running head
/// shows it set over several lines.
pub(super) fn title_repeats(
    lines: &[Line],
    pages: &Pages,
    windows: &[[Vec<usize>; 2]],
) -> (Vec<(usize, &'static str)>, Vec<usize>) {
    let Some(b) = pages.breaks.first() else {
        return (Vec::new(), Vec::new());
    };
    let first_page: Vec<&str> = (0..b.end.min(lines.len()))
        .map(|i| lines[i].trimmed())
        .filter(|t| !t.is_empty() && title_like(t) && t.split_whitespace().count() >= 2)
        .collect();
    let title = title_words(lines, b.end);
    let mut title_lines: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for w in windows {
        for (side, idx) in w.iter().enumerate() {
            if let Some(&i) = idx.first() {
                if i >= b.end && first_page.contains(&lines[i].trimmed()) {
                    out.push((i, edge_removed(side)));
                    continue;
                }
            }
            if side == 1 {
                if let Some(n) = head_set_as_short_title(lines, idx, &title) {
                    out.extend(idx[..n].iter().map(|&i| (i, edge_removed(side))));
                    continue;
                }
                if let Some((n, k)) = head_set_as_title(lines, idx, &title) {
                    out.extend(idx[..n].iter().map(|&i| (i, edge_removed(side))));
                    if k > title_lines.len() {
                        title_lines = title[..k].iter().map(|t| t.0).collect();
                    }
                }
            }
        }
    }
    (out, title_lines)
}

/// Joins the lines of a title set over several lines (`title`, line
/// indices) into its first line, leaving the others blank: the running
/// head that repeats it shows where it ends, which the lines alone do not
/// (a title wrapped over two lines reads as a title and a subtitle).
pub(super) fn join_title(lines: &mut [Line], title: &[usize], report: &mut Report) {
    let Some(&last) = title.last() else {
        return;
    };
    // The lines a PDF sets as one heading block with the title's, right
    // under it, are the title's too (a head in smaller type wraps sooner).
    let block = (last + 1..lines.len())
        .take_while(|&i| lines[i].heading && !lines[i].blank() && lines[last].heading)
        .collect::<Vec<_>>();
    let title: Vec<usize> = title.iter().copied().chain(block).collect();
    let Some((&first, rest)) = title.split_first() else {
        return;
    };
    // A word cut by a hyphen is left to the hyphen repair, which weighs
    // the document's evidence.
    if rest.is_empty()
        || title
            .iter()
            .any(|&i| crate::normalize::lines::ends_hyphen(&lines[i].text))
    {
        return;
    }
    let mut text = lines[first].trimmed().to_string();
    for &i in rest {
        text.push(' ');
        text.push_str(lines[i].trimmed());
        lines[i].text.clear();
    }
    report.repaired(
        lines[first].no,
        "title lines joined (a running head repeats the title)",
        text.clone(),
    );
    lines[first].text = text;
}

/// The words of the title that opens the first page (before `end`): its
/// first lines up to four, while they read as a title (no final stop), in
/// lower case. One entry per way of ending the title after its k-th line,
/// with that line's index.
fn title_words(lines: &[Line], end: usize) -> Vec<(usize, Vec<String>)> {
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    for (i, l) in lines[..end.min(lines.len())]
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.blank())
        .take(4)
    {
        let t = l.trimmed();
        if !(title_like(t) || crate::normalize::paragraphs::is_caps_line(t))
            || crate::normalize::lines::ends_terminal(t)
        {
            break;
        }
        words.extend(t.split_whitespace().map(str::to_lowercase));
        out.push((i, words.clone()));
    }
    out
}

/// How many lines at the top of a page (`idx`, nearest first) are the
/// title again, wrapped differently and perhaps in capitals: a title set
/// over three lines repeats as a running head of one or two. A page
/// number glued to the head's first word ("2A CALL TO …") or set apart
/// before or after the head is no word of it.
/// Gives the head's lines and the title's lines that it repeats.
fn head_set_as_title(
    lines: &[Line],
    idx: &[usize],
    title: &[(usize, Vec<String>)],
) -> Option<(usize, usize)> {
    // Titles of one or two words are too weak a match: "Introduction"
    // opens pages too.
    let title: Vec<(usize, &Vec<String>)> = title
        .iter()
        .enumerate()
        .filter(|(_, t)| t.1.len() >= 3)
        .map(|(k, t)| (k + 1, &t.1))
        .collect();
    let mut words: Vec<String> = Vec::new();
    // The same without a folio set apart before the head ("2   A Guide
    // for …") or at a line's end: no word of the title either, unless the
    // title ends in a number ("Notes from Route 128").
    let mut bare: Vec<String> = Vec::new();
    let mut matched = None;
    for (n, &i) in idx.iter().enumerate() {
        // The window skips blank lines: the head is the lines set together.
        if n > 0 && i != idx[n - 1] + 1 {
            break;
        }
        let line: Vec<&str> = lines[i].trimmed().split_whitespace().collect();
        for (k, &w) in line.iter().enumerate() {
            let w = match (n, k, glued_folio_before(w)) {
                (0, 0, Some((_, rest))) => rest,
                _ => w,
            };
            words.push(w.to_lowercase());
            let apart = (n == 0 && k == 0) || k + 1 == line.len();
            if !(apart && line.len() > 1 && is_page_number(w)) {
                bare.push(w.to_lowercase());
            }
        }
        // A head in small capitals, read with a space after each
        // capital ("W ORKING W ITH"), is the title's words too.
        let readings = [small_caps_closed(&words), bare.clone()];
        let readings = [&words, &readings[0], &readings[1]];
        // The longest match: a title of three lines can repeat its first two.
        if let Some(&(k, _)) = title.iter().find(|t| readings.contains(&t.1)) {
            matched = Some((n + 1, k));
        }
        if !title.iter().any(|t| {
            readings
                .iter()
                .any(|r| t.1.len() > r.len() && t.1.starts_with(r))
        }) {
            break;
        }
    }
    matched
}

/// Words (in lower case) of a line set in small capitals as an extractor
/// reads it, the full capital apart from the small ones ("w orking w
/// ith"), with each lone letter joined to the word after it ("working
/// with"). The caller compares both readings: "a call" is two words.
fn small_caps_closed(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut k = 0;
    while k < words.len() {
        let lone = words[k].chars().count() == 1 && words[k].chars().all(char::is_alphabetic);
        match words.get(k + 1) {
            Some(next) if lone && next.chars().count() >= 2 => {
                out.push(format!("{}{next}", words[k]));
                k += 2;
            }
            _ => {
                out.push(words[k].clone());
                k += 1;
            }
        }
    }
    out
}

/// The title's words before its colon ("The Mill Lane Bakery: Notes from
/// the Ledger"), the short title a running head often gives instead of
/// the whole: three words at least, and only where a colon parts them
/// from more of the title.
fn short_title(title: &[(usize, Vec<String>)]) -> Option<Vec<String>> {
    let words = &title.last()?.1;
    let at = words.iter().position(|w| w.ends_with(':'))?;
    let short: Vec<String> = words[..=at]
        .iter()
        .map(|w| w.trim_end_matches(':').to_string())
        .collect();
    (short.len() >= 3 && at + 1 < words.len()).then_some(short)
}

/// Whether the first line at the top of a page (`idx`, nearest first) is
/// the title's short title ([`short_title`]), in any case, with its folio
/// set apart before or after it ("2 THE MILL LANE BAKERY"): a running
/// head, even on the only page after the first. Gives the lines it holds.
fn head_set_as_short_title(
    lines: &[Line],
    idx: &[usize],
    title: &[(usize, Vec<String>)],
) -> Option<usize> {
    let short = short_title(title)?;
    let &i = idx.first()?;
    let mut words: Vec<&str> = lines[i].trimmed().split_whitespace().collect();
    if words.last().is_some_and(|w| is_page_number(w)) {
        words.pop();
    }
    if words.first().is_some_and(|w| is_page_number(w)) {
        words.remove(0);
    }
    let same = words.len() == short.len()
        && words
            .iter()
            .zip(&short)
            .all(|(w, s)| w.to_lowercase() == *s);
    same.then_some(1)
}

/// The foot lines of the first page when they are all its text (its
/// contents list, if any, already gone): a title page, whose title the
/// extractor set after the page's other matter, where the running heads
/// of later pages repeat it. Those lines are the title, not furniture.
pub(super) fn title_page(
    lines: &[Line],
    pages: &Pages,
    windows: &[[Vec<usize>; 2]],
) -> Option<Vec<usize>> {
    let b = pages.breaks.first()?;
    let foot = &windows.first()?[0];
    let text: Vec<usize> = (0..b.end.min(lines.len()))
        .filter(|&i| !lines[i].blank() && !is_page_number(lines[i].trimmed()))
        .collect();
    (!foot.is_empty() && foot.len() <= 2 && text.len() == foot.len()).then(|| foot.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(usize, Vec<String>)> {
        vec![(0, s.split_whitespace().map(str::to_lowercase).collect())]
    }

    #[test]
    fn small_capitals_read_apart_are_closed() {
        let w: Vec<String> = "w orking w ith u ninitialized m emory"
            .split(' ')
            .map(String::from)
            .collect();
        assert_eq!(
            small_caps_closed(&w).join(" "),
            "working with uninitialized memory"
        );
        let w: Vec<String> = ["a", "b"].map(String::from).to_vec();
        assert_eq!(small_caps_closed(&w).join(" "), "a b");
    }

    #[test]
    fn a_head_with_its_folio_set_apart_repeats_a_title_of_two_lines() {
        let text = "A Guide for Volunteers at the Movement\nArchive\n\nBefore you start\nThe archive keeps papers.\n\n1\n\u{0c}2     A Guide for Volunteers at the Movement Archive\n\nDamage\nPaper that has been in a loft.\n";
        let ls = crate::normalize::lines::numbered(text);
        let title = title_words(&ls, 4);
        let head = ls
            .iter()
            .position(|l| l.trimmed().starts_with("2 "))
            .unwrap();
        assert_eq!(head_set_as_title(&ls, &[head], &title), Some((1, 2)));
        // A number that ends the title is the title's own word.
        let ls = crate::normalize::lines::numbered(
            "Notes from Route 128\n\nThe road.\n\u{0c}Notes from Route 128\n",
        );
        let title = title_words(&ls, 2);
        assert_eq!(head_set_as_title(&ls, &[3], &title), Some((1, 1)));
        // A line that starts with a number and goes on otherwise is no head.
        let ls = crate::normalize::lines::numbered(
            "A Guide for Volunteers at the Movement\nArchive\n\n\u{0c}2 guides for volunteers came\n",
        );
        let title = title_words(&ls, 2);
        assert_eq!(head_set_as_title(&ls, &[3], &title), None);
    }

    #[test]
    fn the_short_title_is_the_part_before_the_colon() {
        let short = short_title(&words("The Mill Lane Bakery: Notes from the Ledger"));
        assert_eq!(short.unwrap().join(" "), "the mill lane bakery");
        // Too short to tell a running head from a heading, no colon, or
        // nothing after the colon: no short title.
        assert!(short_title(&words("Example: Implementing Vec")).is_none());
        assert!(short_title(&words("The Laundry on Canal Row")).is_none());
        assert!(short_title(&words("What the Strike Committee Learned:")).is_none());
    }
}
