//! A page's last body line cut by a hyphen, joined by the extractor to the
//! first line of the page's notes: reading on across the hyphen, it takes
//! the next line in its order, which is the note's, and drops the hyphen,
//! "… and the col1 The first edition was eight pages long …". The rest of
//! the word opens the next page ("lection is only worth …"). Such a line
//! is cut back into the body's line, its hyphen restored, and the note's.

use super::super::footlines::full_width;
use super::super::lines::{starts_lower, Line};
use super::{note_start, Marker};

/// Splits each body line joined to a note's first line (see the module's
/// note) into the two lines the page has.
pub fn split_joined_notes(lines: &mut Vec<Line>) {
    let full = full_width(lines);
    if full == 0 {
        return;
    }
    let mut i = 0;
    while i < lines.len() {
        if lines[i].len() * 2 > full * 3 && next_page_opens_in_a_word(lines, i, full) {
            if let Some(at) = joined_at(&lines[i].text, full) {
                let text = std::mem::take(&mut lines[i].text);
                let (body, note) = text.split_at(at);
                lines[i].text = format!("{body}-");
                let mut n = Line::new(lines[i].no, note);
                n.page_break = false;
                lines.insert(i + 1, n);
                i += 1;
            }
        }
        i += 1;
    }
}

/// Where the note's first line starts in a joined line: right after a
/// piece of a word (two lower-case letters or more) at three fifths of the
/// body's measure (`full`) or later (the extractor may have joined two body
/// lines first), with no more than one line of notes after it (notes are
/// set smaller: up to seven fifths of the measure), a note marker, a
/// number or a symbol, glued to that piece and opening a note's text
/// ("col1 The first …", "col* The first …").
fn joined_at(text: &str, full: usize) -> Option<usize> {
    let total = text.chars().count();
    let mut count = 0;
    let mut prev: [char; 2] = [' ', ' '];
    for (at, c) in text.char_indices() {
        let near = count * 5 >= full * 3 && (total - count) * 5 <= full * 7;
        let piece = prev.iter().all(char::is_ascii_lowercase);
        let marker = c.is_ascii_digit() || super::SYMBOLS.contains(&c);
        if near && piece && marker {
            let rest = text.get(at..).unwrap_or_default();
            if let Some((m, note)) = note_start(rest) {
                let opens = note.starts_with(|c: char| c.is_uppercase() || "“\"‘(".contains(c));
                let first = matches!(m, Marker::Number(_) | Marker::Symbol(_));
                // The marker is the word's end only where the text after it
                // is set apart ("col1 The"), not glued ("col1The": a name).
                let spaced = rest
                    .trim_start_matches(|c: char| c.is_ascii_digit() || super::SYMBOLS.contains(&c))
                    .starts_with(' ');
                if opens && first && spaced {
                    return Some(at);
                }
            }
        }
        prev = [prev[1], c];
        count += 1;
    }
    None
}

/// Whether the page after line `i` opens with the rest of a word: its
/// first line of text starts in lower case. A running head or a folio (a
/// line of less than half the measure, `full`) may come first.
fn next_page_opens_in_a_word(lines: &[Line], i: usize, full: usize) -> bool {
    let Some(start) = (i + 1..lines.len()).find(|&k| lines[k].page_break) else {
        return false;
    };
    lines[start..]
        .iter()
        .filter(|l| !l.blank())
        .take(3)
        .find(|l| l.len() * 2 >= full)
        .is_some_and(|l| starts_lower(l.trimmed()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lines::numbered;

    const BODY: &str = "the body line of a page that goes on to the measure of about";

    #[test]
    fn a_note_joined_to_the_last_body_line_is_split_off() {
        let text = format!(
            "{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\nthe body line of a page that ends with the col1 The first edition was eight pages long and took the\nbest part of a summer.\n\n1\n\u{0c}lection is worth having, the members say, and it is kept.\n{BODY}\n"
        );
        let mut ls = numbered(&text);
        split_joined_notes(&mut ls);
        assert_eq!(
            ls[8].text,
            "the body line of a page that ends with the col-"
        );
        assert_eq!(
            ls[9].text,
            "1 The first edition was eight pages long and took the"
        );
        assert_eq!(ls[9].no, ls[8].no);
    }

    #[test]
    fn a_long_line_without_a_word_cut_before_the_next_page_stays() {
        // The next page opens a sentence: no word was cut.
        let text = format!(
            "{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\nthe body line of a page that ends with the col1 The first edition was eight pages long and took the\nbest part of a summer.\n\n1\n\u{0c}Lection is worth having, the members say, and it is kept.\n{BODY}\n"
        );
        let mut ls = numbered(&text);
        let n = ls.len();
        split_joined_notes(&mut ls);
        assert_eq!(ls.len(), n);
        // A number glued to a name ("x86 The") far from the measure's end.
        let text = format!(
            "{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\nx86 The body line of a page that goes on to the measure and on past it as two lines do\n\n1\n\u{0c}lection is worth having.\n"
        );
        let mut ls = numbered(&text);
        let n = ls.len();
        split_joined_notes(&mut ls);
        assert_eq!(ls.len(), n);
    }
}
