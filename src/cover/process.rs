//! Pixels for print and for e-readers: crop, resample to the placed size at
//! the print resolution, grayscale or photocopy halftone, and encoding.
//!
//! Nothing is done twice or for nothing: a file that needs no change goes
//! into the EPUB, or (a JPEG) into the PDF, as it is; an image that needs no
//! resampling is made once per print mode, whole, and each layout shows its
//! crop of it; the rest is memoised per crop, size and mode.

use super::halftone::{clustered_matrix, lift_contrast, luma, luma_row, ordered_dither};
use super::resample::{self, View};
use super::{
    Decoded, Encoded, Encoding, Format, Picture, Pixels, PrintData, PrintImage, PrintMode, Printed,
};
use anyhow::{anyhow, Context, Result};
use image::codecs::png::CompressionType;
use image::{GrayImage, ImageEncoder, RgbImage};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Widest EPUB image, in pixels, and tallest. Kindle's store asks for covers
/// of 1600×2560 (its ideal size, 1:1.6), Apple Books for at least 1400 px on
/// the short side, Kobo for about 1600×2400: an image within 1600×2560 goes
/// into the EPUB as it is, a larger one is scaled down to fit.
pub const EPUB_MAX_WIDTH: u32 = 1600;
pub const EPUB_MAX_HEIGHT: u32 = 2560;
/// JPEG quality for photos.
pub const JPEG_QUALITY: u8 = 88;
/// Halftone screen frequency in photocopy mode, lines per inch.
pub const HALFTONE_LPI: f32 = 60.0;

/// A part of an image, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl Crop {
    /// All of a `width`×`height` image.
    pub fn whole((width, height): (u32, u32)) -> Crop {
        Crop {
            x: 0,
            y: 0,
            width,
            height,
        }
    }
}

/// The centred part of a `w`×`h` image with the aspect ratio `aspect` (width / height).
pub fn crop_to_aspect(w: u32, h: u32, aspect: f32) -> Crop {
    let own = w as f32 / h as f32;
    if own > aspect {
        let cw = ((h as f32 * aspect).round() as u32).clamp(1, w);
        Crop {
            x: (w - cw) / 2,
            y: 0,
            width: cw,
            height: h,
        }
    } else {
        let ch = ((w as f32 / aspect).round() as u32).clamp(1, h);
        Crop {
            x: 0,
            y: (h - ch) / 2,
            width: w,
            height: ch,
        }
    }
}

/// Pixels across a length in points at `dpi`.
pub fn pixels_for(points: f32, dpi: u32) -> u32 {
    ((points / 72.0 * dpi as f32).round() as u32).max(1)
}

/// The pixel size to embed for a crop placed at `want` pixels: the print size,
/// except that color and gray images are never enlarged (the viewer scales them);
/// photocopy images are always made at the print resolution, where the halftone is drawn.
pub fn embed_size(crop: (u32, u32), want: (u32, u32), mode: PrintMode) -> (u32, u32) {
    if mode == PrintMode::Photocopy || (crop.0 >= want.0 && crop.1 >= want.1) {
        return (want.0.max(1), want.1.max(1));
    }
    crop
}

/// What a print image is made from: which part, at what size, how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrintKey {
    crop: Crop,
    size: (u32, u32),
    mode: PrintMode,
    /// The halftone cell in pixels (photocopy), else 0.
    cell: u32,
}

impl PrintKey {
    pub fn mode(&self) -> PrintMode {
        self.mode
    }
}

/// Prepares `crop` of a picture to be placed `w_pt`×`h_pt` points at `dpi` in `mode`.
pub fn for_print(
    pic: &Picture,
    crop: Crop,
    w_pt: f32,
    h_pt: f32,
    dpi: u32,
    mode: PrintMode,
) -> Result<Printed> {
    let (key, shown) = print_key(pic, crop, w_pt, h_pt, dpi, mode);
    let image = pic.print_image(key, || make(pic, key))?;
    Ok(Printed { image, shown })
}

/// The print image [`for_print`] makes (or finds made) for these arguments,
/// and the part of it shown. It depends on nothing else, so what a layout
/// will ask for is known before it is typeset.
pub fn print_key(
    pic: &Picture,
    crop: Crop,
    w_pt: f32,
    h_pt: f32,
    dpi: u32,
    mode: PrintMode,
) -> (PrintKey, Crop) {
    let want = (pixels_for(w_pt, dpi), pixels_for(h_pt, dpi));
    let size = embed_size((crop.width, crop.height), want, mode);
    let cell = if mode == PrintMode::Photocopy {
        ((dpi as f32 / HALFTONE_LPI).round() as u32).max(3)
    } else {
        0
    };
    // At or below the print resolution the pixels stay as they are: make the
    // whole image once in this mode and let each layout show its crop, so
    // the booklets share one image, and a JPEG in color is the file itself.
    // Photocopy stretches the contrast of what shows, so it keeps its crop.
    if size == (crop.width, crop.height) && mode != PrintMode::Photocopy {
        let whole = Crop::whole(pic.dimensions());
        let key = PrintKey {
            crop: whole,
            size: pic.dimensions(),
            mode,
            cell,
        };
        return (key, crop);
    }
    let key = PrintKey {
        crop,
        size,
        mode,
        cell,
    };
    (key, Crop::whole(size))
}

/// Whether making `key` reads the decoded pixels: all but a JPEG file
/// embedded as it is.
pub fn needs_pixels(pic: &Picture, key: PrintKey) -> bool {
    let Some(original) = &pic.original else {
        return true;
    };
    let as_is = original.header.embeddable() && original.header.format == Format::Jpeg;
    let unchanged = key.crop == Crop::whole(pic.dimensions()) && key.size == pic.dimensions();
    let kept =
        key.mode == PrintMode::Color || (key.mode == PrintMode::Grayscale && original.header.gray);
    !(as_is && unchanged && kept)
}

/// A PNG file's own compressed samples, for a print image that shows its
/// pixels as they are stored, when they can go into a PDF unchanged
/// ([`crate::pdf::png_samples`]) and the picture is flat art by its size
/// (gray always is: it has at most 256 levels), as a decoded flat picture
/// shown unchanged would be embedded: then nothing is decoded.
fn stored_samples(pic: &Picture, key: PrintKey) -> Option<PrintData> {
    let original = pic
        .original
        .as_ref()
        .filter(|o| o.header.format == Format::Png && o.header.embeddable())?;
    let whole = key.crop == Crop::whole(pic.dimensions()) && key.size == pic.dimensions();
    let gray = original.header.gray;
    let kept = key.mode == PrintMode::Color || (key.mode == PrintMode::Grayscale && gray);
    if !(whole && kept && (gray || super::flat::flat_png(&original.bytes, &original.header))) {
        return None;
    }
    let colors = if gray { 1 } else { 3 };
    let (w, h) = key.size;
    let data = crate::pdf::png_samples(&original.bytes, w, h, colors)?;
    Some(PrintData::Samples {
        data: Arc::new(data),
        colors,
    })
}

/// Makes the print image `key` asks for.
fn make(pic: &Picture, key: PrintKey) -> Result<PrintImage> {
    let PrintKey {
        crop,
        size: (w, h),
        mode,
        cell,
    } = key;
    let mut hasher = std::hash::DefaultHasher::new();
    (&pic.file, key).hash(&mut hasher);
    let id = hasher.finish();
    let image = |data, bilevel| PrintImage::new(w, h, data, bilevel, pic.file.clone(), id);
    // The file's pixels as they are: a PNG's compressed samples can go into a PDF unchanged.
    let as_file = |pixels: Arc<Pixels>| {
        let png = pic
            .original
            .as_ref()
            .filter(|o| o.header.format == Format::Png && !o.header.turned);
        let img = image(PrintData::Pixels(pixels), false);
        match png {
            Some(o) => img.from_png(o.bytes.clone()),
            None => img,
        }
    };
    // A JPEG that needs no change is embedded as it is (PDF viewers decode its DCT data themselves).
    if let Some(original) = pic.original.as_ref().filter(|_| !needs_pixels(pic, key)) {
        return Ok(image(PrintData::Jpeg(original.bytes.clone()), false));
    }
    if let Some(data) = stored_samples(pic, key) {
        return Ok(image(data, false));
    }
    let what = || format!("{}: cannot encode the image for print", pic.file.display());
    let Decoded { pixels, flat } = pic
        .decoded()
        .map_err(|m| anyhow!("{}: cannot use the image: {m}", pic.file.display()))?;
    let unchanged = crop == Crop::whole(pixels.dimensions()) && (w, h) == pixels.dimensions();
    match (mode, &*pixels) {
        (PrintMode::Color, Pixels::Rgb(rgb)) => {
            if flat && unchanged {
                return Ok(as_file(pixels.clone()));
            }
            if flat {
                let out = RgbImage::from_raw(w, h, resample::resize(&view_rgb(rgb, crop), w, h))
                    .expect("resize makes w×h pixels");
                return Ok(image(PrintData::Pixels(Arc::new(Pixels::Rgb(out))), false));
            }
            let resized;
            let raw = if unchanged {
                rgb.as_raw()
            } else {
                resized = resample::resize(&view_rgb(rgb, crop), w, h);
                &resized
            };
            let jpeg = jpeg_bytes(raw, w, h, image::ExtendedColorType::Rgb8).with_context(what)?;
            Ok(image(PrintData::Jpeg(Arc::new(jpeg)), false))
        }
        (PrintMode::Color | PrintMode::Grayscale, pixels_now) => {
            if flat && unchanged && matches!(pixels_now, Pixels::Gray(_)) {
                return Ok(as_file(pixels.clone()));
            }
            let gray = gray_at(pixels_now, crop, w, h);
            if flat {
                return Ok(image(
                    PrintData::Pixels(Arc::new(Pixels::Gray(gray))),
                    false,
                ));
            }
            let jpeg =
                jpeg_bytes(gray.as_raw(), w, h, image::ExtendedColorType::L8).with_context(what)?;
            Ok(image(PrintData::Jpeg(Arc::new(jpeg)), false))
        }
        (PrintMode::Photocopy, pixels_now) => {
            let mut gray = gray_at(pixels_now, crop, w, h);
            lift_contrast(&mut gray);
            let bw = ordered_dither(&gray, &clustered_matrix(cell));
            Ok(image(PrintData::Pixels(Arc::new(Pixels::Gray(bw))), true))
        }
    }
}

/// The image for an EPUB: the file as it is when it is a PNG or JPEG of plain
/// 8-bit pixels, shown as stored, within 1600×2560 pixels; else decoded,
/// scaled down to fit, and encoded as JPEG (photos) or PNG (flat art).
pub fn for_epub(pic: &Picture) -> Result<Encoded> {
    fitted(pic, EPUB_MAX_WIDTH, EPUB_MAX_HEIGHT)
}

/// The picture within `max_w`×`max_h` pixels: the file as it is when it is a
/// PNG or JPEG of plain 8-bit pixels, shown as stored, that fits; else decoded,
/// scaled down to fit, and encoded as JPEG (photos) or PNG (flat art).
pub fn fitted(pic: &Picture, max_w: u32, max_h: u32) -> Result<Encoded> {
    fit(
        pic,
        max_w,
        max_h,
        resample::resize,
        CompressionType::Default,
    )
}

/// A copy for a page that only shows the picture, scaled by the browser
/// (the preview page's cover): the file itself when it is a PNG or JPEG of
/// plain pixels, shown as stored, of at most `max_bytes`, so nothing is
/// decoded; else scaled within `max_w`×`max_h` pixels as [`fitted`] does,
/// but with [`resample::resize_small`], several times faster, and a PNG
/// deflated at the fast level (a few kilobytes more, a third of the work).
pub fn shown_copy(pic: &Picture, max_w: u32, max_h: u32, max_bytes: usize) -> Result<Encoded> {
    if let Some(file) = as_is(pic).filter(|e| e.data.len() <= max_bytes) {
        return Ok(file);
    }
    fit(
        pic,
        max_w,
        max_h,
        resample::resize_small,
        CompressionType::Fast,
    )
}

/// The picture's file as it is, when it is a PNG or JPEG of plain 8-bit
/// pixels shown as stored.
fn as_is(pic: &Picture) -> Option<Encoded> {
    let original = pic.original.as_ref()?;
    let encoding = match original.header.format {
        Format::Png => Encoding::Png,
        Format::Jpeg => Encoding::Jpeg,
        Format::WebP => return None,
    };
    let (width, height) = pic.dimensions();
    original.header.embeddable().then(|| Encoded {
        data: original.bytes.clone(),
        encoding,
        width,
        height,
    })
}

fn fit(
    pic: &Picture,
    max_w: u32,
    max_h: u32,
    resize: fn(&View, u32, u32) -> Vec<u8>,
    png: CompressionType,
) -> Result<Encoded> {
    let (w, h) = pic.dimensions();
    let (tw, th) = fit_within(w, h, max_w, max_h);
    if let Some(file) = as_is(pic).filter(|_| (tw, th) == (w, h)) {
        return Ok(file);
    }
    let what = || format!("{}: cannot encode the image", pic.file.display());
    let Decoded { pixels, flat } = pic
        .decoded()
        .map_err(|m| anyhow!("{}: cannot use the image: {m}", pic.file.display()))?;
    let whole = Crop::whole((w, h));
    let (data, encoding) = match &*pixels {
        Pixels::Rgb(rgb) => {
            let out = resize(&view_rgb(rgb, whole), tw, th);
            encode(&out, tw, th, image::ExtendedColorType::Rgb8, flat, png).with_context(what)?
        }
        Pixels::Gray(g) => {
            let out = resize(&view_gray(g, whole), tw, th);
            encode(&out, tw, th, image::ExtendedColorType::L8, flat, png).with_context(what)?
        }
    };
    Ok(Encoded {
        data: Arc::new(data),
        encoding,
        width: tw,
        height: th,
    })
}

/// The size of `w`×`h` scaled down (never up) to fit within `max_w`×`max_h`.
pub fn fit_within(w: u32, h: u32, max_w: u32, max_h: u32) -> (u32, u32) {
    if w <= max_w && h <= max_h {
        return (w, h);
    }
    let scale = (max_w as f64 / w as f64).min(max_h as f64 / h as f64);
    (
        ((w as f64 * scale).round() as u32).clamp(1, max_w),
        ((h as f64 * scale).round() as u32).clamp(1, max_h),
    )
}

fn view_rgb(img: &RgbImage, c: Crop) -> View<'_> {
    View {
        data: img.as_raw(),
        stride: img.width() as usize * 3,
        channels: 3,
        x: c.x,
        y: c.y,
        width: c.width,
        height: c.height,
    }
}

fn view_gray(img: &GrayImage, c: Crop) -> View<'_> {
    View {
        data: img.as_raw(),
        stride: img.width() as usize,
        channels: 1,
        x: c.x,
        y: c.y,
        width: c.width,
        height: c.height,
    }
}

/// `crop` of the pixels in gray, resampled to `w`×`h`. Color turns gray
/// before resampling, which then has a third of the work.
fn gray_at(pixels: &Pixels, crop: Crop, w: u32, h: u32) -> GrayImage {
    let resized = match pixels {
        Pixels::Gray(g) => resample::resize(&view_gray(g, crop), w, h),
        Pixels::Rgb(rgb) if (crop.width, crop.height) == (w, h) => return luma(rgb, crop),
        // Each row turned gray as it is read: no gray copy of the whole crop.
        Pixels::Rgb(rgb) => resample::resize_mapped(&view_rgb(rgb, crop), w, h, luma_row),
    };
    GrayImage::from_raw(w, h, resized).expect("resize makes w×h pixels")
}

/// PNG for flat art, JPEG for photos.
fn encode(
    raw: &[u8],
    w: u32,
    h: u32,
    color: image::ExtendedColorType,
    flat: bool,
    png: CompressionType,
) -> Result<(Vec<u8>, Encoding)> {
    if flat {
        return Ok((png_bytes(raw, w, h, color, png)?, Encoding::Png));
    }
    Ok((jpeg_bytes(raw, w, h, color)?, Encoding::Jpeg))
}

fn png_bytes(
    raw: &[u8],
    w: u32,
    h: u32,
    color: image::ExtendedColorType,
    level: CompressionType,
) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let enc = image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        level,
        image::codecs::png::FilterType::Adaptive,
    );
    enc.write_image(raw, w, h, color)?;
    Ok(out)
}

/// JPEG bytes of 8-bit gray (`L8`) or RGB (`Rgb8`) pixels, made with
/// jpeg-encoder: an integer DCT (AVX2 where the processor has it), several
/// times faster than the `image` crate's encoder at the same quality.
fn jpeg_bytes(raw: &[u8], w: u32, h: u32, color: image::ExtendedColorType) -> Result<Vec<u8>> {
    let color = match color {
        image::ExtendedColorType::L8 => jpeg_encoder::ColorType::Luma,
        image::ExtendedColorType::Rgb8 => jpeg_encoder::ColorType::Rgb,
        other => anyhow::bail!("cannot make a JPEG of {other:?} pixels"),
    };
    let (w, h) = (u16::try_from(w)?, u16::try_from(h)?);
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY).encode(raw, w, h, color)?;
    Ok(out)
}

#[cfg(test)]
pub(super) mod tests;
