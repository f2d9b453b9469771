//! Typography in the zine's language: quotes and apostrophes, dashes,
//! ellipses, and the spaces around punctuation, numbers and abbreviations.

use super::Report;
use crate::document::walk::each_run_mut;
use crate::document::{Block, Inline, Note};
use crate::lang::{DashSpacing, Locale};
use unicode_normalization::UnicodeNormalization;

mod numbers;
mod rules;

pub use numbers::Labels;
use numbers::{digit_group_follows, number_range};
use rules::Rules;

/// Applies typographic repairs to every text run in the language of
/// `locale`, carrying the character before each run so quotes at run
/// starts face the right way. Code (spans and blocks) and raw HTML are
/// never touched.
pub fn apply(blocks: &mut [Block], notes: &mut [Note], report: &mut Report, locale: &Locale) {
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
                let new = typogrify_in_with(t, prev, locale, &labels);
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
            Inline::Code(code) => f(Run::Other(code.chars().last().or(Some('x')))),
            Inline::Image { .. } | Inline::NoteRef(_) => f(Run::Other(Some('x'))),
            Inline::LineBreak => f(Run::Other(Some(' '))),
            Inline::Html(_) => f(Run::Other(None)),
            container => runs_in(crate::document::walk::inline_children_mut(container), f),
        }
    }
}

/// Curly quotes, dashes, ellipses and single spaces in one run of English text.
#[cfg(test)]
pub fn typogrify(text: &str) -> String {
    typogrify_in(text, None, &Locale::english())
}

/// Like [`typogrify`], for an English run that follows the character `before`.
#[cfg(test)]
pub fn typogrify_after(text: &str, before: Option<char>) -> String {
    typogrify_in(text, before, &Locale::english())
}

/// The typography of one run of text in the language of `locale`, after the
/// character `before`: quotes, apostrophes, dashes, ellipses, single spaces,
/// and the spaces the language puts around punctuation, numbers and abbreviations.
pub fn typogrify_in(text: &str, before: Option<char>, locale: &Locale) -> String {
    typogrify_in_with(text, before, locale, &Labels::default())
}

/// Like [`typogrify_in`], with the text's numbering labels.
fn typogrify_in_with(text: &str, before: Option<char>, locale: &Locale, labels: &Labels) -> String {
    let mut text: String = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    };
    let rules = Rules::new(locale);
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
    // A nested quotation opened in this run and not yet closed.
    let mut nested_open = false;
    let mut double_open = false;
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i];
        let ii = i as isize;
        let prev = out.last().copied().or(if i == 0 { before } else { None });
        let next = at(ii + 1);
        match c {
            ' ' | '\t' if prev.is_some_and(|p| p == ' ') => {}
            // The space inside an opening mark stands for the one written there.
            ' ' | '\t' if rules.inside.is_some() && prev == rules.inside => {}
            '\t' => out.push(' '),
            '-' | '–' | '—' | '―' => {
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
                    '-' if numbers && number_range(&out, &chars[i + 1..], labels) => {
                        Some(Dash::Range)
                    }
                    '-' if !sp_before && !sp_after => None,
                    '-' if sp_before && !sp_after => None,
                    '-' if !sp_before
                        && ["and", "or", "to", "nor"].contains(&word_after.as_str()) =>
                    {
                        None
                    }
                    '–' if numbers => Some(Dash::Range),
                    _ => Some(Dash::Words),
                };
                match dash {
                    Some(Dash::Words) => {
                        if rules.dash.chars().count() > 1 {
                            // A dash of two marks ("——") written as two: one dash.
                            while matches!(chars.get(i + 1), Some('—' | '―')) {
                                i += 1;
                            }
                        }
                        match rules.dash_spacing {
                            DashSpacing::Closed => {
                                while out.last() == Some(&' ') {
                                    out.pop();
                                }
                                out.extend(rules.dash.chars());
                                while chars.get(i + 1) == Some(&' ') {
                                    i += 1;
                                }
                            }
                            DashSpacing::Spaced => {
                                while out.last().is_some_and(|c| is_space(*c)) {
                                    out.pop();
                                }
                                out.push('\u{a0}');
                                out.extend(rules.dash.chars());
                                out.push(' ');
                                while chars.get(i + 1).is_some_and(|c| is_space(*c)) {
                                    i += 1;
                                }
                            }
                            DashSpacing::Keep => out.extend(rules.dash.chars()),
                        }
                    }
                    Some(Dash::Range) => out.push('–'),
                    None => out.push(c),
                }
            }
            // A nested quotation's marks already in the text ( ‚ … ‘ in German, „ … “ in Russian).
            _ if Some(c) == rules.nested_open
                && Some(c) != rules.primary_open
                && !matches!(c, '\'' | '‘' | '’')
                && !rules.is_double_quote(c) =>
            {
                out.push(c);
                nested_open = true;
            }
            _ if nested_open
                && Some(c) == rules.nested_close
                && Some(c) != rules.primary_close
                && !next.is_some_and(char::is_alphabetic) =>
            {
                out.push(c);
                nested_open = false;
            }
            // Without spaces between words, marks open and close in turn.
            _ if rules.is_double_quote(c) && rules.pairs => {
                if double_open {
                    rules.close(&mut out, before);
                } else {
                    rules.open(&mut out);
                }
                double_open = !double_open;
            }
            _ if rules.is_double_quote(c) => {
                let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/‘".contains(p));
                let closes_space = c != '“'
                    && prev == Some(' ')
                    && next.is_none_or(|n| n == ' ' || ",.;:!?".contains(n))
                    && out.len() >= 2
                    && out[out.len() - 2].is_alphanumeric();
                if closes_space {
                    // "disbelief ” over": the quote belongs to the word before.
                    out.pop();
                    rules.close(&mut out, before);
                } else if opens && next.is_some_and(|n| !n.is_whitespace()) {
                    rules.open(&mut out);
                } else {
                    rules.close(&mut out, before);
                }
            }
            '\'' | '‘' | '’' => {
                let word: String = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“".contains(p));
                let elision = rules.elisions.iter().any(|e| *e == word.to_lowercase())
                    && chars
                        .get(i + 1 + word.chars().count())
                        .is_none_or(|c| !c.is_alphabetic());
                let opening = if c == '’' {
                    opens
                        && next.is_some_and(char::is_alphabetic)
                        && !elision
                        && chars[i + 1..].contains(&'’')
                } else {
                    opens && next.is_some_and(|n| n.is_alphabetic()) && !elision
                };
                // Single marks are the nested ones, unless the language quotes with them first (Dutch).
                let marks = if rules.primary[0] == "‘" {
                    rules.primary
                } else {
                    rules.nested
                };
                if opening {
                    out.extend(marks[0].chars());
                    nested_open = true;
                } else if nested_open && !next.is_some_and(char::is_alphabetic) {
                    out.extend(marks[1].chars());
                    nested_open = false;
                } else {
                    out.extend(rules.apostrophe.chars());
                }
            }
            _ if rules.inside.is_some() && Some(c) == rules.primary_open => {
                rules.open(&mut out);
                while chars.get(i + 1).is_some_and(|c| is_space(*c)) {
                    i += 1;
                }
            }
            _ if rules.inside.is_some() && Some(c) == rules.primary_close => {
                rules.close(&mut out, before)
            }
            _ if rules.high.contains(c) => {
                rules.high_punctuation(&mut out, c, prev, next);
            }
            '%' if !rules.percent.is_empty() => {
                let digit_before = out
                    .iter()
                    .rev()
                    .find(|c| !is_space(**c))
                    .or(before.as_ref())
                    .is_some_and(|c| c.is_ascii_digit());
                if digit_before {
                    while out.last().is_some_and(|c| is_space(*c)) {
                        out.pop();
                    }
                    out.extend(rules.percent.chars());
                }
                out.push('%');
            }
            ' ' if !rules.digit_group.is_empty()
                && prev.is_some_and(|p| p.is_ascii_digit())
                && digit_group_follows(&chars[i + 1..]) =>
            {
                out.extend(rules.digit_group.chars());
            }
            // Every abbreviation ends in a full stop: look for one only after a stop.
            ' ' if prev != Some('.') => out.push(' '),
            ' ' => {
                let word = trailing_word(&out);
                let word = word.trim_start_matches(['(', '“', '‘', '«', '„', '‚']);
                if rules.abbreviations.iter().any(|a| a == word)
                    && next.is_some_and(|n| n.is_alphanumeric())
                {
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

/// What a dash between two things is.
enum Dash {
    /// Between two numbers: an en dash, unspaced, in every language.
    Range,
    /// Between words: the language's dash and spacing.
    Words,
}

/// Spaces, also the no-break ones the rules put in.
/// The characters written since the last white space: the word (or web address) `out` ends in.
fn trailing_word(out: &[char]) -> String {
    let start = out
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |i| i + 1);
    out[start..].iter().collect()
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_word_is_what_follows_the_last_space() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(trailing_word(&chars("see http://x.org")), "http://x.org");
        assert_eq!(trailing_word(&chars("e.g.")), "e.g.");
        assert_eq!(trailing_word(&chars("ends in space ")), "");
        assert_eq!(trailing_word(&[]), "");
    }

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

    /// (language, input, expected): quotes, high punctuation, dashes, numbers, abbreviations.
    const LANGUAGES: &[(&str, &str, &str)] = &[
        (
            "fr",
            "Il a dit \"bonjour\" et puis: quoi? Non!",
            "Il a dit «\u{a0}bonjour\u{a0}» et puis\u{202f}: quoi\u{202f}? Non\u{202f}!",
        ),
        (
            "fr",
            "« mal espacé »; et «collé»",
            "«\u{a0}mal espacé\u{a0}»\u{202f}; et «\u{a0}collé\u{a0}»",
        ),
        ("fr", "l'homme qu'il voit", "l’homme qu’il voit"),
        (
            "fr",
            "Vraiment ?! Voir https://a.org/x et 10:30.",
            "Vraiment\u{202f}?! Voir https://a.org/x et 10:30.",
        ),
        (
            "fr",
            "Le texte - une incise - continue.",
            "Le texte\u{a0}– une incise\u{a0}– continue.",
        ),
        (
            "fr",
            "Il y a 10 000 personnes, 50% et M. Dupont.",
            "Il y a 10\u{202f}000 personnes, 50\u{202f}% et M.\u{a0}Dupont.",
        ),
        (
            "de",
            "Er sagte \"Hallo\" und 'ja' - dann ging er.",
            "Er sagte „Hallo“ und ‚ja‘\u{a0}– dann ging er.",
        ),
        (
            "de",
            "Siehe z. B. S. 12 und 30 %.",
            "Siehe z.\u{a0}B. S.\u{a0}12 und 30\u{a0}%.",
        ),
        ("de", "„Schon richtig“", "„Schon richtig“"),
        (
            "ru",
            "Он сказал \"привет\" - и ушёл.",
            "Он сказал «привет»\u{a0}— и ушёл.",
        ),
        ("ru", "Было 10 000 человек.", "Было 10\u{a0}000 человек."),
        ("uk", "Він сказав \"привіт\".", "Він сказав «привіт»."),
        (
            "el",
            "Είπε \"γεια\" - και έφυγε.",
            "Είπε «γεια»\u{a0}— και έφυγε.",
        ),
        (
            "es",
            "Dijo \"hola\" y palabra —inciso— palabra.",
            "Dijo «hola» y palabra —inciso— palabra.",
        ),
        (
            "it",
            "Disse \"ciao\" - e andò.",
            "Disse «ciao»\u{a0}– e andò.",
        ),
        ("pt", "Disse \"olá\" - e foi.", "Disse “olá”\u{a0}— e foi."),
        (
            "nl",
            "Hij zei \"hallo\" - en ging.",
            "Hij zei ‘hallo’\u{a0}– en ging.",
        ),
        (
            "pl",
            "Powiedział \"cześć\" - i poszedł.",
            "Powiedział „cześć”\u{a0}– i poszedł.",
        ),
        (
            "sv",
            "Han sa \"hej\" - och gick.",
            "Han sa ”hej”\u{a0}– och gick.",
        ),
        ("tr", "\"Merhaba\" dedi.", "“Merhaba” dedi."),
        ("ar", "قال \"مرحبا\" ثم ذهب.", "قال ”مرحبا“ ثم ذهب."),
        ("fa", "گفت \"سلام\" و رفت.", "گفت «سلام» و رفت."),
        ("he", "הוא אמר \"שלום\" והלך.", "הוא אמר ”שלום” והלך."),
        ("zh", "他说\"你好\"--然后走了。", "他说“你好”——然后走了。"),
        ("zh", "他说“你好”——然后走了。", "他说“你好”——然后走了。"),
        (
            "ja",
            "彼は\"こんにちは\"と言った--そして。",
            "彼は「こんにちは」と言った――そして。",
        ),
        ("en", "\"It's fine\" -- she said", "“It’s fine”—she said"),
    ];

    #[test]
    fn every_language_gets_its_own_typography() {
        let set = crate::lang::Locales::built_in();
        for (tag, input, want) in LANGUAGES {
            let locale = set.resolve(tag).locale;
            assert_eq!(typogrify_in(input, None, &locale), *want, "{tag}: {input}");
            // Typography applied twice changes nothing more.
            assert_eq!(
                typogrify_in(want, None, &locale),
                *want,
                "{tag}, again: {want}"
            );
        }
    }

    #[test]
    fn labels_keep_their_hyphen() {
        let mut labels = Labels::default();
        labels.scan("Listing 3-1 shows it; Listing 3-4 and pages 10-12, 1914-18 and 9-5.");
        let out = typogrify_in_with(
            "Listing 3-1, Listing 3-4, pages 10-12, 1914-18, 9-5",
            None,
            &Locale::english(),
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
