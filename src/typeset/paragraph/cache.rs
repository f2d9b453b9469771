//! Shaped words, hyphenation points and words' items, shared by the
//! setters of one zine: each word is shaped, hyphenated and set once.

use super::{Content, Piece, Setter, TextStyle};
use crate::typeset::fonts::{ShapedGlyph, Shaping, Style};
use crate::typeset::itemize::RunKey;
use crate::typeset::linebreak::Item;
use hyphenation::Hyphenator;
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex};

/// Text with its glyphs, shared between the cache and every piece that shows it.
#[derive(Debug)]
pub struct Shaped {
    pub text: String,
    pub glyphs: Vec<ShapedGlyph>,
    /// Width in em.
    em: f32,
}

/// Shaped text per (style, small caps, face and direction), in em, by text.
pub(super) type ShapeTable = HashMap<(Style, bool, RunKey), HashMap<String, Arc<Shaped>>>;

/// What a one-style word's items depend on besides its text: its style,
/// whether the paragraph hyphenates, the measure and the indent it shares
/// its line with (all `f32`s by their bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct WordKey {
    style: Style,
    small_caps: bool,
    superscript: bool,
    strike: bool,
    underline: bool,
    run: RunKey,
    link: Option<u16>,
    size: u32,
    rise: u32,
    measure: u32,
    lead: u32,
    hyphenate: bool,
}

impl WordKey {
    pub(super) fn new(ts: &TextStyle, hyphenate: bool, measure: f32, lead: f32) -> WordKey {
        WordKey {
            style: ts.style,
            small_caps: ts.small_caps,
            superscript: ts.superscript,
            strike: ts.strike,
            underline: ts.underline,
            run: ts.run,
            link: ts.link,
            size: ts.size.to_bits(),
            rise: ts.rise.to_bits(),
            measure: measure.to_bits(),
            lead: lead.to_bits(),
            hyphenate,
        }
    }
}

impl WordKey {
    /// The key without its measure, for words shared between measures.
    fn any_measure(self) -> WordKey {
        WordKey { measure: 0, ..self }
    }
}

/// A word's items and what they stand for, as `push_word` made them.
pub(super) type WordItems = Arc<(Box<[Item]>, Box<[Content]>)>;

/// The measures a word's items hold for: setting a word compares widths
/// with the measure (does a part between dashes fit, is a fragment wider
/// than a line), and the same answers give the same items. Any measure
/// from `lo` (the widest width that fitted) up to but not including `hi`
/// (the narrowest that did not) answers every comparison alike.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fit {
    lo: f32,
    hi: f32,
    /// A width that was not a number: nothing is shared.
    odd: bool,
}

impl Fit {
    pub(super) fn new() -> Fit {
        Fit {
            lo: f32::NEG_INFINITY,
            hi: f32::INFINITY,
            odd: false,
        }
    }

    /// Whether `width` fits in `measure` (`width <= measure`), noted.
    pub(super) fn fits(&mut self, width: f32, measure: f32) -> bool {
        self.odd |= width.is_nan();
        let fits = width <= measure;
        if fits {
            self.lo = self.lo.max(width);
        } else {
            self.hi = self.hi.min(width);
        }
        fits
    }

    /// Whether `width` is wider than `measure` (`width > measure`), noted.
    pub(super) fn over(&mut self, width: f32, measure: f32) -> bool {
        if width.is_nan() {
            self.odd = true;
            return width > measure;
        }
        !self.fits(width, measure)
    }

    /// Whether every comparison noted answers the same at `measure`.
    fn holds(&self, measure: f32) -> bool {
        !self.odd && self.lo <= measure && measure < self.hi
    }
}

/// Shaping and hyphenation results shared by the setters of one zine's
/// layouts, which may run on several threads: each word is shaped and
/// hyphenated once per zine, whatever the number of layouts, and a
/// one-style word's items are made once per style, hyphenation and indent
/// for all the measures they hold for (the two booklets of a zine set the
/// same words at the same size on measures a few points apart).
#[derive(Default)]
pub struct WordCache {
    shapes: Mutex<ShapeTable>,
    breaks: Mutex<HashMap<String, Arc<[usize]>>>,
    words: Mutex<HashMap<WordKey, HashMap<String, Made>>>,
}

/// A word's items, each with the measures it holds for: one for most
/// words (kept without a vector of its own, since the table lives as long
/// as the zine's build).
enum Made {
    One(Fit, WordItems),
    Many(Vec<(Fit, WordItems)>),
}

impl Made {
    /// The items holding for `measure`.
    fn at(&self, measure: f32) -> Option<&WordItems> {
        match self {
            Made::One(fit, items) => fit.holds(measure).then_some(items),
            Made::Many(all) => all
                .iter()
                .find(|(fit, _)| fit.holds(measure))
                .map(|(_, items)| items),
        }
    }

    /// Adds items holding for other measures.
    fn add(&mut self, fit: Fit, items: WordItems) {
        match self {
            Made::One(..) => {
                let Made::One(f, i) = std::mem::replace(self, Made::Many(Vec::new())) else {
                    return;
                };
                *self = Made::Many(vec![(f, i), (fit, items)]);
            }
            Made::Many(all) => all.push((fit, items)),
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        match self {
            Made::One(..) => 1,
            Made::Many(all) => all.len(),
        }
    }
}

impl WordCache {
    /// The items of `text` made with `key` on a measure they hold for.
    pub(super) fn word(&self, key: WordKey, text: &str) -> Option<WordItems> {
        let measure = f32::from_bits(key.measure);
        let words = self.words.lock().unwrap_or_else(|e| e.into_inner());
        let made = words.get(&key.any_measure())?.get(text)?;
        made.at(measure).cloned()
    }

    /// Keeps the items of `text` made with `key`, for the measures `fit` allows.
    pub(super) fn keep_word(&self, key: WordKey, text: &str, fit: Fit, items: WordItems) {
        if fit.odd || !fit.holds(f32::from_bits(key.measure)) {
            return;
        }
        let mut words = self.words.lock().unwrap_or_else(|e| e.into_inner());
        let by_text = words.entry(key.any_measure()).or_default();
        match by_text.get_mut(text) {
            None => {
                by_text.insert(text.to_string(), Made::One(fit, items));
            }
            // Another thread set it meanwhile, for this measure.
            Some(made) if made.at(f32::from_bits(key.measure)).is_some() => {}
            Some(made) => made.add(fit, items),
        }
    }
}

impl Setter<'_> {
    /// `text` shaped in style `ts`, from the caches or the font.
    pub(super) fn shape(&mut self, ts: TextStyle, text: &str) -> Piece {
        let fonts = self.fonts;
        let key = (ts.style, ts.small_caps, ts.run);
        self.used.insert(ts.run.family);
        let how = Shaping {
            rtl: ts.run.rtl(),
            script: ts.run.script,
        };
        let language = &self.shaping_language;
        let by_style = self.cache.entry(key).or_default();
        let shaped = match by_style.get(text) {
            Some(hit) => Arc::clone(hit),
            None => {
                let shared = self
                    .shared
                    .shapes
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(&key)
                    .and_then(|t| t.get(text))
                    .cloned();
                let shaped = shared.unwrap_or_else(|| {
                    let glyphs =
                        fonts.shape_with(ts.face(), ts.small_caps, how, language.as_ref(), text);
                    let em: f32 = glyphs.iter().map(|g| g.advance).sum();
                    let shaped = Arc::new(Shaped {
                        text: text.to_string(),
                        glyphs,
                        em,
                    });
                    let mut table = self.shared.shapes.lock().unwrap_or_else(|e| e.into_inner());
                    table
                        .entry(key)
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

    /// The space glyph of a style, in em.
    pub(super) fn space_glyph(&mut self, ts: TextStyle) -> Option<ShapedGlyph> {
        let space = self.shape(ts, " ");
        match space.shaped.glyphs.as_slice() {
            [g] => Some(g.clone()),
            _ => None,
        }
    }

    /// Hyphenation points of a word's letters (byte offsets), from the caches or the dictionary.
    pub(super) fn hyphen_points(&mut self, core: &str) -> Vec<usize> {
        let Some(dict) = *self
            .hyphenator
            .get_or_init(|| super::dictionary_for(&self.locale))
        else {
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fonts, para, set_text, texts};
    use super::super::{Align, SetLine};
    use super::*;

    #[test]
    fn a_fit_holds_between_the_widest_fitting_and_the_narrowest_overflowing_width() {
        let mut fit = Fit::new();
        assert!(fit.holds(1.0) && fit.holds(1e9), "nothing compared yet");
        assert!(fit.fits(30.0, 100.0));
        assert!(fit.over(120.0, 100.0));
        assert!(!fit.over(50.0, 100.0));
        assert!(fit.holds(50.0) && fit.holds(100.0) && fit.holds(119.9));
        assert!(!fit.holds(49.9), "50 would no longer fit");
        assert!(!fit.holds(120.0), "120 would fit");
        let mut odd = Fit::new();
        assert!(!odd.over(f32::NAN, 100.0), "NaN is not wider, as `>` says");
        assert!(!odd.holds(100.0), "a NaN width is never shared");
    }

    fn lines(lines: &[SetLine]) -> Vec<(String, u32)> {
        texts(lines)
            .into_iter()
            .zip(lines.iter().map(|l| l.width.to_bits()))
            .collect()
    }

    fn variants(cache: &WordCache) -> usize {
        let words = cache.words.lock().unwrap();
        words.values().flat_map(|t| t.values()).map(Made::len).sum()
    }

    #[test]
    fn setters_sharing_words_set_the_lines_a_setter_alone_sets() {
        let fonts = fonts();
        let text = "They said it was over—finished—done—gone—and yet https://example.org/averyveryverylongpath is here again, remarkably unchanged.";
        let shared = Arc::new(WordCache::default());
        let measures = [300.0, 280.0, 120.0, 90.0, 70.0, 40.0, 280.0];
        let mut before = 0;
        for (i, measure) in measures.into_iter().enumerate() {
            let ps = para(measure, 10.0, Align::Justify, true);
            let mut alone = Setter::new(&fonts, "en");
            let mut sharing = Setter::sharing(&fonts, "en", Arc::clone(&shared));
            assert_eq!(
                lines(&set_text(&mut sharing, text, &ps)),
                lines(&set_text(&mut alone, text, &ps)),
                "measure {measure}"
            );
            assert_eq!(sharing.families_used(), alone.families_used());
            let now = variants(&shared);
            match i {
                0 => assert!(now > 10, "the words are kept"),
                // 280 points: every word fits as at 300, and is taken as it was.
                1 => assert_eq!(now, before, "measure {measure}"),
                // 40 points: the long word no longer fits, and is set again.
                5 => assert!(now > before, "measure {measure}"),
                _ => {}
            }
            before = now;
        }
    }
}
