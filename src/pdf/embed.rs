//! Imposing a PDF made elsewhere: its pages embedded whole and placed on sheets.
//!
//! [`SourcePdf::open`] reads the file with hayro-syntax and refuses what
//! cannot be imposed faithfully: not a PDF, cut short, encrypted, damaged, no
//! pages, pages of impossible sizes. Each page then goes into its cell as a
//! Form XObject, its content stream copied as stored ([`copy`]), scaled
//! uniformly to fit the layout's page and centred ([`fit`]), through the same
//! sheet writer as typeset pages (`write::sheets`).

use super::write::{self, Affine, SheetsDoc};
use crate::document::Metadata;
use crate::error::Error;
use crate::impose::Imposed;
use crate::typeset::fonts::Fonts;
use anyhow::{anyhow, Result};

mod copy;
use hayro_syntax::object::Dict;
use hayro_syntax::Pdf;
use std::path::{Path, PathBuf};

/// How far `%PDF-` may be from the start, and `%%EOF` from the end.
const MARKER_WINDOW: usize = 1024;
/// The largest page PDF allows (200 inches), in points.
const MAX_PAGE_SIDE: f32 = 14_400.0;
/// Page and cell sizes closer than this (points) count as equal: no scaling.
const SAME_SIZE: f32 = 0.5;

/// A PDF read for imposition, its pages checked.
pub struct SourcePdf {
    path: PathBuf,
    pdf: Pdf,
    /// Each page's size as shown (crop box, turned by /Rotate), in points.
    sizes: Vec<(f32, f32)>,
    /// (major, minor): 2.0 for a PDF 2.0, else 1.7.
    version: (i32, i32),
    title: Option<String>,
    author: Option<String>,
    /// The creation date, in Unix seconds.
    created: Option<i64>,
}

impl std::fmt::Debug for SourcePdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourcePdf")
            .field("path", &self.path)
            .field("pages", &self.sizes.len())
            .finish()
    }
}

impl SourcePdf {
    /// Reads and checks the PDF at `path`; more than `max_pages` pages is an error.
    pub fn open(path: &Path, max_pages: usize) -> Result<SourcePdf, Error> {
        let bytes = std::fs::read(path).map_err(|e| {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file; give the path of a PDF".to_string(),
                _ if path.is_dir() => "is a folder; give the path of a PDF".to_string(),
                _ => format!("cannot read: {e}"),
            };
            Error::input(path, None, why)
        })?;
        SourcePdf::from_bytes(path, bytes, max_pages)
    }

    /// Checks the bytes of a PDF; `path` names it in messages.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>, max_pages: usize) -> Result<SourcePdf, Error> {
        let fail = |message: String| Error::input(path, None, message);
        if bytes.is_empty() {
            return Err(fail("is empty, not a PDF".into()));
        }
        if find(&bytes[..bytes.len().min(MARKER_WINDOW)], b"%PDF-").is_none() {
            return Err(fail("is not a PDF (it does not start with %PDF-); export or print the document to PDF first".into()));
        }
        if find(
            &bytes[bytes.len().saturating_sub(MARKER_WINDOW)..],
            b"%%EOF",
        )
        .is_none()
        {
            return Err(fail(
                "stops before the end of the PDF (no %%EOF at the end): it looks cut short, e.g. by an interrupted download; \
                 get the whole file again, or repair it with `qpdf IN.pdf repaired.pdf`"
                    .into(),
            ));
        }
        let pdf = Pdf::new(bytes).map_err(|e| match e {
            hayro_syntax::LoadPdfError::Decryption(_) => fail(
                "is encrypted (it needs a password to open); decrypt it first, e.g. `qpdf --decrypt --password=PASSWORD IN.pdf plain.pdf`".into(),
            ),
            hayro_syntax::LoadPdfError::Invalid => {
                fail("is damaged: its page tree cannot be found; repair it with `qpdf IN.pdf repaired.pdf` or export it to PDF again".into())
            }
        })?;
        let pages = pdf.pages();
        if pages.is_empty() {
            return Err(fail("has no pages; there is nothing to impose".into()));
        }
        if let Some(count) = declared_page_count(&pdf).filter(|&c| c != pages.len()) {
            return Err(fail(format!(
                "is damaged: its page tree lists {count} pages but {} can be read; repair it with `qpdf IN.pdf repaired.pdf` or export it to PDF again",
                pages.len()
            )));
        }
        if pages.len() > max_pages {
            return Err(fail(format!(
                "has {} pages, over the limit of {max_pages}; split it, or raise max_pages in zinepress.toml",
                pages.len()
            )));
        }
        let mut sizes = Vec::with_capacity(pages.len());
        for (i, page) in pages.iter().enumerate() {
            let (w, h) = page.render_dimensions();
            if !(w.is_finite() && h.is_finite() && w <= MAX_PAGE_SIDE && h <= MAX_PAGE_SIDE) {
                return Err(fail(format!("page {} claims a size of {w} x {h} pt, more than PDF allows; the file is damaged", i + 1)));
            }
            sizes.push((w, h));
        }
        let version = match pdf.version() {
            hayro_syntax::PdfVersion::Pdf20 => (2, 0),
            _ => (1, 7),
        };
        let info = pdf.metadata();
        let title = info
            .title
            .as_deref()
            .map(text_string)
            .filter(|t| !t.trim().is_empty());
        let author = info
            .author
            .as_deref()
            .map(text_string)
            .filter(|t| !t.trim().is_empty());
        let created = info.creation_date.map(|d| unix_seconds(&d));
        Ok(SourcePdf {
            path: path.to_path_buf(),
            pdf,
            sizes,
            version,
            title,
            author,
            created,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The number of pages.
    pub fn pages(&self) -> usize {
        self.sizes.len()
    }

    /// The size of page `index` as shown, in points (width, height).
    pub fn page_size(&self, index: usize) -> Option<(f32, f32)> {
        self.sizes.get(index).copied()
    }
}

/// Where a page sits in its cell, in the cell's points (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub scale: f32,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// A page of size `page` in a cell of size `cell`: scaled by one factor, as
/// large as fits (smaller or larger), and centred; not scaled when the two
/// sizes are the same within half a point.
pub fn fit(page: (f32, f32), cell: (f32, f32)) -> Fit {
    let (pw, ph) = (page.0.max(1.0), page.1.max(1.0));
    let same = (pw - cell.0).abs() <= SAME_SIZE && (ph - cell.1).abs() <= SAME_SIZE;
    let scale = if same {
        1.0
    } else {
        (cell.0 / pw).min(cell.1 / ph)
    };
    let (width, height) = (pw * scale, ph * scale);
    Fit {
        scale,
        x: (cell.0 - width) / 2.0,
        y: (cell.1 - height) / 2.0,
        width,
        height,
    }
}

/// Writes the pages of `source` imposed as `imposed` says (its page count is
/// the source's). With `guide` the PDF opens with a page showing the folding
/// guide. Sheet labels are set in `label_fonts`; without fonts they are left out.
/// The creation date is `date` (Unix seconds) when given, else the source's.
pub fn write_imposed_pdf(
    source: &SourcePdf,
    imposed: &Imposed,
    guide: Option<&[u8]>,
    label_fonts: Option<&Fonts>,
    date: Option<i64>,
) -> Result<Vec<u8>> {
    let title = source.title.clone().unwrap_or_else(|| {
        source
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imposed PDF".into())
    });
    let created = date.or(source.created);
    let meta = Metadata {
        identifier: format!("zinepress impose: {title}, {} pages", source.pages()),
        title,
        authors: source.author.iter().cloned().collect(),
        modified: created.unwrap_or_default(),
        ..Metadata::default()
    };
    let doc = SheetsDoc {
        meta: &meta,
        version: source.version,
        fonts: label_fonts,
        guide,
        dated: created.is_some(),
    };
    // Every page as a Form XObject, with what it uses, numbered from 1.
    let mut refs = write::Refs::default();
    let copied = copy::copy_pages(&source.pdf, &mut refs, write::COMPACT);
    let forms = copied.forms;
    let mut out = copied.chunk;
    let cell = (imposed.page.width.0, imposed.page.height.0);
    write::write_sheets(
        &doc,
        imposed,
        refs,
        &mut out,
        &mut |pc, index, at, sheet| {
            let (Some(page), Some(form)) = (source.page_size(index), forms.get(index)) else {
                return Ok(());
            };
            let placed = fit(page, cell);
            if !(placed.width > 0.0 && placed.height > 0.0) {
                return Ok(());
            }
            // Moved and scaled into the cell, then PDF's y up again, composed as krilla did.
            let form_at = at
                .pre_concat(Affine::translate(placed.x, placed.y))
                .pre_concat(Affine::scale(placed.width / page.0, placed.height / page.1))
                .pre_concat(write::root(page.1));
            pc.forms.push(*form);
            let name = format!("p{}", pc.forms.len() - 1);
            let c = &mut pc.content;
            c.save_state();
            c.transform(write::root(sheet).pre_concat(form_at).matrix());
            c.x_object(pdf_writer::Name(name.as_bytes()));
            c.restore_state();
            Ok(())
        },
    )
    .map_err(|e| {
        anyhow!(
            "{}: the imposed PDF could not be written: {e:#}",
            source.path.display()
        )
    })
}

/// Unix seconds of a PDF date (its UTC offset taken off).
fn unix_seconds(d: &hayro_syntax::object::DateTime) -> i64 {
    let (y, m) = if d.month <= 2 {
        (d.year as i64 - 1, d.month as i64 + 9)
    } else {
        (d.year as i64, d.month as i64 - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d.day.max(1) as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let sign = if d.utc_offset_hour < 0 { -1 } else { 1 };
    let offset = d.utc_offset_hour as i64 * 3600 + sign * d.utc_offset_minute as i64 * 60;
    days * 86_400 + d.hour as i64 * 3600 + d.minute as i64 * 60 + d.second as i64 - offset
}

/// The page count the document's page tree declares (/Root /Pages /Count).
fn declared_page_count(pdf: &Pdf) -> Option<usize> {
    let xref = pdf.xref();
    let root: Dict<'_> = xref.get(xref.root_id())?;
    let pages: Dict<'_> = root.get(b"Pages")?;
    pages
        .get::<i64>(b"Count")
        .and_then(|c| usize::try_from(c).ok())
}

/// A PDF text string: UTF-16BE or UTF-8 with a byte order mark, else
/// PDFDocEncoding (read as Latin-1, which it matches for letters).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| b as char).collect()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn equal_sizes_are_not_scaled() {
        let f = fit((396.0, 612.0), (396.0, 612.0));
        assert_eq!(
            f,
            Fit {
                scale: 1.0,
                x: 0.0,
                y: 0.0,
                width: 396.0,
                height: 612.0
            }
        );
        // Within half a point: the same paper, rounded differently.
        let f = fit((395.8, 612.3), (396.0, 612.0));
        assert_eq!(f.scale, 1.0);
        assert!(close(f.x, 0.1) && close(f.y, -0.15), "{f:?}");
    }

    #[test]
    fn a5_into_half_letter_shrinks_to_the_width_and_centres_vertically() {
        let a5 = (419.53, 595.28);
        let f = fit(a5, (396.0, 612.0));
        assert!(close(f.scale, 396.0 / 419.53), "{f:?}");
        assert!(close(f.width, 396.0) && close(f.x, 0.0), "{f:?}");
        assert!(close(f.height, 595.28 * f.scale), "{f:?}");
        assert!(close(f.y, (612.0 - f.height) / 2.0) && f.y > 0.0, "{f:?}");
    }

    #[test]
    fn small_pages_grow_and_wide_pages_centre_vertically() {
        // A7 into A5: twice as large, exactly filling it.
        let f = fit((209.76, 297.64), (419.53, 595.28));
        assert!(
            close(f.scale, 2.0) && close(f.x, 0.0) && close(f.y, 0.0),
            "{f:?}"
        );
        // A landscape page into a portrait cell: the width decides.
        let f = fit((800.0, 400.0), (400.0, 600.0));
        assert_eq!(
            (f.scale, f.width, f.height, f.x, f.y),
            (0.5, 400.0, 200.0, 0.0, 200.0)
        );
    }

    #[test]
    fn pdf_dates_become_unix_seconds_in_utc() {
        let d = |year, month, day, hour, utc_offset_hour| hayro_syntax::object::DateTime {
            year,
            month,
            day,
            hour,
            minute: 13,
            second: 20,
            utc_offset_hour,
            utc_offset_minute: 0,
        };
        assert_eq!(unix_seconds(&d(2023, 11, 14, 22, 0)), 1_700_000_000);
        assert_eq!(unix_seconds(&d(2023, 11, 15, 0, 2)), 1_700_000_000);
        assert_eq!(unix_seconds(&d(1970, 1, 1, 0, 0)), 800);
        assert_eq!(
            crate::pdf::civil_from_days(unix_seconds(&d(2024, 2, 29, 0, 0)) / 86_400),
            (2024, 2, 29)
        );
    }

    #[test]
    fn text_strings_decode() {
        assert_eq!(text_string(b"Plain"), "Plain");
        assert_eq!(text_string(&[0xFE, 0xFF, 0x00, 0x41, 0x00, 0xE9]), "Aé");
        assert_eq!(text_string(&[0xEF, 0xBB, 0xBF, b'o', b'k']), "ok");
        assert_eq!(text_string(&[b'Z', 0xFC, b'r']), "Zür");
    }

    #[test]
    fn what_is_not_a_whole_pdf_is_refused_with_the_file_named() {
        let path = Path::new("in.pdf");
        let msg = |bytes: &[u8]| {
            SourcePdf::from_bytes(path, bytes.to_vec(), 100)
                .unwrap_err()
                .to_string()
        };
        assert!(msg(b"").contains("in.pdf: is empty"));
        assert!(msg(b"Dear diary,\n").contains("not a PDF"));
        assert!(msg(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog").contains("cut short"));
        let no_pages = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
        assert!(msg(no_pages).contains("no pages"), "{}", msg(no_pages));
    }
}
