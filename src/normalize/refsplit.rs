//! A line an extractor split after a note's raised reference: in content
//! order (`pdftotext -raw`) the words after a raised mark start a new line
//! when the baseline comes back down, so one line of the page becomes two
//! short ones ("… CI-related re-" / "quirements.5" / "This review and
//! approval may take place in a PR adding" / "the target to CI, …"). Two
//! short lines that together make one line of the measure, the first ending
//! in the reference and the second going on mid-sentence into the next, are
//! one line: the first runs on. The reference may be one the foot-note
//! repair marked, or one still glued to the word ("corner.1"), whose note
//! is an endnote or was not found.

use super::footlines::full_width;
use super::lines::{ends_hyphen, ends_terminal, is_bullet, starts_lower, Line};

/// The characters a line shows on the page: a note reference's private-use
/// brackets are not set.
fn shown_len(s: &str) -> usize {
    s.chars()
        .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
        .count()
}

/// Whether a line ends in a note reference put in by the foot-note repair.
fn ends_in_reference(s: &str) -> bool {
    s.trim_end().ends_with('\u{E003}')
}

/// How a note reference the foot-note repair did not mark (its note is
/// an endnote, or not found) is glued to the end of a line.
#[derive(Debug, PartialEq)]
enum Glued {
    /// Figures or signs ("first.5", "accounts.††"): nothing else ends so.
    Mark,
    /// A letter or two ("sister.h", "return.cd"): also a file's or a
    /// domain's ending ("stdio.h", "main.rs"), so only before a capital.
    Letters,
}

/// A note reference glued to the punctuation that ends a line's last word
/// ("corner.1", "seventies,1", "mood.a", "T.§"): figures (three at most),
/// signs, or one or two lower-case letters, after a word's letter and its
/// stop. Not a number's decimals ("rust 1.65").
fn glued_reference(s: &str) -> Option<Glued> {
    const SIGNS: &[char] = &['*', '†', '‡', '§', '¶', '‖'];
    let t = s.trim_end();
    let digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let signs = t.trim_end_matches(SIGNS);
    let letters = t.trim_end_matches(|c: char| c.is_ascii_lowercase());
    let count = |rest: &str| t.chars().count() - rest.chars().count();
    let (rest, glued) = if (1..=3).contains(&count(digits)) {
        (digits, Glued::Mark)
    } else if (1..=3).contains(&count(signs)) {
        (signs, Glued::Mark)
    } else if (1..=2).contains(&count(letters)) {
        (letters, Glued::Letters)
    } else {
        return None;
    };
    let word = rest.strip_suffix(['.', ',', ';', ':', '!', '?', '”', '"', '’', ')'])?;
    word.chars()
        .last()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '”' | '"' | '’' | ')'))
        .then_some(glued)
}

/// Whether line `a` ends in a note reference, marked or glued, that can
/// be followed by `b`.
fn ends_in_any_reference(a: &str, b: &str) -> bool {
    ends_in_reference(a)
        || match glued_reference(a) {
            Some(Glued::Mark) => true,
            Some(Glued::Letters) => b.starts_with(char::is_uppercase),
            None => false,
        }
}

/// Marks as running on each line that ends in a note reference and was cut
/// from the line after it (see the module's note).
pub fn join_split_references(lines: &mut [Line]) {
    let full = full_width(lines);
    if full == 0 {
        return;
    }
    for i in 0..lines.len().saturating_sub(2) {
        // The line after `b` may stand on the next page, past the folio.
        let Some(c) = lines[i + 2..].iter().find(|l| !l.blank()) else {
            break;
        };
        let (a, b) = (&lines[i], &lines[i + 1]);
        if a.blank()
            || b.blank()
            || b.page_break
            || !ends_in_any_reference(a.trimmed(), b.trimmed())
        {
            continue;
        }
        let (la, lb) = (shown_len(a.trimmed()), shown_len(b.trimmed()));
        let one_line = (la + 1 + lb) * 100;
        // The next line must fall clearly short of the measure: a new
        // paragraph's first line after a short last line ending in a
        // reference ("writing.3" / "The other arm of the match …") falls
        // short by no more than its indent. The two together may pass the
        // measure a little: a raised mark counts as a letter here.
        let split = lb * 10 < full * 8
            && one_line >= full * 80
            && one_line <= full * 115
            && !is_bullet(b.trimmed())
            && !ends_terminal(b.trimmed())
            && (starts_lower(c.trimmed()) || ends_hyphen(b.trimmed()));
        if split {
            lines[i].runs_on = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lines::numbered;

    const BODY: &str = "the body of the page goes on to the measure of about seventy";

    #[test]
    fn a_line_cut_after_its_reference_runs_on() {
        let text = format!(
            "{BODY}\nquirements.\u{E002}5\u{E003}\nThis review and approval may take place in a PR\nthe target to CI, or simply by a member of the team.\n{BODY}"
        );
        let mut ls = numbered(&text);
        join_split_references(&mut ls);
        assert!(ls[1].runs_on);
        assert_eq!(ls.iter().filter(|l| l.runs_on).count(), 1);
        // Cut near the line's end, before a word the line broke with a hyphen.
        let text = format!(
            "{BODY}\nof the compiler team based on these requirements.\u{E002}4\u{E003}\nThe re-\nviewer may choose to gauge the consensus of the team.\n{BODY}"
        );
        let mut ls = numbered(&text);
        join_split_references(&mut ls);
        assert!(ls[1].runs_on);
    }

    #[test]
    fn a_reference_still_glued_to_its_word() {
        assert_eq!(glued_reference("shop on the corner.1"), Some(Glued::Mark));
        assert_eq!(
            glued_reference("until the late seventies,12"),
            Some(Glued::Mark)
        );
        assert_eq!(
            glued_reference("in the box with the accounts.††"),
            Some(Glued::Mark)
        );
        assert_eq!(
            glued_reference("turned out to be his sister.h"),
            Some(Glued::Letters)
        );
        assert_eq!(glued_reference("stable since rust 1.65"), None);
        assert_eq!(glued_reference("the shop on the corner."), None);
        assert_eq!(glued_reference("a page of 2024"), None);
        // A file's ending reads as letters: only before a capital.
        assert!(!ends_in_any_reference(
            "in the file main.rs",
            "and the rest"
        ));
        assert!(ends_in_any_reference("his sister.h", "The second"));
    }

    #[test]
    fn a_line_cut_after_a_glued_reference_runs_on() {
        let text = format!(
            "{BODY}\nshop on the corner.1\nEverything else in it was bought second hand\nor made by members, and most of it has been mended at least\n{BODY}"
        );
        let mut ls = numbered(&text);
        join_split_references(&mut ls);
        assert!(ls[1].runs_on);
        // The paragraph ended: a full line of the next one follows.
        let text = format!(
            "{BODY}\nshop on the corner.1\nEverything else in it was bought second hand, and most of\nit has been mended at least once or twice by the members.\n{BODY}"
        );
        let mut ls = numbered(&text);
        join_split_references(&mut ls);
        assert!(!ls[1].runs_on);
    }

    #[test]
    fn a_paragraph_that_ends_in_a_reference_ends() {
        // A heading follows, then a paragraph that opens a sentence: no
        // sentence goes on across them.
        let text = format!(
            "{BODY}\nremoving the targets.\u{E002}6\u{E003}\nTier 2 with host tools and so\nSome tier 2 targets may additionally have binaries.\n{BODY}"
        );
        let mut ls = numbered(&text);
        join_split_references(&mut ls);
        assert!(!ls[1].runs_on);
        // A full line after the reference, or one short by an indent: the
        // paragraph ended.
        let text = format!(
            "{BODY}\nwriting.\u{E002}3\u{E003}\nThe other arm of the match handles the case where\nvalue from File::open, and so on to the measure.\n{BODY}"
        );
        let mut ls = numbered(&text);
        join_split_references(&mut ls);
        assert!(!ls[1].runs_on);
        let text = format!("{BODY}\nthe end.\u{E002}6\u{E003}\n{BODY}\n{BODY}");
        let mut ls = numbered(&text);
        join_split_references(&mut ls);
        assert!(!ls[1].runs_on);
    }
}
