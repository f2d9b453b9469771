//! Flat art told from a PNG file's size, without decoding it: a lossless
//! file whose compressed samples are a small part of its pixels' bytes is
//! drawn art (flat areas, sharp edges), never a photo, whose grain no
//! lossless format compresses that far. Such a picture is kept lossless
//! wherever a photo would become a JPEG, as one with few colors is
//! ([`super::decode::is_flat`], which needs every pixel and is asked only
//! when the size does not answer).

use super::{Format, Header};

/// The compressed samples of a PNG called flat art are at most this part
/// of its pixels' bytes. The example covers are 1/350 to 1/700 of theirs;
/// a photo saved as PNG is rarely under 1/5.
const FLAT_PART: usize = 32;

/// Whether the PNG file `bytes`, with this header, is flat art by its size.
pub fn flat_png(bytes: &[u8], header: &Header) -> bool {
    if header.format != Format::Png {
        return false;
    }
    let channels = if header.gray { 1 } else { 3 };
    let pixels = header.width as usize * header.height as usize * channels;
    image_data_len(bytes).is_some_and(|len| len > 0 && len * FLAT_PART <= pixels)
}

/// The length of a PNG's image data (its IDAT chunks together).
fn image_data_len(png: &[u8]) -> Option<usize> {
    let mut rest = png.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let mut total = 0;
    while let Some(head) = rest.get(..8) {
        let len = u32::from_be_bytes(head.get(..4)?.try_into().ok()?) as usize;
        match head.get(4..8)? {
            b"IDAT" => total += len,
            b"IEND" => break,
            _ => {}
        }
        rest = rest.get(8 + len + 4..)?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::super::decode::{is_flat, probe};
    use super::super::Pixels;
    use super::*;
    use image::{Rgb, RgbImage};

    fn png(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img.clone())
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn drawn_art_is_flat_by_its_size_and_a_photo_is_not() {
        // Drawn art: bands of a few colors and a sharp-edged disc.
        let art = RgbImage::from_fn(400, 600, |x, y| {
            let inside = (x as i32 - 200).pow(2) + (y as i32 - 300).pow(2) < 120 * 120;
            match (inside, y / 150) {
                (true, _) => Rgb([200, 30, 40]),
                (false, b) => Rgb([240, 230 - 40 * b as u8, 200]),
            }
        });
        let file = png(&art);
        assert!(flat_png(&file, &probe(&file).unwrap()));
        assert!(is_flat(&Pixels::Rgb(art)));
        // A photo: gradients and grain.
        let mut seed = 7u32;
        let photo = RgbImage::from_fn(400, 600, |x, y| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let grain = (seed >> 27) as u8;
            Rgb([(x / 2) as u8 + grain, (y / 3) as u8 + grain, 90 + grain])
        });
        let file = png(&photo);
        assert!(!flat_png(&file, &probe(&file).unwrap()));
        assert!(!is_flat(&Pixels::Rgb(photo)));
    }

    #[test]
    fn only_a_png_with_image_data_is_judged() {
        let header = Header {
            format: Format::Jpeg,
            width: 100,
            height: 100,
            turned: false,
            plain: true,
            gray: false,
        };
        assert!(!flat_png(b"\xff\xd8\xff", &header));
        let png = Header {
            format: Format::Png,
            ..header
        };
        assert!(!flat_png(b"\x89PNG\r\n\x1a\n", &png));
        assert!(!flat_png(b"not a png", &png));
    }
}
