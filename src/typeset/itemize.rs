//! Itemizing a paragraph into runs: each run has one bidi level (UAX #9,
//! with the language's direction as the paragraph's), one script and one
//! face (the family's, else a fallback family that has its characters).
//! Shaping, line breaking and reordering then work run by run.

use super::clusters::grapheme_indices;
use super::fonts::{Fonts, Style};
use super::paragraph::TextStyle;
use crate::lang::Locale;
use unicode_bidi::{BidiClass, BidiInfo, Level};
use unicode_script::{Script, UnicodeScript};

/// What a run of text is set with, beyond its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RunKey {
    /// 0: the family; n: fallback family n.
    pub family: u16,
    /// The bidi embedding level: even left to right, odd right to left.
    pub level: u8,
    /// ISO 15924 tag of the run's script.
    pub script: [u8; 4],
}

impl Default for RunKey {
    fn default() -> Self {
        RunKey {
            family: 0,
            level: 0,
            script: *b"Latn",
        }
    }
}

impl RunKey {
    pub fn rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// The language a paragraph is set in.
pub struct Context<'a> {
    pub fonts: &'a Fonts,
    pub locale: &'a Locale,
    /// The zine's language tag, for configured fallback fonts.
    pub lang: &'a str,
}

/// Splits styled runs into runs of one face, level and script. Text that is
/// all left-to-right Latin the family's faces have comes back as it was.
pub fn itemize(runs: Vec<(String, TextStyle)>, cx: &Context) -> Vec<(String, TextStyle)> {
    let rtl = cx.locale.is_rtl();
    let simple = !rtl
        && runs.iter().all(|(t, ts)| {
            let face = cx.fonts.face(ts.style);
            t.chars().all(|c| {
                (c.is_ascii() || (latin_or_common(c) && !is_strong_rtl(c)))
                    && (ignorable(c) || face.covers(c))
            })
        });
    if simple {
        return runs;
    }
    let text: String = runs.iter().map(|(t, _)| t.as_str()).collect();
    let levels: Vec<Level> = if rtl || text.chars().any(is_strong_rtl) {
        BidiInfo::new(&text, Some(if rtl { Level::rtl() } else { Level::ltr() })).levels
    } else {
        vec![Level::ltr(); text.len()]
    };
    let scripts = resolved_scripts(&text);
    let mut out = Vec::with_capacity(runs.len());
    let mut offset = 0;
    let mut chars = scripts.iter();
    let mut prev_family: u16 = 0;
    for (t, ts) in runs {
        if t == "\n" {
            offset += t.len();
            chars.next();
            out.push((t, ts));
            continue;
        }
        let mut piece = String::new();
        let mut key: Option<(RunKey, Style)> = None;
        // A grapheme cluster (a letter and its marks, an emoji and its modifiers) stays in its first character's face.
        let starts: Vec<usize> = grapheme_indices(&t).map(|(i, _)| i).collect();
        for (i, c) in t.char_indices() {
            let script = chars.next().copied().unwrap_or(*b"Latn");
            // Code the monospace face lacks a character of is set in the family's regular face.
            let style = if ts.style == Style::Mono
                && !cx.fonts.face(Style::Mono).covers(c)
                && cx.fonts.face(Style::Regular).covers(c)
            {
                Style::Regular
            } else {
                ts.style
            };
            let family = if starts.binary_search(&i).is_ok() {
                family_for(c, style, prev_family, cx)
            } else {
                prev_family
            };
            prev_family = family;
            let k = (
                RunKey {
                    family,
                    level: levels.get(offset + i).map(|l| l.number()).unwrap_or(0),
                    script,
                },
                style,
            );
            match key {
                Some((old, old_style)) if (old, old_style) != k => {
                    out.push((
                        std::mem::take(&mut piece),
                        TextStyle {
                            run: old,
                            style: old_style,
                            ..ts
                        },
                    ));
                    key = Some(k);
                }
                None => key = Some(k),
                _ => {}
            }
            piece.push(c);
        }
        if let Some((k, style)) = key {
            out.push((
                piece,
                TextStyle {
                    run: k,
                    style,
                    ..ts
                },
            ));
        }
        offset += t.len();
    }
    out
}

/// The family for `c`: the one before it for marks, joiners and spaces, and
/// for punctuation it has; else the family's face for the style; else a fallback.
fn family_for(c: char, style: Style, prev: u16, cx: &Context) -> u16 {
    let common = matches!(c.script(), Script::Common | Script::Inherited);
    if ignorable(c)
        || c.script() == Script::Inherited
        || (common && prev != 0 && cx.fonts.fallback.covers(prev, c))
    {
        return prev;
    }
    if cx.fonts.face(style).covers(c) {
        return 0;
    }
    cx.fonts
        .fallback
        .family_for(c, cx.lang, cx.locale)
        .unwrap_or(0)
}

/// The script of each character (as ISO 15924 tags), with common characters
/// (spaces, punctuation, digits) and marks taking their neighbours' script;
/// kana count as Han, which is how fonts and shapers treat Japanese text.
fn resolved_scripts(text: &str) -> Vec<[u8; 4]> {
    let raw: Vec<Option<[u8; 4]>> = text
        .chars()
        .map(|c| match c.script() {
            Script::Common | Script::Inherited | Script::Unknown => None,
            Script::Hiragana | Script::Katakana => Some(*b"Hani"),
            s => s.short_name().as_bytes().try_into().ok(),
        })
        .collect();
    let first = raw.iter().flatten().next().copied().unwrap_or(*b"Latn");
    let mut last = first;
    raw.into_iter()
        .map(|s| {
            if let Some(s) = s {
                last = s;
            }
            last
        })
        .collect()
}

fn latin_or_common(c: char) -> bool {
    matches!(
        c.script(),
        Script::Latin | Script::Common | Script::Inherited
    )
}

/// Characters written right to left (Hebrew, Arabic and the like).
pub fn is_strong_rtl(c: char) -> bool {
    matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Characters that need no glyph of their own: spaces, controls, joiners,
/// direction marks, variation selectors.
pub fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Locales;

    fn ts() -> TextStyle {
        TextStyle::new(Style::Regular, 10.0)
    }

    #[test]
    fn plain_latin_comes_back_untouched() {
        let fonts = Fonts::load(None).unwrap();
        let en = Locale::english();
        let cx = Context {
            fonts: &fonts,
            locale: &en,
            lang: "en",
        };
        let runs = vec![("Plain “text”, 1871–1919.".to_string(), ts())];
        assert_eq!(itemize(runs.clone(), &cx), runs);
    }

    #[test]
    fn right_to_left_words_get_odd_levels_and_numbers_stay_left_to_right() {
        let fonts = Fonts::load(None).unwrap();
        let he = Locales::built_in().resolve("he").locale;
        let cx = Context {
            fonts: &fonts,
            locale: &he,
            lang: "he",
        };
        let out = itemize(vec![("שלום 2024 world".to_string(), ts())], &cx);
        let levels: Vec<(String, u8)> = out.iter().map(|(t, s)| (t.clone(), s.run.level)).collect();
        assert_eq!(levels.first().map(|l| l.1), Some(1), "{levels:?}");
        assert!(
            levels.iter().any(|(t, l)| t.contains("2024") && *l == 2),
            "{levels:?}"
        );
        assert!(
            levels.iter().any(|(t, l)| t.contains("world") && *l == 2),
            "{levels:?}"
        );
        assert_eq!(
            out.iter().map(|(t, _)| t.as_str()).collect::<String>(),
            "שלום 2024 world"
        );
    }

    #[test]
    fn a_grapheme_cluster_stays_in_one_face() {
        let fonts = Fonts::load(None).unwrap();
        let en = Locale::english();
        let cx = Context {
            fonts: &fonts,
            locale: &en,
            lang: "en",
        };
        let text = "ok 👍🏽 and ق\u{64E} done";
        let out = itemize(vec![(text.to_string(), ts())], &cx);
        assert_eq!(
            out.iter().map(|(t, _)| t.as_str()).collect::<String>(),
            text
        );
        for (t, _) in &out {
            assert!(
                !t.starts_with(['\u{1F3FD}', '\u{64E}']),
                "a run starts inside a cluster: {out:?}"
            );
        }
    }

    #[test]
    fn scripts_spread_to_common_characters() {
        let s = resolved_scripts("«שלום», ok");
        assert_eq!(&s[0], b"Hebr");
        assert_eq!(s.last(), Some(b"Latn"));
        assert_eq!(resolved_scripts("ひらがな漢字")[0], *b"Hani");
    }
}
