//! The table of bad inputs in `tests/bad-inputs/cases.toml`: each gets its
//! exit code and a message naming the file, never a panic, and a failed
//! build writes nothing; what a build writes holds the images and words the
//! case expects, no file from outside the project it should not, and none
//! of the strings it names as dangerous.

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
    #[serde(default)]
    files: BTreeMap<String, String>,
    /// Files written from the text given here (`{outside}` is replaced).
    #[serde(default)]
    texts: BTreeMap<String, String>,
    /// Symbolic links made in the project: link → target, both relative to the project.
    #[serde(default)]
    links: BTreeMap<String, String>,
    config: Option<String>,
    layout: Option<String>,
    args: Vec<String>,
    exit: i32,
    stderr: Vec<String>,
    outputs: bool,
    /// Images every EPUB and PDF written must hold, besides the EPUB's cover image.
    images: Option<usize>,
    /// Text every EPUB and PDF written must show.
    #[serde(default)]
    words: Vec<String>,
    /// Files (project-relative) whose bytes must not be in any output…
    #[serde(default)]
    absent: Vec<String>,
    /// … or must be in every EPUB (a file passed through as it is).
    #[serde(default)]
    present: Vec<String>,
    /// Strings no output may hold (in an EPUB's files or a PDF's text).
    #[serde(default)]
    absent_text: Vec<String>,
    /// Strings every EPUB and PDF must hold.
    #[serde(default)]
    present_text: Vec<String>,
}

/// The text of an output: every file of an EPUB, the text of a PDF; other files as they are.
fn output_text(path: &Path) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some("epub") => epub_entries(path)
            .values()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect(),
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

/// The entries of an EPUB, by name, unpacked.
fn epub_entries(epub: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        out.insert(entry.name().to_string(), bytes);
    }
    out
}

/// The text of an EPUB's XHTML files, tags left out.
fn epub_text(entries: &BTreeMap<String, Vec<u8>>) -> String {
    let mut text = String::new();
    for (_, bytes) in entries.iter().filter(|(name, _)| name.ends_with(".xhtml")) {
        let mut in_tag = false;
        for c in String::from_utf8_lossy(bytes).chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    text.push(' ');
                }
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
    }
    text
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The images, words and files from outside that a case's outputs must (not) hold.
fn check_outputs(case: &Case, dir: &Path, written: &[PathBuf]) {
    let read = |p: &String| {
        std::fs::read(dir.join(p)).unwrap_or_else(|e| panic!("{}: cannot read {p}: {e}", case.name))
    };
    let absent: Vec<Vec<u8>> = case.absent.iter().map(read).collect();
    let present: Vec<Vec<u8>> = case.present.iter().map(read).collect();
    let expected_words: Vec<String> = case.words.iter().flat_map(|w| words(w)).collect();
    for out in written {
        let name = out.display();
        let ext = out.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let (images, text, blobs) = match ext {
            "epub" => {
                let entries = epub_entries(out);
                for (bytes, path) in present.iter().zip(&case.present) {
                    assert!(
                        entries.values().any(|e| contains(e, bytes)),
                        "{}: {path} is not in {name}",
                        case.name
                    );
                }
                // Every EPUB has one cover image (a zine without one gets its
                // type-only cover drawn); `images` counts the others.
                let covers = entries
                    .keys()
                    .filter(|n| n.starts_with("OEBPS/images/cover."))
                    .count();
                assert_eq!(covers, 1, "{}: one cover image in {name}", case.name);
                let images = entries
                    .keys()
                    .filter(|n| {
                        n.starts_with("OEBPS/images/") && !n.starts_with("OEBPS/images/cover.")
                    })
                    .count();
                (
                    images,
                    epub_text(&entries),
                    entries.into_values().collect::<Vec<_>>(),
                )
            }
            "pdf" => {
                let o = tool("pdfimages").arg("-list").arg(out).output().unwrap();
                assert!(
                    o.status.success(),
                    "{}: pdfimages failed on {name}",
                    case.name
                );
                let images = stdout(&o)
                    .lines()
                    .skip(2)
                    .filter(|l| !l.trim().is_empty())
                    .count();
                (images, pdf_text(out), vec![std::fs::read(out).unwrap()])
            }
            _ => continue,
        };
        if let Some(expected) = case.images {
            assert_eq!(images, expected, "{}: images in {name}", case.name);
        }
        let shown = words(&text);
        assert_eq!(
            first_missing_in_order(&expected_words, &shown),
            None,
            "{}: {name} lacks {:?}",
            case.name,
            case.words
        );
        for (bytes, path) in absent.iter().zip(&case.absent) {
            assert!(
                !blobs.iter().any(|b| contains(b, bytes)),
                "{}: {name} holds the bytes of {path}",
                case.name
            );
        }
    }
}

#[test]
fn every_bad_input_gets_a_clear_answer() {
    let folder = repo().join("tests/bad-inputs");
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string(folder.join("cases.toml")).unwrap()).unwrap();
    assert!(cases.case.len() >= 10);
    let base = std::env::temp_dir().join(format!("zinepress-bad-inputs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    for (i, case) in cases.case.iter().enumerate() {
        // The project, and beside it the folders its files must not reach.
        let dir = base.join(format!("case-{i}/project"));
        let outside = base.join(format!("case-{i}/outside"));
        std::fs::create_dir_all(dir.join("sources")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        let fill = |text: &str| text.replace("{outside}", outside.to_str().unwrap());
        for (to, text) in &case.texts {
            let target = dir.join(to);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, fill(text)).unwrap();
        }
        for (link, target) in &case.links {
            let link = dir.join(link);
            std::fs::create_dir_all(link.parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(dir.join(target), &link).unwrap();
        }
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
            std::fs::write(dir.join("zinepress.toml"), fill(config)).unwrap();
        }
        if let Some(layout) = &case.layout {
            std::fs::create_dir_all(dir.join("layouts")).unwrap();
            std::fs::write(dir.join("layouts/custom.toml"), layout).unwrap();
        }
        let before: Vec<PathBuf> = files_under(&base);
        let out_dir = dir.join("out");
        let o = zinepress()
            .current_dir(&dir)
            .arg("-C")
            .arg(&dir)
            .args(&case.args)
            .arg("--out")
            .arg(&out_dir)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(
            o.status.code(),
            Some(case.exit),
            "{}: exit code; stderr:\n{err}",
            case.name
        );
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{}: panic:\n{err}",
            case.name
        );
        for needle in &case.stderr {
            assert!(
                err.contains(needle.as_str()),
                "{}: stderr lacks `{needle}`:\n{err}",
                case.name
            );
        }
        let written: Vec<PathBuf> = files_under(&out_dir)
            .into_iter()
            .filter(|p| !p.ends_with(".zinepress-cache.json"))
            .collect();
        if case.outputs {
            assert!(!written.is_empty(), "{}: no outputs", case.name);
            for p in &written {
                assert!(
                    p.starts_with(&out_dir),
                    "{}: {} written outside the output folder",
                    case.name,
                    p.display()
                );
            }
            check_outputs(case, &dir, &written);
        } else {
            assert!(
                written.is_empty(),
                "{}: files written on a failure: {written:?}",
                case.name
            );
        }
        for p in written
            .iter()
            .filter(|p| !p.ends_with(".zinepress-cache.json"))
        {
            // The preview page (index.html) reports the warnings, which
            // name what was removed; the zine's own files must not hold it.
            if p.ends_with("index.html") {
                continue;
            }
            let text = output_text(p);
            for s in &case.absent_text {
                assert!(
                    !text.contains(s.as_str()),
                    "{}: {} holds `{s}`",
                    case.name,
                    p.display()
                );
            }
            if p.extension().is_some_and(|e| e == "epub" || e == "pdf") {
                let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
                for s in &case.present_text {
                    assert!(
                        flat.contains(s.as_str()),
                        "{}: {} lacks `{s}`",
                        case.name,
                        p.display()
                    );
                }
            }
        }
        let after: Vec<PathBuf> = files_under(&base)
            .into_iter()
            .filter(|p| !p.starts_with(&out_dir))
            .collect();
        let new: Vec<&PathBuf> = after.iter().filter(|p| !before.contains(p)).collect();
        assert!(
            new.is_empty(),
            "{}: files written outside the output folder: {new:?}",
            case.name
        );
    }
    let _ = std::fs::remove_dir_all(&base);
}
