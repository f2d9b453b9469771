//! The EPUB cover of a zine without a cover image: the printed type-only
//! cover (the title's letters, the title, subtitle, rule and authors in the
//! project's fonts), set by the typesetter and drawn by [`crate::raster`]
//! as a 1600 × 2560 gray PNG.

use super::{Encoded, Encoding};
use crate::document::Document;
use crate::layout::Layout;
use crate::raster::page_gray_png;
use crate::typeset::{fonts::Fonts, type_only_cover};
use crate::units::{Length, Size};
use anyhow::{Context, Result};
use std::sync::Arc;

/// The cover's size in pixels: what Kindle's store recommends (1:1.6).
pub const WIDTH: u32 = 1600;
pub const HEIGHT: u32 = 2560;

/// The page the cover is set on: the reading layout's width, margins and
/// type, made as tall as the picture's proportions ask.
pub fn cover_layout(reading: &Layout) -> Layout {
    let width = reading.page.width.0;
    let page = Size {
        width: Length(width),
        height: Length(width * HEIGHT as f32 / WIDTH as f32),
    };
    Layout {
        page,
        impose: None,
        ..reading.clone()
    }
}

/// The type-only cover of `doc` as a PNG, set as on `reading`'s pages.
pub fn epub_cover(doc: &Document, reading: &Layout, fonts: &Fonts) -> Result<Encoded> {
    let layout = cover_layout(reading);
    let page = type_only_cover(doc, &layout, fonts)?;
    let (data, width, height) = page_gray_png(&page, fonts, WIDTH as f32 / layout.page.width.0)
        .context("drawing the type-only cover")?;
    Ok(Encoded {
        data: Arc::new(data),
        encoding: Encoding::Png,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LayoutSet, READING_LAYOUT};

    #[test]
    fn the_cover_is_kindle_sized_small_and_stable() {
        let layouts = LayoutSet::load(None).unwrap();
        let fonts = Fonts::load(None).unwrap();
        let mut doc = Document::default();
        doc.meta.title = "Mutual Aid in a Time of Storms".into();
        doc.meta.subtitle = Some("Notes from the flood".into());
        doc.meta.authors = vec!["R. Ortiz".into()];
        let reading = layouts.get(READING_LAYOUT).unwrap();
        let a = epub_cover(&doc, reading, &fonts).unwrap();
        assert_eq!((a.width, a.height), (WIDTH, HEIGHT));
        assert!(a.data.len() < 150_000, "{} bytes", a.data.len());
        let b = epub_cover(&doc, reading, &fonts).unwrap();
        assert_eq!(a.data, b.data);
        let img = image::load_from_memory(&a.data).unwrap().to_luma8();
        assert_eq!(img.dimensions(), (WIDTH, HEIGHT));
        // Type in black on white, with anti-aliased edges between.
        assert!(img.pixels().any(|p| p.0[0] == 0) && img.pixels().any(|p| p.0[0] == 255));
        assert!(img.pixels().any(|p| p.0[0] > 0 && p.0[0] < 255));
    }
}
