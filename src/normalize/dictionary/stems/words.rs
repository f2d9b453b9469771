//! A `.dic` read eight bytes at a time, as one 64-bit word: where a stem
//! or a line ends, and a stem's hash in lower case, without a step per
//! byte (indexing en_US's 79,013 lines took about 330 instructions a line
//! byte by byte).

/// A one in every byte, and every byte's top bit.
const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// One step of the stem hash: the next eight bytes of the stem in lower
/// case (zeros after its end).
#[inline]
fn mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A hash of `s` in lower case, eight bytes at a time.
pub fn folded_hash(s: &str) -> u64 {
    let lower;
    let bytes = if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        lower = s.to_lowercase();
        lower.as_bytes()
    } else {
        s.as_bytes()
    };
    bytes.chunks(8).fold(0, |h, chunk| {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        mix(h, u64::from_le_bytes(word))
    })
}

/// The eight bytes from `at` (zeros past the end), and the top bit set in
/// each byte past the end.
#[inline]
fn load(bytes: &[u8], at: usize) -> (u64, u64) {
    if let Some(eight) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        return (u64::from_le_bytes(word), 0);
    }
    let rest = bytes.get(at..).unwrap_or_default();
    let mut word = [0u8; 8];
    word[..rest.len()].copy_from_slice(rest);
    (u64::from_le_bytes(word), past_end(rest.len()))
}

/// The top bits of the bytes from `len` (under 8) on.
#[inline]
fn past_end(len: usize) -> u64 {
    HIGH & (u64::MAX << (8 * len))
}

/// The top bit of the first byte of `word` equal to `b` (and maybe of
/// bytes after it: only the lowest set bit is exact).
#[inline]
fn equal(word: u64, b: u8) -> u64 {
    let x = word ^ (LOW * u64::from(b));
    x.wrapping_sub(LOW) & !x & HIGH
}

/// ASCII capitals of `word` in lower case (every byte under 0x80).
#[inline]
fn lower(word: u64) -> u64 {
    let from_a = word.wrapping_add(LOW * u64::from(0x80 - b'A'));
    let past_z = word.wrapping_add(LOW * u64::from(0x80 - b'Z' - 1));
    word | ((from_a & !past_z & HIGH) >> 2)
}

/// From `at`, the end of a `.dic` line's stem (its first `/`, tab, space,
/// line end or carriage return) and the stem's [`folded_hash`], `None`
/// when the stem is not ASCII.
pub fn stem(bytes: &[u8], at: usize) -> (usize, Option<u64>) {
    let (mut h, mut ascii, mut i) = (0, true, at);
    loop {
        let (word, past) = load(bytes, i);
        let ends = equal(word, b'/')
            | equal(word, b'\t')
            | equal(word, b' ')
            | equal(word, b'\n')
            | equal(word, b'\r')
            | past;
        let k = if ends == 0 {
            8
        } else {
            ends.trailing_zeros() as usize / 8
        };
        let kept = if k == 8 {
            word
        } else {
            word & !(u64::MAX << (8 * k))
        };
        ascii &= kept & HIGH == 0;
        if k > 0 {
            h = mix(h, lower(kept));
        }
        i += k;
        if k < 8 {
            return (i, ascii.then_some(h));
        }
    }
}

/// The first line end (`\n`) from `at`, or the end of `bytes`.
pub fn line_end(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    while i < bytes.len() {
        let (word, past) = load(bytes, i);
        let ends = equal(word, b'\n') | past;
        if ends != 0 {
            return (i + ends.trailing_zeros() as usize / 8).min(bytes.len());
        }
        i += 8;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_end_where_a_byte_by_byte_scan_ends_and_hash_as_their_lower_case() {
        let dic = "Paris/S\nab\tpo:x\nabcdefgh/A\nABCDEFGHIJKLMNOPQ\r\nx y\n/\nÅngström/M\nzoo";
        let bytes = dic.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let (end, hash) = stem(bytes, at);
            let expected = bytes[at..]
                .iter()
                .position(|b| b"/\t \n\r".contains(b))
                .map_or(bytes.len(), |i| at + i);
            assert_eq!(end, expected, "stem from {at}");
            let s = dic.get(at..end).unwrap();
            if s.is_ascii() {
                assert_eq!(hash, Some(folded_hash(s)), "{s}");
                assert_eq!(folded_hash(s), folded_hash(&s.to_lowercase()));
            } else {
                assert_eq!(hash, None, "{s}");
            }
            let line = line_end(bytes, at);
            let expected = bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| at + i);
            assert_eq!(line, expected, "line from {at}");
            at = line + 1;
        }
        assert_ne!(folded_hash("party"), folded_hash("parti"));
        assert_eq!(folded_hash("ÅNGSTRÖM"), folded_hash("ångström"));
    }

    #[test]
    fn only_capitals_are_lowered() {
        let all: Vec<u8> = (0..0x80).collect();
        for chunk in all.chunks(8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap());
            let expected: Vec<u8> = chunk.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(lower(word).to_le_bytes().to_vec(), expected);
        }
    }
}
