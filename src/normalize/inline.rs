//! Marked-up strings to inlines: the text passes work on plain strings where
//! private-use characters mark small capitals, note references and line breaks.

use crate::document::Inline;

pub const SC_START: char = '\u{E000}';
pub const SC_END: char = '\u{E001}';
pub const NOTE_START: char = '\u{E002}';
pub const NOTE_END: char = '\u{E003}';
pub const LINE_BREAK: char = '\u{E004}';

/// The marker for a reference to note `n`.
pub fn note_marker(n: u32) -> String {
    format!("{NOTE_START}{n}{NOTE_END}")
}

/// Whether a character is one of the markers.
pub fn is_marker(c: char) -> bool {
    ('\u{E000}'..='\u{E004}').contains(&c)
}

/// Removes every marker (for plain-text comparisons).
pub fn strip_markers(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_note = false;
    for c in s.chars() {
        match c {
            NOTE_START => in_note = true,
            NOTE_END => in_note = false,
            c if is_marker(c) => {}
            c if !in_note => out.push(c),
            _ => {}
        }
    }
    out
}

/// Converts a marked string to inlines.
pub fn to_inlines(s: &str) -> Vec<Inline> {
    let mut stack: Vec<Vec<Inline>> = vec![Vec::new()];
    let mut text = String::new();
    let mut number = String::new();
    let mut in_note = false;
    let flush = |text: &mut String, stack: &mut Vec<Vec<Inline>>| {
        if !text.is_empty() {
            stack
                .last_mut()
                .expect("the stack has a root")
                .push(Inline::Text(std::mem::take(text)));
        }
    };
    for c in s.chars() {
        match c {
            SC_START => {
                flush(&mut text, &mut stack);
                stack.push(Vec::new());
            }
            SC_END => {
                flush(&mut text, &mut stack);
                if stack.len() > 1 {
                    let inner = stack.pop().unwrap_or_default();
                    stack
                        .last_mut()
                        .expect("root")
                        .push(Inline::SmallCaps(inner));
                }
            }
            NOTE_START => {
                flush(&mut text, &mut stack);
                in_note = true;
                number.clear();
            }
            NOTE_END => {
                in_note = false;
                if let Ok(n) = number.parse() {
                    stack.last_mut().expect("root").push(Inline::NoteRef(n));
                }
            }
            LINE_BREAK => {
                flush(&mut text, &mut stack);
                stack.last_mut().expect("root").push(Inline::LineBreak);
            }
            c if in_note => number.push(c),
            c => text.push(c),
        }
    }
    flush(&mut text, &mut stack);
    while stack.len() > 1 {
        let inner = stack.pop().unwrap_or_default();
        stack
            .last_mut()
            .expect("root")
            .push(Inline::SmallCaps(inner));
    }
    stack.pop().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_inlines() {
        let s = format!("{SC_START}Tremors come{}{SC_END} for years", note_marker(1));
        assert_eq!(
            to_inlines(&s),
            vec![
                Inline::SmallCaps(vec![
                    Inline::Text("Tremors come".into()),
                    Inline::NoteRef(1)
                ]),
                Inline::Text(" for years".into())
            ]
        );
        assert_eq!(strip_markers(&s), "Tremors come for years");
    }
}
