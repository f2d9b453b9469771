//! Markdown repair: the repairs that make sense for a converted file.

use super::{FoundMeta, Normalized, Report};
use crate::document::Block;
use crate::source::markdown::MarkdownDoc;

/// Repairs blocks read from Markdown.
pub fn repair(md: MarkdownDoc, _first_line: usize, _report: &mut Report) -> Normalized {
    let mut found = FoundMeta::default();
    let mut blocks = md.blocks;
    if let Some(Block::Heading { level: 1, content }) = blocks.first() {
        found.title = Some(crate::document::plain_text(content));
        blocks.remove(0);
    }
    Normalized { blocks, notes: md.notes, found, report: Report::default() }
}
