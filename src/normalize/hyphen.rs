//! Line-end hyphenation: join words split at line ends, keep real hyphens.
//!
//! The decision uses evidence a careful editor would use, strongest first:
//! digits and a capital after the hyphen (anti-Trump); how the word is
//! written elsewhere in the same document, in any case and inflection
//! (prevented, general-purpose, in-group); the language's dictionary when
//! one is installed (produced is a word; afterhours is not, after and hours
//! are); prefixes that conventionally keep their hyphen; Knuth-Liang break
//! points.

use super::dictionary;
use super::dictionary::Dictionary;
use hyphenation::{Hyphenator, Language, Load, Standard};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Prefixes that keep their hyphen unless the document writes the word closed.
const KEEP_PREFIXES: &[&str] = &[
    "anti", "non", "co", "self", "ex", "neo", "semi", "multi", "post", "counter", "quasi",
    "pseudo", "ultra", "proto", "cross", "half", "all",
];

/// What to do with a hyphen at a line end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Remove the hyphen: "pro-" + "duced" = "produced".
    Join,
    /// Keep it: "anti-" + "colonial" = "anti-colonial".
    Keep,
}

/// The decision and whether the evidence was weak (reported as a doubt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub decision: Decision,
    pub weak: bool,
    pub reason: &'static str,
}

/// How words are written across the document.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Lower-cased word without hyphens -> (times written closed, times written hyphenated).
    forms: HashMap<String, (u32, u32)>,
    /// Lower-cased word without hyphens -> its hyphenated spelling, lower-cased.
    hyphenated: HashMap<String, String>,
    /// The language's word list, when installed.
    dict: Option<&'static Dictionary>,
}

/// Endings that make inflections of one word: "prevent", "prevented".
const ENDINGS: &[&str] = &[
    "s", "es", "ed", "d", "ing", "er", "ers", "ly", "ment", "ments", "ness", "ion", "ions", "al",
];

fn standard() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

/// A token's word: without the punctuation around it, nor a note's
/// reference after it ("ample:" + note 11 is "ample").
fn core(token: &str) -> &str {
    let word = token
        .split(super::inline::NOTE_START)
        .next()
        .unwrap_or(token);
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

/// `token` without a note's number glued after its closing punctuation:
/// "ample:11" is "ample", "ecutes.7" is "ecutes". Anything else is kept
/// whole ("arg=FLAG", "1917:"). A reference the reader marked is already
/// gone: `core` cuts it off.
fn word_part(token: &str) -> &str {
    let number = token.trim_end_matches(|c: char| c.is_ascii_digit());
    let word = number.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '”', '’', '"']);
    let letters = word.chars().next_back().is_some_and(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
    if number.len() < token.len() && word.len() < number.len() && letters {
        word
    } else {
        token
    }
}

impl Evidence {
    /// Counts the forms of every word inside lines (not at line ends).
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Evidence {
        let mut ev = Evidence::default();
        for line in lines {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            for (i, t) in tokens.iter().enumerate() {
                let w = core(t);
                if w.is_empty() || (i + 1 == tokens.len() && w.ends_with('-')) {
                    continue;
                }
                ev.add(w);
            }
        }
        ev
    }

    /// Adds one written word.
    pub fn add(&mut self, word: &str) {
        let w = word.trim_matches('-');
        if w.is_empty() {
            return;
        }
        let plain = !w.contains('-') && !w.chars().any(char::is_uppercase);
        let e = match self.forms.get_mut(w).filter(|_| plain) {
            Some(e) => e,
            None => {
                let key: String = w
                    .chars()
                    .filter(|c| *c != '-')
                    .flat_map(char::to_lowercase)
                    .collect();
                if w.contains('-') && !self.hyphenated.contains_key(&key) {
                    self.hyphenated.insert(key.clone(), w.to_lowercase());
                }
                self.forms.entry(key).or_insert((0, 0))
            }
        };
        if w.contains('-') {
            e.1 += 1;
        } else {
            e.0 += 1;
        }
    }

    /// Uses the word list of `language` when one is installed.
    pub fn with_language(mut self, language: &str) -> Evidence {
        self.dict = dictionary::get(language);
        self
    }

    /// How often a word (lower case, without hyphens) and its inflections
    /// are written closed and hyphenated.
    fn usage(&self, key: &str) -> (u32, u32) {
        let mut total = self.forms.get(key).copied().unwrap_or((0, 0));
        let mut add = |k: &str| {
            if let Some(&(c, h)) = self.forms.get(k) {
                total.0 += c;
                total.1 += h;
            }
        };
        for e in ENDINGS {
            add(&format!("{key}{e}"));
            if let Some(stem) = key.strip_suffix(e).filter(|s| s.chars().count() >= 3) {
                add(stem);
            }
        }
        total
    }

    /// The hyphenated spelling the document uses for a closed word
    /// ("afterhours" → "after-hours"), when it writes it with hyphens at
    /// least as often as without. The case of `word` is kept.
    pub fn hyphenated_form(&self, word: &str) -> Option<String> {
        let key: String = word.chars().flat_map(char::to_lowercase).collect();
        let form = self.hyphenated.get(&key)?;
        let (closed, hyphenated) = self.forms.get(&key).copied().unwrap_or((0, 0));
        if hyphenated < closed || form.chars().filter(|c| *c != '-').count() != word.chars().count()
        {
            return None;
        }
        let mut chars = word.chars();
        Some(
            form.chars()
                .map(|f| {
                    if f == '-' {
                        '-'
                    } else {
                        chars.next().unwrap_or(f)
                    }
                })
                .collect(),
        )
    }

    /// Whether the word across a break before a capital ("Maybe-" +
    /// "Uninit<T>": the letters next to the hyphen on both sides) is written
    /// closed elsewhere in the document ("MaybeUninit") and never with a
    /// hyphen: a name set in camel case that the typesetter broke.
    fn written_closed_only(&self, left: &str, right: &str) -> bool {
        let tail: Vec<char> = left
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let key: String = tail
            .iter()
            .rev()
            .copied()
            .chain(right.chars().take_while(|c| c.is_alphanumeric()))
            .flat_map(char::to_lowercase)
            .collect();
        self.forms
            .get(&key)
            .is_some_and(|&(closed, hyphenated)| closed > 0 && hyphenated == 0)
    }

    /// Decides the hyphen between `left` (without its final hyphen) and `right`.
    pub fn decide(&self, left: &str, right: &str) -> Verdict {
        let v = |decision, weak, reason| Verdict {
            decision,
            weak,
            reason,
        };
        let l = core(left).trim_end_matches('-');
        let r = word_part(core(right));
        let (Some(lc), Some(rc)) = (l.chars().last(), r.chars().next()) else {
            return v(Decision::Keep, false, "not a word");
        };
        if lc.is_ascii_digit() || rc.is_ascii_digit() {
            return v(Decision::Keep, false, "digits");
        }
        if !lc.is_alphabetic() || !rc.is_alphabetic() {
            return v(Decision::Keep, false, "not a word");
        }
        if rc.is_uppercase() && !l.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
            if self.written_closed_only(l, r) {
                return v(
                    Decision::Join,
                    false,
                    "a capitalised word written closed elsewhere",
                );
            }
            return v(Decision::Keep, false, "capital after the hyphen");
        }
        let joined: String = format!("{l}{r}")
            .chars()
            .filter(|c| *c != '-')
            .flat_map(char::to_lowercase)
            .collect();
        let (closed, hyphenated) = self.usage(&joined);
        if closed > hyphenated {
            return v(Decision::Join, false, "written closed elsewhere");
        }
        if hyphenated > closed {
            // "mes-" + "sage-passing": the document's hyphen is elsewhere in
            // the word ("message-passing"), so this one is a break.
            let pos = l.chars().filter(|c| *c != '-').count();
            let elsewhere = self.hyphenated.get(&joined).is_some_and(|form| {
                let mut letters = 0;
                let mut at_break = false;
                for c in form.chars() {
                    if c == '-' {
                        at_break |= letters == pos;
                    } else {
                        letters += 1;
                    }
                }
                !at_break
            });
            if elsewhere {
                return v(Decision::Join, false, "hyphenated elsewhere in the word");
            }
            return v(Decision::Keep, false, "written with a hyphen elsewhere");
        }
        // The part before the hyphen: "pace-set" + "ter" is about "setter".
        let last_part = l.rsplit('-').next().unwrap_or(l).to_lowercase();
        let r_low = r.to_lowercase();
        if let Some(dict) = self.dict {
            let whole = format!("{last_part}{r_low}");
            if dictionary::knows(dict, &whole) {
                return v(Decision::Join, false, "a word of the dictionary");
            }
            // Not for names: "Face-" + "book" is one word the dictionary lacks.
            let name = l.chars().next().is_some_and(char::is_uppercase)
                && !l.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
            if !name
                && last_part.chars().count() >= 2
                && dictionary::knows(dict, &last_part)
                && dictionary::knows(dict, &r_low)
            {
                return v(Decision::Keep, false, "two words of the dictionary");
            }
        }
        if KEEP_PREFIXES.contains(&last_part.as_str()) && l.len() == last_part.len() {
            return v(Decision::Keep, true, "prefix that keeps its hyphen");
        }
        if l.contains('-') {
            // "pace-set-" + "ter": the hyphen inside stays, the line-end one goes.
            return v(Decision::Join, false, "break inside a hyphenated compound");
        }
        let pos = l.chars().filter(|c| *c != '-').count();
        match standard() {
            Some(dict)
                if dict.hyphenate(&joined).breaks.contains(
                    &joined
                        .char_indices()
                        .nth(pos)
                        .map(|(i, _)| i)
                        .unwrap_or(usize::MAX),
                ) =>
            {
                v(Decision::Join, false, "a break point of the word")
            }
            Some(_) => v(Decision::Join, true, "not a usual break point"),
            None => v(Decision::Join, true, "no hyphenation patterns"),
        }
    }
}

/// Prefixes that, glued to a capitalised word, show a lost hyphen:
/// "antiTrump", "nonEnglish" (an extractor joined a line broken after them).
const CAMEL_PREFIXES: &[&str] = &[
    "anti", "non", "pro", "pre", "post", "neo", "mid", "pan", "ex", "co", "self", "counter",
    "ultra", "semi", "multi", "pseudo", "quasi",
];

/// Puts back hyphens an extractor dropped where it joined a line broken
/// at a compound's own hyphen: a word the document writes hyphenated at
/// least as often as closed takes its hyphenated spelling
/// ("codegenbackend" → "codegen-backend"), and a prefix glued to a capital
/// gets its hyphen back ("antiTrump" → "anti-Trump"). Returns the text and
/// each restored word.
///
/// Where the two lines were joined is known only roughly: `join` is the
/// range of character offsets in `text` where the first line may have
/// ended. A closed word across it that neither the dictionary nor the rest
/// of the document knows, made of two words the dictionary knows (or a
/// prefix and a word), takes the hyphen back at that seam ("sixweek" →
/// "six-week", "nonquarter" → "non-quarter", "8aligned" → "8-aligned").
pub fn restore(text: &str, ev: &Evidence, join: Range<usize>) -> (String, Vec<String>) {
    let mut restored = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut offset = 0;
    let tokens: Vec<&str> = text.split(' ').collect();
    for (k, &token) in tokens.iter().enumerate() {
        if k > 0 {
            out.push(' ');
            offset += 1;
        }
        let at = offset;
        offset += token.chars().count();
        // The line's last word cut by a hyphen ("exper\u{ad}") is half a
        // word: its rest is on the next line, and the hyphen repair joins
        // them.
        if k + 1 == tokens.len() && token.ends_with(['-', '\u{ad}']) {
            out.push_str(token);
            continue;
        }
        let start = token.find(char::is_alphanumeric).unwrap_or(token.len());
        let end = token.rfind(char::is_alphanumeric).map_or(start, |i| {
            i + token
                .get(i..)
                .unwrap_or_default()
                .chars()
                .next()
                .map_or(1, char::len_utf8)
        });
        let core = token.get(start..end.max(start)).unwrap_or_default();
        let core_at = at + token.get(..start).unwrap_or_default().chars().count();
        let fixed = if core.chars().count() >= 5 && core.chars().all(char::is_alphabetic) {
            ev.hyphenated_form(core)
                .or_else(|| camel(core))
                .or_else(|| ev.seam(core, core_at, &join, false))
        } else if core.chars().count() >= 4
            && core.chars().all(char::is_alphanumeric)
            && core.starts_with(|c: char| c.is_ascii_digit())
        {
            ev.seam(core, core_at, &join, false)
        } else if core.contains('-') && !core.starts_with('-') {
            // Each part of a compound on its own: "incompatiblerust-versions".
            let mut part_at = core_at;
            let mut changed = false;
            let parts: Vec<String> = core
                .split('-')
                .enumerate()
                .map(|(n, part)| {
                    let here = part_at;
                    part_at += part.chars().count() + 1;
                    let fixed = if n == 0 { camel(part) } else { None }.or_else(|| {
                        (part.chars().count() >= 5 && part.chars().all(char::is_alphabetic))
                            .then(|| ev.seam(part, here, &join, n > 0))
                            .flatten()
                    });
                    changed |= fixed.is_some();
                    fixed.unwrap_or_else(|| part.to_string())
                })
                .collect();
            changed.then(|| parts.join("-"))
        } else {
            None
        };
        match fixed {
            Some(f) => {
                out.push_str(token.get(..start).unwrap_or_default());
                out.push_str(&f);
                out.push_str(token.get(end.max(start)..).unwrap_or_default());
                restored.push(f);
            }
            None => out.push_str(token),
        }
    }
    (out, restored)
}

impl Evidence {
    /// `word` (starting at character `at` of its line) split at a seam
    /// inside `join` into two known parts, when the word itself is unknown:
    /// not in the dictionary, written closed nowhere else in the document.
    /// The left part is a word of three letters or more, a prefix, or a
    /// number; the right part a word of three letters or more. Only one
    /// such split may exist. Inside a compound (`inner`, a part after its
    /// first hyphen) the left part may be a word of two letters, as the
    /// small words that link a compound's parts are ("work-inprogress" →
    /// "work-in-progress", "up-todate" → "up-to-date").
    fn seam(&self, word: &str, at: usize, join: &Range<usize>, inner: bool) -> Option<String> {
        let dict = self.dict?;
        let lower = word.to_lowercase();
        if dictionary::knows(dict, word) || self.usage(&lower).0 > 1 || self.usage(&lower).1 > 0 {
            return None;
        }
        let chars: Vec<char> = word.chars().collect();
        let mut found = None;
        for cut in 1..chars.len() {
            if !join.contains(&(at + cut)) {
                continue;
            }
            let left: String = chars[..cut].iter().collect();
            let right: String = chars[cut..].iter().collect();
            // A word of the dictionary, or one the document writes on its own.
            let known = |w: &str| {
                dictionary::knows(dict, w)
                    || self.forms.get(&w.to_lowercase()).is_some_and(|f| f.0 > 0)
            };
            let right_ok = right.chars().count() >= 3
                && right.chars().all(char::is_lowercase)
                && known(&right);
            let left_low = left.to_lowercase();
            let left_ok = if left.chars().all(|c| c.is_ascii_digit()) {
                true
            } else {
                left.chars().skip(1).all(char::is_lowercase)
                    && left.chars().all(char::is_alphabetic)
                    && ((left.chars().count() >= if inner { 2 } else { 3 } && known(&left))
                        || SEAM_PREFIXES.contains(&left_low.as_str()))
            };
            if right_ok && left_ok {
                if found.is_some() {
                    return None;
                }
                found = Some(format!("{left}-{right}"));
            }
        }
        found
    }
}

/// Prefixes that stand before a lost hyphen at a seam ("nonquarter").
const SEAM_PREFIXES: &[&str] = &[
    "anti", "non", "pro", "pre", "post", "neo", "mid", "pan", "ex", "co", "self", "counter",
    "ultra", "semi", "multi", "pseudo", "quasi", "re", "sub", "inter", "over", "under",
];

/// "antiTrump" → "anti-Trump".
fn camel(word: &str) -> Option<String> {
    let cut = word.find(char::is_uppercase)?;
    let (prefix, rest) = word.split_at(cut);
    let lower_rest = rest.chars().skip(1).all(char::is_lowercase) && rest.chars().count() >= 3;
    (CAMEL_PREFIXES.contains(&prefix) && lower_rest).then(|| format!("{prefix}-{rest}"))
}

/// Joins two line fragments according to the verdict.
pub fn join(left: &str, right: &str, decision: Decision) -> String {
    match decision {
        Decision::Join => format!("{}{}", left.strip_suffix('-').unwrap_or(left), right),
        Decision::Keep => format!("{left}{right}"),
    }
}

#[cfg(test)]
mod tests;
