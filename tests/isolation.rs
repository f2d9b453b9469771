//! A zine whose build panics fails alone (issue 23): the real binary, with
//! the test-only switch `ZINEPRESS_TEST_PANIC`, and the em-dash sentence that
//! used to panic, built in every layout.

mod common;

use common::*;
use std::path::Path;
use std::process::Output;
use tempfile::TempDir;

const SENTENCE: &str =
    "They said it was over—finished—done—gone—forgotten—buried—ended—and yet here we are again.";

/// A project of small Markdown zines, each `(slug, text)`, with one imposed layout.
fn project(zines: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("zinepress-isolation-")
        .tempdir()
        .unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    let mut config = String::from("[project]\nlayouts = [\"minizine-a4\"]\n");
    for (slug, text) in zines {
        std::fs::write(
            dir.path().join(format!("sources/{slug}.md")),
            format!("---\ntitle: {slug}\n---\n\n{text}\n"),
        )
        .unwrap();
        config.push_str(&format!("\n[[zine]]\nsource = \"sources/{slug}.md\"\n"));
    }
    std::fs::write(dir.path().join("zinepress.toml"), config).unwrap();
    dir
}

/// `zinepress build ARGS` in `dir`, with the default panic output as a user gets it.
fn build(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = zinepress();
    c.current_dir(dir)
        .arg("build")
        .args(args)
        .env_remove("RUST_BACKTRACE");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the zinepress binary runs")
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_zine_that_panics_fails_alone_with_a_clear_line_and_no_temp_files() {
    let p = project(&[
        ("first", "One paragraph."),
        ("boom", "Another paragraph."),
        ("last", SENTENCE),
    ]);
    for jobs in ["1", "3"] {
        let out = p.path().join(format!("dist-{jobs}"));
        let o = build(
            p.path(),
            &["--out", out.to_str().unwrap(), "--json", "--jobs", jobs],
            &[("ZINEPRESS_TEST_PANIC", "boom")],
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            !err.contains("panicked"),
            "the panic's own message is not shown: {err}"
        );
        let line = err
            .lines()
            .find(|l| l.starts_with("failed boom: "))
            .unwrap_or_else(|| panic!("no failure line: {err}"));
        let at = line
            .strip_prefix("failed boom: internal error at src/build/isolate.rs:")
            .and_then(|r| r.strip_suffix(" (please report)"));
        assert!(at.is_some_and(|n| n.parse::<u32>().is_ok()), "{line}");

        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(report["totals"]["failed"], 1);
        assert_eq!(report["totals"]["built"], 2);
        let boom = report["zines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|z| z["slug"] == "boom")
            .unwrap();
        assert_eq!(boom["ok"], false);
        assert!(
            boom["error"]
                .as_str()
                .unwrap()
                .starts_with("internal error at src/build/isolate.rs:"),
            "{boom}"
        );
        assert_eq!(boom["outputs"].as_array().unwrap().len(), 0);

        // The panic came after boom's files were written under temporary names: all are gone.
        let names = names(&out);
        assert!(
            names
                .iter()
                .all(|n| !n.ends_with(".tmp") && !n.starts_with("boom.")),
            "{names:?}"
        );
        for slug in ["first", "last"] {
            for ext in ["epub", "pdf", "minizine-a4.pdf"] {
                assert!(
                    names.contains(&format!("{slug}.{ext}")),
                    "{slug}.{ext} missing: {names:?}"
                );
            }
        }
    }
    // Without the switch the same project builds whole.
    let o = build(p.path(), &["--out", "dist-ok"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn the_em_dash_sentence_builds_in_every_layout() {
    let p = project(&[("dashes", SENTENCE)]);
    let listed = run_in(p.path(), &["layouts"]);
    let layouts: Vec<String> = stdout(&listed)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    assert!(
        layouts.len() >= 7 && layouts.iter().any(|l| l == "minizine-a4"),
        "{layouts:?}"
    );
    let mut args = vec!["--out", "dist", "--proof"];
    for l in &layouts {
        args.extend(["--layout", l.as_str()]);
    }
    let o = build(p.path(), &args, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Every PDF of pages in reading order (the imposed ones, with a guide, have their proofs).
    let files = names(&p.path().join("dist"));
    let pages: Vec<&String> = files
        .iter()
        .filter(|n| n.ends_with(".pdf") && !files.contains(&n.replace(".pdf", ".guide.png")))
        .collect();
    assert!(pages.len() > layouts.len(), "{files:?}");
    let sentence = words(SENTENCE);
    for pdf in pages {
        let text = pdf_text(&p.path().join("dist").join(pdf));
        assert_eq!(
            first_missing_in_order(&sentence, &words(&text)),
            None,
            "{pdf}: {text}"
        );
    }
}
