//! Language data in one place: typography, hyphenation, direction and the book's own words, per language.
//!
//! Every language is a TOML file under `locales/` (built into the binary); a
//! project's own `locales/LANG.toml` adds a language or overrides any keys of
//! a built-in one. A tag is looked up from the most specific to the least
//! ("pt-BR", then "pt"), and a language without data falls back to English
//! with a warning. Passes and writers ask a [`Locale`] and never look at
//! language codes themselves; [`scripts`] holds the per-script font data.

pub mod scripts;
mod words;

pub use words::{counted, fill, GuideWords, Words};

use crate::error::Error;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The built-in languages: tag and TOML text. English is the base every
/// other file is laid over, so a key a file leaves out reads as English.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en.toml")),
    ("fr", include_str!("../../locales/fr.toml")),
    ("de", include_str!("../../locales/de.toml")),
    ("es", include_str!("../../locales/es.toml")),
    ("it", include_str!("../../locales/it.toml")),
    ("pt", include_str!("../../locales/pt.toml")),
    ("pt-PT", include_str!("../../locales/pt-PT.toml")),
    ("nl", include_str!("../../locales/nl.toml")),
    ("ru", include_str!("../../locales/ru.toml")),
    ("uk", include_str!("../../locales/uk.toml")),
    ("el", include_str!("../../locales/el.toml")),
    ("tr", include_str!("../../locales/tr.toml")),
    ("pl", include_str!("../../locales/pl.toml")),
    ("sv", include_str!("../../locales/sv.toml")),
    ("ar", include_str!("../../locales/ar.toml")),
    ("fa", include_str!("../../locales/fa.toml")),
    ("he", include_str!("../../locales/he.toml")),
    ("zh", include_str!("../../locales/zh.toml")),
    ("zh-Hant", include_str!("../../locales/zh-Hant.toml")),
    ("ja", include_str!("../../locales/ja.toml")),
];

/// Which way lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// How a dash between words is spaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DashSpacing {
    /// word—word: spaces around the dash are removed.
    Closed,
    /// word – word: a no-break space before the dash, a space after.
    Spaced,
    /// The dash gets the language's character; its spaces stay as written.
    Keep,
}

/// Quotation marks and apostrophes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quotes {
    /// Opening and closing marks of a quotation (CLDR quotationStart/End).
    pub primary: [String; 2],
    /// Marks of a quotation inside a quotation (CLDR alternateQuotationStart/End).
    pub nested: [String; 2],
    /// What goes between a primary mark and the quoted words ("\u{a0}" in French); empty for nothing.
    pub inside: String,
    pub apostrophe: String,
    /// Words that open with an apostrophe ("’em", "’til"), lower case.
    pub elisions: Vec<String>,
}

/// Spacing around punctuation, dashes, numbers and abbreviations.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Punctuation {
    /// The marks that take a space before them (French `;:!?`); empty for none.
    pub high: String,
    /// The space put before them (a narrow no-break space in French).
    pub space_before_high: String,
    /// The dash between words: "—" (en), "–" (fr, de), "——" (zh).
    pub dash: String,
    pub dash_spacing: DashSpacing,
    /// What joins groups of digits written with a space ("10 000"); empty: left alone.
    pub digit_group: String,
    /// What goes between a number and a percent sign; empty: left alone.
    pub percent: String,
    /// Abbreviations ending in a full stop that a no-break space ties to the next word.
    pub abbreviations: Vec<String>,
}

/// Hyphenation patterns and limits.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hyphenation {
    /// The pattern set of the hyphenation crate ("en-us", "de-1996"); empty for none.
    pub patterns: String,
    /// Letters kept before and after a hyphen at least.
    pub left: usize,
    pub right: usize,
    /// Shortest word that is hyphenated.
    pub min_word: usize,
}

/// Everything zinepress knows about a language.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    /// The language's name in itself ("Français").
    pub name: String,
    #[serde(default)]
    pub direction: Direction,
    /// Whether words are separated by spaces; without them (Chinese,
    /// Japanese) lines may break between any two characters UAX #14 allows.
    pub word_spaces: bool,
    /// Font families tried first among the system's fonts for this language's text.
    #[serde(default)]
    pub fonts: Vec<String>,
    pub quotes: Quotes,
    pub punctuation: Punctuation,
    pub hyphenation: Hyphenation,
    pub words: Words,
    /// The tag of the data used ("fr" for "fr-CA"), set when resolved.
    #[serde(skip)]
    pub tag: String,
}

impl Locale {
    pub fn is_rtl(&self) -> bool {
        self.direction == Direction::Rtl
    }

    /// The value of the EPUB `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Joins names as the language lists them: "A, B and C".
    pub fn join_names(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => fill(
                &self.words.and,
                &[("a", &init.join(&self.words.list_separator)), ("b", last)],
            ),
        }
    }

    /// The English locale, built in.
    pub fn english() -> Arc<Locale> {
        static EN: OnceLock<Arc<Locale>> = OnceLock::new();
        EN.get_or_init(|| Arc::new(Locales::built_in().resolve("en").locale))
            .clone()
    }
}

/// A locale looked up for a tag, with a warning when the tag had no data.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub locale: Locale,
    pub warning: Option<String>,
}

/// The languages available to a project: built-ins, then the project's own files.
#[derive(Debug, Clone, Default)]
pub struct Locales {
    /// Lower-case tag → (text, origin), built-in and project files apart.
    built_in: BTreeMap<String, String>,
    own: BTreeMap<String, (String, PathBuf)>,
}

impl Locales {
    /// The built-in languages only.
    pub fn built_in() -> Locales {
        let built_in = BUILT_IN
            .iter()
            .map(|(t, text)| (t.to_ascii_lowercase(), text.to_string()))
            .collect();
        Locales {
            built_in,
            own: BTreeMap::new(),
        }
    }

    /// The built-in languages and the project's `locales/*.toml` (when `dir` exists).
    /// A project file that does not parse, or has unknown keys, is an error naming it.
    pub fn load(dir: Option<&Path>) -> Result<Locales, Error> {
        let mut set = Locales::built_in();
        let Some(dir) = dir.filter(|d| d.is_dir()) else {
            return Ok(set);
        };
        for (path, tag) in crate::project::toml_files(dir, "locales")? {
            if crate::project::check_language(&tag).is_err() {
                return Err(Error::config(
                    &path,
                    None,
                    format!(
                        "`{tag}` is not a language tag; name the file like fr.toml or pt-BR.toml"
                    ),
                ));
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::config(&path, None, format!("cannot read: {e}")))?;
            let key = tag.to_ascii_lowercase();
            if set.built_in.get(&key) == Some(&text) {
                // A copy of the built-in file (this repository's own example
                // project is one): known good, so not parsed and checked again.
                set.own.insert(key, (text, path.clone()));
                continue;
            }
            // Its syntax first (with a line number), then its keys and types laid over the built-in data.
            toml::from_str::<toml::Value>(&text).map_err(|e| Error::from_toml(&path, &text, &e))?;
            set.own
                .insert(tag.to_ascii_lowercase(), (text, path.clone()));
            Locale::deserialize(set.merged(&tag.to_ascii_lowercase()).0)
                .map_err(|e| Error::config(&path, None, e.message().to_string()))?;
        }
        Ok(set)
    }

    /// The tags to try for `tag`, most specific first: "zh-Hant-TW", "zh-Hant", "zh".
    fn candidates(tag: &str) -> Vec<String> {
        let parts: Vec<&str> = tag
            .trim()
            .split(['-', '_'])
            .filter(|p| !p.is_empty())
            .collect();
        (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("-").to_ascii_lowercase())
            .collect()
    }

    /// English, then every level of `tag` that has data from the least to
    /// the most specific ("zh", then "zh-hant"), each built-in file with the
    /// project's file of the same tag over it; with the most specific tag found.
    fn merged(&self, tag: &str) -> (toml::Value, Option<String>) {
        let parse = |text: &str| {
            toml::from_str::<toml::Value>(text).unwrap_or(toml::Value::Table(Default::default()))
        };
        let mut value = parse(&self.built_in["en"]);
        let mut found = None;
        for candidate in Locales::candidates(tag).into_iter().rev() {
            let built = self.built_in.get(&candidate);
            let own = self.own.get(&candidate);
            if let Some(text) = built.filter(|_| candidate != "en") {
                merge(&mut value, parse(text));
            }
            if let Some((text, _)) = own {
                merge(&mut value, parse(text));
            }
            if built.is_some() || own.is_some() {
                found = Some(candidate);
            }
        }
        (value, found)
    }

    /// The locale for a BCP 47 tag; an unknown language is English, with a warning.
    /// Remembered for the process by tag and project files, since a build
    /// asks for the same locale several times (parsing its data each time
    /// was about 0.7M instructions).
    pub fn resolve(&self, tag: &str) -> Resolved {
        type Memo = HashMap<(String, BTreeMap<String, (String, PathBuf)>), Resolved>;
        static MEMO: OnceLock<Mutex<Memo>> = OnceLock::new();
        let memo = MEMO.get_or_init(Default::default);
        let key = (tag.to_string(), self.own.clone());
        if let Some(hit) = memo.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return hit.clone();
        }
        let resolved = self.resolve_uncached(tag);
        memo.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, resolved.clone());
        resolved
    }

    /// [`Self::resolve`] without the memo: the data parsed and merged.
    fn resolve_uncached(&self, tag: &str) -> Resolved {
        let (value, found) = self.merged(tag);
        let mut locale = Locale::deserialize(value).unwrap_or_else(|_| Locales::built_in_en());
        let warning = match &found {
            Some(_) => None,
            None => Some(format!(
                "language `{tag}`: zinepress has no typography or book words for it; English ones are used (add locales/{tag}.toml to the project)"
            )),
        };
        if found.is_none() {
            // English typography, but no English hyphens in another language's
            // words: its own patterns when there are any.
            locale.hyphenation.patterns = patterns_for(tag).unwrap_or_default().to_string();
        }
        locale.tag = found.unwrap_or_else(|| "en".to_string());
        Resolved { locale, warning }
    }

    fn built_in_en() -> Locale {
        toml::from_str(BUILT_IN[0].1).expect("locales/en.toml is complete; a unit test checks it")
    }

    /// The text of the data files a tag uses (for the build cache's input hash).
    pub fn texts_for(&self, tag: &str) -> Vec<&str> {
        let mut out = vec![self.built_in["en"].as_str()];
        for candidate in Locales::candidates(tag).into_iter().rev() {
            if let Some(t) = self.built_in.get(&candidate) {
                out.push(t);
            }
            if let Some((t, _)) = self.own.get(&candidate) {
                out.push(t);
            }
        }
        out
    }

    /// The project's own language files (tag, text), for the build cache's input hash.
    pub fn own_texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.own
            .iter()
            .map(|(tag, (text, _))| (tag.as_str(), text.as_str()))
    }

    /// The built-in tags, as written.
    pub fn built_in_tags() -> impl Iterator<Item = &'static str> {
        BUILT_IN.iter().map(|(t, _)| *t)
    }
}

/// The pattern set's code for a language zinepress has no data for: the tag
/// itself, else its primary language with the usual default variety
/// ("hu" → "hu", "sr" → "sr-cyrl"); `None` when there are no patterns.
fn patterns_for(tag: &str) -> Option<&'static str> {
    let tag = tag.trim().to_ascii_lowercase();
    let primary = tag.split('-').next().unwrap_or_default();
    let default = match primary {
        "mn" => "mn-cyrl",
        "sr" => "sr-cyrl",
        other => other,
    };
    use hyphenation::Language;
    Language::try_from_code(&tag)
        .or_else(|| Language::try_from_code(default))
        .map(|l| l.code())
}

/// Lays `over` on `base`: tables merge key by key, anything else replaces.
fn merge(base: &mut toml::Value, over: toml::Value) {
    match (base, over) {
        (toml::Value::Table(b), toml::Value::Table(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

#[cfg(test)]
mod tests;
