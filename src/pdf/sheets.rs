//! Imposed sheets as PDF pages with krilla, for [`super::embed`] (the pages
//! of a PDF made elsewhere): every page drawn into its cell under the cell's
//! transform (creep, 180° turns), clipped to the cell, then the marks.
//! Pages zinepress typeset are imposed by the own writer (`write::sheets`),
//! with the same operators.

use super::{draw_line, draw_run, rect_path, PdfFonts};
use crate::impose::{Imposed, Mark, Slot};
use crate::typeset::fonts::{FaceId, Fonts, Style};
use crate::typeset::page::GlyphRun;
use anyhow::{anyhow, Result};
use krilla::geom::{Size, Transform};
use krilla::image::Image;
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::FillRule;
use krilla::surface::Surface;
use krilla::Document;
use std::num::NonZeroU32;

/// The font sheet labels ("S 3/9 front") are set in.
#[derive(Clone, Copy)]
pub(super) struct LabelFont<'a> {
    pub fonts: &'a Fonts,
    pub pdf: &'a PdfFonts,
}

/// Adds the guide page (when given) and one PDF page per sheet side to `doc`.
///
/// `draw(surface, i)` draws page `i` of the zine upright with its top-left
/// corner at the origin, y down, inside `imposed.page`; this function moves
/// it into its cell and clips it there. Blank cells are not drawn. Without
/// `labels` the sheet labels are left out (the other marks are drawn).
pub(super) fn draw_sheets(
    doc: &mut Document,
    imposed: &Imposed,
    guide: Option<&[u8]>,
    labels: Option<LabelFont>,
    draw: &mut dyn FnMut(&mut Surface, usize) -> Result<()>,
) -> Result<()> {
    let (sw, sh) = (imposed.sheet.width.0, imposed.sheet.height.0);
    let (pw, ph) = (imposed.page.width.0, imposed.page.height.0);
    if let Some(png) = guide {
        draw_guide_page(doc, png, sw, sh)?;
    }
    let clip =
        rect_path(0.0, 0.0, pw, ph).ok_or_else(|| anyhow!("the layout's page has no size"))?;
    for (i, side) in imposed.sides.iter().enumerate() {
        let settings = PageSettings::from_wh(sw, sh)
            .ok_or_else(|| anyhow!("sheet side {} has no size", i + 1))?
            .with_page_label(PageLabel::new(
                Some(NumberingStyle::Arabic),
                None,
                NonZeroU32::new(i as u32 + 1),
            ));
        let mut pdf_page = doc.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for slot in &side.slots {
            let Some(index) = slot.page else { continue };
            surface.push_transform(&cell_transform(slot, pw, ph));
            surface.push_clip_path(&clip, &FillRule::NonZero);
            let drawn = draw(&mut surface, index);
            surface.pop();
            surface.pop();
            drawn?;
        }
        for mark in &side.marks {
            draw_mark(&mut surface, mark, labels);
        }
        surface.finish();
        pdf_page.finish();
    }
    Ok(())
}

/// Where a cell's page goes on the sheet: moved to the cell plus its creep
/// shift, and turned about the cell's centre when the slot says 180°.
fn cell_transform(slot: &Slot, pw: f32, ph: f32) -> Transform {
    let (tx, ty) = (slot.x + slot.shift_x, slot.y);
    if slot.rotation == 180 {
        // Upside down inside its cell: x -> pw - x, y -> ph - y.
        Transform::from_row(-1.0, 0.0, 0.0, -1.0, tx + pw, ty + ph)
    } else {
        Transform::from_translate(tx, ty)
    }
}

/// A page of the sheet's size showing the folding guide, fitted inside a
/// half-inch margin.
fn draw_guide_page(doc: &mut Document, png: &[u8], sw: f32, sh: f32) -> Result<()> {
    let image = Image::from_png(png.to_vec().into(), true)
        .map_err(|e| anyhow!("the folding guide is not a PNG krilla can read: {e}"))?;
    let (iw, ih) = image.size();
    let margin = 36.0;
    let scale = ((sw - 2.0 * margin) / iw as f32).min((sh - 2.0 * margin) / ih as f32);
    let (w, h) = (iw as f32 * scale, ih as f32 * scale);
    let settings = PageSettings::from_wh(sw, sh).ok_or_else(|| anyhow!("the sheet has no size"))?;
    let mut pdf_page = doc.start_page_with(settings);
    let mut surface = pdf_page.surface();
    surface.push_transform(&Transform::from_translate((sw - w) / 2.0, (sh - h) / 2.0));
    if let Some(size) = Size::from_wh(w, h) {
        surface.draw_image(image, size);
    }
    surface.pop();
    surface.finish();
    pdf_page.finish();
    Ok(())
}

fn draw_mark(surface: &mut Surface, mark: &Mark, labels: Option<LabelFont>) {
    match mark {
        Mark::Line {
            x1,
            y1,
            x2,
            y2,
            dashed,
        } => draw_line(surface, *x1, *y1, *x2, *y2, 0.4, *dashed),
        Mark::Label { x, y, text } => {
            let Some(font) = labels else { return };
            let glyphs = font.fonts.shape(Style::Regular, false, text);
            let run = GlyphRun {
                x: *x,
                y: *y,
                face: FaceId::primary(Style::Regular),
                size: 6.0,
                glyphs,
                text: text.clone(),
                tag: Default::default(),
                hscale: 1.0,
            };
            // The built-in or project family always has the label's ASCII.
            let _ = draw_run(surface, &run, font.fonts, font.pdf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(x: f32, y: f32, rotation: u16, shift_x: f32) -> Slot {
        Slot {
            page: Some(0),
            pos: 0,
            x,
            y,
            rotation,
            shift_x,
        }
    }

    fn apply(t: Transform, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = [t.sx(), t.ky(), t.kx(), t.sy(), t.tx(), t.ty()];
        (a * x + c * y + e, b * x + d * y + f)
    }

    #[test]
    fn cells_are_moved_shifted_and_turned_inside_themselves() {
        let (pw, ph) = (396.0, 612.0);
        let upright = cell_transform(&slot(396.0, 0.0, 0, -1.5), pw, ph);
        assert_eq!(apply(upright, 0.0, 0.0), (394.5, 0.0));
        assert_eq!(apply(upright, pw, ph), (394.5 + pw, ph));
        // Turned: the page's top-left corner lands on the cell's bottom-right.
        let turned = cell_transform(&slot(0.0, 100.0, 180, 0.0), pw, ph);
        assert_eq!(apply(turned, 0.0, 0.0), (pw, 100.0 + ph));
        assert_eq!(apply(turned, pw, ph), (0.0, 100.0));
    }
}
