//! Laid-out pages: positioned glyph runs, rules and images, plus the outline.

use super::fonts::{FaceId, ShapedGlyph};
use crate::cover::Printed;

/// A page of the zine, in points, origin top-left, y down.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<PageItem>,
    /// The folio printed on the page, if any.
    pub folio: Option<u32>,
    pub kind: PageKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Title,
    Contents,
    Body,
    Colophon,
    Blank,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum PageItem {
    /// Shaped glyphs starting at (x, y) on the baseline.
    Glyphs(GlyphRun),
    /// A straight line.
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A rectangle, filled with a gray (0 black … 1 white) and/or outlined.
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<f32>,
        stroke: Option<f32>,
    },
    /// An image scaled into the box with top-left corner (x, y): the part of
    /// its pixels that shows fills the box. The pixels are already at the
    /// print resolution and in the print mode.
    Image {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        image: Printed,
        tag: Tag,
    },
    /// A link's area on the page (top-left corner, size) and where it goes:
    /// a link annotation in the reading PDF, nothing on paper.
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        target: LinkTarget,
        /// The structure of the text the link is on.
        tag: Tag,
    },
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// An address outside the document (a `/URI` action).
    Uri(String),
    /// A place in the document: page index and y from the top.
    Page { index: usize, y: f32 },
}

/// Mirrors a page left to right: every item moves to the other side, at the
/// same size; glyph runs and images are not turned over.
pub fn mirror(page: &mut Page) {
    let w = page.width;
    for item in &mut page.items {
        match item {
            PageItem::Glyphs(run) => run.x = w - run.x - run.width(),
            PageItem::Rule { x1, x2, .. } => {
                *x1 = w - *x1;
                *x2 = w - *x2;
            }
            PageItem::Rect { x, width, .. }
            | PageItem::Image { x, width, .. }
            | PageItem::Link { x, width, .. } => *x = w - *x - *width,
        }
    }
}

/// An image ready to place: its size on the page and its pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedImage {
    pub width: f32,
    pub height: f32,
    pub image: Printed,
    pub tag: Tag,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub x: f32,
    pub y: f32,
    /// The face the glyphs are of.
    pub face: FaceId,
    pub size: f32,
    pub glyphs: Vec<ShapedGlyph>,
    /// The text the glyphs show; glyph clusters index into it.
    pub text: String,
    /// Where the run stands in the document's structure.
    pub tag: Tag,
    /// Horizontal scale of the glyphs and their advances (font expansion; 1: none).
    pub hscale: f32,
}

impl GlyphRun {
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum::<f32>() * self.size * self.hscale
    }
}

/// An outline (bookmark) entry.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// A typeset zine.
#[derive(Debug, Clone, PartialEq)]
pub struct Typeset {
    pub pages: Vec<Page>,
    /// For each page, the top-level block of the document its text begins
    /// in (body pages only): what the EPUB's page-break markers follow.
    pub page_blocks: Vec<Option<usize>>,
    pub outline: Vec<OutlineEntry>,
    /// Whether the last page is a back cover (it stays last when imposing).
    pub has_back_cover: bool,
    /// Widows, orphans and hyphenation runs of the body pages.
    pub quality: super::paginate::Quality,
}

/// What a structure element is: the roles a tagged PDF's reader is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A heading and its text, level 1 being the zine's title.
    Heading(u8, String),
    Paragraph,
    Quote,
    List {
        ordered: bool,
    },
    Item,
    /// A list item's marker.
    Label,
    ItemBody,
    /// A figure and its alt text.
    Figure(String),
    Caption,
    Note,
    Code,
    Table,
    Row,
    /// A table cell; header cells are `true`.
    Cell(bool),
    /// A group of blocks with no role of its own (a verse, an aside).
    Division,
    Contents,
    ContentsEntry,
    /// A link's annotation (the PDF writer's).
    Link,
}

/// A structure element the typesetter opened: its role and an id no other
/// element of the zine has, so that two neighbours of one role stay apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elem {
    pub role: Role,
    pub id: u64,
}

impl Elem {
    pub fn new(role: Role) -> Elem {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Elem {
            role,
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

/// Page furniture: drawn, but not part of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    RunningHead,
    Folio,
    /// Rules, ornaments, frames and the cover's pattern and picture.
    Layout,
}

/// Where a drawn item stands in the document's structure: inside elements
/// (outermost first) or page furniture. Text the typesetter never placed in
/// an element has an empty path.
#[derive(Debug, Clone, PartialEq)]
pub enum Tag {
    Content(Vec<Elem>),
    Artifact(Furniture),
}

impl Default for Tag {
    fn default() -> Tag {
        Tag::Content(Vec::new())
    }
}

impl Tag {
    /// The tag inside `elem`: its path with `elem` put outermost; furniture stays furniture.
    pub fn within(&mut self, elem: &Elem) {
        if let Tag::Content(path) = self {
            path.insert(0, elem.clone());
        }
    }
    /// Whether no element holds it yet.
    pub fn is_bare(&self) -> bool {
        matches!(self, Tag::Content(p) if p.is_empty())
    }
}
