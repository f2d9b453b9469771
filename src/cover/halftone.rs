//! Gray levels for print: the luminance of a color picture, a contrast lift
//! that gives a photocopier the full range, and a clustered-dot halftone of
//! only black and white.

#[cfg(target_arch = "x86_64")]
mod ssse3;

use super::process::Crop;
use image::{GrayImage, RgbImage};

// 0.2126, 0.7152, 0.0722 in sixteenths of a thousandth, adding up to 65536.
const R: u32 = 13_933;
const G: u32 = 46_871;
const B: u32 = 4_732;

/// The luminance of `crop` of an sRGB image (Rec. 709 weights, as the `image` crate uses).
pub fn luma(rgb: &RgbImage, crop: Crop) -> GrayImage {
    let stride = rgb.width() as usize * 3;
    let raw = rgb.as_raw();
    let mut out = Vec::with_capacity(crop.width as usize * crop.height as usize);
    for y in crop.y..crop.y + crop.height {
        let start = y as usize * stride + crop.x as usize * 3;
        luma_row(&raw[start..start + crop.width as usize * 3], &mut out);
    }
    GrayImage::from_raw(crop.width, crop.height, out).expect("one byte per pixel")
}

/// The luminance of a row of sRGB pixels, appended to `out`.
pub fn luma_row(row: &[u8], out: &mut Vec<u8>) {
    // Written into place rather than pushed: no capacity check per pixel.
    let mut start = out.len();
    out.resize(start + row.len() / 3, 0);
    let mut row = row;
    #[cfg(target_arch = "x86_64")]
    {
        let done = ssse3::luma_row(row, &mut out[start..]);
        start += done;
        row = row.get(done * 3..).unwrap_or_default();
    }
    for (g, p) in out[start..].iter_mut().zip(row.chunks_exact(3)) {
        *g = ((R * p[0] as u32 + G * p[1] as u32 + B * p[2] as u32 + 32_768) >> 16) as u8;
    }
}

/// Stretches the gray levels so the darkest 1% become black and the lightest
/// 1% white: a photocopier then has full contrast to work with.
pub fn lift_contrast(img: &mut GrayImage) {
    let mut hist = [0u64; 256];
    for &v in img.as_raw() {
        hist[v as usize] += 1;
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
        if from_top {
            255.0
        } else {
            0.0
        }
    };
    let (lo, hi) = (level(false), level(true));
    if hi - lo < 8.0 {
        return;
    }
    let table: Vec<u8> = (0..256)
        .map(|v| {
            ((v as f32 - lo) / (hi - lo) * 255.0)
                .round()
                .clamp(0.0, 255.0) as u8
        })
        .collect();
    for v in img.iter_mut() {
        *v = table[*v as usize];
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
    let n = (matrix.len() as f32).sqrt().round() as usize;
    let levels = (n * n) as u32;
    // A pixel is black when its darkness passes its threshold:
    // darkness / 255 × levels > t + ½, in whole numbers.
    let limits: Vec<u32> = matrix.iter().map(|&t| (2 * t + 1) * 255).collect();
    let width = img.width() as usize;
    let mut out = Vec::with_capacity(img.as_raw().len());
    for (y, row) in img.as_raw().chunks_exact(width.max(1)).enumerate() {
        let limits = &limits[(y % n) * n..(y % n + 1) * n];
        out.extend(row.iter().enumerate().map(|(x, &v)| {
            if (255 - v as u32) * 2 * levels > limits[x % n] {
                0
            } else {
                255
            }
        }));
    }
    GrayImage::from_raw(img.width(), img.height(), out).expect("one byte per pixel")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cover::process::tests::photo_pixels;

    #[test]
    fn dithering_keeps_tone_with_only_0_and_255() {
        let m = clustered_matrix(6);
        let mut sorted = m.clone();
        sorted.sort();
        assert_eq!(sorted, (0..36).collect::<Vec<_>>(), "each threshold once");
        let centre: std::collections::BTreeSet<u32> = [m[14], m[15], m[20], m[21]].into();
        assert_eq!(centre, (0..4).collect(), "the dot starts at the centre");
        for level in [0u8, 40, 128, 200, 255] {
            let img = GrayImage::from_pixel(60, 60, image::Luma([level]));
            let out = ordered_dither(&img, &m);
            assert!(out.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
            let black = out.pixels().filter(|p| p.0[0] == 0).count() as f32 / 3600.0;
            let want = 1.0 - level as f32 / 255.0;
            assert!(
                (black - want).abs() < 0.04,
                "level {level}: {black} black, want {want}"
            );
        }
    }

    #[test]
    fn contrast_lift_stretches_to_full_range() {
        let mut img = GrayImage::from_fn(100, 1, |x, _| image::Luma([100 + x as u8]));
        lift_contrast(&mut img);
        assert_eq!(img.get_pixel(0, 0).0[0], 0);
        assert_eq!(img.get_pixel(99, 0).0[0], 255);
        let mut flat = GrayImage::from_pixel(10, 10, image::Luma([128]));
        lift_contrast(&mut flat);
        assert_eq!(flat.get_pixel(5, 5).0[0], 128, "a flat image is left alone");
    }

    #[test]
    fn luma_matches_the_image_crate() {
        let img = photo_pixels(64, 48);
        let ours = luma(&img, Crop::whole((64, 48)));
        let theirs = image::DynamicImage::ImageRgb8(img).to_luma8();
        assert!(ours
            .as_raw()
            .iter()
            .zip(theirs.as_raw())
            .all(|(a, b)| a.abs_diff(*b) <= 1));
    }
}
