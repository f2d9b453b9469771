//! The across pass's sums two products at a time, on x86-64: a weight pair
//! times a pixel pair of one channel, added, is one instruction
//! (`pmaddwd`), which SSE2, and so every x86-64 processor, has. The compiler
//! does not find it in the plain loop, which sets each channel of each tap
//! apart. The sums are the same integers, so the bytes are the same.
//!
//! Layouts: for gray, eight taps of an output pixel in order (zeros after
//! its span), against the source pixels from its first; for RGB, one lane
//! per pair of taps `a b a b a b 0 0`, against a source pixel's channels
//! each beside the next pixel's, `r r' g g' b b' · ·`.

use super::super::{Weight, BITS, ONE};
use std::arch::x86_64::{
    __m128i, _mm_add_epi32, _mm_cvtsi128_si32, _mm_cvtsi64_si128, _mm_madd_epi16, _mm_packs_epi32,
    _mm_packus_epi16, _mm_set1_epi32, _mm_set_epi16, _mm_setzero_si128, _mm_shuffle_epi32,
    _mm_srai_epi32, _mm_unpackhi_epi32, _mm_unpackhi_epi64, _mm_unpacklo_epi32, _mm_unpacklo_epi64,
    _mm_unpacklo_epi8,
};

/// An axis's uniform weights in lanes, for pixels of one or three channels.
pub(super) struct Lanes {
    /// Lanes a pixel: 1 for gray, the pairs of taps for RGB.
    pub per_pixel: usize,
    lanes: Vec<__m128i>,
    /// The source row being resampled, in lanes (RGB only).
    wide: Vec<__m128i>,
}

impl Lanes {
    /// `weights` holds `n` weights an output pixel (`n` at most 8 for RGB,
    /// at most 32 for gray).
    pub(super) fn new(channels: usize, n: usize, weights: &[Weight]) -> Lanes {
        let per_pixel = if channels == 1 {
            n.div_ceil(8).max(1)
        } else {
            n.div_ceil(2)
        };
        let mut lanes = Vec::with_capacity(weights.len() / n.max(1) * per_pixel);
        for pixel in weights.chunks_exact(n.max(1)) {
            if channels == 1 {
                // Eight taps a lane, the last lane's filled up with zeros.
                for eight in pixel.chunks(8) {
                    let mut w = [0; 8];
                    w[..eight.len()].copy_from_slice(eight);
                    lanes.push(lane(w));
                }
            } else {
                for pair in pixel.chunks(2) {
                    let (a, b) = (pair[0], pair.get(1).copied().unwrap_or(0));
                    lanes.push(lane([a, b, a, b, a, b, 0, 0]));
                }
            }
        }
        Lanes {
            per_pixel,
            lanes,
            wide: Vec::new(),
        }
    }

    /// One gray row resampled across to `starts.len()` pixels, into `out`.
    pub(super) fn gray(&self, row: &[u8], starts: &[usize], out: &mut [u8]) {
        // SAFETY: SSE2 is part of x86-64 itself: every processor this code is compiled for has it.
        unsafe {
            match self.per_pixel {
                1 => gray::<1>(row, starts, &self.lanes, out),
                2 => gray::<2>(row, starts, &self.lanes, out),
                3 => gray::<3>(row, starts, &self.lanes, out),
                _ => gray::<4>(row, starts, &self.lanes, out),
            }
        }
    }

    /// One RGB row resampled across to `starts.len()` pixels, into `out`.
    pub(super) fn rgb(&mut self, row: &[u8], starts: &[usize], out: &mut [u8]) {
        // SAFETY: as in `gray`.
        unsafe {
            widen_rgb(row, &mut self.wide);
            match self.per_pixel {
                1 => rgb::<1>(&self.wide, starts, &self.lanes, out),
                2 => rgb::<2>(&self.wide, starts, &self.lanes, out),
                3 => rgb::<3>(&self.wide, starts, &self.lanes, out),
                _ => rgb::<4>(&self.wide, starts, &self.lanes, out),
            }
        }
    }
}

fn lane(w: [i16; 8]) -> __m128i {
    // SAFETY: as in `Lanes::gray`.
    unsafe { set(w) }
}

#[target_feature(enable = "sse2")]
fn set(w: [i16; 8]) -> __m128i {
    _mm_set_epi16(w[7], w[6], w[5], w[4], w[3], w[2], w[1], w[0])
}

/// Bytes `at..at + 8` of `bytes` (zeros past its end) in a register's low half.
#[target_feature(enable = "sse2")]
fn eight(bytes: &[u8], at: usize) -> __m128i {
    let mut b = [0u8; 8];
    match bytes.get(at..at + 8) {
        Some(s) => b.copy_from_slice(s),
        None => {
            let s = bytes.get(at..).unwrap_or_default();
            b[..s.len().min(8)].copy_from_slice(&s[..s.len().min(8)]);
        }
    }
    _mm_cvtsi64_si128(i64::from_le_bytes(b))
}

/// Each pixel of an RGB row as `r r' g g' b b' · ·` (primed: the next pixel's, zero after the last).
#[target_feature(enable = "sse2")]
fn widen_rgb(row: &[u8], wide: &mut Vec<__m128i>) {
    let zero = _mm_setzero_si128();
    wide.clear();
    // The next pixel's bytes come from a 64-bit shift of the same eight, not
    // a byte shift of the register: LLVM merged a byte shift and the two
    // unpacks into one shuffle of a single input, which SSE2 has no single
    // instruction for (nine, of `pshufd`/`pshufhw`/`pshuflw`/packs); these are four.
    let widen = |x: u64| {
        let next = _mm_cvtsi64_si128((x >> 24) as i64);
        _mm_unpacklo_epi8(_mm_unpacklo_epi8(_mm_cvtsi64_si128(x as i64), next), zero)
    };
    // Every pixel but the last two or three has eight bytes from its own on.
    let pixels = row.len() / 3;
    let inside = row.len().saturating_sub(5) / 3;
    wide.extend((0..inside).map(|p| {
        // SAFETY: p < inside, so 3 p + 8 <= 3 inside + 5 <= row.len(): the
        // eight bytes are in the row. (A checked slice cost a third of the loop.)
        let x = unsafe { row.as_ptr().add(3 * p).cast::<u64>().read_unaligned() };
        widen(u64::from_le(x))
    }));
    wide.extend((inside..pixels).map(|p| {
        let mut b = [0u8; 8];
        let s = row.get(3 * p..).unwrap_or_default();
        let k = s.len().min(8);
        b[..k].copy_from_slice(&s[..k]);
        widen(u64::from_le_bytes(b))
    }));
}

/// The sums rounded to bytes, low lanes first.
#[target_feature(enable = "sse2")]
fn bytes(acc: __m128i) -> [u8; 4] {
    let v = _mm_srai_epi32::<{ BITS as i32 }>(acc);
    // Saturating to 16 bits and then to 0..=255 clamps as `to_u8` does.
    _mm_cvtsi128_si32(_mm_packus_epi16(_mm_packs_epi32(v, v), v)).to_le_bytes()
}

/// Gray pixels of `P` lanes (`8 P` taps) each.
#[target_feature(enable = "sse2")]
fn gray<const P: usize>(row: &[u8], starts: &[usize], lanes: &[__m128i], out: &mut [u8]) {
    let zero = _mm_setzero_si128();
    let half = _mm_set1_epi32(ONE / 2);
    // An output pixel's products, added in pairs, lane by lane: four parts of its sum.
    let parts = |start: usize, w: &[__m128i]| {
        let mut acc = _mm_setzero_si128();
        for (j, &w) in w.iter().enumerate() {
            let taps = _mm_unpacklo_epi8(eight(row, start + 8 * j), zero);
            acc = _mm_add_epi32(acc, _mm_madd_epi16(taps, w));
        }
        acc
    };
    let n = starts.len().min(lanes.len() / P).min(out.len());
    let (fours, rest) = (n / 4 * 4, n % 4);
    let quads = starts[..fours]
        .chunks_exact(4)
        .zip(lanes[..fours * P].chunks_exact(4 * P))
        .zip(out[..fours].chunks_exact_mut(4));
    for ((st, w), px) in quads {
        let (a, b, c, d) = (
            parts(st[0], &w[..P]),
            parts(st[1], &w[P..2 * P]),
            parts(st[2], &w[2 * P..3 * P]),
            parts(st[3], &w[3 * P..]),
        );
        // Four pixels' parts added across at once (a transpose with adds).
        let ab = _mm_add_epi32(_mm_unpacklo_epi32(a, b), _mm_unpackhi_epi32(a, b));
        let cd = _mm_add_epi32(_mm_unpacklo_epi32(c, d), _mm_unpackhi_epi32(c, d));
        let sums = _mm_add_epi32(_mm_unpacklo_epi64(ab, cd), _mm_unpackhi_epi64(ab, cd));
        px.copy_from_slice(&bytes(_mm_add_epi32(sums, half)));
    }
    for k in n - rest..n {
        let s = parts(starts[k], &lanes[k * P..(k + 1) * P]);
        let s = _mm_add_epi32(s, _mm_shuffle_epi32::<0b01_00_11_10>(s));
        let s = _mm_add_epi32(s, _mm_shuffle_epi32::<0b10_11_00_01>(s));
        out[k] = bytes(_mm_add_epi32(s, half))[0];
    }
}

#[target_feature(enable = "sse2")]
fn rgb<const P: usize>(wide: &[__m128i], starts: &[usize], lanes: &[__m128i], out: &mut [u8]) {
    let half = _mm_set1_epi32(ONE / 2);
    let pixels = starts
        .iter()
        .zip(lanes.chunks_exact(P))
        .zip(out.chunks_exact_mut(3));
    // Pair j starts at the span's pixel 2j, at most its last: inside the row.
    let Some(last) = wide.len().checked_sub(2 * P - 1) else {
        return;
    };
    for ((&start, w), px) in pixels {
        // One comparison, from which the compiler knows the slice is inside.
        if start > last {
            continue;
        }
        let taps = &wide[start..start + 2 * P - 1];
        let mut acc = half;
        for j in 0..P {
            acc = _mm_add_epi32(acc, _mm_madd_epi16(taps[2 * j], w[j]));
        }
        px.copy_from_slice(&bytes(acc)[..3]);
    }
}
