//! Step 1 of reading a PDF: interpret each page's content stream and keep every
//! glyph's text, position, size and font (a `hayro_interpret::Device` that draws nothing).
//! A marked span with `/ActualText` (small capitals, ligatures) stands for its glyphs.
//! Type 3 glyphs get their codes from [`super::type3`].

use hayro_interpret::font::Glyph as PdfGlyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::{
    BlendMode, CacheKey, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, TransformExt,
};
use hayro_syntax::content::ops::TypedInstruction;
use hayro_syntax::object::{Dict, Object};
use hayro_syntax::page::Page;
use hayro_syntax::Pdf;
use kurbo::{Affine, BezPath, Point, Rect, Vec2};

use super::type3::Pairing;

/// One drawn glyph, in page coordinates with y growing downwards (points).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The text the glyph stands for; empty when the font gives none.
    pub text: String,
    /// Left end of the glyph's baseline.
    pub x: f64,
    /// The baseline, from the top of the page.
    pub y: f64,
    /// How far the glyph advances the pen (its width).
    pub width: f64,
    /// The font size as drawn (the height of the em).
    pub size: f64,
    /// Which font drew it (equal keys: same font).
    pub font: u128,
    /// That font is a bold face (see [`super::weight`]).
    pub bold: bool,
}

/// The glyphs of one page, and what else it drew.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    /// Glyphs whose font gives no Unicode text for them.
    pub unmapped: usize,
    /// Pictures drawn on the page (a scan shows as pictures and no text).
    pub images: usize,
}

/// Interprets every page of `pdf`.
pub fn read_pages(pdf: &Pdf) -> Vec<PageGlyphs> {
    pdf.pages()
        .iter()
        .map(|page| {
            let cache = InterpreterCache::new();
            let (w, h) = page.render_dimensions();
            let settings = InterpreterSettings {
                render_annotations: false,
                ..InterpreterSettings::default()
            };
            let mut context = Context::new(
                page.initial_transform(true).to_kurbo(),
                Rect::new(0.0, 0.0, w as f64, h as f64),
                &cache,
                pdf.xref(),
                settings,
            );
            let mut collector = Collector {
                page: PageGlyphs {
                    width: w as f64,
                    height: h as f64,
                    ..PageGlyphs::default()
                },
                marks: marks_of(page),
                bold: super::weight::bold_fonts(page),
                next_mark: 0,
                open: Vec::new(),
                type3: Pairing::new(super::type3::shown_on(page)),
                filled: Vec::new(),
            };
            hayro_interpret::interpret_page(page, &mut context, &mut collector);
            if !collector.type3.held() {
                collector.unfill();
            }
            collector.page
        })
        .collect()
}

struct Collector {
    page: PageGlyphs,
    /// The page stream's marked-content openings in order: tag and ActualText.
    marks: Vec<(Vec<u8>, Option<String>)>,
    /// The keys of the page's bold fonts, sorted.
    bold: Vec<u128>,
    next_mark: usize,
    /// Open spans: the ActualText's glyph (index in `page.glyphs`, once drawn), or
    /// `None` for a span without one.
    open: Vec<Option<Span>>,
    /// The codes of the page's Type 3 glyphs, paired with the glyphs drawn.
    type3: Pairing,
    /// The Type 3 glyphs given a font, a width and maybe a text by that
    /// pairing: index in `page.glyphs`, the width guessed without it, and
    /// whether the text came from it (taken back if the pairing fails).
    filled: Vec<(usize, f64, bool)>,
}

impl Collector {
    /// Takes back what a failed pairing gave Type 3 glyphs.
    fn unfill(&mut self) {
        for &(i, guess, text) in &self.filled {
            let g = &mut self.page.glyphs[i];
            g.width = guess;
            g.font = 0;
            g.bold = false;
            if text {
                g.text.clear();
                self.page.unmapped += 1;
            }
        }
        self.filled.clear();
    }
}

#[derive(Clone, Copy)]
struct Span {
    mark: usize,
    glyph: Option<usize>,
}

/// The marked-content openings (BMC, BDC) of a page's own stream, in order, with the
/// `/ActualText` of each that has one.
fn marks_of(page: &Page<'_>) -> Vec<(Vec<u8>, Option<String>)> {
    let mut out = Vec::new();
    let mut ops = page.typed_operations();
    while let Some(op) = ops.next() {
        match op {
            TypedInstruction::BeginMarkedContent(b) => out.push((b.0.to_vec(), None)),
            TypedInstruction::BeginMarkedContentWithProperties(b) => {
                let dict = match b.1 {
                    Object::Dict(d) => Some(d.clone()),
                    Object::Name(n) => page.resources().properties.get::<Dict<'_>>(n.as_ref()),
                    _ => None,
                };
                let actual = dict
                    .and_then(|d| d.get::<hayro_syntax::object::String<'_>>(b"ActualText"))
                    .map(|t| text_string(t.as_bytes()));
                out.push((b.0.to_vec(), actual));
            }
            _ => {}
        }
    }
    out
}

/// A PDF text string: UTF-16BE after its byte-order mark, else (close enough)
/// Latin-1 for PDFDocEncoding.
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// The font size a glyph transform draws at: the length of its em's vertical side
/// (glyph space is 1000 units to the em).
pub fn size_of(full: Affine) -> f64 {
    let c = full.as_coeffs();
    (c[2] * c[2] + c[3] * c[3]).sqrt() * 1000.0
}

/// The horizontal distance a glyph advance of `units` (of 1000 to the em) covers.
pub fn advance_of(full: Affine, units: f64) -> f64 {
    let v = full * Point::new(units, 0.0) - full * Point::ORIGIN;
    Vec2::new(v.x, v.y).length()
}

impl<'a> Device<'a> for Collector {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {
        self.page.images += 1;
    }

    fn begin_marked_content(&mut self, tag: &[u8], _: Option<i32>) {
        // Spans of form XObjects are not in the page's list: they match no entry.
        let span = match self.marks.get(self.next_mark) {
            Some((t, actual)) if t == tag => {
                self.next_mark += 1;
                actual.as_ref().map(|_| Span {
                    mark: self.next_mark - 1,
                    glyph: None,
                })
            }
            _ => None,
        };
        self.open.push(span);
    }

    fn end_marked_content(&mut self) {
        self.open.pop();
    }

    fn draw_glyph(
        &mut self,
        glyph: &PdfGlyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        let full = transform * glyph_transform;
        let origin = full * Point::ORIGIN;
        let size = size_of(full);
        if !(origin.x.is_finite() && origin.y.is_finite() && size.is_finite()) || size <= 0.0 {
            return;
        }
        // A Type 3 glyph's code, read from the content stream.
        let code = match glyph {
            PdfGlyph::Outline(_) => None,
            PdfGlyph::Type3(g) => self.type3.next(g.cache_key()),
        };
        let known = match glyph {
            PdfGlyph::Outline(g) => g.advance_width().map(f64::from),
            PdfGlyph::Type3(_) => code.as_ref().and_then(|c| c.advance()),
        }
        .filter(|u| u.is_finite() && *u > 0.0);
        // Unknown: half an em, the width of an average letter.
        let guess = advance_of(full, 500.0);
        let width = known.map_or(guess, |u| advance_of(full, u));
        let font = match (glyph, &code) {
            (PdfGlyph::Outline(g), _) => g.font_cache_key(),
            (PdfGlyph::Type3(_), Some(c)) => c.font.key,
            (PdfGlyph::Type3(_), None) => 0,
        };
        let bold = self.bold.binary_search(&font).is_ok();
        let placed = |text: String| Glyph {
            text,
            x: origin.x,
            y: origin.y,
            width,
            size,
            font,
            bold,
        };
        // Inside an ActualText span, the span's first glyph carries its text and
        // the others widen it.
        if let Some(span) = self.open.iter_mut().rev().find_map(|s| s.as_mut()) {
            match span.glyph {
                Some(i) => {
                    let g = &mut self.page.glyphs[i];
                    g.width = g.width.max(origin.x + width - g.x);
                }
                None => {
                    span.glyph = Some(self.page.glyphs.len());
                    let text = self.marks[span.mark].1.clone().unwrap_or_default();
                    if code.is_some() {
                        self.filled.push((self.page.glyphs.len(), guess, false));
                    }
                    self.page.glyphs.push(placed(text));
                }
            }
            return;
        }
        // ToUnicode first, then (Type 3) the encoding's glyph names.
        let mut from_code = false;
        let text = match glyph.as_unicode() {
            Some(BfString::Char(c)) => c.to_string(),
            Some(BfString::String(s)) => s,
            None => match code.as_ref().and_then(|c| c.text()) {
                Some(t) => {
                    from_code = true;
                    t.to_string()
                }
                None => String::new(),
            },
        };
        if text.is_empty() {
            self.page.unmapped += 1;
        }
        if code.is_some() {
            self.filled.push((self.page.glyphs.len(), guess, from_code));
        }
        self.page.glyphs.push(placed(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_are_utf16_with_a_mark_or_latin1() {
        assert_eq!(text_string(b"\xfe\xff\x00W\x00a"), "Wa");
        assert_eq!(text_string(b"caf\xe9"), "café");
    }

    #[test]
    fn size_and_advance_follow_the_transform() {
        // A 12 pt font: glyph space scaled by 12/1000, y flipped.
        let full = Affine::new([0.012, 0.0, 0.0, -0.012, 72.0, 100.0]);
        assert!((size_of(full) - 12.0).abs() < 1e-9);
        assert!((advance_of(full, 500.0) - 6.0).abs() < 1e-9);
    }
}
