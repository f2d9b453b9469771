//! Covers and images: finding a zine's cover and figures, decoding them with
//! limits, and preparing their pixels for print (placed size × dpi, color,
//! grayscale or photocopy) and for the EPUB (longest side ≤ 1600 px).
//!
//! [`lookup`] finds the files, [`decode`] reads them safely into sRGB or gray
//! pixels, [`process`] resamples, dithers and encodes. The typesetter decides
//! where images go; the PDF and EPUB writers only embed the bytes made here.

pub mod decode;
pub mod lookup;
pub mod process;

use crate::document::{plain_text, Block, Document};
use image::{GrayImage, RgbImage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
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

/// A decoded image and where it came from.
#[derive(Clone, PartialEq)]
pub struct Picture {
    pub file: PathBuf,
    pub pixels: Pixels,
    /// Flat art (few colors: drawings, diagrams) rather than a photo: encoded
    /// as PNG, which keeps its edges, instead of JPEG.
    pub flat: bool,
}

impl Picture {
    pub fn dimensions(&self) -> (u32, u32) {
        self.pixels.dimensions()
    }
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (w, h) = self.dimensions();
        write!(f, "Picture({}, {w}×{h}, flat: {})", self.file.display(), self.flat)
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

/// Image bytes ready to embed: what the PDF writer draws and the EPUB packages.
#[derive(Clone, PartialEq)]
pub struct Encoded {
    pub data: Arc<Vec<u8>>,
    pub encoding: Encoding,
    pub width: u32,
    pub height: u32,
    /// Two levels only (photocopy): drawn without smoothing.
    pub bilevel: bool,
}

impl std::fmt::Debug for Encoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Encoded({:?}, {}×{}, {} bytes)", self.encoding, self.width, self.height, self.data.len())
    }
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
    let sentence_end = (max_words / 2..max_words).rev().find(|&i| kept[i].ends_with(['.', '!', '?']) || kept[i].ends_with(".”") || kept[i].ends_with("?”"));
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
        doc.blocks.push(Block::Heading { level: 1, content: vec![Inline::Text("Head".into())] });
        doc.blocks.push(Block::Paragraph(vec![Inline::Text("Short.".into())]));
        doc.blocks.push(Block::Paragraph(vec![Inline::Text("One two three four five six seven eight. Nine ten eleven.".into())]));
        assert_eq!(blurb(&doc, Some("  Mine. "), 10).as_deref(), Some("Mine."));
        assert_eq!(blurb(&doc, None, 10).as_deref(), Some("One two three four five six seven eight."));
        doc.blocks[2] = Block::Paragraph(vec![Inline::Text("Summary: one two three four five six seven eight.".into())]);
        assert_eq!(blurb(&doc, None, 10).as_deref(), Some("one two three four five six seven eight."));
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
