//! Step 1 of reading a PDF: interpret each page's content stream and keep every
//! glyph's text, position, size and font (a `hayro_interpret::Device` that draws nothing).

use hayro_interpret::font::Glyph as PdfGlyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, TransformExt,
};
use hayro_syntax::Pdf;
use kurbo::{Affine, BezPath, Point, Rect, Vec2};

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
    let cache = InterpreterCache::new();
    pdf.pages()
        .iter()
        .map(|page| {
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
            };
            hayro_interpret::interpret_page(page, &mut context, &mut collector);
            collector.page
        })
        .collect()
}

struct Collector {
    page: PageGlyphs,
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
        let text = match glyph.as_unicode() {
            Some(BfString::Char(c)) => c.to_string(),
            Some(BfString::String(s)) => s,
            None => String::new(),
        };
        if text.is_empty() {
            self.page.unmapped += 1;
        }
        let units = match glyph {
            PdfGlyph::Outline(g) => g.advance_width().map(f64::from),
            PdfGlyph::Type3(_) => None,
        }
        .filter(|u| u.is_finite() && *u > 0.0)
        // Unknown: half an em, the width of an average letter.
        .unwrap_or(500.0);
        self.page.glyphs.push(Glyph {
            text,
            x: origin.x,
            y: origin.y,
            width: advance_of(full, units),
            size,
            font: match glyph {
                PdfGlyph::Outline(g) => g.font_cache_key(),
                PdfGlyph::Type3(_) => 0,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_and_advance_follow_the_transform() {
        // A 12 pt font: glyph space scaled by 12/1000, y flipped.
        let full = Affine::new([0.012, 0.0, 0.0, -0.012, 72.0, 100.0]);
        assert!((size_of(full) - 12.0).abs() < 1e-9);
        assert!((advance_of(full, 500.0) - 6.0).abs() < 1e-9);
    }
}
