//! The preview page, `OUT/index.html`: the library as one page, a card per
//! zine with its cover, title, authors, pages and words, links to every file
//! it has in the output folder, its warnings and its repair report.
//!
//! The page is made from the build cache alone (every zine the output folder
//! holds, built now or earlier), so a cached zine's card is as complete as a
//! rebuilt one's; it is written only when its bytes change, and holds nothing
//! that differs between runs (no clock, no absolute path).

mod page;

use crate::build::cache::{Cache, CacheEntry};
use crate::build::{write_atomic, ZineReport};
use crate::cover::{process, Encoded, Picture};
use crate::document::walk::{block_text, blocks_text};
use crate::document::Document;
use crate::normalize::Report;
use crate::project::{slug_for, Project};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use page::{classify, esc, href, render, Card, FileKind, Link};

/// The preview page's file name in the output folder.
pub const PAGE: &str = "index.html";

/// Marks a page zinepress wrote; an index.html without it is never replaced.
pub const GENERATOR: &str = r#"<meta name="generator" content="zinepress"/>"#;

/// The cover picture's size on the page is half this (sharp on dense screens).
pub const THUMBNAIL_WIDTH: u32 = 320;
pub const THUMBNAIL_HEIGHT: u32 = 480;
/// A cover file of at most this many bytes that a browser shows as it is
/// is linked as it is, not decoded and scaled: a local page loads it at once.
pub const THUMBNAIL_AS_IS_BYTES: usize = 512 * 1024;

/// What a zine's card says about it besides its files: recorded in the build
/// cache, so that a zine that is not rebuilt keeps its card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    /// Pages of the reading copy; `None` when no PDF was made.
    pub pages: Option<usize>,
    pub words: usize,
    /// What `zinepress check` prints for the zine.
    pub check: CheckSummary,
}

/// The repair report of a zine: counts per repair class, every removed line
/// and every doubt.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckSummary {
    pub counts: BTreeMap<String, usize>,
    pub removed: Vec<CheckLine>,
    pub doubts: Vec<CheckLine>,
}

/// One removed line or doubt, at a source line (0 when not tied to one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckLine {
    pub line: usize,
    pub class: String,
    pub detail: String,
}

impl Summary {
    /// The summary of a repaired document; `pages` is filled in once the reading copy is typeset.
    pub fn new(doc: &Document, report: &Report) -> Summary {
        let lines = |list: &[crate::normalize::report::Repair]| {
            list.iter()
                .map(|r| CheckLine {
                    line: r.line,
                    class: r.class.clone(),
                    detail: r.detail.clone(),
                })
                .collect()
        };
        Summary {
            title: doc.meta.title.clone(),
            subtitle: doc.meta.subtitle.clone(),
            authors: doc.meta.authors.clone(),
            pages: None,
            words: word_count(doc),
            check: CheckSummary {
                counts: report.counts(),
                removed: lines(&report.removed),
                doubts: lines(&report.doubts),
            },
        }
    }
}

/// Words of the essay, notes included: runs of non-space characters holding
/// at least one letter or digit (a dash or a bullet alone is not a word).
pub fn word_count(doc: &Document) -> usize {
    let count = |text: &str| {
        text.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    doc.blocks
        .iter()
        .map(|b| count(&block_text(b)))
        .sum::<usize>()
        + doc
            .notes
            .iter()
            .map(|n| count(&blocks_text(&n.content)))
            .sum::<usize>()
}

/// The cover as a picture for the card: the file itself when a browser shows
/// it as it is and it is small, else a copy scaled within 320×480 pixels.
pub fn thumbnail(pic: &Picture) -> anyhow::Result<Encoded> {
    process::shown_copy(
        pic,
        THUMBNAIL_WIDTH,
        THUMBNAIL_HEIGHT,
        THUMBNAIL_AS_IS_BYTES,
    )
}

/// Records a failed zine in the cache: never fresh (no inputs), so the next
/// build tries it again, with the error, and with the outputs, layouts,
/// warnings and summary of its last good build, whose files the failure left
/// in place. A zine that did not fail (its source vanished while hashing) is dropped.
pub fn record_failure(cache: &mut Cache, z: &ZineReport) {
    let old = cache.zines.remove(&z.slug);
    let Some(error) = z.error.clone() else { return };
    let entry = match old {
        Some(old) => CacheEntry {
            source: z.source.clone(),
            inputs: String::new(),
            error: Some(error),
            ..old
        },
        None => CacheEntry {
            source: z.source.clone(),
            inputs: String::new(),
            outputs: Vec::new(),
            warnings: z.warnings.clone(),
            notices: z.notices.clone(),
            layouts: Vec::new(),
            summary: z.summary.clone(),
            error: Some(error),
            uses_fonts: true,
        },
    };
    cache.zines.insert(z.slug.clone(), entry);
}

/// The cards of every zine the cache holds: those of zinepress.toml in its
/// order, then the others by slug; each lists only the files still in `out`.
pub fn cards(project: &Project, out: &Path, cache: &Cache) -> Vec<Card> {
    let mut order: Vec<String> = project
        .zines()
        .map(|zs| zs.iter().map(slug_for).collect())
        .unwrap_or_default();
    order.retain(|slug| cache.zines.contains_key(slug));
    let mut seen = std::collections::BTreeSet::new();
    order.retain(|slug| seen.insert(slug.clone()));
    order.extend(
        cache
            .zines
            .keys()
            .filter(|slug| !seen.contains(*slug))
            .cloned(),
    );
    order
        .iter()
        .filter_map(|slug| cache.zines.get(slug).map(|entry| card(slug, entry, out)))
        .collect()
}

fn card(slug: &str, entry: &CacheEntry, out: &Path) -> Card {
    let files = entry
        .outputs
        .iter()
        .filter(|o| out.join(&o.path).is_file())
        .map(|o| Link {
            name: o.path.clone(),
            bytes: o.bytes,
            kind: classify(slug, &o.path),
        })
        .collect();
    Card {
        slug: slug.to_string(),
        summary: entry.summary.clone(),
        files,
        layouts: entry.layouts.clone(),
        warnings: entry.warnings.clone(),
        error: entry.error.clone(),
    }
}

/// Writes `out/index.html` for the zines of `cache`, unless it already holds
/// these bytes. Returns its path, or `None` when an index.html that zinepress
/// did not write is in the way (it is left alone).
pub fn write(project: &Project, out: &Path, cache: &Cache) -> anyhow::Result<Option<PathBuf>> {
    let path = out.join(PAGE);
    let html = render(&cards(project, out, cache), env!("CARGO_PKG_VERSION"));
    match std::fs::read(&path) {
        Ok(old) if old == html.as_bytes() => return Ok(Some(path)),
        Ok(old) if !contains(&old, GENERATOR.as_bytes()) => return Ok(None),
        _ => {}
    }
    write_atomic(&path, html.as_bytes())?;
    Ok(Some(path))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::OutputReport;
    use crate::document::{Block, Inline, List, ListItem, ListKind, Note};

    #[test]
    fn words_are_counted_in_blocks_and_notes_and_dashes_are_not_words() {
        let mut doc = Document::default();
        doc.blocks.push(Block::Paragraph(vec![
            Inline::Text("One two — three".into()),
            Inline::NoteRef(1),
        ]));
        doc.blocks.push(Block::List(List {
            kind: ListKind::Bullet,
            start: 1,
            tight: true,
            items: vec![ListItem::para(vec![Inline::Text("four five".into())])],
        }));
        doc.notes.push(Note {
            number: 1,
            content: vec![Block::Paragraph(vec![Inline::Text("six, 1917.".into())])],
        });
        assert_eq!(word_count(&doc), 7);
    }

    fn entry(outputs: &[&str], error: Option<&str>) -> CacheEntry {
        CacheEntry {
            source: "sources/a.md".into(),
            inputs: if error.is_some() {
                String::new()
            } else {
                "abc".into()
            },
            outputs: outputs
                .iter()
                .map(|p| OutputReport {
                    path: p.to_string(),
                    bytes: 1,
                    sha256: String::new(),
                    blake3: String::new(),
                })
                .collect(),
            warnings: vec![],
            notices: vec![],
            layouts: vec![],
            summary: None,
            error: error.map(str::to_string),
            uses_fonts: true,
        }
    }

    fn report(slug: &str, error: Option<&str>) -> ZineReport {
        ZineReport {
            slug: slug.into(),
            source: "sources/a.md".into(),
            ok: error.is_none(),
            cached: false,
            error: error.map(str::to_string),
            outputs: vec![],
            warnings: vec!["w".into()],
            notices: vec![],
            seconds: 0.0,
            layouts: vec![],
            stages: BTreeMap::new(),
            summary: None,
            fonts_used: false,
        }
    }

    #[test]
    fn a_failure_keeps_the_last_good_outputs_and_is_never_fresh() {
        let mut cache = Cache::default();
        cache
            .zines
            .insert("a".into(), entry(&["a.epub", "a.pdf"], None));
        record_failure(&mut cache, &report("a", Some("a.md:3: broken")));
        let a = &cache.zines["a"];
        assert_eq!(
            (a.inputs.as_str(), a.error.as_deref(), a.outputs.len()),
            ("", Some("a.md:3: broken"), 2)
        );
        assert!(cache
            .fresh("a", "", Path::new("/nonexistent"), true)
            .is_none());
        // A second failure keeps the same last good outputs.
        record_failure(&mut cache, &report("a", Some("again")));
        assert_eq!(
            (
                cache.zines["a"].error.as_deref(),
                cache.zines["a"].outputs.len()
            ),
            (Some("again"), 2)
        );
        // A zine that never built is recorded with no outputs and its warnings.
        record_failure(&mut cache, &report("b", Some("no source")));
        assert_eq!(
            (
                cache.zines["b"].outputs.len(),
                cache.zines["b"].warnings.len()
            ),
            (0, 1)
        );
        // Not failed but not hashable: dropped.
        record_failure(&mut cache, &report("a", None));
        assert!(!cache.zines.contains_key("a"));
    }

    #[test]
    fn cards_list_only_files_still_there() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.epub"), "x").unwrap();
        let c = card("a", &entry(&["a.epub", "a.pdf"], None), dir.path());
        assert_eq!(
            c.files.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
            ["a.epub"]
        );
    }
}
