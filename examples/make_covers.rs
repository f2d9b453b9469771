//! Draws the example library's cover images from geometry alone (no source
//! images): `cargo run --example make_covers -- covers/`.
//!
//! - beyond-activism.png: a flat poster of circles, bands and stripes;
//! - socialism-from-below.jpg: a photo-like sunrise over a crowd, with grain;
//! - how-to-make-a-zine.png: the eight panels of a folded minizine;
//! - the-tram-depot-library.png: a shelf of books on two bricks under a tram's pantograph wire.

use image::{ImageEncoder, Rgb, RgbImage};
use std::path::{Path, PathBuf};

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "covers".into()));
    write_png(&dir.join("beyond-activism.png"), &poster(1200, 1700));
    write_jpeg(&dir.join("socialism-from-below.jpg"), &sunrise(1240, 1754));
    write_png(&dir.join("how-to-make-a-zine.png"), &minizine(990, 1530));
    write_png(&dir.join("the-tram-depot-library.png"), &shelf(1200, 1700));
}

fn write_png(path: &Path, img: &RgbImage) {
    let mut out = Vec::new();
    let enc = image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    );
    enc.write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )
    .expect("PNG encodes");
    std::fs::write(path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("{} ({}×{})", path.display(), img.width(), img.height());
}

fn write_jpeg(path: &Path, img: &RgbImage) {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("JPEG encodes");
    std::fs::write(path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("{} ({}×{})", path.display(), img.width(), img.height());
}

const CREAM: Rgb<u8> = Rgb([242, 232, 213]);
const INK: Rgb<u8> = Rgb([24, 22, 20]);
const RED: Rgb<u8> = Rgb([200, 16, 46]);
const YELLOW: Rgb<u8> = Rgb([240, 190, 40]);

/// Circles, a diagonal band and stripes, in four flat colors.
fn poster(w: u32, h: u32) -> RgbImage {
    let (wf, hf) = (w as f32, h as f32);
    RgbImage::from_fn(w, h, |x, y| {
        let (x, y) = (x as f32, y as f32);
        let d = |cx: f32, cy: f32| ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
        // A big black disc breaking the upper right edge, with cream rings.
        let big = d(wf * 0.78, hf * 0.22);
        if big < wf * 0.42 {
            let ring = (big / (wf * 0.035)) as u32;
            return if big > wf * 0.2 && ring.is_multiple_of(2) {
                CREAM
            } else {
                INK
            };
        }
        // A red band climbing from lower left to upper right.
        let band = (y - (hf * 0.95 - x * 0.9)).abs();
        if band < wf * 0.09 {
            return RED;
        }
        // Yellow stripes in the lower right.
        if x > wf * 0.55 && y > hf * 0.62 && ((y / (hf * 0.025)) as u32).is_multiple_of(2) {
            return YELLOW;
        }
        // A small red disc lower left.
        if d(wf * 0.22, hf * 0.78) < wf * 0.1 {
            return RED;
        }
        CREAM
    })
}

/// A sky from deep blue to orange, sun rays from below, a crowd in silhouette, grain.
fn sunrise(w: u32, h: u32) -> RgbImage {
    let (wf, hf) = (w as f32, h as f32);
    let mut seed = 0x2545_f491_u32;
    let mut rand = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as f32 / u32::MAX as f32
    };
    // Heads of the crowd: (x, y, radius).
    let heads: Vec<(f32, f32, f32)> = (0..46)
        .map(|i| {
            let x = (i as f32 + 0.5 + (rand() - 0.5) * 0.6) / 46.0 * wf;
            let r = wf * (0.018 + rand() * 0.01);
            (x, hf * (0.80 + rand() * 0.06), r)
        })
        .collect();
    let mut img = RgbImage::from_fn(w, h, |x, y| {
        let (x, y) = (x as f32, y as f32);
        let t = y / hf;
        let sky = [20.0 + 230.0 * t * t, 30.0 + 120.0 * t, 90.0 - 40.0 * t];
        // Rays from the sun below the horizon.
        let angle = (x - wf * 0.5).atan2(hf * 0.98 - y);
        let ray = ((angle * 18.0).sin() * 0.5 + 0.5) * (t * 0.6 + 0.2);
        let mut c = [
            sky[0] + 40.0 * ray,
            sky[1] + 30.0 * ray,
            sky[2] + 10.0 * ray,
        ];
        // The crowd: heads, shoulders and the ground.
        let in_head = heads
            .iter()
            .any(|&(hx, hy, r)| ((x - hx).powi(2) + (y - hy).powi(2)).sqrt() < r);
        let in_body = heads.iter().any(|&(hx, hy, r)| {
            y > hy + r * 0.6 && (x - hx).abs() < r * (1.6 + (y - hy) / (r * 6.0))
        });
        if in_head || in_body || y > hf * 0.93 {
            c = [18.0, 14.0, 20.0];
        }
        Rgb(c.map(|v| v.clamp(0.0, 255.0) as u8))
    });
    for p in img.pixels_mut() {
        let n = (rand() - 0.5) * 12.0;
        p.0 = p.0.map(|v| (v as f32 + n).clamp(0.0, 255.0) as u8);
    }
    img
}

/// A sheet folded into eight panels: dashed folds, the cut in the middle, a triangle pattern.
fn minizine(w: u32, h: u32) -> RgbImage {
    let (pw, ph) = (w as f32 / 2.0, h as f32 / 4.0);
    RgbImage::from_fn(w, h, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        let (col, row) = ((xf / pw) as u32, (yf / ph) as u32);
        let (u, v) = (xf % pw / pw, yf % ph / ph);
        // The cut along the middle two rows' centre line.
        if (xf - pw).abs() < 5.0 && (1..3).contains(&row) {
            return RED;
        }
        // Dashed fold lines.
        let on_v = (xf - pw).abs() < 2.0 && (y / 24) % 2 == 0;
        let on_h = (yf % ph < 2.0 || yf % ph > ph - 2.0) && (x / 24) % 2 == 0;
        if on_v || on_h {
            return INK;
        }
        // Each panel: a triangle whose corner turns with the panel number.
        let n = row * 2 + col;
        let (a, b) = match n % 4 {
            0 => (u, v),
            1 => (1.0 - u, v),
            2 => (u, 1.0 - v),
            _ => (1.0 - u, 1.0 - v),
        };
        let inset = u > 0.12 && u < 0.88 && v > 0.12 && v < 0.88;
        if inset && a + b < 1.0 {
            return if n % 2 == 0 { YELLOW } else { INK };
        }
        if inset && ((a * 10.0) as u32 + (b * 10.0) as u32).is_multiple_of(2) {
            return Rgb([225, 214, 192]);
        }
        CREAM
    })
}

/// A plank of books on two bricks, under an overhead wire, in flat colours.
fn shelf(w: u32, h: u32) -> RgbImage {
    let (wf, hf) = (w as f32, h as f32);
    // Books: (left edge, width, height) as fractions of the page, spines in turn red, ink, yellow, cream.
    let books: [(f32, f32, f32); 11] = [
        (0.12, 0.06, 0.20),
        (0.18, 0.05, 0.24),
        (0.23, 0.07, 0.18),
        (0.30, 0.04, 0.22),
        (0.34, 0.06, 0.26),
        (0.40, 0.05, 0.19),
        (0.45, 0.08, 0.23),
        (0.53, 0.05, 0.21),
        (0.58, 0.06, 0.25),
        (0.64, 0.05, 0.17),
        (0.69, 0.07, 0.22),
    ];
    let colours = [RED, INK, YELLOW, CREAM];
    let plank_top = hf * 0.66;
    RgbImage::from_fn(w, h, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        // The overhead wire and its hangers, near the top.
        if (yf - hf * 0.12).abs() < hf * 0.004
            || ((xf - wf * 0.3).abs() < wf * 0.003 || (xf - wf * 0.7).abs() < wf * 0.003)
                && yf < hf * 0.12
        {
            return INK;
        }
        // The plank, and two bricks under it.
        if yf >= plank_top && yf < plank_top + hf * 0.025 && xf > wf * 0.08 && xf < wf * 0.84 {
            return INK;
        }
        let brick = |left: f32| {
            xf > wf * left
                && xf < wf * (left + 0.1)
                && yf >= plank_top + hf * 0.025
                && yf < plank_top + hf * 0.09
        };
        if brick(0.14) || brick(0.66) {
            return RED;
        }
        for (i, (left, width, height)) in books.iter().enumerate() {
            if xf >= wf * left
                && xf < wf * (left + width)
                && yf < plank_top
                && yf >= plank_top - hf * height
            {
                let colour = colours[i % colours.len()];
                // A thin ink edge round each spine keeps the cream ones visible.
                let edge = xf < wf * left + 4.0
                    || xf >= wf * (left + width) - 4.0
                    || yf < plank_top - hf * height + 4.0;
                return if edge { INK } else { colour };
            }
        }
        // A floor line.
        if (yf - hf * 0.86).abs() < hf * 0.003 {
            return INK;
        }
        CREAM
    })
}
