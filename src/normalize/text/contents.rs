//! Contents pages and contents lists in a plain text: removed before the
//! pages are read (their numbers are no folios), each removed line reported,
//! and the titles a contents page lists marked as headings in the body.

use crate::normalize::furniture::{self, is_toc_entry};
use crate::normalize::lines::Line;
use crate::normalize::Report;

/// Drops a contents page ("Contents", then entries with their page
/// numbers) before the pages are read: its numbers are no folios, and its
/// entries are the headings, found again in the body.
pub(super) fn strip_contents_page(lines: &mut [Line], report: &mut Report) {
    let taken = furniture::contents_page(lines);
    let titles = furniture::contents_titles(lines, &taken);
    for &i in &taken {
        report.removed(lines[i].no, "contents list removed", &lines[i].text.clone());
        lines[i].text.clear();
    }
    mark_contents_headings(lines, taken.last().map_or(0, |&i| i + 1), &titles);
}

/// Marks as headings the lines after `from` that are, whole, a title the
/// contents page listed: the contents names the headings, even one in
/// lower case ("for loops") that no other evidence would set apart.
fn mark_contents_headings(lines: &mut [Line], from: usize, titles: &[String]) {
    if titles.is_empty() {
        return;
    }
    for l in lines.iter_mut().skip(from) {
        let t = l.trimmed();
        if !t.is_empty() && titles.iter().any(|title| title == t) {
            l.heading = true;
            l.listed = true;
        }
    }
}

/// Drops a contents list: entries with dot leaders or tabbed page numbers,
/// and a "Contents" line just before them.
pub(super) fn strip_toc(lines: &mut [Line], report: &mut Report) {
    let entries: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].blank() && is_toc_entry(&lines[i].text))
        .collect();
    if entries.len() < 3 {
        return;
    }
    let mut drop = entries.clone();
    if let Some(h) = (0..entries[0]).rev().find(|&i| !lines[i].blank()) {
        let t = lines[h]
            .trimmed()
            .trim_start_matches('#')
            .trim()
            .to_lowercase();
        if t == "contents" || t == "table of contents" {
            drop.push(h);
        }
    }
    for i in drop {
        report.removed(lines[i].no, "contents list removed", &lines[i].text.clone());
        lines[i].text.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.split('\n')
            .enumerate()
            .map(|(i, l)| Line::new(i + 1, l))
            .collect()
    }

    #[test]
    fn a_line_a_contents_page_lists_is_a_heading() {
        let mut l =
            lines("Contents\nfor loops 2\nif let 3\nwhile let 4\n\nfor loops\nA loop runs.");
        strip_contents_page(&mut l, &mut Report::default());
        assert!(l[5].heading, "the entry's title, whole, is a heading");
        assert!(!l[6].heading);
    }

    #[test]
    fn a_contents_title_inside_a_line_or_above_the_page_is_no_heading() {
        let mut l = lines(
            "if let\nContents\nfor loops 2\nif let 3\nwhile let 4\n\nwe use if let here\nif let.",
        );
        strip_contents_page(&mut l, &mut Report::default());
        assert!(!l[0].heading, "above the contents page");
        assert!(!l[6].heading && !l[7].heading, "not the whole line");
    }
}
