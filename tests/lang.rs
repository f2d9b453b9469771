//! Languages and scripts end to end: the fixtures of tests/lang (one short
//! zine per language and script) built by the real binary, their EPUB and
//! reading PDF checked against tests/cases/lang/LANG.txt, the EPUBs against
//! epubcheck; and a character no font has failing a build.

mod common;

use common::{run_in, stderr, stdout, tool};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixtures built once per test binary.
fn built() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("zinepress-lang-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let o = run_in(
            &common::repo().join("tests/lang"),
            &["build", "--out", out.to_str().unwrap()],
        );
        assert!(
            o.status.success(),
            "the language fixtures failed to build: {}",
            stderr(&o)
        );
        out
    })
}

/// `\u{…}` escapes of a case line as characters.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((before, after)) = rest.split_once("\\u{") {
        out.push_str(before);
        let Some((hex, tail)) = after.split_once('}') else {
            panic!("unclosed \\u{{ in {s:?}")
        };
        out.push(char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap());
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The text of every XHTML file of an EPUB, tags dropped, entities read,
/// runs of ordinary white space as one space (no-break spaces kept).
fn epub_text(epub: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut names: Vec<String> = zip
        .file_names()
        .filter(|n| n.ends_with(".xhtml"))
        .map(String::from)
        .collect();
    names.sort();
    let mut text = String::new();
    for name in names {
        let mut xhtml = String::new();
        zip.by_name(&name)
            .unwrap()
            .read_to_string(&mut xhtml)
            .unwrap();
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc = roxmltree::Document::parse_with_options(&xhtml, options)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for node in doc.descendants().filter(|n| n.is_text()) {
            text.push_str(node.text().unwrap_or_default());
            text.push(' ');
        }
    }
    collapse(&text)
}

/// One space for each run of ASCII white space.
fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Text for comparing with what pdftotext gives: no-break spaces as spaces,
/// no bidi controls and no combining marks (pdftotext puts a mark beside its
/// letter by its position, not always after it), spaces collapsed.
fn plain(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200C}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .filter(|c| !is_mark(*c))
        .map(|c| if matches!(c, '\u{A0}' | '\u{202F}' | '\u{2009}') { ' ' } else { c })
        .collect();
    collapse(&kept)
}

/// Whether the PDF's text has `want`. Around right-to-left text pdftotext
/// moves spaces to the other side of numbers and punctuation, so there the
/// characters' order is compared without spaces.
fn pdf_has(pdf: &str, want: &str) -> bool {
    let want = plain(want);
    if want.chars().any(|c| matches!(c, '\u{0590}'..='\u{08FF}')) {
        let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        squeeze(pdf).contains(&squeeze(&want))
    } else {
        pdf.contains(&want)
    }
}

/// Combining marks of the Arabic and Hebrew blocks and the general ones.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// The reading PDF's text: lines joined (without a space between CJK
/// characters, a line-end hyphen after a letter dropped), then [`plain`].
fn pdf_text(pdf: &Path) -> String {
    let o = tool("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    let raw = String::from_utf8_lossy(&o.stdout).replace(
        ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}'],
        "",
    );
    let mut out = String::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let joined_cjk =
            out.chars().last().is_some_and(is_cjk) || line.chars().next().is_some_and(is_cjk);
        if let Some(stem) = out
            .strip_suffix('-')
            .filter(|s| s.ends_with(char::is_alphabetic))
        {
            out.truncate(stem.len());
        } else if !out.is_empty() && !joined_cjk {
            out.push(' ');
        }
        out.push_str(line);
    }
    plain(&out)
}

/// Fonts pdffonts lists for a PDF, each with whether it is embedded.
fn pdf_fonts(pdf: &Path) -> Vec<(String, bool)> {
    let o = tool("pdffonts").arg(pdf).output().unwrap();
    assert!(o.status.success());
    stdout(&o)
        .lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let emb = cols.iter().rev().nth(4).is_some_and(|c| *c == "yes");
            (cols.first().copied().unwrap_or_default().to_string(), emb)
        })
        .collect()
}

/// The text of one half of the first sheet of an imposed PDF (left or right).
fn sheet_half(pdf: &Path, left: bool) -> String {
    let info = stdout(&tool("pdfinfo").arg(pdf).output().unwrap());
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap()
        .to_string();
    let nums: Vec<f32> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let (w, h) = (nums[0] as u32, nums[1] as u32);
    let x = if left { 0 } else { w / 2 };
    let o = tool("pdftotext")
        .args([
            "-enc",
            "UTF-8",
            "-f",
            "1",
            "-l",
            "1",
            "-x",
            &x.to_string(),
            "-y",
            "0",
            "-W",
            &(w / 2).to_string(),
            "-H",
            &h.to_string(),
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    plain(&String::from_utf8_lossy(&o.stdout).replace('\n', " "))
}

#[test]
fn every_fixture_shows_its_language_in_the_epub_and_the_pdf() {
    let out = built();
    let cases = common::repo().join("tests/cases/lang");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&cases)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "a case per fixture: {names:?}");
    let mut failures = Vec::new();
    for case in names {
        let lang = case.file_stem().unwrap().to_str().unwrap().to_string();
        let epub = epub_text(&out.join(format!("{lang}.epub")));
        let pdf = pdf_text(&out.join(format!("{lang}.pdf")));
        let mut zip =
            zip::ZipArchive::new(std::fs::File::open(out.join(format!("{lang}.epub"))).unwrap())
                .unwrap();
        let mut opf = String::new();
        zip.by_name("OEBPS/content.opf")
            .unwrap()
            .read_to_string(&mut opf)
            .unwrap();
        let mut chapter = String::new();
        zip.by_name("OEBPS/chapter-1.xhtml")
            .unwrap()
            .read_to_string(&mut chapter)
            .unwrap();
        let fonts = pdf_fonts(&out.join(format!("{lang}.pdf")));
        for (n, line) in std::fs::read_to_string(&case).unwrap().lines().enumerate() {
            let Some((key, value)) = line.split_once(": ").filter(|_| !line.starts_with('#'))
            else {
                continue;
            };
            let want = unescape(value);
            let mut fail = |what: &str| {
                failures.push(format!("{}:{}: {what} {want:?}", case.display(), n + 1))
            };
            if matches!(key, "both" | "epub") && !epub.contains(&want) {
                fail("the EPUB lacks");
            }
            if matches!(key, "both" | "pdf") && !pdf_has(&pdf, &want) {
                fail("the PDF's text lacks");
            }
            match key {
                "not" if epub.contains(&want) || pdf_has(&pdf, &want) => {
                    fail("an English book word is there:")
                }
                "dir" => {
                    let spine = format!("page-progression-direction=\"{want}\"");
                    let html = format!("dir=\"{want}\"");
                    if !opf.contains(&spine) || !chapter.contains(&html) {
                        fail("the EPUB's spine or html has no direction");
                    }
                }
                "font" if !fonts.iter().any(|(name, emb)| name.contains(&want) && *emb) => {
                    fail("the PDF embeds no font named like")
                }
                "cover" => {
                    // The back cover's colophon names zinepress; the front cover does not.
                    let layout = "booklet-a4";
                    let pdf = out.join(format!("{lang}.{layout}.pdf"));
                    let here = sheet_half(&pdf, want == "left");
                    let there = sheet_half(&pdf, want != "left");
                    if here.is_empty() || here.contains("zinepress") || !there.contains("zinepress")
                    {
                        fail(&format!("the front cover is not on this half of sheet 1 of {layout}: {here:?} | {there:?}:"));
                    }
                }
                "both" | "epub" | "pdf" | "not" | "font" => {}
                other => panic!("{}:{}: unknown key {other}", case.display(), n + 1),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_fixtures_epubs_pass_epubcheck() {
    let out = built();
    // The folder at once: epubcheck checks its EPUBs in one run.
    common::assert_epubcheck_clean(out);
    let checked = std::fs::read_dir(out)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "epub")
        })
        .count();
    let fixtures = std::fs::read_dir(common::repo().join("tests/lang/sources"))
        .unwrap()
        .count();
    assert_eq!(checked, fixtures, "an EPUB per fixture");
}

#[test]
fn a_character_no_font_has_fails_the_zine_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sources")).unwrap();
    std::fs::write(
        root.join("sources/odd.md"),
        "---\ntitle: Odd\n---\n\nPlain words.\n\nA private sign \u{10FFFD} here.\n",
    )
    .unwrap();
    let o = run_in(root, &["build", "--format", "pdf"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("odd.md:7") && err.contains("U+10FFFD") && err.contains("Linux Libertine"),
        "{err}"
    );
    assert!(
        err.contains("fonts-noto") && err.contains("missing_glyphs"),
        "{err}"
    );
    assert!(!root.join("dist/odd.pdf").exists());
    // A layout that says so turns it into a warning.
    std::fs::create_dir_all(root.join("layouts")).unwrap();
    std::fs::write(
        root.join("layouts/lenient.toml"),
        "description = \"A5, boxes allowed\"\npage = \"a5\"\nmissing_glyphs = \"warn\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("zinepress.toml"),
        "[project]\nlayouts = [\"lenient\"]\n",
    )
    .unwrap();
    let o = run_in(
        root,
        &["build", "--format", "pdf", "--layout", "lenient", "--json"],
    );
    assert!(
        !o.status.success(),
        "the reading copy's layout still says error: {}",
        stderr(&o)
    );
    std::fs::write(
        root.join("layouts/reading-a5.toml"),
        "description = \"A5 reading copy\"\npage = \"a5\"\nmissing_glyphs = \"warn\"\n",
    )
    .unwrap();
    let o = run_in(
        root,
        &["build", "--format", "pdf", "--layout", "lenient", "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("U+10FFFD") && stdout(&o).contains("empty boxes"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn fallback_fonts_are_named_in_the_report() {
    let out = std::env::temp_dir().join(format!("zinepress-lang-report-{}", std::process::id()));
    let o = run_in(
        &common::repo().join("tests/lang"),
        &[
            "build",
            "--out",
            out.to_str().unwrap(),
            "--format",
            "pdf",
            "--layout",
            "booklet-a4",
            "--json",
            "--force",
            "sources/zh.md",
        ],
    );
    let _ = std::fs::remove_dir_all(&out);
    let report = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        report.contains("fallback font: Noto") && report.contains("Han"),
        "{report}"
    );
}
