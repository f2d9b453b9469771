//! Closing a frame: its content becomes a block or an inline of its parent.

use super::frame::{Frame, Kind};
use super::raw_html::div_block;
use super::{paragraph, Tree};
use crate::document::{Block, Cell, Definition, Inline, List, ListItem};
use crate::source::markdown::{take_attribution, take_image};

impl Tree {
    /// Ends a frame: its content goes into its parent.
    pub(super) fn close(&mut self, frame: Frame) {
        let Frame {
            kind,
            mut blocks,
            inlines,
            line,
        } = frame;
        let into_blocks = |blocks: &mut Vec<Block>, inlines: Vec<Inline>| {
            if !inlines.is_empty() {
                blocks.push(paragraph(inlines));
            }
        };
        match kind {
            Kind::Root => {}
            Kind::Paragraph => self.paragraph(inlines, line),
            Kind::Heading { level, attr } => self.add_block(
                Block::Heading {
                    level,
                    content: inlines,
                    attr,
                },
                line,
            ),
            Kind::Quote => {
                into_blocks(&mut blocks, inlines);
                let (blocks, attribution) = take_attribution(blocks);
                self.add_block(
                    Block::Quote {
                        blocks,
                        attribution,
                    },
                    line,
                );
            }
            Kind::List {
                kind,
                start,
                loose,
                items,
            } => self.add_block(
                Block::List(List {
                    kind,
                    start,
                    tight: !loose,
                    items,
                }),
                line,
            ),
            Kind::Item { checked } => {
                self.warn_inline_images(&inlines, line);
                into_blocks(&mut blocks, inlines);
                if let Kind::List { items, .. } = &mut self.top().kind {
                    items.push(ListItem { checked, blocks });
                }
            }
            Kind::Footnote(n, label) => {
                into_blocks(&mut blocks, inlines);
                self.defined.push((n, label, line));
                let placeholder = matches!(blocks.as_slice(), [Block::Paragraph(p)] if matches!(p.as_slice(), [Inline::Text(t)] if t == self.lost));
                match self.notes.iter_mut().find(|(m, _)| *m == n) {
                    // A note defined twice keeps both texts, the first first.
                    Some((_, first)) if !placeholder => {
                        first.extend(blocks);
                        self.warn(
                            line,
                            "notes",
                            format!("note {n} is defined a second time; its texts are joined"),
                        );
                    }
                    Some(_) => {}
                    None => self.notes.push((n, blocks)),
                }
            }
            Kind::Div(class) => {
                into_blocks(&mut blocks, inlines);
                self.add_block(div_block(&class, blocks), line);
            }
            Kind::Definitions(defs) => self.add_block(Block::Definitions(defs), line),
            Kind::Term => {
                if let Kind::Definitions(defs) = &mut self.top().kind {
                    defs.push(Definition {
                        term: inlines,
                        details: Vec::new(),
                    });
                }
            }
            Kind::Detail => {
                into_blocks(&mut blocks, inlines);
                if let Kind::Definitions(defs) = &mut self.top().kind {
                    match defs.last_mut() {
                        Some(d) => d.details.push(blocks),
                        None => defs.push(Definition {
                            term: Vec::new(),
                            details: vec![blocks],
                        }),
                    }
                }
            }
            Kind::Table(table) => self.add_block(Block::Table(table), line),
            Kind::Row { head, cells } => {
                if let Kind::Table(table) = &mut self.top().kind {
                    match head {
                        // An all-empty header row is how a table without one is written.
                        true if cells.iter().all(Vec::is_empty) => {}
                        true => table.head.push(cells),
                        false => table.body.push(cells),
                    }
                }
            }
            Kind::Cell => {
                if let Kind::Row { cells, .. } = &mut self.top().kind {
                    cells.push(trim_cell(inlines));
                }
            }
            Kind::Code { language, text } => {
                let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
                self.add_block(Block::CodeBlock { language, text }, line);
            }
            Kind::HtmlBlock(raw) => self.html_block(raw, line),
            Kind::Span(span) => self.add_inline(span.wrap(inlines)),
            Kind::Raw { span, .. } => self.add_inline(span.wrap(inlines)),
            Kind::Link { url, title } => self.add_inline(Inline::Link {
                url,
                title,
                content: inlines,
            }),
            Kind::Image { src, title } => {
                let alt = crate::document::plain_text(&inlines);
                self.add_inline(Inline::Image { src, alt, title });
            }
        }
    }

    /// A finished paragraph: an image alone is a figure; `Table: …` right
    /// after a table is its caption.
    fn paragraph(&mut self, content: Vec<Inline>, line: usize) {
        if content.is_empty() {
            return;
        }
        if let (Some(Block::Table(t)), Some(Inline::Text(first))) =
            (self.top().blocks.last_mut(), content.first())
        {
            if t.caption.is_none() {
                if let Some(rest) = first.strip_prefix("Table: ") {
                    let mut caption = content.clone();
                    caption[0] = Inline::Text(rest.to_string());
                    t.caption = Some(caption);
                    return;
                }
            }
        }
        // An image alone in a paragraph is a figure, but not in a list item.
        let in_item = matches!(self.top().kind, Kind::Item { .. });
        let block = if in_item {
            Block::Paragraph(content)
        } else {
            take_image(&content).unwrap_or(Block::Paragraph(content))
        };
        if let Block::Paragraph(p) = &block {
            self.warn_inline_images(p, line);
        }
        self.add_block(block, line);
    }
}

/// Cells lose the spaces at their edges.
fn trim_cell(mut cell: Cell) -> Cell {
    if let Some(Inline::Text(t)) = cell.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = cell.last_mut() {
        *t = t.trim_end().to_string();
    }
    cell.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    cell
}
