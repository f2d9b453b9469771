//! The NCX (`toc.ncx`): the table of contents for EPUB 2 reading systems.

use super::manifest::{Item, Link};
use super::text::{esc, esc_attr};
use std::fmt::Write;

/// The NCX of the book `identifier` (its `dtb:uid`, the package's
/// identifier) titled `title` in language `lang`: one navPoint per titled
/// page, with its headings inside.
pub fn ncx(identifier: &str, lang: &str, title: &str, items: &[Item]) -> String {
    let pages: Vec<(&str, &super::manifest::Page)> = items
        .iter()
        .filter_map(|i| Some((i.href.as_str(), i.titled()?)))
        .collect();
    let depth = if pages.iter().any(|(_, p)| !p.children.is_empty()) {
        2
    } else {
        1
    };
    let mut s = String::with_capacity(1024 + pages.len() * 400);
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ncx version=\"2005-1\" xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" xml:lang=\"{}\">
  <head>
    <meta name=\"dtb:uid\" content=\"{}\" />
    <meta name=\"dtb:depth\" content=\"{depth}\" />
    <meta name=\"dtb:totalPageCount\" content=\"0\" />
    <meta name=\"dtb:maxPageNumber\" content=\"0\" />
  </head>
  <docTitle>
    <text>{}</text>
  </docTitle>
  <navMap>
",
        esc_attr(lang),
        esc_attr(identifier),
        esc(title)
    );
    let mut order = 0;
    for (href, page) in pages {
        let link = Link {
            href: href.to_string(),
            title: page.title.clone(),
        };
        nav_point(&mut s, &mut order, &link, "    ", |s, order| {
            for child in &page.children {
                nav_point(s, order, child, "      ", |_, _| {});
            }
        });
    }
    s.push_str("  </navMap>\n</ncx>\n");
    s
}

/// One navPoint at `indent`, numbered by `order`; `inner` writes the ones inside it.
fn nav_point(
    s: &mut String,
    order: &mut usize,
    link: &Link,
    indent: &str,
    inner: impl FnOnce(&mut String, &mut usize),
) {
    *order += 1;
    let _ = write!(
        s,
        "{indent}<navPoint playOrder=\"{n}\" id=\"navPoint-{n}\">
{indent}  <navLabel>
{indent}   <text>{}</text>
{indent}  </navLabel>
{indent}  <content src=\"{}\"/>
",
        esc(&link.title).trim(),
        esc_attr(&link.href),
        n = *order,
    );
    inner(s, order);
    let _ = writeln!(s, "{indent}</navPoint>");
}

#[cfg(test)]
mod tests {
    use super::super::manifest::Page;
    use super::*;

    fn page(href: &str, title: &str, children: &[(&str, &str)]) -> Item {
        Item::page(
            href,
            Page {
                title: title.into(),
                landmark: None,
                children: children
                    .iter()
                    .map(|(h, t)| Link {
                        href: h.to_string(),
                        title: t.to_string(),
                    })
                    .collect(),
            },
        )
    }

    #[test]
    fn nav_points_numbered_in_reading_order_with_headings_inside() {
        let items = [
            Item::resource("stylesheet.css", "text/css"),
            page("a.xhtml", "A & a", &[("a.xhtml#h", " Sub ")]),
            page("untitled.xhtml", "", &[]),
            page("b.xhtml", "B", &[]),
        ];
        let out = ncx("urn:uuid:1", "en", "Book", &items);
        assert!(out.contains("xml:lang=\"en\">"));
        assert!(out.contains("<meta name=\"dtb:uid\" content=\"urn:uuid:1\" />"));
        assert!(out.contains("<meta name=\"dtb:depth\" content=\"2\" />"));
        assert!(out.contains("<docTitle>\n    <text>Book</text>\n  </docTitle>"));
        assert!(out.contains(
            "    <navPoint playOrder=\"1\" id=\"navPoint-1\">\n      <navLabel>\n       <text>A &amp; a</text>\n      </navLabel>\n      <content src=\"a.xhtml\"/>\n      <navPoint playOrder=\"2\" id=\"navPoint-2\">\n        <navLabel>\n         <text>Sub</text>\n        </navLabel>\n        <content src=\"a.xhtml#h\"/>\n      </navPoint>\n    </navPoint>\n    <navPoint playOrder=\"3\" id=\"navPoint-3\">"
        ), "{out}");
        assert!(!out.contains("untitled"));
        assert!(roxmltree::Document::parse(&out).is_ok(), "{out}");
    }

    #[test]
    fn flat_contents_have_depth_one() {
        let out = ncx("i", "de", "T", &[page("a.xhtml", "A", &[])]);
        assert!(out.contains("<meta name=\"dtb:depth\" content=\"1\" />"));
    }
}
