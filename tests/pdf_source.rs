//! PDF sources read with their geometry: every `NAME.pdf` in tests/cases/pdf is
//! given to the real binary (`zinepress normalize`) and its output compared with
//! `NAME.expected.md`, or its error with the lines of `NAME.expected-error.txt`;
//! with `NAME.expected-warning.txt`, it is built and the build must say those lines.

mod common;

use common::{run_in, stderr, stdout};
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    common::repo().join("tests/cases/pdf")
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases/pdf exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    v.sort();
    v
}

fn sibling(pdf: &Path, suffix: &str) -> PathBuf {
    let stem = pdf.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    pdf.with_file_name(format!("{stem}.{suffix}"))
}

#[test]
fn every_pdf_case_gives_its_expected_text_or_error() {
    let cases = cases();
    assert!(cases.len() >= 4, "the PDF cases are missing: {cases:?}");
    for pdf in cases {
        let name = pdf.file_name().unwrap().to_str().unwrap().to_string();
        let out = run_in(&cases_dir(), &["normalize", &name]);
        let expected = sibling(&pdf, "expected.md");
        let error = sibling(&pdf, "expected-error.txt");
        let warning = sibling(&pdf, "expected-warning.txt");
        if let Ok(want) = std::fs::read_to_string(&warning) {
            // Built, and the default output of the build says what was doubtful.
            let dir =
                std::env::temp_dir().join(format!("zinepress-pdfwarn-{}", std::process::id()));
            let out = common::zinepress()
                .current_dir(cases_dir())
                .args(["build", &name, "--format", "epub", "--out"])
                .arg(&dir)
                .output()
                .unwrap();
            let _ = std::fs::remove_dir_all(&dir);
            assert!(out.status.success(), "{name}: {}", stderr(&out));
            let said = stdout(&out) + &stderr(&out);
            for line in want.lines().filter(|l| !l.trim().is_empty()) {
                assert!(
                    said.contains(line),
                    "{name}: the build does not say {line:?}: {said}"
                );
            }
        } else if let Ok(want) = std::fs::read_to_string(&expected) {
            assert!(out.status.success(), "{name}: {}", stderr(&out));
            assert_eq!(stdout(&out), want, "{name}: the text read differs");
        } else {
            let want = std::fs::read_to_string(&error).unwrap_or_else(|_| {
                panic!("{name}: neither NAME.expected.md nor NAME.expected-error.txt")
            });
            assert!(!out.status.success(), "{name}: should fail");
            let err = stderr(&out);
            for line in want.lines().filter(|l| !l.trim().is_empty()) {
                assert!(
                    err.contains(line),
                    "{name}: the error lacks {line:?}: {err}"
                );
            }
        }
    }
}

#[test]
fn check_reports_the_running_head_folios_and_the_moved_note() {
    let out = run_in(&cases_dir(), &["check", "indent.pdf"]);
    let text = stdout(&out) + &stderr(&out);
    for want in [
        "running head removed: Notes on the Free School",
        "page number removed: 1",
        "page number removed: 2",
        "foot-of-page note moved to its reference: note 1",
    ] {
        assert!(text.contains(want), "check lacks {want:?}:\n{text}");
    }
}

#[test]
fn a_pdf_in_sources_is_built_as_an_epub() {
    let dir = std::env::temp_dir().join(format!("zinepress-pdfsrc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::copy(
        cases_dir().join("spacing.pdf"),
        dir.join("sources/free-school.pdf"),
    )
    .unwrap();
    let out = run_in(&dir, &["build", "--format", "epub", "--out", "dist"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let epub = std::fs::read_dir(dir.join("dist"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "epub"));
    assert!(epub.is_some(), "no EPUB built from sources/free-school.pdf");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn garbage_and_cut_short_pdfs_are_errors_that_name_the_file() {
    let dir = std::env::temp_dir().join(format!("zinepress-pdfbad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let whole = std::fs::read(cases_dir().join("indent.pdf")).unwrap();
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("garbage.pdf", b"%PDF-1.7\n\x00\xff nothing here".to_vec()),
        ("half.pdf", whole[..whole.len() / 2].to_vec()),
        ("text.pdf", b"just some words, not a PDF".to_vec()),
    ];
    for (name, bytes) in inputs {
        std::fs::write(dir.join(name), bytes).unwrap();
        let out = run_in(&dir, &["normalize", name]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{name} should fail");
        assert!(
            err.contains(name) && !err.contains("panicked"),
            "{name}: {err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
