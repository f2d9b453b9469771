//! Word lists from Hunspell dictionaries installed on the machine (Debian's
//! `hunspell-en-us` puts `en_US.aff` and `en_US.dic` in /usr/share/hunspell):
//! whether a word is a word of the language. One signal among others for
//! line-end hyphens, never a required one: without a dictionary the repair
//! decides from the document and the hyphenation patterns alone.
//!
//! A dictionary is found on disk once per process and language, and read
//! only when a word is first looked up in it: a build whose line-end hyphens
//! the document itself decides never reads it. Parsing all of en_US takes
//! about 96M instructions (a tenth of a second), while the few dozen words a
//! zine asks about need a few entries each, so a dictionary whose `.aff`
//! allows it is indexed by stem and each word is checked against the
//! entries that could make it ([`stems`]), with the same answer. A batch
//! [`release`]s what was read once no zine is left to repair, so it does not
//! add to the memory of typesetting.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

mod stems;

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

/// An installed dictionary, read on its first lookup and then kept until
/// [`release`] (every zine of a batch shares it).
#[derive(Debug)]
pub struct Dictionary {
    aff: PathBuf,
    dic: PathBuf,
    state: Mutex<State>,
}

/// What has been read of a dictionary so far.
#[derive(Debug, Default)]
struct State {
    /// The whole word list: `None` until needed, `Some(None)` when the
    /// files cannot be read or parsed.
    whole: Option<Option<Arc<spellbook::Dictionary>>>,
    /// The `.aff` and an index of the `.dic`'s stems, when the `.aff` is
    /// simple enough for [`stems`]: `Some(None)` when it is not.
    partial: Option<Option<Partial>>,
    /// Answers given so far.
    answers: HashMap<String, bool>,
}

/// A dictionary looked up through its index of stems.
#[derive(Debug)]
struct Partial {
    affixes: stems::Affixes,
    index: stems::Index,
}

impl Partial {
    fn read(aff: &Path, dic: &Path) -> Option<Partial> {
        Partial::read_until(aff, dic, &AtomicBool::new(false))
    }

    /// [`Partial::read`], given up (`None`) once `stop` is set.
    fn read_until(aff: &Path, dic: &Path, stop: &AtomicBool) -> Option<Partial> {
        let aff = std::fs::read_to_string(aff).ok()?;
        let affixes = stems::Affixes::simple(&aff)?;
        let dic = std::fs::read_to_string(dic).ok()?;
        let index = stems::Index::new_until(dic, &affixes, stop)?;
        Some(Partial { affixes, index })
    }

    /// [`knows`], from the entries whose stems could make `word` (parsing
    /// the whole list for this one word would give the same answer).
    fn knows(&self, word: &str) -> Option<bool> {
        let lower = word.to_lowercase();
        let mut stems = self.affixes.stems(word);
        stems.extend(self.affixes.stems(&lower));
        stems.sort();
        stems.dedup();
        let (dic, flags) = self.index.dic_of(&stems);
        let dict = spellbook::Dictionary::new(&self.affixes.aff_for(&flags), &dic).ok()?;
        Some(dict.check(word) || dict.check(&lower))
    }
}

impl State {
    /// The parsed word list; `None` when the files cannot be read or parsed.
    fn whole(&mut self, aff: &Path, dic: &Path) -> Option<Arc<spellbook::Dictionary>> {
        self.whole
            .get_or_insert_with(|| {
                let aff = std::fs::read_to_string(aff).ok()?;
                let dic = std::fs::read_to_string(dic).ok()?;
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

/// Drops every word list read so far (a lookup after this reads its dictionary again).
pub fn release() {
    let found = found().lock().unwrap_or_else(|e| e.into_inner());
    for dict in found.values().flatten() {
        *dict.state.lock().unwrap_or_else(|e| e.into_inner()) = State::default();
    }
}

/// The installed dictionary of a language, if there is one (found, not yet read).
pub fn get(language: &str) -> Option<&'static Dictionary> {
    let key = language.to_ascii_lowercase();
    let mut cache = found().lock().unwrap_or_else(|e| e.into_inner());
    *cache.entry(key).or_insert_with_key(|key| {
        find(key).map(|(aff, dic)| {
            &*Box::leak(Box::new(Dictionary {
                aff,
                dic,
                state: Mutex::default(),
            }))
        })
    })
}

/// Runs `repair` (which may look words up in `language`'s dictionary)
/// while another thread of the pool, when one is free, reads and indexes
/// that dictionary ahead of the first lookup (about 26M instructions for
/// en_US, otherwise spent inside the repair when it first asks). The read
/// stops as soon as `repair` is done, so a repair that never asks waits for
/// at most a few thousand lines of it; a lookup made while it reads waits
/// for it (the state's lock), so nothing is read twice. Answers are the
/// same either way. On one thread, or when the index is already read, it
/// is `repair()`.
pub fn reading_ahead<R: Send>(language: &str, repair: impl FnOnce() -> R + Send) -> R {
    let Some(dict) = get(language).filter(|_| rayon::current_num_threads() > 1) else {
        return repair();
    };
    if dict.lock().partial.is_some() {
        return repair();
    }
    let stop = AtomicBool::new(false);
    let (out, ()) = rayon::join(
        || {
            let out = repair();
            stop.store(true, Ordering::Relaxed);
            out
        },
        || read_ahead(dict, &stop),
    );
    out
}

/// Reads `dict`'s index of stems unless it is read or `stop` is set
/// (then nothing is kept, and the first lookup reads it as before).
fn read_ahead(dict: &Dictionary, stop: &AtomicBool) {
    if stop.load(Ordering::Relaxed) {
        return;
    }
    let mut state = dict.lock();
    if state.partial.is_some() {
        return;
    }
    let partial = Partial::read_until(&dict.aff, &dict.dic, stop);
    // Given up, or not indexable: [`knows`] decides again at its first lookup.
    if partial.is_some() {
        state.partial = Some(partial);
    }
}

impl Dictionary {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whether `word` is in the dictionary (in any of its cases).
pub fn knows(dict: &Dictionary, word: &str) -> bool {
    if word.is_empty() || word.len() >= spellbook::MAX_WORD_LEN {
        return false;
    }
    let mut state = dict.state.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = state.answers.get(word) {
        return known;
    }
    let partial = state
        .partial
        .get_or_insert_with(|| Partial::read(&dict.aff, &dict.dic));
    // A word with a space could be an entry of several words: not indexed.
    let answer = match partial {
        Some(p) if !word.contains(char::is_whitespace) => p.knows(word),
        _ => None,
    };
    let known = answer.unwrap_or_else(|| {
        state
            .whole(&dict.aff, &dict.dic)
            .is_some_and(|d| d.check(word) || d.check(&word.to_lowercase()))
    });
    state.answers.insert(word.to_string(), known);
    known
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
    fn found_once_and_read_only_when_asked() {
        let Some(d) = get("en-US") else { return };
        assert!(std::ptr::eq(d, get("EN-us").unwrap()));
        assert!(knows(d, "word"));
        let state = d.state.lock().unwrap();
        assert!(state.partial.is_some() || state.whole.is_some());
    }

    #[test]
    fn the_stems_index_answers_as_the_whole_dictionary() {
        // Every word of the example sources, whole and between hyphens, and
        // the words two line-end halves would make.
        let Some(d) = get("en") else { return };
        let Some(partial) = Partial::read(&d.aff, &d.dic) else {
            return;
        };
        let whole = State::default().whole(&d.aff, &d.dic).unwrap();
        let mut words = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir("sources").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let tokens: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || "-'’.".contains(c)))
                .filter(|t| !t.is_empty())
                .collect();
            for pair in tokens.windows(2) {
                words.insert(pair[0].to_string());
                if let Some(head) = pair[0].strip_suffix('-') {
                    words.insert(format!("{head}{}", pair[1]));
                }
            }
        }
        assert!(words.len() > 5000, "{} words", words.len());
        let mut known = 0;
        for w in words.iter().filter(|w| w.len() < spellbook::MAX_WORD_LEN) {
            let expected = whole.check(w) || whole.check(&w.to_lowercase());
            assert_eq!(partial.knows(w), Some(expected), "{w}");
            known += usize::from(expected);
        }
        assert!(known > 3000, "{known} known");
    }

    #[test]
    fn reading_ahead_gives_the_repair_s_answer() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let known = pool.install(|| {
            reading_ahead("en", || {
                get("en").map(|d| (knows(d, "produced"), knows(d, "afterhours")))
            })
        });
        if let Some(known) = known {
            assert_eq!(known, (true, false));
        }
        // Without a dictionary, or on one thread, it is the repair alone.
        assert_eq!(reading_ahead("xx-unknown", || 7), 7);
    }

    #[test]
    fn a_read_stopped_early_keeps_nothing() {
        let Some(d) = get("en") else { return };
        let stop = AtomicBool::new(true);
        assert!(Partial::read_until(&d.aff, &d.dic, &stop).is_none());
        // The index is kept only when read whole.
        let dict = Dictionary {
            aff: d.aff.clone(),
            dic: d.dic.clone(),
            state: Mutex::default(),
        };
        read_ahead(&dict, &stop);
        assert!(dict.lock().partial.is_none());
        read_ahead(&dict, &AtomicBool::new(false));
        assert!(matches!(dict.lock().partial, Some(Some(_))));
        assert!(knows(&dict, "produced"));
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
