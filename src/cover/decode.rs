//! Decoding image files safely: size and allocation limits (a decompression
//! bomb is an error, not an out-of-memory), EXIF orientation, and color
//! normalized to 8-bit sRGB or gray with alpha flattened onto white. The
//! header alone can be read first, so a file used as it is never gets decoded.

use super::{Format, Header, Picture, Pixels};
use image::metadata::Orientation;
use image::{ColorType, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
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

/// Reads an image file and its header, checking the size limits; the pixels
/// are decoded later, when something needs them. Errors say what is wrong and
/// what to do; the caller adds the file name.
pub fn read(path: &Path) -> Result<Picture, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the image: {e}"))?;
    if !meta.is_file() {
        return Err("not a file; give the path of a PNG, JPEG or WebP image".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the image file is {} MB, over the limit of {} MB; save it smaller",
            meta.len() / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the image: {e}"))?;
    let header = probe(&bytes)?;
    Ok(Picture::from_file(path.to_path_buf(), bytes, header))
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

/// A decoder for PNG, JPEG or WebP bytes (sniffed, not trusted from the name)
/// whose declared size is within the limits, and the format.
fn decoder(bytes: &[u8]) -> Result<(Box<dyn ImageDecoder + '_>, Format), String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    let format = match reader.format() {
        Some(ImageFormat::Png) => Format::Png,
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::WebP) => Format::WebP,
        Some(other) => return Err(format!("{other:?} images are not supported; save it as PNG, JPEG or WebP")),
        None => return Err("not a PNG, JPEG or WebP image (the file's bytes say otherwise); save it as one of those".to_string()),
    };
    let decoder = reader
        .into_decoder()
        .map_err(|e| format!("cannot decode the image: {e}; save it again as PNG, JPEG or WebP"))?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    Ok((Box::new(decoder), format))
}

/// Reads what the header says without decoding the pixels.
pub fn probe(bytes: &[u8]) -> Result<Header, String> {
    let (mut decoder, format) = decoder(bytes)?;
    let (w, h) = decoder.dimensions();
    // A missing or broken EXIF block means no rotation, not a failure.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (h, w),
        _ => (w, h),
    };
    let color = decoder.color_type();
    let gray = matches!(color, ColorType::L8);
    // The JPEG decoder reports CMYK and 12-bit files as RGB: look at the frame itself.
    let plain = matches!(color, ColorType::L8 | ColorType::Rgb8)
        && (format != Format::Jpeg || jpeg_frame(bytes).is_some_and(|f| f.plain()));
    Ok(Header {
        format,
        width,
        height,
        turned: orientation != Orientation::NoTransforms,
        plain,
        gray,
    })
}

/// Decodes PNG, JPEG or WebP bytes, turned by their EXIF orientation.
pub fn decode(bytes: &[u8]) -> Result<Pixels, String> {
    let (mut decoder, _) = decoder(bytes)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    decoder
        .set_limits(limits)
        .map_err(|e| format!("the image is too large to decode safely: {e}"))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| {
        format!("cannot decode the image: {e}; the file may be damaged, save it again")
    })?;
    img.apply_orientation(orientation);
    Ok(normalize(img))
}

/// A JPEG's frame header: its coding process, sample precision and components.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegFrame {
    /// The start-of-frame marker: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, …
    pub marker: u8,
    pub precision: u8,
    pub components: u8,
}

impl JpegFrame {
    /// Huffman-coded baseline or progressive, 8-bit, gray or YCbCr/RGB: what
    /// every PDF viewer and e-reader shows (not CMYK, 12-bit, arithmetic or lossless).
    pub fn plain(&self) -> bool {
        matches!(self.marker, 0xC0..=0xC2)
            && self.precision == 8
            && matches!(self.components, 1 | 3)
    }
}

/// Finds the frame header of JPEG bytes by walking the marker segments before it.
pub fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut i = 2;
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while *bytes.get(i)? != 0xFF {
            i += 1;
        }
        while *bytes.get(i)? == 0xFF {
            i += 1;
        }
        let marker = *bytes.get(i)?;
        i += 1;
        match marker {
            0xD0..=0xD7 | 0x01 => continue,
            0xD9 | 0xDA => return None,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let seg = bytes.get(i..i + 8)?;
                return Some(JpegFrame {
                    marker,
                    precision: seg[2],
                    components: seg[7],
                });
            }
            _ => {
                let len = u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]) as usize;
                i += len.max(2);
            }
        }
    }
}

/// 8-bit gray for gray images, 8-bit RGB for the rest; alpha flattened onto white.
pub fn normalize(img: DynamicImage) -> Pixels {
    match img {
        DynamicImage::ImageLuma8(g) => Pixels::Gray(g),
        DynamicImage::ImageRgb8(c) => Pixels::Rgb(c),
        img if !img.color().has_color() => {
            let la = img.into_luma_alpha8();
            let (w, h) = la.dimensions();
            let gray = la
                .as_raw()
                .chunks_exact(2)
                .map(|p| over_white(p[0], p[1]))
                .collect();
            Pixels::Gray(image::GrayImage::from_raw(w, h, gray).expect("one byte per pixel"))
        }
        img if img.color().has_alpha() => {
            let rgba = img.into_rgba8();
            let (w, h) = rgba.dimensions();
            let rgb = rgba
                .as_raw()
                .chunks_exact(4)
                .flat_map(|p| {
                    [
                        over_white(p[0], p[3]),
                        over_white(p[1], p[3]),
                        over_white(p[2], p[3]),
                    ]
                })
                .collect();
            Pixels::Rgb(image::RgbImage::from_raw(w, h, rgb).expect("three bytes per pixel"))
        }
        img => Pixels::Rgb(img.into_rgb8()),
    }
}

/// A channel value with alpha `a` composited onto white.
pub fn over_white(v: u8, a: u8) -> u8 {
    ((v as u32 * a as u32 + 255 * (255 - a as u32) + 127) / 255) as u8
}

/// Whether an image has few colors (flat art) rather than a photo's many.
pub fn is_flat(pixels: &Pixels) -> bool {
    match pixels {
        Pixels::Gray(g) => few_colors(changes(g.as_raw(), 1)),
        Pixels::Rgb(c) => few_colors(changes(c.as_raw(), 3)),
    }
}

/// The colors of the pixels (`n` bytes each) that differ from the pixel
/// before them, the first pixel included. Along a run of one color every
/// byte equals the byte `n` before it, so runs are skipped eight bytes at a time.
fn changes(data: &[u8], n: usize) -> impl Iterator<Item = u32> + '_ {
    let pixels = data.len() / n;
    let end = pixels * n;
    let color = move |p: usize| {
        let mut c = [0u8; 4];
        c[..n].copy_from_slice(&data[p * n..p * n + n]);
        u32::from_le_bytes(c)
    };
    let word = |k: usize| u64::from_le_bytes(data[k..k + 8].try_into().expect("eight bytes"));
    let mut next = 0;
    std::iter::from_fn(move || {
        if next >= pixels {
            return None;
        }
        if next == 0 {
            next = 1;
            return Some(color(0));
        }
        // The first byte from pixel `next` on that differs from the byte `n` before it.
        let mut k = next * n;
        let mut found = false;
        while k + 8 <= end {
            let diff = word(k) ^ word(k - n);
            if diff != 0 {
                k += diff.trailing_zeros() as usize / 8;
                found = true;
                break;
            }
            k += 8;
        }
        if !found {
            while k < end && data[k] == data[k - n] {
                k += 1;
            }
        }
        if k >= end {
            next = pixels;
            return None;
        }
        next = k / n + 1;
        Some(color(k / n))
    })
}

/// Whether at most 256 distinct colors occur. Flat art repeats a color for
/// long runs, so a run costs one comparison; the distinct colors go into a
/// small open-addressed table, and a photo stops the scan at its 257th color.
fn few_colors(colors: impl Iterator<Item = u32>) -> bool {
    const MAX_COLORS: usize = 256;
    const SLOTS: usize = 1024;
    const EMPTY: u32 = u32::MAX;
    let mut table = [EMPTY; SLOTS];
    let mut count = 0;
    let mut last = EMPTY;
    for c in colors {
        if c == last {
            continue;
        }
        last = c;
        let mut slot = (c.wrapping_mul(0x9E37_79B1) >> 22) as usize;
        loop {
            if table[slot] == c {
                break;
            }
            if table[slot] == EMPTY {
                table[slot] = c;
                count += 1;
                if count > MAX_COLORS {
                    return false;
                }
                break;
            }
            slot = (slot + 1) % SLOTS;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_the_pixels_unlike_the_one_before() {
        // The plain definition, pixel by pixel, against the run-skipping scan.
        let plain = |data: &[u8], n: usize| -> Vec<u32> {
            let mut out = Vec::new();
            let mut last = None;
            for p in data.chunks_exact(n) {
                let mut c = [0u8; 4];
                c[..n].copy_from_slice(p);
                let c = u32::from_le_bytes(c);
                if last != Some(c) {
                    out.push(c);
                }
                last = Some(c);
            }
            out
        };
        let mut runs = Vec::new();
        for (i, len) in [1usize, 7, 2, 30, 1, 1, 9, 64, 3].iter().enumerate() {
            for _ in 0..*len {
                runs.extend_from_slice(&[(i * 40) as u8, (i % 3) as u8, 9]);
            }
        }
        for data in [&runs[..], &runs[..runs.len() - 3], &runs[..5], &[][..]] {
            for n in [1, 3] {
                let data = &data[..data.len() / n * n];
                assert_eq!(changes(data, n).collect::<Vec<_>>(), plain(data, n));
            }
        }
    }
    use crate::cover::{Format, Header};
    use image::{ImageEncoder, Rgb, RgbImage};

    fn png(img: &RgbImage, exif: Option<Vec<u8>>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = image::codecs::png::PngEncoder::new(&mut out);
        if let Some(e) = exif {
            enc.set_exif_metadata(e).unwrap();
        }
        enc.write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
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
        let Pixels::Rgb(out) = decode(&png(&img, Some(exif_orientation(6)))).unwrap() else {
            panic!("color stays color")
        };
        assert_eq!(out.dimensions(), (1, 2));
        assert_eq!(out.get_pixel(0, 0).0, [255, 0, 0]);
        assert_eq!(out.get_pixel(0, 1).0, [0, 0, 255]);
        let Pixels::Rgb(plain) = decode(&png(&img, None)).unwrap() else {
            panic!()
        };
        assert_eq!(plain.dimensions(), (2, 1));
    }

    #[test]
    fn limits_refuse_huge_sizes_before_decoding() {
        assert!(check_size(2000, 3000).is_ok());
        let msg = check_size(100_000, 100_000).unwrap_err();
        assert!(
            msg.contains("100000×100000") && msg.contains("scale it down"),
            "{msg}"
        );
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
        let msg = decode(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
            .map(|_| ())
            .unwrap_err();
        assert!(msg.contains("cannot decode"), "{msg}");
    }

    #[test]
    fn alpha_is_flattened_onto_white_and_gray_stays_gray() {
        assert_eq!(over_white(0, 0), 255);
        assert_eq!(over_white(0, 255), 0);
        assert_eq!(over_white(100, 128), 177);
        let la = image::GrayAlphaImage::from_pixel(2, 2, image::LumaA([0, 0]));
        let Pixels::Gray(g) = normalize(DynamicImage::ImageLumaA8(la)) else {
            panic!("gray stays gray")
        };
        assert!(g.pixels().all(|p| p.0[0] == 255));
        let rgb16 = image::ImageBuffer::<Rgb<u16>, _>::from_pixel(1, 1, Rgb([65535u16, 0, 0]));
        let Pixels::Rgb(c) = normalize(DynamicImage::ImageRgb16(rgb16)) else {
            panic!()
        };
        assert_eq!(c.get_pixel(0, 0).0, [255, 0, 0], "16-bit becomes 8-bit");
    }

    fn jpeg(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
            .write_image(
                img.as_raw(),
                img.width(),
                img.height(),
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    }

    #[test]
    fn the_header_tells_size_format_turn_and_plainness() {
        let img = RgbImage::from_pixel(30, 20, Rgb([1, 2, 3]));
        let h = probe(&png(&img, None)).unwrap();
        assert_eq!(
            h,
            Header {
                format: Format::Png,
                width: 30,
                height: 20,
                turned: false,
                plain: true,
                gray: false
            }
        );
        assert!(h.embeddable());
        let turned = probe(&png(&img, Some(exif_orientation(6)))).unwrap();
        assert_eq!(
            (turned.width, turned.height, turned.turned),
            (20, 30, true),
            "shown size, after the turn"
        );
        assert!(!turned.embeddable());
        let j = probe(&jpeg(&img)).unwrap();
        assert_eq!(
            (j.format, j.width, j.height, j.plain),
            (Format::Jpeg, 30, 20, true)
        );
        // Alpha must be flattened, so the file cannot be used as it is.
        let mut rgba = Vec::new();
        image::codecs::png::PngEncoder::new(&mut rgba)
            .write_image(&[0u8; 4 * 4], 2, 2, image::ExtendedColorType::Rgba8)
            .unwrap();
        assert!(!probe(&rgba).unwrap().plain);
        // The bomb is refused from its header.
        let msg = probe(include_bytes!("../../tests/bad-inputs/bomb.png")).unwrap_err();
        assert!(msg.contains("100000×100000"), "{msg}");
    }

    #[test]
    fn jpeg_frames_are_found_and_judged() {
        let bytes = jpeg(&RgbImage::from_pixel(8, 8, Rgb([9, 9, 9])));
        let f = jpeg_frame(&bytes).unwrap();
        assert_eq!(
            f,
            JpegFrame {
                marker: 0xC0,
                precision: 8,
                components: 3
            }
        );
        assert!(f.plain());
        // A CMYK frame, a 12-bit one and an arithmetic-coded one are not plain.
        assert!(!JpegFrame {
            marker: 0xC2,
            precision: 8,
            components: 4
        }
        .plain());
        assert!(!JpegFrame {
            marker: 0xC1,
            precision: 12,
            components: 3
        }
        .plain());
        assert!(!JpegFrame {
            marker: 0xC9,
            precision: 8,
            components: 3
        }
        .plain());
        // An APP segment and fill bytes before the frame are skipped.
        let forged = [
            0xFF, 0xD8, 0xFF, 0xE1, 0, 4, 1, 2, 0xFF, 0xFF, 0xC2, 0, 11, 8, 0, 2, 0, 2, 1, 1, 0x11,
            0,
        ];
        assert_eq!(
            jpeg_frame(&forged),
            Some(JpegFrame {
                marker: 0xC2,
                precision: 8,
                components: 1
            })
        );
        assert_eq!(jpeg_frame(&forged[..12]), None, "cut short");
        assert_eq!(jpeg_frame(b"not a jpeg"), None);
    }

    #[test]
    fn flat_art_has_few_colors() {
        let flat = Pixels::Rgb(RgbImage::from_fn(64, 64, |x, _| {
            Rgb([if x < 32 { 0 } else { 255 }, 10, 10])
        }));
        assert!(is_flat(&flat));
        let photo = Pixels::Rgb(RgbImage::from_fn(64, 64, |x, y| {
            Rgb([x as u8 * 4, y as u8 * 4, (x + y) as u8])
        }));
        assert!(!is_flat(&photo));
        // Exactly 256 gray levels is still flat; 257 colors is not.
        let levels = Pixels::Gray(image::GrayImage::from_fn(256, 4, |x, _| {
            image::Luma([x as u8])
        }));
        assert!(is_flat(&levels));
        let many = Pixels::Rgb(RgbImage::from_fn(257, 1, |x, _| {
            Rgb([x as u8, (x / 256) as u8, 0])
        }));
        assert!(!is_flat(&many));
    }
}
