//! What a build says about a zine even without `--verbose`: changes to the
//! user's bytes (a source decoded as Windows-1252) and a repair that took
//! out more than a small share of the text's words.

use crate::document::walk::{block_text, blocks_text};
use crate::document::Document;
use crate::normalize::Report;
use std::collections::BTreeSet;
use std::path::Path;

/// The share of a text's words (1 in `LOSS_SHARE`, 2%) that the repair may
/// take out before the build says so.
const LOSS_SHARE: usize = 50;

/// Removals whose words are not lost: they went to the metadata, or the
/// user's own `cut` took them.
const KEPT_CLASSES: &[&str] = &[
    "byline moved to metadata",
    "rights line moved to metadata",
    "cut by zinepress.toml",
];

/// The doubts of this class (each naming the file) are notices.
pub const DECODING: &str = "decoding";

/// The notices of a zine built from `source`: its decoding doubts, and the
/// words the repair removed when they are more than 2% of the text.
pub fn notices(source: &Path, doc: &Document, report: &Report) -> Vec<String> {
    let name = source.display();
    let mut out: Vec<String> = report
        .doubts
        .iter()
        .filter(|d| d.class == DECODING)
        .map(|d| d.detail.clone())
        .collect();
    let (lost, total) = lost_words(doc, report);
    if lost * LOSS_SHARE > total {
        out.push(format!(
            "{name}: the repair removed {lost} of its {total} words ({:.1}%) as page furniture, captions or repeats; `zinepress check {name}` lists every removed line",
            lost as f64 * 100.0 / total.max(1) as f64
        ));
    }
    out
}

/// Words as the summary counts them: runs of non-space characters with a
/// letter or digit.
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Lower case, one space between words: for finding a removed line in the output.
/// Written into one string: an ASCII word is lowered byte by byte, any other
/// as [`str::to_lowercase`] lowers it (a final sigma depends on the word).
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

/// (Words the repair removed that no output still has, the text's words
/// with them.) A text removed several times (a running head) counts once,
/// and one that the document still holds (a running head repeating the
/// title, a pull quote repeating the body) not at all.
pub fn lost_words(doc: &Document, report: &Report) -> (usize, usize) {
    let mut kept = vec![
        doc.meta.title.clone(),
        doc.meta.subtitle.clone().unwrap_or_default(),
    ];
    kept.extend(doc.blocks.iter().map(block_text));
    kept.extend(doc.notes.iter().map(|n| blocks_text(&n.content)));
    let kept_words: usize = kept.iter().map(|t| words(t)).sum::<usize>()
        - words(&doc.meta.title)
        - words(doc.meta.subtitle.as_deref().unwrap_or_default());
    let haystack = folded(&kept.join("\n"));
    let distinct: BTreeSet<String> = report
        .removed
        .iter()
        .filter(|r| !KEPT_CLASSES.contains(&r.class.as_str()))
        .map(|r| folded(&r.detail))
        // A folio alone is no loss of words.
        .filter(|t| t.chars().any(char::is_alphabetic))
        .collect();
    let lost = distinct
        .iter()
        .filter(|t| !haystack.contains(t.as_str()))
        .map(|t| words(t))
        .sum::<usize>();
    (lost, kept_words + lost)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Inline, Metadata};

    fn doc(paras: &[&str]) -> Document {
        Document {
            meta: Metadata {
                title: "The Title".into(),
                ..Metadata::default()
            },
            blocks: paras
                .iter()
                .map(|p| Block::Paragraph(vec![Inline::Text(p.to_string())]))
                .collect(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn folding_lowers_each_word_and_joins_them_with_one_space() {
        let slow = |t: &str| {
            t.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ")
        };
        for t in [
            "",
            "  One\tTWO  three\n",
            "ΟΔΥΣΣΕΥΣ ΚΑΙ ΠΗΝΕΛΟΠΗ Σ",
            "İSTANBUL Straße ÉCOLE x",
            " \u{a0}Mixed ASCII and Ünïcödé words ",
        ] {
            assert_eq!(folded(t), slow(t), "{t:?}");
        }
    }

    #[test]
    fn repeats_and_kept_text_are_not_lost() {
        let d = doc(&["one two three four five six seven eight nine ten"]);
        let mut r = Report::default();
        for line in [3, 40, 80] {
            r.removed(line, "running head removed", "The Title");
            r.removed(
                line + 1,
                "running head removed",
                "Reprinted from the bulletin",
            );
            r.removed(line + 2, "page number removed", "7");
        }
        r.removed(90, "repeated text removed", "three four five");
        r.removed(1, "byline moved to metadata", "By Some One");
        assert_eq!(lost_words(&d, &r), (4, 14));
    }

    #[test]
    fn a_large_loss_is_a_notice_naming_the_file() {
        let body = "word ".repeat(96);
        let d = doc(&[body.trim()]);
        let mut r = Report::default();
        r.removed(5, "caption removed", "A caption of four");
        let n = notices(Path::new("sources/essay.txt"), &d, &r);
        assert_eq!(n.len(), 1, "{n:?}");
        assert!(n[0].contains("sources/essay.txt") && n[0].contains("removed 4 of its 100 words"));
        assert!(n[0].contains("zinepress check sources/essay.txt"));
        r.removed.clear();
        r.removed(5, "caption removed", "One");
        assert!(notices(Path::new("e.txt"), &d, &r).is_empty());
    }

    #[test]
    fn decoding_is_a_notice() {
        let mut r = Report::default();
        r.doubt(0, DECODING, "e.txt: decoded as Windows-1252");
        r.doubt(3, "note without text", "note 2");
        let n = notices(Path::new("e.txt"), &doc(&["text"]), &r);
        assert_eq!(n, vec!["e.txt: decoded as Windows-1252".to_string()]);
    }
}
