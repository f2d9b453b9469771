//! Writing PDF: laid-out pages as they are, or placed on sheets.
//!
//! This module draws what [`crate::typeset`] laid out and what
//! [`crate::impose`] computed; it makes no layout decisions of its own.
//! [`write_pages`] writes one PDF page per page and [`write_imposed`] places
//! pages on imposed sheets, both with zinepress's own writer (`write`, on
//! pdf-writer and subsetter); [`embed`] places the pages of a PDF made
//! elsewhere on sheets (`sheets`), still with krilla.

pub mod embed;
mod sheets;
mod tags;
mod text;
mod write;

pub use write::write_imposed;

use text::draw_run;

use crate::document::Metadata;
use crate::typeset::fonts::{FaceId, Fonts};
use crate::typeset::page::Typeset;
use anyhow::{anyhow, Result};
use krilla::color::rgb;
use krilla::configure::{ConfigurationBuilder, PdfVersion};
use krilla::geom::{PathBuilder, Rect};
use krilla::metadata::DateTime;
use krilla::paint::{LineCap, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::Font;
use krilla::{Document, SerializeSettings};
use std::cell::RefCell;
use std::collections::HashMap;

/// The krilla fonts of a document, one per face used, made as they are needed.
struct PdfFonts(RefCell<HashMap<FaceId, Option<Font>>>);

impl PdfFonts {
    /// Checks that krilla reads the family's faces (fallback faces are checked when used).
    fn new(fonts: &Fonts) -> Result<PdfFonts> {
        let map = PdfFonts(RefCell::new(HashMap::new()));
        for (style, face) in fonts.faces() {
            let font = Font::new(face.data.into(), face.index)
                .ok_or_else(|| anyhow!("{}: krilla cannot read this font", face.file.display()))?;
            map.0
                .borrow_mut()
                .insert(FaceId::primary(style), Some(font));
        }
        Ok(map)
    }

    /// The krilla font of face `id`; `None` when krilla cannot read a fallback face.
    fn get(&self, fonts: &Fonts, id: FaceId) -> Option<Font> {
        let id = if id.family == 0 {
            FaceId::primary(fonts.resolved(id.style))
        } else {
            id
        };
        self.0
            .borrow_mut()
            .entry(id)
            .or_insert_with(|| {
                let face = fonts.face_of(id);
                Font::new(face.data.into(), face.index)
            })
            .clone()
    }
}

/// An empty document with XMP metadata, written as `version` (PDF 1.7 unless
/// an embedded PDF needs 2.0), its content streams compressed or not.
fn empty_document(version: PdfVersion, compress: bool) -> Document {
    let configuration = ConfigurationBuilder::new()
        .with_version(version)
        .finish()
        .unwrap_or_default();
    document_with(configuration, compress)
}

fn document_with(configuration: krilla::configure::Configuration, compress: bool) -> Document {
    Document::new_with(SerializeSettings {
        xmp_metadata: true,
        configuration,
        compress_content_streams: compress,
        ..SerializeSettings::default()
    })
}

/// Writes laid-out pages as a tagged PDF, one PDF page per page: see
/// [`write_pages_checked`]; the warning is dropped.
pub fn write_pages(set: &Typeset, meta: &Metadata, fonts: &Fonts) -> Result<Vec<u8>> {
    write_pages_checked(set, meta, fonts).map(|(pdf, _)| pdf)
}

/// Writes laid-out pages as a tagged PDF, one PDF page per page, with
/// zinepress's own writer ([`write`]): the structure tree follows the
/// typesetter's tags, in reading order. A PDF that PDF/UA-1 forbids
/// (characters the fonts lack, the one check the layout cannot pass by
/// itself) is written tagged but without the PDF/UA-1 claim, and the warning
/// says what failed: never a silent downgrade.
pub fn write_pages_checked(
    set: &Typeset,
    meta: &Metadata,
    fonts: &Fonts,
) -> Result<(Vec<u8>, Option<String>)> {
    write::write_reading(set, meta, fonts)
}

fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(Rect::from_xywh(x, y, w, h)?);
    pb.finish()
}

fn draw_line(surface: &mut Surface, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, dashed: bool) {
    let mut pb = PathBuilder::new();
    pb.move_to(x1, y1);
    pb.line_to(x2, y2);
    let Some(path) = pb.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: rgb::Color::black().into(),
        width,
        line_cap: LineCap::Butt,
        dash: dashed.then(|| StrokeDash {
            array: vec![3.0, 3.0],
            offset: 0.0,
        }),
        ..Default::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// A PDF date from Unix seconds (UTC).
fn pdf_date(secs: i64) -> DateTime {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    DateTime::new(y.clamp(0, 9999) as u16)
        .month(m as u8)
        .day(d as u8)
        .hour((rem / 3600) as u8)
        .minute((rem % 3600 / 60) as u8)
        .second((rem % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
