//! The event walker: a stack of open containers (block and inline) that
//! pulldown-cmark's start and end events push and pop.

use super::{take_attribution, take_image, NoteNumbers, Warning, MAX_NESTING};
use crate::document::walk::find_inline;
use crate::document::{
    html, Alignment, AsideKind, Attr, Block, Cell, Definition, HangingKind, Inline, List, ListItem,
    ListKind, Table,
};
use pulldown_cmark::{
    Alignment as MdAlign, CodeBlockKind, Event, HeadingLevel, LinkType, Tag, TagEnd,
};

/// Inline wrappers: Markdown's own and the raw HTML tags that mean the same.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Span {
    Emph,
    Strong,
    Strike,
    Sup,
    Sub,
    Underline,
    SmallCaps,
}

impl Span {
    fn wrap(self, content: Vec<Inline>) -> Inline {
        match self {
            Span::Emph => Inline::Emph(content),
            Span::Strong => Inline::Strong(content),
            Span::Strike => Inline::Strike(content),
            Span::Sup => Inline::Superscript(content),
            Span::Sub => Inline::Subscript(content),
            Span::Underline => Inline::Underline(content),
            Span::SmallCaps => Inline::SmallCaps(content),
        }
    }
}

#[derive(Debug)]
enum Kind {
    Root,
    Quote,
    List {
        kind: ListKind,
        start: u32,
        loose: bool,
        items: Vec<ListItem>,
    },
    Item {
        checked: Option<bool>,
    },
    Footnote(u32, String),
    /// A `<div class="…">` zinepress writes around blocks Markdown has no syntax for.
    Div(String),
    Definitions(Vec<Definition>),
    Term,
    Detail,
    Table(Table),
    /// Collects one row's cells: the header row or a body row.
    Row {
        head: bool,
        cells: Vec<Cell>,
    },
    Cell,
    Code {
        language: Option<String>,
        text: String,
    },
    HtmlBlock(String),
    Paragraph,
    Heading {
        level: u8,
        attr: Attr,
    },
    Span(Span),
    Link {
        url: String,
        title: Option<String>,
    },
    Image {
        src: String,
        title: Option<String>,
    },
    /// A raw HTML tag opened and not yet closed: `<sup>`, `<u>` ….
    Raw {
        open: String,
        name: String,
        span: Span,
    },
}

impl Kind {
    fn inline(&self) -> bool {
        matches!(
            self,
            Kind::Span(_) | Kind::Link { .. } | Kind::Image { .. } | Kind::Raw { .. }
        )
    }
}

#[derive(Debug)]
struct Frame {
    kind: Kind,
    blocks: Vec<Block>,
    /// Inline content: of a paragraph or heading, or directly in a tight list item or cell.
    inlines: Vec<Inline>,
    line: usize,
}

/// The tree being built.
pub struct Tree {
    stack: Vec<Frame>,
    /// Lines of the top-level blocks.
    lines: Vec<usize>,
    notes: Vec<(u32, Vec<Block>)>,
    numbers: NoteNumbers,
    /// The text of placeholder notes (references whose note was lost).
    lost: &'static str,
    /// Notes defined, with their label and line, and the numbers referenced.
    defined: Vec<(u32, String, usize)>,
    referenced: std::collections::HashSet<u32>,
    warnings: Vec<Warning>,
}

type Finished = (Vec<Block>, Vec<usize>, Vec<(u32, Vec<Block>)>, Vec<Warning>);

impl Tree {
    pub fn new(numbers: NoteNumbers, lost: &'static str) -> Tree {
        Tree {
            stack: vec![Frame {
                kind: Kind::Root,
                blocks: Vec::new(),
                inlines: Vec::new(),
                line: 1,
            }],
            lines: Vec::new(),
            notes: Vec::new(),
            numbers,
            lost,
            defined: Vec::new(),
            referenced: Default::default(),
            warnings: Vec::new(),
        }
    }

    /// The top-level blocks with their lines, the notes and the warnings.
    pub fn finish(mut self) -> Finished {
        while self.stack.len() > 1 {
            let frame = self.pop();
            self.close(frame);
        }
        let root = self.stack.pop().map(|f| f.blocks).unwrap_or_default();
        for (n, label, line) in std::mem::take(&mut self.defined) {
            if !self.referenced.contains(&n) {
                self.warn(
                    line,
                    "notes",
                    format!("note [^{label}] is never referenced; it is printed after the text"),
                );
            }
        }
        (root, self.lines, self.notes, self.warnings)
    }

    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("the root frame stays")
    }

    fn push(&mut self, kind: Kind, line: usize) -> Result<(), String> {
        if self.stack.len() > MAX_NESTING * 3 {
            return Err(format!(
                "line {line}: blocks nest deeper than {MAX_NESTING} levels"
            ));
        }
        self.stack.push(Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
            line,
        });
        Ok(())
    }

    fn pop(&mut self) -> Frame {
        if self.stack.len() > 1 {
            self.stack.pop().expect("checked")
        } else {
            Frame {
                kind: Kind::Paragraph,
                blocks: Vec::new(),
                inlines: Vec::new(),
                line: 0,
            }
        }
    }

    fn container_depth(&self) -> usize {
        self.stack
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    Kind::Quote | Kind::List { .. } | Kind::Div(_) | Kind::Definitions(_)
                )
            })
            .count()
    }

    fn push_container(&mut self, kind: Kind, line: usize) -> Result<(), String> {
        if self.container_depth() >= MAX_NESTING {
            return Err(format!(
                "line {line}: block quotes and lists nest deeper than {MAX_NESTING} levels"
            ));
        }
        self.flush_loose();
        self.push(kind, line)
    }

    /// Inline content met directly in a container (a tight list item, a
    /// definition) becomes a paragraph before the next block starts.
    fn flush_loose(&mut self) {
        let top = self.top();
        if !top.inlines.is_empty()
            && !matches!(
                top.kind,
                Kind::Paragraph | Kind::Heading { .. } | Kind::Cell | Kind::Term
            )
            && !top.kind.inline()
        {
            let content = std::mem::take(&mut top.inlines);
            let line = top.line;
            self.warn_inline_images(&content, line);
            self.add_block(paragraph(content), line);
        }
    }

    /// Adds a block to the innermost container.
    fn add_block(&mut self, block: Block, line: usize) {
        if self.stack.len() == 1 {
            self.lines.push(line);
        }
        self.top().blocks.push(block);
    }

    fn add_inline(&mut self, inline: Inline) {
        match (&mut self.top().kind, inline) {
            (Kind::Code { text, .. }, Inline::Text(t)) => text.push_str(&t),
            (Kind::HtmlBlock(raw), Inline::Text(t)) => raw.push_str(&t),
            (_, Inline::Text(t)) => match self.top().inlines.last_mut() {
                Some(Inline::Text(prev)) => prev.push_str(&t),
                _ => self.top().inlines.push(Inline::Text(t)),
            },
            (_, inline) => self.top().inlines.push(inline),
        }
    }

    fn warn(&mut self, line: usize, class: &'static str, message: String) {
        let w = (line, class, message);
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    /// Raw tags left open at the end of their container are put back as raw HTML.
    fn unwind_raw(&mut self) {
        while matches!(self.top().kind, Kind::Raw { .. }) {
            let frame = self.pop();
            if let Kind::Raw { open, .. } = frame.kind {
                self.top().inlines.push(Inline::Html(open));
                self.top().inlines.extend(frame.inlines);
            }
        }
    }

    pub fn event(&mut self, event: Event, line: usize) -> Result<(), String> {
        match event {
            Event::Start(tag) => self.start(tag, line)?,
            Event::End(end) => {
                self.unwind_raw();
                if !matches!(end, TagEnd::HtmlBlock)
                    || matches!(self.top().kind, Kind::HtmlBlock(_))
                {
                    let frame = self.pop();
                    self.close(frame);
                }
                let _ = end;
            }
            Event::Text(t) => self.add_inline(Inline::Text(t.to_string())),
            Event::Code(t) => self.add_inline(Inline::Code(t.to_string())),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.add_inline(Inline::Text(t.to_string()))
            }
            Event::SoftBreak => self.add_inline(Inline::Text(" ".into())),
            Event::HardBreak => self.add_inline(Inline::LineBreak),
            Event::FootnoteReference(label) => {
                let n = self.numbers.number(&label);
                self.referenced.insert(n);
                self.add_inline(Inline::NoteRef(n));
            }
            Event::Rule => {
                self.flush_loose();
                self.add_block(Block::Rule, line);
            }
            Event::TaskListMarker(done) => {
                if let Some(Frame {
                    kind: Kind::Item { checked },
                    ..
                }) = self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|f| matches!(f.kind, Kind::Item { .. }))
                {
                    *checked = Some(done);
                }
            }
            Event::Html(h) if matches!(self.top().kind, Kind::HtmlBlock(_)) => {
                self.add_inline(Inline::Text(h.to_string()))
            }
            Event::Html(h) | Event::InlineHtml(h) => self.inline_html(&h, line),
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag, line: usize) -> Result<(), String> {
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

    /// Ends a frame: its content goes into its parent.
    fn close(&mut self, frame: Frame) {
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

    /// Print cannot set an image inside a line of text: it sets its alt text, and says so.
    fn warn_inline_images(&mut self, content: &[Inline], line: usize) {
        let first = find_inline(content, &mut |i| match i {
            Inline::Image { src, .. } => Some(src.as_str()),
            _ => None,
        });
        if let Some(src) = first {
            let message = format!("image `{src}` stands inside a line of text: the EPUB shows it there, print sets its alt text; give it a paragraph of its own to print it");
            self.warn(line, "images", message);
        }
    }

    /// An HTML block: one of zinepress's own `<div class="…">` lines opening
    /// or closing a container, or raw HTML.
    fn html_block(&mut self, raw: String, line: usize) {
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
    fn inline_html(&mut self, h: &str, line: usize) {
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
fn div_block(class: &str, inner: Vec<Block>) -> Block {
    let split_lines = |p: &Vec<Inline>| -> Vec<Vec<Inline>> {
        p.split(|i| *i == Inline::LineBreak)
            .map(|l| l.to_vec())
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
            let stanzas = inner
                .iter()
                .filter_map(|b| {
                    if let Block::Paragraph(p) = b {
                        Some(split_lines(p))
                    } else {
                        None
                    }
                })
                .collect();
            Block::Verse {
                stanzas,
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
        "signoff" => Block::SignOff(
            inner
                .iter()
                .filter_map(|b| {
                    if let Block::Paragraph(p) = b {
                        Some(split_lines(p))
                    } else {
                        None
                    }
                })
                .flatten()
                .collect(),
        ),
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

/// Inline content met directly in a container (a tight list item, a definition) as a paragraph.
fn paragraph(content: Vec<Inline>) -> Block {
    Block::Paragraph(content)
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
