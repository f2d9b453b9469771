//! Microtypography of justified lines: font expansion (a small horizontal
//! scaling of a line's glyphs, which the line breaker counts as stretch and
//! shrink) and character protrusion (punctuation hanging into the margins, so
//! the text block looks straight to the eye).
//!
//! A layout sets both in its `[typography]` table:
//!
//! ```toml
//! [typography]
//! expansion = 0.02   # each line's glyphs may be 2% wider or narrower (0 turns it off)
//! protrusion = true  # hang punctuation into the margins
//! ```

use super::linebreak::Item;
use serde::Deserialize;

/// The largest font expansion a layout may ask for (5%): more distorts the letters.
pub const MAX_EXPANSION: f32 = 0.05;

/// A layout's `[typography]` table.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Typography {
    /// Largest horizontal scaling of a justified line's glyphs, as a share
    /// (0.02: from 98% to 102%).
    pub expansion: f32,
    /// Hang punctuation into the margins (optical margin alignment).
    pub protrusion: bool,
}

impl Default for Typography {
    fn default() -> Self {
        Typography {
            expansion: 0.02,
            protrusion: true,
        }
    }
}

impl Typography {
    /// No expansion, no protrusion: lines as plain Knuth-Plass sets them.
    pub const OFF: Typography = Typography {
        expansion: 0.0,
        protrusion: false,
    };

    /// Checks the numbers; the message names the key.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=MAX_EXPANSION).contains(&self.expansion) {
            return Err(format!(
                "typography.expansion = {} is out of range; use 0 (off) to {MAX_EXPANSION} (0.02 is 2%)",
                self.expansion
            ));
        }
        Ok(())
    }
}

/// How far a character hangs into the left and the right margin, as a share
/// of its own advance, by class: full stops and commas, ellipses, colons and
/// semicolons, hyphens, dashes, quotes, brackets.
pub fn protrusion(c: char) -> (f32, f32) {
    match c {
        '.' | ',' => (0.0, 0.6),
        // An ellipsis hangs about its last dot, not three fifths of three.
        '…' => (0.0, 0.2),
        ':' | ';' => (0.0, 0.4),
        '!' | '?' => (0.0, 0.2),
        '-' | '\u{2010}' | '\u{00ad}' => (0.0, 0.6),
        '–' => (0.2, 0.4),
        '—' => (0.15, 0.25),
        '‘' | '“' | '„' | '‚' | '«' => (0.6, 0.0),
        '’' | '”' | '»' => (0.0, 0.6),
        '\'' | '"' => (0.5, 0.5),
        '(' | '[' => (0.1, 0.0),
        ')' | ']' => (0.0, 0.1),
        _ => (0.0, 0.0),
    }
}

/// What the breaker and the line builder need to know of an item's edges:
/// its first and last characters with their advances in points.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Edges {
    pub first: Option<(char, f32)>,
    pub last: Option<(char, f32)>,
}

/// The hangs of a paragraph's items: `left[i]` is how far a line starting
/// with item `i` may reach into the left margin, `right[i]` how far a line
/// ending at break `i` may reach into the right one. `edges[i]` are the
/// edges of item `i`; `hyphen[i]` those of the hyphen a break at `i` adds.
pub fn hangs(items: &[Item], edges: &[Edges], hyphen: &[Option<(char, f32)>]) -> Hangs {
    let hang = |e: Option<(char, f32)>, right: bool| {
        e.map_or(0.0, |(c, w)| {
            let (l, r) = protrusion(c);
            w * if right { r } else { l }
        })
    };
    let mut left = vec![0.0; items.len()];
    let mut right = vec![0.0; items.len()];
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Box { .. } => left[i] = hang(edges.get(i).and_then(|e| e.first), false),
            Item::Glue { .. } | Item::Penalty { .. } => {
                right[i] = match hyphen.get(i).copied().flatten() {
                    Some(h) if matches!(item, Item::Penalty { .. }) => hang(Some(h), true),
                    _ => {
                        // The line ends with the box before the break.
                        let before = (0..i).rev().find(|&j| matches!(items[j], Item::Box { .. }));
                        before.map_or(0.0, |j| hang(edges.get(j).and_then(|e| e.last), true))
                    }
                }
            }
        }
    }
    Hangs { left, right }
}

/// Per-item hangs into the margins (see [`hangs`]); empty when protrusion is off.
#[derive(Debug, Clone, Default)]
pub struct Hangs {
    pub left: Vec<f32>,
    pub right: Vec<f32>,
}

impl Hangs {
    pub fn left(&self, i: usize) -> f32 {
        self.left.get(i).copied().unwrap_or(0.0)
    }
    pub fn right(&self, i: usize) -> f32 {
        self.right.get(i).copied().unwrap_or(0.0)
    }
}

/// A line's widths before it is set: text that may be expanded, other boxes,
/// and its glue with the glue's stretch and shrink.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LineTotals {
    pub text: f32,
    pub other: f32,
    pub glue: f32,
    pub stretch: f32,
    pub shrink: f32,
}

/// How a justified line is set at `target` width: the horizontal scale of
/// its text (1 ± at most `limit`) and the ratio of its glue. The breaker's
/// `ratio` spreads the adjustment over glue and expansion alike; expansion
/// takes its part up to the limit, the glue the rest, so the line is exactly
/// `target` wide whenever its glue can give that. `stretch` false (a
/// paragraph's last line) only lets an overfull line shrink.
pub fn fit(ratio: f32, limit: f32, t: &LineTotals, target: f32, stretch: bool) -> (f32, f32) {
    let r = if stretch { ratio } else { ratio.min(0.0) };
    let scale = 1.0 + r.clamp(-1.0, 1.0) * limit;
    if !stretch && r >= 0.0 {
        return (1.0, 0.0);
    }
    let rest = target - t.text * scale - t.other - t.glue;
    let glue_ratio = if rest >= 0.0 {
        if t.stretch > 0.0 {
            rest / t.stretch
        } else {
            0.0
        }
    } else if t.shrink > 0.0 {
        (rest / t.shrink).max(-1.0)
    } else {
        0.0
    };
    let glue_ratio = if stretch {
        glue_ratio
    } else {
        glue_ratio.min(0.0)
    };
    (scale, glue_ratio)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_fills_its_target_with_expansion_within_the_limit() {
        let t = LineTotals {
            text: 200.0,
            other: 10.0,
            glue: 30.0,
            stretch: 15.0,
            shrink: 10.0,
        };
        for (ratio, target) in [(0.5, 245.0), (-0.6, 235.0), (1.8, 255.0), (0.0, 240.0)] {
            let (scale, g) = fit(ratio, 0.02, &t, target, true);
            assert!((0.98..=1.02).contains(&scale), "{scale}");
            let width = t.text * scale
                + t.other
                + t.glue
                + if g >= 0.0 {
                    g * t.stretch
                } else {
                    g * t.shrink
                };
            assert!((width - target).abs() < 1e-3, "ratio {ratio}: {width}");
        }
        // No expansion asked: the glue does it all.
        assert_eq!(fit(0.5, 0.0, &t, 245.0, true), (1.0, 1.0 / 3.0));
    }

    #[test]
    fn a_last_line_is_only_ever_shrunk() {
        let t = LineTotals {
            text: 100.0,
            glue: 10.0,
            stretch: 5.0,
            shrink: 3.0,
            ..Default::default()
        };
        assert_eq!(fit(0.7, 0.02, &t, 300.0, false), (1.0, 0.0));
        let (scale, g) = fit(-0.5, 0.02, &t, 108.0, false);
        assert!(scale < 1.0 && g <= 0.0);
    }

    #[test]
    fn punctuation_hangs_and_letters_do_not() {
        assert!(protrusion('.').1 > 0.0 && protrusion('-').1 > 0.0);
        assert!(protrusion('“').0 > 0.0 && protrusion('“').1 == 0.0);
        assert_eq!(protrusion('a'), (0.0, 0.0));
        let items = [
            Item::Box { width: 20.0 },
            Item::Glue {
                width: 3.0,
                stretch: 1.0,
                shrink: 1.0,
            },
            Item::Box { width: 20.0 },
            Item::Penalty {
                width: 3.0,
                penalty: 50.0,
                flagged: true,
            },
        ];
        let edges = [
            Edges {
                first: Some(('“', 4.0)),
                last: Some((',', 2.5)),
            },
            Edges::default(),
            Edges {
                first: Some(('w', 5.0)),
                last: Some(('n', 5.0)),
            },
            Edges::default(),
        ];
        let h = hangs(&items, &edges, &[None, None, None, Some(('-', 3.0))]);
        assert!((h.left(0) - 2.4).abs() < 1e-4);
        assert!((h.right(1) - 1.5).abs() < 1e-4);
        assert_eq!(h.left(2), 0.0);
        assert!((h.right(3) - 1.8).abs() < 1e-4);
    }

    #[test]
    fn expansion_limits_are_checked() {
        assert!(Typography::default().validate().is_ok());
        let too_much = Typography {
            expansion: 0.1,
            protrusion: true,
        };
        assert!(too_much
            .validate()
            .unwrap_err()
            .contains("typography.expansion"));
    }
}
