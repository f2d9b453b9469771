//! Laid-out pages: positioned glyph runs, rules and images, plus the outline.

use super::fonts::{ShapedGlyph, Style};
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
    },
    /// A link's area on the page (top-left corner, size) and where it goes:
    /// a link annotation in the reading PDF, nothing on paper.
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        target: LinkTarget,
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

/// An image ready to place: its size on the page and its pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedImage {
    pub width: f32,
    pub height: f32,
    pub image: Printed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub x: f32,
    pub y: f32,
    pub style: Style,
    pub size: f32,
    pub glyphs: Vec<ShapedGlyph>,
    /// The text the glyphs show; glyph clusters index into it.
    pub text: String,
}

impl GlyphRun {
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum::<f32>() * self.size
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
    pub outline: Vec<OutlineEntry>,
    /// Whether the last page is a back cover (it stays last when imposing).
    pub has_back_cover: bool,
    /// Widows, orphans and hyphenation runs of the body pages.
    pub quality: super::paginate::Quality,
}
