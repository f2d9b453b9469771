//! Notes: footnote numbers glued to words or punctuation, and the notes block
//! at the end. A number counts as a reference only when it continues the
//! sequence 1, 2, 3 … in reading order.

use super::inline::{note_marker, NOTE_END, NOTE_START};
use super::Report;

/// A note text found at the end of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundNote {
    pub number: u32,
    pub text: String,
    pub line: usize,
}

/// Parses "1. text", "  1) text" or "[1] text"; returns the number and text.
pub fn note_line(s: &str) -> Option<(u32, &str)> {
    let t = s.trim_start();
    let (num, rest) = if let Some(r) = t.strip_prefix('[') {
        r.split_once(']')?
    } else {
        let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
        let num = t.strip_suffix(rest)?;
        (num, rest.strip_prefix(['.', ')'])?)
    };
    if num.is_empty()
        || num.len() > 3
        || !num.chars().all(|c| c.is_ascii_digit())
        || !rest.starts_with(char::is_whitespace)
    {
        return None;
    }
    Some((num.parse().ok()?, rest.trim()))
}

/// Finds the notes block: a run of paragraphs numbered 1..N near the end
/// (at most three other paragraphs, such as a bio, may follow it). Returns
/// the index range of the run and an optional "Notes" heading before it.
pub fn find_block(paras: &[String]) -> Option<(usize, usize)> {
    let n = paras.len();
    for tail in 0..=3.min(n) {
        let end = n - tail;
        let mut start = end;
        while start > 0 {
            let Some((num, _)) = note_line(&paras[start - 1]) else {
                break;
            };
            // Walking back, numbers must count down to 1.
            if start < end {
                let next = note_line(&paras[start]).map(|x| x.0).unwrap_or(0);
                if num + 1 != next {
                    break;
                }
            }
            start -= 1;
        }
        if end - start >= 2 && note_line(&paras[start]).map(|x| x.0) == Some(1) {
            return Some((start, end));
        }
    }
    None
}

fn is_notes_heading(s: &str) -> bool {
    matches!(
        s.trim().trim_end_matches(':').to_lowercase().as_str(),
        "notes" | "endnotes" | "footnotes" | "references"
    )
}

/// The references already placed in a text: (byte offset, number).
fn placed_markers(text: &str) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(f) = text.get(at..).unwrap_or_default().find(NOTE_START) {
        let s = at + f;
        let inner = s + NOTE_START.len_utf8();
        let Some(len) = text.get(inner..).unwrap_or_default().find(NOTE_END) else {
            break;
        };
        if let Ok(v) = text.get(inner..inner + len).unwrap_or_default().parse() {
            out.push((s, v));
        }
        at = inner + len;
    }
    out
}

/// A candidate reference: byte range of the digits in a paragraph and its value.
fn candidates(text: &str) -> Vec<(usize, usize, u32, bool)> {
    let b: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].1.is_ascii_digit() || (i > 0 && b[i - 1].1.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].1.is_ascii_digit() {
            j += 1;
        }
        let start = b[i].0;
        let end = if j < b.len() { b[j].0 } else { text.len() };
        let digits: String = b[i..j].iter().map(|x| x.1).collect();
        let after = b.get(j).map(|x| x.1);
        // "rs:2:5", "2.5", "2,000": a number that goes on after punctuation is not a reference.
        let goes_on = after.is_some_and(|c| ".,:".contains(c))
            && b.get(j + 1).is_some_and(|x| x.1.is_ascii_digit());
        let after_ok =
            !goes_on && after.is_none_or(|c| c.is_whitespace() || ",.;:)!?”’\"".contains(c));
        if digits.len() <= 3 && !digits.starts_with('0') && after_ok && i > 0 {
            let prev = b[i - 1].1;
            let prev2 = if i > 1 { Some(b[i - 2].1) } else { None };
            let value: u32 = digits.parse().unwrap_or(0);
            // The text after the number, to tell "6 Nevertheless" from "6 people".
            let next_upper = b[j..]
                .iter()
                .map(|x| x.1)
                .find(|c| !c.is_whitespace())
                .is_none_or(|c| c.is_uppercase() || c == '“' || c == '"');
            let word: String = b[..i]
                .iter()
                .rev()
                .take_while(|x| x.1.is_alphabetic())
                .map(|x| x.1)
                .collect();
            let glued_word = prev.is_alphabetic()
                && word.chars().count() >= 3
                && !b[..i - word.chars().count()]
                    .last()
                    .is_some_and(|x| x.1.is_ascii_digit() || x.1 == '$');
            let glued_punct = ".,;:!?”’\")".contains(prev)
                && prev2.is_some_and(|c| c.is_alphabetic() || "”’\").,!?".contains(c));
            // "$15.22": a digit before the full stop only when the sequence insists.
            let glued_after_digit =
                prev == '.' && prev2.is_some_and(|c| c.is_ascii_digit()) && next_upper;
            let spaced = prev == ' '
                && prev2.is_some_and(|c| ".!?”".contains(c))
                && next_upper
                && after.is_none_or(char::is_whitespace);
            if glued_word || glued_punct || spaced {
                out.push((start, end, value, false));
            } else if glued_after_digit {
                out.push((start, end, value, true));
            }
        }
        i = j;
    }
    out
}

/// Replaces accepted references with note markers, in reading order, and
/// moves the notes block out. Returns the notes and the paragraphs consumed.
/// `foot`: the notes already taken from the pages' feet, whose references
/// are markers in the text; the numbers after them continue their sequence.
pub fn extract(
    paras: &mut [String],
    lines: &[usize],
    foot: Vec<FoundNote>,
    report: &mut Report,
) -> (Vec<FoundNote>, Vec<usize>) {
    let has_foot = !foot.is_empty();
    let block = if has_foot { None } else { find_block(paras) };
    let mut notes: Vec<FoundNote> = foot;
    let mut consumed = Vec::new();
    if let Some((s, e)) = block {
        for i in s..e {
            if let Some((n, t)) = note_line(&paras[i]) {
                notes.push(FoundNote {
                    number: n,
                    text: t.to_string(),
                    line: lines[i],
                });
            }
        }
        if s > 0 && is_notes_heading(&paras[s - 1]) {
            consumed.push(s - 1);
        }
        consumed.extend(s..e);
    }
    let body_end = consumed.first().copied().unwrap_or(paras.len());
    let has = |n: u32| notes.iter().any(|x| x.number == n);
    let mut expected = 1u32;
    let mut refs: Vec<(usize, u32)> = Vec::new();
    for (pi, para) in paras.iter_mut().enumerate().take(body_end) {
        let mut accepted: Vec<(usize, usize, u32)> = Vec::new();
        let placed = placed_markers(para);
        let mut found = candidates(para);
        found.extend(placed.iter().map(|&(s, v)| (s, s, v, false)));
        found.sort_by_key(|c| c.0);
        for (s, e, v, strict) in found {
            if s == e {
                // A reference placed already (a foot-of-page note's).
                expected = expected.max(v + 1);
                continue;
            }
            let ok = if strict {
                v == expected
            } else {
                v == expected || (v > expected && v <= expected + 2 && (notes.is_empty() || has(v)))
            };
            if ok && v >= 1 {
                accepted.push((s, e, v));
                expected = v + 1;
            }
        }
        for &(s, e, v) in accepted.iter().rev() {
            // "movement. 6" loses the space before the number too.
            // `s` and `e` come from `char_indices`; the space before `s` is one byte.
            let spaced = para
                .get(..s)
                .and_then(|head| head.strip_suffix(' '))
                .is_some_and(|head| head.ends_with(['.', '!', '?', '”']));
            let s2 = if spaced { s - 1 } else { s };
            para.replace_range(s2..e, &note_marker(v));
            refs.push((lines[pi], v));
        }
    }
    if block.is_some() && refs.is_empty() {
        // A numbered list at the end, not notes.
        return (Vec::new(), Vec::new());
    }
    if has_foot {
        // Foot-of-page notes are reported where they were moved; numbers
        // still glued to words after them are references without text.
        for &(line, v) in &refs {
            report.repaired(line, "note reference linked", format!("[{v}]"));
            report.doubt(
                line,
                "note without text",
                format!("note {v} is referenced but its text was not found at the foot of a page"),
            );
        }
        return (notes, consumed);
    }
    refs.sort_by_key(|r| r.1);
    for &(line, v) in &refs {
        report.repaired(line, "note reference linked", format!("[{v}]"));
        if !has(v) {
            report.doubt(
                line,
                "note without text",
                format!("note {v} is referenced but its text is not in the source"),
            );
        }
    }
    for n in &notes {
        report.repaired(n.line, "note text moved", format!("[{}]", n.number));
        if !refs.iter().any(|r| r.1 == n.number) {
            report.doubt(
                n.line,
                "note without reference",
                format!("note {} has no reference in the text", n.number),
            );
        }
    }
    debug_assert!(!NOTE_START.is_ascii() && !NOTE_END.is_ascii());
    (notes, consumed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(paras: &[&str]) -> (Vec<String>, Vec<FoundNote>, Report) {
        let mut p: Vec<String> = paras.iter().map(|s| s.to_string()).collect();
        let lines: Vec<usize> = (1..=p.len()).collect();
        let mut r = Report::default();
        let (notes, consumed) = extract(&mut p, &lines, Vec::new(), &mut r);
        let kept = p
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !consumed.contains(i))
            .map(|(_, s)| s)
            .collect();
        (kept, notes, r)
    }

    fn shown(s: &str) -> String {
        s.replace(NOTE_START, "[^").replace(NOTE_END, "]")
    }

    #[test]
    fn glued_numbers_become_references() {
        let (p, notes, _) = run(&[
            "Civil War!1 When? In 2016 the anti-fascist2 movement, $15 and 18-29.",
            "Common Cause3 and membership4 grew. Chapter 2 says so.",
            "  1. One.",
            "  2. Two.",
            "  3. Three.",
            "  4. Four.",
        ]);
        assert_eq!(
            shown(&p[0]),
            "Civil War![^1] When? In 2016 the anti-fascist[^2] movement, $15 and 18-29."
        );
        assert_eq!(
            shown(&p[1]),
            "Common Cause[^3] and membership[^4] grew. Chapter 2 says so."
        );
        assert_eq!(notes.len(), 4);
        assert_eq!(notes[0].text, "One.");
    }

    #[test]
    fn references_without_notes_are_doubts() {
        let (p, notes, r) = run(&[
            "EARTHQUAKES.1 Often for years.2 Of course, the movement. 3 Nevertheless, at $15.4",
            "In 1917, 3.6 billion people, src/main.rs:5:5 and line 5.",
        ]);
        assert_eq!(shown(&p[0]), "EARTHQUAKES.[^1] Often for years.[^2] Of course, the movement.[^3] Nevertheless, at $15.[^4]");
        assert_eq!(
            p[1],
            "In 1917, 3.6 billion people, src/main.rs:5:5 and line 5."
        );
        assert!(notes.is_empty());
        assert_eq!(r.doubts.len(), 4);
    }

    #[test]
    fn a_trailing_numbered_list_without_references_stays() {
        let (p, notes, _) = run(&["Some steps:", "1. First.", "2. Second."]);
        assert_eq!(p.len(), 3);
        assert!(notes.is_empty());
    }

    #[test]
    fn note_lines() {
        assert_eq!(note_line("  1. The chant"), Some((1, "The chant")));
        assert_eq!(note_line("[12] Text"), Some((12, "Text")));
        assert_eq!(note_line("2016 was"), None);
    }
}
