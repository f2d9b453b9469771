//! Inlines to XHTML: emphasis, struck, raised and lowered text, code, links
//! (web, mail and links to headings of the book), images, note references,
//! and raw inline tags, sanitised and balanced within their level.

use super::super::text::{esc, esc_attr, safe_url};
use super::Writer;
use crate::document::{html, Inline};

impl Writer<'_> {
    /// Writes inlines; `linkable` is false inside a link (no nested `<a>`).
    pub fn inlines(&mut self, inlines: &[Inline], linkable: bool, out: &mut String) {
        let mut after_ref = false;
        // Close tags of raw HTML opened at this level, innermost last.
        let mut open: Vec<String> = Vec::new();
        let mut in_raw_link = false;
        for inline in inlines {
            if after_ref && matches!(inline, Inline::NoteRef(_)) {
                out.push_str("<sup class=\"noteref-sep\">,</sup>"); // 2 and 9, not 29
            }
            after_ref = matches!(inline, Inline::NoteRef(_));
            let linkable = linkable && !in_raw_link;
            match inline {
                Inline::Text(t) => out.push_str(&esc(t)),
                Inline::Emph(c) => self.wrap("<em>", "</em>", c, linkable, out),
                Inline::Strong(c) => self.wrap("<strong>", "</strong>", c, linkable, out),
                Inline::Strike(c) => self.wrap("<del>", "</del>", c, linkable, out),
                Inline::Superscript(c) => self.wrap("<sup>", "</sup>", c, linkable, out),
                Inline::Subscript(c) => self.wrap("<sub>", "</sub>", c, linkable, out),
                Inline::Underline(c) => self.wrap("<u>", "</u>", c, linkable, out),
                Inline::SmallCaps(c) => {
                    self.wrap("<span class=\"smallcaps\">", "</span>", c, linkable, out)
                }
                Inline::Code(t) => out.push_str(&format!("<code>{}</code>", esc(t))),
                Inline::Link {
                    url,
                    title,
                    content,
                } => match self.href(url).filter(|_| linkable) {
                    Some(href) => {
                        let title = title
                            .as_deref()
                            .map(|t| format!(" title=\"{}\"", esc_attr(t)))
                            .unwrap_or_default();
                        self.wrap(
                            &format!("<a href=\"{}\"{title}>", esc_attr(&href)),
                            "</a>",
                            content,
                            false,
                            out,
                        )
                    }
                    None => self.inlines(content, linkable, out),
                },
                Inline::Image { src, alt, title } => match self.images.get(src) {
                    Some(path) => {
                        let title = title
                            .as_deref()
                            .map(|t| format!(" title=\"{}\"", esc_attr(t)))
                            .unwrap_or_default();
                        out.push_str(&format!(
                            "<img src=\"{}\" alt=\"{}\"{title}/>",
                            esc_attr(path),
                            esc_attr(alt)
                        ));
                    }
                    None if alt.trim().is_empty() => {}
                    None => out.push_str(&format!(
                        "<span class=\"image-missing\">[{}]</span>",
                        esc(alt.trim())
                    )),
                },
                Inline::NoteRef(n) => {
                    let file = self.file.clone();
                    out.push_str(&self.notes.reference(*n, &file, linkable));
                }
                Inline::LineBreak => out.push_str("<br/>"),
                Inline::Html(raw) => raw_tag(raw, linkable, &mut open, &mut in_raw_link, out),
            }
        }
        while let Some(close) = open.pop() {
            out.push_str(&close);
        }
    }

    fn wrap(
        &mut self,
        open: &str,
        close: &str,
        content: &[Inline],
        linkable: bool,
        out: &mut String,
    ) {
        out.push_str(open);
        self.inlines(content, linkable, out);
        out.push_str(close);
    }

    /// Where a link goes: a web or mail address, or a heading of the book
    /// (`#id`); `None` when it cannot be followed in the EPUB.
    fn href(&self, url: &str) -> Option<String> {
        if let Some(id) = url.strip_prefix('#') {
            let (file, written) = self.anchors.get(id)?;
            return Some(if *file == self.file {
                format!("#{written}")
            } else {
                format!("{file}#{written}")
            });
        }
        safe_url(url)
    }
}

/// One raw inline tag: an allowed open tag is written sanitised and its close
/// tag remembered; a close tag closes what is open at this level (and what
/// was opened after it); everything else is left out.
fn raw_tag(
    raw: &str,
    linkable: bool,
    open: &mut Vec<String>,
    in_raw_link: &mut bool,
    out: &mut String,
) {
    let Some(tag) = html::tag(raw) else { return };
    if tag.closing {
        let close = format!("</{}>", tag.name);
        if let Some(at) = open.iter().rposition(|c| *c == close) {
            while open.len() > at {
                let c = open.pop().unwrap_or_default();
                if c == "</a>" {
                    *in_raw_link = false;
                }
                out.push_str(&c);
            }
        }
        return;
    }
    if tag.name == "a" && !linkable {
        return;
    }
    if let Some((o, c)) = html::sanitize_open_tag(raw) {
        out.push_str(&o);
        if !c.is_empty() {
            if tag.name == "a" {
                *in_raw_link = true;
            }
            open.push(c);
        }
    }
}
