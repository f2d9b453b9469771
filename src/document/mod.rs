//! The document model: what every reader produces and every writer consumes.
//!
//! A [`Document`] is plain data: metadata, a flat list of blocks in reading
//! order, and the notes the blocks refer to. Sections are implied by
//! headings; writers that need them (EPUB files, running heads) derive them.

pub mod markdown;

use serde::{Deserialize, Serialize};

/// One essay, repaired and structured.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub meta: Metadata,
    pub blocks: Vec<Block>,
    /// Note texts, in number order. A [`Inline::NoteRef`] whose number has no
    /// entry here is a reference whose text was lost (common in PDF extractions).
    pub notes: Vec<Note>,
}

/// Facts about the essay, from the text itself and from zinepress.toml.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    /// BCP 47 language tag, never empty.
    pub language: String,
    /// Stable identifier (a URN); derived from the slug when not configured.
    pub identifier: String,
    pub slug: String,
    pub description: Option<String>,
    pub subjects: Vec<String>,
    /// A rights or license line ("anti-copyright"), when known.
    pub rights: Option<String>,
    /// Where the text came from (file name or a configured source line).
    pub source: Option<String>,
    /// Modification time in seconds since the Unix epoch (SOURCE_DATE_EPOCH or mtime).
    pub modified: i64,
}

/// A block of the essay, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// Level 1 is a top-level section; the essay title is not a block.
    Heading { level: u8, content: Vec<Inline> },
    Paragraph(Vec<Inline>),
    Quote { blocks: Vec<Block>, attribution: Option<Vec<Inline>> },
    /// A quotation set before the text (or a section), with its source.
    Epigraph { blocks: Vec<Block>, attribution: Option<Vec<Inline>> },
    List { ordered: bool, start: u32, items: Vec<Vec<Inline>> },
    /// A poem or lyrics: stanzas of lines.
    Verse { stanzas: Vec<Vec<Vec<Inline>>>, attribution: Option<Vec<Inline>> },
    /// A closing salutation and signature, one entry per line.
    SignOff(Vec<Vec<Inline>>),
    /// Matter outside the essay proper: an author bio, a colophon.
    Aside { kind: AsideKind, blocks: Vec<Block> },
    Image { src: String, alt: String, caption: Option<Vec<Inline>> },
    Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AsideKind {
    Bio,
    Colophon,
}

/// Inline content of a block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    /// Small capitals; the text is in normal case.
    SmallCaps(Vec<Inline>),
    Code(String),
    Link { url: String, content: Vec<Inline> },
    /// A reference to note `number` (1-based).
    NoteRef(u32),
    LineBreak,
}

/// The text of one note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub number: u32,
    pub content: Vec<Inline>,
}

impl Document {
    /// Whether note `number` has text.
    pub fn has_note(&self, number: u32) -> bool {
        self.notes.iter().any(|n| n.number == number)
    }

    /// The headings of the document as (level, plain text), in order.
    pub fn headings(&self) -> Vec<(u8, String)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, content } => Some((*level, plain_text(content))),
                _ => None,
            })
            .collect()
    }
}

/// The text of inlines without markup; note references are left out.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::SmallCaps(c) => push_plain(c, out),
            Inline::Link { content, .. } => push_plain(content, out),
            Inline::NoteRef(_) => {}
            Inline::LineBreak => out.push(' '),
        }
    }
}

/// All words of a block, for tests and checks that compare text across outputs.
pub fn block_text(block: &Block) -> String {
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => plain_text(content),
        Block::Quote { blocks, attribution } | Block::Epigraph { blocks, attribution } => {
            let mut s: Vec<String> = blocks.iter().map(block_text).collect();
            if let Some(a) = attribution {
                s.push(plain_text(a));
            }
            s.join(" ")
        }
        Block::List { items, .. } => items.iter().map(|i| plain_text(i)).collect::<Vec<_>>().join(" "),
        Block::Verse { stanzas, attribution } => {
            let mut s: Vec<String> = stanzas.iter().flatten().map(|l| plain_text(l)).collect();
            if let Some(a) = attribution {
                s.push(plain_text(a));
            }
            s.join(" ")
        }
        Block::SignOff(lines) => lines.iter().map(|l| plain_text(l)).collect::<Vec<_>>().join(" "),
        Block::Aside { blocks, .. } => blocks.iter().map(block_text).collect::<Vec<_>>().join(" "),
        Block::Image { caption, .. } => caption.as_deref().map(plain_text).unwrap_or_default(),
        Block::Rule => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_flattens_markup_and_skips_note_refs() {
        let inlines = vec![
            Inline::Text("a ".into()),
            Inline::Emph(vec![Inline::Text("b".into())]),
            Inline::NoteRef(1),
            Inline::LineBreak,
            Inline::SmallCaps(vec![Inline::Text("c".into())]),
        ];
        assert_eq!(plain_text(&inlines), "a b c");
    }

    #[test]
    fn has_note_looks_up_by_number() {
        let doc = Document {
            notes: vec![Note { number: 2, content: vec![] }],
            ..Default::default()
        };
        assert!(doc.has_note(2));
        assert!(!doc.has_note(1));
    }
}
