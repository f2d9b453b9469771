//! Page furniture: page numbers, running heads, photo captions and credits,
//! contents lists, and pull quotes or blurbs that repeat the body text.
//!
//! Removed lines become blank lines so the paragraph pass sees the page break.

use super::lines::{
    ends_terminal, is_caps_leadin, keep_continuing, starts_lower, title_like, Layout, Line,
};
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

/// A contents page: a "Contents" line, then entries that each end in a
/// page number, on the entry's own line ("Who It Is For 3") or on a line of
/// its own after it, the numbers never falling. The page ends at the first
/// line that is neither (a running head, body text) or at a number smaller
/// than the one before (the next page's folio). Gives the lines of the
/// heading and its entries, or nothing when fewer than three entries follow.
pub fn contents_page(lines: &[Line]) -> Vec<usize> {
    let is_heading = |l: &Line| {
        let t = l.trimmed().trim_start_matches('#').trim().to_lowercase();
        t == "contents" || t == "table of contents"
    };
    let Some(h) = lines.iter().position(is_heading) else {
        return Vec::new();
    };
    let mut taken = vec![h];
    // Title lines waiting for their page number.
    let mut pending: Vec<usize> = Vec::new();
    let mut last = 0u32;
    let mut entries = 0;
    for (i, l) in lines.iter().enumerate().skip(h + 1) {
        if l.blank() {
            continue;
        }
        let t = l.trimmed();
        let (title, number) = split_page_number(t);
        match number {
            // A bare number ends the title above it; an entry may have
            // wrapped onto a second line.
            Some(n) if n >= last && (!title.is_empty() || !pending.is_empty()) => {
                last = n;
                entries += 1;
                taken.append(&mut pending);
                taken.push(i);
            }
            None if pending.len() < 2 && entry_title(t) => pending.push(i),
            _ => break,
        }
    }
    if entries < 3 {
        return Vec::new();
    }
    taken
}

/// The entry titles of a contents page (the lines [`contents_page`] gave):
/// each entry's text without its page number, an entry wrapped over two
/// lines joined into one, and not the "Contents" line.
pub fn contents_titles(lines: &[Line], taken: &[usize]) -> Vec<String> {
    let mut titles = Vec::new();
    let mut entry: Vec<&str> = Vec::new();
    for &i in taken.iter().skip(1) {
        let (title, number) = split_page_number(lines[i].trimmed());
        if !title.is_empty() {
            entry.push(title);
        }
        if number.is_some() {
            let t = entry.join(" ");
            if t.chars().any(char::is_alphabetic) {
                titles.push(t);
            }
            entry.clear();
        }
    }
    titles
}

/// A line's page number at its end, and the text before it.
fn split_page_number(t: &str) -> (&str, Option<u32>) {
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = t.len() - body.len();
    if !(1..=4).contains(&digits) {
        return (t, None);
    }
    let title = body.trim_end_matches([' ', '\t', '.', '…']);
    if !title.is_empty() && title.len() == body.len() {
        // Digits glued to a word ("Win32") are no page number.
        return (t, None);
    }
    (title, t.get(body.len()..).and_then(|d| d.parse().ok()))
}

/// A line that can be a contents entry's title: short, and not a sentence.
/// A title in lower case (a section named for a keyword, "for loops",
/// "if let") is a few words without final punctuation.
fn entry_title(t: &str) -> bool {
    let lower_title = t.split_whitespace().count() <= 6 && !ends_terminal(t);
    t.chars().count() <= 90 && !t.ends_with([',', ';']) && (!starts_lower(t) || lower_title)
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
    // A name's initials count before its last word ("J. R. MENDES").
    let initial = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.as_str() == "."
    };
    let tail = match words.last() {
        Some(last) if caps_word(last) => {
            1 + words
                .iter()
                .rev()
                .skip(1)
                .take_while(|w| caps_word(w) || initial(w))
                .count()
        }
        _ => 0,
    };
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
        } else if wrapped && in_figure_caption(lines, i) {
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
    keep_continuing(lines, &mut removed);
    for (i, class) in removed {
        report.removed(lines[i].no, class, &lines[i].text);
        lines[i].text.clear();
    }
}

/// A figure's caption with its credit: a block of two lines standing
/// alone (blank lines or page edges above and below, where the body's lines
/// run on without them), a caption in mixed case over a credit in capitals
/// ("PHOTO: J. R. MENDES", "COURTESY OF THE ARCHIVE"). The extractor may set
/// blank lines (or page furniture, since removed) between the two; the
/// credit then needs a credit's words ("PHOTO", "DRAWING BY", "COURTESY").
/// Whether line `i` is one of the two.
fn in_figure_caption(lines: &[Line], i: usize) -> bool {
    if credit_of(lines, i).is_some() {
        return true;
    }
    (i.saturating_sub(CAPTION_GAP + 1)..i)
        .rev()
        .find(|&j| !between_caption_and_credit(&lines[j]))
        .is_some_and(|j| credit_of(lines, j) == Some(i))
}

/// A line that can part a caption from its credit: a blank line, or the
/// page number of a page break that falls between them (not yet removed
/// when captions are looked for).
fn between_caption_and_credit(l: &Line) -> bool {
    l.blank() || is_page_number(l.trimmed())
}

/// Most blank lines between a caption and its credit.
const CAPTION_GAP: usize = 3;

/// The credit line of the caption at line `first`, when the two make a
/// figure's caption block.
fn credit_of(lines: &[Line], first: usize) -> Option<usize> {
    let edge = |j: usize| lines.get(j).is_none_or(|l| l.blank() || l.page_break);
    let l = lines.get(first)?;
    if l.blank() || !(first == 0 || lines[first - 1].blank()) {
        return None;
    }
    if !is_caption_text(l.trimmed()) {
        return None;
    }
    let c = (first + 1..lines.len())
        .take(CAPTION_GAP + 1)
        .find(|&j| !between_caption_and_credit(&lines[j]))?;
    let t = lines[c].trimmed();
    let ok = if c == first + 1 {
        !lines[c].page_break && is_credit_line(t)
    } else {
        is_credit_line(t) && credit_words(t)
    };
    (ok && edge(c + 1)).then_some(c)
}

/// A credit's own words: "PHOTO: …", "DRAWING BY …", "COURTESY OF …".
fn credit_words(t: &str) -> bool {
    let first = t
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    CREDIT_WORDS.contains(&first) || t.contains(" BY ") || t.starts_with('©')
}

const CREDIT_WORDS: &[&str] = &[
    "PHOTO",
    "PHOTOS",
    "PHOTOGRAPH",
    "PHOTOGRAPHS",
    "DRAWING",
    "ILLUSTRATION",
    "COURTESY",
    "CREDIT",
    "IMAGE",
    "PICTURE",
    "SOURCE",
];

/// A caption's text: mixed case, short, not the lead into something else.
fn is_caption_text(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (2..=24).contains(&words)
        && t.chars().any(char::is_lowercase)
        && !t.ends_with([',', ';', ':', '-'])
}

/// A credit line: two to eight words in capitals ("DRAWING BY ANA LUZ").
fn is_credit_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&words.len())
        && letters >= 5
        && !t.chars().any(char::is_lowercase)
        && !t.ends_with([',', ';', '-'])
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

/// The length of the longest run of words `a` and `b` share.
fn common_run(a: &[String], b: &[String]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (k, y) in b.iter().enumerate() {
            if x == y {
                cur[k + 1] = prev[k] + 1;
                best = best.max(cur[k + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// Whether a paragraph begins in the middle of a sentence: its first letter
/// is lower case. A pull quote or a blurb quotes whole sentences, so such a
/// paragraph is body text cut off by a page break, never one of them.
pub fn continues_a_sentence(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// Indices of paragraphs that repeat text found in another, longer
/// paragraph: pull quotes and back-cover blurbs. Linear in the text. A
/// paragraph that a PDF sets larger than the body (`large`, by index)
/// repeats one set as body text even whole: the geometry tells the pull
/// quote from the passage it quotes.
pub fn repeated(paras: &[String], large: &[bool]) -> Vec<usize> {
    let large = |i: usize| large.get(i).copied().unwrap_or(false);
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
                let longer = words[j].len() > words[i].len()
                    || (large(i) && !large(j) && words[j].len() == words[i].len());
                if j != i && longer {
                    *by_other.entry(j).or_default() += 1;
                }
            }
        }
        // And it repeats it word for word: most of it is one run of the
        // other's words (two paragraphs that differ in a word or two, as
        // entries of a reference do, are no quotation of each other).
        if by_other.iter().any(|(&j, &n)| {
            n * 10 >= hs.len() * 7 && common_run(&words[i], &words[j]) * 20 >= words[i].len() * 17
        }) {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lines::numbered;

    #[test]
    fn a_figure_caption_with_its_credit_stands_alone() {
        let l = numbered(
            "the end of a paragraph that runs on\n\nThe print room in its first winter.\nPHOTO: J. R. MENDES\n\nThe next paragraph opens here.",
        );
        let found: Vec<usize> = (0..l.len()).filter(|&i| in_figure_caption(&l, i)).collect();
        assert_eq!(found, vec![2, 3]);
        // Body lines that run on around a line in capitals are no caption.
        let l = numbered(
            "\nthe council says to all of its branches\nWITHOUT DELAY OR EXCEPTION\nso that the rent strike can go on.",
        );
        assert!((0..l.len()).all(|i| !in_figure_caption(&l, i)));
        // A page's number can fall between the two, where a page break
        // parts them.
        let l = numbered(
            "the end of a paragraph.\n\nThe print room in its first winter.\n\n7\n\nCOURTESY OF THE MILL STREET ARCHIVE\n\nThe next paragraph opens here.",
        );
        let found: Vec<usize> = (0..l.len()).filter(|&i| in_figure_caption(&l, i)).collect();
        assert_eq!(found, vec![2, 6]);
    }

    #[test]
    fn entries_that_differ_in_a_word_are_no_pull_quotes() {
        let a = "The assembly of the northern district meets on Tuesdays in the hall, and its delegates report to the council of the western district every month without fail.".to_string();
        let b = "The assembly of the northern district meets on Tuesdays in the hall, and its delegates report to the council of the eastern district every month without fail, as the rules say.".to_string();
        assert!(repeated(&[a, b], &[]).is_empty());
        let quote =
            "its delegates report to the council of the eastern district every month".to_string();
        let body = "The assembly of the northern district meets on Tuesdays in the hall, and its delegates report to the council of the eastern district every month without fail, as the rules say.".to_string();
        assert_eq!(repeated(&[body, quote], &[]), vec![1]);
    }

    #[test]
    fn a_paragraph_set_large_repeats_a_whole_one_as_a_pull_quote() {
        let body = "If we run this code, we get an error message like this one from the compiler:"
            .to_string();
        let twice = [body.clone(), body.clone()];
        // Said twice in body type: the author's repetition, kept.
        assert!(repeated(&twice, &[]).is_empty());
        assert!(repeated(&twice, &[false, false]).is_empty());
        // The one set large is the pull quote, wherever it stands.
        assert_eq!(repeated(&twice, &[false, true]), vec![1]);
        assert_eq!(repeated(&twice, &[true, false]), vec![0]);
    }

    #[test]
    fn a_contents_page_with_numbers_on_their_own_lines() {
        let l = numbered(
            "A Pamphlet\n\nContents\nWhere We Stand\n\n4\n\nWhat We Want\n\n7\n\nHow to Join\n\n12\n\n\u{c}A Pamphlet\n\nWhere We Stand\nWe begin here.",
        );
        assert_eq!(contents_page(&l), vec![2, 3, 5, 7, 9, 11, 13]);
    }

    #[test]
    fn a_contents_page_ends_at_the_next_folio() {
        let l = numbered(
            "Contents\nWho It Is For 3\nHow to Use It 5\nGetting Started 7\nIntroduction\n2\n\u{c}Welcome to the text.",
        );
        assert_eq!(contents_page(&l), vec![0, 1, 2, 3]);
        // Two entries are no contents page; nor is a word with digits.
        let l = numbered("Contents\nWho It Is For 3\nHow to Use It 5\nThe body, which goes on.");
        assert!(contents_page(&l).is_empty());
        assert_eq!(split_page_number("Win32"), ("Win32", None));
        assert_eq!(split_page_number("Summary . . . 18"), ("Summary", Some(18)));
    }

    #[test]
    fn a_contents_page_with_titles_in_lower_case() {
        let l =
            numbered("Contents\nfor loops\n\n3\nif let\n\n4\nwhile let\n\n6\n2\n\u{c}for loops");
        assert_eq!(contents_page(&l), vec![0, 1, 3, 4, 6, 7, 9]);
        // Not a sentence in lower case that ends before a number.
        let l = numbered("Contents\nthe shelves were full.\n\n3\nif let\n\n4\nwhile let\n\n6\n");
        assert!(contents_page(&l).is_empty());
    }

    #[test]
    fn contents_titles_leave_out_numbers_and_the_heading() {
        let l = numbered("Contents\nWho It Is For 3\nfor loops\n\n4\nif let . . . 6\n\n");
        let taken = contents_page(&l);
        assert_eq!(
            contents_titles(&l, &taken),
            vec!["Who It Is For", "for loops", "if let"]
        );
        assert!(contents_titles(&l, &[]).is_empty());
        // An entry wrapped over two lines is one title, not two halves.
        let l = numbered(
            "Contents\nFormatting conventions for\nCargo.toml 3\nif let\n4\nwhile let 5\n",
        );
        let taken = contents_page(&l);
        assert_eq!(
            contents_titles(&l, &taken),
            vec![
                "Formatting conventions for Cargo.toml",
                "if let",
                "while let"
            ]
        );
    }

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
        // A caption and its credit read as one line, the name with initials.
        assert!(is_credit(
            "The first issue, stapled by hand on the kitchen table. PHOTO: J. R. MENDES"
        ));
        assert!(!is_credit("a letter to the editor signed by J. R."));
        assert!(!is_credit(
            "Marxist political commentator, Usul, endorsed the NDP."
        ));
    }

    #[test]
    fn strips_caption_inside_a_word() {
        let text = "the democratic core of genuine socialism. We see this in his wonderful pam-\n\nCLR James        STEVE PYKE\n\n22\n\nphlet on ancient Greek democracy.";
        let mut lines: Vec<Line> = numbered(text);
        let mut r = Report::default();
        strip_lines(&mut lines, Layout::Wrapped { width: 75 }, false, &mut r);
        assert_eq!(r.removed.len(), 2);
        assert_eq!(r.removed[0].line, 3);
    }

    #[test]
    fn a_paragraph_that_starts_mid_sentence_continues_one() {
        assert!(continues_a_sentence("at the end of the call."));
        assert!(continues_a_sentence("“and then the rest"));
        assert!(!continues_a_sentence("The ? operator ends it."));
        assert!(!continues_a_sentence("“We call on all parties.”"));
        assert!(!continues_a_sentence("1984"));
    }

    #[test]
    fn finds_repeats() {
        let body = "Alongside a resurgence of the far right we are also in the early stages of an opening to radical socialism.".to_string();
        let blurb =
            "Alongside a resurgence of the far-right we are also in the early stages".to_string();
        let other = "Something else entirely that is long enough to count here.".to_string();
        assert_eq!(repeated(&[body, other, blurb], &[]), vec![2]);
    }
}
