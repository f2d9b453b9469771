//! Accessibility of the EPUBs: DAISY Ace finds no violation in any example
//! EPUB or EPUB fixture, and the accessibility metadata says what each book holds.
//!
//! Ace is the npm package `@daisy/ace-cli` driving Debian's chromium; scripts/test
//! installs both. Only when scripts/test could not install them does it set
//! `ZINEPRESS_SKIP_ACE` (with the reason), and the Ace tests then say so and pass.

mod common;

use common::{build_as, example_build, markdown_fixtures, repo, stderr};
use std::path::{Path, PathBuf};

/// `Some(reason)` when scripts/test could not install Ace.
fn ace_skipped() -> Option<String> {
    let reason = std::env::var("ZINEPRESS_SKIP_ACE").ok()?;
    eprintln!("SKIPPED: DAISY Ace is not installed ({reason}); run scripts/test on a machine with npm and chromium");
    Some(reason)
}

/// Runs Ace on `epub` and returns its failed checks as "file: rule (impact)".
fn ace_violations(epub: &Path, out: &Path) -> Vec<String> {
    let mut ace = common::tool("ace-cli");
    if std::env::var_os("PUPPETEER_EXECUTABLE_PATH").is_none() {
        ace.env("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium");
    }
    let o = ace
        .arg("--silent")
        .arg("--force")
        .arg("--outdir")
        .arg(out)
        .arg(epub)
        .output()
        .expect("ace-cli runs");
    assert!(
        o.status.success(),
        "Ace failed on {}: {}{}",
        epub.display(),
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
    let report = std::fs::read_to_string(out.join("report.json"))
        .unwrap_or_else(|e| panic!("no Ace report for {}: {e}", epub.display()));
    let report: serde_json::Value = serde_json::from_str(&report).expect("Ace writes JSON");
    let mut found = Vec::new();
    for doc in report["assertions"].as_array().into_iter().flatten() {
        let file = doc["earl:testSubject"]["url"].as_str().unwrap_or("?");
        for a in doc["assertions"].as_array().into_iter().flatten() {
            if a["earl:result"]["earl:outcome"] == "fail" {
                found.push(format!(
                    "{file}: {} ({}) {}",
                    a["earl:test"]["dct:title"].as_str().unwrap_or("?"),
                    a["earl:test"]["earl:impact"].as_str().unwrap_or("?"),
                    a["earl:result"]["html"].as_str().unwrap_or("")
                ));
            }
        }
    }
    found
}

/// Every `.epub` in `dir`, sorted.
fn epubs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "epub"))
        .collect();
    v.sort();
    v
}

fn assert_ace_clean(epubs: &[PathBuf], expected: usize) {
    assert_eq!(epubs.len(), expected, "EPUBs to check: {epubs:?}");
    let reports = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for (i, epub) in epubs.iter().enumerate() {
        for v in ace_violations(epub, &reports.path().join(i.to_string())) {
            all.push(format!("{}: {v}", epub.display()));
        }
    }
    assert!(all.is_empty(), "Ace violations:\n{}", all.join("\n"));
}

#[test]
fn example_epubs_have_no_ace_violations() {
    if ace_skipped().is_some() {
        return;
    }
    // One EPUB per [[zine]] of the example library's zinepress.toml.
    let config = std::fs::read_to_string(repo().join("zinepress.toml")).unwrap();
    let zines = config.lines().filter(|l| l.trim() == "[[zine]]").count();
    assert_ace_clean(&epubs_in(example_build()), zines);
}

#[test]
fn fixture_epubs_have_no_ace_violations() {
    if ace_skipped().is_some() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let sources = markdown_fixtures();
    build_as("epub", &sources, out.path());
    assert_ace_clean(&epubs_in(out.path()), sources.len());
}

/// Builds `markdown` as a one-file zine and returns its package document.
fn opf_of(name: &str, markdown: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join(format!("{name}.md"));
    std::fs::write(&src, markdown).unwrap();
    let out = dir.path().join("out");
    build_as("epub", &[src], &out);
    let file = std::fs::File::open(out.join(format!("{name}.epub"))).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut opf = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("OEBPS/content.opf").unwrap(), &mut opf)
        .unwrap();
    opf
}

fn summary(opf: &str) -> &str {
    opf.split_once("property=\"schema:accessibilitySummary\">")
        .and_then(|(_, rest)| rest.split_once("</meta>"))
        .map(|(s, _)| s)
        .unwrap_or_else(|| panic!("no accessibility summary in {opf}"))
}

#[test]
fn accessibility_summary_follows_the_books_notes() {
    let with = opf_of(
        "with-notes",
        "---\ntitle: With notes\n---\n\nA claim.[^1]\n\n[^1]: Its source.\n",
    );
    let s = summary(&with);
    assert!(s.contains("each note links back"), "{s}");
    // The one image is the drawn type-only cover, with its alt text.
    assert!(s.contains("Every image has a text alternative"), "{s}");

    let without = opf_of(
        "without-notes",
        "---\ntitle: Without notes\n---\n\nA claim with no source.\n",
    );
    let s = summary(&without);
    assert!(!s.to_lowercase().contains("note"), "{s}");
    assert!(
        without.contains("alternativeText"),
        "the cover image has alt text: {without}"
    );
}
