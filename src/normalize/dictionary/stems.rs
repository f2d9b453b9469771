//! Looking a word up without parsing the whole dictionary: the `.dic` lines
//! whose stem could make the word are found through an index of stems, and
//! only they are parsed (with the whole `.aff`), so the answer is the one the
//! whole dictionary gives.
//!
//! A stem can make a word by taking a prefix and a suffix of the `.aff`; the
//! checker also breaks words at hyphens, trims a closing full stop, converts
//! input (`ICONV`) and tries the word's other cases, and joins compounds from
//! entries with a compound flag. So the stems looked for are every piece of
//! the word between hyphens, with and without each prefix and suffix that
//! fits (compared in lower case), and every entry with a compound flag is
//! always taken. An `.aff` using anything else that could tie a word to
//! other stems (continuation classes, complex prefixes, ignored characters,
//! other flag formats, compound flags, …) is not handled here: its
//! dictionary is parsed whole, as before.

mod words;

use std::sync::atomic::{AtomicBool, Ordering};
use words::folded_hash;

/// Directives of an `.aff` that change nothing about which stems make a
/// word beyond what [`Affixes`] follows.
const HARMLESS: &[&str] = &[
    "SET",
    "TRY",
    "ICONV",
    "NOSUGGEST",
    "REP",
    "WORDCHARS",
    "KEY",
    "MAP",
    "COMPOUNDMIN",
    "ONLYINCOMPOUND",
    "COMPOUNDRULE",
    "PFX",
    "SFX",
    "FORBIDDENWORD",
    "KEEPCASE",
    "NEEDAFFIX",
    "NAME",
    "VERSION",
    "HOME",
];

/// An affix: the letters it strips from the stem and those it adds.
type Affix = (String, String);

/// Directives only suggestions read (`REP` would matter to compounds only
/// with `CHECKCOMPOUNDREP`, which is not [`HARMLESS`]).
const SUGGESTING: &[&str] = &["TRY", "REP", "KEY", "MAP"];

/// The affix rules of a simple `.aff`, in lower case.
#[derive(Debug, Default)]
pub struct Affixes {
    prefixes: Vec<Affix>,
    suffixes: Vec<Affix>,
    /// The `.aff` without its affix groups and what only suggestions read.
    base: String,
    /// Each affix group's lines, by its flag.
    groups: Vec<(char, String)>,
    /// Input conversions (`ICONV from to`).
    iconv: Vec<(String, String)>,
    /// Flags that put an entry into compounds.
    compound_flags: Vec<char>,
}

impl Affixes {
    /// The rules of `aff` when it uses only what this module follows.
    pub fn simple(aff: &str) -> Option<Affixes> {
        let mut a = Affixes::default();
        for line in aff.lines() {
            let mut fields = line.split_whitespace();
            let Some(key) = fields.next() else { continue };
            if key.starts_with('#') {
                continue;
            }
            if !HARMLESS.contains(&key) {
                return None;
            }
            let rest: Vec<&str> = fields.collect();
            if key == "PFX" || key == "SFX" {
                let mut flag = rest.first().map_or("", |f| *f).chars();
                let (Some(flag), None) = (flag.next(), flag.next()) else {
                    return None;
                };
                match a.groups.iter_mut().find(|(f, _)| *f == flag) {
                    Some((_, text)) => {
                        text.push_str(line);
                        text.push('\n');
                    }
                    None => a.groups.push((flag, format!("{line}\n"))),
                }
            } else if !SUGGESTING.contains(&key) {
                a.base.push_str(line);
                a.base.push('\n');
            }
            match key {
                "SET" if rest.first() != Some(&"UTF-8") => return None,
                "PFX" | "SFX" => {
                    // A header (`PFX A Y 1`) or a rule (`PFX A 0 re .`).
                    let [_, strip, add, ..] = rest[..] else {
                        continue;
                    };
                    let header = matches!(strip, "Y" | "N") && add.parse::<u32>().is_ok();
                    if header {
                        continue;
                    }
                    if add.contains('/') {
                        return None;
                    }
                    let zero = |s: &str| {
                        if s == "0" {
                            String::new()
                        } else {
                            s.to_string()
                        }
                    };
                    let list = if key == "PFX" {
                        &mut a.prefixes
                    } else {
                        &mut a.suffixes
                    };
                    list.push((zero(strip), zero(add)));
                }
                "ICONV" => {
                    if let [from, to] = rest[..] {
                        a.iconv.push((from.to_string(), to.to_string()));
                    }
                }
                "COMPOUNDRULE" | "ONLYINCOMPOUND" => {
                    // Every character of a rule but its operators is a flag.
                    let flags = rest.iter().filter(|f| f.parse::<u32>().is_err());
                    a.compound_flags
                        .extend(flags.flat_map(|f| f.chars().filter(|c| !"*?()".contains(*c))));
                }
                _ => {}
            }
        }
        Some(a)
    }

    /// Every stem (folded to lower case) that could make `word`.
    pub fn stems(&self, word: &str) -> Vec<String> {
        let mut forms = vec![word.to_string()];
        let converted = self.iconv.iter().fold(word.to_string(), |w, (from, to)| {
            w.replace(from.as_str(), to)
        });
        forms.push(converted);
        for f in forms.clone() {
            forms.push(f.trim_end_matches('.').to_string());
        }
        let mut forms: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
        forms.sort();
        forms.dedup();
        let mut out = Vec::new();
        for form in &forms {
            let mut parts = pieces(form);
            parts.sort();
            parts.dedup();
            for piece in parts {
                self.unaffixed(piece, &mut out);
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// `word` with each fitting prefix and suffix taken off (and their
    /// stripped letters put back), each alone and both together.
    fn unaffixed(&self, word: &str, out: &mut Vec<String>) {
        let mut bases = vec![word.to_string()];
        for (strip, add) in &self.prefixes {
            if let Some(rest) = word.strip_prefix(add.as_str()) {
                bases.push(format!("{strip}{rest}"));
            }
        }
        for base in bases {
            for (strip, add) in &self.suffixes {
                if let Some(rest) = base.strip_suffix(add.as_str()) {
                    out.push(format!("{rest}{strip}"));
                }
            }
            out.push(base);
        }
    }

    /// The `.aff` for entries with these `flags`: the affix groups of the
    /// others can never apply to them.
    pub fn aff_for(&self, flags: &str) -> String {
        let mut aff = self.base.clone();
        for (flag, text) in &self.groups {
            if flags.contains(*flag) {
                aff.push_str(text);
            }
        }
        aff
    }

    /// Whether a `.dic` line's flags put it into compounds.
    fn compounds(&self, flags: &str) -> bool {
        flags.chars().any(|c| self.compound_flags.contains(&c))
    }
}

/// Every run of whole pieces of `word` between hyphens, with and without
/// the hyphens at its ends (the checker's default break patterns).
fn pieces(word: &str) -> Vec<&str> {
    let cuts: Vec<usize> = std::iter::once(0)
        .chain(word.match_indices('-').flat_map(|(i, _)| [i, i + 1]))
        .chain(std::iter::once(word.len()))
        .collect();
    let mut out = Vec::new();
    for &a in &cuts {
        for &b in &cuts {
            if let Some(p) = word.get(a..b).filter(|_| a <= b) {
                out.push(p);
            }
        }
    }
    out
}

/// The stem of a `.dic` line and its flags (the line up to a slash, a tab
/// or a space, then up to a tab or a space).
fn split_line(line: &str) -> (&str, &str) {
    let end = line.find(['/', '\t', ' ']).unwrap_or(line.len());
    let (stem, rest) = line.split_at(end);
    let flags = rest.strip_prefix('/').unwrap_or("");
    let flags = flags.split(['\t', ' ']).next().unwrap_or("");
    (stem, flags)
}

/// The lines of a `.dic` by the hash of their stem in lower case, in one
/// pass over its bytes ([`words`]): each stem is hashed as it is scanned
/// for its end, and lines of the same bucket are chained (a bucket is the top bits of
/// the hash, so lines of different stems may share one: a lookup compares
/// the stems themselves).
#[derive(Debug)]
pub struct Index {
    dic: String,
    /// Byte range of each entry line.
    lines: Vec<(u32, u32)>,
    /// First line of each bucket, and the next line of the same bucket.
    first: Vec<u32>,
    next: Vec<u32>,
    /// Bits of the hash that pick a bucket (`first` has `1 << bits`).
    bits: u32,
    /// Lines always taken: entries with a compound flag.
    always: Vec<u32>,
}

/// No next line.
const END: u32 = u32::MAX;

/// How many lines [`Index::new_until`] indexes between looks at its stop flag.
const STOP_EVERY: usize = 2048;

impl Index {
    /// Indexes `dic` (its first line is the entry count); `None` when it is
    /// too large to index or uses escapes.
    #[cfg(test)]
    pub fn new(dic: String, affixes: &Affixes) -> Option<Index> {
        Index::new_until(dic, affixes, &AtomicBool::new(false))
    }

    /// [`Index::new`], given up (`None`) once `stop` is set.
    pub fn new_until(dic: String, affixes: &Affixes, stop: &AtomicBool) -> Option<Index> {
        if dic.len() >= END as usize || stop.load(Ordering::Relaxed) || dic.contains('\\') {
            return None;
        }
        let entries = dic
            .lines()
            .next()
            .and_then(|n| n.trim().parse::<usize>().ok());
        let entries = entries.unwrap_or(0).min(1 << 22);
        // About one bucket per line, whether or not the count is right.
        let bits = entries.max(dic.len() / 16).clamp(1 << 10, 1 << 22);
        let bits = bits.next_power_of_two().trailing_zeros();
        let mut index = Index {
            lines: Vec::with_capacity(entries),
            first: vec![END; 1 << bits],
            next: Vec::with_capacity(entries),
            bits,
            always: Vec::new(),
            dic: String::new(),
        };
        let bytes = dic.as_bytes();
        // Whether a line's flags (from the end of its stem) put it into
        // compounds: byte by byte where every compound flag is ASCII.
        let ascii: Option<Vec<u8>> = affixes
            .compound_flags
            .iter()
            .map(|&c| u8::try_from(c).ok().filter(u8::is_ascii))
            .collect();
        let compounds = |flags: &[u8]| {
            let Some(flags) = flags.strip_prefix(b"/") else {
                return false;
            };
            let flags = flags
                .split(|&b| b == b'\t' || b == b' ')
                .next()
                .unwrap_or_default();
            match &ascii {
                Some(set) => flags.iter().any(|b| set.contains(b)),
                None => affixes.compounds(std::str::from_utf8(flags).unwrap_or("")),
            }
        };
        let mut at = words::line_end(bytes, 0) + 1;
        while at < bytes.len() {
            if index.lines.len() % STOP_EVERY == 0 && stop.load(Ordering::Relaxed) {
                return None;
            }
            // One pass over the stem, hashing it, then to the end of the line.
            let (stem_end, hash) = words::stem(bytes, at);
            let stem_len = stem_end - at;
            let end = words::line_end(bytes, stem_end);
            let line = dic.get(at..end).unwrap_or("").trim_end_matches('\r');
            if stem_len > 0 || !line.trim().is_empty() {
                let n = index.lines.len() as u32;
                let hash = hash.unwrap_or_else(|| folded_hash(dic.get(at..stem_end).unwrap_or("")));
                index.lines.push((at as u32, (at + line.len()) as u32));
                let slot = index.slot(hash);
                let head = index
                    .first
                    .get_mut(slot)
                    .map_or(END, |h| std::mem::replace(h, n));
                index.next.push(head);
                let flags = line.as_bytes().get(stem_len..).unwrap_or_default();
                if !affixes.compound_flags.is_empty() && compounds(flags) {
                    index.always.push(n);
                }
            }
            at = end + 1;
        }
        index.dic = dic;
        Some(index)
    }

    /// The bucket of a stem hash: its top bits.
    fn slot(&self, hash: u64) -> usize {
        (hash >> (64 - self.bits)) as usize
    }

    /// A `.dic` of the lines whose stem is one of `stems` (in lower case)
    /// and the lines always taken, and all the flags of those lines.
    pub fn dic_of(&self, stems: &[String]) -> (String, String) {
        let mut picked: Vec<u32> = self.always.clone();
        for stem in stems {
            let slot = self.slot(folded_hash(stem));
            let mut n = self.first.get(slot).copied().unwrap_or(END);
            while let Some(&next) = self.next.get(n as usize) {
                let line = self.line(n);
                if split_line(line).0.to_lowercase() == *stem {
                    picked.push(n);
                }
                n = next;
            }
        }
        picked.sort_unstable();
        picked.dedup();
        let mut out = format!("{}\n", picked.len().max(1));
        let mut flags = String::new();
        for n in picked {
            let line = self.line(n);
            flags.push_str(split_line(line).1);
            out.push_str(line);
            out.push('\n');
        }
        (out, flags)
    }

    fn line(&self, n: u32) -> &str {
        self.lines
            .get(n as usize)
            .and_then(|&(a, b)| self.dic.get(a as usize..b as usize))
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFF: &str = "SET UTF-8\nICONV 1\nICONV ’ '\nCOMPOUNDMIN 1\nONLYINCOMPOUND c\n\
        COMPOUNDRULE 1\nCOMPOUNDRULE n*1t\n\
        PFX U Y 1\nPFX U 0 un .\nSFX S Y 2\nSFX S y ies [^aeiou]y\nSFX S 0 s [aeiou]y\n";
    const DIC: &str = "6\nparty/S\nable/U\nParis\n1/n1\n1th/tc\nzoo\n";

    fn simple() -> Affixes {
        Affixes::simple(AFF).unwrap()
    }

    #[test]
    fn an_index_given_up_is_none() {
        let a = simple();
        assert!(Index::new_until(DIC.to_string(), &a, &AtomicBool::new(true)).is_none());
        assert!(Index::new_until(DIC.to_string(), &a, &AtomicBool::new(false)).is_some());
    }

    #[test]
    fn an_aff_with_more_than_affixes_is_not_simple() {
        assert!(Affixes::simple(&format!("{AFF}COMPLEXPREFIXES\n")).is_none());
        assert!(Affixes::simple(&format!("{AFF}FLAG long\n")).is_none());
        assert!(Affixes::simple("SET ISO8859-1\n").is_none());
        assert!(Affixes::simple("SFX A Y 1\nSFX A 0 s/B .\n").is_none());
        assert!(Affixes::simple("SFX AB Y 1\n").is_none());
        let a = simple();
        assert_eq!(a.prefixes, [(String::new(), "un".to_string())]);
        assert_eq!(a.suffixes.len(), 2);
        assert_eq!(a.compound_flags, ['c', 'n', '1', 't']);
    }

    #[test]
    fn stems_undo_affixes_hyphens_cases_and_conversions() {
        let a = simple();
        let s = a.stems("Un-Parties");
        for stem in ["party", "parties", "un-parties", "un"] {
            assert!(s.contains(&stem.to_string()), "{stem} in {s:?}");
        }
        assert!(a.stems("Unable").contains(&"able".to_string()));
        assert!(a.stems("zoo’s.").contains(&"zoo's".to_string()));
        assert!(!a.stems("zoo").contains(&"party".to_string()));
    }

    #[test]
    fn the_picked_lines_are_the_stems_and_the_compound_entries() {
        let a = simple();
        let index = Index::new(DIC.to_string(), &a).unwrap();
        let (dic, flags) = index.dic_of(&a.stems("parties"));
        assert_eq!(dic, "3\nparty/S\n1/n1\n1th/tc\n");
        assert_eq!(flags, "Sn1tc");
        assert!(a.aff_for(&flags).contains("SFX S y ies") && !a.aff_for(&flags).contains("PFX"));
        let (dic, _) = index.dic_of(&a.stems("PARIS"));
        assert!(dic.contains("Paris\n") && !dic.contains("party"));
        assert!(Index::new("1\nback\\/slash\n".into(), &a).is_none());
    }

    #[test]
    fn folded_hashes_ignore_case_at_any_length() {
        assert_eq!(folded_hash("Paris"), folded_hash("paris"));
        assert_eq!(folded_hash("ÅNGSTRÖM"), folded_hash("ångström"));
        let long = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(2);
        assert_eq!(folded_hash(&long), folded_hash(&long.to_lowercase()));
        assert_ne!(folded_hash("party"), folded_hash("parti"));
    }

    #[test]
    fn the_picked_lines_answer_as_the_whole_dictionary() {
        let a = simple();
        let index = Index::new(DIC.to_string(), &a).unwrap();
        let whole = spellbook::Dictionary::new(AFF, DIC).unwrap();
        for word in [
            "parties",
            "Parties",
            "unable",
            "Paris",
            "paris",
            "zoos",
            "party-zoo",
            "11th",
            "unparty",
            "zoo.",
        ] {
            let (dic, flags) = index.dic_of(&a.stems(word));
            let part = spellbook::Dictionary::new(&a.aff_for(&flags), &dic).unwrap();
            assert_eq!(part.check(word), whole.check(word), "{word}");
        }
    }
}
