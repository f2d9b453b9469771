//! The event walker: a stack of open containers (block and inline) that
//! pulldown-cmark's start and end events push and pop. `frame` holds what a
//! container is, `start` opens one per tag, `close` turns a finished one into
//! its parent's content, and `raw_html` reads the HTML a source holds.

mod close;
mod frame;
mod raw_html;
mod start;

use super::{NoteNumbers, Warning, MAX_NESTING};
use crate::document::walk::find_inline;
use crate::document::{Block, Inline};
use frame::{Frame, Kind};
use pulldown_cmark::{Event, TagEnd};

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

    /// Print cannot set an image inside a line of text: it sets its alt text, and says so.
    pub(super) fn warn_inline_images(&mut self, content: &[Inline], line: usize) {
        let first = find_inline(content, &mut |i| match i {
            Inline::Image { src, .. } => Some(src.as_str()),
            _ => None,
        });
        if let Some(src) = first {
            let message = format!("image `{src}` stands inside a line of text: the EPUB shows it there, print sets its alt text; give it a paragraph of its own to print it");
            self.warn(line, "images", message);
        }
    }
}

/// Inline content met directly in a container (a tight list item, a definition) as a paragraph.
fn paragraph(content: Vec<Inline>) -> Block {
    Block::Paragraph(content)
}
