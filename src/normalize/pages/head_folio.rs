//! A folio set in dashes at the head of a page ("- 7 -", as troff's ms
//! macros set it) that the extractor glued to the page's first word: it
//! read the closing dash as a line-end hyphen and joined the next line on,
//! "-7the bus drivers", "- 12 Use an alternative linker". Where the numbers
//! follow the pages, they are folios, not words.

use super::Pages;
use crate::normalize::lines::Line;
use crate::normalize::Report;
use rustc_hash::FxHashMap as HashMap;

/// A folio in dashes that opens a line, and where the text after it starts:
/// "-7the" → (7, 2), "- 12 Use" → (12, 5), "-6-" → (6, 3). The closing
/// dash is the folio's only when a space or the line's end follows it
/// ("-4-l and -L": the "-l" is the text's own, its dash having been read
/// as the folio's hyphen and dropped).
pub(super) fn dashed_folio(s: &str) -> Option<(u32, usize)> {
    let rest = s.strip_prefix(['-', '–', '−'])?;
    let after_space = rest.trim_start_matches(' ');
    let digits = after_space.len()
        - after_space
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits == 0 || digits > 4 || after_space.starts_with('0') {
        return None;
    }
    let value = after_space.get(..digits)?.parse().ok()?;
    let mut at = s.len() - after_space.len() + digits;
    let tail = s.get(at..)?;
    let spaced = tail.trim_start_matches(' ');
    if let Some(close) = spaced.strip_prefix(['-', '–', '−']) {
        if close.is_empty() || close.starts_with(char::is_whitespace) {
            at = s.len() - close.len();
        }
    }
    let text = s.get(at..)?;
    // "-2.5 per cent", "-40,000": a negative number, not a folio.
    if text.starts_with(['.', ',', ':']) && text.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some((value, s.len() - text.trim_start().len()))
}

/// Takes off the dashed folios glued to the first line of pages (with form
/// feeds) whose numbers are the page's index plus one offset that at least
/// two pages (three where there are many) agree on.
pub(super) fn strip_head_folios(lines: &mut [Line], pages: &Pages, report: &mut Report) {
    if pages.breaks.first().is_none_or(|b| b.start != b.end) {
        return;
    }
    let mut found: Vec<(usize, i64, usize)> = Vec::new();
    for (p, (from, to)) in pages.ranges(lines.len()).into_iter().enumerate() {
        let Some(i) = (from..to).find(|&i| !lines[i].blank()) else {
            continue;
        };
        if let Some((v, cut)) = dashed_folio(lines[i].text.trim_start()) {
            let indent = lines[i].text.len() - lines[i].text.trim_start().len();
            found.push((i, i64::from(v) - p as i64, indent + cut));
        }
    }
    let mut counts: HashMap<i64, usize> = HashMap::default();
    for f in &found {
        *counts.entry(f.1).or_default() += 1;
    }
    let Some((&offset, &count)) = counts.iter().max_by_key(|(o, c)| (**c, -**o)) else {
        return;
    };
    if count < 2 || (count < 3 && pages.breaks.len() > 3) {
        return;
    }
    for &(i, _, cut) in found.iter().filter(|f| f.1 == offset) {
        let folio = lines[i].text.get(..cut).unwrap_or_default().to_string();
        report.removed(lines[i].no, "page number removed", &folio);
        lines[i].text.replace_range(..cut, "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lines::numbered;
    use crate::normalize::pages;

    #[test]
    fn dashed_folios() {
        assert_eq!(dashed_folio("-7the bus drivers"), Some((7, 2)));
        assert_eq!(
            dashed_folio("- 12 Use an alternative linker"),
            Some((12, 5))
        );
        assert_eq!(dashed_folio("-6-"), Some((6, 3)));
        assert_eq!(dashed_folio("- 6 - The next"), Some((6, 6)));
        assert_eq!(dashed_folio("-4-l and -L tell gcc"), Some((4, 2)));
        assert_eq!(dashed_folio("-2.5 per cent"), None);
        assert_eq!(dashed_folio("-the dash"), None);
        assert_eq!(dashed_folio("- 07 of them"), None);
    }

    fn run(text: &str) -> (String, Report) {
        let mut ls: Vec<Line> = numbered(text);
        let p = pages::find(&ls);
        let mut r = Report::default();
        strip_head_folios(&mut ls, &p, &mut r);
        let out = ls
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        (out, r)
    }

    #[test]
    fn glued_folios_that_follow_the_pages_go() {
        let text = "Title\nthe drivers met on the\n\u{c}-2night of the strike and\n\u{c}-3voted to\n\u{c}- 4 Go on\n";
        let (out, r) = run(text);
        assert!(
            out.contains("\nnight of the strike and\nvoted to\nGo on"),
            "{out}"
        );
        assert_eq!(r.removed.len(), 3);
        // Dashes that do not follow the pages are the text's.
        let text =
            "Title\nthe drivers met on the\n\u{c}-5night of it\n\u{c}-1voted to\n\u{c}-9 on\n";
        let (out, r) = run(text);
        assert!(
            out.contains("\n-5night") && out.contains("\n-9 on"),
            "{out}"
        );
        assert!(r.removed.is_empty());
    }
}
