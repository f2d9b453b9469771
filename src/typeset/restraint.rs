//! Hyphenation restraint: which words may be hyphenated and where, and what
//! a hyphen costs the line breaker.
//!
//! The costs were tuned with `bench/typst_compare.py --typography` on the
//! example essays: with them (and font expansion) a reading copy or booklet
//! ends fewer lines with a hyphen than Typst does on the same text, page and
//! font, at tighter word spacing.

/// Penalty of a break at a hyphenation point (TeX's `\hyphenpenalty` is 50).
pub const HYPHEN_PENALTY: f32 = 300.0;
/// Penalty of a break after a compound's own hyphen ("anti-war"): no hyphen
/// is added, but the line still ends with one (TeX's `\exhyphenpenalty`).
pub const HARD_HYPHEN_PENALTY: f32 = 200.0;
/// Extra demerits for two hyphenated lines in a row.
pub const DOUBLE_HYPHEN_DEMERITS: f32 = 400_000.0;
/// Extra demerits when a paragraph's last full line ends with a hyphen (the
/// word then ends on a short last line).
pub const FINAL_HYPHEN_DEMERITS: f32 = 1_000_000.0;

/// Letters a hyphenated word keeps before its first hyphen and after its last.
pub const LEFT_MIN: usize = 3;
pub const RIGHT_MIN: usize = 3;
/// Words shorter than this (in letters) are never hyphenated.
pub const MIN_WORD: usize = 7;

/// The part of a word's core the hyphenation patterns are asked about: an
/// English possessive's "’s" (or "'s") is left off, as the patterns know
/// "community" but not "community’s"; the points found still fit the core.
pub fn stem(core: &str) -> &str {
    ["’s", "'s", "’S", "'S"]
        .iter()
        .find_map(|s| core.strip_suffix(s))
        .filter(|s| !s.is_empty())
        .unwrap_or(core)
}

/// Whether a whole word (as it stands between spaces) may be hyphenated at
/// all: not an address (a URL, a mail address, a path) and not a number.
pub fn word_may_hyphenate(word: &str) -> bool {
    let addressy = word.contains("://")
        || word.starts_with("www.")
        || word.contains('@')
        || word.contains('\\')
        || word.contains('_');
    !addressy && !word.chars().any(|c| c.is_ascii_digit())
}

/// The hyphenation points of one part of a word (letters between dashes,
/// without leading and trailing punctuation) that may be used: none in a
/// capitalised part (a name, an acronym, a word in running text starting a
/// title), in a part with digits, or in a part shorter than [`MIN_WORD`]
/// letters; and none leaving fewer than [`LEFT_MIN`] letters before or
/// [`RIGHT_MIN`] after. `points` are byte offsets into `core`.
pub fn usable_points(core: &str, points: &[usize]) -> Vec<usize> {
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let capitalised = core.chars().next().is_some_and(char::is_uppercase);
    if capitalised || letters < MIN_WORD || core.chars().any(|c| c.is_numeric()) {
        return Vec::new();
    }
    points
        .iter()
        .copied()
        .filter(|&at| {
            let before = core
                .get(..at)
                .map_or(0, |s| s.chars().filter(|c| c.is_alphabetic()).count());
            before >= LEFT_MIN && letters.saturating_sub(before) >= RIGHT_MIN
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_numbers_are_not_hyphenated() {
        for word in [
            "https://example.org/organizing",
            "www.libcom.org",
            "someone@example.org",
            "1970s",
            "C:\\Users",
            "snake_case_name",
        ] {
            assert!(!word_may_hyphenate(word), "{word}");
        }
        for word in ["organization", "anti-authoritarian,", "“solidarity”"] {
            assert!(word_may_hyphenate(word), "{word}");
        }
    }

    #[test]
    fn possessives_are_looked_up_without_their_s() {
        assert_eq!(stem("community’s"), "community");
        assert_eq!(stem("workers'"), "workers'");
        assert_eq!(stem("’s"), "’s");
        // The stem's points leave "’s" and enough letters after the last one.
        assert_eq!(usable_points("community’s", &[3, 5]), [3, 5]);
    }

    #[test]
    fn names_short_words_and_edges_keep_their_letters() {
        // or-ga-ni-za-tion: points after "or", "orga", "organi", "organiza".
        let points = [2, 4, 6, 9];
        assert_eq!(usable_points("organization", &points), [4, 6, 9]);
        assert_eq!(usable_points("Organization", &points), Vec::<usize>::new());
        assert_eq!(usable_points("NAACP", &[2]), Vec::<usize>::new());
        assert_eq!(usable_points("action", &[3]), Vec::<usize>::new());
        // The right minimum: "activ-ism" keeps three letters after the break.
        assert_eq!(usable_points("activism", &[5, 6]), [5]);
    }
}
