//! The luminance of RGB rows eight pixels at a time, on x86-64 processors
//! with SSSE3 (all made since about 2008): a byte shuffle sets each pixel's
//! red beside its green and its green beside its blue, and a 16-bit
//! multiply-and-add-pairs weighs each pair. The green weight (46 871) does
//! not fit a signed 16-bit lane, so it is split in two (23 436 + 23 435)
//! between the pairs; the sums are the same integers as `luma_row`'s.

use super::{B, G, R};
use std::arch::x86_64::{
    __m128i, _mm_add_epi32, _mm_cvtsi128_si64, _mm_madd_epi16, _mm_packs_epi32, _mm_packus_epi16,
    _mm_set1_epi32, _mm_set_epi16, _mm_set_epi64x, _mm_set_epi8, _mm_shuffle_epi8, _mm_srli_epi32,
};

/// Whether this processor can take [`luma_row`].
pub fn available() -> bool {
    std::arch::is_x86_feature_detected!("ssse3")
}

/// The luminance of the first pixels of `row`, eight at a time, written to
/// the start of `out`; returns how many pixels were done (the rest is the
/// caller's). Only when [`available`].
pub fn luma_row(row: &[u8], out: &mut [u8]) -> usize {
    if !available() {
        return 0;
    }
    // SAFETY: `available` checked that the processor has SSSE3.
    unsafe { rows(row, out) }
}

#[target_feature(enable = "ssse3")]
fn rows(row: &[u8], out: &mut [u8]) -> usize {
    const Z: i8 = -128; // a shuffle index that gives zero
                        // Pixels 0–3 of the 12 bytes loaded: red with green, green with blue.
    let rg = _mm_set_epi8(Z, 10, Z, 9, Z, 7, Z, 6, Z, 4, Z, 3, Z, 1, Z, 0);
    let gb = _mm_set_epi8(Z, 11, Z, 10, Z, 8, Z, 7, Z, 5, Z, 4, Z, 2, Z, 1);
    let g_half = (G / 2 + 1) as i16;
    let w_rg = _mm_set_epi16(
        g_half, R as i16, g_half, R as i16, g_half, R as i16, g_half, R as i16,
    );
    let g_rest = (G - G / 2 - 1) as i16;
    let w_gb = _mm_set_epi16(
        B as i16, g_rest, B as i16, g_rest, B as i16, g_rest, B as i16, g_rest,
    );
    let half = _mm_set1_epi32(32_768);
    let four = |bytes: &[u8; 16]| -> __m128i {
        let lo = i64::from_le_bytes(bytes[..8].try_into().unwrap_or_default());
        let hi = i64::from_le_bytes(bytes[8..].try_into().unwrap_or_default());
        let v = _mm_set_epi64x(hi, lo);
        let s = _mm_add_epi32(
            _mm_madd_epi16(_mm_shuffle_epi8(v, rg), w_rg),
            _mm_madd_epi16(_mm_shuffle_epi8(v, gb), w_gb),
        );
        _mm_srli_epi32::<16>(_mm_add_epi32(s, half))
    };
    let mut done = 0;
    // Eight pixels are 24 bytes; the second load reads 16 from byte 12.
    while let (Some(a), Some(b), Some(o)) = (
        row.get(done * 3..done * 3 + 16),
        row.get(done * 3 + 12..done * 3 + 28),
        out.get_mut(done..done + 8),
    ) {
        let (Ok(a), Ok(b)) = (<&[u8; 16]>::try_from(a), <&[u8; 16]>::try_from(b)) else {
            break;
        };
        let (x, y) = (four(a), four(b));
        let packed = _mm_packus_epi16(_mm_packs_epi32(x, y), x);
        o.copy_from_slice(&_mm_cvtsi128_si64(packed).to_le_bytes());
        done += 8;
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_at_a_time_gives_each_pixels_own_bytes() {
        if !available() {
            return;
        }
        for n in [0usize, 1, 8, 9, 10, 17, 64, 333] {
            let row: Vec<u8> = (0..n * 3).map(|i| (i * 97 % 256) as u8).collect();
            let mut out = vec![0u8; n];
            let done = luma_row(&row, &mut out);
            assert!(done <= n && n - done < 10, "{n} pixels, {done} done");
            for (g, p) in out[..done].iter().zip(row.chunks_exact(3)) {
                let own = (R * p[0] as u32 + G * p[1] as u32 + B * p[2] as u32 + 32_768) >> 16;
                assert_eq!(*g as u32, own, "{p:?}");
            }
        }
        // Every level of each channel alone, and white.
        let row: Vec<u8> = (0..=255u8)
            .flat_map(|v| [v, 0, 0, 0, v, 0, 0, 0, v, v, v, v])
            .collect();
        let mut out = vec![0u8; row.len() / 3];
        let done = luma_row(&row, &mut out);
        for (g, p) in out[..done].iter().zip(row.chunks_exact(3)) {
            let own = (R * p[0] as u32 + G * p[1] as u32 + B * p[2] as u32 + 32_768) >> 16;
            assert_eq!(*g as u32, own, "{p:?}");
        }
    }
}
