//! Muse sources: every `NAME.muse` in tests/cases/muse read and compared with
//! `NAME.expected.md` (and read back from it); then all of them built by the
//! real binary, each EPUB checked for its structure (`epub.expected`: element
//! counts per case), epubcheck, and each EPUB and reading PDF for every word
//! of the text and no Muse markup; `check` names the lines of malformed
//! markup (`NAME.expected-check`). The Muse essay of the example library is
//! checked the same way, with its metadata from the directives.

mod common;

use common::{pdf_text, repo, run_in, stderr, stdout, words};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use zinepress::document::markdown::to_markdown;
use zinepress::document::{blocks_text, Block, Document, Metadata};
use zinepress::normalize::{normalize, Normalized};
use zinepress::project::ZineEntry;
use zinepress::source::Source;

fn case_dir() -> PathBuf {
    repo().join("tests/cases/muse")
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(case_dir())
        .expect("tests/cases/muse exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "muse"))
        .collect();
    v.sort();
    v
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string()
}

fn read(path: &Path, bytes: &[u8]) -> Normalized {
    let entry = ZineEntry {
        source: path.to_string_lossy().into_owned(),
        ..Default::default()
    };
    let source = Source::from_bytes(path, bytes, &entry)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    normalize(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn markdown(n: &Normalized) -> String {
    let f = &n.found;
    let meta = Metadata {
        title: f.title.clone().unwrap_or_default(),
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

/// Every word of a read text: title, subtitle, authors, blocks and notes.
fn all_words(n: &Normalized) -> Vec<String> {
    let f = &n.found;
    let mut text = format!(
        "{} {} {} ",
        f.title.clone().unwrap_or_default(),
        f.subtitle.clone().unwrap_or_default(),
        f.authors.join(" ")
    );
    text.push_str(&blocks_text(&n.blocks));
    for note in &n.notes {
        text.push(' ');
        text.push_str(&blocks_text(&note.content));
    }
    words(&text)
}

/// Blocks as Markdown can hold them: a table's footer rows are body rows
/// (GFM has no footer) and every row is as wide as the table; a list's
/// tightness is lost when a lettered or roman list (a `<div>`) sits in it.
fn markdown_can_hold(mut blocks: Vec<Block>) -> Vec<Block> {
    fn fix(blocks: &mut [Block]) {
        for b in blocks {
            match b {
                Block::Table(t) => {
                    let foot = std::mem::take(&mut t.foot);
                    t.body.extend(foot);
                    let n = t.columns();
                    t.head
                        .iter_mut()
                        .chain(&mut t.body)
                        .for_each(|r| r.resize(n, Vec::new()));
                    t.align = vec![Default::default(); n];
                }
                Block::List(l) => {
                    l.tight = true;
                    l.items.iter_mut().for_each(|i| fix(&mut i.blocks));
                }
                Block::Quote { blocks, .. }
                | Block::Aligned { blocks, .. }
                | Block::Hanging { blocks, .. }
                | Block::Aside { blocks, .. } => fix(blocks),
                _ => {}
            }
        }
    }
    fix(&mut blocks);
    blocks
}

#[test]
fn muse_cases_match_expected_markdown_and_read_back() {
    let update = std::env::var("ZINEPRESS_UPDATE_CASES").is_ok();
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() >= 12, "a case for every construct");
    for path in all {
        let first = read(&path, &std::fs::read(&path).unwrap());
        let got = markdown(&first) + "\n";
        let expected = path.with_extension("expected.md");
        if update {
            std::fs::write(&expected, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected).unwrap_or_default();
        if want != got {
            let at = want
                .lines()
                .zip(got.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(want.lines().count().min(got.lines().count()));
            failures.push(format!(
                "{}: differs at line {}:\n  want: {:?}\n  got:  {:?}",
                stem(&path),
                at + 1,
                want.lines().nth(at),
                got.lines().nth(at)
            ));
            continue;
        }
        // The Markdown reads back to the same blocks and notes (but for what it cannot hold).
        let back = read(Path::new("roundtrip.md"), got.as_bytes());
        let (a, b) = (
            markdown_can_hold(first.blocks.clone()),
            markdown_can_hold(back.blocks.clone()),
        );
        if a != b || back.notes != first.notes {
            let at = a.iter().zip(&b).position(|(x, y)| x != y);
            failures.push(format!(
                "{}: the Markdown reads back otherwise (block {at:?}):\n  {:?}\n  {:?}",
                stem(&path),
                at.map(|i| &a[i]),
                at.map(|i| &b[i])
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn normalize_prints_the_markdown_of_a_muse_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = case_dir().join("notes.muse");
    let o = run_in(dir.path(), &["normalize", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = std::fs::read_to_string(case_dir().join("notes.expected.md")).unwrap();
    assert_eq!(stdout(&o), want);
}

/// All cases built once into a temporary project (sources/ holds them, and the figure).
fn built() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("zinepress-muse-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sources")).unwrap();
        for e in std::fs::read_dir(case_dir()).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "muse" || x == "png") {
                std::fs::copy(&p, dir.join("sources").join(p.file_name().unwrap())).unwrap();
            }
        }
        let o = run_in(&dir, &["build", "--out", "dist", "--layout", "booklet-a4"]);
        assert!(
            o.status.success(),
            "building the Muse cases failed:\n{}",
            stderr(&o)
        );
        dir
    })
}

fn zip_entries(epub: &Path) -> BTreeMap<String, String> {
    let bytes = std::fs::read(epub).unwrap_or_else(|_| panic!("{} was not built", epub.display()));
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = String::new();
        if f.name().ends_with(".xhtml") || f.name().ends_with(".opf") {
            f.read_to_string(&mut s).unwrap();
            out.insert(f.name().to_string(), s);
        }
    }
    out
}

fn xml<'a>(name: &str, s: &'a str) -> roxmltree::Document<'a> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(s, opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Whether an element matches `tag`, `tag.class` or `tag[attr=value]`.
fn matches(node: roxmltree::Node, simple: &str) -> bool {
    let (head, attr) = match simple.split_once('[') {
        Some((h, a)) => (h, a.strip_suffix(']').and_then(|a| a.split_once('='))),
        None => (simple, None),
    };
    let (tag, class) = head
        .split_once('.')
        .map_or((head, None), |(t, c)| (t, Some(c)));
    let attribute = |k: &str| match k.strip_prefix("epub:") {
        Some(local) => node.attribute(("http://www.idpf.org/2007/ops", local)),
        None => node.attribute(k),
    };
    node.is_element()
        && node.tag_name().name() == tag
        && class.is_none_or(|c| {
            node.attribute("class")
                .is_some_and(|v| v.split(' ').any(|x| x == c))
        })
        && attr.is_none_or(|(k, v)| attribute(k) == Some(v))
}

/// Elements matching a descendant selector (`div.verse span.line`).
fn count(doc: &roxmltree::Document, selector: &str) -> usize {
    let parts: Vec<&str> = selector.split_whitespace().collect();
    let Some((last, ancestors)) = parts.split_last() else {
        return 0;
    };
    doc.descendants()
        .filter(|n| matches(*n, last))
        .filter(|n| {
            let mut need = ancestors.iter().rev().peekable();
            for a in n.ancestors().skip(1) {
                if need.peek().is_some_and(|s| matches(a, s)) {
                    need.next();
                }
            }
            need.peek().is_none()
        })
        .count()
}

/// Elements that start a new line of text.
const BLOCKS: [&str; 20] = [
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "td",
    "th",
    "br",
    "figcaption",
    "caption",
    "section",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "tr",
];

/// The text a reader of the chapters sees (title page, body, notes), with line breaks as spaces.
fn epub_text(entries: &BTreeMap<String, String>) -> String {
    let mut text = String::new();
    for (name, s) in entries
        .iter()
        .filter(|(n, _)| n.ends_with(".xhtml") && !n.ends_with("nav.xhtml"))
    {
        let doc = xml(name, s);
        for n in doc.descendants() {
            if n.is_text() {
                text.push_str(n.text().unwrap_or_default());
            } else if n.is_element() && BLOCKS.contains(&n.tag_name().name()) {
                // Blocks and line breaks part words; spans (`H<sub>2</sub>O`) do not.
                text.push(' ');
            }
        }
    }
    text
}

/// Muse markup that must never reach an output, and why.
fn leaks(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for mark in [
        "[[",
        "]]",
        "<verse>",
        "</verse>",
        "<quote>",
        "<example>",
        "<comment>",
        "<biblio>",
        "<play>",
        "<br>",
        "<em>",
        "<sup>",
        "#title",
        "#author",
        "ZZCOMMENT",
        "{1}",
        "{{{",
        "|||",
        "|+",
        "=monospace",
    ] {
        if text.contains(mark) {
            found.push(mark.to_string());
        }
    }
    // `*word*` or `**words**` with spaces around: emphasis marks left in the text.
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == '*'
            && (i == 0 || chars[i - 1].is_whitespace())
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_alphanumeric() || *n == '*')
        {
            let rest: String = chars[i..].iter().take(60).collect();
            let word_end = rest
                .trim_start_matches('*')
                .find(['*'])
                .map(|k| rest.len() - rest.trim_start_matches('*').len() + k);
            if let Some(k) = word_end {
                let inner = rest.get(..k).unwrap_or_default();
                if !inner.contains(char::is_whitespace)
                    || rest.get(k..).unwrap_or_default().starts_with("* ")
                    || rest.get(k..).unwrap_or_default().starts_with("*.")
                {
                    found.push(format!(
                        "emphasis marks in {:?}",
                        rest.chars().take(30).collect::<String>()
                    ));
                }
            }
        }
    }
    found
}

fn bag(words: &[String]) -> BTreeMap<&str, usize> {
    let mut b = BTreeMap::new();
    for w in words {
        *b.entry(w.as_str()).or_insert(0) += 1;
    }
    b
}

/// Words of `want` the output has fewer of than the text. A note number
/// set against the word before it (`detour4`) does not hide the word.
fn missing(want: &[String], got: &[String]) -> Vec<String> {
    let stripped: Vec<String> = got
        .iter()
        .filter_map(|w| {
            Some(w.trim_end_matches(|c: char| c.is_ascii_digit()))
                .filter(|s| s.len() < w.len() && s.chars().any(char::is_alphabetic))
                .map(str::to_string)
        })
        .collect();
    let got: Vec<String> = got.iter().cloned().chain(stripped).collect();
    let have = bag(&got);
    bag(want)
        .into_iter()
        .filter(|(w, n)| have.get(w).copied().unwrap_or(0) < *n)
        .map(|(w, n)| format!("{w} ×{n}"))
        .collect()
}

#[test]
fn muse_cases_render_in_the_epub_and_the_reading_pdf() {
    let dir = built();
    let expected = std::fs::read_to_string(case_dir().join("epub.expected")).unwrap();
    let mut failures = Vec::new();
    for path in cases() {
        let name = stem(&path);
        let doc = read(&path, &std::fs::read(&path).unwrap());
        let want = all_words(&doc);
        let entries = zip_entries(&dir.join(format!("dist/{name}.epub")));
        let etext = epub_text(&entries);
        let pdf = pdf_text(&dir.join(format!("dist/{name}.pdf")));
        for (what, text) in [("EPUB", &etext), ("PDF", &pdf)] {
            let lost = missing(&want, &words(text));
            if !lost.is_empty() {
                failures.push(format!("{name}: the {what} lacks {lost:?}"));
            }
            let leaked = leaks(text);
            if !leaked.is_empty() && name != "inline" && name != "examples" {
                failures.push(format!("{name}: Muse markup in the {what}: {leaked:?}"));
            }
        }
        // Structure: every `NAME | selector | count` line of epub.expected.
        let chapters: Vec<(&String, &String)> = entries
            .iter()
            .filter(|(n, _)| n.contains("chapter-") || n.ends_with("notes.xhtml"))
            .collect();
        for line in expected
            .lines()
            .filter(|l| l.starts_with(&format!("{name} |")))
        {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let (selector, want): (&str, usize) = (parts[1], parts[2].parse().unwrap());
            let got: usize = chapters
                .iter()
                .map(|(n, s)| count(&xml(n, s), selector))
                .sum();
            if got != want {
                failures.push(format!(
                    "{name}: {selector}: {got} in the EPUB, expected {want}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn muse_epubs_pass_epubcheck() {
    let dist = built().join("dist");
    common::assert_epubcheck_clean(&dist);
}

#[test]
fn check_names_the_lines_of_malformed_markup_and_what_was_left_out() {
    let dir = built();
    for path in cases() {
        let want = path.with_extension("expected-check");
        let Ok(want) = std::fs::read_to_string(&want) else {
            continue;
        };
        let o = run_in(dir, &["check", &format!("sources/{}.muse", stem(&path))]);
        assert!(o.status.success(), "{}", stderr(&o));
        let got = stdout(&o);
        for line in want.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                got.contains(line.trim()),
                "{}: `check` does not say {:?}:\n{got}",
                stem(&path),
                line.trim()
            );
        }
    }
}

#[test]
fn metadata_comes_from_the_directives() {
    let dir = built();
    let entries = zip_entries(&dir.join("dist/directives.epub"));
    let opf = &entries["OEBPS/content.opf"];
    let doc = xml("content.opf", opf);
    let values = |tag: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name(tag))
            .filter_map(|n| n.text())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        values("title").first().map(String::as_str),
        Some("The Night Shift Reading Group")
    );
    assert_eq!(values("creator"), ["Rosa Tellier"]);
    assert_eq!(values("language"), ["en"]);
    assert_eq!(
        values("subject"),
        [
            "Rosa Tellier",
            "reading groups",
            "self-education",
            "night work"
        ]
    );
    assert_eq!(
        values("description"),
        ["A year of reading after the last tram."]
    );
    assert_eq!(
        values("date"),
        ["2020-03-01"],
        "#pubdate gives the publication date"
    );
    // #date, #notes and #source close the text, the source's link kept.
    let text = epub_text(&entries);
    for words in [
        "2019",
        "First read aloud at the depot canteen.",
        "the bulletin’s page",
    ] {
        assert!(text.contains(words), "{words:?} not in the EPUB");
    }
    let pdf = pdf_text(&dir.join("dist/directives.pdf"));
    assert!(
        pdf.contains("Notes from a year of meetings") && pdf.contains("First read aloud"),
        "{pdf}"
    );
}

#[test]
fn the_example_muse_essay_keeps_every_word_and_no_markup() {
    let out = common::example_build();
    let path = repo().join("sources/the-tram-depot-library.muse");
    let doc = read(&path, &std::fs::read(&path).unwrap());
    assert!(
        doc.report.doubts.is_empty(),
        "the example essay reads cleanly: {:?}",
        doc.report.doubts
    );
    let want = all_words(&doc);
    assert!(want.len() > 2000, "a long essay: {} words", want.len());
    let entries = zip_entries(&out.join("the-tram-depot-library.epub"));
    let pdf = pdf_text(&out.join("the-tram-depot-library.pdf"));
    for (what, text) in [("EPUB", epub_text(&entries)), ("PDF", pdf)] {
        assert!(
            missing(&want, &words(&text)).is_empty(),
            "{what} lacks {:?}",
            missing(&want, &words(&text))
        );
        assert!(leaks(&text).is_empty(), "{what}: {:?}", leaks(&text));
    }
    let opf = &entries["OEBPS/content.opf"];
    for want in [
        ">The Tram Depot Library</dc:title>",
        ">Ines Halloran</dc:creator>",
        "<dc:subject>mutual aid</dc:subject>",
        "<dc:date>2024-02-10</dc:date>",
        ">en</dc:language>",
    ] {
        assert!(opf.contains(want), "{want} not in the OPF:\n{opf}");
    }
}

#[test]
fn a_downloaded_library_text_builds_in_one_command() {
    // The README's second command: a .muse file saved anywhere, no project around it.
    let dir = tempfile::tempdir().unwrap();
    let downloads = dir.path().join("Downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let muse = downloads.join("night-shift.muse");
    std::fs::copy(case_dir().join("directives.muse"), &muse).unwrap();
    let o = run_in(
        dir.path(),
        &[
            "build",
            muse.to_str().unwrap(),
            "--out",
            "zines",
            "--layout",
            "booklet-a4",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for name in [
        "night-shift.epub",
        "night-shift.pdf",
        "night-shift.booklet-a4.pdf",
    ] {
        assert!(
            dir.path().join("zines").join(name).is_file(),
            "{name} not written: {}",
            stderr(&o)
        );
    }
    let entries = zip_entries(&dir.path().join("zines/night-shift.epub"));
    assert!(entries["OEBPS/content.opf"].contains(">Rosa Tellier</dc:creator>"));
    let pdf = pdf_text(&dir.path().join("zines/night-shift.pdf"));
    let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("The Night Shift Reading Group")
            && flat.contains("We met after the last tram"),
        "{pdf}"
    );
    assert!(leaks(&pdf).is_empty(), "{:?}", leaks(&pdf));
}
