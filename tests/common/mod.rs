//! Helpers for integration tests: the real binary, the repo, temp folders, tools.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn zinepress() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zinepress"));
    c.env("SOURCE_DATE_EPOCH", "1700000000");
    c
}

/// Runs zinepress in `dir` with `args`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    zinepress()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the zinepress binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A tool the tests need; a missing tool fails the test with how to get it.
pub fn tool(name: &str) -> Command {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is not installed: run scripts/test, which installs the validators the tests use"
    );
    Command::new(name)
}

/// The example library built once per test binary into a temp folder.
pub fn example_build() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("zinepress-example-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let o = run_in(&repo(), &["build", "--out", out.to_str().unwrap()]);
        assert!(o.status.success(), "example build failed: {}", stderr(&o));
        out
    })
}

/// The Markdown fixtures, tests/fixtures/markdown/*.md, sorted.
pub fn markdown_fixtures() -> Vec<PathBuf> {
    let mut sources: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures/markdown"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    sources.sort();
    sources
}

/// Builds the files `sources` into `out` in one `format` ("epub", "pdf");
/// the build must succeed.
pub fn build_as(format: &str, sources: &[PathBuf], out: &Path) -> Output {
    let o = zinepress()
        .arg("build")
        .args(sources)
        .arg("--out")
        .arg(out)
        .args(["--format", format])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "building {sources:?} as {format} failed: {}",
        stderr(&o)
    );
    o
}

pub const SEEDS: [&str; 5] = [
    "towards-autonomous-solidarity",
    "for-dissent-and-diversity",
    "beyond-activism",
    "a-critique-of-ally-politics",
    "socialism-from-below",
];

/// Lower-case letter-and-digit words, hyphens dropped, for comparing texts.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '—' || c == '–' || c == '/' || c == '…')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// pdftotext output with words hyphenated at line ends joined again.
pub fn pdf_text(pdf: &Path) -> String {
    let o = tool("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    let text = String::from_utf8_lossy(&o.stdout);
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_end();
        if let Some(stem) = t
            .strip_suffix('-')
            .filter(|s| s.ends_with(char::is_alphabetic))
        {
            out.push_str(stem);
        } else {
            out.push_str(t);
            out.push('\n');
        }
    }
    out
}

/// Index of the first word of `needle` missing from `hay` in order, if any.
pub fn first_missing_in_order(needle: &[String], hay: &[String]) -> Option<usize> {
    let mut j = 0;
    for (i, w) in needle.iter().enumerate() {
        while j < hay.len() && &hay[j] != w {
            j += 1;
        }
        if j == hay.len() {
            return Some(i);
        }
        j += 1;
    }
    None
}

/// One page of `pdftotext -bbox`: its size and its words.
pub struct BboxPage {
    pub width: f32,
    pub height: f32,
    pub words: Vec<BboxWord>,
}

/// A word with its box: centre, right edge, height, in points, y down.
#[derive(Debug, Clone)]
pub struct BboxWord {
    pub x: f32,
    pub y: f32,
    pub x_max: f32,
    pub height: f32,
    pub text: String,
}

fn bbox_attr(tag: &str, name: &str) -> f32 {
    let key = format!(" {name}=\"");
    tag.split(&key)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(f32::NAN)
}

/// Every page of `pdf` with its words' boxes, from `pdftotext -bbox`.
pub fn bbox_pages(pdf: &Path) -> Vec<BboxPage> {
    let o = tool("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    let mut pages: Vec<BboxPage> = Vec::new();
    for line in stdout(&o).lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(BboxPage {
                width: bbox_attr(line, "width"),
                height: bbox_attr(line, "height"),
                words: Vec::new(),
            });
        } else if line.starts_with("<word ") {
            let text = line
                .split('>')
                .nth(1)
                .and_then(|t| t.split('<').next())
                .unwrap_or("")
                .to_string();
            let (x0, y0, x1, y1) = (
                bbox_attr(line, "xMin"),
                bbox_attr(line, "yMin"),
                bbox_attr(line, "xMax"),
                bbox_attr(line, "yMax"),
            );
            let word = BboxWord {
                x: (x0 + x1) / 2.0,
                y: (y0 + y1) / 2.0,
                x_max: x1.max(x0),
                height: (y1 - y0).abs(),
                text,
            };
            pages
                .last_mut()
                .expect("a word inside a page")
                .words
                .push(word);
        }
    }
    pages
}

/// The words as a multiset, for comparing what two areas show.
pub fn bag<'a>(
    words: impl Iterator<Item = &'a BboxWord>,
) -> std::collections::BTreeMap<String, usize> {
    let mut m = std::collections::BTreeMap::new();
    for w in words {
        *m.entry(w.text.clone()).or_insert(0) += 1;
    }
    m
}

/// Runs epubcheck on an EPUB or a folder of EPUBs and fails the test on any
/// error, warning, fatal or usage message, or a failing exit.
pub fn assert_epubcheck_clean(path: &Path) {
    let out = tool("epubcheck")
        .arg(path)
        .output()
        .expect("epubcheck runs");
    let text = format!("{}{}", stdout(&out), stderr(&out));
    let bad: Vec<&str> = text
        .lines()
        .filter(|l| {
            ["ERROR", "WARNING", "FATAL", "USAGE"]
                .iter()
                .any(|w| l.contains(w))
        })
        .collect();
    assert!(
        bad.is_empty() && out.status.success(),
        "epubcheck on {} exited with {} and reported:\n{}",
        path.display(),
        out.status,
        if bad.is_empty() {
            text.as_str().to_owned()
        } else {
            bad.join("\n")
        }
    );
}
