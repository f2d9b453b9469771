//! Property tests of the promises the stages make: the repair loses no word
//! it doesn't report, the line breaker never overfills a line, and the
//! imposition map places every page once.

use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use zinepress::normalize::normalize;
use zinepress::project::ZineEntry;
use zinepress::source::Source;
use zinepress::typeset::linebreak::{break_lines, set_width, Item, Params, INFINITY_PENALTY};

const VOCABULARY: &[&str] = &[
    "the", "workers", "organize", "against", "rent", "and", "solidarity", "means", "we", "struggle", "together", "for",
    "housing", "movement", "people", "their", "streets", "power", "collective", "autonomy", "history", "is", "not", "a",
];

fn letters(word: &str) -> String {
    word.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect()
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
    (prop::collection::vec(paragraph, 1..8), 30usize..90, any::<bool>(), any::<bool>()).prop_map(|(paras, width, wrap, blank)| {
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
            items.push(Item::Box { width: *w });
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
}
