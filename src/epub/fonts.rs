//! Embedding the project's font family (whole faces, only the faces the text uses).
//!
//! Faces are not subset: the Rust subsetter at hand (subsetter 0.2) drops the
//! `cmap` table, which reading systems need. The built-in family is Linux
//! Libertine (OpenType CFF, SIL Open Font License).

use crate::document::walk::{each_block, each_run};
use crate::document::{Block, Document, Inline};
use crate::typeset::fonts::{Fonts, Style};
use anyhow::{bail, Result};
use std::collections::BTreeSet;
use std::path::Path;

/// The CSS family name given to the embedded faces.
pub const FAMILY: &str = "zinepress-serif";

/// The CSS family name of the embedded monospace face (code).
pub const MONO_FAMILY: &str = "zinepress-mono";

/// One face to put in the EPUB.
#[derive(Debug, Clone)]
pub struct FontResource {
    /// Path inside the EPUB, relative to the OPF (e.g. `fonts/regular.otf`).
    pub path: String,
    pub media_type: &'static str,
    pub data: &'static [u8],
    pub style: Style,
}

/// The faces the document needs: regular and bold always (text, headings),
/// italic for emphasis, captions or a subtitle, bold italic for emphasis in
/// bold or headings.
pub fn styles_used(doc: &Document) -> BTreeSet<Style> {
    let mut used = BTreeSet::from([Style::Regular, Style::Bold]);
    if doc.meta.subtitle.is_some() {
        used.insert(Style::Italic);
    }
    let mut visit = |block: &Block, run: &[Inline]| {
        let base = match block {
            Block::Heading { .. } => Style::Bold,
            Block::Image { .. } => Style::Italic,
            _ => Style::Regular,
        };
        inline_styles(run, base, &mut used);
    };
    each_run(&doc.blocks, &mut visit);
    for n in &doc.notes {
        each_run(&n.content, &mut visit);
    }
    each_block(&doc.blocks, &mut |b| match b {
        Block::Image { .. } | Block::Epigraph { .. } => {
            used.insert(Style::Italic); // captions and epigraphs are set in italic
        }
        Block::CodeBlock { .. } => {
            used.insert(Style::Mono);
        }
        _ => {}
    });
    used
}

fn inline_styles(inlines: &[Inline], style: Style, used: &mut BTreeSet<Style>) {
    used.insert(style);
    for i in inlines {
        match i {
            Inline::Emph(c) => inline_styles(c, style.italic(), used),
            Inline::Strong(c) => inline_styles(c, style.bold(), used),
            Inline::SmallCaps(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Underline(c) => inline_styles(c, style, used),
            Inline::Link { content, .. } => inline_styles(content, style, used),
            Inline::Code(_) => {
                used.insert(Style::Mono);
            }
            _ => {}
        }
    }
}

/// The media type of an OpenType font, from its first bytes.
pub fn media_type(data: &[u8]) -> Option<&'static str> {
    match data.get(..4)? {
        b"OTTO" => Some("font/otf"),
        [0, 1, 0, 0] | b"true" => Some("font/ttf"),
        _ => None,
    }
}

/// The faces to embed for `doc`, from `dir` (or the built-in family).
pub fn resources(doc: &Document, dir: Option<&Path>) -> Result<Vec<FontResource>> {
    let fonts = Fonts::load(dir)?;
    let mut out: Vec<FontResource> = Vec::new();
    for style in styles_used(doc) {
        if fonts.resolved(style) != style {
            continue; // the family lacks it; readers fall back to the nearest face
        }
        let face = fonts.face(style);
        let Some(media_type) = media_type(face.data) else {
            bail!(
                "{}: not an OpenType font; use .otf or .ttf files in fonts/",
                face.file.display()
            );
        };
        let ext = if media_type == "font/otf" {
            "otf"
        } else {
            "ttf"
        };
        out.push(FontResource {
            path: format!("fonts/{}.{ext}", style_name(style)),
            media_type,
            data: face.data,
            style,
        });
    }
    Ok(out)
}

fn style_name(style: Style) -> &'static str {
    match style {
        Style::Regular => "regular",
        Style::Italic => "italic",
        Style::Bold => "bold",
        Style::BoldItalic => "bold-italic",
        Style::Mono => "mono",
    }
}

/// `@font-face` rules for the faces, and the body font using them.
pub fn css(faces: &[FontResource]) -> String {
    let mut s = String::from("\n/* Embedded font */\n");
    for f in faces {
        let (family, style, weight) = match f.style {
            Style::Regular => (FAMILY, "normal", "normal"),
            Style::Italic => (FAMILY, "italic", "normal"),
            Style::Bold => (FAMILY, "normal", "bold"),
            Style::BoldItalic => (FAMILY, "italic", "bold"),
            Style::Mono => (MONO_FAMILY, "normal", "normal"),
        };
        s.push_str(&format!(
            "@font-face {{\n  font-family: \"{family}\";\n  font-style: {style};\n  font-weight: {weight};\n  src: url(\"{}\");\n}}\n",
            f.path
        ));
    }
    s.push_str(&format!(
        "body {{\n  font-family: \"{FAMILY}\", serif;\n}}\n"
    ));
    if faces.iter().any(|f| f.style == Style::Mono) {
        s.push_str(&format!(
            "code, pre {{\n  font-family: \"{MONO_FAMILY}\", monospace;\n}}\n"
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_follow_the_text() {
        let plain = Document {
            blocks: vec![Block::Paragraph(vec![Inline::Text("x".into())])],
            ..Default::default()
        };
        assert_eq!(
            styles_used(&plain),
            BTreeSet::from([Style::Regular, Style::Bold])
        );
        let emph = Document {
            blocks: vec![Block::heading(
                1,
                vec![Inline::Emph(vec![Inline::Text("x".into())])],
            )],
            ..Default::default()
        };
        assert!(styles_used(&emph).contains(&Style::BoldItalic));
        assert!(!styles_used(&emph).contains(&Style::Italic));
    }

    #[test]
    fn media_types() {
        assert_eq!(media_type(b"OTTO...."), Some("font/otf"));
        assert_eq!(media_type(&[0, 1, 0, 0, 9]), Some("font/ttf"));
        assert_eq!(media_type(b"wOFF"), None);
    }

    #[test]
    fn built_in_faces_embed_as_otf() {
        let doc = Document {
            blocks: vec![Block::Paragraph(vec![Inline::Emph(vec![])])],
            ..Default::default()
        };
        let faces = resources(&doc, None).unwrap();
        let paths: Vec<&str> = faces.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["fonts/regular.otf", "fonts/italic.otf", "fonts/bold.otf"]
        );
        assert!(faces
            .iter()
            .all(|f| f.media_type == "font/otf" && f.data.starts_with(b"OTTO")));
        let css = css(&faces);
        assert!(
            css.contains("src: url(\"fonts/italic.otf\")") && css.contains("font-style: italic")
        );
        assert!(!css.contains("px"));
    }
}
