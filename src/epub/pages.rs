//! Whole XHTML pages: the document skeleton, the title page and the colophon.

use super::roles::semantics;
use super::text::{esc, esc_attr};
use crate::document::Metadata;

/// The stylesheet's name inside the EPUB.
pub const STYLESHEET: &str = "stylesheet.css";

/// A complete XHTML document; `body_type` is the `epub:type` of `<body>`
/// (frontmatter, bodymatter, backmatter) and `body` its already-escaped content.
pub fn page(lang: &str, title: &str, body_type: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{l}\" xml:lang=\"{l}\">\n\
         <head>\n<title>{t}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"{STYLESHEET}\"/>\n</head>\n\
         <body{b}>\n{body}</body>\n</html>\n",
        l = esc_attr(lang),
        t = esc(title),
        b = semantics(body_type),
    )
}

/// "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The title page section: `title` (h1), subtitle, authors.
pub fn title_page(title: &str, meta: &Metadata) -> String {
    let mut s = format!(
        "<section id=\"titlepage\" class=\"titlepage\"{}>\n",
        semantics("titlepage")
    );
    s.push_str(&format!(
        "<h1{}>{}</h1>\n",
        semantics("title"),
        esc(title.trim())
    ));
    if let Some(sub) = meta
        .subtitle
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        s.push_str(&format!(
            "<p class=\"subtitle\"{}>{}</p>\n",
            semantics("subtitle"),
            esc(sub)
        ));
    }
    let authors: Vec<String> = meta
        .authors
        .iter()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    if !authors.is_empty() {
        s.push_str(&format!(
            "<p class=\"authors\">{}</p>\n",
            esc(&join_names(&authors))
        ));
    }
    s.push_str("</section>\n");
    s
}

/// The cover page: the cover image alone, with its alt text.
pub fn cover(src: &str, alt: &str) -> String {
    format!(
        "<section id=\"cover\" class=\"cover\"{}>\n<img src=\"{}\" alt=\"{}\" role=\"doc-cover\"/>\n</section>\n",
        semantics("cover"),
        esc_attr(src),
        esc_attr(alt)
    )
}

/// The colophon section: what this is, where the text came from, its rights line.
pub fn colophon(title: &str, meta: &Metadata, font_credit: Option<&str>) -> String {
    let mut s = format!(
        "<section id=\"colophon\" class=\"colophon\"{}>\n<h2>Colophon</h2>\n",
        semantics("colophon")
    );
    let mut what = format!("<i>{}</i>", esc(title.trim()));
    if !meta.authors.is_empty() {
        what.push_str(&format!(" by {}", esc(&join_names(&meta.authors))));
    }
    s.push_str(&format!("<p>{what}.</p>\n"));
    if let Some(src) = meta
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        s.push_str(&format!(
            "<p>Made from the text <span class=\"source\">{}</span>.</p>\n",
            esc(src)
        ));
    }
    if let Some(rights) = meta
        .rights
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        s.push_str(&format!("<p class=\"rights\">{}</p>\n", esc(rights)));
    }
    if let Some(font) = font_credit {
        s.push_str(&format!("<p>Set in {}.</p>\n", esc(font)));
    }
    s.push_str("<p>Made with zinepress.</p>\n</section>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Metadata {
        Metadata {
            title: "Tom & Jerry".into(),
            subtitle: Some("A <study>".into()),
            authors: vec!["A".into(), "B".into(), "C".into()],
            language: "en".into(),
            source: Some("tom.txt".into()),
            rights: Some("anti-copyright".into()),
            ..Default::default()
        }
    }

    #[test]
    fn page_has_lang_on_root_and_escapes_title() {
        let p = page("en-GB", "A & B", "bodymatter", "<p>x</p>\n");
        assert!(p.contains("lang=\"en-GB\" xml:lang=\"en-GB\">"));
        assert!(p.contains("<title>A &amp; B</title>"));
        assert!(p.contains("<body epub:type=\"bodymatter\">\n<p>x</p>\n</body>"));
        assert!(p.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }

    #[test]
    fn title_page_has_title_subtitle_authors() {
        let t = title_page("Tom & Jerry", &meta());
        assert!(t.contains("epub:type=\"titlepage\""));
        assert!(t.contains("<h1 epub:type=\"title\">Tom &amp; Jerry</h1>"));
        assert!(t.contains("<p class=\"subtitle\" epub:type=\"subtitle\" role=\"doc-subtitle\">A &lt;study&gt;</p>"));
        assert!(t.contains("<p class=\"authors\">A, B and C</p>"));
        let bare = title_page("T", &Metadata::default());
        assert!(!bare.contains("subtitle") && !bare.contains("authors"));
    }

    #[test]
    fn colophon_has_source_rights_and_credit() {
        let c = colophon("Tom & Jerry", &meta(), None);
        assert!(c.contains("epub:type=\"colophon\""));
        assert!(c.contains("tom.txt"));
        assert!(c.contains("<p class=\"rights\">anti-copyright</p>"));
        assert!(c.contains("Made with zinepress."));
        let no_rights = colophon("T", &Metadata::default(), Some("Linux Libertine"));
        assert!(!no_rights.contains("rights"));
        assert!(no_rights.contains("Set in Linux Libertine."));
    }

    #[test]
    fn names_join() {
        assert_eq!(join_names(&[]), "");
        assert_eq!(join_names(&["A".into()]), "A");
        assert_eq!(join_names(&["A".into(), "B".into()]), "A and B");
    }
}
