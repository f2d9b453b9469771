//! Start events: the frame each pulldown-cmark tag opens.

use super::frame::{Frame, Kind, Span};
use super::Tree;
use crate::document::{Alignment, Attr, ListKind, Table};
use pulldown_cmark::{Alignment as MdAlign, CodeBlockKind, HeadingLevel, LinkType, Tag};

impl Tree {
    /// Opens the frame of `tag`, met at `line`.
    pub(super) fn start(&mut self, tag: Tag, line: usize) -> Result<(), String> {
        match tag {
            Tag::Paragraph => {
                self.flush_loose();
                if let Some(Frame {
                    kind: Kind::Item { .. },
                    ..
                }) = self.stack.last()
                {
                    if let Some(Frame {
                        kind: Kind::List { loose, .. },
                        ..
                    }) = self.stack.iter_mut().rev().nth(1)
                    {
                        *loose = true;
                    }
                }
                self.push(Kind::Paragraph, line)?;
            }
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.flush_loose();
                let attr = Attr {
                    id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    pairs: attrs
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string())))
                        .collect(),
                };
                self.push(
                    Kind::Heading {
                        level: heading_level(level),
                        attr,
                    },
                    line,
                )?;
            }
            Tag::BlockQuote(_) => self.push_container(Kind::Quote, line)?,
            Tag::CodeBlock(kind) => {
                self.flush_loose();
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_string)
                    }
                    CodeBlockKind::Indented => None,
                };
                self.push(
                    Kind::Code {
                        language,
                        text: String::new(),
                    },
                    line,
                )?;
            }
            Tag::HtmlBlock => {
                self.flush_loose();
                self.push(Kind::HtmlBlock(String::new()), line)?;
            }
            Tag::List(start) => {
                let kind = if start.is_some() {
                    ListKind::Decimal
                } else {
                    ListKind::Bullet
                };
                let start = start.map_or(1, |s| s.min(u32::MAX as u64) as u32);
                self.push_container(
                    Kind::List {
                        kind,
                        start,
                        loose: false,
                        items: Vec::new(),
                    },
                    line,
                )?;
            }
            Tag::Item => self.push(Kind::Item { checked: None }, line)?,
            Tag::FootnoteDefinition(label) => {
                let n = self.numbers.number(&label);
                self.flush_loose();
                self.push(Kind::Footnote(n, label.to_string()), line)?;
            }
            Tag::DefinitionList => self.push_container(Kind::Definitions(Vec::new()), line)?,
            Tag::DefinitionListTitle => self.push(Kind::Term, line)?,
            Tag::DefinitionListDefinition => self.push(Kind::Detail, line)?,
            Tag::Table(aligns) => {
                self.flush_loose();
                let align = aligns.iter().map(|a| match a {
                    MdAlign::None => Alignment::Default,
                    MdAlign::Left => Alignment::Left,
                    MdAlign::Center => Alignment::Center,
                    MdAlign::Right => Alignment::Right,
                });
                self.push(
                    Kind::Table(Table {
                        align: align.collect(),
                        ..Default::default()
                    }),
                    line,
                )?;
            }
            Tag::TableHead => self.push(
                Kind::Row {
                    head: true,
                    cells: Vec::new(),
                },
                line,
            )?,
            Tag::TableRow => self.push(
                Kind::Row {
                    head: false,
                    cells: Vec::new(),
                },
                line,
            )?,
            Tag::TableCell => self.push(Kind::Cell, line)?,
            Tag::Emphasis => self.push(Kind::Span(Span::Emph), line)?,
            Tag::Strong => self.push(Kind::Span(Span::Strong), line)?,
            Tag::Strikethrough => self.push(Kind::Span(Span::Strike), line)?,
            Tag::Superscript => self.push(Kind::Span(Span::Sup), line)?,
            Tag::Subscript => self.push(Kind::Span(Span::Sub), line)?,
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let url = if link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                self.push(
                    Kind::Link {
                        url,
                        title: (!title.is_empty()).then(|| title.to_string()),
                    },
                    line,
                )?;
            }
            Tag::Image {
                dest_url, title, ..
            } => self.push(
                Kind::Image {
                    src: dest_url.to_string(),
                    title: (!title.is_empty()).then(|| title.to_string()),
                },
                line,
            )?,
            Tag::MetadataBlock(_) => self.push(Kind::Paragraph, line)?,
        }
        Ok(())
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
