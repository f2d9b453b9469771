//! The weights of the resampling filters in fixed point: for each output pixel
//! along one axis, the source pixels it reads and how much each counts
//! (Catmull-Rom, a stretched triangle, or area averages).

/// Fixed-point precision of the weights: 1.0 is `1 << BITS`.
pub(super) const BITS: u32 = 14;
pub(super) const ONE: i32 = 1 << BITS;

/// A weight in fixed point. Every weight lies within ±2 (Catmull-Rom's
/// lobes are under 0.1, a weight is at most one plus the rounding
/// correction), so 16 bits hold it; a weight times a byte then fits the
/// processor's 16-bit multiply-and-add, which the compiler uses for the
/// sums of whole rows.
pub(super) type Weight = i16;

/// For each output pixel along one axis: the first source pixel and the weights from there.
pub(super) struct Axis {
    pub(super) starts: Vec<usize>,
    pub(super) spans: Vec<(usize, usize)>,
    pub(super) weights: Vec<Weight>,
}

impl Axis {
    pub(super) fn taps(&self, i: usize) -> (usize, &[Weight]) {
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

pub(super) fn catmull_rom(x: f64) -> f64 {
    let x = x.abs();
    if x < 1.0 {
        (1.5 * x - 2.5) * x * x + 1.0
    } else if x < 2.0 {
        ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
    } else {
        0.0
    }
}

pub(super) fn triangle(x: f64) -> f64 {
    (1.0 - x.abs()).max(0.0)
}

/// The weights that take `from` source pixels to `to` output pixels.
pub(super) fn axis(from: u32, to: u32) -> Axis {
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
pub(super) fn box_axis(from: u32, to: u32) -> Axis {
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
pub(super) fn weighed(
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

pub(super) fn to_u8(acc: i32) -> u8 {
    (acc >> BITS).max(0).min(255) as u8
}

/// [`box_axis`] for a reduction of 2× or more, else [`axis`].
pub(super) fn small_axis(from: u32, to: u32) -> Axis {
    if from >= to.saturating_mul(2) {
        box_axis(from, to)
    } else {
        axis(from, to)
    }
}
