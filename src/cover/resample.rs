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

use across::{Across, BLOCK};

/// Fixed-point precision of the weights: 1.0 is `1 << BITS`.
const BITS: u32 = 14;
const ONE: i32 = 1 << BITS;

/// A weight in fixed point. Every weight lies within ±2 (Catmull-Rom's
/// lobes are under 0.1, a weight is at most one plus the rounding
/// correction), so 16 bits hold it; a weight times a byte then fits the
/// processor's 16-bit multiply-and-add, which the compiler uses for the
/// sums of whole rows.
type Weight = i16;

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

/// For each output pixel along one axis: the first source pixel and the weights from there.
struct Axis {
    starts: Vec<usize>,
    spans: Vec<(usize, usize)>,
    weights: Vec<Weight>,
}

impl Axis {
    fn taps(&self, i: usize) -> (usize, &[Weight]) {
        let (from, len) = self.spans[i];
        (self.starts[i], &self.weights[from..from + len])
    }

    /// Adds an output pixel whose weights, from source pixel `first` on, are
    /// `raw` (adding up to `sum`): in fixed point, adding up to exactly one,
    /// without zero weights at either end.
    fn push(&mut self, first: usize, raw: &[f64], sum: f64) {
        let from_w = self.weights.len();
        let mut fixed: Vec<i32> = raw
            .iter()
            .map(|w| (w / sum * ONE as f64).round() as i32)
            .collect();
        // Make the weights add up to exactly one, so flat areas stay flat.
        let error = ONE - fixed.iter().sum::<i32>();
        if let Some(big) = (0..fixed.len()).max_by_key(|&k| fixed[k]) {
            fixed[big] += error;
        }
        debug_assert!(fixed.iter().all(|&w| Weight::try_from(w).is_ok()));
        // Zero weights at either end cost time and add nothing.
        let lead = fixed
            .iter()
            .take_while(|&&w| w == 0)
            .count()
            .min(fixed.len() - 1);
        let trail = fixed[lead..]
            .iter()
            .rev()
            .take_while(|&&w| w == 0)
            .count()
            .min(fixed.len() - lead - 1);
        self.starts.push(first + lead);
        self.weights.extend(
            fixed[lead..fixed.len() - trail]
                .iter()
                .map(|&w| w as Weight),
        );
        self.spans.push((from_w, fixed.len() - lead - trail));
    }
}

fn catmull_rom(x: f64) -> f64 {
    let x = x.abs();
    if x < 1.0 {
        (1.5 * x - 2.5) * x * x + 1.0
    } else if x < 2.0 {
        ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
    } else {
        0.0
    }
}

fn triangle(x: f64) -> f64 {
    (1.0 - x.abs()).max(0.0)
}

/// The weights that take `from` source pixels to `to` output pixels.
fn axis(from: u32, to: u32) -> Axis {
    let scale = from as f64 / to as f64;
    let (kernel, support): (fn(f64) -> f64, f64) = if scale >= 3.0 {
        (triangle, 1.0)
    } else {
        (catmull_rom, 2.0)
    };
    let stretch = scale.max(1.0);
    let radius = support * stretch;
    let centre = |i: u32| (i as f64 + 0.5) * scale;
    weighed(
        to,
        |i| {
            let first = ((centre(i) - radius).floor().max(0.0) as usize).min(from as usize - 1);
            let last = ((centre(i) + radius).ceil() as usize).clamp(first + 1, from as usize);
            (first, last)
        },
        |i, j| kernel((j as f64 + 0.5 - centre(i)) / stretch),
    )
}

/// The weights that take `from` source pixels to `to` (at most `from`)
/// output pixels by averaging areas: each output pixel is the mean of the
/// source pixels it covers, those cut by its edges weighed by the part
/// covered. Every source pixel counts once, with a third to a half of the
/// taps of [`axis`] for a big reduction.
fn box_axis(from: u32, to: u32) -> Axis {
    let scale = from as f64 / to as f64;
    let edges = |i: u32| (i as f64 * scale, (i as f64 + 1.0) * scale);
    weighed(
        to,
        |i| {
            let (left, right) = edges(i);
            let first = (left.floor() as usize).min(from as usize - 1);
            (
                first,
                (right.ceil() as usize).clamp(first + 1, from as usize),
            )
        },
        |i, j| {
            let (left, right) = edges(i);
            (right.min(j as f64 + 1.0) - left.max(j as f64)).max(0.0)
        },
    )
}

/// The weights of `to` output pixels: output pixel `i` weighs source pixels
/// `span(i)` (first, end) by `weight(i, j)`, scaled to add up to one.
fn weighed(
    to: u32,
    span: impl Fn(u32) -> (usize, usize),
    weight: impl Fn(u32, usize) -> f64,
) -> Axis {
    let mut out = Axis {
        starts: Vec::with_capacity(to as usize),
        spans: Vec::with_capacity(to as usize),
        weights: Vec::new(),
    };
    let mut raw = Vec::new();
    for i in 0..to {
        let (first, last) = span(i);
        raw.clear();
        raw.extend((first..last).map(|j| weight(i, j)));
        let sum: f64 = raw.iter().sum();
        if sum.abs() < 1e-9 {
            // Cannot happen with these kernels; take the middle pixel all the same.
            out.starts.push((first + last) / 2);
            out.spans.push((out.weights.len(), 1));
            out.weights.push(ONE as Weight);
            continue;
        }
        out.push(first, &raw, sum);
    }
    out
}

fn to_u8(acc: i32) -> u8 {
    (acc >> BITS).max(0).min(255) as u8
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
fn down_row<'r>(
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
/// SSE2 can only emulate. Kept out of line so it is compiled that way.
#[inline(never)]
fn add_rows(acc: &mut [i32], rows: (&[u8], &[u8]), w: (Weight, Weight)) {
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

/// [`box_axis`] for a reduction of 2× or more, else [`axis`].
fn small_axis(from: u32, to: u32) -> Axis {
    if from >= to.saturating_mul(2) {
        box_axis(from, to)
    } else {
        axis(from, to)
    }
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
mod tests {
    use super::*;

    #[test]
    fn mapped_rows_resize_as_a_mapped_copy_does() {
        let (w, h) = (23u32, 17u32);
        let rgb: Vec<u8> = (0..w * h * 3).map(|i| (i * 37 % 251) as u8).collect();
        let first = |row: &[u8], out: &mut Vec<u8>| {
            out.extend(row.chunks_exact(3).map(|p| p[0] / 2 + p[2] / 3))
        };
        let mut gray = Vec::new();
        first(&rgb, &mut gray);
        let rgb_view = View {
            data: &rgb,
            stride: w as usize * 3,
            channels: 3,
            x: 2,
            y: 3,
            width: 15,
            height: 11,
        };
        let gray_view = View {
            data: &gray,
            stride: w as usize,
            channels: 1,
            ..rgb_view
        };
        for (tw, th) in [(15, 11), (7, 5), (30, 4), (15, 20), (1, 1)] {
            assert_eq!(
                resize_mapped(&rgb_view, tw, th, first),
                resize(&gray_view, tw, th),
                "{tw}×{th}"
            );
        }
    }

    fn view(data: &[u8], w: u32, h: u32, channels: usize) -> View<'_> {
        View {
            data,
            stride: w as usize * channels,
            channels,
            x: 0,
            y: 0,
            width: w,
            height: h,
        }
    }

    #[test]
    fn halves_on_two_cores_are_the_bytes_of_one_pass() {
        let on = |threads: usize, f: &(dyn Fn() -> Vec<u8> + Sync)| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(f)
        };
        let (w, h) = (601u32, 437u32);
        let rgb: Vec<u8> = (0..w * h * 3).map(|i| (i * 37 % 251) as u8).collect();
        let gray: Vec<u8> = (0..w * h).map(|i| (i * 13 % 247) as u8).collect();
        // Enlarged past the split size (the across rows of the first, the
        // output rows of every one); an odd number of rows each.
        for (data, channels, tw, th) in [
            (&rgb, 3, 877, 641),
            (&gray, 1, 1901, 1403),
            (&rgb, 3, 601, 1211),
        ] {
            let v = view(data, w, h, channels);
            let one = on(1, &|| resize(&v, tw, th));
            assert!(tw as usize * th as usize * channels >= SPLIT_BYTES);
            assert_eq!(on(2, &|| resize(&v, tw, th)), one, "{channels} × {tw}×{th}");
        }
    }

    #[test]
    fn rows_add_in_blocks_as_one_at_a_time() {
        // 8 to 8 pixels is blocks only; 21 leaves 5 past the last block; 3 has no block.
        for len in [8usize, 21, 3] {
            let r0: Vec<u8> = (0..len).map(|i| (i * 97 % 256) as u8).collect();
            let r1: Vec<u8> = (0..len).map(|i| (255 - i * 31 % 256) as u8).collect();
            let (w0, w1): (Weight, Weight) = (-1234, 17_000);
            let mut acc = vec![ONE / 2; len];
            add_rows(&mut acc, (&r0, &r1), (w0, w1));
            for i in 0..len {
                let want = ONE / 2 + w0 as i32 * r0[i] as i32 + w1 as i32 * r1[i] as i32;
                assert_eq!(acc[i], want, "{len} at {i}");
            }
        }
    }

    #[test]
    fn weights_add_up_to_one_and_stay_inside_the_source() {
        for (from, to) in [
            (100, 100),
            (100, 37),
            (37, 100),
            (1000, 3),
            (5, 1),
            (1, 9),
            (990, 484),
        ] {
            let a = axis(from, to);
            for i in 0..to as usize {
                let (start, w) = a.taps(i);
                assert_eq!(
                    w.iter().map(|&w| w as i32).sum::<i32>(),
                    ONE,
                    "{from}→{to} at {i}"
                );
                assert!(
                    !w.is_empty() && start + w.len() <= from as usize,
                    "{from}→{to} at {i}"
                );
            }
        }
    }

    #[test]
    fn flat_areas_stay_flat_and_edges_keep_their_place() {
        let flat = vec![77u8; 40 * 30 * 3];
        let out = resize(&view(&flat, 40, 30, 3), 13, 11);
        assert_eq!(out.len(), 13 * 11 * 3);
        assert!(out.iter().all(|&v| v == 77));
        // Black left half, white right half: halved, the edge stays in the middle.
        let half: Vec<u8> = (0..64 * 8)
            .map(|i| if i % 64 < 32 { 0 } else { 255 })
            .collect();
        let out = resize(&view(&half, 64, 8, 1), 32, 4);
        let row = &out[..32];
        assert!(
            row[..14].iter().all(|&v| v == 0) && row[18..].iter().all(|&v| v == 255),
            "{row:?}"
        );
        // Enlarged, it stays ordered from black to white.
        let out = resize(&view(&half, 64, 8, 1), 128, 16);
        assert!(out[..60].iter().all(|&v| v == 0) && out[68..128].iter().all(|&v| v == 255));
    }

    #[test]
    fn down_first_is_within_a_few_levels_of_across_first() {
        // A gradient with noise, in RGB and gray, reduced and enlarged, from a crop.
        let (sw, sh) = (97u32, 61u32);
        // A gradient, with a hard black edge in the middle (where Catmull-Rom overshoots).
        let data: Vec<u8> = (0..sw * sh * 3)
            .map(|i| {
                let (x, y) = ((i / 3) % sw, (i / 3) / sw);
                if x > 40 && x < 50 {
                    0
                } else {
                    (x * 2 + y + i % 3).min(255) as u8
                }
            })
            .collect();
        // Reductions under 2× (larger ones average areas instead: below).
        for (channels, w, h) in [(3, 60, 40), (3, 50, 90), (1, 47, 29), (1, 150, 40)] {
            let v = View {
                data: &data,
                stride: sw as usize * channels,
                channels,
                x: 3,
                y: 2,
                width: sw - 5,
                height: sh - 4,
            };
            let (a, b) = (resize(&v, w, h), resize_small(&v, w, h));
            assert_eq!(a.len(), b.len());
            let worst = a.iter().zip(&b).map(|(x, y)| x.abs_diff(*y)).max();
            // Rounded to bytes in between in another order, and where Catmull-Rom
            // overshoots a hard edge, clamped at another step: 4 levels of 255 at most here.
            assert!(
                worst <= Some(4),
                "{channels} channels to {w}×{h}: {worst:?}"
            );
        }
        let flat = vec![77u8; 40 * 30 * 3];
        assert!(resize_small(&view(&flat, 40, 30, 3), 13, 11)
            .iter()
            .all(|&v| v == 77));
        assert_eq!(resize_small(&view(&flat, 40, 30, 3), 40, 30), flat);
    }

    #[test]
    fn small_copies_average_areas_when_reduced_twice_or_more() {
        // Five pixels to two: each output pixel covers two and a half.
        let row = [0u8, 50, 100, 150, 200];
        assert_eq!(resize_small(&view(&row, 5, 1, 1), 2, 1), [40, 160]);
        // Alternate black and white columns, 4× and 3.75×: mid-gray, no stripes.
        let stripes: Vec<u8> = (0..300 * 4)
            .map(|i| if i % 2 == 0 { 0 } else { 255 })
            .collect();
        let out = resize_small(&view(&stripes, 300, 4, 1), 75, 1);
        assert!(out.iter().all(|&v| v == 127 || v == 128), "{out:?}");
        let out = resize_small(&view(&stripes, 300, 4, 1), 80, 2);
        assert!(out.iter().all(|&v| (110..=145).contains(&v)), "{out:?}");
        // A 2×2 block of RGB becomes its mean.
        let block = [0u8, 0, 0, 100, 0, 0, 0, 100, 0, 200, 100, 40];
        assert_eq!(resize_small(&view(&block, 2, 2, 3), 1, 1), [75, 50, 10]);
        // Every source pixel counts once, and the weights still add up to one.
        for (from, to) in [(1700, 453), (1200, 320), (7, 3), (5, 1)] {
            let a = box_axis(from, to);
            let mut seen = vec![0i64; from as usize];
            for i in 0..to as usize {
                let (start, w) = a.taps(i);
                assert_eq!(
                    w.iter().map(|&w| w as i32).sum::<i32>(),
                    ONE,
                    "{from}→{to} at {i}"
                );
                for (k, &wt) in w.iter().enumerate() {
                    seen[start + k] += wt as i64;
                }
            }
            let each = ONE as f64 * to as f64 / from as f64;
            assert!(
                seen.iter()
                    .all(|&s| (s as f64 - each).abs() <= each * 0.01 + 2.0),
                "{from}→{to}"
            );
        }
    }

    #[test]
    fn a_view_reads_only_its_rectangle() {
        // 4×2 gray: the right 2×2 square is 200, the rest 0.
        let data = [0, 0, 200, 200, 0, 0, 200, 200];
        let v = View {
            data: &data,
            stride: 4,
            channels: 1,
            x: 2,
            y: 0,
            width: 2,
            height: 2,
        };
        assert_eq!(resize(&v, 2, 2), [200; 4]);
        assert_eq!(resize(&v, 1, 1), [200]);
        assert_eq!(resize(&v, 3, 5), [200; 15]);
    }

    #[test]
    fn averages_big_reductions() {
        // Alternate black and white columns come out mid-gray, not in stripes.
        let stripes: Vec<u8> = (0..300 * 10)
            .map(|i| if i % 2 == 0 { 0 } else { 255 })
            .collect();
        let out = resize(&view(&stripes, 300, 10, 1), 30, 1);
        assert!(out.iter().all(|&v| (120..=135).contains(&v)), "{out:?}");
    }
}
