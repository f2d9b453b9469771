//! Word lists from Hunspell dictionaries installed on the machine (Debian's
//! `hunspell-en-us` puts `en_US.aff` and `en_US.dic` in /usr/share/hunspell):
//! whether a word is a word of the language. One signal among others for
//! line-end hyphens, never a required one: without a dictionary the repair
//! decides from the document and the hyphenation patterns alone.
//!
//! A dictionary is found on disk once per process and language, and parsed
//! (a tenth of a second) only when a word is first looked up in it: a build
//! whose line-end hyphens the document itself decides never parses it. A
//! batch [`release`]s the parsed words (4 MB for en_US) once no zine is left
//! to repair, so they do not add to the memory of typesetting.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

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

/// An installed dictionary, parsed on its first lookup and then kept until
/// [`release`] (every zine of a batch shares it).
#[derive(Debug)]
pub struct Dictionary {
    aff: PathBuf,
    dic: PathBuf,
    /// `None` until the first lookup (and again after [`release`]);
    /// `Some(None)` when the files cannot be read or parsed.
    parsed: Mutex<Option<Option<Arc<spellbook::Dictionary>>>>,
}

impl Dictionary {
    /// The parsed word list; `None` when the files cannot be read or parsed.
    fn parsed(&self) -> Option<Arc<spellbook::Dictionary>> {
        let mut slot = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
        slot.get_or_insert_with(|| {
            let aff = std::fs::read_to_string(&self.aff).ok()?;
            let dic = std::fs::read_to_string(&self.dic).ok()?;
            spellbook::Dictionary::new(&aff, &dic).ok().map(Arc::new)
        })
        .clone()
    }
}

/// The dictionaries found so far, by lower-case language tag.
fn found() -> &'static Mutex<HashMap<String, Option<&'static Dictionary>>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<&'static Dictionary>>>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

/// Drops every parsed word list (a lookup after this parses its dictionary again).
pub fn release() {
    let found = found().lock().unwrap_or_else(|e| e.into_inner());
    for dict in found.values().flatten() {
        *dict.parsed.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// The installed dictionary of a language, if there is one (found, not yet parsed).
pub fn get(language: &str) -> Option<&'static Dictionary> {
    let key = language.to_ascii_lowercase();
    let mut cache = found().lock().unwrap_or_else(|e| e.into_inner());
    *cache.entry(key).or_insert_with_key(|key| {
        find(key).map(|(aff, dic)| {
            &*Box::leak(Box::new(Dictionary {
                aff,
                dic,
                parsed: Mutex::default(),
            }))
        })
    })
}

/// Whether `word` is in the dictionary (in any of its cases).
pub fn knows(dict: &Dictionary, word: &str) -> bool {
    if word.is_empty() || word.len() >= spellbook::MAX_WORD_LEN {
        return false;
    }
    let Some(dict) = dict.parsed() else {
        return false;
    };
    dict.check(word) || dict.check(&word.to_lowercase())
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

    #[test]
    fn found_once_and_parsed_only_when_asked() {
        let Some(d) = get("en-US") else { return };
        assert!(std::ptr::eq(d, get("EN-us").unwrap()));
        assert!(knows(d, "word"));
        assert!(d.parsed.lock().unwrap().is_some());
    }

    #[test]
    fn released_words_are_parsed_again_when_asked() {
        let Some(d) = get("en") else { return };
        assert!(knows(d, "produced"));
        release();
        // Another test may parse it again at any moment; a lookup always answers.
        assert!(knows(d, "produced"));
        assert!(!knows(d, "afterhours"));
    }
}
