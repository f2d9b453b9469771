//! Hyphenation patterns: the Knuth-Liang dictionary a language's data names,
//! with its shortest fragments, loaded once per process.

use crate::lang::Locale;
use hyphenation::{Language, Load, Standard};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Mutex, OnceLock};

/// The patterns a language's data names (`hyphenation.patterns`), with its
/// shortest fragments before and after a hyphen; loaded once per process.
pub fn dictionary_for(locale: &Locale) -> Option<&'static Standard> {
    static DICTS: OnceLock<Mutex<HashMap<(Language, usize, usize), Option<&'static Standard>>>> =
        OnceLock::new();
    let h = &locale.hyphenation;
    let lang = Language::try_from_code(h.patterns.to_ascii_lowercase())?;
    let mut dicts = DICTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    *dicts.entry((lang, h.left, h.right)).or_insert_with(|| {
        Standard::from_embedded(lang).ok().map(|mut d| {
            d.minima = (h.left.max(1), h.right.max(1));
            &*Box::leak(Box::new(d))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Locales;
    use hyphenation::Hyphenator;

    /// The patterns of a tag's built-in language data.
    fn dictionary(tag: &str) -> Option<&'static Standard> {
        dictionary_for(&Locales::built_in().resolve(tag).locale)
    }

    #[test]
    fn languages_find_their_patterns() {
        assert!(dictionary("en").is_some());
        assert!(dictionary("en-GB").is_some());
        assert!(dictionary("es").is_some());
        assert!(dictionary("de").is_some());
        assert!(dictionary("pt-BR").is_some());
        assert!(dictionary("tlh").is_none());
        assert!(
            dictionary("ja").is_none(),
            "no hyphens in text without word spaces"
        );
        let es = dictionary("es").unwrap();
        assert!(!es.hyphenate("solidaridad").breaks.is_empty());
    }

    #[test]
    fn a_language_without_data_keeps_its_own_patterns() {
        assert!(
            dictionary("hu").is_some(),
            "Hungarian has patterns though zinepress has no Hungarian data"
        );
        assert!(!dictionary("hu")
            .unwrap()
            .hyphenate("szolidaritás")
            .breaks
            .is_empty());
    }
}
