//! The document model: what every reader produces and every writer consumes.
//!
//! A [`Document`] is plain data, shaped like pandoc's AST: metadata, a list of
//! blocks in reading order (blocks nest: quotes, lists, definition lists,
//! notes), and the notes the blocks refer to. Sections are implied by
//! headings; writers that need them (EPUB files, running heads) derive them.
//! Nothing here is specific to one source format: Markdown, Muse and the
//! plain-text repair all fill the same types. [`walk`] visits and flattens.

pub mod html;
pub mod markdown;
mod markdown_inline;
pub mod walk;

pub use html::html_text;
pub use walk::{block_text, blocks_text, plain_text};

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
    /// Publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the EPUB's `dc:date`), when the source gives one.
    pub date: Option<String>,
}

/// A block of the essay, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// Level 1 is a top-level section; the essay title is not a block.
    Heading {
        level: u8,
        content: Vec<Inline>,
        attr: Attr,
    },
    Paragraph(Vec<Inline>),
    /// Blocks set centred or flush right (Muse's `<center>` and `<right>`).
    Aligned {
        align: Alignment,
        blocks: Vec<Block>,
    },
    Quote {
        blocks: Vec<Block>,
        attribution: Option<Vec<Inline>>,
    },
    /// A quotation set before the text (or a section), with its source.
    Epigraph {
        blocks: Vec<Block>,
        attribution: Option<Vec<Inline>>,
    },
    /// A bulleted or numbered list; items hold blocks, so lists nest.
    List(List),
    /// Terms and their definitions.
    Definitions(Vec<Definition>),
    /// A poem or lyrics: stanzas of lines.
    Verse {
        stanzas: Vec<Vec<Vec<Inline>>>,
        attribution: Option<Vec<Inline>>,
    },
    /// A closing salutation and signature, one entry per line.
    SignOff(Vec<Vec<Inline>>),
    /// Matter outside the essay proper: an author bio, a colophon.
    Aside {
        kind: AsideKind,
        blocks: Vec<Block>,
    },
    /// A figure: an image alone in its paragraph. The caption may come from
    /// the source's image title.
    Image {
        src: String,
        alt: String,
        caption: Option<Vec<Inline>>,
    },
    /// Preformatted text (program code, a terminal session): lines kept as
    /// they are, never re-typeset. `language` is the fence's first word.
    CodeBlock {
        language: Option<String>,
        text: String,
    },
    Table(Table),
    /// Raw HTML as written in the source. Writers never pass it on as it is:
    /// the EPUB sanitises it, print sets its text.
    Html(String),
    /// A thematic break.
    Rule,
    /// Paragraphs set with a hanging indent and space between them: the
    /// entries of a bibliography or the speeches of a play (Muse's `<biblio>`
    /// and `<play>`).
    Hanging {
        kind: HangingKind,
        blocks: Vec<Block>,
    },
    /// A new page in print (Muse's indented `* * * * *`); nothing in the flow
    /// of an e-book.
    PageBreak,
}

/// What a [`Block::Hanging`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HangingKind {
    Bibliography,
    Play,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AsideKind {
    Bio,
    Colophon,
}

/// Horizontal alignment of a table column or of aligned blocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Alignment {
    /// Whatever the writer does by default (left for text).
    #[default]
    Default,
    Left,
    Center,
    Right,
}

/// An identifier, classes and key-value pairs (Markdown's `{#id .class key=value}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attr {
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub pairs: Vec<(String, Option<String>)>,
}

impl Attr {
    pub fn is_empty(&self) -> bool {
        self.id.is_none() && self.classes.is_empty() && self.pairs.is_empty()
    }
}

/// A list: its numbering, first number, spacing and items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct List {
    pub kind: ListKind,
    /// The first item's number (ordered lists; 1 for bullets).
    pub start: u32,
    /// Tight lists have no space between items (their paragraphs are bare lines).
    pub tight: bool,
    pub items: Vec<ListItem>,
}

/// How list items are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListKind {
    Bullet,
    /// 1. 2. 3.
    Decimal,
    /// a. b. c.
    LowerAlpha,
    /// A. B. C.
    UpperAlpha,
    /// i. ii. iii.
    LowerRoman,
    /// I. II. III.
    UpperRoman,
}

impl ListKind {
    pub fn ordered(self) -> bool {
        self != ListKind::Bullet
    }

    /// The marker of item number `n` without its punctuation ("3", "c", "iii"); "•" for bullets.
    pub fn label(self, n: u32) -> String {
        match self {
            ListKind::Bullet => "•".to_string(),
            ListKind::Decimal => n.to_string(),
            ListKind::LowerAlpha => alpha(n),
            ListKind::UpperAlpha => alpha(n).to_uppercase(),
            ListKind::LowerRoman => roman(n),
            ListKind::UpperRoman => roman(n).to_uppercase(),
        }
    }
}

/// 1 → a, 26 → z, 27 → aa (spreadsheet columns).
fn alpha(mut n: u32) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// 1 → i, 4 → iv, 1990 → mcmxc; 0 and numbers over 3999 in digits.
fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let table = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, letters) in table {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// One list item: its blocks and, for a task list, whether it is done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    pub checked: Option<bool>,
    pub blocks: Vec<Block>,
}

impl ListItem {
    /// An item of one paragraph.
    pub fn para(content: Vec<Inline>) -> ListItem {
        ListItem {
            checked: None,
            blocks: vec![Block::Paragraph(content)],
        }
    }
}

/// A term and its definitions (one term may have several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    pub term: Vec<Inline>,
    pub details: Vec<Vec<Block>>,
}

/// A table cell: inline content (line breaks allowed).
pub type Cell = Vec<Inline>;

/// A table: header rows, body rows and footer rows of cells, column
/// alignments and an optional caption. Rows may be shorter than the table
/// is wide; writers fill them with empty cells.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub caption: Option<Vec<Inline>>,
    /// One per column; columns beyond it are [`Alignment::Default`].
    pub align: Vec<Alignment>,
    pub head: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
    pub foot: Vec<Vec<Cell>>,
}

impl Table {
    /// The number of columns: the widest row or the alignments given.
    pub fn columns(&self) -> usize {
        self.rows()
            .map(Vec::len)
            .chain(std::iter::once(self.align.len()))
            .max()
            .unwrap_or(0)
    }

    /// Every row: head, body, foot.
    pub fn rows(&self) -> impl Iterator<Item = &Vec<Cell>> {
        self.head.iter().chain(&self.body).chain(&self.foot)
    }

    /// The alignment of column `i`.
    pub fn alignment(&self, i: usize) -> Alignment {
        self.align.get(i).copied().unwrap_or_default()
    }
}

/// Inline content of a block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    /// Struck-out text (`~~text~~`).
    Strike(Vec<Inline>),
    Superscript(Vec<Inline>),
    Subscript(Vec<Inline>),
    Underline(Vec<Inline>),
    /// Small capitals; the text is in normal case.
    SmallCaps(Vec<Inline>),
    /// A code span: set in the monospace face, never touched by typography.
    Code(String),
    Link {
        url: String,
        title: Option<String>,
        content: Vec<Inline>,
    },
    /// An image inside a line of text.
    Image {
        src: String,
        alt: String,
        title: Option<String>,
    },
    /// A reference to note `number` (1-based).
    NoteRef(u32),
    LineBreak,
    /// A raw HTML tag as written in the source (`<kbd>`, `</span>`); see [`Block::Html`].
    Html(String),
}

impl Inline {
    /// A link without a title.
    pub fn link(url: impl Into<String>, content: Vec<Inline>) -> Inline {
        Inline::Link {
            url: url.into(),
            title: None,
            content,
        }
    }
}

/// The text of one note: blocks, like any other part of the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub number: u32,
    pub content: Vec<Block>,
}

impl Note {
    /// A note of one paragraph.
    pub fn para(number: u32, content: Vec<Inline>) -> Note {
        Note {
            number,
            content: vec![Block::Paragraph(content)],
        }
    }
}

impl Block {
    /// A heading without attributes.
    pub fn heading(level: u8, content: Vec<Inline>) -> Block {
        Block::Heading {
            level,
            content,
            attr: Attr::default(),
        }
    }

    /// A tight list of one-paragraph items, bulleted or numbered from `start`.
    pub fn list(ordered: bool, start: u32, items: Vec<Vec<Inline>>) -> Block {
        let kind = if ordered {
            ListKind::Decimal
        } else {
            ListKind::Bullet
        };
        Block::List(List {
            kind,
            start,
            tight: true,
            items: items.into_iter().map(ListItem::para).collect(),
        })
    }
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
                Block::Heading { level, content, .. } => Some((*level, plain_text(content))),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_note_looks_up_by_number() {
        let doc = Document {
            notes: vec![Note {
                number: 2,
                content: vec![],
            }],
            ..Default::default()
        };
        assert!(doc.has_note(2));
        assert!(!doc.has_note(1));
    }

    #[test]
    fn list_labels() {
        assert_eq!(ListKind::Decimal.label(12), "12");
        assert_eq!(ListKind::LowerAlpha.label(1), "a");
        assert_eq!(ListKind::UpperAlpha.label(28), "AB");
        assert_eq!(ListKind::LowerRoman.label(4), "iv");
        assert_eq!(ListKind::UpperRoman.label(1990), "MCMXC");
        assert_eq!(ListKind::LowerRoman.label(0), "0");
        assert!(!ListKind::Bullet.ordered() && ListKind::LowerRoman.ordered());
    }

    #[test]
    fn table_columns_cover_ragged_rows() {
        let t = Table {
            align: vec![Alignment::Right],
            body: vec![vec![vec![], vec![], vec![]]],
            ..Default::default()
        };
        assert_eq!(t.columns(), 3);
        assert_eq!(t.alignment(0), Alignment::Right);
        assert_eq!(t.alignment(2), Alignment::Default);
    }
}
