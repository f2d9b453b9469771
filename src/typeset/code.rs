//! Code blocks in print: the monospace face, every space kept (tabs to the
//! next stop of four), straight quotes as typed, a thin rule down the left,
//! and lines too long for the measure wrapped with a continuation mark.

use super::flow::{apply_keep_rules, Body, VLine};
use super::fonts::Style;
use super::paragraph::{SetLine, Setter, TextStyle};
use super::runs::Decoration;

/// Tab stops every this many columns.
const TAB: usize = 4;

/// The mark at the start of a wrapped line's continuation (Linux Libertine Mono has it).
const CONTINUATION: &str = "→";

/// A code block: one set line per line of code, long lines wrapped.
pub fn code_lines(text: &str, body: &Body, setter: &mut Setter, out: &mut Vec<VLine>) {
    let size = body.size * 0.85;
    let leading = body.leading * 0.9;
    let ts = TextStyle::new(Style::Mono, size);
    let inset = body.size * 1.2;
    let column = setter.measure_text(ts, "0").max(0.1);
    let columns = (((body.measure - inset) / column).floor() as usize).max(8);
    let start = out.len();
    for line in text.split('\n') {
        for (k, piece) in wrap(&expand_tabs(line), columns).into_iter().enumerate() {
            // A continuation starts with the mark and a space, inside the code's own columns.
            let shown = if k > 0 {
                format!("{CONTINUATION} {piece}")
            } else {
                piece
            };
            let runs = if shown.is_empty() {
                Vec::new()
            } else {
                vec![setter.line(ts, &shown)]
            };
            let mut set = SetLine::of_runs(runs);
            // The rule runs from this line's top to the next line's, unbroken down the block.
            let rule_x = -inset + body.size * 0.3;
            set.decorations.push(Decoration::Rule {
                x1: rule_x,
                y1: -leading + size * 0.3,
                x2: rule_x,
                y2: size * 0.3,
                width: 0.5,
            });
            out.push(VLine::new(set, inset, leading, 0.0));
        }
    }
    if let Some(first) = out.get_mut(start) {
        first.space_before = body.leading * 0.6;
    }
    apply_keep_rules(&mut out[start..], false);
}

/// Tabs as spaces up to the next tab stop.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = TAB - col % TAB;
            out.push_str(&" ".repeat(n));
            col += n;
        } else if !c.is_control() {
            out.push(c);
            col += 1;
        }
    }
    out.trim_end().to_string()
}

/// A line cut into pieces of at most `columns` characters (the first) or
/// `columns - 2` (the others, which get the continuation mark and a space),
/// each cut after a space or punctuation near the end when there is one, else hard.
fn wrap(line: &str, columns: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= columns {
        return vec![line.to_string()];
    }
    let mut out = Vec::new();
    let mut from = 0;
    loop {
        let room = if from == 0 { columns } else { columns - 2 };
        if chars.len() - from <= room {
            break;
        }
        let hard = from + room;
        let soft = (from + room * 2 / 3..hard).rev().find(|&i| {
            matches!(
                chars[i - 1],
                ' ' | ',' | ';' | '(' | '[' | '{' | '/' | '.' | '&' | '?' | '='
            )
        });
        let cut = soft.unwrap_or(hard);
        out.push(chars[from..cut].iter().collect());
        from = cut;
    }
    out.push(chars[from..].iter().collect());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(expand_tabs("\tx\ty"), "    x   y");
        assert_eq!(expand_tabs("ab\tc  "), "ab  c");
    }

    #[test]
    fn long_lines_wrap_at_a_break_near_the_end_or_hard() {
        assert_eq!(wrap("short", 10), vec!["short"]);
        assert_eq!(
            wrap("let x = call(a, b, c);", 12),
            vec!["let x = ", "call(a, ", "b, c);"]
        );
        assert_eq!(
            wrap("abcdefghijklmnop", 6),
            vec!["abcdef", "ghij", "klmn", "op"]
        );
        let line = "x".repeat(30) + " " + &"y".repeat(30);
        let pieces = wrap(&line, 20);
        assert!(
            pieces[0].chars().count() <= 20 && pieces[1..].iter().all(|p| p.chars().count() <= 18)
        );
        assert_eq!(pieces.concat(), line);
    }
}
