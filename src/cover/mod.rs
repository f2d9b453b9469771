//! Covers and images: finding a zine's cover and figures, reading them with
//! limits, and preparing them for print (placed size × dpi, color, grayscale
//! or photocopy) and for the EPUB (within 1600 × 2560 px).
//!
//! [`lookup`] finds the files, [`decode`] reads their headers and, when
//! needed, their pixels into sRGB or gray, [`resample`] scales pixels,
//! [`process`] decides what each use needs, dithers and encodes;
//! [`type_only`] draws the EPUB cover of a zine without an image. A file that
//! needs no change is used as it is. The typesetter decides where images go;
//! the PDF and EPUB writers only embed what is made here.

pub mod decode;
mod flat;
pub mod halftone;
pub mod lookup;
pub mod process;
pub mod resample;
pub mod type_only;

use crate::document::{plain_text, Block, Document};
use image::{GrayImage, RgbImage};
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

pub use lookup::Assets;

/// How the front cover is designed (`cover = "…"` in a layout file,
/// `cover_design = "…"` in a zine's table).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CoverDesign {
    /// The image fills the page; the title sits over it in a white box.
    FullBleed,
    /// The image in the upper part of the page, the title set below it.
    #[default]
    Framed,
    /// No image: a typographic cover made from the title's letters.
    TypeOnly,
}

/// How images are prepared for print (`print = "…"` in a layout file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrintMode {
    /// sRGB as decoded.
    #[default]
    Color,
    /// Shades of gray.
    Grayscale,
    /// Pure black and white, halftoned at the print resolution, so a
    /// photocopier reproduces it without muddy grays.
    Photocopy,
}

/// Decoded pixels: 8-bit sRGB or 8-bit gray, alpha flattened onto white.
#[derive(Clone, PartialEq)]
pub enum Pixels {
    Gray(GrayImage),
    Rgb(RgbImage),
}

impl Pixels {
    pub fn dimensions(&self) -> (u32, u32) {
        match self {
            Pixels::Gray(g) => g.dimensions(),
            Pixels::Rgb(c) => c.dimensions(),
        }
    }
}

/// The file formats zinepress reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
    WebP,
}

/// What an image file's header says, read without decoding its pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub format: Format,
    /// Width and height as shown, after the EXIF orientation.
    pub width: u32,
    pub height: u32,
    /// The EXIF orientation turns or mirrors the stored pixels.
    pub turned: bool,
    /// The pixels are 8-bit gray or RGB without alpha (for a JPEG: baseline or
    /// progressive, 8-bit, one or three components), so the file's bytes can
    /// be embedded as they are wherever no other change is needed.
    pub plain: bool,
    /// One channel of gray.
    pub gray: bool,
}

impl Header {
    /// The file can go into an EPUB or PDF unchanged: a PNG or JPEG with
    /// plain pixels, shown the way it is stored.
    pub fn embeddable(&self) -> bool {
        self.plain && !self.turned && matches!(self.format, Format::Png | Format::Jpeg)
    }
}

/// An image file as read: its bytes and header.
#[derive(Clone, PartialEq)]
pub struct Original {
    pub bytes: Arc<Vec<u8>>,
    pub header: Header,
}

/// Decoded pixels and what they look like.
#[derive(Clone, PartialEq)]
pub struct Decoded {
    pub pixels: Arc<Pixels>,
    /// Flat art (few colors, or a PNG that compresses far: drawings,
    /// diagrams; see [`flat`]) rather than a photo: kept lossless, which
    /// keeps its edges, instead of JPEG.
    pub flat: bool,
}

/// A cover or figure: the file, read once per zine, its pixels decoded once
/// (and only when something needs them), and the print images made from it,
/// kept so that layouts asking for the same one share it. Once every print
/// image that reads the pixels is made, [`Picture::forget_pixels`] lets the
/// pixels go; once the last layout of a print mode is typeset,
/// [`Picture::forget_prints`] lets its print images go.
pub struct Picture {
    pub file: PathBuf,
    /// The file's bytes and header; `None` for pixels made in memory.
    pub original: Option<Original>,
    width: u32,
    height: u32,
    decoded: Mutex<Option<Result<Decoded, String>>>,
    prints: Mutex<Vec<(process::PrintKey, Arc<PrintImage>)>>,
}

impl Picture {
    /// A picture of a file's bytes whose header has been read; the pixels are decoded when first needed.
    pub fn from_file(file: PathBuf, bytes: Vec<u8>, header: Header) -> Picture {
        let original = Some(Original {
            bytes: Arc::new(bytes),
            header,
        });
        Picture {
            file,
            original,
            width: header.width,
            height: header.height,
            decoded: Mutex::default(),
            prints: Mutex::default(),
        }
    }

    /// A picture of pixels already in memory.
    pub fn from_pixels(file: PathBuf, pixels: Pixels) -> Picture {
        let (width, height) = pixels.dimensions();
        let flat = decode::is_flat(&pixels);
        let decoded = Mutex::new(Some(Ok(Decoded {
            pixels: Arc::new(pixels),
            flat,
        })));
        Picture {
            file,
            original: None,
            width,
            height,
            decoded,
            prints: Mutex::default(),
        }
    }

    /// Width and height as shown.
    pub fn dimensions(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// The decoded pixels, decoding the file on the first call (or the first
    /// after [`Picture::forget_pixels`]). The error says what is wrong; the
    /// caller names the file.
    pub fn decoded(&self) -> Result<Decoded, String> {
        // One zine's outputs may ask at once: the lock makes them wait for one decoding.
        let mut slot = self.decoded.lock().unwrap_or_else(|e| e.into_inner());
        let result = slot.get_or_insert_with(|| {
            let original = self
                .original
                .as_ref()
                .ok_or_else(|| "the image has no pixels".to_string())?;
            let pixels = decode::decode(&original.bytes)?;
            let flat =
                flat::flat_png(&original.bytes, &original.header) || decode::is_flat(&pixels);
            Ok(Decoded {
                pixels: Arc::new(pixels),
                flat,
            })
        });
        result.clone()
    }

    /// Lets go of the decoded pixels once nothing more will be made from
    /// them. The print images made so far stay kept for the layouts still to
    /// find them ([`Picture::forget_prints`] lets them go). A picture read
    /// from a file decodes it again if asked later; one made in memory keeps
    /// its pixels.
    pub fn forget_pixels(&self) {
        if self.original.is_some() {
            *self.decoded.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }

    /// Lets go of the kept print images in `mode`, once no layout still to be
    /// typeset prints in it (the pages that show one keep it).
    pub fn forget_prints(&self, mode: PrintMode) {
        self.prints
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(key, _)| key.mode() != mode);
    }

    /// Whether the pixels are decoded (and kept).
    #[cfg(test)]
    pub fn decoded_yet(&self) -> bool {
        self.decoded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// The print image made for `key`, made by `make` the first time it is asked for.
    fn print_image(
        &self,
        key: process::PrintKey,
        make: impl FnOnce() -> anyhow::Result<PrintImage>,
    ) -> anyhow::Result<Arc<PrintImage>> {
        // One zine is built on one thread; the lock only makes the memo shareable.
        let mut prints = self.prints.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, made)) = prints.iter().find(|(k, _)| *k == key) {
            return Ok(made.clone());
        }
        let made = Arc::new(make()?);
        prints.push((key, made.clone()));
        Ok(made)
    }
}

impl PartialEq for Picture {
    fn eq(&self, other: &Picture) -> bool {
        self.file == other.file
            && self.original == other.original
            && self.dimensions() == other.dimensions()
    }
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (w, h) = self.dimensions();
        write!(f, "Picture({}, {w}×{h})", self.file.display())
    }
}

/// How image bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Png,
    Jpeg,
}

impl Encoding {
    pub fn media_type(self) -> &'static str {
        match self {
            Encoding::Png => "image/png",
            Encoding::Jpeg => "image/jpeg",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Png => "png",
            Encoding::Jpeg => "jpg",
        }
    }
}

/// Image bytes for the EPUB: the file as it is, or re-encoded.
#[derive(Clone, PartialEq)]
pub struct Encoded {
    pub data: Arc<Vec<u8>>,
    pub encoding: Encoding,
    pub width: u32,
    pub height: u32,
}

impl std::fmt::Debug for Encoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Encoded({:?}, {}×{}, {} bytes)",
            self.encoding,
            self.width,
            self.height,
            self.data.len()
        )
    }
}

/// The pixels of a print image, as the PDF writer embeds them.
#[derive(Clone, PartialEq)]
pub enum PrintData {
    /// JPEG bytes, embedded as they are: the original file, or encoded here.
    Jpeg(Arc<Vec<u8>>),
    /// 8-bit gray or RGB pixels, for the PDF writer to compress losslessly.
    Pixels(Arc<Pixels>),
    /// A PNG file's compressed samples as they are, `colors` channels of 8
    /// bits (its image data: rows led by their filter bytes, which PDF reads
    /// with `/Predictor 15`), for pixels shown as stored: nothing decoded.
    Samples { data: Arc<Vec<u8>>, colors: u8 },
}

/// An image made for print: in the print mode, at the print resolution.
pub struct PrintImage {
    pub width: u32,
    pub height: u32,
    pub data: PrintData,
    /// Two levels only (photocopy): drawn without smoothing.
    pub bilevel: bool,
    /// The file it was made from, for messages.
    pub file: PathBuf,
    /// Tells this image apart from the zine's other print images (the PDF
    /// writer embeds images with the same id once).
    pub id: u64,
    /// The PNG file these pixels are, unchanged, when they are exactly its
    /// pixels: the PDF writer may embed its compressed samples as they are.
    pub png: Option<Arc<Vec<u8>>>,
    /// What the PDF writer made of these pixels (compressed, ready to embed),
    /// kept so that every PDF of the zine reuses it. Its type is the writer's
    /// business; this module only keeps it.
    pub embedded: OnceLock<Box<dyn Any + Send + Sync>>,
}

impl PrintImage {
    pub fn new(
        width: u32,
        height: u32,
        data: PrintData,
        bilevel: bool,
        file: PathBuf,
        id: u64,
    ) -> PrintImage {
        PrintImage {
            width,
            height,
            data,
            bilevel,
            file,
            id,
            png: None,
            embedded: OnceLock::new(),
        }
    }

    /// The same image, noting the PNG file its pixels are exactly.
    pub fn from_png(mut self, png: Arc<Vec<u8>>) -> PrintImage {
        self.png = Some(png);
        self
    }
}

impl PartialEq for PrintImage {
    fn eq(&self, other: &PrintImage) -> bool {
        (self.width, self.height, self.bilevel, self.id, &self.file)
            == (
                other.width,
                other.height,
                other.bilevel,
                other.id,
                &other.file,
            )
            && self.data == other.data
    }
}

impl std::fmt::Debug for PrintImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.data {
            PrintData::Jpeg(b) => format!("JPEG, {} bytes", b.len()),
            PrintData::Pixels(p) if matches!(**p, Pixels::Gray(_)) => "gray pixels".to_string(),
            PrintData::Pixels(_) => "RGB pixels".to_string(),
            PrintData::Samples { data, colors } => {
                format!("PNG samples, {colors} channels, {} bytes", data.len())
            }
        };
        write!(
            f,
            "PrintImage({}×{}, {kind}, bilevel: {})",
            self.width, self.height, self.bilevel
        )
    }
}

/// What a layout places: a print image, shared by every layout that needs the
/// same one, and the part of it that shows (the rest is clipped away).
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    pub image: Arc<PrintImage>,
    pub shown: process::Crop,
}

/// The back-cover blurb: the configured one, else the description, else the
/// opening of the first paragraph, cut at a sentence (or word) end near `max_words`.
pub fn blurb(doc: &Document, configured: Option<&str>, max_words: usize) -> Option<String> {
    let pick = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(b) = configured.and_then(pick) {
        return Some(b);
    }
    if let Some(d) = doc.meta.description.as_deref().and_then(pick) {
        return Some(shorten(&d, max_words));
    }
    let first = doc.blocks.iter().find_map(|b| match b {
        Block::Paragraph(p) => Some(plain_text(p)).filter(|t| t.split_whitespace().count() >= 8),
        _ => None,
    })?;
    Some(shorten(strip_label(&first), max_words))
}

/// A paragraph's text without a leading "Summary:" or "Abstract:" label.
fn strip_label(text: &str) -> &str {
    for label in ["Summary:", "Abstract:", "Summary.", "Abstract."] {
        if let Some(rest) = text.trim_start().strip_prefix(label) {
            return rest.trim_start();
        }
    }
    text
}

/// The text cut to at most `max_words` words: at the last sentence end when
/// one falls in the second half, else at a word, with an ellipsis.
pub fn shorten(text: &str, max_words: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= max_words {
        return words.join(" ");
    }
    let kept = &words[..max_words];
    let sentence_end = (max_words / 2..max_words).rev().find(|&i| {
        kept[i].ends_with(['.', '!', '?']) || kept[i].ends_with(".”") || kept[i].ends_with("?”")
    });
    match sentence_end {
        Some(i) => kept[..=i].join(" "),
        None => format!("{}…", kept.join(" ").trim_end_matches([',', ';', ':', '—'])),
    }
}

/// The EPUB images of a zine: the cover and every figure, encoded for e-readers.
#[derive(Debug, Clone, Default)]
pub struct EpubImages {
    pub cover: Option<Encoded>,
    /// By `src` as written in the source.
    pub figures: BTreeMap<String, Encoded>,
}

impl EpubImages {
    pub fn new(assets: &Assets) -> anyhow::Result<EpubImages> {
        let cover = assets.cover.as_deref().map(process::for_epub).transpose()?;
        let mut figures = BTreeMap::new();
        for (src, pic) in &assets.figures {
            figures.insert(src.clone(), process::for_epub(pic)?);
        }
        Ok(EpubImages { cover, figures })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;

    #[test]
    fn blurb_prefers_the_configured_text_then_description_then_first_paragraph() {
        let mut doc = Document::default();
        doc.blocks
            .push(Block::heading(1, vec![Inline::Text("Head".into())]));
        doc.blocks
            .push(Block::Paragraph(vec![Inline::Text("Short.".into())]));
        doc.blocks.push(Block::Paragraph(vec![Inline::Text(
            "One two three four five six seven eight. Nine ten eleven.".into(),
        )]));
        assert_eq!(blurb(&doc, Some("  Mine. "), 10).as_deref(), Some("Mine."));
        assert_eq!(
            blurb(&doc, None, 10).as_deref(),
            Some("One two three four five six seven eight.")
        );
        doc.blocks[2] = Block::Paragraph(vec![Inline::Text(
            "Summary: one two three four five six seven eight.".into(),
        )]);
        assert_eq!(
            blurb(&doc, None, 10).as_deref(),
            Some("one two three four five six seven eight.")
        );
        doc.meta.description = Some("About it.".into());
        assert_eq!(blurb(&doc, None, 10).as_deref(), Some("About it."));
        assert_eq!(blurb(&Document::default(), None, 10), None);
    }

    #[test]
    fn shorten_cuts_at_sentence_or_word() {
        assert_eq!(shorten("a b c", 5), "a b c");
        assert_eq!(shorten("a b c. d e f g", 5), "a b c.");
        assert_eq!(shorten("a b c d, e f g", 5), "a b c d, e…");
        assert_eq!(shorten("a b c d e, f g", 5), "a b c d e…");
    }
}
