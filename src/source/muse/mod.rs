//! Muse sources: the markup of The Anarchist Library and the other
//! amusewiki sites, as Text::Amuse documents it, read into document blocks.
//!
//! [`directives`] reads the header (`#title`, `#author` …); [`lines`] says
//! what each body line is; [`extents`] which lines each tag encloses;
//! [`blocks`] builds paragraphs, headings, the block
//! tags, verse, code and [`table`]s from them, and [`lists`] the lists;
//! [`inline`] reads the markup inside a line; [`notes`] pairs footnotes
//! `[1]` and secondary notes `{1}` with their references and numbers them
//! in reading order. The structure is the markup's: nothing is guessed, and
//! what cannot be placed is kept as text with a warning naming its line.

mod blocks;
pub mod directives;
mod extents;
pub mod inline;
pub mod lines;
mod lists;
mod notes;
pub mod table;

#[cfg(test)]
mod tests;

use crate::document::{Block, Inline, Note};
pub use directives::Directive;

/// A Muse file read: its directives, blocks and notes, and what the reader
/// doubts or left out, by file line.
#[derive(Debug, Clone, Default)]
pub struct MuseDoc {
    pub directives: Vec<Directive>,
    pub blocks: Vec<Block>,
    pub notes: Vec<Note>,
    /// Malformed markup, kept as text: (file line, message).
    pub warnings: Vec<(usize, String)>,
    /// Lines never printed (comments, anchors): (file line, class, text).
    pub removed: Vec<(usize, &'static str, String)>,
    /// Notes numbered otherwise than written: (file line, `[3]` or `{1}`, number).
    pub renumbered: Vec<(usize, String, u32)>,
}

/// Reads a Muse text whose first line is line `first_line` of its file.
pub fn parse(text: &str, first_line: usize) -> MuseDoc {
    let cleaned: Vec<String> = text.split('\n').map(lines::clean).collect();
    let (directives, comments, body) = directives::header(&cleaned, first_line);
    let mut parser = blocks::Parser::new(&cleaned[body..], first_line + body);
    let mut removed: Vec<(usize, &'static str, String)> = comments
        .into_iter()
        .map(|(i, t)| (first_line + i, "comment", t))
        .collect();
    let mut blocks = parser.blocks(0, parser.lines.len(), 0);
    let top = min_heading(&blocks).unwrap_or(1);
    shift_headings(&mut blocks, top - 1);
    let mut warnings = std::mem::take(&mut parser.warnings);
    let mut renumbered = Vec::new();
    let notes = parser
        .notes
        .resolve(&mut blocks, &mut warnings, &mut renumbered);
    removed.append(&mut parser.removed);
    warnings.sort_by_key(|w| w.0);
    MuseDoc {
        directives,
        blocks,
        notes,
        warnings,
        removed,
        renumbered,
    }
}

/// The language tag of a Muse text's `#lang` directive, when it has a
/// well-formed one: the source's own word on its language, read before the
/// text is repaired so the repair's typography follows it.
pub fn language(text: &str) -> Option<String> {
    let cleaned: Vec<String> = text.split('\n').map(lines::clean).collect();
    let (directives, _, _) = directives::header(&cleaned, 1);
    directives
        .iter()
        .filter(|d| d.is("lang") && is_language_tag(d.value.trim()))
        .next_back()
        .map(|d| d.value.trim().to_string())
}

/// Whether `value` looks like a BCP 47 tag: letters and digits in parts of
/// at most eight joined by hyphens.
pub fn is_language_tag(value: &str) -> bool {
    value.len() <= 35
        && value.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// A directive's value read as inline markup (no note references).
pub fn directive_inlines(value: &str, line: usize) -> (Vec<Inline>, Vec<(usize, String)>) {
    let mut notes = notes::Notes::default();
    let mut warnings = Vec::new();
    let content = inline::parse(
        value,
        inline::Scope::Plain,
        &mut inline::Sink {
            notes: &mut notes,
            warnings: &mut warnings,
            line,
        },
    );
    (content, warnings)
}

/// The smallest heading level in the blocks, nested ones included.
fn min_heading(blocks: &[Block]) -> Option<u8> {
    let mut min = None;
    crate::document::walk::each_block(blocks, &mut |b| {
        if let Block::Heading { level, .. } = b {
            min = Some(min.map_or(*level, |m: u8| m.min(*level)));
        }
    });
    min
}

/// Raises every heading by `by` levels, so the highest level used is 1.
fn shift_headings(blocks: &mut [Block], by: u8) {
    for b in blocks {
        match b {
            Block::Heading { level, .. } => *level -= by,
            Block::Quote { blocks, .. }
            | Block::Aligned { blocks, .. }
            | Block::Hanging { blocks, .. }
            | Block::Aside { blocks, .. }
            | Block::Epigraph { blocks, .. } => shift_headings(blocks, by),
            _ => {}
        }
    }
}
