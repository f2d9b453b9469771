//! Setting one paragraph: inline content to boxes, glue and penalties (with
//! hyphenation points), Knuth-Plass breaking, and lines of positioned glyph runs.
//! The steps live in the submodules: `cache` shapes and hyphenates words
//! once, `items` turns text into the breaker's items, `line` sets a chosen
//! line.

mod cache;
mod items;
mod line;

pub use cache::{Shaped, WordCache};
pub(super) use line::Part;

use super::fonts::{FaceId, Fonts, Style};
use super::hyphenate::dictionary_for;
use super::itemize::{itemize, Context, RunKey};
use super::linebreak::{break_lines_hanging, Params};
use super::microtype::{self, Hangs, Typography};
use super::page::GlyphRun;
use super::restraint;
use super::runs::{flatten, Decoration};
use crate::document::Inline;
use crate::lang::{Locale, Locales};
use cache::ShapeTable;
use hyphenation::Standard;
use line::{item_edges, line_totals};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub style: Style,
    pub small_caps: bool,
    pub size: f32,
    /// Raised and smaller (note references).
    pub superscript: bool,
    /// Face, direction and script, set by the itemizer.
    pub run: RunKey,
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
            run: RunKey::default(),
            rise: 0.0,
            strike: false,
            underline: false,
            link: None,
        }
    }

    /// The face this text is set in.
    pub fn face(&self) -> FaceId {
        FaceId {
            family: self.run.family,
            style: self.style,
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

impl ParaStyle {
    /// Lines that start flush and are never hyphenated: headings, captions,
    /// attributions, running text of covers and tables.
    pub fn unhyphenated(measure: f32, align: Align) -> ParaStyle {
        ParaStyle {
            measure,
            indent: 0.0,
            align,
            hyphenate: false,
        }
    }
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
    /// Shared, so that a word set again takes its pieces without copying them.
    Pieces(Arc<[Piece]>),
    Space,
    /// Room between two characters of text without word spaces, where the
    /// line may break and stretch; no space character.
    Gap,
    /// A break; when taken, the piece (a hyphen) ends the line.
    Break(Option<Piece>),
    Nothing,
}

/// State for setting many paragraphs: fonts, and caches of shaped text and
/// hyphenation points (its own, in front of a [`WordCache`] it may share).
pub struct Setter<'a> {
    pub fonts: &'a Fonts,
    /// Looked up without allocating or locking.
    cache: ShapeTable,
    /// The hyphenation patterns, loaded when a word is first hyphenated
    /// (a cover's or an EPUB-only build's setter never hyphenates).
    hyphenator: std::cell::OnceCell<Option<&'static Standard>>,
    /// Hyphenation points per word.
    breaks: HashMap<String, Arc<[usize]>>,
    shared: Arc<WordCache>,
    /// Font expansion and protrusion of justified lines (off unless a layout sets them).
    pub typography: Typography,
    /// The language: direction, word spaces, hyphenation, fallback fonts.
    pub locale: Arc<Locale>,
    /// The zine's language tag, as written.
    lang: String,
    shaping_language: Option<rustybuzz::Language>,
    /// The families text was shaped in so far (0: the book's own).
    used: std::collections::BTreeSet<u16>,
}

impl<'a> Setter<'a> {
    pub fn new(fonts: &'a Fonts, language: &str) -> Self {
        Setter::sharing(fonts, language, Arc::default())
    }

    /// A setter that shares shaped words and hyphenation points through
    /// `shared`, with the built-in data of `language`.
    pub fn sharing(fonts: &'a Fonts, language: &str, shared: Arc<WordCache>) -> Self {
        Setter::with_locale(
            fonts,
            Arc::new(Locales::built_in().resolve(language).locale),
            language,
            shared,
        )
    }

    /// A setter for text in language `lang` whose data is `locale`.
    pub fn with_locale(
        fonts: &'a Fonts,
        locale: Arc<Locale>,
        lang: &str,
        shared: Arc<WordCache>,
    ) -> Self {
        let shaping_language = lang.parse().ok();
        let used = std::collections::BTreeSet::from([0]);
        Setter {
            fonts,
            cache: HashMap::default(),
            hyphenator: std::cell::OnceCell::new(),
            breaks: HashMap::default(),
            shared,
            typography: Typography::OFF,
            locale,
            lang: lang.to_string(),
            shaping_language,
            used,
        }
    }

    /// A setter with the same settings and shared tables, to set text on
    /// another thread; [`Setter::absorb`] takes back what it noted.
    pub fn fork(&self) -> Setter<'a> {
        let mut other = Setter::with_locale(
            self.fonts,
            Arc::clone(&self.locale),
            &self.lang,
            Arc::clone(&self.shared),
        );
        other.typography = self.typography;
        other
    }

    /// Takes in the families a fork of this setter set text in.
    pub fn absorb(&mut self, other: Setter<'a>) {
        self.used.extend(other.used);
    }

    /// The families text was set in so far, the book's own first, then by number.
    pub fn families_used(&self) -> Vec<u16> {
        self.used.iter().copied().collect()
    }

    /// The paragraph level: 1 for a language written right to left.
    fn base_level(&self) -> u8 {
        u8::from(self.locale.is_rtl())
    }

    /// Splits styled text into runs of one face, direction and script.
    fn itemize(&self, runs: Vec<(String, TextStyle)>) -> Vec<(String, TextStyle)> {
        itemize(
            runs,
            &Context {
                fonts: self.fonts,
                locale: &self.locale,
                lang: &self.lang,
            },
        )
    }

    /// Width of text in a style, in points.
    pub fn measure_text(&mut self, ts: TextStyle, text: &str) -> f32 {
        self.shape(ts, text).width
    }

    /// A single unbroken run of text in one face (a folio, a list marker, a
    /// letter); the first face it needs is used for all of it.
    pub fn line(&mut self, ts: TextStyle, text: &str) -> GlyphRun {
        let ts = self
            .itemize(vec![(text.to_string(), ts)])
            .first()
            .map(|(_, t)| *t)
            .unwrap_or(ts);
        let p = self.shape(ts, text);
        GlyphRun {
            x: 0.0,
            y: 0.0,
            face: ts.face(),
            size: ts.size,
            glyphs: p.shaped.glyphs.clone(),
            text: p.shaped.text.clone(),
            tag: Default::default(),
            hscale: 1.0,
        }
    }

    /// A single unbroken line of text in whatever faces and directions it
    /// needs (running heads, titles of the contents), from x = 0.
    pub fn line_set(&mut self, ts: TextStyle, text: &str) -> SetLine {
        let runs = self.itemize(vec![(text.to_string(), ts)]);
        if let [(_, only)] = runs.as_slice() {
            if only.run == RunKey::default() && !self.locale.is_rtl() {
                let run = self.line(ts, text);
                return SetLine {
                    width: run.width(),
                    runs: vec![run],
                    notes: Vec::new(),
                    hyphenated: false,
                    decorations: Vec::new(),
                };
            }
        }
        let ps = ParaStyle::unhyphenated(f32::MAX, Align::Left);
        let (items, contents) = self.items(&runs, &ps);
        // Up to (not into) the finishing glue and break.
        let end = items.len().saturating_sub(3);
        self.build_line(&items, &contents, 0, end, 0.0, false, &ps, &[], (1.0, 0.0))
    }

    /// Sets inline content into lines.
    pub fn set(&mut self, content: &[Inline], base: TextStyle, ps: &ParaStyle) -> Vec<SetLine> {
        let (runs, links) = flatten(content, base);
        let runs = self.itemize(runs);
        let (items, contents) = self.items(&runs, ps);
        if items.len() <= 3 {
            return Vec::new();
        }
        let justify = ps.align == Align::Justify;
        let typo = if justify {
            self.typography
        } else {
            Typography::OFF
        };
        let params = Params {
            ragged_stretch: if justify { 0.0 } else { ps.measure * 0.5 },
            expansion: typo.expansion,
            ..restraint_params()
        };
        let hangs = if typo.protrusion {
            let (edges, hyphens) = item_edges(&contents);
            microtype::hangs(&items, &edges, &hyphens)
        } else {
            Hangs::default()
        };
        let lines = break_lines_hanging(&items, ps.measure, &params, &hangs);
        let count = lines.len();
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let last = i + 1 == count;
                let stretch = justify && !last;
                let (scale, ratio) = if typo == Typography::OFF {
                    (1.0, if stretch { l.ratio } else { l.ratio.min(0.0) })
                } else {
                    let totals = line_totals(&items, &contents, l.start, l.end, l.hyphenated);
                    let target = ps.measure + l.hang_left + l.hang_right;
                    microtype::fit(l.ratio, typo.expansion, &totals, target, stretch)
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
                    (scale, l.hang_left),
                )
            })
            .collect()
    }
}

/// The breaker's parameters with the hyphenation restraint's costs.
fn restraint_params() -> Params {
    Params {
        double_hyphen_demerits: restraint::DOUBLE_HYPHEN_DEMERITS,
        final_hyphen_demerits: restraint::FINAL_HYPHEN_DEMERITS,
        ..Params::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The book's fonts.
    pub(super) fn fonts() -> Fonts {
        Fonts::load(None).unwrap()
    }

    /// A paragraph style `measure` wide with a first-line `indent`.
    pub(super) fn para(measure: f32, indent: f32, align: Align, hyphenate: bool) -> ParaStyle {
        ParaStyle {
            measure,
            indent,
            align,
            hyphenate,
        }
    }

    /// Plain `text` set in 10 pt roman with `ps`.
    pub(super) fn set_text(s: &mut Setter, text: &str, ps: &ParaStyle) -> Vec<SetLine> {
        s.set(
            &[Inline::Text(text.into())],
            TextStyle::new(Style::Regular, 10.0),
            ps,
        )
    }

    /// The text of each line, its runs joined by spaces.
    pub(super) fn texts(lines: &[SetLine]) -> Vec<String> {
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
    fn lines_fit_the_measure_and_keep_all_text() {
        let fonts = fonts();
        let mut s = Setter::new(&fonts, "en");
        let text = "Knowledge of the past is essential to any movement that wants to transform the present, and organizations that forget their histories repeat their mistakes with remarkable consistency.";
        let lines = set_text(&mut s, text, &para(150.0, 10.0, Align::Justify, true));
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(l.width <= 150.0 + 0.01, "line too wide: {}", l.width);
        }
        let joined: String = texts(&lines)
            .into_iter()
            .zip(&lines)
            .map(|(t, l)| {
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
}
