//! Markdown sources: pulldown-cmark events walked into document blocks.
//!
//! CommonMark with GFM tables, task lists and strikethrough, footnotes,
//! definition lists, heading attributes, and pandoc's `^superscript^` and
//! `~subscript~`. [`tree`] builds the blocks from the events; raw HTML is
//! kept as written (see [`crate::document::Block::Html`]) with a warning
//! naming its line.

mod tree;

use crate::document::{Block, Inline, Note};
use pulldown_cmark::{Options, Parser};
use std::collections::HashMap;
use tree::Tree;

/// Deepest nesting of block quotes, lists and other containers accepted.
pub const MAX_NESTING: usize = 64;

/// Blocks and notes read from Markdown, with the source line of each block.
#[derive(Debug, Default, Clone)]
pub struct MarkdownDoc {
    pub blocks: Vec<Block>,
    /// 1-based line (relative to the text) where each block starts.
    pub lines: Vec<usize>,
    pub notes: Vec<Note>,
    /// What the outputs cannot show as written.
    pub warnings: Vec<Warning>,
}

/// A warning: the line (relative to the text), a class ("raw HTML", "notes") and what happened.
pub type Warning = (usize, &'static str, String);

/// The Markdown extensions zinepress reads.
pub fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
}

/// Parses Markdown into blocks. Footnote labels are renumbered 1, 2, 3 … in
/// order of first appearance (numeric labels keep their number).
pub fn parse(text: &str) -> Result<MarkdownDoc, String> {
    // References whose note text was lost get a placeholder definition, so
    // they read back as note references; the placeholder notes are dropped.
    let owned;
    let text = match missing_definitions(text) {
        missing if missing.is_empty() => text,
        missing => {
            owned = format!(
                "{text}\n\n{}",
                missing
                    .iter()
                    .map(|l| format!("[^{l}]: {LOST}\n\n"))
                    .collect::<String>()
            );
            owned.as_str()
        }
    };
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    let mut tree = Tree::new(NoteNumbers::new(text), LOST);
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        tree.event(event, line_of(range.start))?;
    }
    let (blocks, lines, notes, warnings) = tree.finish();
    let lost = vec![Block::Paragraph(vec![Inline::Text(LOST.to_string())])];
    let mut notes: Vec<Note> = notes
        .into_iter()
        .filter(|(_, c)| *c != lost)
        .map(|(number, content)| Note { number, content })
        .collect();
    notes.sort_by_key(|n| n.number);
    Ok(MarkdownDoc {
        blocks,
        lines,
        notes,
        warnings,
    })
}

/// Placeholder text of a note whose text was lost.
const LOST: &str = "\u{E00F}";

/// Labels referenced as `[^label]` but never defined.
fn missing_definitions(text: &str) -> Vec<String> {
    let (defined, used) = labels(text);
    used.into_iter().filter(|l| !defined.contains(l)).collect()
}

/// The note labels of a text: those defined (`[^label]:` at a line's start)
/// and those used, in order of first use.
fn labels(text: &str) -> (std::collections::HashSet<String>, Vec<String>) {
    let mut defined = std::collections::HashSet::new();
    let mut used = Vec::new();
    for (at, _) in text.match_indices("[^") {
        // `match_indices` gives char boundaries: the split always succeeds.
        let Some((before, from)) = text.split_at_checked(at) else {
            continue;
        };
        let Some((label, after)) = from.strip_prefix("[^").and_then(|f| f.split_once(']')) else {
            continue;
        };
        let escaped = before.ends_with('\\');
        if !label.is_empty() && !label.contains(char::is_whitespace) && !escaped {
            // A definition starts its line, perhaps inside a block quote.
            let line = before.rsplit_once('\n').map_or(before, |(_, line)| line);
            if after.starts_with(':') && line.trim_start_matches([' ', '>']).trim().is_empty() {
                defined.insert(label.to_string());
            } else if !used.iter().any(|u: &String| u == label) {
                used.push(label.to_string());
            }
        }
    }
    (defined, used)
}

/// Note numbers by label: numeric labels keep their number, others get the
/// lowest number no label has and no numeric label of the text will claim.
#[derive(Debug, Default)]
struct NoteNumbers {
    given: HashMap<String, u32>,
    /// Numbers the numeric labels of the text stand for.
    reserved: std::collections::HashSet<u32>,
}

impl NoteNumbers {
    fn new(text: &str) -> NoteNumbers {
        let (defined, used) = labels(text);
        let reserved = defined
            .iter()
            .chain(&used)
            .filter_map(|l| l.parse::<u32>().ok())
            .filter(|&n| n > 0)
            .collect();
        NoteNumbers {
            given: HashMap::new(),
            reserved,
        }
    }

    fn number(&mut self, label: &str) -> u32 {
        if let Some(&n) = self.given.get(label) {
            return n;
        }
        let taken = |n: u32| self.given.values().any(|&v| v == n);
        let n = match label.parse::<u32>().ok().filter(|&n| n > 0 && !taken(n)) {
            Some(n) => n,
            None => (1..)
                .find(|&n| !taken(n) && !self.reserved.contains(&n))
                .unwrap_or(u32::MAX),
        };
        self.given.insert(label.to_string(), n);
        n
    }
}

/// A last paragraph "— Name" inside a quote, verse or epigraph is its attribution.
fn take_attribution(mut blocks: Vec<Block>) -> (Vec<Block>, Option<Vec<Inline>>) {
    if let Some(Block::Paragraph(p)) = blocks.last() {
        if let Some(Inline::Text(t)) = p.first() {
            if let Some(rest) = t.strip_prefix("— ") {
                let mut attr = p.clone();
                attr[0] = Inline::Text(rest.to_string());
                blocks.pop();
                return (blocks, Some(attr));
            }
        }
    }
    (blocks, None)
}

/// A paragraph that holds only an image becomes an image block; the image's
/// title is its caption.
fn take_image(content: &[Inline]) -> Option<Block> {
    match content {
        [Inline::Image { src, alt, title }] => Some(Block::Image {
            src: src.clone(),
            alt: alt.clone(),
            caption: title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .map(|t| vec![Inline::Text(t)]),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
