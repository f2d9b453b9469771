//! Line-end hyphenation: join words split at line ends, keep real hyphens.
//!
//! The decision uses evidence a careful editor would use: how the word is
//! written elsewhere in the same document, Knuth-Liang break points, prefixes
//! that conventionally keep their hyphen, capitals and digits.

use hyphenation::{Hyphenator, Language, Load, Standard};
use rustc_hash::FxHashMap as HashMap;
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
}

fn standard() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

fn core(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
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
                self.forms.entry(key).or_insert((0, 0))
            }
        };
        if w.contains('-') {
            e.1 += 1;
        } else {
            e.0 += 1;
        }
    }

    /// Decides the hyphen between `left` (without its final hyphen) and `right`.
    pub fn decide(&self, left: &str, right: &str) -> Verdict {
        let v = |decision, weak, reason| Verdict {
            decision,
            weak,
            reason,
        };
        let l = core(left).trim_end_matches('-');
        let r = core(right);
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
            return v(Decision::Keep, false, "capital after the hyphen");
        }
        let joined: String = format!("{l}{r}")
            .chars()
            .filter(|c| *c != '-')
            .flat_map(char::to_lowercase)
            .collect();
        let (closed, hyphenated) = self.forms.get(&joined).copied().unwrap_or((0, 0));
        if closed > hyphenated {
            return v(Decision::Join, false, "written closed elsewhere");
        }
        if hyphenated > closed {
            return v(Decision::Keep, false, "written with a hyphen elsewhere");
        }
        let last_part = l.rsplit('-').next().unwrap_or(l).to_lowercase();
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

/// Joins two line fragments according to the verdict.
pub fn join(left: &str, right: &str, decision: Decision) -> String {
    match decision {
        Decision::Join => format!("{}{}", left.strip_suffix('-').unwrap_or(left), right),
        Decision::Keep => format!("{left}{right}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(text: &str) -> Evidence {
        Evidence::from_lines(text.lines())
    }

    #[test]
    fn decisions_table() {
        let e = ev("the anti-colonial struggle and neoliberal times\nthey produced it");
        let cases = [
            ("pro", "duced", Decision::Join),
            ("pace-set", "ter", Decision::Join),
            ("pre", "1917", Decision::Keep),
            ("(1871", "1919)", Decision::Keep),
            ("anti", "colonial", Decision::Keep),
            ("co", "optable", Decision::Keep),
            ("neo", "liberal", Decision::Join),
            ("Pan", "African", Decision::Keep),
            ("Mus", "lims", Decision::Join),
            ("possibili", "ties", Decision::Join),
            ("IDEN", "tity", Decision::Join),
        ];
        for (l, r, d) in cases {
            assert_eq!(e.decide(l, r).decision, d, "{l}-{r}");
        }
    }

    #[test]
    fn prefix_keep_is_weak() {
        let e = ev("");
        assert!(e.decide("co", "optable").weak);
        assert!(!e.decide("pro", "duced").weak);
    }

    #[test]
    fn join_text() {
        assert_eq!(join("pro-", "duced", Decision::Join), "produced");
        assert_eq!(join("anti-", "colonial", Decision::Keep), "anti-colonial");
    }
}
