//! Tables in print.

use super::flow::{block_lines, Body, VLine};
use super::paragraph::Setter;
use crate::document::{Block, Inline, Table};

/// A table: one paragraph per row for now.
pub fn table_lines(t: &Table, body: &Body, setter: &mut Setter, out: &mut Vec<VLine>) {
    for row in t.rows() {
        let mut content = Vec::new();
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                content.push(Inline::Text(" | ".into()));
            }
            content.extend(cell.iter().cloned());
        }
        block_lines(&Block::Paragraph(content), body, setter, &Default::default(), false, out);
    }
}
