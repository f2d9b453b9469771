//! Where a word may break inside: after a dash, a slash or a zero-width
//! space, at the hyphenation points of its letters, and, as a last resort for
//! a piece wider than the measure, between two grapheme clusters.
//!
//! Every offset these functions return is a byte offset at a grapheme-cluster
//! boundary of the word (so also a char boundary): slicing the word there is
//! always safe, and an emoji with its modifiers or a letter with its combining
//! marks is never split.

use super::clusters::grapheme_indices;

/// What a line ending inside a word looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BreakKind {
    /// After a hyphen (a compound's): the line ends with it, nothing is
    /// added, and it counts as a hyphenated line.
    HardHyphen,
    /// After a dash or a slash: the line ends with it, nothing is added.
    Dash,
    /// At a hyphenation point: a hyphen is added at the end of the line.
    Hyphen,
    /// After a zero-width space: an ordinary break opportunity.
    Open,
}

/// A place inside a word where a line may end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct WordBreak {
    /// Byte offset in the word: the line ends before it.
    pub at: usize,
    pub kind: BreakKind,
}

/// Dashes and the slash: a line may end after one.
pub fn is_dash(grapheme: &str) -> bool {
    matches!(
        grapheme,
        "-" | "/" | "\u{2010}" | "\u{2012}" | "\u{2013}" | "\u{2014}" | "\u{2015}"
    )
}

const ZERO_WIDTH_SPACE: &str = "\u{200b}";

/// The breaks inside `word`, in order, at most one per offset:
/// - after a dash or a slash with a letter or digit somewhere before it and
///   after it, unless another dash follows (so "over—finished" breaks as
///   "over—" / "finished", "https://" stays whole, "—and" does not lose its dash);
/// - after a zero-width space that is neither first nor last;
/// - at the points `hyphenate` gives for each part between dashes whose core
///   (without leading and trailing punctuation) is at least five letters
///   (apostrophes inside it allowed).
///
/// `hyphenate` gets such a core and returns byte offsets into it; offsets that
/// are not cluster boundaries of the word are ignored, whatever it returns.
pub fn word_breaks(word: &str, mut hyphenate: impl FnMut(&str) -> Vec<usize>) -> Vec<WordBreak> {
    let clusters: Vec<(usize, &str)> = grapheme_indices(word).collect();
    let alnum = |g: &str| g.chars().any(char::is_alphanumeric);
    let first_alnum = clusters.iter().position(|(_, g)| alnum(g));
    let last_alnum = clusters.iter().rposition(|(_, g)| alnum(g));
    let mut breaks = Vec::new();
    let mut part_start = 0;
    let mut parts = Vec::new();
    for (k, &(at, g)) in clusters.iter().enumerate() {
        let end = at + g.len();
        let next = clusters.get(k + 1).map(|(_, n)| *n);
        if is_dash(g) || g == ZERO_WIDTH_SPACE {
            parts.push((part_start, at));
            part_start = end;
        }
        let Some(next) = next else { break };
        if is_dash(g)
            && !is_dash(next)
            && first_alnum.is_some_and(|f| f < k)
            && last_alnum.is_some_and(|l| l > k)
        {
            let kind = if matches!(g, "-" | "\u{2010}") {
                BreakKind::HardHyphen
            } else {
                BreakKind::Dash
            };
            breaks.push(WordBreak { at: end, kind });
        } else if g == ZERO_WIDTH_SPACE && k > 0 {
            breaks.push(WordBreak {
                at: end,
                kind: BreakKind::Open,
            });
        }
    }
    parts.push((part_start, word.len()));
    let bounds: Vec<usize> = clusters.iter().map(|(i, _)| *i).collect();
    for (start, end) in parts {
        let Some(part) = word.get(start..end) else {
            continue;
        };
        let lead = part.trim_start_matches(|c: char| !c.is_alphabetic());
        let core = lead.trim_end_matches(|c: char| !c.is_alphabetic());
        let core_start = start + (part.len() - lead.len());
        // Letters, and apostrophes inside (possessives, contractions).
        let letter = |c: char| c.is_alphabetic() || c == '’' || c == '\'';
        let letters = core.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 5 || !core.chars().all(letter) {
            continue;
        }
        for point in hyphenate(core) {
            let at = core_start + point;
            if point > 0 && point < core.len() && bounds.binary_search(&at).is_ok() {
                breaks.push(WordBreak {
                    at,
                    kind: BreakKind::Hyphen,
                });
            }
        }
    }
    breaks.sort();
    breaks.dedup_by_key(|b| b.at);
    breaks
}

/// A word with breaks after dashes is broken there, as a person would, not
/// hyphenated as well: drops the hyphenation points between two such breaks
/// (or a word end) when `fits(from, to)` says that part fits on a line.
pub fn prefer_dashes(
    word_len: usize,
    breaks: Vec<WordBreak>,
    mut fits: impl FnMut(usize, usize) -> bool,
) -> Vec<WordBreak> {
    if !breaks.iter().any(|b| b.kind == BreakKind::Dash) {
        return breaks;
    }
    let mut kept = Vec::with_capacity(breaks.len());
    let mut span: Vec<WordBreak> = Vec::new();
    let mut from = 0;
    for b in breaks.into_iter().chain([WordBreak {
        at: word_len,
        kind: BreakKind::Dash,
    }]) {
        if b.kind == BreakKind::Hyphen {
            span.push(b);
            continue;
        }
        if !span.is_empty() && !fits(from, b.at) {
            kept.append(&mut span);
        }
        span.clear();
        if b.at < word_len {
            kept.push(b);
        }
        from = b.at;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(word: &str, breaks: &[WordBreak]) -> Vec<String> {
        let mut out = Vec::new();
        let mut from = 0;
        for b in breaks.iter().map(|b| b.at).chain([word.len()]) {
            out.push(word.get(from..b).expect("a boundary").to_string());
            from = b;
        }
        out
    }

    /// Hyphenates every core after its third letter, as a stand-in dictionary.
    fn after_three(core: &str) -> Vec<usize> {
        core.char_indices()
            .nth(3)
            .map(|(i, _)| vec![i])
            .unwrap_or_default()
    }

    #[test]
    fn an_em_dash_chain_breaks_after_each_dash() {
        let word = "over—finished—done—gone—forgotten—buried—ended—and";
        let breaks = word_breaks(word, |_| Vec::new());
        assert_eq!(
            pieces(word, &breaks),
            [
                "over—",
                "finished—",
                "done—",
                "gone—",
                "forgotten—",
                "buried—",
                "ended—",
                "and"
            ]
        );
        assert!(breaks.iter().all(|b| b.kind == BreakKind::Dash));
    }

    #[test]
    fn hyphenation_points_land_inside_the_right_part_after_multibyte_dashes() {
        // Offsets after em dashes (three bytes each) must not drift.
        let word = "gone—forgotten—buried";
        let breaks = word_breaks(word, after_three);
        assert_eq!(
            pieces(word, &breaks),
            ["gone—", "for", "gotten—", "bur", "ied"]
        );
        assert_eq!(
            breaks[1],
            WordBreak {
                at: "gone—for".len(),
                kind: BreakKind::Hyphen
            }
        );
    }

    #[test]
    fn dashes_at_the_edges_and_doubled_stay_put() {
        for word in ["—and", "said—", "“—”", "——", "-5", "https://example.org/a"] {
            let breaks = word_breaks(word, |_| Vec::new());
            for b in &breaks {
                assert!(
                    word.is_char_boundary(b.at) && b.at > 0 && b.at < word.len(),
                    "{word}: {b:?}"
                );
            }
            if word.starts_with('—') || word.ends_with('—') || word.starts_with('-') {
                assert!(breaks.is_empty(), "{word}: {breaks:?}");
            }
        }
        assert_eq!(
            pieces(
                "https://example.org/a",
                &word_breaks("https://example.org/a", |_| Vec::new())
            ),
            ["https://", "example.org/", "a"]
        );
        assert_eq!(
            pieces("a——b", &word_breaks("a——b", |_| Vec::new())),
            ["a——", "b"]
        );
        assert_eq!(
            word_breaks("well-known", |_| Vec::new()),
            [WordBreak {
                at: 5,
                kind: BreakKind::HardHyphen
            }]
        );
    }

    #[test]
    fn a_zero_width_space_is_a_break_without_a_hyphen() {
        let word = "Donau\u{200b}dampf\u{200b}schiff";
        let breaks = word_breaks(word, |_| Vec::new());
        assert_eq!(
            pieces(word, &breaks),
            ["Donau\u{200b}", "dampf\u{200b}", "schiff"]
        );
        assert!(breaks.iter().all(|b| b.kind == BreakKind::Open));
    }

    #[test]
    fn hyphenation_offsets_inside_a_cluster_or_outside_the_core_are_ignored() {
        // A dictionary gone wrong: every offset from 0 to past the end.
        let word = "éééééé";
        let breaks = word_breaks(word, |core| (0..core.len() + 4).collect());
        assert_eq!(
            breaks.len(),
            5,
            "one per char boundary strictly inside: {breaks:?}"
        );
        assert!(breaks.iter().all(|b| word.is_char_boundary(b.at)));
        // Decomposed accents are not letters: no core of five letters, no points.
        assert!(
            word_breaks("e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}", |c| (0..c.len())
                .collect())
            .is_empty()
        );
    }

    #[test]
    fn short_or_mixed_cores_are_not_hyphenated() {
        let mut asked = Vec::new();
        word_breaks("(don't)—word—“longer”,", |core| {
            asked.push(core.to_string());
            Vec::new()
        });
        assert_eq!(asked, ["longer"]);
        // A possessive is asked about whole (the setter drops the "’s").
        asked.clear();
        word_breaks("community’s", |core| {
            asked.push(core.to_string());
            Vec::new()
        });
        assert_eq!(asked, ["community’s"]);
    }

    #[test]
    fn a_dash_carrying_a_mark_is_one_cluster_and_not_split() {
        let word = "ab-\u{301}cd";
        assert!(word_breaks(word, |_| Vec::new()).is_empty());
        let word = "ab\u{2014}\u{301}cd\u{2014}ef";
        assert_eq!(
            pieces(word, &word_breaks(word, |_| Vec::new())),
            ["ab\u{2014}\u{301}cd\u{2014}", "ef"]
        );
    }

    #[test]
    fn a_dashed_word_keeps_hyphenation_only_in_parts_too_wide_for_a_line() {
        let word = "over—finished—forgotten";
        let breaks = word_breaks(word, after_three);
        assert_eq!(
            pieces(word, &breaks),
            ["over—", "fin", "ished—", "for", "gotten"]
        );
        // Every part fits: only the dashes remain.
        let wide = prefer_dashes(word.len(), breaks.clone(), |_, _| true);
        assert_eq!(pieces(word, &wide), ["over—", "finished—", "forgotten"]);
        // Parts longer than 10 bytes do not fit: "finished—" keeps its point, "forgotten" loses it.
        let narrow = prefer_dashes(word.len(), breaks.clone(), |a, b| b - a <= 10);
        assert_eq!(
            pieces(word, &narrow),
            ["over—", "fin", "ished—", "forgotten"]
        );
        // Without a dash, nothing changes.
        let plain = word_breaks("forgotten", after_three);
        assert_eq!(prefer_dashes(9, plain.clone(), |_, _| true), plain);
    }
}
