//! Page furniture: page numbers, running heads, photo captions and credits,
//! contents lists, and pull quotes or blurbs that repeat the body text.
//!
//! Removed lines become blank lines so the paragraph pass sees the page break.

use super::lines::{ends_terminal, is_caps_leadin, starts_lower, title_like, Layout, Line};
use super::Report;
use rustc_hash::FxHashMap as HashMap;

/// A page number on its own line: "22", "- 22 -", "Page 22".
pub fn is_page_number(s: &str) -> bool {
    let t = s
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == '—' || c == ' ');
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    (1..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

/// A contents entry: dot leaders or a tab before a page number.
pub fn is_toc_entry(s: &str) -> bool {
    let t = s.trim_end();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if body.len() == t.len() {
        return t.ends_with(". . .") || t.ends_with("....");
    }
    let before = body.trim_end_matches([' ', '\t']);
    body.ends_with('\t')
        || before.ends_with(". .")
        || before.ends_with("..")
        || before.ends_with('…')
}

/// An all-capitals word of a credit ("STEVE", "GOPNIK/NEW").
fn caps_word(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && w.chars().all(|c| c.is_uppercase() || "/.&-'’".contains(c))
}

/// A photo caption or credit: an all-capitals name after a run of spaces or
/// after mixed-case caption text ("CLR James      STEVE PYKE").
pub fn is_credit(s: &str) -> bool {
    let t = s.trim_end();
    if ends_terminal(t) || is_caps_leadin(t) && !s.starts_with("     ") {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let tail = words.iter().rev().take_while(|w| caps_word(w)).count();
    if tail == 0 || (tail < 2 && !words.last().is_some_and(|w| w.contains('/'))) {
        return false;
    }
    let head = &words[..words.len() - tail];
    let lead = s.len() - s.trim_start().len();
    let tail_start = t.rfind(words[words.len() - tail]).unwrap_or(0);
    // `rfind` gives a char boundary: `get` always succeeds.
    let spaced = t
        .get(..tail_start)
        .is_some_and(|head| head.ends_with("   "));
    (head.is_empty() && lead >= 8)
        || (!head.is_empty() && (spaced || head.iter().any(|w| w.chars().any(char::is_lowercase))))
}

/// Blanks page furniture in place and reports every removed line.
/// `paged`: the pages were found (and their heads removed) from page breaks,
/// so lines repeated elsewhere are left alone.
pub fn strip_lines(lines: &mut [Line], layout: Layout, paged: bool, report: &mut Report) {
    let wrapped = matches!(layout, Layout::Wrapped { .. });
    let width = match layout {
        Layout::Wrapped { width } => width,
        Layout::PerLine => 80,
    };
    // Running heads: a short line repeated at least three times. The first
    // lines of the text are its title, also when the running heads repeat it.
    let mut counts: HashMap<&str, usize> = HashMap::default();
    let title_lines = lines.iter().position(|l| !l.blank()).map_or(0, |first| {
        (first..lines.len())
            .filter(|&i| !lines[i].blank())
            .nth(2)
            .unwrap_or(lines.len())
            + 1
    });
    if wrapped && !paged {
        for l in lines
            .iter()
            .skip(title_lines)
            .filter(|l| !l.blank() && l.len() <= 60)
        {
            *counts.entry(l.trimmed()).or_default() += 1;
        }
    }
    let heads: Vec<String> = counts
        .into_iter()
        .filter(|(t, n)| *n >= 3 && !is_page_number(t))
        .map(|(t, _)| t.to_string())
        .collect();
    let mut removed: Vec<(usize, &'static str)> = Vec::new();
    for i in 0..lines.len() {
        let l = &lines[i];
        if l.blank() {
            continue;
        }
        let t = l.trimmed();
        let class = if is_page_number(t) {
            Some("page number removed")
        } else if i >= title_lines && heads.iter().any(|h| h == t) {
            Some("running head removed")
        } else if wrapped && is_credit(&l.text) {
            Some("caption removed")
        } else if wrapped && is_bottom_caption(lines, i, width) {
            Some("caption removed")
        } else {
            None
        };
        if let Some(c) = class {
            removed.push((i, c));
        }
    }
    for (i, class) in removed {
        report.removed(lines[i].no, class, &lines[i].text);
        lines[i].text.clear();
    }
}

/// A caption at the foot of a page: a short single line after a blank line,
/// directly followed by the indented first line of the next page, where the
/// text around it shows it interrupts a paragraph or precedes a heading.
fn is_bottom_caption(lines: &[Line], i: usize, width: usize) -> bool {
    let l = &lines[i];
    let prev_blank = i == 0 || lines[i - 1].blank();
    let Some(next) = lines.get(i + 1) else {
        return false;
    };
    if !prev_blank
        || next.blank()
        || !next.indented()
        || l.len() * 4 > width * 3
        || !l.trimmed().ends_with('.')
    {
        return false;
    }
    let before = lines[..i]
        .iter()
        .rev()
        .find(|x| !x.blank())
        .map(|x| x.trimmed())
        .unwrap_or("");
    starts_lower(next.trimmed())
        || (!before.is_empty() && !ends_terminal(before))
        || title_like(next.trimmed())
}

/// Words of a text, lower-cased, letters and digits only.
pub fn word_keys(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

const SHINGLE: usize = 5;

fn shingle_hashes(words: &[String]) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    words
        .windows(SHINGLE)
        .map(|w| {
            let mut h = rustc_hash::FxHasher::default();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// Indices of paragraphs that repeat text found in another, longer
/// paragraph: pull quotes and back-cover blurbs. Linear in the text.
pub fn repeated(paras: &[String]) -> Vec<usize> {
    let words: Vec<Vec<String>> = paras.iter().map(|p| word_keys(p)).collect();
    let hashes: Vec<Vec<u64>> = words.iter().map(|w| shingle_hashes(w)).collect();
    let mut owners: HashMap<u64, Vec<usize>> = HashMap::default();
    for (i, hs) in hashes.iter().enumerate() {
        for &h in hs {
            let v = owners.entry(h).or_default();
            if v.len() < 4 && v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    let mut out = Vec::new();
    for (i, hs) in hashes.iter().enumerate() {
        if words[i].len() < 8 {
            continue;
        }
        let mut by_other: HashMap<usize, usize> = HashMap::default();
        for h in hs {
            for &j in owners.get(h).into_iter().flatten() {
                // A pull quote repeats part of a longer paragraph; a passage
                // repeated whole is the author's repetition, and stays.
                let longer = words[j].len() > words[i].len();
                if j != i && longer {
                    *by_other.entry(j).or_default() += 1;
                }
            }
        }
        if by_other.values().any(|&n| n * 10 >= hs.len() * 7) {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_toc() {
        assert!(is_page_number("22"));
        assert!(is_page_number("- 4 -"));
        assert!(!is_page_number("2014"));
        assert!(is_toc_entry("Allyship as Identity . . . . .\t5"));
        assert!(is_toc_entry(
            "Not Trying to Get Comfortable—Trying to Get Free\t14"
        ));
        assert!(!is_toc_entry("in 2016"));
    }

    #[test]
    fn credits() {
        assert!(is_credit(
            "CLR James                               STEVE PYKE"
        ));
        assert!(is_credit("                            EVERYDAY FEMINISM"));
        assert!(is_credit("Paris Commune ADAM GOPNIK/NEW YORKER"));
        assert!(is_credit(
            "Black Lives Matter demonstrate in Toronto, July 2015       JALANI MORGAN"
        ));
        assert!(!is_credit(
            " THERE CAN BE LITTLE DOUBT THAT WE LIVE IN DANGEROUS"
        ));
        assert!(!is_credit("the work of the NAACP"));
        assert!(!is_credit(
            "Marxist political commentator, Usul, endorsed the NDP."
        ));
    }

    #[test]
    fn strips_caption_inside_a_word() {
        let text = "the democratic core of genuine socialism. We see this in his wonderful pam-\n\nCLR James        STEVE PYKE\n\n22\n\nphlet on ancient Greek democracy.";
        let mut lines: Vec<Line> = text
            .split('\n')
            .enumerate()
            .map(|(i, l)| Line::new(i + 1, l))
            .collect();
        let mut r = Report::default();
        strip_lines(&mut lines, Layout::Wrapped { width: 75 }, false, &mut r);
        assert_eq!(r.removed.len(), 2);
        assert_eq!(r.removed[0].line, 3);
    }

    #[test]
    fn finds_repeats() {
        let body = "Alongside a resurgence of the far right we are also in the early stages of an opening to radical socialism.".to_string();
        let blurb =
            "Alongside a resurgence of the far-right we are also in the early stages".to_string();
        let other = "Something else entirely that is long enough to count here.".to_string();
        assert_eq!(repeated(&[body, other, blurb]), vec![2]);
    }
}
