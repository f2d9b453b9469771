//! Tagged reading PDFs: poppler sees a structure tree (`pdfinfo` says
//! `Tagged: yes`) whose text, read in order, is the text of the EPUB, with
//! running heads and folios left out as artifacts and each footnote after
//! the paragraph that refers to it. Imposed booklets stay untagged.

mod common;

use common::{build_as, example_build, markdown_fixtures, stderr, tool, zinepress, SEEDS};
use std::io::Read;
use std::path::Path;

fn pdfinfo(args: &[&str], pdf: &Path) -> String {
    let o = tool("pdfinfo").args(args).arg(pdf).output().unwrap();
    assert!(o.status.success(), "pdfinfo failed on {}", pdf.display());
    let errors = String::from_utf8_lossy(&o.stderr);
    assert!(
        !errors.contains("Syntax Error"),
        "poppler finds syntax errors in {}: {errors}",
        pdf.display()
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn tagged(pdf: &Path) -> bool {
    pdfinfo(&[], pdf)
        .lines()
        .any(|l| l.starts_with("Tagged:") && l.ends_with("yes"))
}

/// The structure tree as poppler prints it: (depth, element or "text").
fn structure(pdf: &Path) -> Vec<(usize, String)> {
    pdfinfo(&["-struct-text"], pdf)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let depth = (l.len() - l.trim_start().len()) / 2;
            (depth, l.trim().to_string())
        })
        .collect()
}

/// The text strings of the structure in order, without the contents list,
/// a word broken at a line end joined again.
fn structure_text(tree: &[(usize, String)]) -> String {
    let mut out = String::new();
    let mut toc_depth: Option<usize> = None;
    for (depth, line) in tree {
        if toc_depth.is_some_and(|d| *depth <= d) {
            toc_depth = None;
        }
        if line == "TOC" {
            toc_depth = Some(*depth);
        }
        if toc_depth.is_some() {
            continue;
        }
        if let Some(text) = line.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            match text.strip_suffix('-') {
                Some(stem) if stem.ends_with(char::is_alphabetic) => out.push_str(stem),
                _ => {
                    out.push_str(text);
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// Letters and digits only, lower-cased: text compared across formats,
/// whatever spaces a format puts between styled runs.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The text of the EPUB's chapters in spine order, tags dropped.
fn epub_chapters(epub: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut out = Vec::new();
    for n in 1.. {
        let Ok(mut f) = zip.by_name(&format!("OEBPS/chapter-{n}.xhtml")) else {
            break;
        };
        let mut xhtml = String::new();
        f.read_to_string(&mut xhtml).unwrap();
        let body = xhtml
            .split_once("<body")
            .and_then(|(_, b)| b.split_once('>'))
            .map_or(xhtml.as_str(), |(_, b)| b);
        let mut text = String::new();
        let mut in_tag = false;
        for c in body.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push(
            text.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'"),
        );
    }
    out
}

/// Each word of `words` found in `stream` after the one before, or the
/// first word that is not, with what came before it.
fn missing_in_order(words: &[String], stream: &str) -> Option<String> {
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        let w = letters(w);
        if w.is_empty() {
            continue;
        }
        match stream.get(at..).unwrap_or_default().find(&w) {
            Some(k) => at += k + w.len(),
            None => {
                let before = words[i.saturating_sub(8)..i].join(" ");
                return Some(format!("“{w}” after “{before}”"));
            }
        }
    }
    None
}

#[test]
fn example_reading_pdfs_are_tagged_in_reading_order() {
    let dir = example_build();
    for slug in SEEDS {
        let pdf = dir.join(format!("{slug}.pdf"));
        assert!(tagged(&pdf), "{slug}.pdf is not tagged");
        assert!(
            claims_pdf_ua(&pdf),
            "{slug}.pdf does not claim PDF/UA-1: the writer's checks failed"
        );
        let tree = structure(&pdf);
        let text = structure_text(&tree);
        let stream = letters(&text);
        for chapter in epub_chapters(&dir.join(format!("{slug}.epub"))) {
            let words: Vec<String> = chapter.split_whitespace().map(String::from).collect();
            if let Some(m) = missing_in_order(&words, &stream) {
                panic!("{slug}: the EPUB's {m} is not in the PDF's structure in order");
            }
        }
        // Running heads repeat the title on every other page: as artifacts
        // they are not in the structure, where the title stands once.
        let title_lines = tree.iter().filter(|(_, l)| l.starts_with("H1")).count();
        assert_eq!(title_lines, 1, "{slug}: one H1, the title");
        let pages: usize = pdfinfo(&[], &pdf)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        let folios = tree
            .iter()
            .filter(|(_, l)| {
                l.trim_matches('"')
                    .parse::<usize>()
                    .is_ok_and(|n| n == pages)
            })
            .count();
        assert!(folios <= 1, "{slug}: the last folio is not text");
    }
}

/// Whether the XMP metadata claims PDF/UA-1 (the writer claims it only when its checks pass).
fn claims_pdf_ua(pdf: &Path) -> bool {
    let raw = std::fs::read(pdf).unwrap();
    raw.windows(22).any(|w| w == b"<pdfuaid:part>1</pdfua")
}

#[test]
fn fixtures_with_links_tables_and_figures_are_pdf_ua() {
    let dir = tempfile::tempdir().unwrap();
    let sources = markdown_fixtures();
    let o = build_as("pdf", &sources, dir.path());
    assert!(!common::stdout(&o).contains("not PDF/UA-1") && !stderr(&o).contains("not PDF/UA-1"));
    for src in &sources {
        let stem = src.file_stem().unwrap().to_string_lossy();
        let pdf = dir.path().join(format!("{stem}.pdf"));
        assert!(tagged(&pdf) && claims_pdf_ua(&pdf), "{stem}.pdf");
    }
}

#[test]
fn characters_the_fonts_lack_downgrade_with_a_warning() {
    // A private-use character no font has, printed as a box because the
    // reading copy's layout allows it: the PDF stays tagged, without the claim.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sources")).unwrap();
    std::fs::create_dir_all(root.join("layouts")).unwrap();
    std::fs::write(
        root.join("sources/glyphs.md"),
        "---\ntitle: Glyphs\n---\n\nA private sign \u{10FFFD} here.\n",
    )
    .unwrap();
    // No booklets: only the reading copy, whose layout allows boxes.
    std::fs::write(root.join("zinepress.toml"), "[project]\nlayouts = []\n").unwrap();
    std::fs::write(
        root.join("layouts/reading-a5.toml"),
        "description = \"A5 reading copy\"\npage = \"a5\"\nmissing_glyphs = \"warn\"\n",
    )
    .unwrap();
    let o = zinepress()
        .current_dir(root)
        .args(["build", "--out", "out", "--format", "pdf", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let said = format!("{}{}", common::stdout(&o), stderr(&o));
    assert!(
        said.contains("not PDF/UA-1") && said.contains("10FFFD"),
        "{said}"
    );
    let pdf = root.join("out/glyphs.pdf");
    assert!(tagged(&pdf) && !claims_pdf_ua(&pdf));
}

#[test]
fn imposed_booklets_are_not_tagged() {
    let dir = example_build();
    let booklet = dir.join(format!("{}.booklet-a4.pdf", SEEDS[0]));
    assert!(booklet.exists(), "{} was built", booklet.display());
    assert!(!tagged(&booklet));
}

#[test]
fn headings_paragraphs_lists_quotes_and_notes_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("structure.md");
    std::fs::write(
        &src,
        "---\ntitle: Structure Test\nlanguage: de\n---\n\n\
         # Erste Sektion\n\nAlpha paragraph opens.[^1]\n\nBeta paragraph follows.\n\n\
         - first item\n- second item\n\n> Gamma quoted words.\n\n\
         # Zweite Sektion\n\nDelta closes.\n\n[^1]: Epsilon note text.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    build_as("pdf", &[src], &out);
    let pdf = out.join("structure.pdf");
    assert!(tagged(&pdf));
    let tree = structure(&pdf);
    // Elements (not text) in the order poppler walks them.
    let elems: Vec<&str> = tree
        .iter()
        .filter(|(_, l)| !l.starts_with('"') && !l.starts_with('/'))
        .map(|(_, l)| l.split([' ', '<']).next().unwrap_or(""))
        .collect();
    let wanted = [
        "Document",
        "H1",
        "H2",
        "P",
        "Note",
        "P",
        "P",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "LI",
        "Lbl",
        "LBody",
        "BlockQuote",
        "P",
        "H2",
        "P",
    ];
    // The first lines of the tree, before the colophon's paragraphs.
    assert_eq!(&elems[..wanted.len()], wanted, "{tree:#?}");
    let text = structure_text(&tree);
    let order = [
        "Structure Test",
        "Erste Sektion",
        "Alpha paragraph opens",
        "Epsilon note text",
        "Beta paragraph follows",
        "first item",
        "Gamma quoted words",
        "Zweite Sektion",
        "Delta closes",
    ];
    let mut at = 0;
    for phrase in order {
        let k = text
            .get(at..)
            .unwrap_or_default()
            .find(phrase)
            .unwrap_or_else(|| panic!("“{phrase}” not in order in {text}"));
        at += k + phrase.len();
    }
    // The note sits inside the paragraph that refers to it, after its text.
    let note = tree
        .iter()
        .position(|(_, l)| l.starts_with("Note"))
        .unwrap();
    let alpha = tree.iter().position(|(_, l)| l.contains("Alpha")).unwrap();
    assert!(note > alpha && tree[note].0 == tree[alpha].0, "{tree:#?}");
    // The document's language, from the front matter.
    let plain = dir.path().join("plain.pdf");
    let o = tool("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&pdf)
        .arg(&plain)
        .output()
        .unwrap();
    assert!(o.status.success(), "qpdf failed: {}", stderr(&o));
    let raw = std::fs::read(&plain).unwrap();
    let langs = raw.windows(10).filter(|w| w == b"/Lang (de)").count();
    assert_eq!(
        langs, 2,
        "the catalog and the structure root name the language"
    );
}
