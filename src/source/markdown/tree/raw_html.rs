//! Raw HTML in Markdown: zinepress's own `<div class="…">` containers,
//! tags that mean what Markdown's spans mean, and other HTML kept as
//! written with a warning.

use super::frame::{Kind, Span};
use super::Tree;
use crate::document::{html, Alignment, AsideKind, Block, HangingKind, Inline, List, ListKind};
use crate::source::markdown::take_attribution;

impl Tree {
    /// An HTML block: one of zinepress's own `<div class="…">` lines opening
    /// or closing a container, or raw HTML.
    pub(super) fn html_block(&mut self, raw: String, line: usize) {
        let tags: Vec<&str> = raw
            .lines()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        let own = |t: &&str| own_div(t).is_some() || (*t == "</div>");
        let open_divs = self
            .stack
            .iter()
            .filter(|f| matches!(f.kind, Kind::Div(_)))
            .count();
        let closes = tags.iter().filter(|t| **t == "</div>").count();
        let opens = tags.iter().filter(|t| own_div(t).is_some()).count();
        if !tags.is_empty() && tags.iter().all(own) && closes <= open_divs + opens {
            for t in tags {
                if let Some(class) = own_div(t) {
                    if self
                        .push_container(Kind::Div(class.to_string()), line)
                        .is_err()
                    {
                        self.warn(
                            line,
                            "raw HTML",
                            "blocks nest too deep; this <div> is ignored".into(),
                        );
                    }
                } else {
                    self.unwind_raw();
                    while !matches!(self.top().kind, Kind::Div(_)) && self.stack.len() > 1 {
                        let f = self.pop();
                        self.close(f);
                    }
                    let f = self.pop();
                    self.close(f);
                }
            }
            return;
        }
        let raw = raw.trim_end_matches('\n').to_string();
        self.warn(line, "raw HTML", html::warning(&raw));
        self.add_block(Block::Html(raw), line);
    }

    /// Inline HTML: `<br>`, tags that mean what Markdown's spans mean, and
    /// raw HTML kept as written.
    pub(super) fn inline_html(&mut self, h: &str, line: usize) {
        match html::tag(h) {
            Some(tag) if tag.name == "br" && !tag.closing => self.add_inline(Inline::LineBreak),
            Some(tag) if !tag.closing && !tag.self_closing => match raw_span(&tag.name, h) {
                Some(span) => {
                    let _ = self.push(
                        Kind::Raw {
                            open: h.to_string(),
                            name: tag.name,
                            span,
                        },
                        line,
                    );
                }
                None => self.raw_inline(h, line),
            },
            Some(tag) if tag.closing => {
                let open = self
                    .stack
                    .iter()
                    .rev()
                    .take_while(|f| f.kind.inline())
                    .position(|f| matches!(&f.kind, Kind::Raw { name, .. } if *name == tag.name));
                match open {
                    Some(depth) => {
                        // Raw tags opened inside this one and left open go back to raw HTML.
                        for _ in 0..depth {
                            let f = self.pop();
                            if let Kind::Raw { open, .. } = f.kind {
                                self.top().inlines.push(Inline::Html(open));
                                self.top().inlines.extend(f.inlines);
                            }
                        }
                        let f = self.pop();
                        self.close(f);
                    }
                    None => self.raw_inline(h, line),
                }
            }
            _ => self.raw_inline(h, line),
        }
    }

    /// Raw inline HTML, kept as written with a warning.
    fn raw_inline(&mut self, h: &str, line: usize) {
        self.warn(line, "raw HTML", html::warning(h));
        self.add_inline(Inline::Html(h.to_string()));
    }
}

/// The span a raw HTML open tag stands for, when it is one Markdown has.
fn raw_span(name: &str, tag: &str) -> Option<Span> {
    match name {
        "em" | "i" => Some(Span::Emph),
        "strong" | "b" => Some(Span::Strong),
        "del" | "s" | "strike" => Some(Span::Strike),
        "sup" => Some(Span::Sup),
        "sub" => Some(Span::Sub),
        "u" | "ins" => Some(Span::Underline),
        "span" if tag == "<span class=\"smallcaps\">" => Some(Span::SmallCaps),
        _ => None,
    }
}

/// The class of a `<div class="…">` line zinepress writes, if `tag` is one.
fn own_div(tag: &str) -> Option<&str> {
    let class = tag.strip_prefix("<div class=\"")?.strip_suffix("\">")?;
    const OWN: [&str; 15] = [
        "verse",
        "epigraph",
        "signoff",
        "bio",
        "colophon",
        "left",
        "center",
        "right",
        "list-lower-alpha",
        "list-upper-alpha",
        "list-lower-roman",
        "list-upper-roman",
        "biblio",
        "play",
        "pagebreak",
    ];
    OWN.contains(&class).then_some(class)
}

/// The block a `<div class="…">` stands for.
pub(super) fn div_block(class: &str, inner: Vec<Block>) -> Block {
    // The lines (split at line breaks) of each paragraph among `blocks`.
    let paragraph_lines = |blocks: &[Block]| -> Vec<Vec<Vec<Inline>>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(
                    p.split(|i| *i == Inline::LineBreak)
                        .map(|l| l.to_vec())
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    };
    let list_kind = |kind: ListKind, inner: Vec<Block>| match inner.as_slice() {
        [Block::List(l)] => Block::List(List { kind, ..l.clone() }),
        _ => Block::Aligned {
            align: Alignment::Default,
            blocks: inner,
        },
    };
    match class {
        "verse" => {
            let (inner, attribution) = take_attribution(inner);
            Block::Verse {
                stanzas: paragraph_lines(&inner),
                attribution,
            }
        }
        "epigraph" => {
            let (blocks, attribution) = take_attribution(inner);
            Block::Epigraph {
                blocks,
                attribution,
            }
        }
        "signoff" => Block::SignOff(paragraph_lines(&inner).into_iter().flatten().collect()),
        "colophon" => Block::Aside {
            kind: AsideKind::Colophon,
            blocks: inner,
        },
        "bio" => Block::Aside {
            kind: AsideKind::Bio,
            blocks: inner,
        },
        "center" => Block::Aligned {
            align: Alignment::Center,
            blocks: inner,
        },
        "right" => Block::Aligned {
            align: Alignment::Right,
            blocks: inner,
        },
        "list-lower-alpha" => list_kind(ListKind::LowerAlpha, inner),
        "list-upper-alpha" => list_kind(ListKind::UpperAlpha, inner),
        "list-lower-roman" => list_kind(ListKind::LowerRoman, inner),
        "list-upper-roman" => list_kind(ListKind::UpperRoman, inner),
        "biblio" => Block::Hanging {
            kind: HangingKind::Bibliography,
            blocks: inner,
        },
        "play" => Block::Hanging {
            kind: HangingKind::Play,
            blocks: inner,
        },
        "pagebreak" if inner.is_empty() => Block::PageBreak,
        _ => Block::Aligned {
            align: Alignment::Left,
            blocks: inner,
        },
    }
}
