//! Property tests of the promises the stages make: the repair loses no word
//! it doesn't report, the line breaker never overfills a line, and the
//! imposition map places every page once.

use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;
use zinepress::document::Inline;
use zinepress::normalize::normalize;
use zinepress::project::ZineEntry;
use zinepress::source::Source;
use zinepress::typeset::fonts::{Fonts, Style};
use zinepress::typeset::linebreak::{break_lines, set_width, Item, Params, INFINITY_PENALTY};
use zinepress::typeset::paragraph::{Align, ParaStyle, SetLine, Setter, TextStyle};

const VOCABULARY: &[&str] = &[
    "the",
    "workers",
    "organize",
    "against",
    "rent",
    "and",
    "solidarity",
    "means",
    "we",
    "struggle",
    "together",
    "for",
    "housing",
    "movement",
    "people",
    "their",
    "streets",
    "power",
    "collective",
    "autonomy",
    "history",
    "is",
    "not",
    "a",
];

/// The characters the setter splits words on.
const SPACES: [char; 4] = [' ', '\u{a0}', '\t', '\n'];

/// Words of any Unicode characters but the spaces, with a good share of the
/// troublesome ones: dashes, slashes, emoji and their modifiers, combining
/// marks, zero-width and bidi controls, soft hyphens, Arabic and Chinese.
fn unicode_word() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        "—",
        "–",
        "-",
        "/",
        "\u{2010}",
        "👍",
        "\u{1f3fd}",
        "👩\u{200d}👩\u{200d}👧",
        "🇳🇿",
        "\u{301}",
        "\u{308}",
        "\u{200b}",
        "\u{200d}",
        "\u{202e}",
        "\u{2066}",
        "\u{ad}",
        "\u{feff}",
        "ع",
        "ربية",
        "中文",
        "ﷺ",
        "W",
        "m",
        "i",
        "long",
        "finished",
        "e",
    ]);
    let piece = prop_oneof![3 => tricky.prop_map(str::to_string), 2 => any::<char>().prop_map(String::from), 2 => "[a-zA-Z]{1,12}"];
    prop::collection::vec(piece, 1..24)
        .prop_map(|ps| ps.concat().replace(SPACES, ""))
        .prop_filter("a word", |w| !w.is_empty())
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::load(None).expect("the built-in fonts"))
}

/// A line's text without its spaces (what the gaps between words show).
fn ink(line: &SetLine) -> String {
    line.runs
        .iter()
        .flat_map(|r| r.text.chars())
        .filter(|c| !SPACES.contains(c))
        .collect()
}

/// Whether text has a right-to-left letter or a bidi control, so that its
/// runs may be shown in another order than they are read.
fn bidi(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
            | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

fn sorted(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars
}

fn letters(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

fn bag<'a>(words: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for w in words.map(letters).filter(|w| !w.is_empty()) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

/// Paragraphs of sentences from the vocabulary, hard-wrapped at `width` or
/// one per line, with or without blank lines between them.
fn essay() -> impl Strategy<Value = String> {
    let sentence = prop::collection::vec(prop::sample::select(VOCABULARY), 3..14).prop_map(|ws| {
        let mut s = ws.join(" ");
        let mut chars = s.chars();
        if let Some(first) = chars.next() {
            s = first.to_uppercase().chain(chars).collect();
        }
        s + "."
    });
    let paragraph = prop::collection::vec(sentence, 1..6).prop_map(|ss| ss.join(" "));
    (
        prop::collection::vec(paragraph, 1..8),
        30usize..90,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(paras, width, wrap, blank)| {
            let mut out = String::new();
            for p in paras {
                if wrap {
                    let mut line = String::new();
                    for w in p.split(' ') {
                        if !line.is_empty() && line.len() + w.len() + 1 > width {
                            out.push_str(&line);
                            out.push('\n');
                            line.clear();
                        }
                        if !line.is_empty() {
                            line.push(' ');
                        }
                        line.push_str(w);
                    }
                    out.push_str(&line);
                } else {
                    out.push_str(&p);
                }
                out.push('\n');
                if blank {
                    out.push('\n');
                }
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn repair_loses_no_word_it_does_not_report(text in essay()) {
        let entry = ZineEntry { source: "essay.txt".into(), ..Default::default() };
        let source = Source::from_bytes(Path::new("essay.txt"), text.as_bytes(), &entry).unwrap();
        let n = normalize(&source).unwrap();
        let doc = zinepress::Document { blocks: n.blocks.clone(), notes: n.notes.clone(), ..Default::default() };
        let mut kept: String = doc.blocks.iter().map(zinepress::document::block_text).collect::<Vec<_>>().join(" ");
        for field in [&n.found.title, &n.found.subtitle] {
            if let Some(t) = field {
                kept.push(' ');
                kept.push_str(t);
            }
        }
        kept.push(' ');
        kept.push_str(&n.found.authors.join(" "));
        for r in &n.report.removed {
            kept.push(' ');
            kept.push_str(&r.detail);
        }
        let before = bag(text.split_whitespace());
        let after = bag(kept.split_whitespace());
        for (word, count) in &before {
            let found = after.get(word).copied().unwrap_or(0);
            prop_assert!(found >= *count, "`{}` appears {} times in the source but {} times after repair", word, count, found);
        }
    }

    #[test]
    fn no_line_is_wider_than_the_measure(widths in prop::collection::vec(1.0f32..60.0, 1..120), measure in 60.0f32..320.0, hyphens in any::<bool>()) {
        let mut items = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                if hyphens && i % 3 == 0 {
                    items.push(Item::Penalty { width: 3.0, penalty: 50.0, flagged: true });
                } else {
                    items.push(Item::Glue { width: 4.0, stretch: 2.0, shrink: 1.3 });
                }
            }
            // The breaker's contract: a box and a hyphen after it fit on a line.
            items.push(Item::Box { width: w.min(measure - 3.0) });
        }
        items.push(Item::Penalty { width: 0.0, penalty: INFINITY_PENALTY, flagged: false });
        items.push(Item::Glue { width: 0.0, stretch: 1e5, shrink: 0.0 });
        items.push(Item::Penalty { width: 0.0, penalty: -INFINITY_PENALTY, flagged: false });
        let lines = break_lines(&items, measure, &Params::default());
        prop_assert!(!lines.is_empty());
        prop_assert_eq!(lines.last().unwrap().end, items.len() - 1);
        for l in &lines {
            let w = set_width(&items, l.start, l.end, l.ratio);
            prop_assert!(w <= measure + 0.01, "line {}..{} is {} wide for a measure of {}", l.start, l.end, w, measure);
        }
    }

    #[test]
    fn imposition_places_every_page_once(bytes in prop::collection::vec(any::<u8>(), 14)) {
        // The entry point asserts the permutation-plus-blanks property itself.
        zinepress::fuzz::imposition_map(&bytes);
    }

    #[test]
    fn unicode_words_keep_every_character_and_overfill_a_line_only_with_one_cluster(
        words in prop::collection::vec((unicode_word(), prop::sample::select(vec![" ", " ", "\u{a0}"])), 1..10),
        measure in 6.0f32..260.0,
        indent in 0.0f32..1.0,
        justify in any::<bool>(),
        hyphenate in any::<bool>(),
    ) {
        let text: String = words.iter().map(|(w, sep)| format!("{w}{sep}")).collect::<String>().trim_end().to_string();
        let ps = ParaStyle { measure, indent: indent * measure / 3.0, align: if justify { Align::Justify } else { Align::Left }, hyphenate };
        let lines = Setter::new(fonts(), "en").set(&[Inline::Text(text.clone())], TextStyle::new(Style::Regular, 10.0), &ps);
        // Every character comes back in order; a line may end with a hyphen it added.
        let want: String = text.chars().filter(|c| !SPACES.contains(c)).collect();
        let mut rest = want.as_str();
        for l in &lines {
            let got = ink(l);
            let added = got.strip_suffix('-').filter(|_| l.hyphenated && !rest.starts_with(got.as_str()));
            let shown = added.unwrap_or(&got);
            // A paragraph with right-to-left text holds its lines' runs in
            // display order: there, a line's characters (less a hyphen it
            // added) are the text's next ones, in any order.
            let take = |n: usize| rest.chars().take(n).collect::<String>();
            let next = if bidi(&text) {
                let mut chars = sorted(&got);
                if l.hyphenated && sorted(&take(chars.len())) != chars {
                    if let Some(at) = chars.iter().position(|c| *c == '-') {
                        chars.remove(at);
                    }
                }
                let next = take(chars.len());
                prop_assert!(sorted(&next) == chars, "line {:?} does not hold the text's next characters at {:?}", got, rest);
                next
            } else {
                prop_assert!(rest.starts_with(shown), "line {:?} does not continue the text at {:?}", got, rest);
                shown.to_string()
            };
            rest = rest.get(next.len()..).unwrap_or_default();
            // No line wider than the measure, unless it holds one cluster too wide for any line.
            let clusters = shown.graphemes(true).count();
            prop_assert!(l.width <= measure + 0.01 || clusters == 1, "line {:?} is {} wide for a measure of {}", got, l.width, measure);
        }
        prop_assert!(rest.is_empty(), "characters lost at the end: {:?}", rest);
    }
}
