//! Typography: curly quotes and apostrophes, dashes, ellipses, spaces.

use super::Report;
use crate::document::walk::each_run_mut;
use crate::document::{Block, Inline, Note};
use unicode_normalization::UnicodeNormalization;

/// Applies typographic repairs to every text run, carrying the character
/// before each run so quotes at run starts face the right way. Code (spans
/// and blocks) and raw HTML are never touched.
pub fn apply(blocks: &mut [Block], notes: &mut [Note], report: &mut Report) {
    let mut changed = 0usize;
    let mut labels = Labels::default();
    let mut scan = |seq: &mut Vec<Inline>| {
        runs_in(seq, &mut |run| {
            if let Run::Text(t) = run {
                labels.scan(t);
            }
        })
    };
    each_run_mut(blocks, &mut scan);
    for note in notes.iter_mut() {
        each_run_mut(&mut note.content, &mut scan);
    }
    let mut seq = |seq: &mut Vec<Inline>| {
        let mut prev: Option<char> = None;
        runs_in(seq, &mut |run| match run {
            Run::Text(t) => {
                let new = typogrify_with(t, prev, &labels);
                prev = new.chars().last().or(prev);
                if new != *t {
                    changed += 1;
                    *t = new;
                }
            }
            Run::Other(c) => prev = c.or(prev),
        })
    };
    each_run_mut(blocks, &mut seq);
    for note in notes.iter_mut() {
        each_run_mut(&mut note.content, &mut seq);
    }
    if changed > 0 {
        report.repaired(0, "typography", format!("{changed} text runs"));
    }
}

/// A piece of a run of inlines, as typography sees it.
enum Run<'a> {
    /// Text to repair.
    Text(&'a mut String),
    /// Something that is not repaired (code, a note number, a break), with
    /// the character it ends in, which the text after it follows.
    Other(Option<char>),
}

fn runs_in(inlines: &mut [Inline], f: &mut dyn FnMut(Run)) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => f(Run::Text(t)),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::SmallCaps(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Underline(c) => runs_in(c, f),
            Inline::Link { content, .. } => runs_in(content, f),
            Inline::Code(code) => f(Run::Other(code.chars().last().or(Some('x')))),
            Inline::Image { .. } | Inline::NoteRef(_) => f(Run::Other(Some('x'))),
            Inline::LineBreak => f(Run::Other(Some(' '))),
            Inline::Html(_) => f(Run::Other(None)),
        }
    }
}

/// Curly quotes, dashes, ellipses and single spaces in one run of text.
pub fn typogrify(text: &str) -> String {
    typogrify_after(text, None)
}

/// Words that open with an apostrophe: ’em, ’n’, ’til.
const ELISIONS: &[&str] = &[
    "em", "n", "til", "cause", "tis", "twas", "round", "bout", "nuff",
];

/// Abbreviations followed by a non-breaking space.
const ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Prof.", "Rev.", "Gen.", "Sen.", "Rep.", "p.", "pp.",
    "No.", "vol.", "Vol.", "ch.", "fig.",
];

/// Numbers written "3-1", "3-2", "3-4" in a text: the left numbers of
/// labels ("Listing 3-1", "Table 3-2"), where the hyphen is not a range's
/// dash. A left number that is ever followed by one no larger than itself
/// ("3-1") numbers things; a range runs upwards ("3-4", "1871-1919").
#[derive(Debug, Default)]
pub struct Labels {
    lefts: rustc_hash::FxHashSet<u64>,
}

impl Labels {
    /// Notes the labels of one run of text.
    pub fn scan(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(off) = text.get(i..).unwrap_or_default().find('-') {
            let at = i + off;
            i = at + 1;
            let left = text
                .get(..at)
                .unwrap_or_default()
                .rsplit(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("");
            let right = text
                .get(at + 1..)
                .unwrap_or_default()
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("");
            let glued = at > left.len() && b[at - left.len() - 1].is_ascii_alphanumeric();
            if left.is_empty() || right.is_empty() || glued || left.len() > 4 || right.len() > 4 {
                continue;
            }
            if !ascending(left, right) {
                self.lefts.insert(left.parse().unwrap_or(0));
            }
        }
    }

    fn label(&self, left: &str) -> bool {
        left.parse().is_ok_and(|n: u64| self.lefts.contains(&n))
    }
}

/// Whether "left-right" counts upwards, reading "1914-18" as 1914 to 1918.
fn ascending(left: &str, right: &str) -> bool {
    let (l, r): (u64, u64) = (left.parse().unwrap_or(0), right.parse().unwrap_or(0));
    if right.len() < left.len() {
        let tail: u64 = left
            .get(left.len() - right.len()..)
            .unwrap_or_default()
            .parse()
            .unwrap_or(0);
        return r > tail;
    }
    r > l
}

/// Like [`typogrify`], for a run that follows the character `before`.
pub fn typogrify_after(text: &str, before: Option<char>) -> String {
    typogrify_with(text, before, &Labels::default())
}

/// Like [`typogrify_after`], with the text's numbering labels.
fn typogrify_with(text: &str, before: Option<char>, labels: &Labels) -> String {
    let mut text: String = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    };
    if text.contains("..") || text.contains(". .") || text.contains("--") {
        text = text
            .replace(". . . .", ".…")
            .replace(". . .", "…")
            .replace("....", ".…")
            .replace("...", "…")
            .replace("---", "—")
            .replace("--", "—");
    }
    let chars: Vec<char> = text.chars().collect();
    let at = |i: isize| -> Option<char> {
        if i < 0 {
            if i == -1 {
                before
            } else {
                None
            }
        } else {
            chars.get(i as usize).copied()
        }
    };
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i];
        let ii = i as isize;
        let prev = out.last().copied().or(if i == 0 { before } else { None });
        let next = at(ii + 1);
        match c {
            ' ' | '\t' if prev.is_some_and(|p| p == ' ') => {}
            '\t' => out.push(' '),
            '-' | '–' | '—' => {
                let sp_before = prev == Some(' ');
                let sp_after = next == Some(' ');
                let l = out.iter().rev().find(|c| **c != ' ').copied().or(before);
                let r = chars[i + 1..].iter().find(|c| **c != ' ').copied();
                let word_after: String = chars[i + 1..]
                    .iter()
                    .skip_while(|c| **c == ' ')
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                let numbers = l.is_some_and(|c| c.is_ascii_digit())
                    && r.is_some_and(|c| c.is_ascii_digit())
                    && !sp_before
                    && !sp_after;
                let dash = match c {
                    _ if l.is_none() || r.is_none() => None,
                    '-' if numbers && number_range(&out, &chars[i + 1..], labels) => Some('–'),
                    '-' if !sp_before && !sp_after => None,
                    '-' if sp_before && !sp_after => None,
                    '-' if !sp_before
                        && ["and", "or", "to", "nor"].contains(&word_after.as_str()) =>
                    {
                        None
                    }
                    '–' if numbers => Some('–'),
                    _ => Some('—'),
                };
                match dash {
                    Some('—') => {
                        while out.last() == Some(&' ') {
                            out.pop();
                        }
                        out.push('—');
                        while chars.get(i + 1) == Some(&' ') {
                            i += 1;
                        }
                    }
                    Some(d) => out.push(d),
                    None => out.push(c),
                }
            }
            '"' | '“' | '”' => {
                let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/‘".contains(p));
                let closes_space = c != '“'
                    && prev == Some(' ')
                    && next.is_none_or(|n| n == ' ' || ",.;:!?".contains(n))
                    && out.len() >= 2
                    && out[out.len() - 2].is_alphanumeric();
                if closes_space {
                    // "disbelief ” over": the quote belongs to the word before.
                    out.pop();
                    out.push('”');
                } else if opens && next.is_some_and(|n| !n.is_whitespace()) {
                    out.push('“');
                } else {
                    out.push('”');
                }
            }
            '\'' | '‘' | '’' => {
                let word: String = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“".contains(p));
                let elision = ELISIONS.contains(&word.to_lowercase().as_str())
                    && chars
                        .get(i + 1 + word.chars().count())
                        .is_none_or(|c| !c.is_alphabetic());
                if c == '’'
                    && !(opens
                        && next.is_some_and(char::is_alphabetic)
                        && !elision
                        && chars[i + 1..].contains(&'’'))
                {
                    out.push('’');
                } else if opens && next.is_some_and(|n| n.is_alphabetic()) && !elision {
                    out.push('‘');
                } else {
                    out.push('’');
                }
            }
            // Every abbreviation ends in a full stop: look for one only after a stop.
            ' ' if prev != Some('.') => out.push(' '),
            ' ' => {
                let word: String = out
                    .iter()
                    .rev()
                    .take_while(|c| !c.is_whitespace())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let word = word.trim_start_matches(['(', '“', '‘']);
                if ABBREVIATIONS.contains(&word) && next.is_some_and(|n| n.is_alphanumeric()) {
                    out.push('\u{a0}');
                } else {
                    out.push(' ');
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Whether a hyphen between digits joins two plain numbers ("18-29", "1871-1919"),
/// not a name with a number ("COVID-19").
/// Labels ("Listing 3-1") and numbers that count down keep their hyphen.
fn number_range(before: &[char], after: &[char], labels: &Labels) -> bool {
    let left: Vec<&char> = before
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace() && **c != '(')
        .collect();
    let left_ok = left
        .iter()
        .all(|c| c.is_ascii_digit() || ",.$".contains(**c));
    let right: Vec<&char> = after.iter().take_while(|c| c.is_alphanumeric()).collect();
    // `before` runs backwards from the hyphen: the left number reversed.
    let l: String = left
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .map(|c| **c)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    let r: String = right.iter().map(|c| **c).collect();
    let counts_up = l.is_empty() || r.is_empty() || (ascending(&l, &r) && !labels.label(&l));
    left_ok
        && counts_up
        && right.iter().all(|c| c.is_ascii_digit())
        && !after.get(right.len()).is_some_and(|c| *c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_dashes() {
        let cases = [
            ("\"It's fine\" -- she said...", "“It’s fine”—she said…"),
            ("a  b", "a b"),
            ("Solidarity— Beyond", "Solidarity—Beyond"),
            ("tremors – convulsions", "tremors—convulsions"),
            ("physics–it is", "physics—it is"),
            ("movements- A critique", "movements—A critique"),
            ("That demo - like the ones", "That demo—like the ones"),
            ("pre- and post-war", "pre- and post-war"),
            (
                "ages 18-29 in 2009-10 (1871-1919)",
                "ages 18–29 in 2009–10 (1871–1919)",
            ),
            ("COVID-19 and anti-fascist", "COVID-19 and anti-fascist"),
            ("”All you see", "“All you see"),
            ("disbelief ” over", "disbelief” over"),
            ("the '90s and rock 'n' roll", "the ’90s and rock ’n’ roll"),
            ("rock ‘n’ roll", "rock ’n’ roll"),
            ("‘the left-wing of capital’", "‘the left-wing of capital’"),
            ("Socialism. . . we’ve", "Socialism… we’ve"),
            ("cohesion. . . . Instead", "cohesion.… Instead"),
            ("Mr. Smith on p. 12", "Mr.\u{a0}Smith on p.\u{a0}12"),
            ("Leftism™ itself", "Leftism™ itself"),
        ];
        for (input, want) in cases {
            assert_eq!(typogrify(input), want, "{input}");
        }
    }

    #[test]
    fn labels_keep_their_hyphen() {
        let mut labels = Labels::default();
        labels.scan("Listing 3-1 shows it; Listing 3-4 and pages 10-12, 1914-18 and 9-5.");
        let out = typogrify_with(
            "Listing 3-1, Listing 3-4, pages 10-12, 1914-18, 9-5",
            None,
            &labels,
        );
        assert_eq!(out, "Listing 3-1, Listing 3-4, pages 10–12, 1914–18, 9-5");
    }

    #[test]
    fn quotes_across_runs() {
        assert_eq!(typogrify_after("\" over", Some('f')), "” over");
        assert_eq!(typogrify_after("\"over", Some(' ')), "“over");
    }
}
