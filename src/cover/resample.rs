//! Resampling 8-bit gray or RGB pixels to another size: a separable filter
//! with integer weights that reads straight from a part of the source buffer,
//! so a crop is never copied first.
//!
//! Enlargements and reductions under 3× use Catmull-Rom (sharp); reductions
//! of 3× and more use a triangle filter stretched to the reduction, which
//! still weighs every source pixel (no aliasing) with half the taps. Copies
//! that are never printed (the preview page's cover) average areas instead
//! when reduced 2× or more: every source pixel is read once.

mod across;
mod weights;

use across::{Across, BLOCK};
use weights::{axis, small_axis, to_u8, Axis, Weight, BITS, ONE};

/// A rectangle of an image buffer holding `channels` bytes a pixel, rows of `stride` bytes.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub data: &'a [u8],
    pub stride: usize,
    pub channels: usize,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl View<'_> {
    /// The bytes of row `y` of the rectangle.
    fn row(&self, y: usize) -> &[u8] {
        let start = (self.y as usize + y) * self.stride + self.x as usize * self.channels;
        &self.data[start..start + self.width as usize * self.channels]
    }
}

/// Resamples the view to `width`×`height` pixels with the same channels;
/// the same size is a plain copy.
pub fn resize(view: &View, width: u32, height: u32) -> Vec<u8> {
    match view.channels {
        1 => resize_channels::<1>(view, width, height),
        3 => resize_channels::<3>(view, width, height),
        n => unreachable!("{n} channels: pixels are always gray or RGB"),
    }
}

/// Like [`resize`], but down before across, with the narrow pass on the few
/// output rows, and a reduction of 2× or more along an axis an average of
/// areas ([`box_axis`]: every source pixel read once) rather than a filter.
/// Smaller reductions and enlargements use [`resize`]'s filters, rounded to
/// bytes in the other order (a few levels apart at a hard edge). Several
/// times faster for a large reduction; for small copies that are not print
/// output (the preview page's cover), so that printed pixels stay exactly as
/// [`resize`] makes them.
pub fn resize_small(view: &View, width: u32, height: u32) -> Vec<u8> {
    match view.channels {
        1 => down_first::<1>(view, width, height),
        3 => down_first::<3>(view, width, height),
        n => unreachable!("{n} channels: pixels are always gray or RGB"),
    }
}

/// `h` rows, each the weighted sum of rows `row(k)` that `ay` names, appended to `out`.
fn down_rows<'r>(
    row: impl Fn(usize) -> &'r [u8],
    line: usize,
    ay: &Axis,
    h: usize,
    out: &mut Vec<u8>,
) {
    let mut acc = vec![0i32; line];
    for y in 0..h {
        // Written into place rather than pushed, so the loop is vectorized.
        let from = out.len();
        out.resize(from + line, 0);
        down_row(&row, ay, y, &mut acc, &mut out[from..]);
    }
}

/// Output row `y` of the down pass into `out` (one row), summed in `acc`.
/// On a processor with AVX2 the row is compiled for it, as [`add_rows`] is
/// (clearing the sums and rounding them to bytes, eight at a time).
fn down_row<'r>(
    row: &impl Fn(usize) -> &'r [u8],
    ay: &Axis,
    y: usize,
    acc: &mut [i32],
    out: &mut [u8],
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, just checked.
        return unsafe { down_row_avx2(row, ay, y, acc, out) };
    }
    down_row_in(row, ay, y, acc, out)
}

/// [`down_row`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn down_row_avx2<'r>(
    row: &impl Fn(usize) -> &'r [u8],
    ay: &Axis,
    y: usize,
    acc: &mut [i32],
    out: &mut [u8],
) {
    down_row_in(row, ay, y, acc, out)
}

/// The body of [`down_row`], compiled into each of its callers.
#[inline(always)]
fn down_row_in<'r>(
    row: &impl Fn(usize) -> &'r [u8],
    ay: &Axis,
    y: usize,
    acc: &mut [i32],
    out: &mut [u8],
) {
    let (start, weights) = ay.taps(y);
    acc.fill(ONE / 2);
    // Two rows at a time: each sum is read and written half as often.
    let pairs = weights.chunks_exact(2);
    let last = pairs.remainder().first();
    for (k, pair) in pairs.enumerate() {
        let rows = (row(start + 2 * k), row(start + 2 * k + 1));
        add_rows(acc, rows, (pair[0], pair[1]));
    }
    if let Some(&wt) = last {
        let r = row(start + weights.len() - 1);
        add_rows(acc, (r, r), (wt, 0));
    }
    for (o, &a) in out.iter_mut().zip(acc.iter()) {
        *o = to_u8(a);
    }
}

/// The fewest output bytes of a pass worth making on two cores.
const SPLIT_BYTES: usize = 1 << 20;

/// Whether a pass making `bytes` is made in two halves, one on another core:
/// when it is big and the build's pool has another thread. Each output row
/// depends only on the source, so the halves are the same bytes.
fn split(bytes: usize) -> bool {
    bytes >= SPLIT_BYTES && rayon::current_num_threads() > 1
}

/// Adds `w.0` times each byte of `rows.0` and `w.1` times each of `rows.1`
/// to the sums. Blocks of eight are written with arrays, which the compiler
/// turns into 16-bit multiply-and-adds (`pmaddwd` on x86-64: a weight and a
/// byte both fit 16 bits); over a whole slice it multiplies in 32 bits, which
/// SSE2 can only emulate. Kept out of line so it is compiled that way. On a
/// processor with AVX2 the same loop is compiled for it, a block of eight
/// sums in one register (the same integers, so the same bytes).
#[inline(never)]
fn add_rows(acc: &mut [i32], rows: (&[u8], &[u8]), w: (Weight, Weight)) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, just checked.
        return unsafe { add_rows_avx2(acc, rows, w) };
    }
    add_rows_in(acc, rows, w)
}

/// [`add_rows`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_rows_avx2(acc: &mut [i32], rows: (&[u8], &[u8]), w: (Weight, Weight)) {
    add_rows_in(acc, rows, w)
}

/// The body of [`add_rows`], compiled into each of its callers.
#[inline(always)]
fn add_rows_in(acc: &mut [i32], rows: (&[u8], &[u8]), w: (Weight, Weight)) {
    let (w0, w1) = (w.0 as i32, w.1 as i32);
    let blocks = acc
        .chunks_exact_mut(8)
        .zip(rows.0.chunks_exact(8))
        .zip(rows.1.chunks_exact(8));
    for ((a, p), q) in blocks {
        let (Ok(a), Ok(p), Ok(q)) = (
            <&mut [i32; 8]>::try_from(a),
            <&[u8; 8]>::try_from(p),
            <&[u8; 8]>::try_from(q),
        ) else {
            continue;
        };
        let mut sum = [0i32; 8];
        for i in 0..8 {
            sum[i] = w0 * p[i] as i32 + w1 * q[i] as i32;
        }
        for i in 0..8 {
            a[i] += sum[i];
        }
    }
    let done = acc.len() / 8 * 8;
    let rest = acc[done..]
        .iter_mut()
        .zip(&rows.0[done.min(rows.0.len())..])
        .zip(&rows.1[done.min(rows.1.len())..]);
    for ((a, &p), &q) in rest {
        *a += w0 * p as i32 + w1 * q as i32;
    }
}

fn resize_channels<const C: usize>(view: &View, width: u32, height: u32) -> Vec<u8> {
    let w = width.max(1) as usize;
    // Across first: every source row of the view becomes a row `w` wide.
    let mut across = Vec::with_capacity(view.height as usize * w * C);
    if w == view.width as usize {
        for y in 0..view.height as usize {
            across.extend_from_slice(view.row(y));
        }
    } else {
        let ax = axis(view.width, width.max(1));
        let rows: Vec<&[u8]> = (0..view.height as usize).map(|y| view.row(y)).collect();
        let from = view.width as usize;
        if split(rows.len() * w * C) {
            across.resize(rows.len() * w * C, 0);
            let mid = rows.len() / 2;
            let (top, bottom) = across.split_at_mut(mid * w * C);
            rayon::join(
                || Across::<C>::new(&ax, from).rows_into(&rows[..mid], top),
                || Across::<C>::new(&ax, from).rows_into(&rows[mid..], bottom),
            );
        } else {
            Across::<C>::new(&ax, from).rows(&rows, &mut across);
        }
    }
    down_pass(across, view.height, w * C, height)
}

/// [`resize`] of one channel made from each row of `view` by `map` (the
/// gray of a color view) as the row is read, so that no mapped copy of the
/// whole view is made first: the same bytes as mapping first, then resizing.
pub fn resize_mapped(
    view: &View,
    width: u32,
    height: u32,
    map: impl Fn(&[u8], &mut Vec<u8>),
) -> Vec<u8> {
    let w = width.max(1) as usize;
    let mut across = Vec::with_capacity(view.height as usize * w);
    let ax = (w != view.width as usize).then(|| axis(view.width, width.max(1)));
    let mut pass = ax
        .as_ref()
        .map(|ax| Across::<1>::new(ax, view.width as usize));
    // A block of rows mapped at a time, as the across pass takes them.
    let mut mapped = Vec::with_capacity(view.width as usize * BLOCK);
    let mut ends = Vec::with_capacity(BLOCK);
    for first in (0..view.height as usize).step_by(BLOCK) {
        mapped.clear();
        ends.clear();
        for y in first..(first + BLOCK).min(view.height as usize) {
            map(view.row(y), &mut mapped);
            ends.push(mapped.len());
        }
        match &mut pass {
            Some(pass) => {
                let mut start = 0;
                let rows: Vec<&[u8]> = ends
                    .iter()
                    .map(|&end| {
                        let row = &mapped[start..end];
                        start = end;
                        row
                    })
                    .collect();
                pass.rows(&rows, &mut across);
            }
            None => across.extend_from_slice(&mapped),
        }
    }
    down_pass(across, view.height, w, height)
}

/// The second pass of [`resize`]: `across` (`from` rows of `line` bytes) to
/// `height` rows, each a weighted sum of rows of `across`.
fn down_pass(across: Vec<u8>, from: u32, line: usize, height: u32) -> Vec<u8> {
    let h = height.max(1) as usize;
    if h == from as usize {
        return across;
    }
    let ay = axis(from, height.max(1));
    let row = |k: usize| &across[k * line..(k + 1) * line];
    if split(h * line) {
        let mut out = vec![0; h * line];
        let mid = h / 2;
        let (top, bottom) = out.split_at_mut(mid * line);
        let half = |ys: std::ops::Range<usize>, out: &mut [u8]| {
            let mut acc = vec![0i32; line];
            for (y, o) in ys.zip(out.chunks_exact_mut(line)) {
                down_row(&row, &ay, y, &mut acc, o);
            }
        };
        rayon::join(|| half(0..mid, top), || half(mid..h, bottom));
        return out;
    }
    let mut out = Vec::with_capacity(h * line);
    down_rows(row, line, &ay, h, &mut out);
    out
}

fn down_first<const C: usize>(view: &View, width: u32, height: u32) -> Vec<u8> {
    let (w, h) = (width.max(1) as usize, height.max(1) as usize);
    let line = view.width as usize * C;
    let mut down = Vec::with_capacity(h * line);
    if h == view.height as usize {
        for y in 0..h {
            down.extend_from_slice(view.row(y));
        }
    } else {
        let ay = small_axis(view.height, height.max(1));
        down_rows(|k| view.row(k), line, &ay, h, &mut down);
    }
    if w == view.width as usize {
        return down;
    }
    let ax = small_axis(view.width, width.max(1));
    let rows: Vec<&[u8]> = down.chunks_exact(line).collect();
    let mut out = Vec::with_capacity(h * w * C);
    Across::<C>::new(&ax, view.width as usize).rows(&rows, &mut out);
    out
}

#[cfg(test)]
mod tests;
