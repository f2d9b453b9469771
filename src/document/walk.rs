//! Walking the model: every nested block, every run of inlines, and the
//! plain text of both (for comparisons across outputs and for print's
//! reading of raw HTML).

use super::html::html_text;
use super::{Block, Inline};

/// Calls `f` on every block, nested ones included (list items, quotes,
/// definitions, asides), parents before children. Notes are not blocks of
/// the text: walk `doc.notes[i].content` for them.
pub fn each_block<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Block)) {
    for b in blocks {
        f(b);
        for child in child_blocks(b) {
            each_block(child, f);
        }
    }
}

/// The block lists directly inside a block.
pub fn child_blocks(block: &Block) -> Vec<&[Block]> {
    match block {
        Block::Quote { blocks, .. }
        | Block::Epigraph { blocks, .. }
        | Block::Aside { blocks, .. }
        | Block::Aligned { blocks, .. }
        | Block::Hanging { blocks, .. } => {
            vec![blocks]
        }
        Block::List(list) => list.items.iter().map(|i| i.blocks.as_slice()).collect(),
        Block::Definitions(defs) => defs
            .iter()
            .flat_map(|d| d.details.iter().map(Vec::as_slice))
            .collect(),
        _ => Vec::new(),
    }
}

/// Calls `f` on every separate run of inlines of a block list (a paragraph, a
/// heading, a table cell, a verse line, a term, an attribution, a caption),
/// nested blocks included, in reading order.
pub fn each_run_mut(blocks: &mut [Block], f: &mut dyn FnMut(&mut Vec<Inline>)) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => f(content),
            Block::Quote {
                blocks,
                attribution,
            }
            | Block::Epigraph {
                blocks,
                attribution,
            } => {
                each_run_mut(blocks, f);
                if let Some(a) = attribution {
                    f(a);
                }
            }
            Block::Aligned { blocks, .. }
            | Block::Aside { blocks, .. }
            | Block::Hanging { blocks, .. } => each_run_mut(blocks, f),
            Block::List(list) => list
                .items
                .iter_mut()
                .for_each(|i| each_run_mut(&mut i.blocks, f)),
            Block::Definitions(defs) => {
                for d in defs {
                    f(&mut d.term);
                    d.details.iter_mut().for_each(|b| each_run_mut(b, f));
                }
            }
            Block::Verse {
                stanzas,
                attribution,
            } => {
                stanzas.iter_mut().flatten().for_each(&mut *f);
                if let Some(a) = attribution {
                    f(a);
                }
            }
            Block::SignOff(lines) => lines.iter_mut().for_each(&mut *f),
            Block::Image {
                caption: Some(c), ..
            } => f(c),
            Block::Table(t) => {
                if let Some(c) = &mut t.caption {
                    f(c);
                }
                t.head
                    .iter_mut()
                    .chain(&mut t.body)
                    .chain(&mut t.foot)
                    .flatten()
                    .for_each(&mut *f);
            }
            Block::Image { .. }
            | Block::CodeBlock { .. }
            | Block::Html(_)
            | Block::Rule
            | Block::PageBreak => {}
        }
    }
}

/// Calls `f` on every run of inlines of a block list with the block that
/// holds the run directly (a heading's text, a table's cell, a verse's line).
pub fn each_run<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Block, &'a [Inline])) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => f(block, content),
            Block::Quote {
                blocks,
                attribution,
            }
            | Block::Epigraph {
                blocks,
                attribution,
            } => {
                each_run(blocks, f);
                if let Some(a) = attribution {
                    f(block, a);
                }
            }
            Block::Aligned { blocks, .. }
            | Block::Aside { blocks, .. }
            | Block::Hanging { blocks, .. } => each_run(blocks, f),
            Block::List(list) => list.items.iter().for_each(|i| each_run(&i.blocks, f)),
            Block::Definitions(defs) => {
                for d in defs {
                    f(block, &d.term);
                    d.details.iter().for_each(|b| each_run(b, f));
                }
            }
            Block::Verse {
                stanzas,
                attribution,
            } => {
                stanzas.iter().flatten().for_each(|l| f(block, l));
                if let Some(a) = attribution {
                    f(block, a);
                }
            }
            Block::SignOff(lines) => lines.iter().for_each(|l| f(block, l)),
            Block::Image {
                caption: Some(c), ..
            } => f(block, c),
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    f(block, c);
                }
                t.rows().flatten().for_each(|c| f(block, c));
            }
            Block::Image { .. }
            | Block::CodeBlock { .. }
            | Block::Html(_)
            | Block::Rule
            | Block::PageBreak => {}
        }
    }
}

/// The inlines directly inside an inline: a link's text, an emphasis's
/// content; none for text, code, images, note references and breaks.
pub fn inline_children(inline: &Inline) -> &[Inline] {
    match inline {
        Inline::Emph(c)
        | Inline::Strong(c)
        | Inline::SmallCaps(c)
        | Inline::Strike(c)
        | Inline::Superscript(c)
        | Inline::Subscript(c)
        | Inline::Underline(c) => c,
        Inline::Link { content, .. } => content,
        Inline::Text(_)
        | Inline::Code(_)
        | Inline::Image { .. }
        | Inline::NoteRef(_)
        | Inline::Html(_)
        | Inline::LineBreak => &[],
    }
}

/// [`inline_children`], to change them.
pub fn inline_children_mut(inline: &mut Inline) -> &mut [Inline] {
    match inline {
        Inline::Emph(c)
        | Inline::Strong(c)
        | Inline::SmallCaps(c)
        | Inline::Strike(c)
        | Inline::Superscript(c)
        | Inline::Subscript(c)
        | Inline::Underline(c) => c,
        Inline::Link { content, .. } => content,
        Inline::Text(_)
        | Inline::Code(_)
        | Inline::Image { .. }
        | Inline::NoteRef(_)
        | Inline::Html(_)
        | Inline::LineBreak => &mut [],
    }
}

/// [`each_inline`], to change them: `f` sees an inline before its children,
/// so what it puts in an inline's place is walked in turn.
pub fn each_inline_mut(run: &mut [Inline], f: &mut dyn FnMut(&mut Inline)) {
    for inline in run {
        f(inline);
        each_inline_mut(inline_children_mut(inline), f);
    }
}

/// Calls `f` on every inline of a run, nested ones included, parents before
/// children, in reading order.
pub fn each_inline<'a>(run: &'a [Inline], f: &mut dyn FnMut(&'a Inline)) {
    for inline in run {
        f(inline);
        each_inline(inline_children(inline), f);
    }
}

/// The first inline of a run, at any depth and in reading order, for which
/// `f` gives something.
pub fn find_inline<'a, T>(
    run: &'a [Inline],
    f: &mut dyn FnMut(&'a Inline) -> Option<T>,
) -> Option<T> {
    run.iter()
        .find_map(|inline| f(inline).or_else(|| find_inline(inline_children(inline), f)))
}

/// The text of inlines without markup; note references are left out, code
/// and image alt texts are kept.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::LineBreak => out.push(' '),
            other => push_plain(inline_children(other), out),
        }
    }
}

/// All words of blocks, joined by spaces.
pub fn blocks_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(block_text)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// All words of a block, for tests and checks that compare text across outputs.
pub fn block_text(block: &Block) -> String {
    let with_attribution = |blocks: &[Block], attribution: &Option<Vec<Inline>>| {
        let mut s = blocks_text(blocks);
        if let Some(a) = attribution {
            s.push(' ');
            s.push_str(&plain_text(a));
        }
        s
    };
    let lines = |lines: &[Vec<Inline>]| {
        lines
            .iter()
            .map(|l| plain_text(l))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => plain_text(content),
        Block::Quote {
            blocks,
            attribution,
        }
        | Block::Epigraph {
            blocks,
            attribution,
        } => with_attribution(blocks, attribution),
        Block::Aligned { blocks, .. }
        | Block::Aside { blocks, .. }
        | Block::Hanging { blocks, .. } => blocks_text(blocks),
        Block::List(list) => list
            .items
            .iter()
            .map(|i| blocks_text(&i.blocks))
            .collect::<Vec<_>>()
            .join(" "),
        Block::Definitions(defs) => defs
            .iter()
            .map(|d| {
                std::iter::once(plain_text(&d.term))
                    .chain(d.details.iter().map(|b| blocks_text(b)))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join(" "),
        Block::Verse {
            stanzas,
            attribution,
        } => {
            let verse: Vec<Block> = stanzas
                .iter()
                .map(|s| {
                    Block::Paragraph(
                        s.iter()
                            .flat_map(|l| l.iter().cloned().chain([Inline::LineBreak]))
                            .collect(),
                    )
                })
                .collect();
            with_attribution(&verse, attribution)
        }
        Block::SignOff(l) => lines(l),
        Block::Image { caption, .. } => caption.as_deref().map(plain_text).unwrap_or_default(),
        Block::CodeBlock { text, .. } => text.clone(),
        Block::Table(t) => {
            let mut parts: Vec<String> = t.caption.iter().map(|c| plain_text(c)).collect();
            parts.extend(t.rows().map(|r| lines(r)));
            parts.join(" ")
        }
        Block::Html(raw) => html_text(raw),
        Block::Rule | Block::PageBreak => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Definition, List, ListItem, ListKind, Table};

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn inline_walks_reach_nested_inlines_in_reading_order() {
        let image = |src: &str| Inline::Image {
            src: src.into(),
            alt: String::new(),
            title: None,
        };
        let run = vec![
            t("a"),
            Inline::Link {
                url: "u".into(),
                title: None,
                content: vec![Inline::Strong(vec![image("deep.png"), Inline::NoteRef(3)])],
            },
            image("late.png"),
        ];
        let mut seen = Vec::new();
        each_inline(&run, &mut |i| match i {
            Inline::Image { src, .. } => seen.push(src.clone()),
            Inline::NoteRef(n) => seen.push(format!("note {n}")),
            _ => {}
        });
        assert_eq!(seen, ["deep.png", "note 3", "late.png"]);
        let first = find_inline(&run, &mut |i| match i {
            Inline::Image { src, .. } => Some(src.as_str()),
            _ => None,
        });
        assert_eq!(first, Some("deep.png"));
        assert_eq!(find_inline(&[t("x")], &mut |_| None::<()>), None);
    }

    #[test]
    fn plain_text_flattens_markup_and_skips_note_refs() {
        let inlines = vec![
            t("a "),
            Inline::Emph(vec![t("b")]),
            Inline::NoteRef(1),
            Inline::LineBreak,
            Inline::SmallCaps(vec![t("c")]),
            Inline::Strike(vec![t(" d")]),
            Inline::Html("<kbd>".into()),
            Inline::Code(" e".into()),
        ];
        assert_eq!(plain_text(&inlines), "a b c d e");
    }

    #[test]
    fn nested_blocks_are_walked_and_their_text_kept() {
        let inner = Block::List(List {
            kind: ListKind::Bullet,
            start: 1,
            tight: true,
            items: vec![ListItem::para(vec![t("deep")])],
        });
        let blocks = vec![
            Block::List(List {
                kind: ListKind::Decimal,
                start: 1,
                tight: false,
                items: vec![ListItem {
                    checked: Some(true),
                    blocks: vec![Block::Paragraph(vec![t("top")]), inner],
                }],
            }),
            Block::Definitions(vec![Definition {
                term: vec![t("term")],
                details: vec![vec![Block::CodeBlock {
                    language: None,
                    text: "code".into(),
                }]],
            }]),
            Block::Table(Table {
                caption: Some(vec![t("cap")]),
                head: vec![vec![vec![t("h")]]],
                body: vec![vec![vec![t("b")]]],
                ..Default::default()
            }),
        ];
        let mut count = 0;
        each_block(&blocks, &mut |_| count += 1);
        assert_eq!(count, 7);
        assert_eq!(blocks_text(&blocks), "top deep term code cap h b");
        let mut blocks = blocks;
        let mut runs = 0;
        each_run_mut(&mut blocks, &mut |_| runs += 1);
        assert_eq!(runs, 6, "top, deep, term, caption, two cells");
    }
}
