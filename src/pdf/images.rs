//! Pictures on a PDF page: JPEG files as they are, other pixels as raw
//! gray or color samples.

use super::rect_path;
use crate::cover::process::Crop;
use crate::cover::{Pixels, PrintData, PrintImage, Printed};
use anyhow::{anyhow, Result};
use krilla::geom::{Size, Transform};
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};
use krilla::paint::FillRule;
use krilla::surface::Surface;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Draws a print image so that its shown part fills the box; what lies
/// outside the shown part is clipped away. JPEG data is embedded as it is,
/// pixels are handed over raw and compressed once by krilla.
pub(super) fn draw_image(
    surface: &mut Surface,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    printed: &Printed,
) -> Result<()> {
    let img = &printed.image;
    let image = krilla_image(img).map_err(|e| anyhow!("{}: the PDF writer cannot embed this image ({e}); save it again as a baseline JPEG or a PNG", img.file.display()))?;
    let shown = printed.shown;
    let (sx, sy) = (w / shown.width as f32, h / shown.height as f32);
    let Some(size) = Size::from_wh(img.width as f32 * sx, img.height as f32 * sy) else {
        return Ok(());
    };
    let clip = if shown == Crop::whole((img.width, img.height)) {
        None
    } else {
        rect_path(x, y, w, h)
    };
    if let Some(clip) = &clip {
        surface.push_clip_path(clip, &FillRule::NonZero);
    }
    surface.push_transform(&Transform::from_translate(
        x - shown.x as f32 * sx,
        y - shown.y as f32 * sy,
    ));
    surface.draw_image(image, size);
    surface.pop();
    if clip.is_some() {
        surface.pop();
    }
    Ok(())
}

/// The krilla image of a print image, made once per zine: krilla compresses
/// raw pixels when the image is made, so every PDF of the zine shares that work.
fn krilla_image(img: &PrintImage) -> Result<Image, String> {
    let make = || -> Result<Image, String> {
        let interpolate = !img.bilevel;
        match &img.data {
            PrintData::Jpeg(bytes) => {
                Image::from_jpeg(krilla::Data::from(bytes.clone()), interpolate)
            }
            PrintData::Pixels(pixels) => Image::from_custom(
                RawPixels {
                    pixels: pixels.clone(),
                    id: img.id,
                },
                interpolate,
            ),
        }
    };
    match kept(img) {
        Some(k) => k.krilla.get_or_init(make).clone(),
        None => make(),
    }
}

/// What the PDF writers made of a print image (krilla's image for the
/// imposed layouts, the deflated samples for the reading copy), kept so
/// that every PDF of the zine reuses it.
#[derive(Default)]
pub(super) struct Kept {
    krilla: std::sync::OnceLock<Result<Image, String>>,
    pub deflated: std::sync::OnceLock<Arc<Vec<u8>>>,
}

/// The image's kept work (`None` only if something else was kept there).
pub(super) fn kept(img: &PrintImage) -> Option<&Kept> {
    img.embedded
        .get_or_init(|| Box::new(Kept::default()))
        .downcast_ref::<Kept>()
}

/// 8-bit gray or RGB pixels as krilla takes them. Hashing the id, not the
/// pixels, keeps hashing cheap; krilla embeds images with equal hashes once.
#[derive(Clone)]
struct RawPixels {
    pixels: Arc<Pixels>,
    id: u64,
}

impl Hash for RawPixels {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
        self.pixels.dimensions().hash(state);
    }
}

impl CustomImage for RawPixels {
    fn color_channel(&self) -> &[u8] {
        match &*self.pixels {
            Pixels::Gray(g) => g.as_raw(),
            Pixels::Rgb(c) => c.as_raw(),
        }
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        None
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        self.pixels.dimensions()
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> ImageColorspace {
        match &*self.pixels {
            Pixels::Gray(_) => ImageColorspace::Luma,
            Pixels::Rgb(_) => ImageColorspace::Rgb,
        }
    }
}
