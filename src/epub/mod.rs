//! Document to EPUB 3 bytes.

use crate::document::{plain_text, Block, Document, Inline};
use anyhow::{Context, Result};
use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ZipLibrary};

/// Options for the EPUB writer.
#[derive(Debug, Clone, Default)]
pub struct EpubOptions {
    /// Embed the project's fonts (subset) in the EPUB.
    pub embed_fonts: bool,
}

/// Writes the document as an EPUB 3 file.
pub fn write_epub(doc: &Document, _opts: &EpubOptions) -> Result<Vec<u8>> {
    let zip = ZipLibrary::new().context("cannot start the EPUB zip")?;
    let mut builder = EpubBuilder::new(zip).context("cannot start the EPUB")?;
    builder.epub_version(EpubVersion::V33);
    builder.set_title(doc.meta.title.clone());
    builder.add_language(doc.meta.language.clone());
    builder.set_generator("zinepress");
    let mut body = String::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { content, .. } => body.push_str(&format!("<h2>{}</h2>\n", esc(&plain_text(content)))),
            Block::Paragraph(c) => body.push_str(&format!("<p>{}</p>\n", inlines(c))),
            other => body.push_str(&format!("<p>{}</p>\n", esc(&crate::document::block_text(other)))),
        }
    }
    let xhtml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{l}\" xml:lang=\"{l}\">\n<head><title>{t}</title></head>\n<body>\n<h1>{t}</h1>\n{body}</body>\n</html>\n",
        l = esc(&doc.meta.language),
        t = esc(&doc.meta.title)
    );
    builder
        .add_content(EpubContent::new("text.xhtml", xhtml.as_bytes()).title(doc.meta.title.clone()))
        .context("cannot add the text to the EPUB")?;
    let mut out = Vec::new();
    builder.generate(&mut out).context("cannot write the EPUB")?;
    Ok(out)
}

fn inlines(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text(t) => s.push_str(&esc(t)),
            Inline::Emph(c) => s.push_str(&format!("<em>{}</em>", inlines(c))),
            Inline::Strong(c) => s.push_str(&format!("<strong>{}</strong>", inlines(c))),
            other => s.push_str(&esc(&plain_text(std::slice::from_ref(other)))),
        }
    }
    s
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
