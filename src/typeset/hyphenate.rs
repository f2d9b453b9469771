//! Hyphenation patterns: the Knuth-Liang dictionary for a document's
//! language, loaded once per process.

use hyphenation::{Language, Load, Standard};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Mutex, OnceLock};

/// Knuth-Liang patterns for a BCP 47 tag ("en", "pt-BR", "de"), loaded once
/// per language and kept for the process; `None` when no patterns exist.
pub fn dictionary(tag: &str) -> Option<&'static Standard> {
    static DICTS: OnceLock<Mutex<HashMap<Language, Option<&'static Standard>>>> = OnceLock::new();
    let lang = language_for(tag)?;
    let mut dicts = DICTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    *dicts.entry(lang).or_insert_with(|| {
        Standard::from_embedded(lang)
            .ok()
            .map(|d| &*Box::leak(Box::new(d)))
    })
}

/// The pattern set for a language tag: the tag itself, else its primary
/// language with the usual default variety.
fn language_for(tag: &str) -> Option<Language> {
    let tag = tag.trim().to_ascii_lowercase();
    let primary = tag.split('-').next().unwrap_or_default();
    let default = match primary {
        "en" => "en-us",
        "de" => "de-1996",
        "el" => "el-monoton",
        "mn" => "mn-cyrl",
        "sr" => "sr-cyrl",
        "la" => "la",
        other => other,
    };
    Language::try_from_code(&tag).or_else(|| Language::try_from_code(default))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyphenation::Hyphenator;

    #[test]
    fn languages_find_their_patterns() {
        assert!(dictionary("en").is_some());
        assert!(dictionary("en-GB").is_some());
        assert!(dictionary("es").is_some());
        assert!(dictionary("de").is_some());
        assert!(dictionary("pt-BR").is_some());
        assert!(dictionary("tlh").is_none());
        let es = dictionary("es").unwrap();
        assert!(!es.hyphenate("solidaridad").breaks.is_empty());
    }
}
