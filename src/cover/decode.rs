//! Decoding image files safely: size and allocation limits (a decompression
//! bomb is an error, not an out-of-memory), EXIF orientation, and color
//! normalized to 8-bit sRGB or gray with alpha flattened onto white.

use super::{Picture, Pixels};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::path::Path;

/// Largest image file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest width or height accepted, in pixels (a 300 dpi A3 poster is 4961 × 3508).
pub const MAX_SIDE: u32 = 12_000;
/// Largest decoded size, in pixels (about 100 megapixels).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Most memory the decoder may allocate.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// Reads and decodes an image file. Errors say what is wrong and what to do;
/// the caller adds the file name.
pub fn read(path: &Path) -> Result<Picture, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the image: {e}"))?;
    if !meta.is_file() {
        return Err("not a file; give the path of a PNG, JPEG or WebP image".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("the image file is {} MB, over the limit of {} MB; save it smaller", meta.len() / 1_000_000, MAX_FILE_BYTES / 1_000_000));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the image: {e}"))?;
    let pixels = decode(&bytes)?;
    let flat = is_flat(&pixels);
    Ok(Picture { file: path.to_path_buf(), pixels, flat })
}

/// Checks a decoded size against the limits.
pub fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err("the image has no pixels".to_string());
    }
    if width > MAX_SIDE || height > MAX_SIDE || width as u64 * height as u64 > MAX_PIXELS {
        return Err(format!(
            "the image declares {width}×{height} pixels, over the limit of {MAX_SIDE} pixels a side and {} megapixels \
             (a damaged file or a decompression bomb?); a cover needs about 2500×3500 pixels, so scale it down",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Decodes PNG, JPEG or WebP bytes (sniffed, not trusted from the name).
pub fn decode(bytes: &[u8]) -> Result<Pixels, String> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| format!("cannot read the image: {e}"))?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP) => {}
        Some(other) => return Err(format!("{other:?} images are not supported; save it as PNG, JPEG or WebP")),
        None => return Err("not a PNG, JPEG or WebP image (the file's bytes say otherwise); save it as one of those".to_string()),
    }
    let mut decoder = reader.into_decoder().map_err(|e| format!("cannot decode the image: {e}; save it again as PNG, JPEG or WebP"))?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    decoder.set_limits(limits).map_err(|e| format!("the image is too large to decode safely: {e}"))?;
    // A missing or broken EXIF block means no rotation, not a failure.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot decode the image: {e}; the file may be damaged, save it again"))?;
    img.apply_orientation(orientation);
    Ok(normalize(img))
}

/// 8-bit gray for gray images, 8-bit RGB for the rest; alpha flattened onto white.
pub fn normalize(img: DynamicImage) -> Pixels {
    let color = img.color();
    if !color.has_color() {
        let la = img.to_luma_alpha8();
        let gray = image::GrayImage::from_fn(la.width(), la.height(), |x, y| {
            let p = la.get_pixel(x, y).0;
            image::Luma([over_white(p[0], p[1])])
        });
        return Pixels::Gray(gray);
    }
    if color.has_alpha() {
        let rgba = img.to_rgba8();
        let rgb = image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
            let p = rgba.get_pixel(x, y).0;
            image::Rgb([over_white(p[0], p[3]), over_white(p[1], p[3]), over_white(p[2], p[3])])
        });
        return Pixels::Rgb(rgb);
    }
    Pixels::Rgb(img.to_rgb8())
}

/// A channel value with alpha `a` composited onto white.
pub fn over_white(v: u8, a: u8) -> u8 {
    ((v as u32 * a as u32 + 255 * (255 - a as u32) + 127) / 255) as u8
}

/// Whether an image has few colors (flat art) rather than a photo's many.
pub fn is_flat(pixels: &Pixels) -> bool {
    const MAX_COLORS: usize = 256;
    let mut seen = std::collections::HashSet::with_capacity(MAX_COLORS + 1);
    let mut add = |key: u32| {
        seen.insert(key);
        seen.len() <= MAX_COLORS
    };
    match pixels {
        Pixels::Gray(g) => g.pixels().all(|p| add(p.0[0] as u32)),
        Pixels::Rgb(c) => c.pixels().all(|p| add(u32::from_le_bytes([p.0[0], p.0[1], p.0[2], 0]))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage};

    fn png(img: &RgbImage, exif: Option<Vec<u8>>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = image::codecs::png::PngEncoder::new(&mut out);
        if let Some(e) = exif {
            enc.set_exif_metadata(e).unwrap();
        }
        enc.write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8).unwrap();
        out
    }

    /// A big-endian TIFF block holding only the orientation tag.
    fn exif_orientation(value: u16) -> Vec<u8> {
        let mut e = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        e.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        e.extend_from_slice(&value.to_be_bytes());
        e.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        e
    }

    #[test]
    fn exif_orientation_is_applied() {
        // 2×1: red then blue. Orientation 6 turns it 90° clockwise: 1×2, red on top.
        let mut img = RgbImage::new(2, 1);
        img.put_pixel(0, 0, Rgb([255, 0, 0]));
        img.put_pixel(1, 0, Rgb([0, 0, 255]));
        let Pixels::Rgb(out) = decode(&png(&img, Some(exif_orientation(6)))).unwrap() else { panic!("color stays color") };
        assert_eq!(out.dimensions(), (1, 2));
        assert_eq!(out.get_pixel(0, 0).0, [255, 0, 0]);
        assert_eq!(out.get_pixel(0, 1).0, [0, 0, 255]);
        let Pixels::Rgb(plain) = decode(&png(&img, None)).unwrap() else { panic!() };
        assert_eq!(plain.dimensions(), (2, 1));
    }

    #[test]
    fn limits_refuse_huge_sizes_before_decoding() {
        assert!(check_size(2000, 3000).is_ok());
        let msg = check_size(100_000, 100_000).unwrap_err();
        assert!(msg.contains("100000×100000") && msg.contains("scale it down"), "{msg}");
        assert!(check_size(11_000, 11_000).is_err(), "121 megapixels");
        assert!(check_size(0, 10).is_err());
    }

    #[test]
    fn a_bomb_header_is_an_error_not_an_allocation() {
        // A valid PNG that declares 100000×100000 gray pixels but holds one.
        let bytes = include_bytes!("../../tests/bad-inputs/bomb.png").to_vec();
        let msg = decode(&bytes).map(|_| ()).unwrap_err();
        assert!(msg.contains("100000×100000"), "{msg}");
    }

    #[test]
    fn not_an_image_says_so() {
        let msg = decode(b"hello, this is text").map(|_| ()).unwrap_err();
        assert!(msg.contains("PNG, JPEG or WebP"), "{msg}");
        let msg = decode(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]).map(|_| ()).unwrap_err();
        assert!(msg.contains("cannot decode"), "{msg}");
    }

    #[test]
    fn alpha_is_flattened_onto_white_and_gray_stays_gray() {
        assert_eq!(over_white(0, 0), 255);
        assert_eq!(over_white(0, 255), 0);
        assert_eq!(over_white(100, 128), 177);
        let la = image::GrayAlphaImage::from_pixel(2, 2, image::LumaA([0, 0]));
        let Pixels::Gray(g) = normalize(DynamicImage::ImageLumaA8(la)) else { panic!("gray stays gray") };
        assert!(g.pixels().all(|p| p.0[0] == 255));
        let rgb16 = image::ImageBuffer::<Rgb<u16>, _>::from_pixel(1, 1, Rgb([65535u16, 0, 0]));
        let Pixels::Rgb(c) = normalize(DynamicImage::ImageRgb16(rgb16)) else { panic!() };
        assert_eq!(c.get_pixel(0, 0).0, [255, 0, 0], "16-bit becomes 8-bit");
    }

    #[test]
    fn flat_art_has_few_colors() {
        let flat = Pixels::Rgb(RgbImage::from_fn(64, 64, |x, _| Rgb([if x < 32 { 0 } else { 255 }, 10, 10])));
        assert!(is_flat(&flat));
        let photo = Pixels::Rgb(RgbImage::from_fn(64, 64, |x, y| Rgb([x as u8 * 4, y as u8 * 4, (x + y) as u8])));
        assert!(!is_flat(&photo));
    }
}
