//! The blocks of a Muse body, built from classified lines: paragraphs
//! (quoted, centred or flush right by their indentation), headings, rules,
//! page breaks, the block tags (`<quote>`, `<center>`, `<right>`,
//! `<biblio>`, `<play>`, `<verse>`, `<example>`, `<comment>`), `{{{` code,
//! `>` verse, tables, note texts and lists ([`super::lists`]).
//!
//! Which lines a tag encloses is settled once for the whole body
//! ([`super::extents`]), so reading stays linear however the tags are broken: a
//! tag never closed encloses what is left of its parent (a `<verse>`, up to
//! the next heading or tag; a `<comment>`, nothing), with a warning, and
//! its words are kept.

use super::extents::{extents, Extent};
use super::inline::{self, Scope, Sink};
use super::lines::{classify, Kind, Tag};
use super::notes::Notes;
use super::table;
use crate::document::walk::find_inline;
use crate::document::{Alignment, Attr, Block, HangingKind, Inline};
use crate::source::markdown::MAX_NESTING;

/// One line of the body.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line in the file.
    pub no: usize,
    pub text: String,
    pub kind: Kind,
}

/// Reads the blocks of a body.
pub struct Parser {
    pub lines: Vec<Line>,
    extent: Vec<Option<Extent>>,
    pub notes: Notes,
    pub warnings: Vec<(usize, String)>,
    /// Lines left out: (file line, class, text).
    pub removed: Vec<(usize, &'static str, String)>,
    /// An `#anchor` line waiting for the heading it names.
    anchor: Option<String>,
}

/// How an indented paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Indented {
    Quote,
    Center,
    Right,
}

impl Indented {
    /// Two to five columns quote, six to nineteen centre, twenty or more set flush right.
    fn of(indent: usize) -> Option<Indented> {
        match indent {
            0 | 1 => None,
            2..=5 => Some(Indented::Quote),
            6..=19 => Some(Indented::Center),
            _ => Some(Indented::Right),
        }
    }

    fn wrap(self, blocks: Vec<Block>) -> Block {
        match self {
            Indented::Quote => Block::Quote {
                blocks,
                attribution: None,
            },
            Indented::Center => Block::Aligned {
                align: Alignment::Center,
                blocks,
            },
            Indented::Right => Block::Aligned {
                align: Alignment::Right,
                blocks,
            },
        }
    }
}

impl Parser {
    /// A parser over cleaned body lines (see [`super::lines::clean`]), the
    /// first being file line `first_line`.
    pub fn new(body: &[String], first_line: usize) -> Parser {
        let lines: Vec<Line> = body
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                no: first_line + i,
                text: t.clone(),
                kind: classify(t),
            })
            .collect();
        let (extent, defined) = extents(&lines);
        let mut notes = Notes::default();
        for (secondary, number) in defined {
            notes.define(secondary, number);
        }
        Parser {
            lines,
            extent,
            notes,
            warnings: Vec::new(),
            removed: Vec::new(),
            anchor: None,
        }
    }

    pub(super) fn warn(&mut self, i: usize, message: String) {
        let no = self.lines.get(i).map_or(0, |l| l.no);
        self.warnings.push((no, message));
    }

    pub(super) fn remove(&mut self, i: usize, class: &'static str) {
        let line = &self.lines[i];
        if !line.text.trim().is_empty() {
            self.removed
                .push((line.no, class, line.text.trim().to_string()));
        }
    }

    /// Reads inline markup of text starting at line index `i`.
    pub(super) fn inline(&mut self, text: &str, scope: Scope, i: usize) -> Vec<Inline> {
        let line = self.lines.get(i).map_or(0, |l| l.no);
        inline::parse(
            text,
            scope,
            &mut Sink {
                notes: &mut self.notes,
                warnings: &mut self.warnings,
                line,
            },
        )
    }

    /// The blocks of lines `start..end`, at container depth `depth`.
    pub fn blocks(&mut self, start: usize, end: usize, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        // The kind and place of the last indented paragraph, which the next one of the same kind joins.
        let mut indented: Option<(Indented, usize)> = None;
        let mut i = start;
        while i < end {
            let kind = self.lines[i].kind.clone();
            if !matches!(
                kind,
                Kind::Blank | Kind::Comment | Kind::Anchor | Kind::Heading(_)
            ) {
                self.anchor = None;
            }
            i = match kind {
                Kind::Blank => i + 1,
                Kind::Comment => {
                    self.remove(i, "comment");
                    i + 1
                }
                Kind::Open(tag) => self.tagged(tag, i, end, depth, &mut out),
                Kind::Close(tag) => {
                    self.warn(
                        i,
                        format!("</{}> closes nothing; the tag is left out", tag.name()),
                    );
                    i + 1
                }
                Kind::FenceOpen => self.fence(i, end, &mut out),
                Kind::FenceClose => {
                    self.warn(i, "}}} closes nothing; it is left out".to_string());
                    i + 1
                }
                Kind::Heading(level) => {
                    let text = self.lines[i]
                        .text
                        .get(level as usize + 1..)
                        .unwrap_or_default()
                        .trim()
                        .to_string();
                    let content = self.inline(&text, Scope::Body, i);
                    let attr = Attr {
                        id: self.anchor.take(),
                        ..Attr::default()
                    };
                    out.push(Block::Heading {
                        level,
                        content,
                        attr,
                    });
                    i + 1
                }
                Kind::Rule => {
                    out.push(Block::Rule);
                    i + 1
                }
                Kind::PageBreak => {
                    out.push(Block::PageBreak);
                    i + 1
                }
                Kind::Note {
                    secondary,
                    number,
                    col,
                } => self.note(i, end, secondary, number, col, &mut out),
                Kind::Verse => self.quoted_verse(i, end, &mut out),
                Kind::Table => self.table(i, end, &mut out),
                Kind::Anchor => {
                    self.anchor = Some(self.lines[i].text.get(1..).unwrap_or_default().to_string());
                    self.remove(i, "anchor");
                    i + 1
                }
                Kind::Item { .. } => match self.list(i, end) {
                    Some((block, next)) => {
                        out.push(block);
                        next
                    }
                    None => self.paragraph(i, end, &mut out, &mut indented),
                },
                Kind::Text { .. } => self.paragraph(i, end, &mut out, &mut indented),
            };
        }
        out
    }

    /// The end of the lines a tag at `i` encloses within `end`, where to go
    /// on after it, and whether it was closed.
    fn enclosed(&self, i: usize, end: usize) -> (usize, usize, bool) {
        match self.extent[i] {
            Some(Extent::Closed(j)) if j < end => (j, j + 1, true),
            Some(Extent::Open(e)) => (
                e.clamp(i + 1, end.max(i + 1)),
                e.clamp(i + 1, end.max(i + 1)),
                false,
            ),
            _ => (end, end, false),
        }
    }

    /// A block tag at `i` and what it encloses.
    fn tagged(
        &mut self,
        tag: Tag,
        i: usize,
        end: usize,
        depth: usize,
        out: &mut Vec<Block>,
    ) -> usize {
        let (inner_end, next, closed) = self.enclosed(i, end);
        if !closed {
            let message = match tag {
                Tag::Comment => {
                    "<comment> is never closed; the lines after it are kept as text".to_string()
                }
                Tag::Verse if inner_end < self.lines.len() => format!(
                    "<verse> is never closed; the verse ends before line {}",
                    self.lines[inner_end].no
                ),
                _ => format!(
                    "<{}> is never closed; it runs to the end of {}",
                    tag.name(),
                    if end == self.lines.len() {
                        "the text"
                    } else {
                        "the block around it"
                    }
                ),
            };
            self.warn(i, message);
        }
        match tag {
            Tag::Comment => (i + 1..inner_end).for_each(|k| self.remove(k, "comment")),
            Tag::Example => {
                let text = self.lines[i + 1..inner_end]
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                if !text.trim().is_empty() {
                    out.push(Block::CodeBlock {
                        language: None,
                        text,
                    });
                }
            }
            Tag::Verse => {
                let lines: Vec<(usize, Option<String>)> = (i + 1..inner_end)
                    .filter_map(|k| match self.lines[k].kind {
                        Kind::Comment => {
                            self.remove(k, "comment");
                            None
                        }
                        Kind::Blank => Some((k, None)),
                        _ => Some((k, Some(self.lines[k].text.clone()))),
                    })
                    .collect();
                self.verse(lines, out);
            }
            Tag::Quote | Tag::Center | Tag::Right | Tag::Biblio | Tag::Play => {
                if depth >= MAX_NESTING {
                    self.warn(
                        i,
                        format!(
                            "<{}> nests too deep; its text is set without it",
                            tag.name()
                        ),
                    );
                    out.extend(self.blocks(i + 1, inner_end, depth));
                    return next;
                }
                let blocks = self.blocks(i + 1, inner_end, depth + 1);
                if !blocks.is_empty() {
                    out.push(match tag {
                        Tag::Quote => Block::Quote {
                            blocks,
                            attribution: None,
                        },
                        Tag::Center => Block::Aligned {
                            align: Alignment::Center,
                            blocks,
                        },
                        Tag::Right => Block::Aligned {
                            align: Alignment::Right,
                            blocks,
                        },
                        Tag::Biblio => Block::Hanging {
                            kind: HangingKind::Bibliography,
                            blocks,
                        },
                        _ => Block::Hanging {
                            kind: HangingKind::Play,
                            blocks,
                        },
                    });
                }
            }
        }
        next
    }

    /// `{{{` code `}}}` at `i`.
    fn fence(&mut self, i: usize, end: usize, out: &mut Vec<Block>) -> usize {
        let (inner_end, next, closed) = self.enclosed(i, end);
        if !closed {
            self.warn(
                i,
                "{{{ is never closed; the code runs to the end of the text".to_string(),
            );
        }
        let language = self.lines[i].text.get(3..).unwrap_or_default().trim();
        let language = (!language.is_empty()).then(|| language.to_string());
        let text = self.lines[i + 1..inner_end]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        out.push(Block::CodeBlock { language, text });
        next
    }

    /// Consecutive `> ` lines at `i`: verse.
    fn quoted_verse(&mut self, i: usize, end: usize, out: &mut Vec<Block>) -> usize {
        let mut j = i;
        let mut lines = Vec::new();
        while j < end && self.lines[j].kind == Kind::Verse {
            let text = self.lines[j].text.get(1..).unwrap_or_default();
            let text = text.strip_prefix(' ').unwrap_or(text);
            lines.push((j, (!text.trim().is_empty()).then(|| text.to_string())));
            j += 1;
        }
        self.verse(lines, out);
        j
    }

    /// A verse from its lines (`None` between stanzas): the indentation they
    /// share is dropped, the rest kept as non-breaking spaces.
    fn verse(&mut self, lines: Vec<(usize, Option<String>)>, out: &mut Vec<Block>) {
        let shared = lines
            .iter()
            .filter_map(|(_, l)| l.as_ref())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        let mut stanzas: Vec<Vec<Vec<Inline>>> = Vec::new();
        let mut stanza: Vec<Vec<Inline>> = Vec::new();
        for (k, line) in lines {
            let Some(line) = line else {
                if !stanza.is_empty() {
                    stanzas.push(std::mem::take(&mut stanza));
                }
                continue;
            };
            let text = line.get(shared..).unwrap_or_default();
            let lead = text.len() - text.trim_start().len();
            let mut content = self.inline(text.trim_start(), Scope::Body, k);
            if lead > 0 {
                match content.first_mut() {
                    Some(Inline::Text(t)) => t.insert_str(0, &"\u{a0}".repeat(lead)),
                    _ => content.insert(0, Inline::Text("\u{a0}".repeat(lead))),
                }
            }
            stanza.push(content);
        }
        if !stanza.is_empty() {
            stanzas.push(stanza);
        }
        if !stanzas.is_empty() {
            out.push(Block::Verse {
                stanzas,
                attribution: None,
            });
        }
    }

    /// Consecutive table rows at `i`.
    fn table(&mut self, i: usize, end: usize, out: &mut Vec<Block>) -> usize {
        let mut j = i;
        while j < end && self.lines[j].kind == Kind::Table {
            j += 1;
        }
        let rows: Vec<(usize, String)> = (i..j)
            .map(|k| (k, self.lines[k].text.trim().to_string()))
            .collect();
        let numbered: Vec<(usize, &str)> = rows.iter().map(|(k, t)| (*k, t.as_str())).collect();
        let (table, warnings) = table::build(&numbered, &mut |cell, k| {
            self_inline(&self.lines, &mut self.notes, &mut self.warnings, cell, k)
        });
        for (k, message) in warnings {
            self.warn(k, message);
        }
        out.push(Block::Table(table));
        j
    }

    /// A note's text at `i`: its first line and the lines after it, then
    /// every paragraph indented as far as the text after the number.
    fn note(
        &mut self,
        i: usize,
        end: usize,
        secondary: bool,
        number: u32,
        col: usize,
        out: &mut Vec<Block>,
    ) -> usize {
        let first = self.lines[i]
            .text
            .get(col..)
            .unwrap_or_default()
            .to_string();
        let (mut text, mut j) = self.continued(first, i + 1, end);
        let mut paragraphs = vec![(i, std::mem::take(&mut text))];
        loop {
            let mut k = j;
            while k < end && self.lines[k].kind == Kind::Blank {
                k += 1;
            }
            if k < end && self.lines[k].kind == (Kind::Text { indent: col }) {
                let (text, next) =
                    self.continued(self.lines[k].text.trim().to_string(), k + 1, end);
                paragraphs.push((k, text));
                j = next;
            } else {
                break;
            }
        }
        let scope = if secondary { Scope::Plain } else { Scope::Note };
        let content: Vec<Block> = paragraphs
            .into_iter()
            .map(|(k, t)| self.inline(&t, scope, k))
            .filter(|c| !c.is_empty())
            .map(Block::Paragraph)
            .collect();
        if content.is_empty() {
            let shown = if secondary {
                format!("{{{number}}}")
            } else {
                format!("[{number}]")
            };
            self.warn(i, format!("note {shown} has no text"));
        }
        let line = self.lines[i].no;
        out.push(self.notes.text(secondary, number, line, content));
        j
    }

    /// `first` and the text lines from `from` on (up to a blank or another
    /// kind of line), joined by line ends; and the index after them.
    pub(super) fn continued(&self, first: String, from: usize, end: usize) -> (String, usize) {
        let mut text = first;
        let mut j = from;
        while j < end && matches!(self.lines[j].kind, Kind::Text { .. }) {
            text.push('\n');
            text.push_str(self.lines[j].text.trim());
            j += 1;
        }
        (text, j)
    }

    /// A paragraph at `i`, set by the indentation of its first line.
    fn paragraph(
        &mut self,
        i: usize,
        end: usize,
        out: &mut Vec<Block>,
        indented: &mut Option<(Indented, usize)>,
    ) -> usize {
        let indent = self.lines[i].text.len() - self.lines[i].text.trim_start().len();
        let (text, next) = self.continued(self.lines[i].text.trim().to_string(), i + 1, end);
        let content = self.inline(&text, Scope::Body, i);
        if content.iter().all(|c| *c == Inline::LineBreak) {
            // A `<br>` alone: a separator, nothing to set.
            *indented = None;
            return next;
        }
        if is_ornament(&content) {
            // `* * *` alone, centred or not: a break in the text.
            out.push(Block::Rule);
            *indented = None;
            return next;
        }
        let block = match lone_image(&content) {
            Some(figure) => figure,
            None => {
                if let Some(src) = first_image(&content) {
                    let message = format!("image `{src}` stands inside a line of text: the EPUB shows it there, print sets only its description; put it on a line of its own to print it");
                    self.warn(i, message);
                }
                Block::Paragraph(content)
            }
        };
        match Indented::of(indent) {
            None => out.push(block),
            Some(kind) => match (*indented, out.len(), out.last_mut()) {
                (
                    Some((k, len)),
                    now,
                    Some(Block::Quote { blocks, .. } | Block::Aligned { blocks, .. }),
                ) if k == kind && len == now => blocks.push(block),
                _ => {
                    out.push(kind.wrap(vec![block]));
                    *indented = Some((kind, out.len()));
                }
            },
        }
        next
    }
}

/// Inline markup of a table cell (a free function, so the cell reader can
/// borrow the parser's fields apart from its lines).
fn self_inline(
    lines: &[Line],
    notes: &mut Notes,
    warnings: &mut Vec<(usize, String)>,
    text: &str,
    i: usize,
) -> Vec<Inline> {
    let line = lines.get(i).map_or(0, |l| l.no);
    inline::parse(
        text,
        Scope::Body,
        &mut Sink {
            notes,
            warnings,
            line,
        },
    )
}

/// A paragraph of asterisks and spaces only (`* * *`).
fn is_ornament(content: &[Inline]) -> bool {
    matches!(content, [Inline::Text(t)] if t.contains('*') && t.chars().all(|c| c == '*' || c.is_whitespace()))
}

/// The first image inside a run of text, at any depth.
fn first_image(content: &[Inline]) -> Option<&str> {
    find_inline(content, &mut |i| match i {
        Inline::Image { src, .. } => Some(src.as_str()),
        _ => None,
    })
}

/// An image alone in its paragraph: a figure, its description the caption.
fn lone_image(content: &[Inline]) -> Option<Block> {
    match content {
        [Inline::Image { src, alt, .. }] => Some(Block::Image {
            src: src.clone(),
            alt: alt.clone(),
            caption: (!alt.trim().is_empty()).then(|| vec![Inline::Text(alt.clone())]),
        }),
        _ => None,
    }
}
