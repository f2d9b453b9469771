//! Reader tests: each construct read into the model.

use super::*;
use crate::document::{Alignment, Attr, Definition, List, ListItem, ListKind, Table};

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

#[test]
fn headings_paragraphs_and_notes() {
    let doc = parse("# Title\n\nSome *text*.[^a]\n\n[^a]: The note.\n").unwrap();
    assert_eq!(doc.blocks.len(), 2);
    assert!(matches!(&doc.blocks[0], Block::Heading { level: 1, .. }));
    match &doc.blocks[1] {
        Block::Paragraph(p) => assert!(p.contains(&Inline::NoteRef(1))),
        other => panic!("{other:?}"),
    }
    assert_eq!(doc.notes, vec![Note::para(1, vec![t("The note.")])]);
    assert_eq!(doc.lines, vec![1, 3]);
}

#[test]
fn lists_and_quotes() {
    let doc = parse("- a\n- b\n\n> quoted\n").unwrap();
    assert!(
        matches!(&doc.blocks[0], Block::List(List { kind: ListKind::Bullet, tight: true, items, .. }) if items.len() == 2)
    );
    assert!(matches!(&doc.blocks[1], Block::Quote { .. }));
}

#[test]
fn nested_lists_keep_their_levels_numbers_and_tasks() {
    let doc =
        parse("1. one\n   - [x] done\n   - [ ] todo\n2. two\n\nText.\n\n7. seven\n\n8. eight\n")
            .unwrap();
    let inner = Block::List(List {
        kind: ListKind::Bullet,
        start: 1,
        tight: true,
        items: vec![
            ListItem {
                checked: Some(true),
                blocks: vec![Block::Paragraph(vec![t("done")])],
            },
            ListItem {
                checked: Some(false),
                blocks: vec![Block::Paragraph(vec![t("todo")])],
            },
        ],
    });
    assert_eq!(
        doc.blocks[0],
        Block::List(List {
            kind: ListKind::Decimal,
            start: 1,
            tight: true,
            items: vec![
                ListItem {
                    checked: None,
                    blocks: vec![Block::Paragraph(vec![t("one")]), inner]
                },
                ListItem::para(vec![t("two")])
            ]
        })
    );
    assert!(matches!(
        &doc.blocks[2],
        Block::List(List {
            start: 7,
            tight: false,
            ..
        })
    ));
}

#[test]
fn code_keeps_spaces_and_the_space_after_it() {
    let doc =
        parse("Use `código` y luego.\n\n```rust ignore\nfn main() {\n    let x = \"q\";\n}\n```\n")
            .unwrap();
    assert_eq!(
        doc.blocks[0],
        Block::Paragraph(vec![
            t("Use "),
            Inline::Code("código".into()),
            t(" y luego.")
        ])
    );
    assert_eq!(
        doc.blocks[1],
        Block::CodeBlock {
            language: Some("rust".into()),
            text: "fn main() {\n    let x = \"q\";\n}".into()
        }
    );
}

#[test]
fn tables_with_alignment_and_caption() {
    let doc =
        parse("| City | Groups |\n|:---|---:|\n| A | 1 |\n| B |\n\nTable: Cities *now*\n").unwrap();
    assert_eq!(
        doc.blocks,
        vec![Block::Table(Table {
            caption: Some(vec![t("Cities "), Inline::Emph(vec![t("now")])]),
            align: vec![Alignment::Left, Alignment::Right],
            head: vec![vec![vec![t("City")], vec![t("Groups")]]],
            body: vec![vec![vec![t("A")], vec![t("1")]], vec![vec![t("B")], vec![]]],
            foot: vec![],
        })]
    );
}

#[test]
fn definitions_strike_sup_sub_and_links() {
    let doc = parse("Term\n:   Its ~~old~~ meaning, H ~2~ O and 2 ^10^, [a](https://a.org \"T\") and <https://b.org>.\n").unwrap();
    let Block::Definitions(defs) = &doc.blocks[0] else {
        panic!("{:?}", doc.blocks)
    };
    assert_eq!(defs[0].term, vec![t("Term")]);
    let Block::Paragraph(p) = &defs[0].details[0][0] else {
        panic!()
    };
    assert!(p.contains(&Inline::Strike(vec![t("old")])));
    assert!(p.contains(&Inline::Subscript(vec![t("2")])));
    assert!(p.contains(&Inline::Superscript(vec![t("10")])));
    assert!(p.contains(&Inline::Link {
        url: "https://a.org".into(),
        title: Some("T".into()),
        content: vec![t("a")]
    }));
    assert!(p.contains(&Inline::link("https://b.org", vec![t("https://b.org")])));
    let doc = parse("Write to <me@example.org>.\n").unwrap();
    assert_eq!(
        doc.blocks[0],
        Block::Paragraph(vec![
            t("Write to "),
            Inline::link("mailto:me@example.org", vec![t("me@example.org")]),
            t(".")
        ])
    );
    let _ = Definition {
        term: vec![],
        details: vec![],
    };
}

#[test]
fn heading_attributes_and_nested_quotes() {
    let doc = parse("## Intro {#intro .lead}\n\n> outer\n>\n> > inner\n").unwrap();
    assert_eq!(
        doc.blocks[0],
        Block::Heading {
            level: 2,
            content: vec![t("Intro")],
            attr: Attr {
                id: Some("intro".into()),
                classes: vec!["lead".into()],
                pairs: vec![]
            }
        }
    );
    let Block::Quote { blocks, .. } = &doc.blocks[1] else {
        panic!()
    };
    assert!(matches!(&blocks[1], Block::Quote { .. }));
}

#[test]
fn footnotes_anywhere_with_blocks() {
    let doc = parse(
        "> Quoted.[^q]\n\n- item[^l]\n\n[^q]: First.\n\n    - a list in a note\n\n[^l]: Second.\n",
    )
    .unwrap();
    assert_eq!(doc.notes.len(), 2);
    assert_eq!(doc.notes[0].content.len(), 2, "{:?}", doc.notes[0]);
    assert!(matches!(&doc.notes[0].content[1], Block::List(_)));
}

#[test]
fn raw_html_is_kept_with_a_warning_and_known_tags_mapped() {
    let doc = parse("Press <kbd>Ctrl</kbd>, H<sub>2</sub>O and <b>bold</b>.\n\n<div onclick=\"x()\">\n<script>alert(1)</script>\n</div>\n").unwrap();
    let Block::Paragraph(p) = &doc.blocks[0] else {
        panic!()
    };
    assert_eq!(p[1], Inline::Html("<kbd>".into()));
    assert!(p.contains(&Inline::Subscript(vec![t("2")])));
    assert!(p.contains(&Inline::Strong(vec![t("bold")])));
    assert!(matches!(&doc.blocks[1], Block::Html(h) if h.contains("<script>")));
    assert_eq!(doc.warnings.len(), 3, "{:?}", doc.warnings);
    assert_eq!(doc.warnings[2].0, 3);
    assert!(
        doc.warnings[2].2.contains("<script>, onclick= removed"),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn divs_spans_and_lost_notes() {
    let md = "<div class=\"verse\">\n\nA\\\nB\n\n— Poet\n\n</div>\n\nA <span class=\"smallcaps\">lead</span> in.[^3]\n\n> Q.\n>\n> — Who\n\n<div class=\"center\">\n\nMiddle\n\n</div>\n";
    let doc = parse(md).unwrap();
    assert!(
        matches!(&doc.blocks[0], Block::Verse { stanzas, attribution: Some(_) } if stanzas[0].len() == 2)
    );
    match &doc.blocks[1] {
        Block::Paragraph(p) => {
            assert_eq!(p[1], Inline::SmallCaps(vec![t("lead")]));
            assert_eq!(p.last(), Some(&Inline::NoteRef(3)));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        &doc.blocks[2],
        Block::Quote {
            attribution: Some(_),
            ..
        }
    ));
    assert_eq!(
        doc.blocks[3],
        Block::Aligned {
            align: Alignment::Center,
            blocks: vec![Block::Paragraph(vec![t("Middle")])]
        }
    );
    assert!(doc.notes.is_empty());
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn unbalanced_raw_tags_stay_raw() {
    let doc = parse("*a <sup>x* y</sup>\n").unwrap();
    assert_eq!(
        doc.blocks[0],
        Block::Paragraph(vec![
            Inline::Emph(vec![t("a "), Inline::Html("<sup>".into()), t("x")]),
            t(" y"),
            Inline::Html("</sup>".into())
        ])
    );
}

#[test]
fn deep_nesting_is_refused() {
    let text = ">".repeat(100) + " x";
    assert!(parse(&text).is_err());
    let text: String = (0..100)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    assert!(parse(&text).is_err());
}

#[test]
fn image_paragraph_becomes_image_block() {
    let doc = parse("![A cat](cat.png \"Our cat\")\n\nInline ![dog](dog.png) here.\n").unwrap();
    assert!(
        matches!(&doc.blocks[0], Block::Image { src, alt, caption: Some(_) } if src == "cat.png" && alt == "A cat")
    );
    let Block::Paragraph(p) = &doc.blocks[1] else {
        panic!()
    };
    assert_eq!(
        p[1],
        Inline::Image {
            src: "dog.png".into(),
            alt: "dog".into(),
            title: None
        }
    );
    assert_eq!(
        doc.warnings.len(),
        1,
        "print cannot set the inline image: {:?}",
        doc.warnings
    );
    assert_eq!((doc.warnings[0].0, doc.warnings[0].1), (3, "images"));
}

#[test]
fn note_labels_never_share_a_number_and_no_text_is_replaced() {
    let doc = parse("[^Doh] Ray Me [^1]\n\n[^Doh]: I know.\n[^1]: Common.\n").unwrap();
    assert_eq!(
        doc.blocks[0],
        Block::Paragraph(vec![Inline::NoteRef(2), t(" Ray Me "), Inline::NoteRef(1)])
    );
    assert_eq!(
        doc.notes,
        vec![
            Note::para(1, vec![t("Common.")]),
            Note::para(2, vec![t("I know.")])
        ]
    );
    // A definition inside a definition, and a note defined twice: no text is lost.
    let doc = parse("[^foo] [^bar]\n\n[^foo]: [^bar]: one\n\n[^foo]: again\n").unwrap();
    assert_eq!(
        doc.notes
            .iter()
            .map(|n| crate::document::blocks_text(&n.content))
            .collect::<Vec<_>>(),
        vec!["again", "one"]
    );
    assert!(
        doc.warnings
            .iter()
            .any(|(l, _, w)| *l == 5 && w.contains("second time")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn an_image_alone_in_a_list_item_stays_inline() {
    let doc = parse("- ![logo](logo.svg)\n- text\n").unwrap();
    let Block::List(l) = &doc.blocks[0] else {
        panic!()
    };
    assert!(matches!(l.items[0].blocks[0], Block::Paragraph(_)));
}

#[test]
fn a_note_never_referenced_is_kept_with_a_warning() {
    let doc = parse("Text.\n\n[^orphan]: Nobody points here.\n").unwrap();
    assert_eq!(doc.notes.len(), 1);
    assert_eq!(
        doc.warnings,
        vec![(
            3,
            "notes",
            "note [^orphan] is never referenced; it is printed after the text".to_string()
        )]
    );
}
