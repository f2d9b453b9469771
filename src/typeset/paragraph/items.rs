//! Paragraph text to the breaker's items: words (with their hyphenation and
//! dash breaks, and cluster breaks for words wider than a line), spaces, gaps
//! between characters of text without word spaces, and forced breaks.

use super::cache::{Fit, WordKey};
use super::{Content, ParaStyle, Piece, Setter, TextStyle};
use crate::typeset::clusters::grapheme_indices;
use crate::typeset::fonts::Style;
use crate::typeset::linebreak::{Item, FORCED_BREAK, LAST_RESORT_PENALTY};
use crate::typeset::restraint;
use crate::typeset::wordbreak::{is_dash, prefer_dashes, word_breaks, BreakKind};
use std::sync::Arc;

impl Setter<'_> {
    /// The items of styled runs set with `ps`, each with what it stands for.
    pub(super) fn items(
        &mut self,
        runs: &[(String, TextStyle)],
        ps: &ParaStyle,
    ) -> (Vec<Item>, Vec<Content>) {
        let mut items = Vec::new();
        let mut contents = Vec::new();
        if ps.indent > 0.0 {
            items.push(Item::Box { width: ps.indent });
            contents.push(Content::Nothing);
        }
        // Split into words: sequences of (text, style) without spaces.
        let mut word: Vec<(String, TextStyle)> = Vec::new();
        let mut space_style: Option<TextStyle> = None;
        let flush_word = |s: &mut Self,
                          word: &mut Vec<(String, TextStyle)>,
                          items: &mut Vec<Item>,
                          contents: &mut Vec<Content>| {
            if !word.is_empty() {
                s.push_word(word, ps, items, contents);
                word.clear();
            }
        };
        // Breaks between characters of text written without word spaces.
        let cjk =
            crate::typeset::cjk::breaks(&runs.iter().map(|(t, _)| t.as_str()).collect::<String>());
        let mut offset = 0;
        for (text, ts) in runs {
            if text == "\n" {
                offset += text.len();
                flush_word(self, &mut word, &mut items, &mut contents);
                push_forced_break(&mut items, &mut contents);
                continue;
            }
            let mut buf = String::new();
            for (i, c) in text.char_indices() {
                if cjk.as_ref().is_some_and(|b| b.contains(&(offset + i)))
                    && (!buf.is_empty() || !word.is_empty())
                {
                    if !buf.is_empty() {
                        word.push((std::mem::take(&mut buf), *ts));
                    }
                    flush_word(self, &mut word, &mut items, &mut contents);
                    items.push(Item::Glue {
                        width: 0.0,
                        stretch: ts.size * 0.12,
                        shrink: ts.size * 0.02,
                    });
                    contents.push(Content::Gap);
                }
                if c == ' ' || c == '\u{a0}' || c == '\t' {
                    if !buf.is_empty() {
                        word.push((std::mem::take(&mut buf), *ts));
                    }
                    flush_word(self, &mut word, &mut items, &mut contents);
                    let sp = self.measure_text(*ts, " ");
                    if c == '\u{a0}' {
                        // No break here, unless the words it joins are wider than the measure together.
                        items.push(Item::Penalty {
                            width: 0.0,
                            penalty: LAST_RESORT_PENALTY,
                            flagged: false,
                        });
                        contents.push(Content::Nothing);
                    }
                    if matches!(items.last(), Some(Item::Glue { .. })) {
                        continue;
                    }
                    if !items.is_empty() {
                        // Spaces in code keep their width: code is not justified.
                        let give = if ts.style == Style::Mono { 0.0 } else { 1.0 };
                        items.push(Item::Glue {
                            width: sp,
                            stretch: sp * 0.5 * give,
                            shrink: sp * 0.33 * give,
                        });
                        contents.push(Content::Space);
                    }
                    space_style = Some(*ts);
                } else {
                    buf.push(c);
                }
            }
            if !buf.is_empty() {
                word.push((buf, *ts));
            }
            offset += text.len();
        }
        flush_word(self, &mut word, &mut items, &mut contents);
        let _ = space_style;
        while matches!(items.last(), Some(Item::Glue { .. })) {
            items.pop();
            contents.pop();
        }
        push_forced_break(&mut items, &mut contents);
        (items, contents)
    }

    /// The pieces (one per style) showing bytes `from..to` of a word; `runs`
    /// gives the byte range and style of each of its runs.
    fn pieces(
        &mut self,
        word: &str,
        runs: &[(usize, usize, TextStyle)],
        from: usize,
        to: usize,
    ) -> Vec<Piece> {
        runs.iter()
            .filter(|(s, e, _)| *e > from && *s < to)
            .map(|&(s, e, ts)| {
                let (a, b) = (from.max(s), to.min(e));
                // Break offsets are cluster boundaries and run ends are where
                // two strings were joined: both are char boundaries, so `get`
                // always succeeds; if it ever did not, the bytes are kept
                // (lossily) rather than dropped or panicked on.
                match word.get(a..b) {
                    Some(text) => self.shape(ts, text),
                    None => self.shape(
                        ts,
                        &String::from_utf8_lossy(word.as_bytes().get(a..b).unwrap_or_default()),
                    ),
                }
            })
            .collect()
    }

    /// Pushes one word (see [`Self::set_word`]); a word in one style comes
    /// from the zine's table of words when one of its setters set it before
    /// with the same style, hyphenation and indent, on a measure giving the
    /// same items.
    fn push_word(
        &mut self,
        word: &[(String, TextStyle)],
        ps: &ParaStyle,
        items: &mut Vec<Item>,
        contents: &mut Vec<Content>,
    ) {
        let [(text, ts)] = word else {
            self.set_word(word, ps, items, contents);
            return;
        };
        let key = WordKey::new(ts, ps.hyphenate, ps.measure, first_lead(items));
        if let Some(made) = self.shared.word(key, text) {
            // As shaping its pieces here would have noted them.
            for c in made.1.iter() {
                match c {
                    Content::Pieces(pieces) => {
                        self.used.extend(pieces.iter().map(|p| p.ts.run.family));
                    }
                    Content::Break(Some(h)) => {
                        self.used.insert(h.ts.run.family);
                    }
                    _ => {}
                }
            }
            items.extend_from_slice(&made.0);
            contents.extend(made.1.iter().cloned());
            return;
        }
        let (i, c) = (items.len(), contents.len());
        let fit = self.set_word(word, ps, items, contents);
        let made = Arc::new((
            items.get(i..).unwrap_or_default().into(),
            contents.get(c..).unwrap_or_default().into(),
        ));
        self.shared.keep_word(key, text, fit, made);
    }

    /// Sets one word: fragments between its breaks (see [`word_breaks`]),
    /// with break penalties between them. A fragment too wide for a line is
    /// broken further between its grapheme clusters. Says which measures
    /// would have given the same items.
    fn set_word(
        &mut self,
        word: &[(String, TextStyle)],
        ps: &ParaStyle,
        items: &mut Vec<Item>,
        contents: &mut Vec<Content>,
    ) -> Fit {
        let full: String = word.iter().map(|(t, _)| t.as_str()).collect();
        // Code is never hyphenated (its hyphens and slashes still break).
        let hyphenate = ps.hyphenate
            && !word.iter().any(|(_, ts)| ts.style == Style::Mono)
            && restraint::word_may_hyphenate(&full);
        let min_word = self.locale.hyphenation.min_word;
        let breaks = word_breaks(&full, |core| {
            if hyphenate && core.chars().count() >= min_word {
                let stem = restraint::stem(core);
                restraint::usable_points(core, &self.hyphen_points(stem))
            } else {
                Vec::new()
            }
        });
        let mut runs = Vec::with_capacity(word.len());
        let mut pos = 0;
        for (t, ts) in word {
            runs.push((pos, pos + t.len(), *ts));
            pos += t.len();
        }
        let mut lead = first_lead(items);
        let first_lead = lead;
        let mut fit = Fit::new();
        let breaks = prefer_dashes(full.len(), breaks, |from, to| {
            let width: f32 = self
                .pieces(&full, &runs, from, to)
                .iter()
                .map(|p| p.width)
                .sum();
            fit.fits(
                (if from == 0 { first_lead } else { 0.0 }) + width,
                ps.measure,
            )
        });
        let mut from = 0;
        for k in 0..=breaks.len() {
            let to = breaks.get(k).map_or(full.len(), |b| b.at);
            let pieces = self.pieces(&full, &runs, from, to);
            let width: f32 = pieces.iter().map(|p| p.width).sum();
            let ts = pieces.last().map(|p| p.ts).unwrap_or(word[0].1);
            let after = breaks.get(k).map(|b| match b.kind {
                BreakKind::Hyphen => {
                    let h = self.shape(ts, "-");
                    (
                        Item::Penalty {
                            width: h.width,
                            penalty: restraint::HYPHEN_PENALTY,
                            flagged: true,
                        },
                        Content::Break(Some(h)),
                    )
                }
                BreakKind::HardHyphen => (
                    Item::Penalty {
                        width: 0.0,
                        penalty: restraint::HARD_HYPHEN_PENALTY,
                        flagged: true,
                    },
                    Content::Break(None),
                ),
                // A line ending after an em dash or a slash does not look hyphenated.
                BreakKind::Dash | BreakKind::Open => (
                    Item::Penalty {
                        width: 0.0,
                        penalty: 0.0,
                        flagged: false,
                    },
                    Content::Break(None),
                ),
            });
            let hyphen = match &after {
                Some((Item::Penalty { width, .. }, _)) => *width,
                _ => 0.0,
            };
            if fit.over(lead + width + hyphen, ps.measure) {
                self.push_emergency(&full, &runs, from, to, items, contents);
            } else {
                items.push(Item::Box { width });
                contents.push(Content::Pieces(pieces.into()));
            }
            if let Some((item, content)) = after {
                items.push(item);
                contents.push(content);
            }
            lead = 0.0;
            from = to;
        }
        fit
    }

    /// Bytes `from..to` of a word, too wide for a line: one box per grapheme
    /// cluster with a costly break between any two, cheaper after a dash or
    /// a slash. A line then overflows only if one cluster is wider than it.
    fn push_emergency(
        &mut self,
        word: &str,
        runs: &[(usize, usize, TextStyle)],
        from: usize,
        to: usize,
        items: &mut Vec<Item>,
        contents: &mut Vec<Content>,
    ) {
        let mut prev: Option<&str> = None;
        // `from` and `to` are cluster boundaries: the clusters starting in between end by `to`.
        for (at, cluster) in grapheme_indices(word).filter(|(at, _)| (from..to).contains(at)) {
            if let Some(prev) = prev {
                items.push(Item::Penalty {
                    width: 0.0,
                    penalty: if is_dash(prev) { 200.0 } else { 500.0 },
                    flagged: false,
                });
                contents.push(Content::Break(None));
            }
            let pieces = self.pieces(word, runs, at, at + cluster.len());
            items.push(Item::Box {
                width: pieces.iter().map(|p| p.width).sum(),
            });
            contents.push(Content::Pieces(pieces.into()));
            prev = Some(cluster);
        }
    }
}

/// The indent the next word shares its line with: the first word of an
/// indented paragraph comes after the indent's box alone.
fn first_lead(items: &[Item]) -> f32 {
    match items {
        [Item::Box { width }] => *width,
        _ => 0.0,
    }
}

/// Ends a line (or the paragraph) with [`FORCED_BREAK`]: no break before
/// the finishing glue, which fills the rest of the line, then a forced break.
fn push_forced_break(items: &mut Vec<Item>, contents: &mut Vec<Content>) {
    items.extend(FORCED_BREAK);
    contents.extend([Content::Nothing, Content::Nothing, Content::Break(None)]);
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fonts, para, set_text, texts};
    use super::super::Align;
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn a_long_word_is_broken_not_overflowing() {
        let fonts = fonts();
        let mut s = Setter::new(&fonts, "en");
        let lines = set_text(
            &mut s,
            "https://example.org/averyveryverylongpath",
            &para(40.0, 0.0, Align::Justify, true),
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 40.01));
    }

    #[test]
    fn an_em_dash_chain_breaks_after_its_dashes() {
        let fonts = fonts();
        let mut s = Setter::new(&fonts, "en");
        let text = "They said it was over—finished—done—gone—forgotten—buried—ended—and yet here we are again.";
        for measure in [70.0, 90.0, 120.0, 150.0, 300.0] {
            let lines = set_text(&mut s, text, &para(measure, 10.0, Align::Justify, true));
            assert!(
                lines.iter().all(|l| l.width <= measure + 0.01),
                "measure {measure}: {:?}",
                texts(&lines)
            );
            // Lines end at a space, after a dash or at a hyphenation point
            // (with a hyphen added): the text comes back by joining them so.
            let mut joined = String::new();
            for t in texts(&lines) {
                if joined.ends_with('-') {
                    joined.pop();
                } else if !joined.is_empty() && !joined.ends_with('—') {
                    joined.push(' ');
                }
                joined.push_str(t.trim_end());
            }
            assert_eq!(joined, text, "measure {measure}");
            if measure <= 150.0 {
                assert!(
                    texts(&lines).iter().any(|t| t.ends_with('—')),
                    "measure {measure}: {:?}",
                    texts(&lines)
                );
            }
        }
    }

    #[test]
    fn an_over_wide_word_breaks_between_clusters_only() {
        let fonts = fonts();
        let mut s = Setter::new(&fonts, "en");
        let word = format!(
            "{}{}{}",
            "👍🏽".repeat(12),
            "e\u{301}".repeat(30),
            "ق".repeat(20)
        );
        for measure in [8.0, 25.0, 40.0] {
            let lines = set_text(&mut s, &word, &para(measure, 0.0, Align::Left, true));
            assert!(lines.len() > 1);
            // The word's runs (a face each: emoji, Latin, Arabic) touch: no spaces between them.
            let line_texts: Vec<String> = lines
                .iter()
                .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
                .collect();
            for (l, t) in lines.iter().zip(&line_texts) {
                assert!(
                    !t.starts_with(['\u{1f3fd}', '\u{301}']),
                    "a line starts inside a cluster: {t:?}"
                );
                assert!(
                    l.width <= measure + 0.01 || t.graphemes(true).count() == 1,
                    "{t:?} is {} wide",
                    l.width
                );
            }
            assert_eq!(line_texts.concat(), word);
        }
    }

    #[test]
    fn words_joined_by_no_break_spaces_break_there_only_when_they_must() {
        let fonts = fonts();
        let mut s = Setter::new(&fonts, "en");
        let ps = para(60.0, 0.0, Align::Justify, true);
        let short = set_text(
            &mut s,
            "see p.\u{a0}12 and more words here to fill the lines",
            &ps,
        );
        assert!(
            texts(&short).iter().all(|t| !t.ends_with("p.")),
            "{:?}",
            texts(&short)
        );
        let long = set_text(
            &mut s,
            "one\u{a0}two\u{a0}three\u{a0}four\u{a0}five\u{a0}six",
            &ps,
        );
        assert!(
            long.len() > 1 && long.iter().all(|l| l.width <= 60.01),
            "{:?}",
            texts(&long)
        );
    }
}
