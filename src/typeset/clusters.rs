//! Grapheme clusters of text that is mostly ASCII, without running the
//! Unicode segmentation rules over every character.
//!
//! Between two ASCII characters (CR LF aside) there is always a cluster
//! boundary: no rule of UAX #29 joins them, and no rule that looks further
//! back reaches past an ASCII character. So a character between two such
//! boundaries is a cluster of its own, and only the stretches around other
//! characters go through `unicode-segmentation`, from a boundary to a
//! boundary, where they give the clusters the whole text would.

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

/// The extended grapheme clusters of `text` with their byte offsets: the
/// same as `text.grapheme_indices(true)`.
pub fn grapheme_indices(text: &str) -> Clusters<'_> {
    Clusters {
        text,
        at: 0,
        inner: None,
    }
}

/// The iterator of [`grapheme_indices`].
pub struct Clusters<'a> {
    text: &'a str,
    /// Where the next stretch starts (always a cluster boundary).
    at: usize,
    /// The stretch being segmented, with its offset in `text`.
    inner: Option<(usize, GraphemeIndices<'a>)>,
}

/// Whether there is a cluster boundary at byte `i` of `bytes` because the
/// characters on both sides are ASCII (and not CR then LF), or `i` is an end.
fn ascii_cut(bytes: &[u8], i: usize) -> bool {
    match (i.checked_sub(1).and_then(|p| bytes.get(p)), bytes.get(i)) {
        (Some(&a), Some(&b)) => a.is_ascii() && b.is_ascii() && !(a == b'\r' && b == b'\n'),
        _ => true,
    }
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if let Some((base, inner)) = &mut self.inner {
            if let Some((i, g)) = inner.next() {
                return Some((*base + i, g));
            }
            self.inner = None;
        }
        let bytes = self.text.as_bytes();
        let start = self.at;
        if start >= bytes.len() {
            return None;
        }
        let mut end = start + 1;
        while !ascii_cut(bytes, end) {
            end += 1;
        }
        self.at = end;
        // Both ends are boundaries between ASCII characters (or ends), so
        // they are char boundaries too.
        let stretch = self.text.get(start..end)?;
        if end == start + 1 {
            return Some((start, stretch));
        }
        let mut inner = stretch.grapheme_indices(true);
        let first = inner.next().map(|(i, g)| (start + i, g));
        self.inner = Some((start, inner));
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clusters_are_unicode_segmentations() {
        let mut texts = vec![
            String::new(),
            "plain words".to_string(),
            "don\u{2019}t e\u{301}t\u{e9} \r\nx\r\r\n\n\r".to_string(),
            "👍🏽a\u{200d}b 🇫🇷🇩🇪🇫 \u{915}\u{94d}\u{937}a \u{600}1 ق\u{64e}".to_string(),
            "\u{301}start with a mark, end with one\u{301}".to_string(),
            "a\u{200d}👍 ©\u{fe0f} #\u{fe0f}\u{20e3} 1\u{20e3} \u{1100}\u{1161}\u{11a8}x"
                .to_string(),
        ];
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/sources")).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        for text in &texts {
            let want: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            let got: Vec<(usize, &str)> = grapheme_indices(text).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
