//! Shaped words and hyphenation points, cached per setter and shared by the
//! setters of one zine: each word is shaped and hyphenated once.

use super::{Piece, Setter, TextStyle};
use crate::typeset::fonts::{ShapedGlyph, Shaping, Style};
use crate::typeset::itemize::RunKey;
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

/// Shaping and hyphenation results shared by the setters of one zine's
/// layouts, which may run on several threads: each word is shaped and
/// hyphenated once per zine, whatever the number of layouts.
#[derive(Default)]
pub struct WordCache {
    shapes: Mutex<ShapeTable>,
    breaks: Mutex<HashMap<String, Arc<[usize]>>>,
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
        let language = self.shaping_language.clone();
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
}
