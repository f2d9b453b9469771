//! Pixels: the one raster renderer behind everything zinepress draws as an
//! image (the folding guides, the EPUB's type-only cover).
//!
//! Shapes are filled and stroked with anti-aliasing by tiny-skia; text is
//! shaped by the typesetter (rustybuzz, the project's fonts) and each glyph
//! is filled from its outline, read with ttf-parser. Nothing here depends on
//! the clock, the machine's fonts or thread timing, so the same input always
//! gives the same pixels. [`encode`] turns a canvas into small PNGs.

pub mod encode;
mod gray;
mod sprites;

pub use sprites::SpriteStore;

use crate::typeset::fonts::{FaceId, FontFace, Fonts, Style};
use crate::typeset::page::{GlyphRun, Page, PageItem};
use anyhow::{bail, Result};
use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use std::collections::HashMap;
use std::sync::Arc;
use tiny_skia::{
    FillRule, LineCap, Mask, Paint, Path, PathBuilder, Pixmap, Rect, Stroke, StrokeDash,
};

pub use tiny_skia::Transform;

/// An sRGB colour.
pub type Rgb = [u8; 3];

pub const WHITE: Rgb = [255, 255, 255];
pub const BLACK: Rgb = [0, 0, 0];

/// Canvases larger than this many pixels are refused (a guide of a huge
/// custom sheet, say): 64 megapixels.
const MAX_PIXELS: u64 = 64 << 20;

/// A glyph drawn once at a size and quarter-pixel offset:
/// (glyph, size in 1/64 px, offset in quarter pixels).
type SpriteKey = (GlyphKey, u32, u8);

/// A glyph of a face: (family number, style, glyph id).
type GlyphKey = (u16, Style, u16);

/// An opaque picture being drawn, with its glyph outlines cached, and glyphs
/// drawn upright cached as small images (a type-only cover repeats a dozen
/// letters hundreds of times): each is filled once and then copied.
pub struct Canvas {
    pixmap: Pixmap,
    glyphs: HashMap<GlyphKey, Option<Path>>,
    /// Each glyph's coverage (0 to 255) and the offset of its top left.
    sprites: HashMap<SpriteKey, sprites::Sprite>,
    /// Sprites shared with other canvases of the build, if any.
    shared: Option<Arc<SpriteStore>>,
}

impl Canvas {
    /// A `width`×`height` canvas filled with `background`.
    pub fn new(width: u32, height: u32, background: Rgb) -> Result<Canvas> {
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            bail!("a picture of {width}×{height} pixels is too large to draw");
        }
        let size = tiny_skia::IntSize::from_wh(width.max(1), height.max(1));
        let bytes = size.map_or(0, |s| s.width() as usize * s.height() as usize * 4);
        // Fresh memory, given back when the canvas is dropped: a canvas kept
        // for the thread's next one (a guide's 4 MB) was held through the
        // rest of the zine's build and lifted its peak memory over 40 MiB.
        // Written once: opaque white is all 255s, other colours are filled over.
        let data = vec![255; bytes];
        let Some(mut pixmap) = size.and_then(|size| Pixmap::from_vec(data, size)) else {
            bail!("cannot make a {width}×{height} picture")
        };
        if background != WHITE {
            fill(&mut pixmap, background);
        }
        Ok(Canvas {
            pixmap,
            glyphs: HashMap::new(),
            sprites: HashMap::new(),
            shared: None,
        })
    }

    /// Takes glyph sprites from `store` and keeps the ones it makes there:
    /// the same pixels, each sprite filled once for all the canvases sharing it.
    pub fn share_sprites(mut self, store: Option<&Arc<SpriteStore>>) -> Canvas {
        self.shared = store.cloned();
        self
    }

    pub fn width(&self) -> u32 {
        self.pixmap.width()
    }

    pub fn height(&self) -> u32 {
        self.pixmap.height()
    }

    /// The colour of pixel (x, y); the canvas is opaque, so it is plain sRGB.
    pub fn pixel(&self, x: u32, y: u32) -> Option<Rgb> {
        self.pixmap
            .pixel(x, y)
            .map(|p| [p.red(), p.green(), p.blue()])
    }

    /// Every pixel's colour, row by row.
    pub fn pixels(&self) -> impl Iterator<Item = Rgb> + '_ {
        self.rows()
            .flat_map(|row| row.chunks_exact(4).map(|p| [p[0], p[1], p[2]]))
    }

    /// The rows of pixels as RGBA bytes (alpha always 255).
    pub fn rows(&self) -> std::slice::ChunksExact<'_, u8> {
        self.pixmap
            .data()
            .chunks_exact(4 * self.pixmap.width() as usize)
    }

    /// Fills the rectangle with top-left (x, y).
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Rgb) {
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            self.pixmap
                .fill_rect(rect, &paint(colour), Transform::identity(), None);
        }
    }

    /// Outlines the rectangle with a line `width` wide centred on its edges.
    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32, colour: Rgb) {
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            let path = PathBuilder::from_rect(rect);
            let stroke = Stroke {
                width,
                ..Stroke::default()
            };
            self.pixmap
                .stroke_path(&path, &paint(colour), &stroke, Transform::identity(), None);
        }
    }

    /// A straight line `width` wide; with `dash`, dashes that long and gaps
    /// three quarters of it.
    pub fn line(
        &mut self,
        a: (f32, f32),
        b: (f32, f32),
        width: f32,
        colour: Rgb,
        dash: Option<f32>,
    ) {
        let mut pb = PathBuilder::new();
        pb.move_to(a.0, a.1);
        pb.line_to(b.0, b.1);
        let Some(path) = pb.finish() else { return };
        let mut stroke = Stroke {
            width,
            line_cap: LineCap::Butt,
            ..Stroke::default()
        };
        stroke.dash = dash.and_then(|d| StrokeDash::new(vec![d, d * 0.75], 0.0));
        self.pixmap
            .stroke_path(&path, &paint(colour), &stroke, Transform::identity(), None);
    }

    /// Fills the polygon through `points`.
    pub fn polygon(&mut self, points: &[(f32, f32)], colour: Rgb) {
        let mut pb = PathBuilder::new();
        for (i, &(x, y)) in points.iter().enumerate() {
            if i == 0 {
                pb.move_to(x, y);
            } else {
                pb.line_to(x, y);
            }
        }
        pb.close();
        if let Some(path) = pb.finish() {
            self.pixmap.fill_path(
                &path,
                &paint(colour),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// Draws a shaped run: its origin `(run.x, run.y)` (on the baseline) and
    /// its size are in the units `transform` maps to pixels.
    pub fn run(&mut self, fonts: &Fonts, run: &GlyphRun, transform: Transform, colour: Rgb) {
        let face = fonts.face_of(run.face);
        // Glyph ids are the face's: the built-in family's styles as resolved
        // (an absent bold is the regular), a fallback family's as named.
        let key = match run.face.family {
            0 => (0, fonts.resolved(run.face.style)),
            n => (n, run.face.style),
        };
        let scale = run.size / face.units_per_em;
        // Upright and evenly scaled: glyphs are copied from sprites placed to
        // a quarter pixel across and a whole pixel down.
        let upright = transform.kx == 0.0
            && transform.ky == 0.0
            && transform.sx > 0.0
            && (transform.sx - transform.sy).abs() < 1e-6;
        let mut pen = run.x;
        for g in &run.glyphs {
            let path = self
                .glyphs
                .entry((key.0, key.1, g.id))
                .or_insert_with(|| outline(face, g.id))
                .clone();
            if let Some(path) = path {
                let origin = (pen + g.x_offset * run.size, run.y - g.y_offset * run.size);
                if upright {
                    let mut at = tiny_skia::Point::from_xy(origin.0, origin.1);
                    transform.map_point(&mut at);
                    self.sprite(
                        &path,
                        (key.0, key.1, g.id),
                        scale * transform.sx,
                        at,
                        colour,
                    );
                } else {
                    let ts = transform
                        .pre_translate(origin.0, origin.1)
                        .pre_scale(scale, scale);
                    self.pixmap
                        .fill_path(&path, &paint(colour), FillRule::Winding, ts, None);
                }
            }
            pen += g.advance * run.size;
        }
    }

    /// Copies glyph `id`'s sprite (its outline `path` in font units, `scale`
    /// pixels a unit) with its origin at pixel `at`, making it first if needed.
    fn sprite(
        &mut self,
        path: &Path,
        glyph: GlyphKey,
        scale: f32,
        at: tiny_skia::Point,
        colour: Rgb,
    ) {
        let (x0, y0) = (at.x.floor(), at.y.round());
        let mut quarter = ((at.x - x0) * 4.0).round() as u8;
        let mut x0 = x0 as i32;
        if quarter == 4 {
            quarter = 0;
            x0 += 1;
        }
        let key = (glyph, (scale * 64.0 * 1000.0).round() as u32, quarter);
        let shared = &self.shared;
        let sprite = self.sprites.entry(key).or_insert_with(|| match shared {
            Some(store) => store.get(glyph, scale, quarter, || glyph_mask(path, scale, quarter)),
            None => Arc::new(glyph_mask(path, scale, quarter)),
        });
        if let Some((left, top, mask)) = sprite.as_ref() {
            blend(
                &mut self.pixmap,
                mask,
                (x0 + *left, y0 as i32 + *top),
                colour,
            );
        }
    }

    /// Draws a typeset page's text, rules and boxes at `scale` pixels a point.
    /// Pages with images are refused: only type-only pages are drawn here.
    pub fn page(page: &Page, fonts: &Fonts, scale: f32) -> Result<Canvas> {
        let (w, h) = page_pixels(page, scale);
        let mut canvas = Canvas::new(w, h, WHITE)?;
        canvas.draw_page(page, fonts, scale, 0.0)?;
        Ok(canvas)
    }

    /// Refills the whole canvas with `background`.
    pub fn clear(&mut self, background: Rgb) {
        fill(&mut self.pixmap, background);
    }

    /// Draws `page` at `scale` pixels a point with the page's pixel row
    /// `top` at the canvas's first row (a band of a taller picture).
    pub fn draw_page(&mut self, page: &Page, fonts: &Fonts, scale: f32, top: f32) -> Result<()> {
        let ts = Transform::from_row(scale, 0.0, 0.0, scale, 0.0, -top);
        let y = |v: f32| v * scale - top;
        for item in &page.items {
            match item {
                PageItem::Glyphs(run) => self.run(fonts, run, ts, BLACK),
                PageItem::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    self.line(
                        (x1 * scale, y(*y1)),
                        (x2 * scale, y(*y2)),
                        (width * scale).max(1.0),
                        BLACK,
                        None,
                    );
                }
                PageItem::Rect {
                    x,
                    y: top_y,
                    width,
                    height,
                    fill,
                    stroke,
                } => {
                    let (x, ry, w, h) = (x * scale, y(*top_y), width * scale, height * scale);
                    if let Some(g) = fill {
                        self.fill_rect(x, ry, w, h, gray(*g));
                    }
                    if let Some(line) = stroke {
                        self.stroke_rect(x, ry, w, h, (line * scale).max(1.0), BLACK);
                    }
                }
                // A link is an area to click, not ink.
                PageItem::Link { .. } => {}
                PageItem::Image { .. } => bail!(
                    "the raster renderer draws pages of type only, and this page holds an image"
                ),
            }
        }
        Ok(())
    }
}

/// The page's size in pixels at `scale` pixels a point.
pub fn page_pixels(page: &Page, scale: f32) -> (u32, u32) {
    (
        (page.width * scale).round() as u32,
        (page.height * scale).round() as u32,
    )
}

/// A type-only page drawn at `scale` pixels a point as a 4-bit gray PNG
/// (see [`gray`]), and its size in pixels.
pub fn page_gray_png(page: &Page, fonts: &Fonts, scale: f32) -> Result<(Vec<u8>, u32, u32)> {
    let (rows, w, h) = gray::page_gray4(page, fonts, scale)?;
    Ok((encode::gray4_png(w, h, &rows)?, w, h))
}

/// Lays `colour` over the opaque `pixmap` through `mask`'s coverage with its
/// top left at `at` (what is outside the pixmap is left out): a glyph's
/// sprite copied in a plain loop, several times faster than painting it.
/// A glyph's coverage mask at `scale`, shifted right by `quarter` quarters of
/// a pixel, with a pixel of margin round it, and where its top-left corner sits
/// from the glyph's origin; `None` for a glyph too big to allocate.
pub(crate) fn glyph_mask(path: &Path, scale: f32, quarter: u8) -> Option<(i32, i32, Mask)> {
    let b = path.bounds();
    let dx = f32::from(quarter) / 4.0;
    let (left, top) = (
        (b.left() * scale + dx).floor() as i32 - 1,
        (b.top() * scale).floor() as i32 - 1,
    );
    let (right, bottom) = (
        (b.right() * scale + dx).ceil() as i32 + 1,
        (b.bottom() * scale).ceil() as i32 + 1,
    );
    let mut mask = Mask::new((right - left).max(1) as u32, (bottom - top).max(1) as u32)?;
    let ts = Transform::from_row(scale, 0.0, 0.0, scale, dx - left as f32, -top as f32);
    mask.fill_path(path, FillRule::Winding, true, ts);
    Some((left, top, mask))
}

fn blend(pixmap: &mut Pixmap, mask: &Mask, at: (i32, i32), colour: Rgb) {
    let (pw, ph) = (pixmap.width() as i32, pixmap.height() as i32);
    let (mw, mh) = (mask.width() as i32, mask.height() as i32);
    let (x_from, x_to) = ((-at.0).max(0), (pw - at.0).min(mw));
    let (y_from, y_to) = ((-at.1).max(0), (ph - at.1).min(mh));
    if x_from >= x_to || y_from >= y_to {
        return;
    }
    let (cov, data) = (mask.data(), pixmap.data_mut());
    for my in y_from..y_to {
        let src = (my * mw) as usize;
        let dst = (((at.1 + my) * pw + at.0) * 4) as usize;
        for mx in x_from..x_to {
            let a = u32::from(cov.get(src + mx as usize).copied().unwrap_or(0));
            if a == 0 {
                continue;
            }
            let i = dst + (mx * 4) as usize;
            if let Some(px) = data.get_mut(i..i + 3) {
                for (d, c) in px.iter_mut().zip(colour) {
                    *d = ((u32::from(*d) * (255 - a) + u32::from(c) * a + 127) / 255) as u8;
                }
            }
        }
    }
}

/// Fills an opaque pixmap with `colour`; its premultiplied bytes are the
/// colour's own, written directly (a quarter of the time of painting them).
fn fill(pixmap: &mut Pixmap, colour: Rgb) {
    let rgba = [colour[0], colour[1], colour[2], 255];
    if rgba == [255; 4] {
        pixmap.data_mut().fill(255);
    } else {
        for px in pixmap.data_mut().chunks_exact_mut(4) {
            px.copy_from_slice(&rgba);
        }
    }
}

/// A gray from 0 (black) to 1 (white).
fn gray(level: f32) -> Rgb {
    let v = (level.clamp(0.0, 1.0) * 255.0).round() as u8;
    [v, v, v]
}

fn paint(colour: Rgb) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(colour[0], colour[1], colour[2], 255);
    p.anti_alias = true;
    p
}

/// A glyph's outline in font units, y down; `None` for an empty glyph (a space).
fn outline(face: &FontFace, id: u16) -> Option<Path> {
    let mut builder = Outline(PathBuilder::new());
    face.face.outline_glyph(GlyphId(id), &mut builder)?;
    builder.0.finish()
}

/// ttf-parser's outline callbacks into a tiny-skia path, flipping y.
struct Outline(PathBuilder);

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, -y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, -y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, -y1, x, -y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, -y1, x2, -y2, x, -y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// `text` shaped in `style` at `size`, its origin at (0, 0).
pub fn shape(fonts: &Fonts, style: Style, size: f32, text: &str) -> GlyphRun {
    GlyphRun {
        x: 0.0,
        y: 0.0,
        face: FaceId::primary(style),
        size,
        glyphs: fonts.shape(style, false, text),
        text: text.to_string(),
        tag: Default::default(),
        hscale: 1.0,
    }
}

/// `text` shaped like [`shape`] with lining figures (page numbers in a drawing).
pub fn shape_lining(fonts: &Fonts, style: Style, size: f32, text: &str) -> GlyphRun {
    GlyphRun {
        x: 0.0,
        y: 0.0,
        face: FaceId::primary(style),
        size,
        glyphs: fonts.shape_lining(style, text),
        text: text.to_string(),
        tag: Default::default(),
        hscale: 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load(None).unwrap()
    }

    #[test]
    fn text_is_drawn_in_ink_from_the_outlines() {
        let fonts = fonts();
        let mut c = Canvas::new(120, 40, WHITE).unwrap();
        let mut run = shape(&fonts, Style::Regular, 24.0, "Hg");
        run.x = 4.0;
        run.y = 28.0;
        c.run(&fonts, &run, Transform::identity(), BLACK);
        let dark = c.pixels().filter(|p| p[0] < 128).count();
        assert!(dark > 50, "{dark} dark pixels");
        // Anti-aliased: some pixels are between black and white.
        assert!(c.pixels().any(|p| p[0] > 20 && p[0] < 235));
        // Nothing drawn right of the run's advance.
        let right = (run.x + run.width()).ceil() as u32 + 2;
        assert!((right..120).all(|x| (0..40).all(|y| c.pixel(x, y) == Some(WHITE))));
    }

    #[test]
    fn a_run_turned_half_round_is_the_same_ink_upside_down() {
        let fonts = fonts();
        let run = GlyphRun {
            x: 10.0,
            y: 30.0,
            ..shape(&fonts, Style::Bold, 20.0, "7")
        };
        let mut a = Canvas::new(40, 40, WHITE).unwrap();
        let mut b = Canvas::new(40, 40, WHITE).unwrap();
        a.run(&fonts, &run, Transform::identity(), BLACK);
        b.run(
            &fonts,
            &run,
            Transform::from_row(-1.0, 0.0, 0.0, -1.0, 40.0, 40.0),
            BLACK,
        );
        let ink = |c: &Canvas, x, y| c.pixel(x, y).unwrap()[0] < 128;
        let mut same = 0;
        for y in 0..40 {
            for x in 0..40 {
                same += (ink(&a, x, y) == ink(&b, 39 - x, 39 - y)) as u32;
            }
        }
        assert!(same >= 1590, "{same} of 1600 pixels agree");
        assert!(a.pixels().ne(b.pixels()));
    }

    #[test]
    fn lines_and_rects_fill_what_they_cover() {
        let mut c = Canvas::new(20, 20, WHITE).unwrap();
        c.fill_rect(2.0, 2.0, 4.0, 4.0, [200, 0, 0]);
        assert_eq!(c.pixel(3, 3), Some([200, 0, 0]));
        assert_eq!(c.pixel(7, 3), Some(WHITE));
        c.line((0.0, 10.0), (20.0, 10.0), 2.0, BLACK, None);
        assert_eq!(c.pixel(5, 9), Some(BLACK));
        let mut dashed = Canvas::new(40, 4, WHITE).unwrap();
        dashed.line((0.0, 2.0), (40.0, 2.0), 2.0, BLACK, Some(8.0));
        assert_eq!(dashed.pixel(4, 1), Some(BLACK));
        assert_eq!(dashed.pixel(10, 1), Some(WHITE));
    }

    #[test]
    fn huge_canvases_are_refused() {
        assert!(Canvas::new(100_000, 100_000, WHITE).is_err());
    }
}
