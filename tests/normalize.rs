//! Normalizer cases: every `NAME.in.txt` / `NAME.in.md` in tests/cases/normalize
//! is normalized and compared with `NAME.expected.md`; the expected Markdown
//! read back as a source must give the same blocks and notes (round trip).

use std::path::{Path, PathBuf};
use zinepress::document::markdown::to_markdown;
use zinepress::document::{Document, Metadata};
use zinepress::normalize::{normalize, Normalized};
use zinepress::project::ZineEntry;
use zinepress::source::Source;

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/normalize");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases/normalize exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(".in."))
        })
        .collect();
    v.sort();
    v
}

fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.split_once(".in.")
        .map_or(name, |(stem, _)| stem)
        .to_string()
}

fn entry_for(path: &Path) -> ZineEntry {
    let toml_path = path.with_file_name(format!("{}.entry.toml", stem(path)));
    let mut entry: ZineEntry = match std::fs::read_to_string(&toml_path) {
        Ok(text) => {
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()))
        }
        Err(_) => ZineEntry::default(),
    };
    entry.source = path.to_string_lossy().into_owned();
    entry
}

fn run(path: &Path, bytes: &[u8], entry: &ZineEntry) -> Normalized {
    let source = Source::from_bytes(path, bytes, entry)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    normalize(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn markdown(n: &Normalized, entry: &ZineEntry) -> String {
    let f = &n.found;
    let meta = Metadata {
        title: entry
            .title
            .clone()
            .or_else(|| f.title.clone())
            .unwrap_or_default(),
        subtitle: f.subtitle.clone(),
        authors: f.authors.clone(),
        rights: f.rights.clone(),
        ..Default::default()
    };
    to_markdown(&Document {
        meta,
        blocks: n.blocks.clone(),
        notes: n.notes.clone(),
    })
}

fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let at = (0..w.len().max(g.len()))
        .find(|&i| w.get(i) != g.get(i))
        .unwrap_or(0);
    let show = |v: &[&str]| {
        v.iter()
            .skip(at.saturating_sub(1))
            .take(4)
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "first difference at line {}:\n  expected:\n{}\n  got:\n{}",
        at + 1,
        show(&w),
        show(&g)
    )
}

#[test]
fn normalize_cases_match_expected_markdown() {
    let update = std::env::var("ZINEPRESS_UPDATE_CASES").is_ok();
    let mut failures = Vec::new();
    let all = cases();
    assert!(
        all.len() >= 5,
        "the case folder holds the seeds and small cases"
    );
    for path in all {
        let entry = entry_for(&path);
        let got = markdown(
            &run(&path, &std::fs::read(&path).expect("readable case"), &entry),
            &entry,
        ) + "\n";
        let expected_path = path.with_file_name(format!("{}.expected.md", stem(&path)));
        if update {
            std::fs::write(&expected_path, &got).expect("writable case folder");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if want != got {
            failures.push(format!(
                "{}: {}",
                stem(&path),
                first_difference(&want, &got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn normalized_markdown_reads_back_to_the_same_document() {
    let mut failures = Vec::new();
    for path in cases() {
        let entry = entry_for(&path);
        let first = run(&path, &std::fs::read(&path).expect("readable case"), &entry);
        let md = markdown(&first, &entry);
        let back = run(
            Path::new("roundtrip.md"),
            md.as_bytes(),
            &ZineEntry::default(),
        );
        for (i, (a, b)) in first.blocks.iter().zip(&back.blocks).enumerate() {
            if a != b {
                failures.push(format!(
                    "{}: block {i} differs:\n  {a:?}\n  {b:?}",
                    stem(&path)
                ));
                break;
            }
        }
        if first.blocks.len() != back.blocks.len() {
            failures.push(format!(
                "{}: {} blocks, {} after the round trip",
                stem(&path),
                first.blocks.len(),
                back.blocks.len()
            ));
        }
        if first.notes != back.notes {
            failures.push(format!(
                "{}: notes differ after the round trip",
                stem(&path)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
