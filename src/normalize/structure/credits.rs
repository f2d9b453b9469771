//! Who wrote a text and who it quotes: bylines, rights lines, closing
//! salutations, attributions after verse and quotes, epigraphs, and the
//! name an author's bio opens with.

use super::words;
use crate::normalize::lines::starts_upper;

/// "by M.", "A collaborative piece by Ayesha & B (@x on IG)" → the authors.
pub fn byline(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if words(t) > 14 || t.ends_with([':', '?', '!']) {
        return None;
    }
    // Found in `t` itself: lower-casing can change a text's length in bytes ("İ").
    let (head, names) = match t.get(..3).filter(|by| by.eq_ignore_ascii_case("by ")) {
        Some(_) => ("", t.get(3..)?),
        None => split_once_ascii_ci(t, " by ")?,
    };
    if !head.is_empty()
        && !head
            .chars()
            .any(|c| matches!(c.to_ascii_lowercase(), 'w' | 'p' | 'e' | 'a'))
    {
        return None;
    }
    let mut names = names.to_string();
    while let (Some(a), Some(b)) = (names.find('('), names.find(')')) {
        if b < a {
            break;
        }
        names.replace_range(a..=b, "");
    }
    let names = names.trim().trim_end_matches(',').trim();
    if names.is_empty() || words(names) > 8 || !starts_upper(names) {
        return None;
    }
    Some(
        names
            .split(", ")
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect(),
    )
}

/// A rights line: "anti-copyright", "copyleft", "© 2020 …", "CC BY-SA".
pub fn is_rights(text: &str) -> bool {
    let l = text.trim().to_lowercase();
    words(&l) <= 10
        && (l.contains("copyright")
            || l.contains("copyleft")
            || l.starts_with('©')
            || l.contains("creative commons")
            || l.starts_with("cc by")
            || l.contains("all rights reserved"))
}

const SALUTATIONS: &[&str] = &[
    "with care",
    "with love",
    "in solidarity",
    "love",
    "yours",
    "best",
    "cheers",
    "thanks",
    "sincerely",
    "warmly",
    "peace",
    "in struggle",
    "with rage",
    "with gratitude",
    "respectfully",
    "until next time",
    "take care",
    "in love and rage",
    "love and rage",
    "with respect",
    "in peace",
];

/// A closing salutation: "With Care,".
pub fn is_salutation(text: &str) -> bool {
    let t = text.trim();
    let l = t.trim_end_matches([',', '.', '!']).to_lowercase();
    t.ends_with(',')
        && words(t) <= 5
        && (SALUTATIONS.contains(&l.as_str()) || SALUTATIONS.iter().any(|s| l.starts_with(s)))
}

/// An attribution line after verse or a quote: "—Rakhee Devasthali", "Killer Mike, “Burn” (2011)".
pub fn attribution(text: &str) -> Option<String> {
    let t = text.trim();
    let stripped = t.trim_start_matches(['—', '–', '-', '―']).trim_start();
    if stripped.len() < t.len() && starts_upper(stripped) && words(stripped) <= 12 {
        return Some(stripped.to_string());
    }
    (t.chars().count() <= 70
        && words(t) <= 10
        && starts_upper(t)
        && !t.ends_with(['.', ':', ',', '!', '?']))
    .then(|| t.to_string())
}

/// "J. Malco is a construction worker …" → "J. Malco".
pub(super) fn bio_name(text: &str) -> Option<String> {
    if words(text) > 90 {
        return None;
    }
    let ws: Vec<&str> = text.split_whitespace().collect();
    let verb = ws.iter().position(|w| {
        matches!(
            *w,
            "is" | "was" | "lives" | "writes" | "works" | "has" | "organizes" | "organises"
        )
    })?;
    if !(1..=4).contains(&verb) || !ws[..verb].iter().all(|w| starts_upper(w)) {
        return None;
    }
    // A pronoun or a pointing word opens a sentence, not a name ("It is
    // hard to say …", "This was …").
    const NOT_NAMES: &[&str] = &[
        "It",
        "This",
        "That",
        "There",
        "Here",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "Which",
        "What",
        "Who",
        "Everything",
        "Nothing",
        "Everyone",
        "Nobody",
        "Each",
        "One",
        "None",
    ];
    if NOT_NAMES.contains(&ws[0]) {
        return None;
    }
    Some(ws[..verb].join(" "))
}

/// “Quote.” - Source → (Quote., Source)
pub(super) fn epigraph(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    if !t.starts_with(['“', '"']) {
        return None;
    }
    for sep in ["” - ", "” – ", "” — ", "”- ", "”— ", "\" - ", "\" — "] {
        if let Some((head, attr)) = t.rsplit_once(sep) {
            // The opening quote mark, unless the separator's quote mark is the opening one.
            let mut quote = head.chars();
            quote.next();
            let (quote, attr) = (quote.as_str(), attr.trim());
            if !quote.is_empty()
                && !attr.is_empty()
                && words(attr) <= 14
                && !quote.contains(['“', '”'])
            {
                return Some((quote.to_string(), attr.to_string()));
            }
        }
    }
    None
}

/// `text` split around the first match of the ASCII `pattern`, ignoring ASCII case.
fn split_once_ascii_ci<'a>(text: &'a str, pattern: &str) -> Option<(&'a str, &'a str)> {
    // A match starts and ends with ASCII bytes, never inside a multi-byte character.
    let at = text
        .as_bytes()
        .windows(pattern.len())
        .position(|w| w.eq_ignore_ascii_case(pattern.as_bytes()))?;
    Some((text.get(..at)?, text.get(at + pattern.len()..)?))
}

/// Splits a trailing credit from a rejoined pull quote.
pub(super) fn split_attribution(text: &str) -> (String, Option<String>) {
    let core = text.trim();
    if let Some((head, end)) = core.rsplit_once(['.', '!', '?', '”']) {
        let after = end.trim();
        if !after.is_empty() && words(after) <= 8 && starts_upper(after) {
            let quote = core.strip_suffix(end).unwrap_or(head);
            return (quote.trim().to_string(), Some(after.to_string()));
        }
    }
    (core.to_string(), None)
}
