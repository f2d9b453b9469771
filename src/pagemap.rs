//! Where each page of the reading PDF begins in the document: what carries
//! "page 12" from the typeset pages to the EPUB's page-break markers.
//!
//! The build driver makes a [`PageMap`] from the reading copy's typeset
//! pages and hands it to the EPUB writer; the EPUB writer never typesets.

use crate::typeset::page::{PageKind, Typeset};

/// Where a printed page begins in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStart {
    /// The title page (the front cover).
    TitlePage,
    /// Within top-level block `i` of the document's blocks (at its start or
    /// inside it: the page begins in the block that runs onto it). An index
    /// past the last block is a page after the text (printed notes, the
    /// list of link addresses).
    Block(usize),
    /// The colophon (the back cover).
    Colophon,
}

/// The printed page numbers of the reading PDF and where each page begins.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageMap {
    /// What the page numbers are of, named in the EPUB's metadata.
    pub source: String,
    /// Page number (as printed, and as the PDF labels it) and its start, in page order.
    pub pages: Vec<(String, PageStart)>,
}

impl PageMap {
    /// The map of typeset pages: every page that has a place in the
    /// document. Contents pages have none (the EPUB's contents is its
    /// navigation), nor have blank pages.
    pub fn of(set: &Typeset, source: String) -> PageMap {
        let pages = set
            .pages
            .iter()
            .enumerate()
            .filter_map(|(i, page)| {
                let start = match page.kind {
                    PageKind::Title => PageStart::TitlePage,
                    PageKind::Body => PageStart::Block(set.page_blocks.get(i).copied().flatten()?),
                    PageKind::Colophon => PageStart::Colophon,
                    PageKind::Contents | PageKind::Blank => return None,
                };
                Some(((i + 1).to_string(), start))
            })
            .collect();
        PageMap { source, pages }
    }
}
