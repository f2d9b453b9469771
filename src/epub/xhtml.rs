//! Blocks and inlines to XHTML, one output file at a time.
//!
//! Headings are shifted one level down (the title page holds the only `h1`)
//! and never skip a level within a file. Note references go through
//! [`NoteRefs`] so ids stay unique and backlinks know their file.

use super::notes::NoteRefs;
use super::text::{esc, esc_attr, safe_url};
use crate::document::{plain_text, AsideKind, Block, Inline};

/// A heading written to the file, for the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingRef {
    pub id: String,
    /// The HTML level written (2..=6).
    pub level: u8,
    pub text: String,
}

/// Renders the blocks of one file.
pub struct Writer<'a> {
    file: String,
    notes: &'a mut NoteRefs,
    /// False inside the notes themselves: a reference there is plain text.
    note_links: bool,
    last_level: u8,
    pub headings: Vec<HeadingRef>,
    /// Figure `src` to its path inside the EPUB, for the figures packaged.
    pub images: std::collections::BTreeMap<String, String>,
    /// The book's language: its words for labels and attributions.
    pub locale: std::sync::Arc<crate::lang::Locale>,
}

impl<'a> Writer<'a> {
    pub fn new(file: &str, notes: &'a mut NoteRefs) -> Writer<'a> {
        Writer {
            file: file.to_string(),
            notes,
            note_links: true,
            last_level: 1,
            headings: Vec::new(),
            images: Default::default(),
            locale: crate::lang::Locale::english(),
        }
    }

    /// A writer for note texts: links work, note references are not links.
    pub fn for_notes(file: &str, notes: &'a mut NoteRefs) -> Writer<'a> {
        Writer { note_links: false, ..Writer::new(file, notes) }
    }

    pub fn blocks(&mut self, blocks: &[Block], out: &mut String) {
        for b in blocks {
            self.block(b, out);
        }
    }

    pub fn block(&mut self, block: &Block, out: &mut String) {
        match block {
            Block::Heading { level, content } => self.heading(*level, content, out),
            Block::Paragraph(c) if c.is_empty() => {}
            Block::Paragraph(c) => {
                out.push_str("<p>");
                self.inlines(c, true, out);
                out.push_str("</p>\n");
            }
            Block::Quote { blocks, attribution } => self.quote("<blockquote>", blocks, attribution.as_deref(), out),
            Block::Epigraph { blocks, attribution } => self.quote(
                "<blockquote class=\"epigraph\" epub:type=\"epigraph\" role=\"doc-epigraph\">",
                blocks,
                attribution.as_deref(),
                out,
            ),
            Block::List { ordered, start, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let start_attr = if *ordered && *start != 1 { format!(" start=\"{start}\"") } else { String::new() };
                out.push_str(&format!("<{tag}{start_attr}>\n"));
                for item in items {
                    out.push_str("<li>");
                    self.inlines(item, true, out);
                    out.push_str("</li>\n");
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Block::Verse { stanzas, attribution } => {
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
                self.attribution(attribution.as_deref(), out);
                out.push_str("</div>\n");
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
                let words = &self.locale.words;
                out.push_str(&match kind {
                    AsideKind::Bio => format!("<section class=\"bio\" aria-label=\"{}\">\n", esc_attr(&words.about_author)),
                    AsideKind::Colophon => format!("<section class=\"colophon\" epub:type=\"colophon\" aria-label=\"{}\">\n", esc_attr(&words.colophon)),
                });
                self.blocks(blocks, out);
                out.push_str("</section>\n");
            }
            Block::Image { src, alt, caption } => {
                let available = self.images.get(src).cloned();
                self.image(src, alt, caption.as_deref(), available.as_deref(), out)
            }
            Block::Rule => out.push_str("<hr/>\n"),
        }
    }

    fn heading(&mut self, level: u8, content: &[Inline], out: &mut String) {
        let html = html_level(level, self.last_level);
        self.last_level = html;
        let id = format!("heading-{}", self.headings.len() + 1);
        out.push_str(&format!("<h{html} id=\"{id}\">"));
        self.inlines(content, true, out);
        out.push_str(&format!("</h{html}>\n"));
        self.headings.push(HeadingRef { id, level: html, text: plain_text(content).trim().to_string() });
    }

    fn quote(&mut self, open: &str, blocks: &[Block], attribution: Option<&[Inline]>, out: &mut String) {
        out.push_str(open);
        out.push('\n');
        self.blocks(blocks, out);
        self.attribution(attribution, out);
        out.push_str("</blockquote>\n");
    }

    fn attribution(&mut self, attribution: Option<&[Inline]>, out: &mut String) {
        let Some(a) = attribution.filter(|a| !a.is_empty()) else { return };
        out.push_str("<footer><p class=\"attribution\">");
        if !starts_with_dash(a) {
            out.push_str(&esc(&self.locale.words.attribution));
        }
        self.inlines(a, true, out);
        out.push_str("</p></footer>\n");
    }

    /// `available` is the image's path inside the EPUB once images are packaged;
    /// until then the figure shows the alt text, so no missing file is referenced.
    fn image(&mut self, _src: &str, alt: &str, caption: Option<&[Inline]>, available: Option<&str>, out: &mut String) {
        match available {
            Some(path) => {
                out.push_str(&format!("<figure>\n<img src=\"{}\" alt=\"{}\"/>\n", esc_attr(path), esc_attr(alt)));
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

    /// Writes inlines; `linkable` is false inside a link (no nested `<a>`).
    pub fn inlines(&mut self, inlines: &[Inline], linkable: bool, out: &mut String) {
        let mut after_ref = false;
        for inline in inlines {
            if after_ref && matches!(inline, Inline::NoteRef(_)) {
                out.push_str("<sup class=\"noteref-sep\">,</sup>"); // 2 and 9, not 29
            }
            after_ref = matches!(inline, Inline::NoteRef(_));
            match inline {
                Inline::Text(t) => out.push_str(&esc(t)),
                Inline::Emph(c) => self.wrap("<em>", "</em>", c, linkable, out),
                Inline::Strong(c) => self.wrap("<strong>", "</strong>", c, linkable, out),
                Inline::SmallCaps(c) => self.wrap("<span class=\"smallcaps\">", "</span>", c, linkable, out),
                Inline::Code(t) => out.push_str(&format!("<code>{}</code>", esc(t))),
                Inline::Link { url, content } => match safe_url(url).filter(|_| linkable) {
                    Some(href) => self.wrap(&format!("<a href=\"{}\">", esc_attr(&href)), "</a>", content, false, out),
                    None => self.inlines(content, linkable, out),
                },
                Inline::NoteRef(n) => {
                    let file = self.file.clone();
                    out.push_str(&self.notes.reference(*n, &file, linkable && self.note_links));
                }
                Inline::LineBreak => out.push_str("<br/>"),
            }
        }
    }

    fn wrap(&mut self, open: &str, close: &str, content: &[Inline], linkable: bool, out: &mut String) {
        out.push_str(open);
        self.inlines(content, linkable, out);
        out.push_str(close);
    }
}

/// The HTML heading level for a document heading `level` (1 = section → h2),
/// at most one deeper than the previous heading `last` (1 before any).
pub fn html_level(level: u8, last: u8) -> u8 {
    (level.saturating_add(1)).clamp(2, 6).min(last.saturating_add(1).max(2))
}

fn starts_with_dash(inlines: &[Inline]) -> bool {
    plain_text(inlines).trim_start().starts_with(['—', '–', '-', '―'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Note;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn render(blocks: &[Block]) -> String {
        let mut refs = NoteRefs::new(&[Note { number: 1, content: vec![t("n")] }]);
        let mut w = Writer::new("chapter-1.xhtml", &mut refs);
        let mut out = String::new();
        w.blocks(blocks, &mut out);
        out
    }

    fn inl(inlines: Vec<Inline>) -> String {
        render(&[Block::Paragraph(inlines)])
    }

    #[test]
    fn paragraph_escapes_text() {
        assert_eq!(inl(vec![t("Tom & Jerry <3 \u{1}")]), "<p>Tom &amp; Jerry &lt;3 </p>\n");
        assert_eq!(render(&[Block::Paragraph(vec![])]), "");
    }

    #[test]
    fn inline_markup() {
        let s = inl(vec![
            Inline::Emph(vec![t("e")]),
            Inline::Strong(vec![t("s")]),
            Inline::SmallCaps(vec![t("Nasa")]),
            Inline::Code(t_str("a<b")),
            Inline::LineBreak,
        ]);
        assert_eq!(s, "<p><em>e</em><strong>s</strong><span class=\"smallcaps\">Nasa</span><code>a&lt;b</code><br/></p>\n");
    }

    fn t_str(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn links_only_for_web_and_mail() {
        let s = inl(vec![Inline::Link { url: "https://a.org/?x=1&y=\"2\"".into(), content: vec![t("a")] }]);
        assert_eq!(s, "<p><a href=\"https://a.org/?x=1&amp;y=%222%22\">a</a></p>\n");
        let s = inl(vec![Inline::Link { url: "javascript:x()".into(), content: vec![t("plain")] }]);
        assert_eq!(s, "<p>plain</p>\n");
    }

    #[test]
    fn note_refs_with_and_without_text() {
        let s = inl(vec![t("a"), Inline::NoteRef(1), t("b"), Inline::NoteRef(2), Inline::NoteRef(1)]);
        assert!(s.contains("<a href=\"notes.xhtml#note-1\" id=\"noteref-1\" epub:type=\"noteref\" role=\"doc-noteref\">1</a>"));
        assert!(s.contains("<sup class=\"noteref\">2</sup>"), "{s}");
        assert_eq!(s.matches("id=\"noteref-1\"").count(), 1);
        assert_eq!(s.matches("href=\"notes.xhtml#note-1\"").count(), 2);
    }

    #[test]
    fn adjacent_note_refs_are_separated() {
        let s = inl(vec![Inline::NoteRef(2), Inline::NoteRef(9)]);
        assert_eq!(s, "<p><sup class=\"noteref\">2</sup><sup class=\"noteref-sep\">,</sup><sup class=\"noteref\">9</sup></p>\n");
    }

    #[test]
    fn notes_writer_keeps_links_but_not_note_links() {
        let mut refs = NoteRefs::new(&[Note { number: 1, content: vec![] }]);
        let mut w = Writer::for_notes("notes.xhtml", &mut refs);
        let mut out = String::new();
        w.inlines(&[Inline::Link { url: "https://a.org".into(), content: vec![t("a")] }, Inline::NoteRef(1)], true, &mut out);
        assert_eq!(out, "<a href=\"https://a.org\">a</a><sup class=\"noteref\">1</sup>");
    }

    #[test]
    fn note_ref_inside_link_is_not_nested_link() {
        let s = inl(vec![Inline::Link { url: "https://a.org".into(), content: vec![t("a"), Inline::NoteRef(1)] }]);
        assert_eq!(s.matches("<a ").count(), 1, "{s}");
    }

    #[test]
    fn headings_shift_and_do_not_skip() {
        let s = render(&[
            Block::Heading { level: 1, content: vec![t("One")] },
            Block::Heading { level: 3, content: vec![t("Deep")] },
            Block::Heading { level: 2, content: vec![t("Two")] },
        ]);
        assert_eq!(s, "<h2 id=\"heading-1\">One</h2>\n<h3 id=\"heading-2\">Deep</h3>\n<h3 id=\"heading-3\">Two</h3>\n");
        assert_eq!(html_level(2, 1), 2, "a subsection first in a file becomes h2");
        assert_eq!(html_level(9, 6), 6);
    }

    #[test]
    fn quote_and_epigraph_with_attribution() {
        let q = render(&[Block::Quote { blocks: vec![Block::Paragraph(vec![t("q")])], attribution: Some(vec![t("Someone")]) }]);
        assert_eq!(q, "<blockquote>\n<p>q</p>\n<footer><p class=\"attribution\">— Someone</p></footer>\n</blockquote>\n");
        let e = render(&[Block::Epigraph { blocks: vec![Block::Paragraph(vec![t("e")])], attribution: Some(vec![t("— X")]) }]);
        assert!(e.starts_with("<blockquote class=\"epigraph\" epub:type=\"epigraph\""));
        assert!(e.contains("<p class=\"attribution\">— X</p>"), "no doubled dash: {e}");
    }

    #[test]
    fn lists_ordered_with_start() {
        let l = render(&[Block::List { ordered: true, start: 3, items: vec![vec![t("a")], vec![t("b")]] }]);
        assert_eq!(l, "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n");
        let u = render(&[Block::List { ordered: false, start: 1, items: vec![vec![t("a")]] }]);
        assert_eq!(u, "<ul>\n<li>a</li>\n</ul>\n");
        let o = render(&[Block::List { ordered: true, start: 1, items: vec![vec![t("a")]] }]);
        assert!(o.starts_with("<ol>\n"));
    }

    #[test]
    fn verse_lines_and_stanzas() {
        let v = render(&[Block::Verse {
            stanzas: vec![vec![vec![t("l1")], vec![t("l2")]], vec![vec![t("l3")]]],
            attribution: Some(vec![t("Poet")]),
        }]);
        assert_eq!(
            v,
            "<div class=\"verse\">\n<p class=\"stanza\"><span class=\"line\">l1</span><br/><span class=\"line\">l2</span></p>\n\
             <p class=\"stanza\"><span class=\"line\">l3</span></p>\n<footer><p class=\"attribution\">— Poet</p></footer>\n</div>\n"
        );
    }

    #[test]
    fn signoff_asides_rule() {
        let s = render(&[Block::SignOff(vec![vec![t("Love,")], vec![t("A & B.")]])]);
        assert_eq!(s, "<div class=\"signoff\">\n<p>Love,</p>\n<p>A &amp; B.</p>\n</div>\n");
        let b = render(&[Block::Aside { kind: AsideKind::Bio, blocks: vec![Block::Paragraph(vec![t("bio")])] }]);
        assert!(b.starts_with("<section class=\"bio\"") && b.contains("<p>bio</p>"));
        let c = render(&[Block::Aside { kind: AsideKind::Colophon, blocks: vec![] }]);
        assert!(c.contains("epub:type=\"colophon\""));
        assert_eq!(render(&[Block::Rule]), "<hr/>\n");
    }

    #[test]
    fn missing_image_shows_alt_not_a_file() {
        let s = render(&[Block::Image { src: "pic.png".into(), alt: "A cat".into(), caption: Some(vec![t("Fig")]) }]);
        assert!(!s.contains("<img"), "{s}");
        assert!(!s.contains("pic.png"));
        assert!(s.contains("[A cat]") && s.contains("Fig"));
    }

    #[test]
    fn available_image_has_alt() {
        let mut refs = NoteRefs::default();
        let mut w = Writer::new("c.xhtml", &mut refs);
        let mut out = String::new();
        w.image("x.png", "Alt \"q\"", None, Some("images/x.png"), &mut out);
        assert_eq!(out, "<figure>\n<img src=\"images/x.png\" alt=\"Alt &quot;q&quot;\"/>\n</figure>\n");
    }
}
