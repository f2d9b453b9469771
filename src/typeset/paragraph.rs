//! Setting one paragraph: inline content to boxes, glue and penalties (with
//! hyphenation points), Knuth-Plass breaking, and lines of positioned glyph runs.

use super::fonts::{Fonts, ShapedGlyph, Style};
use super::hyphenate::dictionary;
use super::linebreak::{break_lines, Item, Params, INFINITY_PENALTY, LAST_RESORT_PENALTY};
use super::page::GlyphRun;
use super::runs::{flatten, Decoration, LineRuns};
use super::wordbreak::{is_dash, prefer_dashes, word_breaks, BreakKind};
use crate::document::Inline;
use hyphenation::{Hyphenator, Standard};
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex};
use unicode_segmentation::UnicodeSegmentation;

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub style: Style,
    pub small_caps: bool,
    pub size: f32,
    /// Raised and smaller (note references).
    pub superscript: bool,
    /// Baseline shift in points, up (superscript text) or down (subscript).
    pub rise: f32,
    pub strike: bool,
    pub underline: bool,
    /// The link the text belongs to, an index into the paragraph's links.
    pub link: Option<u16>,
}

impl TextStyle {
    pub fn new(style: Style, size: f32) -> Self {
        TextStyle {
            style,
            small_caps: false,
            size,
            superscript: false,
            rise: 0.0,
            strike: false,
            underline: false,
            link: None,
        }
    }
}

/// Horizontal alignment of lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy)]
pub struct ParaStyle {
    pub measure: f32,
    /// First-line indent.
    pub indent: f32,
    pub align: Align,
    pub hyphenate: bool,
}

/// A set line: runs positioned relative to the line's left edge and baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct SetLine {
    pub runs: Vec<GlyphRun>,
    pub width: f32,
    /// Note numbers referenced on this line.
    pub notes: Vec<u32>,
    pub hyphenated: bool,
    /// Strike-through, underlines and link areas.
    pub decorations: Vec<Decoration>,
}

impl SetLine {
    /// A line of one run (code, a table's rule line) or of none.
    pub fn of_runs(runs: Vec<GlyphRun>) -> SetLine {
        let width = runs.iter().map(|r| r.x + r.width()).fold(0.0, f32::max);
        SetLine {
            runs,
            width,
            notes: Vec::new(),
            hyphenated: false,
            decorations: Vec::new(),
        }
    }
}

/// A piece of a word in one style.
#[derive(Debug, Clone)]
pub struct Piece {
    pub shaped: Arc<Shaped>,
    pub ts: TextStyle,
    pub width: f32,
}

/// What an item stands for.
#[derive(Debug, Clone)]
enum Content {
    Pieces(Vec<Piece>),
    Space,
    /// A break; when taken, the piece (a hyphen) ends the line.
    Break(Option<Piece>),
    Nothing,
}

/// Text with its glyphs, shared between the cache and every piece that shows it.
#[derive(Debug)]
pub struct Shaped {
    pub text: String,
    pub glyphs: Vec<ShapedGlyph>,
    /// Width in em.
    em: f32,
}

/// Shaped text per (style, small caps), in em, by text.
type ShapeTable = HashMap<(Style, bool), HashMap<String, Arc<Shaped>>>;

/// Shaping and hyphenation results shared by the setters of one zine's
/// layouts, which may run on several threads: each word is shaped and
/// hyphenated once per zine, whatever the number of layouts.
#[derive(Default)]
pub struct WordCache {
    shapes: Mutex<ShapeTable>,
    breaks: Mutex<HashMap<String, Arc<[usize]>>>,
}

/// State for setting many paragraphs: fonts, and caches of shaped text and
/// hyphenation points (its own, in front of a [`WordCache`] it may share).
pub struct Setter<'a> {
    pub fonts: &'a Fonts,
    /// Looked up without allocating or locking.
    cache: ShapeTable,
    hyphenator: Option<&'static Standard>,
    /// Hyphenation points per word.
    breaks: HashMap<String, Arc<[usize]>>,
    shared: Arc<WordCache>,
}

impl<'a> Setter<'a> {
    pub fn new(fonts: &'a Fonts, language: &str) -> Self {
        Setter::sharing(fonts, language, Arc::default())
    }

    /// A setter that shares shaped words and hyphenation points through `shared`.
    pub fn sharing(fonts: &'a Fonts, language: &str, shared: Arc<WordCache>) -> Self {
        let hyphenator = dictionary(language);
        Setter {
            fonts,
            cache: HashMap::default(),
            hyphenator,
            breaks: HashMap::default(),
            shared,
        }
    }

    fn shape(&mut self, ts: TextStyle, text: &str) -> Piece {
        let fonts = self.fonts;
        let by_style = self.cache.entry((ts.style, ts.small_caps)).or_default();
        let shaped = match by_style.get(text) {
            Some(hit) => Arc::clone(hit),
            None => {
                let shared = self
                    .shared
                    .shapes
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(&(ts.style, ts.small_caps))
                    .and_then(|t| t.get(text))
                    .cloned();
                let shaped = shared.unwrap_or_else(|| {
                    let glyphs = fonts.shape(ts.style, ts.small_caps, text);
                    let em: f32 = glyphs.iter().map(|g| g.advance).sum();
                    let shaped = Arc::new(Shaped {
                        text: text.to_string(),
                        glyphs,
                        em,
                    });
                    let mut table = self.shared.shapes.lock().unwrap_or_else(|e| e.into_inner());
                    table
                        .entry((ts.style, ts.small_caps))
                        .or_default()
                        .insert(text.to_string(), Arc::clone(&shaped));
                    shaped
                });
                by_style.insert(text.to_string(), Arc::clone(&shaped));
                shaped
            }
        };
        Piece {
            width: shaped.em * ts.size,
            shaped,
            ts,
        }
    }

    /// Width of text in a style, in points.
    pub fn measure_text(&mut self, ts: TextStyle, text: &str) -> f32 {
        self.shape(ts, text).width
    }

    /// A single unbroken line of text (headings in running heads, folios).
    pub fn line(&mut self, ts: TextStyle, text: &str) -> GlyphRun {
        let p = self.shape(ts, text);
        GlyphRun {
            x: 0.0,
            y: 0.0,
            style: ts.style,
            size: ts.size,
            glyphs: p.shaped.glyphs.clone(),
            text: p.shaped.text.clone(),
        }
    }

    /// The space glyph of a style, in em.
    fn space_glyph(&mut self, ts: TextStyle) -> Option<ShapedGlyph> {
        let space = self.shape(ts, " ");
        match space.shaped.glyphs.as_slice() {
            [g] => Some(g.clone()),
            _ => None,
        }
    }

    /// Sets inline content into lines.
    pub fn set(&mut self, content: &[Inline], base: TextStyle, ps: &ParaStyle) -> Vec<SetLine> {
        let (runs, links) = flatten(content, base);
        let (items, contents) = self.items(&runs, ps);
        if items.len() <= 3 {
            return Vec::new();
        }
        let params = Params {
            ragged_stretch: if ps.align == Align::Justify {
                0.0
            } else {
                ps.measure * 0.5
            },
            ..Params::default()
        };
        let lines = break_lines(&items, ps.measure, &params);
        let count = lines.len();
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let last = i + 1 == count;
                let ratio = if ps.align == Align::Justify && !last {
                    l.ratio
                } else {
                    l.ratio.min(0.0)
                };
                self.build_line(
                    &items,
                    &contents,
                    l.start,
                    l.end,
                    ratio,
                    l.hyphenated,
                    ps,
                    &links,
                )
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn build_line(
        &mut self,
        items: &[Item],
        contents: &[Content],
        start: usize,
        end: usize,
        ratio: f32,
        hyphenated: bool,
        ps: &ParaStyle,
        links: &[String],
    ) -> SetLine {
        // The first line's indent is a box among the items.
        let mut x = 0.0;
        let mut notes = Vec::new();
        let mut line = LineRuns::default();
        for idx in start..end {
            match (&items[idx], &contents[idx]) {
                (Item::Box { .. }, Content::Pieces(pieces)) => {
                    for p in pieces {
                        if p.ts.superscript {
                            if let Ok(n) = p.shaped.text.parse::<u32>() {
                                notes.push(n);
                            }
                        }
                        line.place(p, x, || self.space_glyph(p.ts));
                        x += p.width;
                    }
                }
                (Item::Box { width }, _) => {
                    x += width;
                    line.gap_is_space = false;
                }
                (
                    Item::Glue {
                        width,
                        stretch,
                        shrink,
                    },
                    _,
                ) => {
                    x += width
                        + if ratio >= 0.0 {
                            ratio * stretch
                        } else {
                            ratio * shrink
                        };
                }
                (Item::Penalty { .. }, _) => {}
            }
        }
        if hyphenated {
            if let Some(Content::Break(Some(h))) = contents.get(end) {
                line.place(h, x, || self.space_glyph(h.ts));
                x += h.width;
            }
        }
        let mut decorations = line.decorations(links);
        let mut runs = line.runs;
        let width = x;
        let shift = match ps.align {
            Align::Center => (ps.measure - width).max(0.0) / 2.0,
            Align::Right => (ps.measure - width).max(0.0),
            _ => 0.0,
        };
        if shift > 0.0 {
            for r in &mut runs {
                r.x += shift;
            }
            decorations = decorations.iter().map(|d| d.shifted(shift)).collect();
        }
        SetLine {
            runs,
            width,
            notes,
            hyphenated,
            decorations,
        }
    }

    fn items(&mut self, runs: &[(String, TextStyle)], ps: &ParaStyle) -> (Vec<Item>, Vec<Content>) {
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
        for (text, ts) in runs {
            if text == "\n" {
                flush_word(self, &mut word, &mut items, &mut contents);
                push_forced_break(&mut items, &mut contents);
                continue;
            }
            let mut buf = String::new();
            for c in text.chars() {
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

    /// Hyphenation points of a word's letters (byte offsets), from the caches or the dictionary.
    fn hyphen_points(&mut self, core: &str) -> Vec<usize> {
        let Some(dict) = self.hyphenator else {
            return Vec::new();
        };
        if let Some(points) = self.breaks.get(core) {
            return points.to_vec();
        }
        let shared = self
            .shared
            .breaks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(core)
            .cloned();
        let points = shared.unwrap_or_else(|| {
            let points: Arc<[usize]> = dict.hyphenate(core).breaks.into();
            self.shared
                .breaks
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(core.to_string(), Arc::clone(&points));
            points
        });
        self.breaks.insert(core.to_string(), Arc::clone(&points));
        points.to_vec()
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

    /// Pushes one word: fragments between its breaks (see [`word_breaks`]),
    /// with break penalties between them. A fragment too wide for a line is
    /// broken further between its grapheme clusters.
    fn push_word(
        &mut self,
        word: &[(String, TextStyle)],
        ps: &ParaStyle,
        items: &mut Vec<Item>,
        contents: &mut Vec<Content>,
    ) {
        let full: String = word.iter().map(|(t, _)| t.as_str()).collect();
        // Code is never hyphenated (its hyphens and slashes still break).
        let hyphenate = ps.hyphenate && !word.iter().any(|(_, ts)| ts.style == Style::Mono);
        let breaks = word_breaks(&full, |core| {
            if hyphenate {
                self.hyphen_points(core)
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
        // The first word of an indented paragraph shares its line with the indent.
        let mut lead = match items.as_slice() {
            [Item::Box { width }] => *width,
            _ => 0.0,
        };
        let first_lead = lead;
        let breaks = prefer_dashes(full.len(), breaks, |from, to| {
            let width: f32 = self
                .pieces(&full, &runs, from, to)
                .iter()
                .map(|p| p.width)
                .sum();
            (if from == 0 { first_lead } else { 0.0 }) + width <= ps.measure
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
                            penalty: 50.0,
                            flagged: true,
                        },
                        Content::Break(Some(h)),
                    )
                }
                BreakKind::HardHyphen => (
                    Item::Penalty {
                        width: 0.0,
                        penalty: 50.0,
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
            if lead + width + hyphen > ps.measure {
                self.push_emergency(&full, &runs, from, to, items, contents);
            } else {
                items.push(Item::Box { width });
                contents.push(Content::Pieces(pieces));
            }
            if let Some((item, content)) = after {
                items.push(item);
                contents.push(content);
            }
            lead = 0.0;
            from = to;
        }
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
        for (at, cluster) in word
            .grapheme_indices(true)
            .filter(|(at, _)| (from..to).contains(at))
        {
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
            contents.push(Content::Pieces(pieces));
            prev = Some(cluster);
        }
    }
}

/// Ends a line (or the paragraph): no break before the finishing glue, which
/// fills the rest of the line, then a forced break.
fn push_forced_break(items: &mut Vec<Item>, contents: &mut Vec<Content>) {
    items.push(Item::Penalty {
        width: 0.0,
        penalty: INFINITY_PENALTY,
        flagged: false,
    });
    contents.push(Content::Nothing);
    items.push(Item::Glue {
        width: 0.0,
        stretch: 1e5,
        shrink: 0.0,
    });
    contents.push(Content::Nothing);
    items.push(Item::Penalty {
        width: 0.0,
        penalty: -INFINITY_PENALTY,
        flagged: false,
    });
    contents.push(Content::Break(None));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setter() -> (Fonts,) {
        (Fonts::load(None).unwrap(),)
    }

    #[test]
    fn lines_fit_the_measure_and_keep_all_text() {
        let (fonts,) = setter();
        let mut s = Setter::new(&fonts, "en");
        let text = "Knowledge of the past is essential to any movement that wants to transform the present, and organizations that forget their histories repeat their mistakes with remarkable consistency.";
        let ps = ParaStyle {
            measure: 150.0,
            indent: 10.0,
            align: Align::Justify,
            hyphenate: true,
        };
        let lines = s.set(
            &[Inline::Text(text.into())],
            TextStyle::new(Style::Regular, 10.0),
            &ps,
        );
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(l.width <= 150.0 + 0.01, "line too wide: {}", l.width);
        }
        let joined: String = lines
            .iter()
            .map(|l| {
                let t: String = l
                    .runs
                    .iter()
                    .map(|r| r.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if l.hyphenated {
                    t.trim_end_matches('-').to_string()
                } else {
                    t + " "
                }
            })
            .collect();
        let words: Vec<&str> = joined.split_whitespace().collect();
        assert_eq!(words.join(" "), text);
    }

    #[test]
    fn a_long_word_is_broken_not_overflowing() {
        let (fonts,) = setter();
        let mut s = Setter::new(&fonts, "en");
        let ps = ParaStyle {
            measure: 40.0,
            indent: 0.0,
            align: Align::Justify,
            hyphenate: true,
        };
        let lines = s.set(
            &[Inline::Text(
                "https://example.org/averyveryverylongpath".into(),
            )],
            TextStyle::new(Style::Regular, 10.0),
            &ps,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 40.01));
    }

    fn texts(lines: &[SetLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                l.runs
                    .iter()
                    .map(|r| r.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn an_em_dash_chain_breaks_after_its_dashes() {
        let (fonts,) = setter();
        let mut s = Setter::new(&fonts, "en");
        let text = "They said it was over—finished—done—gone—forgotten—buried—ended—and yet here we are again.";
        for measure in [70.0, 90.0, 120.0, 150.0, 300.0] {
            let ps = ParaStyle {
                measure,
                indent: 10.0,
                align: Align::Justify,
                hyphenate: true,
            };
            let lines = s.set(
                &[Inline::Text(text.into())],
                TextStyle::new(Style::Regular, 10.0),
                &ps,
            );
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
        let (fonts,) = setter();
        let mut s = Setter::new(&fonts, "en");
        let word = format!(
            "{}{}{}",
            "👍🏽".repeat(12),
            "e\u{301}".repeat(30),
            "ق".repeat(20)
        );
        for measure in [8.0, 25.0, 40.0] {
            let ps = ParaStyle {
                measure,
                indent: 0.0,
                align: Align::Left,
                hyphenate: true,
            };
            let lines = s.set(
                &[Inline::Text(word.clone())],
                TextStyle::new(Style::Regular, 10.0),
                &ps,
            );
            assert!(lines.len() > 1);
            for (l, t) in lines.iter().zip(texts(&lines)) {
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
            assert_eq!(texts(&lines).concat(), word);
        }
    }

    #[test]
    fn words_joined_by_no_break_spaces_break_there_only_when_they_must() {
        let (fonts,) = setter();
        let mut s = Setter::new(&fonts, "en");
        let ps = ParaStyle {
            measure: 60.0,
            indent: 0.0,
            align: Align::Justify,
            hyphenate: true,
        };
        let short = s.set(
            &[Inline::Text(
                "see p.\u{a0}12 and more words here to fill the lines".into(),
            )],
            TextStyle::new(Style::Regular, 10.0),
            &ps,
        );
        assert!(
            texts(&short).iter().all(|t| !t.ends_with("p.")),
            "{:?}",
            texts(&short)
        );
        let long = s.set(
            &[Inline::Text(
                "one\u{a0}two\u{a0}three\u{a0}four\u{a0}five\u{a0}six".into(),
            )],
            TextStyle::new(Style::Regular, 10.0),
            &ps,
        );
        assert!(
            long.len() > 1 && long.iter().all(|l| l.width <= 60.01),
            "{:?}",
            texts(&long)
        );
    }

    #[test]
    fn note_refs_are_recorded_per_line() {
        let (fonts,) = setter();
        let mut s = Setter::new(&fonts, "en");
        let ps = ParaStyle {
            measure: 300.0,
            indent: 0.0,
            align: Align::Left,
            hyphenate: false,
        };
        let lines = s.set(
            &[Inline::Text("A claim.".into()), Inline::NoteRef(3)],
            TextStyle::new(Style::Regular, 10.0),
            &ps,
        );
        assert_eq!(lines[0].notes, vec![3]);
    }
}
