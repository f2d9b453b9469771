//! A PNG file's compressed samples as a PDF image's stream: a PNG's image
//! data (its IDAT chunks joined) is a zlib stream of rows, each led by its
//! filter byte, which is what PDF's `/FlateDecode` with the PNG predictors
//! (`/Predictor 15`) reads. A picture embedded at its own size is then
//! neither decoded for the PDF nor compressed again: the same pixels, from
//! the file's own bytes.

/// The joined image data of `png` when it holds `width`×`height` pixels of
/// `colors` 8-bit channels (1: gray, 3: RGB), not interlaced, with no
/// transparency and no palette, and the data is at most half of the raw
/// samples (a PNG saved uncompressed is compressed again instead).
pub fn png_samples(png: &[u8], width: u32, height: u32, colors: u8) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let mut rest = png.strip_prefix(SIGNATURE)?;
    let mut data = Vec::new();
    let mut header = false;
    while let Some((kind, body, after)) = chunk(rest) {
        match kind {
            b"IHDR" => {
                let color_type = match colors {
                    1 => 0,
                    3 => 2,
                    _ => return None,
                };
                let want = [
                    &width.to_be_bytes()[..],
                    &height.to_be_bytes()[..],
                    // 8 bits, the color type, deflate, adaptive filters, not interlaced.
                    &[8, color_type, 0, 0, 0],
                ]
                .concat();
                if header || body != want.as_slice() {
                    return None;
                }
                header = true;
            }
            b"IDAT" if header => data.extend_from_slice(body),
            b"tRNS" | b"PLTE" => return None,
            b"IEND" => break,
            _ => {}
        }
        rest = after;
    }
    let raw = (width as usize * colors as usize + 1) * height as usize;
    (header && !data.is_empty() && data.len() <= raw / 2).then_some(data)
}

/// The first chunk of `bytes`: its type, its data and what follows its CRC.
fn chunk(bytes: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let len = u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let kind = bytes.get(4..8)?;
    let body = bytes.get(8..8 + len)?;
    let after = bytes.get(8 + len + 4..)?;
    Some((kind, body, after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::ZlibDecoder;
    use std::io::Read;

    fn encode(color: png::ColorType, w: u32, h: u32, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(color);
        e.set_depth(png::BitDepth::Eight);
        e.write_header().unwrap().write_image_data(data).unwrap();
        out
    }

    /// Rows of the image data undone as a PDF reader undoes `/Predictor 15`.
    fn unpredict(data: &[u8], w: usize, h: usize, c: usize) -> Vec<u8> {
        let mut rows = Vec::new();
        ZlibDecoder::new(data).read_to_end(&mut rows).unwrap();
        let line = w * c;
        let mut out = vec![0u8; line * h];
        for y in 0..h {
            let (filter, src) = (
                rows[y * (line + 1)],
                &rows[y * (line + 1) + 1..(y + 1) * (line + 1)],
            );
            for x in 0..line {
                let a = if x >= c {
                    out[y * line + x - c] as i32
                } else {
                    0
                };
                let b = if y > 0 {
                    out[(y - 1) * line + x] as i32
                } else {
                    0
                };
                let d = if x >= c && y > 0 {
                    out[(y - 1) * line + x - c] as i32
                } else {
                    0
                };
                let p = match filter {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    _ => {
                        let e = a + b - d;
                        let (pa, pb, pc) = ((e - a).abs(), (e - b).abs(), (e - d).abs());
                        if pa <= pb && pa <= pc {
                            a
                        } else if pb <= pc {
                            b
                        } else {
                            d
                        }
                    }
                };
                out[y * line + x] = (src[x] as i32 + p) as u8;
            }
        }
        out
    }

    #[test]
    fn flat_rgb_and_gray_give_their_own_samples() {
        let (w, h) = (40u32, 30u32);
        let rgb: Vec<u8> = (0..w * h * 3).map(|i| ((i / 7) % 4 * 60) as u8).collect();
        let data = png_samples(&encode(png::ColorType::Rgb, w, h, &rgb), w, h, 3).unwrap();
        assert_eq!(unpredict(&data, 40, 30, 3), rgb);
        let gray: Vec<u8> = (0..w * h).map(|i| ((i / 5) % 3 * 100) as u8).collect();
        let data = png_samples(&encode(png::ColorType::Grayscale, w, h, &gray), w, h, 1).unwrap();
        assert_eq!(unpredict(&data, 40, 30, 1), gray);
    }

    #[test]
    fn other_pngs_and_sizes_are_left_to_the_writer() {
        let (w, h) = (40u32, 30u32);
        let rgb = vec![9u8; (w * h * 3) as usize];
        let file = encode(png::ColorType::Rgb, w, h, &rgb);
        assert!(png_samples(&file, w, h, 3).is_some());
        // Another size, other channels, alpha, a palette, not a PNG.
        assert!(png_samples(&file, w + 1, h, 3).is_none());
        assert!(png_samples(&file, w, h, 1).is_none());
        let rgba = encode(png::ColorType::Rgba, w, h, &vec![9u8; (w * h * 4) as usize]);
        assert!(png_samples(&rgba, w, h, 3).is_none());
        assert!(png_samples(b"GIF89a", w, h, 3).is_none());
        // Noise does not compress to half: the writer deflates it itself.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let noise: Vec<u8> = (0..w * h * 3)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        assert!(png_samples(&encode(png::ColorType::Rgb, w, h, &noise), w, h, 3).is_none());
    }
}
