//! Which print images a layout's cover and figures will make from decoded
//! pixels, worked out before typesetting so the pixels can go early.

use super::{design, figure_size, framed_place, full_bleed_crop};
use crate::cover::process::{needs_pixels, print_key, Crop, PrintKey};
use crate::cover::{Assets, CoverDesign, Picture};
use crate::document::Document;
use crate::layout::Layout;
use crate::typeset::flow::Body;
use crate::typeset::paragraph::Setter;
use crate::typeset::Frame;

/// The print images typesetting in `layout` will ask for that read decoded
/// pixels: the front cover's and each figure's, by picture file (the same
/// as [`front_cover`] and [`figures`] make, without making them).
pub(in crate::typeset) fn pixel_prints(
    doc: &Document,
    frame: &Frame,
    body: &Body,
    setter: &mut Setter,
    layout: &Layout,
    assets: &Assets,
) -> Vec<(std::path::PathBuf, PrintKey)> {
    let mut keys = Vec::new();
    let mut add = |pic: &Picture, crop: Crop, w: f32, h: f32| {
        let (key, _) = print_key(pic, crop, w, h, layout.dpi, layout.print);
        if needs_pixels(pic, key) {
            keys.push((pic.file.clone(), key));
        }
    };
    match (design(assets, layout), assets.cover.as_deref()) {
        (CoverDesign::FullBleed, Some(pic)) => {
            add(pic, full_bleed_crop(pic, frame), frame.width, frame.height)
        }
        (CoverDesign::Framed, Some(pic)) => {
            let (_, _, crop, w, h) = framed_place(doc, frame, body, setter, pic);
            add(pic, crop, w, h)
        }
        _ => {}
    }
    for pic in assets.figures.values() {
        let (pw, ph) = pic.dimensions();
        let (w, h) = figure_size(pw, ph, body.measure, frame.text_height * 0.6);
        add(pic, Crop::whole((pw, ph)), w, h);
    }
    keys
}
