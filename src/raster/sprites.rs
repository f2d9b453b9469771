//! Glyph sprites shared by the canvases of one build: the folding guides of a
//! library's layouts set the same words at the same sizes, and filling a
//! glyph's outline (about 65,000 instructions) is most of drawing their text.

use super::GlyphKey;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tiny_skia::Mask;

/// A glyph's coverage and the offset of its top left from the glyph's origin;
/// `None` for a glyph too big to allocate.
pub(super) type Sprite = Arc<Option<(i32, i32, Mask)>>;

/// Sprites by glyph, exact scale (its bits) and quarter-pixel offset: a
/// canvas finding one here gets the mask it would have filled itself.
#[derive(Default)]
pub struct SpriteStore {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    sprites: HashMap<(GlyphKey, u32, u8), Sprite>,
    bytes: usize,
}

impl SpriteStore {
    /// Masks kept in all, in bytes: a guide's text takes a few hundred
    /// kilobytes; beyond this, sprites are made and not kept.
    const MAX_BYTES: usize = 2 << 20;

    /// The sprite of `glyph` at `scale` and `quarter`, made by `make` unless
    /// kept.
    pub(super) fn get(
        &self,
        glyph: GlyphKey,
        scale: f32,
        quarter: u8,
        make: impl FnOnce() -> Option<(i32, i32, Mask)>,
    ) -> Sprite {
        let key = (glyph, scale.to_bits(), quarter);
        let lock = || self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sprite) = lock().sprites.get(&key) {
            return Arc::clone(sprite);
        }
        // Filled without the lock: other threads draw their guides meanwhile.
        let sprite: Sprite = Arc::new(make());
        let size = sprite.as_ref().as_ref().map_or(0, |(.., m)| m.data().len());
        let mut kept = lock();
        if kept.bytes + size <= Self::MAX_BYTES {
            kept.bytes += size;
            return Arc::clone(kept.sprites.entry(key).or_insert(sprite));
        }
        sprite
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::fonts::Style;

    fn mask(w: u32) -> Option<(i32, i32, Mask)> {
        Some((0, 0, Mask::new(w, 1)?))
    }

    #[test]
    fn a_sprite_is_made_once_per_exact_scale_and_quarter() {
        let store = SpriteStore::default();
        let glyph = (0, Style::Regular, 7);
        let mut made = 0;
        for (scale, quarter) in [(0.5, 0), (0.5, 0), (0.5, 1), (0.500_001, 0), (0.5, 0)] {
            store.get(glyph, scale, quarter, || {
                made += 1;
                mask(3)
            });
        }
        assert_eq!(made, 3);
    }

    #[test]
    fn sprites_past_the_budget_are_made_and_not_kept() {
        let store = SpriteStore::default();
        let big = SpriteStore::MAX_BYTES as u32;
        let mut made = 0;
        for _ in 0..2 {
            let s = store.get((0, Style::Regular, 1), 1.0, 0, || {
                made += 1;
                mask(big + 1)
            });
            assert!(s.is_some());
        }
        assert_eq!(made, 2);
    }
}
