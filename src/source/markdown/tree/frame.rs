//! The frames of the walker's stack: what each open container is, and the
//! blocks and inlines it has collected so far.

use crate::document::{Attr, Block, Cell, Definition, Inline, ListItem, ListKind, Table};

/// Inline wrappers: Markdown's own and the raw HTML tags that mean the same.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Span {
    Emph,
    Strong,
    Strike,
    Sup,
    Sub,
    Underline,
    SmallCaps,
}

impl Span {
    pub(super) fn wrap(self, content: Vec<Inline>) -> Inline {
        match self {
            Span::Emph => Inline::Emph(content),
            Span::Strong => Inline::Strong(content),
            Span::Strike => Inline::Strike(content),
            Span::Sup => Inline::Superscript(content),
            Span::Sub => Inline::Subscript(content),
            Span::Underline => Inline::Underline(content),
            Span::SmallCaps => Inline::SmallCaps(content),
        }
    }
}

/// What an open container is.
#[derive(Debug)]
pub(super) enum Kind {
    Root,
    Quote,
    List {
        kind: ListKind,
        start: u32,
        loose: bool,
        items: Vec<ListItem>,
    },
    Item {
        checked: Option<bool>,
    },
    Footnote(u32, String),
    /// A `<div class="…">` zinepress writes around blocks Markdown has no syntax for.
    Div(String),
    Definitions(Vec<Definition>),
    Term,
    Detail,
    Table(Table),
    /// Collects one row's cells: the header row or a body row.
    Row {
        head: bool,
        cells: Vec<Cell>,
    },
    Cell,
    Code {
        language: Option<String>,
        text: String,
    },
    HtmlBlock(String),
    Paragraph,
    Heading {
        level: u8,
        attr: Attr,
    },
    Span(Span),
    Link {
        url: String,
        title: Option<String>,
    },
    Image {
        src: String,
        title: Option<String>,
    },
    /// A raw HTML tag opened and not yet closed: `<sup>`, `<u>` ….
    Raw {
        open: String,
        name: String,
        span: Span,
    },
}

impl Kind {
    /// Whether the container is inline (a span, a link, an image, a raw tag).
    pub(super) fn inline(&self) -> bool {
        matches!(
            self,
            Kind::Span(_) | Kind::Link { .. } | Kind::Image { .. } | Kind::Raw { .. }
        )
    }
}

/// An open container and what it has collected.
#[derive(Debug)]
pub(super) struct Frame {
    pub(super) kind: Kind,
    pub(super) blocks: Vec<Block>,
    /// Inline content: of a paragraph or heading, or directly in a tight list item or cell.
    pub(super) inlines: Vec<Inline>,
    pub(super) line: usize,
}
