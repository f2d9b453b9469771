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
    let levels: Vec<u8> = canvas
        .pixels()
        .map(|p| luma(p).saturating_add(8) / 17)
        .collect();
    write(canvas, &levels, png::ColorType::Grayscale, None)
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
    let mut last = (palette[0], 0u8);
    let indices: Vec<u8> = canvas
        .pixels()
        .map(|p| {
            if p != last.0 {
                last = (p, nearest(palette, p));
            }
            last.1
        })
        .collect();
    write(
        canvas,
        &indices,
        png::ColorType::Indexed,
        Some(palette.concat()),
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

/// Rec. 601 luma of an sRGB colour.
fn luma(c: Rgb) -> u8 {
    ((299 * u32::from(c[0]) + 587 * u32::from(c[1]) + 114 * u32::from(c[2]) + 500) / 1000) as u8
}

/// Writes 4-bit values (one a byte in `values`, row by row) as a PNG.
fn write(
    canvas: &Canvas,
    values: &[u8],
    colour: png::ColorType,
    palette: Option<Vec<u8>>,
) -> Result<Vec<u8>> {
    let (width, height) = (canvas.width(), canvas.height());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(png::BitDepth::Four);
    if let Some(p) = palette {
        encoder.set_palette(p);
    }
    // Measured on a drawn cover: zlib's default level without filtering is
    // the smallest of the quick settings (86 KB in 30 ms; the highest level
    // saves 8% more and takes ten times as long).
    encoder.set_compression(png::Compression::Balanced);
    encoder.set_filter(png::Filter::NoFilter);
    let mut writer = encoder.write_header().context("cannot start the PNG")?;
    let row_bytes = (width as usize).div_ceil(2);
    let mut packed = vec![0u8; row_bytes * height as usize];
    for (src, dst) in values
        .chunks_exact(width as usize)
        .zip(packed.chunks_exact_mut(row_bytes))
    {
        let pairs = src.chunks_exact(2);
        if let [last] = pairs.remainder() {
            dst[row_bytes - 1] = last << 4;
        }
        for (d, p) in dst.iter_mut().zip(pairs) {
            *d = (p[0] << 4) | p[1];
        }
    }
    writer
        .write_image_data(&packed)
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
