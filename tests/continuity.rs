//! No line that continues a sentence is removed (issue 13): over the
//! example sources, the normalizer cases and the generality corpus, every
//! line the repair takes out is checked against the line that stays above
//! it. A line that starts in lower case after a line ending without final
//! punctuation or with a hyphen (or goes on in capitals a word in capitals
//! cut by a hyphen) is part of the running text, never furniture. Only
//! what is taken out of the zine counts: a byline or title block moved into
//! the metadata and a pull quote that repeats the body keep their words.
//!
//! The corpus is `tests/fixtures/corpus/` (inputs made by
//! `bench/make_corpus.py`: the texts written for the corpus in every kind they
//! are set in, and one Rust documentation text per kind); with
//! `ZINEPRESS_CORPUS=DIR` the items of a whole generated corpus are added.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use zinepress::document::{plain_text, Block};
use zinepress::normalize::normalize;
use zinepress::project::ZineEntry;
use zinepress::source::Source;

fn files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(&keep))
        .collect();
    v.sort();
    v
}

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v = files_in(&root.join("sources"), |n| {
        n.ends_with(".txt") || n.ends_with(".md")
    });
    v.extend(files_in(&root.join("tests/cases/normalize"), |n| {
        n.contains(".in.")
    }));
    v.extend(files_in(&root.join("tests/fixtures/corpus"), |n| {
        n.ends_with(".txt")
    }));
    if let Ok(dir) = std::env::var("ZINEPRESS_CORPUS") {
        let manifest = Path::new(&dir).join("manifest.json");
        let text = std::fs::read_to_string(&manifest)
            .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        let json: serde_json::Value = serde_json::from_str(&text).expect("a JSON manifest");
        for item in json["items"].as_array().expect("a list of items") {
            v.push(Path::new(&dir).join(item["input"].as_str().expect("an input path")));
        }
    }
    v
}

/// Whether `prev` ends a sentence: final punctuation, maybe inside quotes
/// or brackets.
fn ends_sentence(prev: &str) -> bool {
    prev.trim_end_matches(['"', '”', '’', '\'', ')', ']', '*'])
        .ends_with(['.', '!', '?', ':', '…'])
}

fn ends_cut_word(prev: &str) -> bool {
    let t = prev.trim_end_matches('\u{ad}');
    (prev.ends_with(['-', '\u{ad}']) || t.len() < prev.len())
        && t.trim_end_matches('-')
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric)
}

fn all_caps(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The test's own statement of a line that continues the line above it.
fn continues(prev: &str, line: &str) -> bool {
    let (p, l) = (prev.trim(), line.trim());
    if p.is_empty() || l.is_empty() {
        return false;
    }
    let lower = l.chars().next().is_some_and(char::is_lowercase);
    let cut_in_caps = ends_cut_word(p)
        && all_caps(
            p.trim_end_matches(['-', '\u{ad}'])
                .rsplit(' ')
                .next()
                .unwrap_or_default(),
        )
        && all_caps(l.split_whitespace().next().unwrap_or_default());
    (lower && (ends_cut_word(p) || !ends_sentence(p))) || cut_in_caps
}

/// Removals whose words stay in the zine (a byline or title block taken
/// into the metadata, a pull quote that repeats the body) or that the user
/// asked for.
fn kept_elsewhere(class: &str) -> bool {
    class.ends_with("moved to metadata")
        || class == "repeated title block removed"
        || class.starts_with("repeated text removed")
        || class == "cut by zinepress.toml"
}

/// A contents entry's title, without its page number and leaders.
fn entry_title(line: &str) -> &str {
    line.trim()
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches([' ', '\t', '.', '…'])
}

/// The text of every heading of a repaired document.
fn heading_texts(blocks: &[Block]) -> HashSet<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { content, .. } => Some(plain_text(content).trim().to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn entry_titles() {
    assert_eq!(entry_title("for loops 2"), "for loops");
    assert_eq!(entry_title("Summary . . . 18"), "Summary");
    assert_eq!(entry_title("12"), "");
}

#[test]
fn the_rule_itself() {
    assert!(continues(
        "and the council sends its recommen-",
        "dations) to ALL LOCAL BRANCHES, WITHOUT DELAY"
    ));
    assert!(continues("WE CALL ON ALL PAR-", "TIES TO STRIKE"));
    assert!(continues("through the winter, and", "the caretaker agreed"));
    assert!(!continues("the end.", "then a caption"));
    assert!(!continues("the pam-", "CLR James      STEVE PYKE"));
    assert!(!continues("a line", "Notes on the Free School"));
}

#[test]
fn no_line_that_continues_a_sentence_is_removed() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let all = inputs();
    assert!(all.len() >= 30, "the sources, the cases and the corpus");
    for path in all {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let entry = ZineEntry {
            source: path.to_string_lossy().into_owned(),
            ..Default::default()
        };
        let source = Source::from_bytes(&path, &bytes, &entry)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let n = normalize(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.split('\n').collect();
        let gone: HashSet<usize> = n.report.removed.iter().map(|r| r.line).collect();
        let headings = heading_texts(&n.blocks);
        for r in &n.report.removed {
            if r.line == 0 || r.line > lines.len() || kept_elsewhere(&r.class) {
                continue;
            }
            let i = r.line - 1;
            if r.class == "contents list removed" && headings.contains(entry_title(lines[i])) {
                // A contents entry whose title is a heading of the zine.
                continue;
            }
            let whole = lines[i].trim();
            let next = (i + 1..lines.len())
                .find(|&k| !lines[k].trim().is_empty() && !gone.contains(&(k + 1)));
            if r.class == "running head removed" && next.is_some_and(|k| lines[k].trim() == whole) {
                // A section's running head right over the same page's line
                // of the same words (its heading): that line keeps them.
                continue;
            }
            let digits = !r.detail.is_empty() && r.detail.chars().all(|c| c.is_ascii_digit());
            if digits && whole != r.detail && whole.ends_with(r.detail.as_str()) {
                // A page number glued to the last word: the line stays.
                continue;
            }
            checked += 1;
            let prev = (0..i)
                .rev()
                .find(|&k| !lines[k].trim().is_empty() && !gone.contains(&(k + 1)));
            if let Some(k) = prev {
                if continues(lines[k], lines[i]) {
                    failures.push(format!(
                        "{}:{}: {} — {:?} after {:?}",
                        path.display(),
                        r.line,
                        r.class,
                        lines[i].trim(),
                        lines[k].trim()
                    ));
                }
            }
        }
    }
    assert!(checked >= 200, "only {checked} removed lines were checked");
    assert!(
        failures.is_empty(),
        "{} line(s) that continue a sentence were removed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
