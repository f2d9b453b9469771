//! The command line on real files: layouts, normalize, check, errors.

mod common;

use common::*;

fn temp_project(name: &str, config: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("zinepress-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::copy(
        repo().join("sources/towards-autonomous-solidarity.txt"),
        dir.join("sources/essay.txt"),
    )
    .unwrap();
    std::fs::write(dir.join("zinepress.toml"), config).unwrap();
    dir
}

#[test]
fn layouts_lists_every_required_layout_with_a_description() {
    let o = run_in(&repo(), &["layouts"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for name in [
        "reading-a5",
        "booklet-letter",
        "booklet-a4",
        "quarter-letter",
        "minizine-letter",
        "minizine-a4",
    ] {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{out}"));
        assert!(
            line.split_whitespace().count() > 3,
            "{name} has no description"
        );
    }
}

#[test]
fn every_layout_file_parses() {
    for entry in std::fs::read_dir(repo().join("layouts")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_str().unwrap();
        zinepress::layout::Layout::parse(name, &text, &path).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn a_typo_in_zinepress_toml_names_the_key_and_line() {
    let dir = temp_project("typo", "[project]\nlanguage = \"en\"\n\n[[zine]]\nsource = \"sources/essay.txt\"\ntitel = \"Oops\"\n");
    let o = run_in(&dir, &["build", "--out", "dist"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("zinepress.toml:6") && err.contains("titel"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!dir.join("dist").exists(), "no output on a config error");
}

#[test]
fn an_unknown_layout_lists_the_valid_names() {
    let dir = temp_project("layout", "[project]\nlayouts = [\"booklet-legal\"]\n");
    let o = run_in(&dir, &["build"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("booklet-legal")
            && err.contains("booklet-a4")
            && err.contains("zinepress.toml"),
        "{err}"
    );
}

#[test]
fn a_source_outside_the_project_builds_with_defaults() {
    let dir = temp_project("outside", "");
    let out = dir.join("out");
    let o = run_in(
        &repo(),
        &[
            "build",
            dir.join("sources/essay.txt").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "pdf",
            "--layout",
            "booklet-a4",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("essay.pdf").is_file());
    assert!(out.join("essay.booklet-a4.pdf").is_file());
    assert!(!out.join("essay.epub").exists());
    assert!(!out.join("essay.booklet-letter.pdf").exists());
}

#[test]
fn a_missing_source_names_the_file() {
    let o = run_in(
        &repo(),
        &["build", "no/such/file.txt", "--out", "/tmp/zinepress-never"],
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("no/such/file.txt"), "{}", stderr(&o));
}

#[test]
fn normalize_prints_markdown_with_the_title() {
    let o = run_in(
        &repo(),
        &["normalize", "sources/towards-autonomous-solidarity.txt"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("# Towards Autonomous Solidarity"),
        "{}",
        out.chars().take(200).collect::<String>()
    );
    assert!(out.contains("Leftism"));
}

#[test]
fn normalize_says_on_stderr_what_build_says_and_keeps_stdout_markdown() {
    let dir = temp_project("normalize-notice", "");
    // "Café" in Windows-1252: the é is byte 0xE9, not valid UTF-8.
    std::fs::write(
        dir.join("sources/latin.txt"),
        b"Caf\xe9 au lait was served at the meeting.\n\nA second paragraph followed it.\n",
    )
    .unwrap();
    let o = run_in(&dir, &["normalize", "sources/latin.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning: ") && err.contains("latin.txt") && err.contains("Windows-1252"),
        "{err}"
    );
    let out = stdout(&o);
    assert!(out.contains("Café au lait"), "{out}");
    assert!(!out.contains("warning"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_reports_the_cut_comments_of_001() {
    let o = run_in(&repo(), &["check", "sources/for-dissent-and-diversity.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("cut by zinepress.toml"), "{out}");
    assert!(out.contains("I really appreciate your writing"), "{out}");
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_without_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    for args in [
        ["normalize", "sources/socialism-from-below.txt"],
        ["check", "sources/socialism-from-below.txt"],
    ] {
        let mut child = common::zinepress()
            .current_dir(common::repo())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("zinepress starts");
        // Read one byte, as `| head -c 1` would, then close the pipe.
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !err.contains("panicked"),
            "{args:?}: exit {}, stderr:\n{err}",
            out.status
        );
    }
}
