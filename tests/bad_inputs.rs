//! The table of bad inputs in `tests/bad-inputs/cases.toml`: each gets its
//! exit code and a message naming the file, never a panic, and a failed
//! build writes nothing.

mod common;

use common::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    files: BTreeMap<String, String>,
    config: Option<String>,
    layout: Option<String>,
    args: Vec<String>,
    exit: i32,
    stderr: Vec<String>,
    outputs: bool,
    /// Strings no output may hold (in an EPUB's files or a PDF's text).
    #[serde(default)]
    absent: Vec<String>,
    /// Strings every EPUB and PDF must hold.
    #[serde(default)]
    present: Vec<String>,
}

/// The text of an output: every file of an EPUB, the text of a PDF; other files as they are.
fn output_text(path: &Path) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some("epub") => {
            let bytes = std::fs::read(path).unwrap();
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut all = String::new();
            for i in 0..zip.len() {
                let mut f = zip.by_index(i).unwrap();
                let mut b = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut b).unwrap();
                all.push_str(&String::from_utf8_lossy(&b));
            }
            all
        }
        Some("pdf") => pdf_text(path),
        _ => String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned(),
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn every_bad_input_gets_a_clear_answer() {
    let folder = repo().join("tests/bad-inputs");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(folder.join("cases.toml")).unwrap()).unwrap();
    assert!(cases.case.len() >= 10);
    let base = std::env::temp_dir().join(format!("zinepress-bad-inputs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    for (i, case) in cases.case.iter().enumerate() {
        let dir = base.join(format!("case-{i}"));
        std::fs::create_dir_all(dir.join("sources")).unwrap();
        for (to, from) in &case.files {
            let target = dir.join(to);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            if from == "generate:big" {
                let para = "A paragraph of an essay that goes on and on, as essays do.\n\n";
                std::fs::write(&target, para.repeat(25 * 1024 * 1024 / para.len() + 1)).unwrap();
            } else {
                std::fs::copy(folder.join(from), &target).unwrap();
            }
        }
        if let Some(config) = &case.config {
            std::fs::write(dir.join("zinepress.toml"), config).unwrap();
        }
        if let Some(layout) = &case.layout {
            std::fs::create_dir_all(dir.join("layouts")).unwrap();
            std::fs::write(dir.join("layouts/custom.toml"), layout).unwrap();
        }
        let before: Vec<PathBuf> = files_under(&base);
        let out_dir = dir.join("out");
        let o = zinepress().current_dir(&dir).arg("-C").arg(&dir).args(&case.args).arg("--out").arg(&out_dir).output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(case.exit), "{}: exit code; stderr:\n{err}", case.name);
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{}: panic:\n{err}", case.name);
        for needle in &case.stderr {
            assert!(err.contains(needle.as_str()), "{}: stderr lacks `{needle}`:\n{err}", case.name);
        }
        let written: Vec<PathBuf> = files_under(&out_dir).into_iter().filter(|p| !p.ends_with(".zinepress-cache.json")).collect();
        if case.outputs {
            assert!(!written.is_empty(), "{}: no outputs", case.name);
            for p in &written {
                assert!(p.starts_with(&out_dir), "{}: {} written outside the output folder", case.name, p.display());
            }
        } else {
            assert!(written.is_empty(), "{}: files written on a failure: {written:?}", case.name);
        }
        for p in written.iter().filter(|p| !p.ends_with(".zinepress-cache.json")) {
            let text = output_text(p);
            for s in &case.absent {
                assert!(!text.contains(s.as_str()), "{}: {} holds `{s}`", case.name, p.display());
            }
            if p.extension().is_some_and(|e| e == "epub" || e == "pdf") {
                let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
                for s in &case.present {
                    assert!(flat.contains(s.as_str()), "{}: {} lacks `{s}`", case.name, p.display());
                }
            }
        }
        let after: Vec<PathBuf> = files_under(&base).into_iter().filter(|p| !p.starts_with(&out_dir)).collect();
        let new: Vec<&PathBuf> = after.iter().filter(|p| !before.contains(p)).collect();
        assert!(new.is_empty(), "{}: files written outside the output folder: {new:?}", case.name);
    }
    let _ = std::fs::remove_dir_all(&base);
}
