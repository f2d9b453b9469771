//! Writer tests: the XHTML of each construct.

use super::*;
use crate::document::{Definition, ListItem, Note, Table};

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn render(blocks: &[Block]) -> String {
    let mut refs = NoteRefs::new(&[Note::para(1, vec![t("n")])]);
    let mut w = Writer::new("chapter-1.xhtml", &mut refs);
    let mut out = String::new();
    w.blocks(blocks, &mut out);
    out
}

fn inl(inlines: Vec<Inline>) -> String {
    render(&[Block::Paragraph(inlines)])
}

#[test]
fn paragraph_escapes_text() {
    assert_eq!(
        inl(vec![t("Tom & Jerry <3 \u{1}")]),
        "<p>Tom &amp; Jerry &lt;3 </p>\n"
    );
    assert_eq!(render(&[Block::Paragraph(vec![])]), "");
}

#[test]
fn inline_markup() {
    let s = inl(vec![
        Inline::Emph(vec![t("e")]),
        Inline::Strong(vec![t("s")]),
        Inline::SmallCaps(vec![t("Nasa")]),
        Inline::Code(t_str("a<b")),
        Inline::LineBreak,
    ]);
    assert_eq!(s, "<p><em>e</em><strong>s</strong><span class=\"smallcaps\">Nasa</span><code>a&lt;b</code><br/></p>\n");
}

fn t_str(s: &str) -> String {
    s.to_string()
}

#[test]
fn links_only_for_web_and_mail() {
    let s = inl(vec![Inline::link(
        "https://a.org/?x=1&y=\"2\"",
        vec![t("a")],
    )]);
    assert_eq!(
        s,
        "<p><a href=\"https://a.org/?x=1&amp;y=%222%22\">a</a></p>\n"
    );
    let s = inl(vec![Inline::link("javascript:x()", vec![t("plain")])]);
    assert_eq!(s, "<p>plain</p>\n");
}

#[test]
fn note_refs_with_and_without_text() {
    let s = inl(vec![
        t("a"),
        Inline::NoteRef(1),
        t("b"),
        Inline::NoteRef(2),
        Inline::NoteRef(1),
    ]);
    assert!(s.contains("<a href=\"notes.xhtml#note-1\" id=\"noteref-1\" epub:type=\"noteref\" role=\"doc-noteref\">1</a>"));
    assert!(s.contains("<sup class=\"noteref\">2</sup>"), "{s}");
    assert_eq!(s.matches("id=\"noteref-1\"").count(), 1);
    assert_eq!(s.matches("href=\"notes.xhtml#note-1\"").count(), 2);
}

#[test]
fn adjacent_note_refs_are_separated() {
    let s = inl(vec![Inline::NoteRef(2), Inline::NoteRef(9)]);
    assert_eq!(s, "<p><sup class=\"noteref\">2</sup><sup class=\"noteref-sep\">,</sup><sup class=\"noteref\">9</sup></p>\n");
}

#[test]
fn a_reference_inside_a_note_links_to_the_other_note() {
    let mut refs = NoteRefs::new(&[Note::para(1, vec![]), Note::para(2, vec![])]);
    let mut w = Writer::new("notes.xhtml", &mut refs);
    let mut out = String::new();
    w.inlines(
        &[
            Inline::link("https://a.org", vec![t("a")]),
            Inline::NoteRef(2),
        ],
        true,
        &mut out,
    );
    assert_eq!(out, "<a href=\"https://a.org\">a</a><sup class=\"noteref\"><a href=\"notes.xhtml#note-2\" id=\"noteref-2\" epub:type=\"noteref\" role=\"doc-noteref\">2</a></sup>");
    assert_eq!(refs.first_reference(2), Some("notes.xhtml"));
}

#[test]
fn note_ref_inside_link_is_not_nested_link() {
    let s = inl(vec![Inline::link(
        "https://a.org",
        vec![t("a"), Inline::NoteRef(1)],
    )]);
    assert_eq!(s.matches("<a ").count(), 1, "{s}");
}

#[test]
fn headings_shift_and_do_not_skip() {
    let s = render(&[
        Block::heading(1, vec![t("One")]),
        Block::heading(3, vec![t("Deep")]),
        Block::heading(2, vec![t("Two")]),
    ]);
    assert_eq!(s, "<h2 id=\"heading-1\">One</h2>\n<h3 id=\"heading-2\">Deep</h3>\n<h3 id=\"heading-3\">Two</h3>\n");
    assert_eq!(
        html_level(2, 1),
        2,
        "a subsection first in a file becomes h2"
    );
    assert_eq!(html_level(9, 6), 6);
}

#[test]
fn quote_and_epigraph_with_attribution() {
    let q = render(&[Block::Quote {
        blocks: vec![Block::Paragraph(vec![t("q")])],
        attribution: Some(vec![t("Someone")]),
    }]);
    assert_eq!(q, "<figure class=\"attributed\">\n<blockquote>\n<p>q</p>\n</blockquote>\n<figcaption class=\"attribution\">— Someone</figcaption>\n</figure>\n");
    assert!(
        !q.contains("<footer"),
        "a footer would be a contentinfo landmark"
    );
    let e = render(&[Block::Epigraph {
        blocks: vec![Block::Paragraph(vec![t("e")])],
        attribution: Some(vec![t("— X")]),
    }]);
    assert!(e.starts_with(
        "<figure class=\"attributed\">\n<blockquote class=\"epigraph\" epub:type=\"epigraph\" role=\"doc-epigraph\""
    ));
    assert!(
        e.contains("<figcaption class=\"attribution\">— X</figcaption>"),
        "no doubled dash: {e}"
    );
}

#[test]
fn lists_ordered_with_start() {
    let l = render(&[Block::list(true, 3, vec![vec![t("a")], vec![t("b")]])]);
    assert_eq!(l, "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n");
    let u = render(&[Block::list(false, 1, vec![vec![t("a")]])]);
    assert_eq!(u, "<ul>\n<li>a</li>\n</ul>\n");
    let o = render(&[Block::list(true, 1, vec![vec![t("a")]])]);
    assert!(o.starts_with("<ol>\n"));
}

#[test]
fn verse_lines_and_stanzas() {
    let v = render(&[Block::Verse {
        stanzas: vec![vec![vec![t("l1")], vec![t("l2")]], vec![vec![t("l3")]]],
        attribution: Some(vec![t("Poet")]),
    }]);
    assert_eq!(
        v,
        "<figure class=\"attributed\">\n<div class=\"verse\">\n<p class=\"stanza\"><span class=\"line\">l1</span><br/><span class=\"line\">l2</span></p>\n\
         <p class=\"stanza\"><span class=\"line\">l3</span></p>\n</div>\n<figcaption class=\"attribution\">— Poet</figcaption>\n</figure>\n"
    );
}

#[test]
fn signoff_asides_rule() {
    let s = render(&[Block::SignOff(vec![vec![t("Love,")], vec![t("A & B.")]])]);
    assert_eq!(
        s,
        "<div class=\"signoff\">\n<p>Love,</p>\n<p>A &amp; B.</p>\n</div>\n"
    );
    let b = render(&[Block::Aside {
        kind: AsideKind::Bio,
        blocks: vec![Block::Paragraph(vec![t("bio")])],
    }]);
    assert!(b.starts_with("<section class=\"bio\"") && b.contains("<p>bio</p>"));
    let c = render(&[Block::Aside {
        kind: AsideKind::Colophon,
        blocks: vec![],
    }]);
    assert!(c.contains("epub:type=\"colophon\""));
    assert_eq!(render(&[Block::Rule]), "<hr/>\n");
}

#[test]
fn missing_image_shows_alt_not_a_file() {
    let s = render(&[Block::Image {
        src: "pic.png".into(),
        alt: "A cat".into(),
        caption: Some(vec![t("Fig")]),
    }]);
    assert!(!s.contains("<img"), "{s}");
    assert!(!s.contains("pic.png"));
    assert!(s.contains("[A cat]") && s.contains("Fig"));
}

#[test]
fn available_image_has_alt() {
    let mut refs = NoteRefs::default();
    let mut w = Writer::new("c.xhtml", &mut refs);
    let mut out = String::new();
    w.image("x.png", "Alt \"q\"", None, Some("images/x.png"), &mut out);
    assert_eq!(
        out,
        "<figure>\n<img src=\"images/x.png\" alt=\"Alt &quot;q&quot;\"/>\n</figure>\n"
    );
}

#[test]
fn nested_loose_and_task_lists() {
    let inner = Block::List(List {
        kind: ListKind::LowerRoman,
        start: 2,
        tight: true,
        items: vec![ListItem::para(vec![t("deep")])],
    });
    let outer = Block::List(List {
        kind: ListKind::Bullet,
        start: 1,
        tight: false,
        items: vec![ListItem {
            checked: Some(true),
            blocks: vec![Block::Paragraph(vec![t("top")]), inner],
        }],
    });
    assert_eq!(
        render(&[outer]),
        "<ul class=\"tasks\">\n<li><input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" aria-label=\"done\"/> \n<p>top</p>\n<ol start=\"2\" type=\"i\">\n<li>deep</li>\n</ol>\n</li>\n</ul>\n"
    );
}

#[test]
fn code_tables_definitions_and_spans() {
    let code = render(&[Block::CodeBlock {
        language: Some("rust".into()),
        text: "let s = \"<a>\";\n  x".into(),
    }]);
    assert_eq!(
        code,
        "<pre><code class=\"language-rust\">let s = \"&lt;a&gt;\";\n  x</code></pre>\n"
    );
    let table = Table {
        caption: Some(vec![t("Cities")]),
        align: vec![Alignment::Default, Alignment::Right],
        head: vec![vec![vec![t("City")], vec![t("Groups")]]],
        body: vec![vec![vec![t("A")]]],
        foot: vec![],
    };
    assert_eq!(
        render(&[Block::Table(table)]),
        "<table>\n<caption>Cities</caption>\n<thead>\n<tr><th scope=\"col\">City</th><th scope=\"col\" class=\"align-right\">Groups</th></tr>\n</thead>\n\
         <tbody>\n<tr><td>A</td><td class=\"align-right\"></td></tr>\n</tbody>\n</table>\n"
    );
    let defs = render(&[Block::Definitions(vec![Definition {
        term: vec![t("T")],
        details: vec![vec![Block::Paragraph(vec![t("d")])]],
    }])]);
    assert_eq!(defs, "<dl>\n<dt>T</dt>\n<dd>d</dd>\n</dl>\n");
    let spans = inl(vec![
        Inline::Strike(vec![t("s")]),
        Inline::Superscript(vec![t("2")]),
        Inline::Subscript(vec![t("i")]),
        Inline::Underline(vec![t("u")]),
    ]);
    assert_eq!(
        spans,
        "<p><del>s</del><sup>2</sup><sub>i</sub><u>u</u></p>\n"
    );
}

#[test]
fn raw_inline_html_is_sanitised_and_balanced() {
    let s = inl(vec![
        Inline::Html("<kbd onclick=\"x()\">".into()),
        t("Ctrl"),
        Inline::Emph(vec![Inline::Html("<span title=\"t\">".into()), t("in")]),
        Inline::Html("</span>".into()),
        Inline::Html("<script>".into()),
        t("after"),
        Inline::Html("</kbd>".into()),
        Inline::Html("<a href=\"javascript:alert(1)\">".into()),
        t("x"),
    ]);
    assert_eq!(
        s,
        "<p><kbd>Ctrl<em><span title=\"t\">in</span></em>after</kbd><a>x</a></p>\n"
    );
}

#[test]
fn raw_html_blocks_are_sanitised() {
    let s = render(&[
        Block::Html("<div onclick=\"x()\"><p>ok</p><script>alert(1)</script></div>".into()),
        Block::Html("<script>alert(1)</script>".into()),
    ]);
    assert_eq!(s, "<div class=\"raw-html\"><div><p>ok</p></div></div>\n");
}

#[test]
fn heading_ids_from_the_source_and_links_to_them() {
    let mut refs = NoteRefs::default();
    let mut w = Writer::new("chapter-2.xhtml", &mut refs);
    w.anchors
        .insert("intro".into(), ("chapter-1.xhtml".into(), "intro".into()));
    let mut out = String::new();
    let attr = Attr {
        id: Some("here".into()),
        classes: vec!["x y".into()],
        pairs: vec![("k".into(), Some("v".into()))],
    };
    w.block(
        &Block::Heading {
            level: 1,
            content: vec![t("H")],
            attr: attr.clone(),
        },
        &mut out,
    );
    w.block(
        &Block::Heading {
            level: 1,
            content: vec![t("Again")],
            attr,
        },
        &mut out,
    );
    w.inlines(
        &[
            Inline::link("#intro", vec![t("back")]),
            Inline::link("#nowhere", vec![t("plain")]),
        ],
        true,
        &mut out,
    );
    assert_eq!(out, "<h2 id=\"here\" class=\"xy\" data-k=\"v\">H</h2>\n<h2 id=\"heading-2\" class=\"xy\" data-k=\"v\">Again</h2>\n<a href=\"chapter-1.xhtml#intro\">back</a>plain");
}
