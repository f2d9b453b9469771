//! Code blocks in print.

use super::flow::{push_lines, Body, VLine};
use super::fonts::Style;
use super::paragraph::{SetLine, Setter, TextStyle};

/// A code block: one set line per line of code.
pub fn code_lines(text: &str, body: &Body, setter: &mut Setter, out: &mut Vec<VLine>) {
    let ts = TextStyle::new(Style::Regular, body.size * 0.85);
    for (i, line) in text.split('\n').enumerate() {
        let run = setter.line(ts, line);
        let width = run.width();
        push_lines(out, vec![SetLine { runs: vec![run], width, notes: Vec::new(), hyphenated: false }], 0.0, 0.0, body.leading * 0.9, if i == 0 { body.leading * 0.6 } else { 0.0 }, None);
    }
}
