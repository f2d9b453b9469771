//! Unit tests of the EPUB writer on a small document: spine order, note files, same bytes twice, a clean nav, a bad language.

use super::*;
use crate::document::{Block, Inline, Metadata, Note};

fn doc() -> Document {
    let t = |s: &str| vec![Inline::Text(s.into())];
    Document {
        meta: Metadata {
            title: "T".into(),
            language: "en".into(),
            slug: "t".into(),
            ..Default::default()
        },
        blocks: vec![
            Block::Paragraph(t("intro")),
            Block::heading(1, t("One")),
            Block::Paragraph(vec![Inline::Text("a".into()), Inline::NoteRef(1)]),
            Block::heading(2, t("Sub")),
        ],
        notes: vec![Note::para(1, t("note"))],
    }
}

#[test]
fn pages_in_spine_order_with_backlink_to_the_right_file() {
    let pages = render_pages(
        &doc(),
        "en",
        &Locale::english(),
        "T",
        None,
        &BTreeMap::new(),
        &pagelist::Breaks::default(),
    );
    let files: Vec<&str> = pages.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "titlepage.xhtml",
            "chapter-1.xhtml",
            "chapter-2.xhtml",
            "notes.xhtml",
            "colophon.xhtml"
        ]
    );
    assert!(pages[3]
        .xhtml
        .contains("href=\"chapter-2.xhtml#noteref-1\""));
    assert!(pages[2].xhtml.contains("id=\"noteref-1\""));
    assert_eq!(pages[2].children.len(), 1, "Sub is listed under One");
    assert!(
        pages[1].xhtml.contains("aria-label=\"T\""),
        "the opening section is named"
    );
}

#[test]
fn no_notes_file_without_notes() {
    let mut d = doc();
    d.notes.clear();
    let pages = render_pages(
        &d,
        "en",
        &Locale::english(),
        "T",
        None,
        &BTreeMap::new(),
        &pagelist::Breaks::default(),
    );
    assert!(pages.iter().all(|p| p.file != "notes.xhtml"));
    assert!(pages[2].xhtml.contains("<sup class=\"noteref\">1</sup>"));
}

#[test]
fn same_document_same_bytes() {
    let a = write_epub(&doc(), &EpubOptions::default()).unwrap();
    let b = write_epub(&doc(), &EpubOptions::default()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn control_characters_never_reach_the_nav() {
    let mut d = doc();
    d.blocks[1] = Block::heading(1, vec![Inline::Text("One\u{1b}[0m".into())]);
    let epub = write_epub(&d, &EpubOptions::default()).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut nav = String::new();
    std::io::Read::read_to_string(&mut z.by_name("OEBPS/nav.xhtml").unwrap(), &mut nav).unwrap();
    assert!(
        nav.contains(">One[0m</a>") && !nav.contains('\u{1b}'),
        "{nav}"
    );
}

#[test]
fn bad_language_is_an_error_not_a_panic() {
    let mut d = doc();
    d.meta.language = "English please".into();
    assert!(write_epub(&d, &EpubOptions::default()).is_err());
}
