//! Document to Markdown (CommonMark with GFM tables, task lists and
//! strikethrough, footnotes, definition lists and heading attributes): what
//! `zinepress normalize` prints. Reading it back gives the same blocks.
//!
//! What Markdown has no syntax for is written as a `<div class="…">` around
//! Markdown blocks (verse, sign-offs, epigraphs, asides, aligned blocks,
//! lettered and roman lists, bibliographies, plays, page breaks), which the
//! reader turns back into the block.

use super::markdown_inline::{escape, inlines_in, Place};
use super::{
    Alignment, AsideKind, Attr, Block, Definition, Document, HangingKind, List, ListKind, Table,
};

pub use super::markdown_inline::inlines_md;

/// Renders the document as Markdown; reading it back gives the same blocks.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    if m.subtitle.is_some() || !m.authors.is_empty() || m.rights.is_some() {
        // Front matter carries what a `# Title` line cannot.
        out.push_str("---\n");
        if !m.title.is_empty() {
            out.push_str(&format!("title: {}\n", m.title));
        }
        if let Some(s) = &m.subtitle {
            out.push_str(&format!("subtitle: {s}\n"));
        }
        if !m.authors.is_empty() {
            out.push_str(&format!("author: {}\n", m.authors.join(", ")));
        }
        if let Some(r) = &m.rights {
            out.push_str(&format!("rights: {r}\n"));
        }
        out.push_str("---\n\n");
    } else if !m.title.is_empty() {
        out.push_str(&format!(
            "# {}\n\n",
            escape(&m.title, false, Place::Heading)
        ));
    }
    let body = blocks_md(&doc.blocks, false);
    if !body.is_empty() {
        out.push_str(&body);
        out.push_str("\n\n");
    }
    for note in &doc.notes {
        let text = blocks_md(&note.content, false);
        out.push_str(&indent_after_first(
            &format!("[^{}]: {text}", note.number),
            "    ",
        ));
        out.push_str("\n\n");
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Blocks separated by blank lines (by line ends only in a tight list item).
/// Two lists in a row change their markers, so they do not read back as one.
fn blocks_md(blocks: &[Block], tight: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut alternate = false;
    let mut prev_list: Option<bool> = None;
    for b in blocks {
        if let Block::List(list) = b {
            alternate = prev_list == Some(list.kind.ordered()) && !alternate;
            prev_list = Some(list.kind.ordered());
        } else {
            prev_list = None;
            alternate = false;
        }
        let md = block_md(b, alternate);
        if !md.is_empty() {
            parts.push(md);
        }
    }
    parts.join(if tight { "\n" } else { "\n\n" })
}

/// One block, without a final line end.
fn block_md(block: &Block, alternate: bool) -> String {
    match block {
        Block::Heading {
            level,
            content,
            attr,
        } => {
            let marks = "#".repeat((*level as usize + 1).min(6));
            let text = inlines_in(content, Place::Heading);
            format!("{marks} {text}{}", attr_md(attr))
                .trim_end()
                .to_string()
        }
        Block::Paragraph(c) => inlines_md(c),
        Block::Aligned { align, blocks } => {
            let class = match align {
                Alignment::Center => "center",
                Alignment::Right => "right",
                Alignment::Left | Alignment::Default => "left",
            };
            div(class, &blocks_md(blocks, false))
        }
        Block::Quote {
            blocks,
            attribution,
        } => {
            let mut inner = blocks_md(blocks, false);
            if let Some(a) = attribution {
                inner.push_str(&format!("\n\n— {}", inlines_md(a)));
            }
            prefix_lines(inner.trim_start_matches('\n'), "> ", ">")
        }
        Block::Epigraph {
            blocks,
            attribution,
        } => {
            let mut inner = blocks_md(blocks, false);
            if let Some(a) = attribution {
                inner.push_str(&format!("\n\n— {}", inlines_md(a)));
            }
            div("epigraph", &inner)
        }
        Block::List(list) => list_md(list, alternate),
        Block::Definitions(defs) => definitions_md(defs),
        Block::Verse {
            stanzas,
            attribution,
        } => {
            let mut parts: Vec<String> = stanzas
                .iter()
                .map(|stanza| {
                    stanza
                        .iter()
                        .map(|l| inlines_md(l))
                        .collect::<Vec<_>>()
                        .join("\\\n")
                })
                .collect();
            if let Some(a) = attribution {
                parts.push(format!("— {}", inlines_md(a)));
            }
            div("verse", &parts.join("\n\n"))
        }
        Block::SignOff(lines) => div(
            "signoff",
            &lines
                .iter()
                .map(|l| inlines_md(l))
                .collect::<Vec<_>>()
                .join("\\\n"),
        ),
        Block::Aside { kind, blocks } => {
            let class = match kind {
                AsideKind::Bio => "bio",
                AsideKind::Colophon => "colophon",
            };
            div(class, &blocks_md(blocks, false))
        }
        Block::Image { src, alt, caption } => {
            let title = caption.as_deref().map(super::plain_text);
            inlines_md(&[super::Inline::Image {
                src: src.clone(),
                alt: alt.clone(),
                title,
            }])
        }
        Block::CodeBlock { language, text } => code_md(language.as_deref(), text),
        Block::Table(t) => table_md(t),
        Block::Html(raw) => raw.trim_end_matches('\n').to_string(),
        Block::Rule => "* * *".to_string(),
        Block::Hanging { kind, blocks } => div(
            match kind {
                HangingKind::Bibliography => "biblio",
                HangingKind::Play => "play",
            },
            &blocks_md(blocks, false),
        ),
        Block::PageBreak => "<div class=\"pagebreak\">\n</div>".to_string(),
    }
}

/// ` {#id .class key=value}` after a heading, or nothing.
fn attr_md(attr: &Attr) -> String {
    if attr.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(id) = &attr.id {
        parts.push(format!("#{id}"));
    }
    parts.extend(attr.classes.iter().map(|c| format!(".{c}")));
    parts.extend(attr.pairs.iter().map(|(k, v)| match v {
        Some(v) => format!("{k}={v}"),
        None => k.clone(),
    }));
    format!(" {{{}}}", parts.join(" "))
}

/// A `<div class="…">` around Markdown blocks.
fn div(class: &str, inner: &str) -> String {
    format!("<div class=\"{class}\">\n\n{}\n\n</div>", inner.trim_end())
}

/// `first` on the first line, `rest` on the others (empty lines get `rest` trimmed).
fn prefix_lines(text: &str, first: &str, blank: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                blank.to_string()
            } else {
                format!("{first}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every line but the first indented by `pad` (blank lines stay empty).
fn indent_after_first(text: &str, pad: &str) -> String {
    let mut lines = text.lines();
    let mut out = lines.next().unwrap_or_default().to_string();
    for l in lines {
        out.push('\n');
        if !l.is_empty() {
            out.push_str(pad);
            out.push_str(l);
        }
    }
    out
}

fn list_md(list: &List, alternate: bool) -> String {
    let mut items = Vec::new();
    for (i, item) in list.items.iter().enumerate() {
        let marker = match list.kind {
            ListKind::Bullet => (if alternate { "*" } else { "-" }).to_string(),
            _ => format!(
                "{}{}",
                list.start as u64 + i as u64,
                if alternate { ")" } else { "." }
            ),
        };
        let task = match item.checked {
            Some(true) => "[x] ",
            Some(false) => "[ ] ",
            None => "",
        };
        let body = blocks_md(&item.blocks, list.tight);
        let pad = " ".repeat(marker.len() + 1);
        let text = if body.is_empty() && task.is_empty() {
            marker
        } else {
            indent_after_first(&format!("{marker} {task}{body}"), &pad)
        };
        items.push(text);
    }
    let md = items.join(if list.tight { "\n" } else { "\n\n" });
    match list.kind {
        ListKind::Bullet | ListKind::Decimal => md,
        ListKind::LowerAlpha => div("list-lower-alpha", &md),
        ListKind::UpperAlpha => div("list-upper-alpha", &md),
        ListKind::LowerRoman => div("list-lower-roman", &md),
        ListKind::UpperRoman => div("list-upper-roman", &md),
    }
}

/// `term` then `:   definition` lines; definitions of more than one
/// paragraph go loose, their further blocks indented by four spaces.
fn definitions_md(defs: &[Definition]) -> String {
    let simple = defs.iter().all(|d| {
        d.details
            .iter()
            .all(|b| matches!(b.as_slice(), [Block::Paragraph(_)]))
    });
    let mut out = Vec::new();
    for d in defs {
        let mut entry = inlines_md(&d.term);
        for detail in &d.details {
            entry.push_str(if simple { "\n" } else { "\n\n" });
            entry.push_str(&indent_after_first(
                &format!(":   {}", blocks_md(detail, false)),
                "    ",
            ));
        }
        out.push(entry);
    }
    out.join("\n\n")
}

/// A fenced code block, the fence longer than any fence-like run inside.
fn code_md(language: Option<&str>, text: &str) -> String {
    let tick = if language.is_some_and(|l| l.contains('`')) {
        '~'
    } else {
        '`'
    };
    let longest = text
        .lines()
        .map(|l| l.trim_start().chars().take_while(|c| *c == tick).count())
        .max()
        .unwrap_or(0);
    let fence = tick.to_string().repeat(longest.max(2) + 1);
    let body = if text.is_empty() {
        String::new()
    } else {
        format!("{}\n", text.strip_suffix('\n').unwrap_or(text))
    };
    format!("{fence}{}\n{body}{fence}", language.unwrap_or_default())
}

/// A pipe table; a table without a header row gets an empty one, which
/// the reader drops again, and a caption follows as `Table: …`.
fn table_md(t: &Table) -> String {
    let columns = t.columns().max(1);
    let row = |cells: &[super::Cell]| {
        let texts: Vec<String> = (0..columns)
            .map(|i| {
                cells
                    .get(i)
                    .map(|c| inlines_in(c, Place::Cell))
                    .unwrap_or_default()
            })
            .collect();
        format!("| {} |", texts.join(" | "))
    };
    let mut lines = Vec::new();
    let empty: Vec<super::Cell> = Vec::new();
    let mut head = t.head.iter();
    lines.push(row(head.next().unwrap_or(&empty)));
    lines.push(format!(
        "|{}|",
        (0..columns)
            .map(|i| match t.alignment(i) {
                Alignment::Default => " --- ",
                Alignment::Left => " :-- ",
                Alignment::Center => " :-: ",
                Alignment::Right => " --: ",
            })
            .collect::<Vec<_>>()
            .join("|")
    ));
    for r in head.chain(&t.body).chain(&t.foot) {
        lines.push(row(r));
    }
    let mut md = lines.join("\n");
    if let Some(c) = &t.caption {
        md.push_str(&format!("\n\nTable: {}", inlines_md(c)));
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Inline, ListItem};

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn nested_tight_list_with_tasks() {
        let inner = Block::List(List {
            kind: ListKind::Decimal,
            start: 3,
            tight: true,
            items: vec![ListItem::para(vec![t("c")])],
        });
        let list = List {
            kind: ListKind::Bullet,
            start: 1,
            tight: true,
            items: vec![
                ListItem {
                    checked: Some(true),
                    blocks: vec![Block::Paragraph(vec![t("a")]), inner],
                },
                ListItem::para(vec![t("b")]),
            ],
        };
        assert_eq!(list_md(&list, false), "- [x] a\n  3. c\n- b");
    }

    #[test]
    fn consecutive_lists_alternate_markers() {
        let l = |kind| {
            Block::List(List {
                kind,
                start: 1,
                tight: true,
                items: vec![ListItem::para(vec![t("x")])],
            })
        };
        assert_eq!(
            blocks_md(
                &[
                    l(ListKind::Bullet),
                    l(ListKind::Bullet),
                    l(ListKind::Decimal)
                ],
                false
            ),
            "- x\n\n* x\n\n1. x"
        );
    }

    #[test]
    fn tables_code_and_definitions() {
        let table = Table {
            caption: Some(vec![t("Cities")]),
            align: vec![Alignment::Default, Alignment::Right],
            head: vec![vec![vec![t("City")], vec![t("Groups")]]],
            body: vec![vec![vec![t("A|B")], vec![t("12")]]],
            foot: vec![],
        };
        assert_eq!(
            table_md(&table),
            "| City | Groups |\n| --- | --: |\n| A\\|B | 12 |\n\nTable: Cities"
        );
        assert_eq!(
            code_md(Some("rust"), "fn main() {}\n"),
            "```rust\nfn main() {}\n```"
        );
        assert_eq!(
            code_md(None, "```\ninner\n```"),
            "````\n```\ninner\n```\n````"
        );
        let defs = vec![Definition {
            term: vec![t("apple")],
            details: vec![vec![
                Block::Paragraph(vec![t("red")]),
                Block::CodeBlock {
                    language: None,
                    text: "x".into(),
                },
            ]],
        }];
        assert_eq!(
            definitions_md(&defs),
            "apple\n\n:   red\n\n    ```\n    x\n    ```"
        );
    }

    #[test]
    fn headings_with_attributes_and_quotes() {
        let h = Block::Heading {
            level: 1,
            content: vec![t("Intro")],
            attr: Attr {
                id: Some("intro".into()),
                classes: vec!["x".into()],
                pairs: vec![],
            },
        };
        assert_eq!(block_md(&h, false), "## Intro {#intro .x}");
        let q = Block::Quote {
            blocks: vec![
                Block::Quote {
                    blocks: vec![Block::Paragraph(vec![t("deep")])],
                    attribution: None,
                },
                Block::Paragraph(vec![t("p")]),
            ],
            attribution: None,
        };
        assert_eq!(block_md(&q, false), "> > deep\n>\n> p");
    }
}
