//! Batch builds on the real binary: determinism, dates, the incremental
//! cache, shards, failures, the `--json` report and `zinepress init`.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::SystemTime;
use tempfile::TempDir;

const ESSAY: &str = "sources/towards-autonomous-solidarity.txt";
const HOWTO: &str = "sources/how-to-make-a-zine.md";

/// A temp project: `files` are (path in the project, path in this repo).
fn project(config: &str, files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("zinepress-batch-")
        .tempdir_in(std::env::temp_dir())
        .unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    for (to, from) in files {
        std::fs::copy(repo().join(from), dir.path().join(to)).unwrap();
    }
    std::fs::write(dir.path().join("zinepress.toml"), config).unwrap();
    dir
}

/// Two zines: the essay and the how-to, each with one imposed layout.
fn two_zines() -> TempDir {
    let config = "[project]\nlayouts = [\"booklet-a4\"]\n\n[[zine]]\nsource = \"sources/essay.txt\"\n\n[[zine]]\nsource = \"sources/howto.md\"\nlayouts = [\"minizine-a4\"]\n";
    project(
        config,
        &[("sources/essay.txt", ESSAY), ("sources/howto.md", HOWTO)],
    )
}

fn build(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

fn build_ok(dir: &Path, args: &[&str]) -> Output {
    let o = build(dir, args);
    assert!(o.status.success(), "build {args:?} failed: {}", stderr(&o));
    o
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("--json output does not parse: {e}\n{}", stdout(o)))
}

/// Every file of a folder (hidden ones too) with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::metadata(&p).unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// Builds `format` into dist/ again: slug → cached.
fn rebuilt(dir: &Path, format: &str) -> BTreeMap<String, bool> {
    cached(&json(&build_ok(
        dir,
        &["--out", "dist", "--format", format, "--json"],
    )))
}

/// The cache flags expected of the two zines of [`two_zines`].
fn from_cache(essay: bool, howto: bool) -> BTreeMap<String, bool> {
    BTreeMap::from([("essay".into(), essay), ("howto".into(), howto)])
}

/// The build cache file of dist/.
fn cache_file(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("dist/.zinepress-cache.json")).unwrap()).unwrap()
}

/// slug → cached, from a `--json` report.
fn cached(report: &serde_json::Value) -> BTreeMap<String, bool> {
    report["zines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| {
            (
                z["slug"].as_str().unwrap().to_string(),
                z["cached"].as_bool().expect("every zine has `cached`"),
            )
        })
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `dcterms:modified` of an EPUB's package document.
fn epub_modified(epub: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let opf_name = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .find(|n| n.ends_with(".opf"))
        .expect("an OPF in the EPUB");
    let mut opf = String::new();
    zip.by_name(&opf_name)
        .unwrap()
        .read_to_string(&mut opf)
        .unwrap();
    let doc = roxmltree::Document::parse(&opf).unwrap();
    doc.descendants()
        .find(|n| n.has_tag_name("meta") && n.attribute("property") == Some("dcterms:modified"))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no dcterms:modified in {opf_name}"))
        .to_string()
}

/// `pdfinfo -isodates`'s CreationDate line.
fn pdf_created(pdf: &Path) -> String {
    let o = tool("pdfinfo").arg("-isodates").arg(pdf).output().unwrap();
    assert!(o.status.success(), "pdfinfo failed on {}", pdf.display());
    let info = String::from_utf8_lossy(&o.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("CreationDate:"))
        .map(|d| d.trim().to_string())
        .unwrap_or_else(|| panic!("no CreationDate:\n{info}"))
}

fn no_temp_files(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        let temps: Vec<String> = entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(
            temps.is_empty(),
            "temporary files left in {}: {temps:?}",
            dir.display()
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let p = two_zines();
    build_ok(p.path(), &["--out", "one", "--jobs", "1"]);
    build_ok(p.path(), &["--out", "two", "--jobs", "2"]);
    let (one, two) = (files(&p.path().join("one")), files(&p.path().join("two")));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for name in [
        "essay.epub",
        "essay.pdf",
        "essay.booklet-a4.pdf",
        "howto.epub",
        "howto.pdf",
        "howto.minizine-a4.pdf",
        ".zinepress-cache.json",
    ] {
        assert!(one.contains_key(name), "{name} missing: {:?}", one.keys());
    }
    for (name, bytes) in &one {
        assert!(
            bytes == &two[name],
            "{name} differs between two builds of the same inputs"
        );
    }
}

#[test]
fn source_date_epoch_sets_the_dates_in_epub_and_pdf() {
    let p = two_zines();
    let o = zinepress()
        .current_dir(p.path())
        .env("SOURCE_DATE_EPOCH", "1600000000")
        .args(["build", "--out", "dist", "--layout", "booklet-a4"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let dist = p.path().join("dist");
    assert_eq!(
        epub_modified(&dist.join("essay.epub")),
        "2020-09-13T12:26:40Z"
    );
    for pdf in ["essay.pdf", "essay.booklet-a4.pdf", "howto.pdf"] {
        let date = pdf_created(&dist.join(pdf));
        assert!(
            date.starts_with("2020-09-13T12:26:40"),
            "{pdf}: CreationDate {date}"
        );
    }
}

#[test]
fn without_source_date_epoch_dates_come_from_git_then_the_file() {
    let p = two_zines();
    let git = |args: &[&str]| {
        let o = tool("git")
            .current_dir(p.path())
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .env("GIT_AUTHOR_DATE", "@1500000000 +0000")
            .env("GIT_COMMITTER_DATE", "@1500000000 +0000")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "sources/essay.txt"]);
    git(&["commit", "-q", "-m", "essay"]);
    // howto.md stays untracked: its date is its modification time.
    let f = std::fs::File::options()
        .write(true)
        .open(p.path().join("sources/howto.md"))
        .unwrap();
    f.set_modified(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_400_000_000))
        .unwrap();
    drop(f);
    let o = zinepress()
        .env_remove("SOURCE_DATE_EPOCH")
        .current_dir(p.path())
        .args(["build", "--out", "dist", "--format", "epub"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let dist = p.path().join("dist");
    assert_eq!(
        epub_modified(&dist.join("essay.epub")),
        "2017-07-14T02:40:00Z",
        "the last commit's time"
    );
    assert_eq!(
        epub_modified(&dist.join("howto.epub")),
        "2014-05-13T16:53:20Z",
        "the untracked file's mtime"
    );
}

#[test]
fn only_the_changed_zine_is_rebuilt() {
    let p = two_zines();
    let dist = p.path().join("dist");
    let first = json(&build_ok(p.path(), &["--out", "dist", "--json"]));
    assert_eq!(
        cached(&first),
        BTreeMap::from([("essay".into(), false), ("howto".into(), false)])
    );
    let before = mtimes(&dist);
    let bytes_before = files(&dist);

    // Nothing changed: nothing is touched, not even the cache file.
    let again = json(&build_ok(p.path(), &["--out", "dist", "--json"]));
    assert_eq!(
        cached(&again),
        BTreeMap::from([("essay".into(), true), ("howto".into(), true)])
    );
    assert_eq!(
        mtimes(&dist),
        before,
        "a rebuild with nothing changed touched a file"
    );
    assert_eq!(again["totals"]["cached"], 2);
    assert_eq!(again["totals"]["built"], 0);
    // A cached zine still lists its outputs, as the first build did.
    assert_eq!(again["zines"][0]["outputs"], first["zines"][0]["outputs"]);
    assert_eq!(again["zines"][1]["warnings"], first["zines"][1]["warnings"]);

    // One source changes: only its outputs are written.
    let howto = p.path().join("sources/howto.md");
    let mut text = std::fs::read_to_string(&howto).unwrap();
    text.push_str("\nOne more paragraph, added for the incremental test.\n");
    std::fs::write(&howto, text).unwrap();
    let changed = json(&build_ok(p.path(), &["--out", "dist", "--json"]));
    assert_eq!(
        cached(&changed),
        BTreeMap::from([("essay".into(), true), ("howto".into(), false)])
    );
    let after = mtimes(&dist);
    let bytes_after = files(&dist);
    for (name, time) in &before {
        if name.starts_with("essay.") {
            assert_eq!(
                &after[name], time,
                "{name} was rewritten although its zine did not change"
            );
            assert_eq!(bytes_after[name], bytes_before[name]);
        }
    }
    assert_ne!(
        bytes_after["howto.epub"], bytes_before["howto.epub"],
        "howto.epub should hold the new paragraph"
    );
    assert_ne!(after["howto.pdf"], before["howto.pdf"]);

    // A changed zinepress.toml table rebuilds that zine only.
    let config = std::fs::read_to_string(p.path().join("zinepress.toml"))
        .unwrap()
        .replace(
            "source = \"sources/essay.txt\"\n",
            "source = \"sources/essay.txt\"\ntitle = \"Retitled\"\n",
        );
    std::fs::write(p.path().join("zinepress.toml"), config).unwrap();
    let retitled = json(&build_ok(p.path(), &["--out", "dist", "--json"]));
    assert_eq!(
        cached(&retitled),
        BTreeMap::from([("essay".into(), false), ("howto".into(), true)])
    );

    // A deleted or altered output is noticed and rebuilt.
    std::fs::remove_file(dist.join("howto.minizine-a4.pdf")).unwrap();
    std::fs::write(dist.join("essay.pdf"), b"not the PDF any more").unwrap();
    let repaired = json(&build_ok(p.path(), &["--out", "dist", "--json"]));
    assert_eq!(
        cached(&repaired),
        BTreeMap::from([("essay".into(), false), ("howto".into(), false)])
    );
    assert!(dist.join("howto.minizine-a4.pdf").is_file());
    assert!(std::fs::read(dist.join("essay.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));

    // Other build options are other inputs.
    let proof = json(&build_ok(p.path(), &["--out", "dist", "--json", "--proof"]));
    assert_eq!(
        cached(&proof),
        BTreeMap::from([("essay".into(), false), ("howto".into(), false)])
    );

    // --force rebuilds everything, to the same bytes.
    let before = mtimes(&dist);
    let bytes_before = files(&dist);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let forced = json(&build_ok(
        p.path(),
        &["--out", "dist", "--json", "--proof", "--force"],
    ));
    assert_eq!(
        cached(&forced),
        BTreeMap::from([("essay".into(), false), ("howto".into(), false)])
    );
    let after = mtimes(&dist);
    assert_ne!(after["essay.epub"], before["essay.epub"]);
    assert_ne!(after["howto.pdf"], before["howto.pdf"]);
    assert_eq!(files(&dist), bytes_before);
}

#[test]
fn a_changed_layout_or_font_rebuilds() {
    let p = two_zines();
    build_ok(p.path(), &["--out", "dist", "--format", "pdf"]);
    // A project layout file replacing the built-in booklet-a4, used only by the essay.
    std::fs::create_dir_all(p.path().join("layouts")).unwrap();
    let layout = std::fs::read_to_string(repo().join("layouts/booklet-a4.toml")).unwrap();
    std::fs::write(
        p.path().join("layouts/booklet-a4.toml"),
        format!("{layout}\n# a comment is a change\n"),
    )
    .unwrap();
    assert_eq!(rebuilt(p.path(), "pdf"), from_cache(false, true));
    // A font in fonts/ replaces the built-in family for every zine (here: the
    // regular face alone, so the others fall back to it).
    std::fs::create_dir_all(p.path().join("fonts")).unwrap();
    std::fs::copy(
        repo().join("fonts/LinLibertine_R.otf"),
        p.path().join("fonts/LinLibertine_R.otf"),
    )
    .unwrap();
    assert_eq!(rebuilt(p.path(), "pdf"), from_cache(false, false));
    // A cover appears.
    std::fs::create_dir_all(p.path().join("covers")).unwrap();
    std::fs::copy(
        p.path().join("dist/essay.booklet-a4.guide.png"),
        p.path().join("covers/howto.png"),
    )
    .unwrap();
    assert_eq!(rebuilt(p.path(), "pdf"), from_cache(true, false));
}

#[test]
fn an_epub_only_build_depends_on_the_fonts_only_through_a_type_only_cover() {
    let p = two_zines();
    std::fs::create_dir_all(p.path().join("covers")).unwrap();
    std::fs::copy(
        repo().join("covers/how-to-make-a-zine.png"),
        p.path().join("covers/howto.png"),
    )
    .unwrap();
    build_ok(p.path(), &["--out", "dist", "--format", "epub"]);
    let cache = cache_file(p.path());
    // Written only where false: the essay's type-only cover is set in the fonts.
    assert_eq!(cache["zines"]["howto"]["uses_fonts"], false);
    assert!(cache["zines"]["essay"].get("uses_fonts").is_none());
    assert_eq!(rebuilt(p.path(), "epub"), from_cache(true, true));
    // New fonts: the type-only cover is drawn again, the cover image's EPUB stays.
    std::fs::create_dir_all(p.path().join("fonts")).unwrap();
    std::fs::copy(
        repo().join("fonts/LinLibertine_R.otf"),
        p.path().join("fonts/LinLibertine_R.otf"),
    )
    .unwrap();
    assert_eq!(rebuilt(p.path(), "epub"), from_cache(false, true));
    // The PDFs use the fonts for both.
    build_ok(p.path(), &["--out", "dist"]);
    let cache = cache_file(p.path());
    assert!(cache["zines"]["howto"].get("uses_fonts").is_none());
}

#[test]
fn images_a_source_names_and_allow_paths_are_inputs() {
    let (one, two) = (
        "covers/how-to-make-a-zine.png",
        "covers/beyond-activism.png",
    );
    let text = "---\ntitle: Pictures\ncover: cover.png\n---\n\nWords before.\n\n![A figure](figure.png)\n\nWords after.\n";
    let p = project(
        "[[zine]]\nsource = \"sources/pictures.md\"\n",
        &[("sources/figure.png", one), ("sources/cover.png", one)],
    );
    std::fs::write(p.path().join("sources/pictures.md"), text).unwrap();
    let args = ["--out", "dist", "--format", "epub", "--json"];
    let first = json(&build_ok(p.path(), &args));
    assert_eq!(cached(&first), BTreeMap::from([("pictures".into(), false)]));
    assert_eq!(first["allow_paths"], serde_json::json!([]));
    assert_eq!(
        cached(&json(&build_ok(p.path(), &args))),
        BTreeMap::from([("pictures".into(), true)])
    );
    // A figure's bytes, then the front-matter cover's, are inputs.
    for file in ["sources/figure.png", "sources/cover.png"] {
        std::fs::copy(repo().join(two), p.path().join(file)).unwrap();
        assert_eq!(
            cached(&json(&build_ok(p.path(), &args))),
            BTreeMap::from([("pictures".into(), false)]),
            "{file}"
        );
        assert_eq!(
            cached(&json(&build_ok(p.path(), &args))),
            BTreeMap::from([("pictures".into(), true)]),
            "{file}"
        );
    }
    // Opting a folder in changes what a source may reach: every zine is rebuilt, and the report says so.
    let shared = tempfile::tempdir().unwrap();
    let config = format!(
        "[project]\nallow_paths = [\"{}\"]\n\n[[zine]]\nsource = \"sources/pictures.md\"\n",
        shared.path().display()
    );
    std::fs::write(p.path().join("zinepress.toml"), config).unwrap();
    let opted = json(&build_ok(p.path(), &args));
    assert_eq!(cached(&opted), BTreeMap::from([("pictures".into(), false)]));
    assert_eq!(
        opted["allow_paths"],
        serde_json::json!([shared.path().display().to_string()])
    );
}

#[test]
fn shards_together_equal_the_full_build() {
    let slugs = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
    ];
    let config: String = slugs
        .iter()
        .map(|s| format!("[[zine]]\nsource = \"sources/howto.md\"\nslug = \"{s}\"\n\n"))
        .collect();
    let p = project(&config, &[("sources/howto.md", HOWTO)]);
    let args = ["--format", "epub,pdf", "--layout", "minizine-a4", "--json"];
    let full_report = json(&build_ok(
        p.path(),
        &[&["--out", "full"][..], &args[..]].concat(),
    ));
    assert_eq!(full_report["totals"]["zines"], slugs.len());
    let mut union: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut built: Vec<String> = Vec::new();
    for k in 1..=3u32 {
        let out = format!("shard{k}");
        let shard = format!("{k}/3");
        let report = json(&build_ok(
            p.path(),
            &[&["--out", &out, "--shard", &shard][..], &args[..]].concat(),
        ));
        let here: Vec<String> = cached(&report).into_keys().collect();
        for slug in &here {
            assert_eq!(
                zinepress::build::shard_of(slug, 3),
                k,
                "{slug} built in the wrong shard"
            );
        }
        built.extend(here);
        if !p.path().join(&out).exists() {
            continue;
        }
        for (name, bytes) in files(&p.path().join(&out)) {
            // The cache and the preview page are each shard's own, of its zines.
            if name == ".zinepress-cache.json" || name == "index.html" {
                continue;
            }
            assert!(
                union.insert(name.clone(), bytes).is_none(),
                "{name} built by two shards"
            );
        }
    }
    built.sort();
    let mut all: Vec<String> = slugs.iter().map(|s| s.to_string()).collect();
    all.sort();
    assert_eq!(built, all, "each zine exactly once over the shards");
    let mut full = files(&p.path().join("full"));
    full.remove(".zinepress-cache.json");
    full.remove("index.html");
    assert_eq!(
        union.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    assert!(
        union == full,
        "a shard built different bytes than the full build"
    );
    // The hash is stable: these shards are part of the interface CI matrices rely on.
    let shards: Vec<u32> = slugs
        .iter()
        .map(|s| zinepress::build::shard_of(s, 3))
        .collect();
    assert!(
        shards.iter().collect::<BTreeSet<_>>().len() > 1,
        "seven slugs all in one shard: {shards:?}"
    );
}

#[test]
fn a_bad_shard_is_a_usage_error_that_shows_the_form() {
    let p = two_zines();
    for bad in ["0/3", "4/3", "3", "x/2", "1/0"] {
        let o = build(p.path(), &["--shard", bad]);
        assert_eq!(o.status.code(), Some(2), "--shard {bad}: {}", stderr(&o));
        assert!(stderr(&o).contains("K/N"), "--shard {bad}: {}", stderr(&o));
    }
    assert!(!p.path().join("dist").exists());
}

#[test]
fn a_failing_zine_does_not_stop_the_others() {
    let config = "[project]\nlayouts = [\"booklet-a4\"]\n\n\
        [[zine]]\nsource = \"sources/essay.txt\"\n\n\
        [[zine]]\nsource = \"sources/essay.txt\"\nslug = \"cut-wrong\"\nend_after = \"a phrase that is nowhere in the text\"\n\n\
        [[zine]]\nsource = \"sources/missing.txt\"\n\n\
        [[zine]]\nsource = \"sources/howto.md\"\n";
    let p = project(
        config,
        &[("sources/essay.txt", ESSAY), ("sources/howto.md", HOWTO)],
    );
    // A folder where one of howto's files goes: it fails when writing, after rendering.
    std::fs::create_dir_all(p.path().join("dist/howto.booklet-a4.pdf")).unwrap();
    let o = build(p.path(), &["--out", "dist", "--json", "--jobs", "2"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = json(&o);
    let by_slug: BTreeMap<&str, &serde_json::Value> = report["zines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| (z["slug"].as_str().unwrap(), z))
        .collect();
    assert_eq!(by_slug["essay"]["ok"], true);
    for slug in ["cut-wrong", "missing", "howto"] {
        assert_eq!(by_slug[slug]["ok"], false, "{slug}");
        assert!(
            by_slug[slug]["error"]
                .as_str()
                .is_some_and(|e| !e.is_empty()),
            "{slug} has no error message"
        );
        assert_eq!(by_slug[slug]["outputs"].as_array().unwrap().len(), 0);
    }
    assert!(by_slug["cut-wrong"]["error"]
        .as_str()
        .unwrap()
        .contains("end_after"));
    assert!(by_slug["missing"]["error"]
        .as_str()
        .unwrap()
        .contains("missing.txt"));
    assert_eq!(report["totals"]["failed"], 3);
    assert_eq!(report["failed"], 3);
    let dist = p.path().join("dist");
    let names: Vec<String> = files_or_dirs(&dist);
    assert!(
        names.contains(&"essay.epub".to_string())
            && names.contains(&"essay.booklet-a4.pdf".to_string()),
        "{names:?}"
    );
    for name in &names {
        let failed = ["cut-wrong.", "missing.", "howto."]
            .iter()
            .any(|p| name.starts_with(p));
        assert!(
            !failed || name == "howto.booklet-a4.pdf",
            "{name} left by a failed zine"
        );
    }
    no_temp_files(&dist);
    // The failures are not cached: the next build tries them again.
    let again = build(p.path(), &["--out", "dist", "--json"]);
    assert_eq!(again.status.code(), Some(1));
    let report = json(&again);
    assert_eq!(report["totals"]["cached"], 1);
    assert_eq!(report["totals"]["failed"], 3);
    // Without --json the failures are named on stderr.
    let o = build(p.path(), &["--out", "dist"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("failed cut-wrong") && stderr(&o).contains("failed missing"),
        "{}",
        stderr(&o)
    );
}

fn files_or_dirs(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn json_lists_every_output_with_its_sha256() {
    let p = two_zines();
    let o = build_ok(
        p.path(),
        &["--out", "dist", "--json", "--layout", "minizine-a4"],
    );
    let report = json(&o);
    let zines = report["zines"].as_array().unwrap();
    assert_eq!(zines.len(), 2);
    let mut listed = BTreeSet::new();
    for z in zines {
        for key in [
            "slug", "source", "ok", "cached", "error", "outputs", "warnings", "seconds", "layouts",
            "stages",
        ] {
            assert!(z.get(key).is_some(), "zine field `{key}` missing: {z}");
        }
        for out in z["outputs"].as_array().unwrap() {
            let path = p.path().join(out["path"].as_str().unwrap());
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(
                out["bytes"].as_u64().unwrap(),
                bytes.len() as u64,
                "{}",
                path.display()
            );
            assert_eq!(
                out["sha256"].as_str().unwrap(),
                sha256_hex(&bytes),
                "{}",
                path.display()
            );
            listed.insert(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    let mut on_disk: BTreeSet<String> = files(&p.path().join("dist")).into_keys().collect();
    on_disk.remove(".zinepress-cache.json");
    // The preview page is the library's, not a zine's: the report names it on its own.
    assert!(on_disk.remove("index.html"), "the preview page is written");
    assert!(
        report["preview"]
            .as_str()
            .is_some_and(|p| p.ends_with("index.html")),
        "the report names the preview page: {}",
        report["preview"]
    );
    assert_eq!(
        listed, on_disk,
        "every file written is listed, and only those"
    );
    let totals = &report["totals"];
    for key in ["zines", "built", "cached", "failed", "seconds"] {
        assert!(totals.get(key).is_some(), "totals.{key} missing: {totals}");
    }
    assert_eq!(
        (
            totals["zines"].as_u64(),
            totals["built"].as_u64(),
            totals["cached"].as_u64(),
            totals["failed"].as_u64()
        ),
        (Some(2), Some(2), Some(0), Some(0))
    );
    assert_eq!(report["built"], 2);
    // Cached zines list the same outputs, and they still hash right.
    let again = json(&build_ok(
        p.path(),
        &["--out", "dist", "--json", "--layout", "minizine-a4"],
    ));
    assert_eq!(again["totals"]["cached"], 2);
    for (a, b) in zines.iter().zip(again["zines"].as_array().unwrap()) {
        assert_eq!(a["outputs"], b["outputs"]);
    }
}

#[test]
fn quiet_and_verbose_logs() {
    let p = two_zines();
    let quiet = build_ok(p.path(), &["--out", "dist", "--format", "epub", "--quiet"]);
    let err = stderr(&quiet);
    assert_eq!(
        err.lines().count(),
        1,
        "--quiet prints only the summary: {err}"
    );
    assert!(
        err.contains("2 zines: 2 built, 0 cached, 0 failed"),
        "{err}"
    );
    let verbose = build_ok(
        p.path(),
        &["--out", "dist", "--format", "epub", "--verbose", "--force"],
    );
    let err = stderr(&verbose);
    assert!(
        err.contains("built essay") && err.contains("built howto"),
        "{err}"
    );
    assert!(err.contains("stages: ") && err.contains("epub "), "{err}");
    // Not on a terminal: one plain line per zine, no progress bar.
    let plain = build_ok(p.path(), &["--out", "dist", "--format", "epub"]);
    let err = stderr(&plain);
    assert!(
        err.contains("cached essay") && err.contains("cached howto") && !err.contains('\r'),
        "{err}"
    );
}

#[test]
fn init_makes_a_project_that_builds() {
    let tmp = tempfile::Builder::new()
        .prefix("zinepress-init-")
        .tempdir_in(std::env::temp_dir())
        .unwrap();
    let dir: PathBuf = tmp.path().join("my-zines");
    let o = run_in(tmp.path(), &["init", "my-zines"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "zinepress.toml",
        "sources/how-to-make-a-zine.md",
        "layouts/README.md",
        "covers/README.md",
        "fonts/OFL.txt",
        "fonts/LinLibertine_R.otf",
        "fonts/LinLibertine_RI.otf",
        "fonts/LinLibertine_RB.otf",
        "fonts/LinLibertine_RBI.otf",
        ".github/workflows/zines.yml",
    ] {
        assert!(dir.join(f).is_file(), "init did not write {f}");
    }
    assert_eq!(
        std::fs::read(dir.join("fonts/LinLibertine_R.otf")).unwrap(),
        std::fs::read(repo().join("fonts/LinLibertine_R.otf")).unwrap()
    );
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/zines.yml")).unwrap();
    for needle in [
        "actions/checkout",
        "actions/cache",
        "zinepress build --shard",
        "actions/upload-artifact",
        "dist/",
    ] {
        assert!(workflow.contains(needle), "the workflow lacks {needle}");
    }
    let o = run_in(tmp.path(), &["-C", "my-zines", "build"]);
    assert!(
        o.status.success(),
        "the new project does not build: {}",
        stderr(&o)
    );
    let dist = dir.join("dist");
    for f in [
        "how-to-make-a-zine.epub",
        "how-to-make-a-zine.pdf",
        "how-to-make-a-zine.minizine-letter.pdf",
        "how-to-make-a-zine.booklet-letter.pdf",
    ] {
        assert!(dist.join(f).is_file(), "{f} not built");
    }
    // A second init refuses to overwrite the project.
    let config_before = std::fs::read(dir.join("zinepress.toml")).unwrap();
    let o = run_in(tmp.path(), &["init", "my-zines"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("zinepress.toml") && stderr(&o).contains("exists"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(dir.join("zinepress.toml")).unwrap(),
        config_before
    );
}
