//! Canvases to PNG: gray for type on white (the EPUB cover), or a palette of
//! at most 16 colours, four bits a pixel (the folding guide).
//!
//! Both are written with fixed settings and no timestamps, so the same
//! pixels always give the same bytes.

use super::{Canvas, Rgb};
use anyhow::{bail, Context, Result};

/// The canvas as a 4-bit gray PNG: sixteen levels are plenty for the edges
/// of black type on white and keep a 1600×2560 cover near 100 KB.
pub fn gray_png(canvas: &Canvas) -> Result<Vec<u8>> {
    gray4_png(canvas.width(), canvas.height(), &gray4_rows(canvas))
}

/// The canvas's rows as 4-bit gray, two pixels a byte.
pub(super) fn gray4_rows(canvas: &Canvas) -> Vec<u8> {
    let height = canvas.height() as usize;
    let mut packed = vec![0u8; row_bytes(canvas.width()) * height];
    pack(canvas, height, &mut packed, |p| {
        if p[0] == p[1] && p[1] == p[2] {
            GRAY4[usize::from(p[0])]
        } else {
            gray4(luma([p[0], p[1], p[2]]))
        }
    });
    packed
}

/// Rows of 4-bit gray, two pixels a byte, as a PNG. Each row is filtered
/// against the one above (PNG's Up): type on white is mostly rows of white,
/// and a row like the last becomes zeros. Measured on a 1600×2560 type-only
/// cover: 8.1M instructions and 126 KB, against 14.7M and 112 KB for the
/// best filter of each row (which tries all five).
pub fn gray4_png(width: u32, height: u32, packed: &[u8]) -> Result<Vec<u8>> {
    encode(
        width,
        height,
        packed,
        png::ColorType::Grayscale,
        None,
        png::Filter::Up,
    )
}

/// A white row of `width` 4-bit gray pixels (an odd last pixel's unused
/// half byte 0, as [`pack`] leaves it).
pub(super) fn white_row(width: u32) -> Vec<u8> {
    let mut row = vec![0xff; row_bytes(width)];
    if width % 2 == 1 {
        if let Some(last) = row.last_mut() {
            *last = 0xf0;
        }
    }
    row
}

/// Packs 8-bit grays `px` two a byte into `dst` as 4-bit levels (an odd
/// last pixel in the high half of its byte).
pub(super) fn pack_gray_row(px: &[u8], dst: &mut [u8]) {
    let (pairs, rest) = px.as_chunks::<2>();
    for (d, p) in dst.iter_mut().zip(pairs) {
        *d = (GRAY4[usize::from(p[0])] << 4) | GRAY4[usize::from(p[1])];
    }
    if let (Some(&a), Some(d)) = (rest.first(), dst.get_mut(pairs.len())) {
        *d = GRAY4[usize::from(a)] << 4;
    }
}

/// The canvas as a 4-bit palette PNG, each pixel the nearest colour of
/// `palette` (at most 16 colours).
pub fn palette_png(canvas: &Canvas, palette: &[Rgb]) -> Result<Vec<u8>> {
    if palette.is_empty() || palette.len() > 16 {
        bail!(
            "a 4-bit palette holds 1 to 16 colours, not {}",
            palette.len()
        );
    }
    // A flat drawing is runs of one colour, and its anti-aliased edges use
    // few shades: the last colour's index and a small table of the others
    // are kept (by the pixel's RGBA bytes read as one number; the canvas is
    // opaque, so no pixel reads as 0, the empty entries' key).
    let key = |p: &[u8; 4]| u32::from_le_bytes(*p);
    let mut last = (0u32, 0u8);
    let mut seen = [(0u32, 0u8); 256];
    let index = |p: &[u8; 4]| {
        let k = key(p);
        if k != last.0 {
            let slot = (k.wrapping_mul(0x9E37_79B1) >> 24) as usize;
            let hit = seen.get(slot).filter(|s| s.0 == k).map(|s| s.1);
            let index = hit.unwrap_or_else(|| nearest(palette, [p[0], p[1], p[2]]));
            if let Some(s) = seen.get_mut(slot) {
                *s = (k, index);
            }
            last = (k, index);
        }
        last.1
    };
    let (width, height) = (canvas.width(), canvas.height());
    let mut packed = vec![0u8; row_bytes(width) * height as usize];
    pack(canvas, height as usize, &mut packed, index);
    encode(
        width,
        height,
        &packed,
        png::ColorType::Indexed,
        Some(palette.concat()),
        png::Filter::Adaptive,
    )
}

/// The index of the colour of `palette` nearest to `c`.
pub fn nearest(palette: &[Rgb], c: Rgb) -> u8 {
    let dist = |p: &Rgb| {
        (0..3)
            .map(|i| (i32::from(p[i]) - i32::from(c[i])).pow(2))
            .sum::<i32>()
    };
    palette
        .iter()
        .enumerate()
        .min_by_key(|(_, p)| dist(p))
        .map(|(i, _)| i as u8)
        .unwrap_or(0)
}

/// An 8-bit gray as one of sixteen levels.
const fn gray4(v: u8) -> u8 {
    v.saturating_add(8) / 17
}

/// [`gray4`] of every gray (black type on white is gray throughout).
const GRAY4: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = gray4(i as u8);
        i += 1;
    }
    t
};

/// Rec. 601 luma of an sRGB colour.
fn luma(c: Rgb) -> u8 {
    ((299 * u32::from(c[0]) + 587 * u32::from(c[1]) + 114 * u32::from(c[2]) + 500) / 1000) as u8
}

/// Bytes in a row of 4-bit pixels.
pub(super) fn row_bytes(width: u32) -> usize {
    (width as usize).div_ceil(2)
}

/// Packs the first `rows` rows of `canvas` two pixels a byte into `dst`,
/// `value` giving each pixel's 4-bit level or index from its RGBA bytes.
/// Pictures are mostly runs of one colour: two pixels that are the last
/// two again (their bytes read as one number) are the last byte again.
fn pack(canvas: &Canvas, rows: usize, dst: &mut [u8], mut value: impl FnMut(&[u8; 4]) -> u8) {
    let row_bytes = row_bytes(canvas.width());
    // No opaque pixel reads as 0, so the first pair is always worked out.
    let mut last = (0u64, 0u8);
    for (src, dst) in canvas
        .rows()
        .take(rows)
        .zip(dst.chunks_exact_mut(row_bytes))
    {
        let (pairs, rest) = src.as_chunks::<8>();
        for (d, pair) in dst.iter_mut().zip(pairs) {
            let key = u64::from_le_bytes(*pair);
            if key != last.0 {
                let (left, right) = pair.split_at(4);
                let (left, right) = (
                    <&[u8; 4]>::try_from(left).unwrap_or(&[0; 4]),
                    <&[u8; 4]>::try_from(right).unwrap_or(&[0; 4]),
                );
                last = (key, (value(left) << 4) | value(right));
            }
            *d = last.1;
        }
        if let (Ok(last), Some(d)) = (<&[u8; 4]>::try_from(rest), dst.last_mut()) {
            *d = value(last) << 4;
        }
    }
}

/// Packed 4-bit rows as a PNG.
fn encode(
    width: u32,
    height: u32,
    packed: &[u8],
    colour: png::ColorType,
    palette: Option<Vec<u8>>,
    filter: png::Filter,
) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(png::BitDepth::Four);
    if let Some(p) = palette {
        encoder.set_palette(p);
    }
    // Measured on the example library's drawn covers and guides (bench/README.md,
    // "Covers and guides"): fdeflate with each row's best filter is ten times
    // as fast as zlib's default level and 10–40% larger (a 1600×2560 cover
    // ~115 KB, a guide ~33 KB); zlib's levels were slower at every size.
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(filter);
    let mut writer = encoder.write_header().context("cannot start the PNG")?;
    writer
        .write_image_data(packed)
        .context("cannot write the PNG")?;
    writer.finish().context("cannot finish the PNG")?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::{BLACK, WHITE};
    use super::*;

    #[test]
    fn palette_png_decodes_to_the_nearest_colours() {
        let mut c = Canvas::new(5, 3, WHITE).unwrap();
        c.fill_rect(0.0, 0.0, 2.0, 3.0, [250, 10, 10]);
        let palette = [WHITE, BLACK, [255, 0, 0]];
        let png = palette_png(&c, &palette).unwrap();
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (5, 3));
        assert_eq!(img.get_pixel(0, 1).0, [255, 0, 0]);
        assert_eq!(img.get_pixel(4, 2).0, WHITE);
        assert_eq!(png, palette_png(&c, &palette).unwrap());
        assert!(palette_png(&c, &[]).is_err());
    }

    #[test]
    fn gray_png_keeps_black_white_and_a_middle_gray() {
        let mut c = Canvas::new(3, 1, WHITE).unwrap();
        c.fill_rect(0.0, 0.0, 1.0, 1.0, BLACK);
        c.fill_rect(1.0, 0.0, 1.0, 1.0, [136, 136, 136]);
        let img = image::load_from_memory(&gray_png(&c).unwrap())
            .unwrap()
            .to_luma8();
        assert_eq!(img.as_raw(), &vec![0, 136, 255]);
    }

    #[test]
    fn nearest_picks_the_closest() {
        assert_eq!(nearest(&[WHITE, BLACK], [30, 30, 30]), 1);
        assert_eq!(nearest(&[WHITE, BLACK], [200, 200, 200]), 0);
    }
}
