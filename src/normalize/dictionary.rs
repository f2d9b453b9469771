//! Word lists from Hunspell dictionaries installed on the machine (Debian's
//! `hunspell-en-us` puts `en_US.aff` and `en_US.dic` in /usr/share/hunspell):
//! whether a word is a word of the language. One signal among others for
//! line-end hyphens, never a required one: without a dictionary the repair
//! decides from the document and the hyphenation patterns alone.
//!
//! A dictionary is read once per process and language, when first needed.

use rustc_hash::FxHashMap as HashMap;
use spellbook::Dictionary;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Folders searched for `LANG.aff` / `LANG.dic`.
const FOLDERS: &[&str] = &[
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
];

/// Dictionary names to try for a BCP 47 tag: "en" → en_US, en_GB; "pt-BR" → pt_BR.
fn names(language: &str) -> Vec<String> {
    let mut parts = language.split(['-', '_']);
    let lang = parts.next().unwrap_or("").to_ascii_lowercase();
    let region = parts.next().map(|r| r.to_ascii_uppercase());
    let mut out = Vec::new();
    if let Some(r) = region {
        out.push(format!("{lang}_{r}"));
    }
    let usual = match lang.as_str() {
        "en" => &["en_US", "en_GB"][..],
        "de" => &["de_DE"][..],
        "fr" => &["fr_FR", "fr"][..],
        "es" => &["es_ES", "es"][..],
        "pt" => &["pt_PT", "pt_BR"][..],
        "it" => &["it_IT"][..],
        "nl" => &["nl_NL", "nl"][..],
        _ => &[][..],
    };
    out.extend(usual.iter().map(|s| s.to_string()));
    out.push(format!("{lang}_{}", lang.to_ascii_uppercase()));
    out.push(lang);
    out.dedup();
    out
}

fn find(language: &str) -> Option<(PathBuf, PathBuf)> {
    for name in names(language) {
        for folder in FOLDERS {
            let aff = Path::new(folder).join(format!("{name}.aff"));
            let dic = Path::new(folder).join(format!("{name}.dic"));
            if aff.is_file() && dic.is_file() {
                return Some((aff, dic));
            }
        }
    }
    None
}

fn load(language: &str) -> Option<Dictionary> {
    let (aff, dic) = find(language)?;
    let aff = std::fs::read_to_string(aff).ok()?;
    let dic = std::fs::read_to_string(dic).ok()?;
    Dictionary::new(&aff, &dic).ok()
}

/// The installed dictionary of a language, if there is one.
pub fn get(language: &str) -> Option<&'static Dictionary> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<&'static Dictionary>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let key = language.to_ascii_lowercase();
    if let Some(d) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return *d;
    }
    // Loading takes a tenth of a second: not under the lock, so other
    // languages load in parallel; a race loads one twice at worst.
    let loaded: Option<&'static Dictionary> = load(&key).map(|d| &*Box::leak(Box::new(d)));
    *cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_insert(loaded)
}

/// Whether `word` is in the dictionary (in any of its cases).
pub fn knows(dict: &Dictionary, word: &str) -> bool {
    !word.is_empty()
        && word.len() < spellbook::MAX_WORD_LEN
        && (dict.check(word) || dict.check(&word.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_names() {
        assert_eq!(names("en")[..2], ["en_US", "en_GB"]);
        assert_eq!(names("pt-BR")[0], "pt_BR");
        assert!(names("xx").contains(&"xx".to_string()));
    }

    #[test]
    fn english_words_when_installed() {
        // The dictionary is optional: this checks it only where it is installed.
        let Some(d) = get("en") else { return };
        assert!(knows(d, "produced"));
        assert!(knows(d, "Parties"));
        assert!(!knows(d, "afterhours"));
        assert!(get("xx-unknown").is_none());
    }
}
