//! The across pass of resampling: rows of source pixels to rows of the
//! output's width, each output pixel a weighted sum of a few source pixels
//! of its row, rounded to a byte.
//!
//! When no output pixel weighs more than [`MAX_UNIFORM`] source pixels (all
//! but big reductions), every span is widened to the widest with zero
//! weights, so that one loop with the tap count and the channels as
//! constants sets every pixel of a row. The sums are of integers, and zero
//! weights add nothing to them: the bytes are those of weighing each pixel
//! by its own span. On x86-64 those sums are taken two products at a time
//! ([`sse2`]), and gray spans up to [`MAX_GRAY`] long are made uniform too. (Blocks of 16 rows stored column by column, so that a
//! weight multiplies 16 pixels at once, were measured slower: packing the
//! sums back into rows cost more than the multiplications saved.)

#[cfg(target_arch = "x86_64")]
mod sse2;

use super::{to_u8, Axis, Weight, ONE};

/// Rows mapped at a time where rows are mapped before they are resampled.
pub(super) const BLOCK: usize = 16;

/// Widest span made uniform: wider ones keep their own lengths.
const MAX_UNIFORM: usize = 8;

/// Widest span made uniform for gray on x86-64, whose [`sse2`] sums take
/// any number of lanes of eight taps (a big reduction's triangle filter).
#[cfg(target_arch = "x86_64")]
const MAX_GRAY: usize = 32;

/// The across pass by one axis for pixels of `C` channels.
pub(super) struct Across<'a, const C: usize> {
    ax: &'a Axis,
    uniform: Option<Uniform>,
    /// The uniform weights laid out for [`sse2`].
    #[cfg(target_arch = "x86_64")]
    lanes: Option<sse2::Lanes>,
}

/// An axis's weights with the same number of taps, `n`, for every output
/// pixel: each span widened to `n` source pixels (moved back from the end
/// of the row where it must) with zero weights.
struct Uniform {
    n: usize,
    starts: Vec<usize>,
    weights: Vec<Weight>,
}

impl Uniform {
    /// `ax` over rows of `from` source pixels, when its spans are at most
    /// `max` long and rows are that long.
    fn new(ax: &Axis, from: usize, max: usize) -> Option<Uniform> {
        let n = ax.spans.iter().map(|s| s.1).max()?;
        if n > max || n > from {
            return None;
        }
        let mut u = Uniform {
            n,
            starts: Vec::with_capacity(ax.starts.len()),
            weights: Vec::with_capacity(ax.starts.len() * n),
        };
        for i in 0..ax.starts.len() {
            let (start, weights) = ax.taps(i);
            let first = start.min(from - n);
            let lead = start - first;
            u.starts.push(first);
            u.weights.extend(std::iter::repeat_n(0, lead));
            u.weights.extend_from_slice(weights);
            u.weights
                .extend(std::iter::repeat_n(0, n - lead - weights.len()));
        }
        Some(u)
    }
}

impl<'a, const C: usize> Across<'a, C> {
    /// The pass by `ax` over rows of `from` pixels.
    pub(super) fn new(ax: &'a Axis, from: usize) -> Self {
        #[cfg(target_arch = "x86_64")]
        let max = if C == 1 { MAX_GRAY } else { MAX_UNIFORM };
        #[cfg(not(target_arch = "x86_64"))]
        let max = MAX_UNIFORM;
        let uniform = Uniform::new(ax, from, max);
        #[cfg(target_arch = "x86_64")]
        let lanes = uniform
            .as_ref()
            .filter(|_| matches!(C, 1 | 3))
            .map(|u| sse2::Lanes::new(C, u.n, &u.weights));
        Across {
            ax,
            uniform,
            #[cfg(target_arch = "x86_64")]
            lanes,
        }
    }

    /// Resamples `rows` across into `out`, which holds exactly their output rows.
    pub(super) fn rows_into(&mut self, rows: &[&[u8]], out: &mut [u8]) {
        let line = out.len() / rows.len().max(1);
        #[cfg(target_arch = "x86_64")]
        if let (Some(lanes), Some(u)) = (&mut self.lanes, &self.uniform) {
            for (row, o) in rows.iter().zip(out.chunks_exact_mut(line)) {
                match C {
                    1 => lanes.gray(row, &u.starts, o),
                    _ => lanes.rgb(row, &u.starts, o),
                }
            }
            return;
        }
        let mut one = Vec::with_capacity(line);
        for (row, o) in rows.iter().zip(out.chunks_exact_mut(line)) {
            one.clear();
            self.rows(std::slice::from_ref(row), &mut one);
            o.copy_from_slice(&one);
        }
    }

    /// Resamples `rows` across, appending the output rows to `out` in order.
    pub(super) fn rows(&mut self, rows: &[&[u8]], out: &mut Vec<u8>) {
        #[cfg(target_arch = "x86_64")]
        if let (Some(lanes), Some(u)) = (&mut self.lanes, &self.uniform) {
            for row in rows {
                let len = out.len();
                out.resize(len + u.starts.len() * C, 0);
                match C {
                    1 => lanes.gray(row, &u.starts, &mut out[len..]),
                    _ => lanes.rgb(row, &u.starts, &mut out[len..]),
                }
            }
            return;
        }
        for row in rows {
            match &self.uniform {
                None => each_own::<C>(row, self.ax, out),
                Some(u) => match u.n {
                    1 => uniform::<C, 1>(row, u, out),
                    2 => uniform::<C, 2>(row, u, out),
                    3 => uniform::<C, 3>(row, u, out),
                    4 => uniform::<C, 4>(row, u, out),
                    5 => uniform::<C, 5>(row, u, out),
                    6 => uniform::<C, 6>(row, u, out),
                    7 => uniform::<C, 7>(row, u, out),
                    _ => uniform::<C, MAX_UNIFORM>(row, u, out),
                },
            }
        }
    }
}

/// One row resampled across with `N` taps a pixel, appended to `out`.
fn uniform<const C: usize, const N: usize>(row: &[u8], u: &Uniform, out: &mut Vec<u8>) {
    let len = out.len();
    out.resize(len + u.starts.len() * C, 0);
    let pixels = u
        .starts
        .iter()
        .zip(u.weights.chunks_exact(N))
        .zip(out[len..].chunks_exact_mut(C));
    for ((&start, weights), px) in pixels {
        let taps = &row[start * C..(start + N) * C];
        let mut acc = [ONE / 2; C];
        for k in 0..N {
            for c in 0..C {
                acc[c] += weights[k] as i32 * taps[k * C + c] as i32;
            }
        }
        for c in 0..C {
            px[c] = to_u8(acc[c]);
        }
    }
}

/// One row resampled across, each output pixel by its own taps, appended to `out`.
pub(super) fn each_own<const C: usize>(row: &[u8], ax: &Axis, out: &mut Vec<u8>) {
    for x in 0..ax.starts.len() {
        let (start, weights) = ax.taps(x);
        // One slice for all taps, so the loop below checks no bounds.
        let taps = &row[start * C..(start + weights.len()) * C];
        let mut acc = [ONE / 2; C];
        for (p, &wt) in taps.chunks_exact(C).zip(weights) {
            for c in 0..C {
                acc[c] += wt as i32 * p[c] as i32;
            }
        }
        for a in acc {
            out.push(to_u8(a));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{axis, small_axis};
    use super::*;

    #[test]
    fn uniform_taps_give_each_pixels_own_bytes() {
        fn check<const C: usize>(from: u32, to: u32, ax: &Axis) {
            let rows: Vec<Vec<u8>> = (0..37)
                .map(|y| {
                    (0..from as usize * C)
                        .map(|i| ((i * 89 + y * 31) % 253) as u8)
                        .collect()
                })
                .collect();
            let rows: Vec<&[u8]> = rows.iter().map(Vec::as_slice).collect();
            for count in [1, 5, 16, 17, 37] {
                let (mut own, mut blocks) = (Vec::new(), Vec::new());
                for row in &rows[..count] {
                    each_own::<C>(row, ax, &mut own);
                }
                Across::<C>::new(ax, from as usize).rows(&rows[..count], &mut blocks);
                assert_eq!(own, blocks, "{from} -> {to}, {C} channels, {count} rows");
            }
        }
        for (from, to) in [
            (7, 19),
            (120, 175),
            (175, 120),
            (300, 110),
            (90, 40),
            (1200, 1748),
            (5, 4),
            (4, 1),
            (300, 20),
            (1000, 90),
            (1240, 50),
        ] {
            for ax in [axis(from, to), small_axis(from, to)] {
                check::<1>(from, to, &ax);
                check::<3>(from, to, &ax);
            }
        }
        assert!(Uniform::new(&axis(1200, 1748), 1200, MAX_UNIFORM).is_some());
    }
}
