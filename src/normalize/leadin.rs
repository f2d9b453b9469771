//! Section openings set in capitals ("THERE CAN BE LITTLE DOUBT THAT WE LIVE
//! IN DANGEROUS" / "times."): the words back in normal case, using how each
//! word is written elsewhere in the document to keep names capitalised.

use rustc_hash::FxHashMap as HashMap;

/// How words are capitalised in the running text.
#[derive(Debug, Default)]
pub struct CaseMap {
    /// lower-cased word -> (capitalised mid-sentence, lower case, all capitals)
    words: HashMap<String, (u32, u32, u32)>,
}

fn word_core(t: &str) -> &str {
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    // "EARTHQUAKES.1": a glued note number is not part of the word.
    let bare = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if bare.len() < t.len() && bare.ends_with(|c: char| !c.is_alphanumeric()) {
        bare.trim_end_matches(|c: char| !c.is_alphanumeric())
    } else {
        t
    }
}

impl CaseMap {
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> CaseMap {
        let mut map = CaseMap::default();
        for line in lines {
            if super::lines::is_caps_leadin(line) || super::lines::title_like(line) {
                continue;
            }
            let mut prev_end = true;
            for (i, tok) in line.split_whitespace().enumerate() {
                let w = word_core(tok);
                let first = w.chars().next();
                if let Some(f) = first.filter(|c| c.is_alphabetic()) {
                    let e = map.words.entry(w.to_lowercase()).or_insert((0, 0, 0));
                    if w.chars().filter(|c| c.is_alphabetic()).count() > 1
                        && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                    {
                        e.2 += 1;
                    } else if f.is_lowercase() {
                        e.1 += 1;
                    } else if i > 0 && !prev_end {
                        e.0 += 1;
                    }
                }
                prev_end = tok
                    .trim_end_matches(['”', '’', '"', ')'])
                    .ends_with(['.', '!', '?', ':']);
            }
        }
        map
    }

    fn proper(&self, key: &str) -> Option<bool> {
        let k = key.trim_end_matches("’s").trim_end_matches("'s");
        self.words
            .get(key)
            .or_else(|| self.words.get(k))
            .map(|&(cap, low, _)| cap > 2 * low)
    }

    fn acronym(&self, key: &str) -> bool {
        self.words
            .get(key)
            .is_some_and(|&(cap, low, caps)| caps > cap + low)
    }
}

fn capitalise(w: &str) -> String {
    let mut out = String::new();
    let mut done = false;
    for c in w.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Puts a line set in capitals back into normal case. `sentence_start` says
/// whether the line opens a sentence.
pub fn normal_case(line: &str, map: &CaseMap, sentence_start: bool) -> String {
    let tokens: Vec<&str> = line.split(' ').collect();
    let mut kinds: Vec<Option<bool>> = Vec::with_capacity(tokens.len());
    for t in &tokens {
        kinds.push(map.proper(&word_core(t).to_lowercase()));
    }
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut start = sentence_start;
    for (i, tok) in tokens.iter().enumerate() {
        let core = word_core(tok);
        let key = core.to_lowercase();
        let new = if core.is_empty() || !core.chars().any(char::is_alphabetic) {
            tok.to_string()
        } else if core == "I" || core.contains('.') || map.acronym(&key) {
            tok.to_string()
        } else {
            let neighbour_proper = (i > 0 && kinds[i - 1] == Some(true))
                || kinds.get(i + 1).copied().flatten() == Some(true);
            let proper = match kinds[i] {
                Some(p) => p,
                None => neighbour_proper && !tok.ends_with('-'),
            };
            if start || proper {
                capitalise(tok)
            } else {
                tok.to_lowercase()
            }
        };
        if !core.is_empty() {
            start = tok
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .trim_end_matches(['”', '’', '"', ')'])
                .ends_with(['.', '!', '?']);
        }
        out.push(new);
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restores_case_from_the_document() {
        let map = CaseMap::from_lines([
            "we saw that Marx’s ideas and noted Draper in European cities",
            "the earthquakes and the radical left in the U.S. and NDP NDP",
            "in the decades after his death socialism came",
            "he argued that",
        ]);
        assert_eq!(
            normal_case(
                "IN THE DECADES AFTER MARX’S DEATH, EUROPEAN SOCIALISM",
                &map,
                true
            ),
            "In the decades after Marx’s death, European socialism"
        );
        assert_eq!(
            normal_case("HAL DRAPER ARGUED THAT", &map, true),
            "Hal Draper argued that"
        );
        assert_eq!(
            normal_case("TREMORS COME BEFORE EARTHQUAKES.1 OFTEN THEY", &map, true),
            "Tremors come before earthquakes.1 Often they"
        );
        assert_eq!(normal_case("FOR THE RADI-", &map, true), "For the radi-");
        assert_eq!(normal_case("THE NDP AND I", &map, true), "The NDP and I");
    }
}
