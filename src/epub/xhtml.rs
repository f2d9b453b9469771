//! Blocks and inlines to XHTML, one output file at a time.
//!
//! Each construct gets its semantic element: `<ol start>`/`<ul>` nested in
//! `<li>`, `<dl>`, `<pre><code class="language-x">`, `<table>` with
//! `<th scope>` ([`table`]), `<del>`, `<sup>`/`<sub>` and links ([`inline`]).
//! Headings are shifted one level down (the title page holds the only `h1`)
//! and never skip a level within a file. Note references go through
//! [`NoteRefs`] so ids stay unique and backlinks know their file. Raw HTML
//! is sanitised (see [`crate::document::html`]).

mod inline;
mod table;

use super::notes::NoteRefs;
use super::roles::semantics;
use super::text::{esc, esc_attr};
use crate::document::{
    html, plain_text, Alignment, AsideKind, Attr, Block, Definition, HangingKind, Inline, List,
    ListKind,
};
use std::collections::{BTreeMap, BTreeSet};

/// A heading written to the file, for the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingRef {
    pub id: String,
    /// The HTML level written (2..=6).
    pub level: u8,
    pub text: String,
    /// The id the source gave the heading (`{#id}`), which links may name.
    pub source_id: Option<String>,
}

/// Renders the blocks of one file.
pub struct Writer<'a> {
    file: String,
    notes: &'a mut NoteRefs,
    last_level: u8,
    /// Ids given out in this file.
    ids: BTreeSet<String>,
    pub headings: Vec<HeadingRef>,
    /// Figure `src` to its path inside the EPUB, for the figures packaged.
    pub images: BTreeMap<String, String>,
    /// Heading ids of the whole book (`{#id}` in the source) to the file
    /// and id they were written with, so `[see](#id)` links work across files.
    pub anchors: BTreeMap<String, (String, String)>,
}

impl<'a> Writer<'a> {
    pub fn new(file: &str, notes: &'a mut NoteRefs) -> Writer<'a> {
        Writer {
            file: file.to_string(),
            notes,
            last_level: 1,
            ids: BTreeSet::new(),
            headings: Vec::new(),
            images: Default::default(),
            anchors: Default::default(),
        }
    }

    pub fn blocks(&mut self, blocks: &[Block], out: &mut String) {
        for b in blocks {
            self.block(b, out);
        }
    }

    /// Blocks of a tight list item or definition: paragraphs without `<p>`.
    fn bare_blocks(&mut self, blocks: &[Block], out: &mut String) {
        for (i, b) in blocks.iter().enumerate() {
            match b {
                Block::Paragraph(c) => {
                    if i > 0 {
                        out.push('\n');
                    }
                    self.inlines(c, true, out);
                }
                other => {
                    out.push('\n');
                    self.block(other, out);
                }
            }
        }
    }

    pub fn block(&mut self, block: &Block, out: &mut String) {
        match block {
            Block::Heading {
                level,
                content,
                attr,
            } => self.heading(*level, content, attr, out),
            Block::Paragraph(c) if c.is_empty() => {}
            Block::Paragraph(c) => {
                out.push_str("<p>");
                self.inlines(c, true, out);
                out.push_str("</p>\n");
            }
            Block::Aligned { align, blocks } => {
                out.push_str(&format!(
                    "<div class=\"{}\">\n",
                    align_class(*align).unwrap_or("align-left")
                ));
                self.blocks(blocks, out);
                out.push_str("</div>\n");
            }
            Block::Quote {
                blocks,
                attribution,
            } => self.quote("<blockquote>", blocks, attribution.as_deref(), out),
            Block::Epigraph {
                blocks,
                attribution,
            } => self.quote(
                &format!("<blockquote class=\"epigraph\"{}>", semantics("epigraph")),
                blocks,
                attribution.as_deref(),
                out,
            ),
            Block::List(list) => self.list(list, out),
            Block::Definitions(defs) => self.definitions(defs, out),
            Block::Verse {
                stanzas,
                attribution,
            } => {
                let attributed = has_attribution(attribution.as_deref());
                if attributed {
                    out.push_str(ATTRIBUTED_OPEN);
                }
                out.push_str("<div class=\"verse\">\n");
                for stanza in stanzas {
                    out.push_str("<p class=\"stanza\">");
                    for (i, line) in stanza.iter().enumerate() {
                        if i > 0 {
                            out.push_str("<br/>");
                        }
                        out.push_str("<span class=\"line\">");
                        self.inlines(line, true, out);
                        out.push_str("</span>");
                    }
                    out.push_str("</p>\n");
                }
                out.push_str("</div>\n");
                if attributed {
                    self.attribution(attribution.as_deref(), out);
                }
            }
            Block::SignOff(lines) => {
                out.push_str("<div class=\"signoff\">\n");
                for line in lines {
                    out.push_str("<p>");
                    self.inlines(line, true, out);
                    out.push_str("</p>\n");
                }
                out.push_str("</div>\n");
            }
            Block::Aside { kind, blocks } => {
                out.push_str(&match kind {
                    AsideKind::Bio => {
                        "<section class=\"bio\" aria-label=\"About the author\">\n".to_string()
                    }
                    AsideKind::Colophon => format!(
                        "<section class=\"colophon\"{} aria-label=\"Colophon\">\n",
                        semantics("colophon")
                    ),
                });
                self.blocks(blocks, out);
                out.push_str("</section>\n");
            }
            Block::Image { src, alt, caption } => {
                let available = self.images.get(src).cloned();
                self.image(src, alt, caption.as_deref(), available.as_deref(), out)
            }
            Block::CodeBlock { language, text } => {
                let class = language
                    .as_deref()
                    .map(css_name)
                    .filter(|l| !l.is_empty())
                    .map(|l| format!(" class=\"language-{l}\""))
                    .unwrap_or_default();
                out.push_str(&format!("<pre><code{class}>{}</code></pre>\n", esc(text)));
            }
            Block::Table(t) => self.table(t, out),
            Block::Html(raw) => {
                let clean = html::sanitize_block(raw);
                if !clean.trim().is_empty() {
                    out.push_str(&format!("<div class=\"raw-html\">{}</div>\n", clean.trim()));
                }
            }
            Block::Rule => out.push_str("<hr/>\n"),
            Block::Hanging { kind, blocks } => {
                out.push_str(match kind {
                    HangingKind::Bibliography => "<div class=\"biblio\">\n",
                    HangingKind::Play => "<div class=\"play\">\n",
                });
                self.blocks(blocks, out);
                out.push_str("</div>\n");
            }
            Block::PageBreak => out.push_str("<div class=\"pagebreak\"></div>\n"),
        }
    }

    /// A unique id for this file: `wanted` when it is a usable XML id not
    /// taken yet, else `fallback`.
    fn unique_id(&mut self, wanted: Option<&str>, fallback: String) -> String {
        let id = wanted
            .filter(|w| is_xml_id(w) && !self.ids.contains(*w))
            .map(str::to_string)
            .unwrap_or(fallback);
        self.ids.insert(id.clone());
        id
    }

    fn heading(&mut self, level: u8, content: &[Inline], attr: &Attr, out: &mut String) {
        let html = html_level(level, self.last_level);
        self.last_level = html;
        let id = self.unique_id(
            attr.id.as_deref(),
            format!("heading-{}", self.headings.len() + 1),
        );
        let classes: Vec<String> = attr
            .classes
            .iter()
            .map(|c| css_name(c))
            .filter(|c| !c.is_empty())
            .collect();
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", classes.join(" "))
        };
        let data: String = attr
            .pairs
            .iter()
            .filter(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            .map(|(k, v)| {
                format!(
                    " data-{}=\"{}\"",
                    k.to_ascii_lowercase(),
                    esc_attr(v.as_deref().unwrap_or_default())
                )
            })
            .collect();
        out.push_str(&format!("<h{html} id=\"{id}\"{class}{data}>"));
        self.inlines(content, true, out);
        out.push_str(&format!("</h{html}>\n"));
        self.headings.push(HeadingRef {
            id,
            level: html,
            text: plain_text(content).trim().to_string(),
            source_id: attr.id.clone(),
        });
    }

    fn quote(
        &mut self,
        open: &str,
        blocks: &[Block],
        attribution: Option<&[Inline]>,
        out: &mut String,
    ) {
        let attributed = has_attribution(attribution);
        if attributed {
            out.push_str(ATTRIBUTED_OPEN);
        }
        out.push_str(open);
        out.push('\n');
        self.blocks(blocks, out);
        out.push_str("</blockquote>\n");
        if attributed {
            self.attribution(attribution, out);
        }
    }

    /// The caption and end of the `<figure>` that [`ATTRIBUTED_OPEN`] opened
    /// around an attributed quote or verse (the HTML spec's way to credit a
    /// quotation: a `<footer>` there would be a page footer to screen readers).
    fn attribution(&mut self, attribution: Option<&[Inline]>, out: &mut String) {
        let Some(a) = attribution.filter(|a| !a.is_empty()) else {
            return;
        };
        out.push_str("<figcaption class=\"attribution\">");
        if !starts_with_dash(a) {
            out.push_str("— ");
        }
        self.inlines(a, true, out);
        out.push_str("</figcaption>\n</figure>\n");
    }

    /// `<ol>` or `<ul>`; items hold their blocks (nested lists among them),
    /// bare when the list is tight; task items start with a checkbox.
    fn list(&mut self, list: &List, out: &mut String) {
        let tag = if list.kind.ordered() { "ol" } else { "ul" };
        let mut attrs = String::new();
        if list.kind.ordered() && list.start != 1 {
            attrs.push_str(&format!(" start=\"{}\"", list.start));
        }
        let kind = match list.kind {
            ListKind::LowerAlpha => Some("a"),
            ListKind::UpperAlpha => Some("A"),
            ListKind::LowerRoman => Some("i"),
            ListKind::UpperRoman => Some("I"),
            ListKind::Bullet | ListKind::Decimal => None,
        };
        if let Some(k) = kind {
            attrs.push_str(&format!(" type=\"{k}\""));
        }
        if list.items.iter().any(|i| i.checked.is_some()) {
            attrs.push_str(" class=\"tasks\"");
        }
        out.push_str(&format!("<{tag}{attrs}>\n"));
        for item in &list.items {
            out.push_str("<li>");
            match item.checked {
                Some(true) => out.push_str(
                    "<input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" aria-label=\"done\"/> ",
                ),
                Some(false) => out.push_str("<input type=\"checkbox\" disabled=\"disabled\" aria-label=\"to do\"/> "),
                None => {}
            }
            if list.tight {
                self.bare_blocks(&item.blocks, out);
            } else {
                out.push('\n');
                self.blocks(&item.blocks, out);
            }
            out.push_str("</li>\n");
        }
        out.push_str(&format!("</{tag}>\n"));
    }

    /// `<dl>`: each term, then each definition (a lone paragraph bare).
    fn definitions(&mut self, defs: &[Definition], out: &mut String) {
        out.push_str("<dl>\n");
        for d in defs {
            out.push_str("<dt>");
            self.inlines(&d.term, true, out);
            out.push_str("</dt>\n");
            for detail in &d.details {
                out.push_str("<dd>");
                match detail.as_slice() {
                    [Block::Paragraph(_)] => self.bare_blocks(detail, out),
                    _ => {
                        out.push('\n');
                        self.blocks(detail, out);
                    }
                }
                out.push_str("</dd>\n");
            }
        }
        out.push_str("</dl>\n");
    }

    /// `available` is the image's path inside the EPUB once images are packaged;
    /// until then the figure shows the alt text, so no missing file is referenced.
    fn image(
        &mut self,
        _src: &str,
        alt: &str,
        caption: Option<&[Inline]>,
        available: Option<&str>,
        out: &mut String,
    ) {
        match available {
            Some(path) => {
                out.push_str(&format!(
                    "<figure>\n<img src=\"{}\" alt=\"{}\"/>\n",
                    esc_attr(path),
                    esc_attr(alt)
                ));
                if let Some(c) = caption {
                    out.push_str("<figcaption>");
                    self.inlines(c, true, out);
                    out.push_str("</figcaption>\n");
                }
            }
            None => {
                out.push_str("<figure class=\"image-missing\">\n<figcaption>");
                if !alt.trim().is_empty() {
                    out.push_str(&format!("<span class=\"alt\">[{}]</span>", esc(alt.trim())));
                }
                if let Some(c) = caption {
                    out.push(' ');
                    self.inlines(c, true, out);
                }
                out.push_str("</figcaption>\n");
            }
        }
        out.push_str("</figure>\n");
    }
}

/// Opens the figure that holds an attributed quote or verse and its caption.
const ATTRIBUTED_OPEN: &str = "<figure class=\"attributed\">\n";

/// Whether a quote or verse has an attribution to write.
fn has_attribution(attribution: Option<&[Inline]>) -> bool {
    attribution.is_some_and(|a| !a.is_empty())
}

/// The class of an alignment, `None` for the default.
fn align_class(align: Alignment) -> Option<&'static str> {
    match align {
        Alignment::Default => None,
        Alignment::Left => Some("align-left"),
        Alignment::Center => Some("align-center"),
        Alignment::Right => Some("align-right"),
    }
}

/// A class name from a source's word: letters, digits, `-` and `_`.
fn css_name(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Whether `id` may be an XML id: a letter or `_` first, then letters, digits, `-`, `_`, `.`.
pub fn is_xml_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The HTML heading level for a document heading `level` (1 = section → h2),
/// at most one deeper than the previous heading `last` (1 before any).
pub fn html_level(level: u8, last: u8) -> u8 {
    (level.saturating_add(1))
        .clamp(2, 6)
        .min(last.saturating_add(1).max(2))
}

fn starts_with_dash(inlines: &[Inline]) -> bool {
    plain_text(inlines)
        .trim_start()
        .starts_with(['—', '–', '-', '―'])
}

#[cfg(test)]
mod tests;
