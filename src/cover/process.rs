//! Pixels for print and for e-readers: crop, resample to the placed size at
//! the print resolution, grayscale or photocopy halftone, and encoding.

use super::{Encoded, Encoding, Picture, Pixels, PrintMode};
use anyhow::{Context, Result};
use image::imageops::{self, FilterType};
use image::{GrayImage, ImageEncoder, Luma};
use std::sync::Arc;

/// Longest side of an EPUB image, in pixels.
pub const EPUB_MAX_SIDE: u32 = 1600;
/// JPEG quality for photos.
pub const JPEG_QUALITY: u8 = 88;
/// Halftone screen frequency in photocopy mode, lines per inch.
pub const HALFTONE_LPI: f32 = 60.0;

/// A part of an image, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The centred part of a `w`×`h` image with the aspect ratio `aspect` (width / height).
pub fn crop_to_aspect(w: u32, h: u32, aspect: f32) -> Crop {
    let own = w as f32 / h as f32;
    if own > aspect {
        let cw = ((h as f32 * aspect).round() as u32).clamp(1, w);
        Crop { x: (w - cw) / 2, y: 0, width: cw, height: h }
    } else {
        let ch = ((w as f32 / aspect).round() as u32).clamp(1, h);
        Crop { x: 0, y: (h - ch) / 2, width: w, height: ch }
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

/// Prepares `crop` of a picture to be placed `w_pt`×`h_pt` points at `dpi` in `mode`.
pub fn for_print(pic: &Picture, crop: Crop, w_pt: f32, h_pt: f32, dpi: u32, mode: PrintMode) -> Result<Encoded> {
    let want = (pixels_for(w_pt, dpi), pixels_for(h_pt, dpi));
    let (w, h) = embed_size((crop.width, crop.height), want, mode);
    let what = || format!("{}: cannot encode the image for print", pic.file.display());
    match (mode, &pic.pixels) {
        (PrintMode::Color, Pixels::Rgb(rgb)) => {
            let cut = imageops::crop_imm(rgb, crop.x, crop.y, crop.width, crop.height).to_image();
            let out = resize(&cut, w, h);
            encode_rgb(&out, pic.flat).with_context(what)
        }
        (PrintMode::Color | PrintMode::Grayscale, pixels) => {
            let gray = resize(&crop_gray(pixels, crop), w, h);
            encode_gray(&gray, pic.flat, false).with_context(what)
        }
        (PrintMode::Photocopy, pixels) => {
            let mut gray = resize(&crop_gray(pixels, crop), w, h);
            lift_contrast(&mut gray);
            let cell = ((dpi as f32 / HALFTONE_LPI).round() as u32).max(3);
            let bw = ordered_dither(&gray, &clustered_matrix(cell));
            encode_gray(&bw, true, true).with_context(what)
        }
    }
}

/// The image for an EPUB: longest side at most 1600 px, JPEG for photos, PNG for flat art.
pub fn for_epub(pic: &Picture) -> Result<Encoded> {
    let (w, h) = pic.dimensions();
    let (tw, th) = fit_within(w, h, EPUB_MAX_SIDE);
    let what = || format!("{}: cannot encode the image for the EPUB", pic.file.display());
    match &pic.pixels {
        Pixels::Rgb(rgb) => encode_rgb(&resize(rgb, tw, th), pic.flat).with_context(what),
        Pixels::Gray(g) => encode_gray(&resize(g, tw, th), pic.flat, false).with_context(what),
    }
}

/// The size of `w`×`h` scaled down (never up) so its longest side is at most `max`.
pub fn fit_within(w: u32, h: u32, max: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= max {
        return (w, h);
    }
    let scale = max as f64 / long as f64;
    (((w as f64 * scale).round() as u32).clamp(1, max), ((h as f64 * scale).round() as u32).clamp(1, max))
}

fn crop_gray(pixels: &Pixels, c: Crop) -> GrayImage {
    match pixels {
        Pixels::Gray(g) => imageops::crop_imm(g, c.x, c.y, c.width, c.height).to_image(),
        Pixels::Rgb(rgb) => image::DynamicImage::ImageRgb8(imageops::crop_imm(rgb, c.x, c.y, c.width, c.height).to_image()).to_luma8(),
    }
}

/// Resamples to exactly `w`×`h`: a box filter first for large reductions (fast,
/// no aliasing), then Catmull-Rom; the same size is returned as it is.
fn resize<P>(img: &image::ImageBuffer<P, Vec<u8>>, w: u32, h: u32) -> image::ImageBuffer<P, Vec<u8>>
where
    P: image::Pixel<Subpixel = u8> + 'static,
{
    if img.dimensions() == (w, h) {
        return img.clone();
    }
    let (sw, sh) = img.dimensions();
    if sw >= w * 3 && sh >= h * 3 {
        let pre = imageops::thumbnail(img, w * 2, h * 2);
        return imageops::resize(&pre, w, h, FilterType::CatmullRom);
    }
    imageops::resize(img, w, h, FilterType::CatmullRom)
}

/// Stretches the gray levels so the darkest 1% become black and the lightest
/// 1% white: a photocopier then has full contrast to work with.
pub fn lift_contrast(img: &mut GrayImage) {
    let mut hist = [0u64; 256];
    for p in img.pixels() {
        hist[p.0[0] as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    let cut = total / 100;
    let level = |from_top: bool| {
        let mut acc = 0;
        for i in 0..256 {
            let v = if from_top { 255 - i } else { i };
            acc += hist[v];
            if acc > cut {
                return v as f32;
            }
        }
        if from_top { 255.0 } else { 0.0 }
    };
    let (lo, hi) = (level(false), level(true));
    if hi - lo < 8.0 {
        return;
    }
    for p in img.pixels_mut() {
        p.0[0] = ((p.0[0] as f32 - lo) / (hi - lo) * 255.0).round().clamp(0.0, 255.0) as u8;
    }
}

/// An `n`×`n` clustered-dot threshold matrix: black dots grow from each
/// cell's centre (and white holes shrink at its corners), which a
/// photocopier keeps better than scattered single pixels. Values 0..n²-1.
pub fn clustered_matrix(n: u32) -> Vec<u32> {
    let c = (n as f32 - 1.0) / 2.0;
    let mut order: Vec<(f32, u32)> = (0..n * n)
        .map(|i| {
            let (x, y) = ((i % n) as f32 - c, (i / n) as f32 - c);
            // Distance from the centre; ties broken by angle so the dot grows round.
            (x * x + y * y + y.atan2(x) * 1e-3, i)
        })
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut m = vec![0; (n * n) as usize];
    for (rank, (_, i)) in order.into_iter().enumerate() {
        m[i as usize] = rank as u32;
    }
    m
}

/// Ordered dithering with a threshold matrix: every pixel becomes 0 or 255.
pub fn ordered_dither(img: &GrayImage, matrix: &[u32]) -> GrayImage {
    let n = (matrix.len() as f32).sqrt().round() as u32;
    let levels = (n * n) as f32;
    GrayImage::from_fn(img.width(), img.height(), |x, y| {
        let darkness = 255 - img.get_pixel(x, y).0[0] as u32;
        let t = matrix[((y % n) * n + x % n) as usize] as f32;
        // A pixel is black when the darkness passes its threshold.
        let black = (darkness as f32 / 255.0) * levels > t + 0.5;
        Luma([if black { 0 } else { 255 }])
    })
}

fn encode_rgb(img: &image::RgbImage, flat: bool) -> Result<Encoded> {
    let (data, encoding) = if flat {
        (png_bytes(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)?, Encoding::Png)
    } else {
        (jpeg_bytes(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)?, Encoding::Jpeg)
    };
    Ok(Encoded { data: Arc::new(data), encoding, width: img.width(), height: img.height(), bilevel: false })
}

fn encode_gray(img: &GrayImage, flat: bool, bilevel: bool) -> Result<Encoded> {
    let (data, encoding) = if flat {
        (png_bytes(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::L8)?, Encoding::Png)
    } else {
        (jpeg_bytes(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::L8)?, Encoding::Jpeg)
    };
    Ok(Encoded { data: Arc::new(data), encoding, width: img.width(), height: img.height(), bilevel })
}

fn png_bytes(raw: &[u8], w: u32, h: u32, color: image::ExtendedColorType) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let enc = image::codecs::png::PngEncoder::new_with_quality(&mut out, image::codecs::png::CompressionType::Default, image::codecs::png::FilterType::Adaptive);
    enc.write_image(raw, w, h, color)?;
    Ok(out)
}

fn jpeg_bytes(raw: &[u8], w: u32, h: u32, color: image::ExtendedColorType) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).write_image(raw, w, h, color)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn photo(w: u32, h: u32) -> Picture {
        let rgb = RgbImage::from_fn(w, h, |x, y| Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, ((x + y) % 256) as u8]));
        Picture { file: "p.jpg".into(), pixels: Pixels::Rgb(rgb), flat: false }
    }

    #[test]
    fn crops_keep_the_centre_at_the_asked_aspect() {
        assert_eq!(crop_to_aspect(200, 100, 1.0), Crop { x: 50, y: 0, width: 100, height: 100 });
        assert_eq!(crop_to_aspect(100, 300, 0.5), Crop { x: 0, y: 50, width: 100, height: 200 });
        assert_eq!(crop_to_aspect(100, 100, 1.0), Crop { x: 0, y: 0, width: 100, height: 100 });
    }

    #[test]
    fn resampling_sizes_follow_placed_size_and_dpi() {
        // A5 (420×595 pt) at 300 dpi.
        assert_eq!((pixels_for(420.0, 300), pixels_for(595.0, 300)), (1750, 2479));
        assert_eq!(pixels_for(72.0, 150), 150);
        // Big photos come down to the print size; small ones are not enlarged, except for photocopy.
        assert_eq!(embed_size((4000, 6000), (1750, 2479), PrintMode::Color), (1750, 2479));
        assert_eq!(embed_size((800, 1100), (1750, 2479), PrintMode::Grayscale), (800, 1100));
        assert_eq!(embed_size((800, 1100), (1750, 2479), PrintMode::Photocopy), (1750, 2479));
        assert_eq!(fit_within(4000, 3000, 1600), (1600, 1200));
        assert_eq!(fit_within(900, 1200, 1600), (900, 1200));
        assert_eq!(fit_within(1000, 5000, 1600), (320, 1600));
    }

    #[test]
    fn for_print_embeds_the_print_size() {
        let pic = photo(600, 800);
        let crop = crop_to_aspect(600, 800, 0.75);
        let e = for_print(&pic, crop, 144.0, 192.0, 150, PrintMode::Color).unwrap();
        assert_eq!((e.width, e.height, e.encoding), (300, 400, Encoding::Jpeg));
        let decoded = image::load_from_memory(&e.data).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (300, 400));
        let g = for_print(&pic, crop, 144.0, 192.0, 150, PrintMode::Grayscale).unwrap();
        assert_eq!(image::load_from_memory(&g.data).unwrap().color(), image::ColorType::L8);
    }

    #[test]
    fn photocopy_output_is_only_black_and_white() {
        let pic = photo(300, 300);
        let e = for_print(&pic, crop_to_aspect(300, 300, 1.0), 72.0, 72.0, 300, PrintMode::Photocopy).unwrap();
        assert_eq!((e.width, e.height, e.encoding, e.bilevel), (300, 300, Encoding::Png, true));
        let g = image::load_from_memory(&e.data).unwrap().to_luma8();
        let levels: std::collections::BTreeSet<u8> = g.pixels().map(|p| p.0[0]).collect();
        assert_eq!(levels.into_iter().collect::<Vec<_>>(), [0, 255]);
    }

    #[test]
    fn dithering_keeps_tone_with_only_0_and_255() {
        let m = clustered_matrix(6);
        let mut sorted = m.clone();
        sorted.sort();
        assert_eq!(sorted, (0..36).collect::<Vec<_>>(), "each threshold once");
        let centre: std::collections::BTreeSet<u32> = [m[14], m[15], m[20], m[21]].into();
        assert_eq!(centre, (0..4).collect(), "the dot starts at the centre");
        for level in [0u8, 40, 128, 200, 255] {
            let img = GrayImage::from_pixel(60, 60, Luma([level]));
            let out = ordered_dither(&img, &m);
            assert!(out.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
            let black = out.pixels().filter(|p| p.0[0] == 0).count() as f32 / 3600.0;
            let want = 1.0 - level as f32 / 255.0;
            assert!((black - want).abs() < 0.04, "level {level}: {black} black, want {want}");
        }
    }

    #[test]
    fn contrast_lift_stretches_to_full_range() {
        let mut img = GrayImage::from_fn(100, 1, |x, _| Luma([100 + x as u8]));
        lift_contrast(&mut img);
        assert_eq!(img.get_pixel(0, 0).0[0], 0);
        assert_eq!(img.get_pixel(99, 0).0[0], 255);
        let mut flat = GrayImage::from_pixel(10, 10, Luma([128]));
        lift_contrast(&mut flat);
        assert_eq!(flat.get_pixel(5, 5).0[0], 128, "a flat image is left alone");
    }

    #[test]
    fn epub_images_are_small_and_typed_by_content() {
        let e = for_epub(&photo(2000, 3000)).unwrap();
        assert_eq!((e.width, e.height, e.encoding), (1067, 1600, Encoding::Jpeg));
        let flat = Picture { file: "f.png".into(), pixels: Pixels::Rgb(RgbImage::from_pixel(100, 50, Rgb([200, 0, 0]))), flat: true };
        let f = for_epub(&flat).unwrap();
        assert_eq!((f.width, f.height, f.encoding), (100, 50, Encoding::Png));
    }
}
