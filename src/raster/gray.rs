//! A type-only page drawn straight to 4-bit gray rows (the EPUB's type-only
//! cover), without an RGBA canvas.
//!
//! Every mark on the page (a glyph, a rule, a box) is first turned into a
//! stamp: a coverage mask placed at a whole pixel, with its gray. A glyph
//! upright at a size and quarter-pixel offset is filled once and stamped as
//! often as it is set. The picture is then made a band of rows at a time:
//! each band is one byte a pixel, only the stamps reaching into it are laid
//! over it, and only the part of each row a stamp touched is cleared and
//! packed; the rest of a row is white without being looked at.

use super::encode::{pack_gray_row, row_bytes, white_row};
use super::{outline, page_pixels, GlyphKey, SpriteKey, MAX_PIXELS};
use crate::typeset::fonts::Fonts;
use crate::typeset::page::{GlyphRun, Page, PageItem};
use anyhow::{bail, Result};
use std::collections::HashMap;
use tiny_skia::{FillRule, LineCap, Mask, Path, PathBuilder, Rect, Stroke, Transform};

/// Rows made at once: a band of a 1600-pixel-wide cover is 200 KB, which
/// stays in the processor's cache.
const BAND: usize = 128;

/// A mask laid over the picture with its top left at (`left`, `top`).
#[derive(Debug, Clone, Copy)]
struct Stamp {
    left: i32,
    top: i32,
    /// Index of the mask in [`Stamps::masks`].
    mask: usize,
    /// The gray the mask's coverage lays down (0 black … 255 white).
    gray: u8,
}

/// Every mark of a page as stamps, in the page's order.
#[derive(Default)]
struct Stamps {
    masks: Vec<Mask>,
    stamps: Vec<Stamp>,
    glyphs: HashMap<GlyphKey, Option<Path>>,
    sprites: HashMap<SpriteKey, Option<(i32, i32, usize)>>,
}

impl Stamps {
    /// The stamps of `page` at `scale` pixels a point.
    fn of_page(page: &Page, fonts: &Fonts, scale: f32) -> Result<Stamps> {
        let mut s = Stamps::default();
        let ts = Transform::from_scale(scale, scale);
        for item in &page.items {
            match item {
                PageItem::Glyphs(run) => s.run(fonts, run, ts),
                PageItem::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x1 * scale, y1 * scale);
                    pb.line_to(x2 * scale, y2 * scale);
                    let stroke = Stroke {
                        width: (width * scale).max(1.0),
                        line_cap: LineCap::Butt,
                        ..Stroke::default()
                    };
                    if let Some(path) = pb.finish().and_then(|p| p.stroke(&stroke, 1.0)) {
                        s.fill(&path, 0);
                    }
                }
                PageItem::Rect {
                    x,
                    y,
                    width,
                    height,
                    fill,
                    stroke,
                } => {
                    let Some(rect) =
                        Rect::from_xywh(x * scale, y * scale, width * scale, height * scale)
                    else {
                        continue;
                    };
                    let path = PathBuilder::from_rect(rect);
                    if let Some(g) = fill {
                        s.fill(&path, (g.clamp(0.0, 1.0) * 255.0).round() as u8);
                    }
                    if let Some(line) = stroke {
                        let stroke = Stroke {
                            width: (line * scale).max(1.0),
                            ..Stroke::default()
                        };
                        if let Some(outline) = path.stroke(&stroke, 1.0) {
                            s.fill(&outline, 0);
                        }
                    }
                }
                // A link is an area to click, not ink.
                PageItem::Link { .. } => {}
                PageItem::Image { .. } => bail!(
                    "the raster renderer draws pages of type only, and this page holds an image"
                ),
            }
        }
        Ok(s)
    }

    /// The glyphs of `run` in black, as [`super::Canvas::run`] draws them.
    fn run(&mut self, fonts: &Fonts, run: &GlyphRun, transform: Transform) {
        let face = fonts.face_of(run.face);
        let key = match run.face.family {
            0 => (0, fonts.resolved(run.face.style)),
            n => (n, run.face.style),
        };
        let scale = run.size / face.units_per_em;
        let mut pen = run.x;
        for g in &run.glyphs {
            let glyph = (key.0, key.1, g.id);
            let origin = (pen + g.x_offset * run.size, run.y - g.y_offset * run.size);
            pen += g.advance * run.size;
            let path = self
                .glyphs
                .entry(glyph)
                .or_insert_with(|| outline(face, g.id));
            let Some(path) = path.as_ref() else { continue };
            let mut at = tiny_skia::Point::from_xy(origin.0, origin.1);
            transform.map_point(&mut at);
            let (x0, y0) = (at.x.floor(), at.y.round());
            let mut quarter = ((at.x - x0) * 4.0).round() as u8;
            let mut x0 = x0 as i32;
            if quarter == 4 {
                quarter = 0;
                x0 += 1;
            }
            let px = scale * transform.sx;
            let sprite_key = (glyph, (px * 64.0 * 1000.0).round() as u32, quarter);
            let masks = &mut self.masks;
            let sprite = *self
                .sprites
                .entry(sprite_key)
                .or_insert_with(|| sprite(path, px, quarter, masks));
            if let Some((left, top, mask)) = sprite {
                self.stamps.push(Stamp {
                    left: x0 + left,
                    top: y0 as i32 + top,
                    mask,
                    gray: 0,
                });
            }
        }
    }

    /// `path` (in pixels) filled with `gray`.
    fn fill(&mut self, path: &Path, gray: u8) {
        let b = path.bounds();
        let (left, top) = (b.left().floor() as i32 - 1, b.top().floor() as i32 - 1);
        let (right, bottom) = (b.right().ceil() as i32 + 1, b.bottom().ceil() as i32 + 1);
        let Some(mut mask) = Mask::new((right - left).max(1) as u32, (bottom - top).max(1) as u32)
        else {
            return;
        };
        let ts = Transform::from_translate(-left as f32, -top as f32);
        mask.fill_path(path, FillRule::Winding, true, ts);
        self.masks.push(mask);
        self.stamps.push(Stamp {
            left,
            top,
            mask: self.masks.len() - 1,
            gray,
        });
    }
}

/// A glyph's coverage at `scale` pixels a font unit, `quarter` quarter
/// pixels right of a whole pixel: its offset from the origin and its mask's
/// index, the mask added to `masks`.
fn sprite(
    path: &Path,
    scale: f32,
    quarter: u8,
    masks: &mut Vec<Mask>,
) -> Option<(i32, i32, usize)> {
    let (left, top, mask) = super::glyph_mask(path, scale, quarter)?;
    masks.push(mask);
    Some((left, top, masks.len() - 1))
}

/// A band of rows, one gray byte a pixel, with the span of each row that
/// stamps have touched (empty: the row is white).
struct Band {
    width: usize,
    gray: Vec<u8>,
    touched: Vec<(usize, usize)>,
}

impl Band {
    fn new(width: usize) -> Band {
        Band {
            width,
            gray: vec![255; width * BAND],
            touched: vec![(usize::MAX, 0); BAND],
        }
    }

    /// Lays `stamp` (its `mask`) over the band whose first row is the
    /// picture's row `first`; what falls outside the band is left out.
    fn lay(&mut self, stamp: &Stamp, mask: &Mask, first: i32) {
        let (mw, mh) = (mask.width() as i32, mask.height() as i32);
        let top = stamp.top - first;
        let (x_from, x_to) = (
            (-stamp.left).max(0),
            (self.width as i32 - stamp.left).min(mw),
        );
        let (y_from, y_to) = ((-top).max(0), (BAND as i32 - top).min(mh));
        if x_from >= x_to || y_from >= y_to {
            return;
        }
        let (cov, c) = (mask.data(), u32::from(stamp.gray));
        let (x_lo, x_hi) = ((stamp.left + x_from) as usize, (stamp.left + x_to) as usize);
        for my in y_from..y_to {
            let row = (top + my) as usize;
            let Some(span) = self.touched.get_mut(row) else {
                continue;
            };
            let src = (my * mw + x_from) as usize;
            let dst = row * self.width + x_lo;
            let (Some(cov), Some(px)) = (
                cov.get(src..src + (x_hi - x_lo)),
                self.gray.get_mut(dst..dst + (x_hi - x_lo)),
            ) else {
                continue;
            };
            let mut inked = false;
            for (d, &a) in px.iter_mut().zip(cov) {
                if a != 0 {
                    let a = u32::from(a);
                    *d = ((u32::from(*d) * (255 - a) + c * a + 127) / 255) as u8;
                    inked = true;
                }
            }
            if inked {
                *span = (span.0.min(x_lo), span.1.max(x_hi));
            }
        }
    }

    /// Packs the first `rows` rows into `out` (4-bit gray, two pixels a
    /// byte; `white` is a white row) and makes them white again.
    fn pack_into(&mut self, rows: usize, white: &[u8], out: &mut Vec<u8>) {
        for (row, span) in self.touched.iter_mut().enumerate().take(rows) {
            let start = out.len();
            out.extend_from_slice(white);
            if span.0 >= span.1 {
                continue;
            }
            // Whole pairs of pixels covering the span (what is outside it is white).
            let (from, to) = (span.0 & !1, ((span.1 + 1) & !1).min(self.width));
            let line = row * self.width;
            if let (Some(px), Some(dst)) = (
                self.gray.get_mut(line + from..line + to),
                out.get_mut(start + from / 2..),
            ) {
                pack_gray_row(px, dst);
                px.fill(255);
            }
            *span = (usize::MAX, 0);
        }
    }
}

/// A type-only page drawn at `scale` pixels a point as 4-bit gray rows,
/// two pixels a byte, and its size in pixels.
pub fn page_gray4(page: &Page, fonts: &Fonts, scale: f32) -> Result<(Vec<u8>, u32, u32)> {
    let (w, h) = page_pixels(page, scale);
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        bail!("a picture of {w}×{h} pixels is too large to draw");
    }
    let stamps = Stamps::of_page(page, fonts, scale)?;
    let (width, height) = (w.max(1) as usize, h as usize);
    let mut band = Band::new(width);
    let mut out = Vec::with_capacity(row_bytes(width as u32) * height);
    let white = white_row(width as u32);
    let mut first = 0;
    while first < height {
        let (top, end) = (first as i32, (first + BAND) as i32);
        // In the page's order, so overlapping marks blend as they were set.
        for st in &stamps.stamps {
            let Some(mask) = stamps.masks.get(st.mask) else {
                continue;
            };
            if st.top < end && st.top + mask.height() as i32 > top {
                band.lay(st, mask, top);
            }
        }
        band.pack_into((height - first).min(BAND), &white, &mut out);
        first += BAND;
    }
    Ok((out, w, h))
}

#[cfg(test)]
mod tests {
    use super::super::{encode, Canvas};
    use super::*;
    use crate::typeset::fonts::Style;

    fn fonts() -> Fonts {
        Fonts::load(None).unwrap()
    }

    fn page_of(items: Vec<PageItem>, width: f32, height: f32) -> Page {
        Page {
            width,
            height,
            items,
            folio: None,
            kind: crate::typeset::page::PageKind::Body,
        }
    }

    /// The 4-bit rows of the same page drawn on an RGBA canvas.
    fn on_canvas(page: &Page, fonts: &Fonts, scale: f32) -> Vec<u8> {
        let canvas = Canvas::page(page, fonts, scale).unwrap();
        encode::gray4_rows(&canvas)
    }

    #[test]
    fn glyphs_are_the_canvas_s_pixels() {
        let fonts = fonts();
        let mut items = Vec::new();
        // Rows far apart cross bands; a run on a band's edge is split by it.
        for (i, y) in [30.0f32, 61.0, 200.0, 330.0].into_iter().enumerate() {
            let size = 18.0 + i as f32;
            let mut run = super::super::shape(&fonts, Style::Regular, size, "Hagx Ä");
            run.x = 3.0 + i as f32 * 0.3;
            run.y = y;
            items.push(PageItem::Glyphs(run));
        }
        let page = page_of(items, 120.0, 340.0);
        let (rows, w, h) = page_gray4(&page, &fonts, 1.5).unwrap();
        assert_eq!((w, h), (180, 510));
        assert_eq!(rows, on_canvas(&page, &fonts, 1.5));
        // Ink, and white where nothing was set.
        assert!(rows.iter().any(|&b| b == 0 || b & 0x0f == 0));
        assert!(rows.iter().filter(|&&b| b == 0xff).count() > rows.len() / 2);
    }

    #[test]
    fn rules_and_boxes_are_drawn_where_the_canvas_draws_them() {
        let fonts = fonts();
        let items = vec![
            PageItem::Rule {
                x1: 10.0,
                y1: 20.0,
                x2: 90.0,
                y2: 20.0,
                width: 2.0,
            },
            PageItem::Rect {
                x: 10.0,
                y: 40.0,
                width: 30.0,
                height: 20.0,
                fill: Some(0.5),
                stroke: Some(1.0),
            },
        ];
        let page = page_of(items, 100.0, 80.0);
        let (rows, w, _) = page_gray4(&page, &fonts, 1.0).unwrap();
        let canvas = on_canvas(&page, &fonts, 1.0);
        let level = |rows: &[u8], x: usize, y: usize| {
            let b = rows[y * row_bytes(w) + x / 2];
            if x % 2 == 0 {
                b >> 4
            } else {
                b & 0x0f
            }
        };
        for (x, y) in [(50, 20), (50, 10), (25, 50), (10, 50), (5, 50), (50, 70)] {
            assert_eq!(level(&rows, x, y), level(&canvas, x, y), "at ({x}, {y})");
        }
        assert_eq!(level(&rows, 50, 20), 0);
        assert_eq!(level(&rows, 25, 50), 8);
    }

    #[test]
    fn huge_pages_are_refused() {
        let fonts = fonts();
        assert!(page_gray4(&page_of(vec![], 100_000.0, 100_000.0), &fonts, 1.0).is_err());
    }
}
