//! The package document (`content.opf`): metadata, manifest, spine, guide.

use super::manifest::Item;
use super::text::{esc, esc_attr};
use std::fmt::Write;

/// The book's metadata as the OPF states it; text is XML-clean, not escaped.
pub struct Package<'a> {
    pub identifier: &'a str,
    pub title: &'a str,
    pub lang: &'a str,
    /// `ltr` or `rtl`: the root's `dir` and the spine's progression.
    pub dir: &'a str,
    /// `dcterms:modified`, as epubcheck wants it (UTC, seconds, `Z`).
    pub modified: &'a str,
    pub description: Option<&'a str>,
    pub subjects: &'a [String],
    pub rights: Option<&'a str>,
    /// The name of the table of contents, for the guide.
    pub toc_name: &'a str,
    /// More metadata elements, each on a line of its own, indented
    /// (`metadata::extra_metadata`).
    pub extra: &'a str,
}

/// The package document listing `items` (in manifest order; the pages among
/// them in reading order).
pub fn opf(p: &Package, items: &[Item]) -> String {
    let mut s = String::with_capacity(4096 + p.extra.len() + items.len() * 200);
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<package version=\"3.0\" xmlns=\"http://www.idpf.org/2007/opf\" xml:lang=\"{lang}\" dir=\"{dir}\" unique-identifier=\"epub-id-1\">
  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"
            xmlns:opf=\"http://www.idpf.org/2007/opf\">
    <dc:identifier id=\"epub-id-1\">{id}</dc:identifier>
    <dc:title>{title}</dc:title>
    <dc:language id=\"epub-creator-0\">{lang}</dc:language>
    <meta property=\"dcterms:modified\">{modified}</meta>
",
        lang = esc(p.lang),
        dir = esc(p.dir),
        id = esc(p.identifier),
        title = esc(p.title),
        modified = esc(p.modified),
    );
    if let Some(d) = p.description {
        let _ = writeln!(s, "    <dc:description>{}</dc:description>", esc(d));
    }
    for subject in p.subjects {
        let _ = writeln!(s, "    <dc:subject>{}</dc:subject>", esc(subject));
    }
    if let Some(r) = p.rights {
        let _ = writeln!(s, "    <dc:rights>{}</dc:rights>", esc(r));
    }
    if items.iter().any(|i| i.cover) {
        // EPUB 2 readers find the cover image by this.
        s.push_str("    <meta name=\"cover\" content=\"cover-image\"/>\n");
    }
    s.push_str(p.extra);
    s.push_str("  </metadata>\n  <manifest>\n");
    s.push_str("    <item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n");
    s.push_str("    <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n");
    for item in items {
        let properties = if item.cover {
            "properties=\"cover-image\" "
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "    <item media-type=\"{}\" {properties}id=\"{}\" href=\"{}\"/>",
            item.media_type,
            esc_attr(&item.id()),
            esc_attr(&item.href)
        );
    }
    let _ = writeln!(
        s,
        "  </manifest>\n  <spine toc=\"ncx\" page-progression-direction=\"{}\">",
        esc(p.dir)
    );
    for item in items.iter().filter(|i| i.page.is_some()) {
        let _ = writeln!(s, "    <itemref idref=\"{}\"/>", esc_attr(&item.id()));
    }
    let _ = writeln!(
        s,
        "  </spine>\n  <guide>\n    <reference type=\"toc\" title=\"{}\" href=\"nav.xhtml\"/>",
        esc_attr(p.toc_name)
    );
    for item in items {
        let Some((page, landmark)) = item.landmark() else {
            continue;
        };
        let _ = writeln!(
            s,
            "    <reference type=\"{}\" title=\"{}\" href=\"{}\"/>",
            landmark.guide_type(),
            esc_attr(&page.title),
            esc_attr(&item.href)
        );
    }
    s.push_str("  </guide>\n</package>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::super::manifest::{Landmark, Page};
    use super::*;

    fn package<'a>(extra: &'a str, subjects: &'a [String]) -> Package<'a> {
        Package {
            identifier: "urn:isbn:9",
            title: "A & B",
            lang: "ar",
            dir: "rtl",
            modified: "2023-11-14T22:13:20Z",
            description: Some("About <it>"),
            subjects,
            rights: None,
            toc_name: "Contents",
            extra,
        }
    }

    fn items() -> Vec<Item> {
        let page = |title: &str, landmark| Page {
            title: title.into(),
            landmark,
            children: Vec::new(),
        };
        vec![
            Item::resource("stylesheet.css", "text/css"),
            Item::cover_image("images/cover.png", "image/png"),
            Item::page("cover.xhtml", page("Cover", Some(Landmark::Cover))),
            Item::page("chapter-1.xhtml", page("One \"1\"", Some(Landmark::Text))),
            Item::page("chapter-2.xhtml", page("Two", None)),
        ]
    }

    #[test]
    fn metadata_in_order_with_the_extra_last() {
        let subjects = ["x".to_string()];
        let out = opf(
            &package(
                "    <dc:creator id=\"creator-1\">A</dc:creator>\n",
                &subjects,
            ),
            &items(),
        );
        assert!(out.contains(
            "xmlns=\"http://www.idpf.org/2007/opf\" xml:lang=\"ar\" dir=\"rtl\" unique-identifier=\"epub-id-1\">"
        ));
        assert!(out.contains("<dc:identifier id=\"epub-id-1\">urn:isbn:9</dc:identifier>"));
        assert!(out.contains("<dc:title>A &amp; B</dc:title>"));
        assert!(out.contains("<dc:description>About &lt;it&gt;</dc:description>"));
        assert!(out.contains("    <dc:subject>x</dc:subject>\n"));
        assert!(!out.contains("dc:rights"));
        assert!(out.contains(
            "<meta name=\"cover\" content=\"cover-image\"/>\n    <dc:creator id=\"creator-1\">A</dc:creator>\n  </metadata>"
        ));
        assert!(!out.contains("\n    \n"), "no blank lines: {out}");
    }

    #[test]
    fn manifest_spine_and_guide() {
        let out = opf(&package("", &[]), &items());
        assert!(out.contains(
            "<item media-type=\"image/png\" properties=\"cover-image\" id=\"cover-image\" href=\"images/cover.png\"/>"
        ));
        assert!(out.contains(
            "<item media-type=\"text/css\" id=\"id_stylesheet.css\" href=\"stylesheet.css\"/>"
        ));
        assert!(out.contains(
            "<spine toc=\"ncx\" page-progression-direction=\"rtl\">\n    <itemref idref=\"id_cover.xhtml\"/>\n    <itemref idref=\"id_chapter-1.xhtml\"/>\n    <itemref idref=\"id_chapter-2.xhtml\"/>\n  </spine>"
        ));
        assert!(out.contains("<reference type=\"toc\" title=\"Contents\" href=\"nav.xhtml\"/>\n    <reference type=\"cover\" title=\"Cover\" href=\"cover.xhtml\"/>\n    <reference type=\"text\" title=\"One &quot;1&quot;\" href=\"chapter-1.xhtml\"/>\n  </guide>"));
        assert!(roxmltree::Document::parse(&out).is_ok(), "{out}");
    }

    #[test]
    fn no_cover_no_cover_meta() {
        let out = opf(&package("", &[]), &items()[2..]);
        assert!(!out.contains("cover-image"));
    }
}
