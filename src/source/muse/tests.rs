//! The reader on whole texts: each construct, and malformed markup kept with a warning.

use super::*;
use crate::document::{
    blocks_text, Alignment, AsideKind, HangingKind, Inline, List, ListItem, ListKind,
};
use Inline::*;

fn t(s: &str) -> Inline {
    Text(s.into())
}

fn p(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(inlines)
}

fn read(text: &str) -> MuseDoc {
    parse(text, 1)
}

/// The blocks of a text that must read without warnings.
fn clean(text: &str) -> Vec<Block> {
    let doc = read(text);
    assert!(doc.warnings.is_empty(), "{text}\n{:?}", doc.warnings);
    doc.blocks
}

#[test]
fn directives_then_text() {
    let doc = read("#title On *Bread*\n#author P. K.\n#lang fr\n\nFirst words.");
    let names: Vec<&str> = doc.directives.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["title", "author", "lang"]);
    assert_eq!(doc.directives[0].value, "On *Bread*");
    assert_eq!(doc.blocks, vec![p(vec![t("First words.")])]);
    let (title, _) = directive_inlines("On *Bread*", 1);
    assert_eq!(title, vec![t("On "), Emph(vec![t("Bread")])]);
}

#[test]
fn headings_take_the_highest_level_as_one() {
    let blocks = clean("** Chapter\n\ntext\n\n*** Section\n\n***** Deep");
    let levels: Vec<u8> = blocks
        .iter()
        .filter_map(|b| {
            if let Block::Heading { level, .. } = b {
                Some(*level)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(levels, [1, 2, 4]);
    let blocks = clean("Opening.\n\n#intro\n* Introduction\n\nSee [[#intro][above]].");
    assert!(
        matches!(&blocks[1], Block::Heading { attr, .. } if attr.id.as_deref() == Some("intro")),
        "{blocks:?}"
    );
}

#[test]
fn paragraphs_by_indentation() {
    let blocks = clean("plain\nwrapped\n\n  quoted\n  still\n\n  second quote paragraph\n\n        centred\n\n                          right");
    assert_eq!(blocks[0], p(vec![t("plain wrapped")]));
    assert_eq!(
        blocks[1],
        Block::Quote {
            blocks: vec![
                p(vec![t("quoted still")]),
                p(vec![t("second quote paragraph")])
            ],
            attribution: None
        }
    );
    assert_eq!(
        blocks[2],
        Block::Aligned {
            align: Alignment::Center,
            blocks: vec![p(vec![t("centred")])]
        }
    );
    assert_eq!(
        blocks[3],
        Block::Aligned {
            align: Alignment::Right,
            blocks: vec![p(vec![t("right")])]
        }
    );
}

#[test]
fn block_tags() {
    let blocks = clean("<quote>\nq1\n\nq2\n</quote>\n\n<center>\nc\n</center>\n\n<right>\nr\n</right>\n\n<biblio>\nAuthor, *Title*.\n\nOther.\n</biblio>\n\n<play>\n**A.** Line.\n</play>");
    assert_eq!(
        blocks[0],
        Block::Quote {
            blocks: vec![p(vec![t("q1")]), p(vec![t("q2")])],
            attribution: None
        }
    );
    assert_eq!(
        blocks[1],
        Block::Aligned {
            align: Alignment::Center,
            blocks: vec![p(vec![t("c")])]
        }
    );
    assert_eq!(
        blocks[2],
        Block::Aligned {
            align: Alignment::Right,
            blocks: vec![p(vec![t("r")])]
        }
    );
    assert_eq!(
        blocks[3],
        Block::Hanging {
            kind: HangingKind::Bibliography,
            blocks: vec![
                p(vec![t("Author, "), Emph(vec![t("Title")]), t(".")]),
                p(vec![t("Other.")])
            ]
        }
    );
    assert_eq!(
        blocks[4],
        Block::Hanging {
            kind: HangingKind::Play,
            blocks: vec![p(vec![Strong(vec![t("A.")]), t(" Line.")])]
        }
    );
}

#[test]
fn examples_and_fences_keep_their_lines() {
    let blocks = clean("<example>\n  *as is* [1]\n<verse>\n</example>\n\n{{{ sh\nls -l\n}}}");
    assert_eq!(
        blocks[0],
        Block::CodeBlock {
            language: None,
            text: "  *as is* [1]\n<verse>".into()
        }
    );
    assert_eq!(
        blocks[1],
        Block::CodeBlock {
            language: Some("sh".into()),
            text: "ls -l".into()
        }
    );
}

#[test]
fn verse_keeps_lines_stanzas_and_indentation() {
    let nb = |n: usize| "\u{a0}".repeat(n);
    let want = Block::Verse {
        stanzas: vec![
            vec![vec![t("A line,")], vec![t(&format!("{}indented.", nb(2)))]],
            vec![vec![t("Second "), Emph(vec![t("stanza")])]],
        ],
        attribution: None,
    };
    assert_eq!(
        clean("<verse>\n    A line,\n      indented.\n\n    Second *stanza*\n</verse>"),
        vec![want.clone()]
    );
    assert_eq!(
        clean("> A line,\n>   indented.\n>\n> Second *stanza*"),
        vec![want]
    );
}

#[test]
fn lists_nest_by_indentation_and_continue_after_blank_lines() {
    let blocks = clean(" - one\n   1. a\n   2. b\n      i. deep\n - two\n   which wraps\n\n   and goes on\n\nafter");
    let deep = Block::List(List {
        kind: ListKind::LowerRoman,
        start: 1,
        tight: true,
        items: vec![ListItem::para(vec![t("deep")])],
    });
    let numbered = Block::List(List {
        kind: ListKind::Decimal,
        start: 1,
        tight: true,
        items: vec![
            ListItem::para(vec![t("a")]),
            ListItem {
                checked: None,
                blocks: vec![p(vec![t("b")]), deep],
            },
        ],
    });
    let want = Block::List(List {
        kind: ListKind::Bullet,
        start: 1,
        tight: false,
        items: vec![
            ListItem {
                checked: None,
                blocks: vec![p(vec![t("one")]), numbered],
            },
            ListItem {
                checked: None,
                blocks: vec![p(vec![t("two which wraps")]), p(vec![t("and goes on")])],
            },
        ],
    });
    assert_eq!(blocks, vec![want, p(vec![t("after")])]);
    let kinds = |text: &str| -> Vec<(ListKind, u32)> {
        clean(text)
            .iter()
            .filter_map(|b| {
                if let Block::List(l) = b {
                    Some((l.kind, l.start))
                } else {
                    None
                }
            })
            .collect()
    };
    assert_eq!(
        kinds(" a. x\n b. y\n\n<br>\n\n A. x\n\n<br>\n\n I. x\n II. y\n\n<br>\n\n 3. three"),
        [
            (ListKind::LowerAlpha, 1),
            (ListKind::UpperAlpha, 1),
            (ListKind::UpperRoman, 1),
            (ListKind::Decimal, 3)
        ]
    );
    assert_eq!(
        kinds(" 1. one\n\n a. goes on as the same list"),
        [(ListKind::Decimal, 1)]
    );
    let Block::List(roman) = &clean(" i. one\n ii. two\n iii. three")[0] else {
        panic!()
    };
    assert_eq!(
        roman.items.len(),
        3,
        "markers in one column are one list, however wide"
    );
    assert_eq!(
        clean("  B. Test"),
        vec![Block::Quote {
            blocks: vec![p(vec![t("B. Test")])],
            attribution: None
        }],
        "a list does not start at B"
    );
}

#[test]
fn notes_multi_paragraph_and_secondary() {
    let doc = read("Text [1] and {1}.\n\n[1] First line\ncontinued.\n\n    Second paragraph {2}.\n\n  Not the note: a quote.\n\n{1} Secondary.\n\n{2} Note on the note.");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(
        doc.blocks[0],
        p(vec![t("Text "), NoteRef(1), t(" and "), NoteRef(3), t(".")])
    );
    assert!(matches!(&doc.blocks[1], Block::Quote { .. }));
    assert_eq!(doc.blocks.len(), 2);
    let numbers: Vec<(u32, String)> = doc
        .notes
        .iter()
        .map(|n| (n.number, blocks_text(&n.content)))
        .collect();
    assert_eq!(
        numbers,
        [
            (1, "First line continued. Second paragraph .".to_string()),
            (2, "Note on the note.".to_string()),
            (3, "Secondary.".to_string())
        ]
    );
    assert_eq!(
        doc.notes[0].content[1],
        p(vec![t("Second paragraph "), NoteRef(2), t(".")])
    );
}

#[test]
fn tables_with_head_foot_and_caption() {
    let blocks = clean("  Year || Groups\n  1871 | 12\n  Sum ||| 12\n  |+ Counted +|");
    let Block::Table(table) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(table.head, vec![vec![vec![t("Year")], vec![t("Groups")]]]);
    assert_eq!(table.body, vec![vec![vec![t("1871")], vec![t("12")]]]);
    assert_eq!(table.foot, vec![vec![vec![t("Sum")], vec![t("12")]]]);
    assert_eq!(table.caption, Some(vec![t("Counted")]));
}

#[test]
fn rules_breaks_images_comments_and_anchors() {
    assert_eq!(
        clean("a\n\n       * * *\n\n* * *\n\nb")[1..3],
        [Block::Rule, Block::Rule],
        "an ornament alone is a break, not a heading"
    );
    let doc = read("a\n\n----\n\n       * * * * *\n\n; gone\n<comment>\nalso gone\n</comment>\n\n[[map.png 50 r][The *map*]]\n\n#here");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(doc.blocks[1], Block::Rule);
    assert_eq!(doc.blocks[2], Block::PageBreak);
    assert_eq!(
        doc.blocks[3],
        Block::Image {
            src: "map.png".into(),
            alt: "The map".into(),
            caption: Some(vec![t("The map")])
        }
    );
    let removed: Vec<(usize, &str)> = doc.removed.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(removed, [(7, "comment"), (9, "comment"), (14, "anchor")]);
}

#[test]
fn malformed_markup_is_kept_with_a_warning_naming_the_line() {
    let cases: &[(&str, usize, &str, &str)] = &[
        (
            "a\n\n<verse>\nline one\nline two\n\n* Next",
            3,
            "<verse> is never closed",
            "line one line two",
        ),
        (
            "a\n\n<quote>\nquoted",
            3,
            "<quote> is never closed",
            "quoted",
        ),
        (
            "a\n\n<comment>\nkept",
            3,
            "<comment> is never closed",
            "kept",
        ),
        ("Text [4] here.", 1, "[4]", "Text [4] here."),
        (
            "Text.\n\n[2] A lost note.",
            3,
            "nothing refers to it",
            "[2] A lost note.",
        ),
        ("x || y\n1 | 2 | 3", 2, "3 cells", "x y 1 2 3"),
        ("end\n\n</quote>", 3, "</quote> closes nothing", "end"),
        ("<em>open only", 1, "<em> is never closed", "open only"),
        ("Body [1].\n\n[1]", 3, "no text", "Body ."),
    ];
    for (text, line, warning, words) in cases {
        let doc = read(text);
        assert!(
            doc.warnings
                .iter()
                .any(|(l, m)| l == line && m.contains(warning)),
            "{text:?}: want a warning at line {line} with {warning:?}, got {:?}",
            doc.warnings
        );
        let all = format!(
            "{} {}",
            blocks_text(&doc.blocks),
            doc.notes
                .iter()
                .map(|n| blocks_text(&n.content))
                .collect::<Vec<_>>()
                .join(" ")
        );
        for w in words.split_whitespace() {
            assert!(all.contains(w), "{text:?}: {w:?} lost from {all:?}");
        }
    }
}

#[test]
fn an_unclosed_verse_ends_at_the_next_heading() {
    let doc = read("<verse>\nsung\n\n* Part\n\nprose");
    assert!(matches!(&doc.blocks[0], Block::Verse { .. }));
    assert!(matches!(&doc.blocks[1], Block::Heading { .. }));
    assert_eq!(doc.blocks[2], p(vec![t("prose")]));
}

#[test]
fn deep_nesting_stops_without_running_out_of_stack() {
    let text = "<quote>\n".repeat(500) + "deep\n" + &"</quote>\n".repeat(500);
    let doc = read(&text);
    assert!(blocks_text(&doc.blocks).contains("deep"));
    let list: String = (0..400)
        .map(|i| format!("{} - level {i}\n", " ".repeat(i + 1)))
        .collect();
    let doc = read(&list);
    assert!(blocks_text(&doc.blocks).contains("level 399"));
}

#[test]
fn colophon_is_not_made_here() {
    // The reader keeps #date and #source as directives; the colophon is the caller's.
    let doc = read("#date 1921\n#source [[https://a.org]]\n\nText.");
    assert!(!doc.blocks.iter().any(|b| matches!(
        b,
        Block::Aside {
            kind: AsideKind::Colophon,
            ..
        }
    )));
    assert_eq!(doc.directives.len(), 2);
}

#[test]
fn an_image_inside_a_line_is_kept_with_a_warning_and_a_lone_one_is_a_figure() {
    let doc =
        read("Before.\n\nThe stamp [[stamp.png][a stamp]] marks it.\n\n[[stamp.png][The stamp]]");
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert_eq!(doc.warnings[0].0, 3);
    assert!(doc.warnings[0]
        .1
        .contains("`stamp.png` stands inside a line of text"));
    assert!(
        matches!(&doc.blocks[1], Block::Paragraph(run) if run.iter().any(|i| matches!(i, Image { .. })))
    );
    assert!(matches!(&doc.blocks[2], Block::Image { .. }));
}
