//! The navigation document (`nav.xhtml`): the table of contents with its
//! DPUB-ARIA role, named by its heading; the landmarks, named and hidden
//! (reading systems read them; they are not a second navigation landmark on
//! the page); and the page list, when the book has one.

use super::manifest::Item;
use super::roles::semantics;
use super::text::{esc, esc_attr};
use std::fmt::Write;

/// The words and settings of the navigation document.
pub struct Nav<'a> {
    pub lang: &'a str,
    pub dir: &'a str,
    /// The table of contents' heading and the document's title.
    pub toc_name: &'a str,
    /// The landmarks' name, in the book's language.
    pub landmarks: &'a str,
    /// A page-list nav, written last (`pagelist::nav`).
    pub page_list: Option<&'a str>,
}

/// The navigation document of `items` (the pages among them in reading order).
pub fn nav(n: &Nav, items: &[Item]) -> String {
    let toc_name = esc(n.toc_name);
    let mut s = String::with_capacity(2048 + items.len() * 200);
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<!DOCTYPE html>
<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\" dir=\"{dir}\">
<head>
  <meta charset=\"utf-8\" />
  <meta name=\"generator\" content=\"zinepress\" />
  <title>{toc_name}</title>
  <link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\" />
</head>
<body>
  <nav{toc} id=\"toc\" aria-labelledby=\"toc-title\">
    <h1 id=\"toc-title\">{toc_name}</h1>
    <ol>
",
        lang = esc_attr(n.lang),
        dir = esc_attr(n.dir),
        toc = semantics("toc"),
    );
    for item in items {
        let Some(page) = item.titled() else { continue };
        let (href, title) = (esc_attr(&item.href), esc(&page.title));
        if page.children.is_empty() {
            let _ = writeln!(s, "      <li><a href=\"{href}\">{title}</a></li>");
            continue;
        }
        let _ = write!(
            s,
            "      <li>\n        <a href=\"{href}\">{title}</a>\n        <ol>\n"
        );
        for child in &page.children {
            let _ = writeln!(
                s,
                "          <li><a href=\"{}\">{}</a></li>",
                esc_attr(&child.href),
                esc(&child.title)
            );
        }
        s.push_str("        </ol>\n      </li>\n");
    }
    let _ = write!(
        s,
        "    </ol>\n  </nav>\n  <nav{} aria-label=\"{}\" hidden=\"hidden\">\n    <ol>\n",
        semantics("landmarks"),
        esc_attr(n.landmarks)
    );
    for item in items {
        let Some((page, landmark)) = item.landmark().filter(|(p, _)| !p.title.is_empty()) else {
            continue;
        };
        let _ = writeln!(
            s,
            "      <li><a epub:type=\"{}\" href=\"{}\">{}</a></li>",
            landmark.epub_type(),
            esc_attr(&item.href),
            esc(&page.title)
        );
    }
    s.push_str("    </ol>\n  </nav>\n");
    s.push_str(n.page_list.unwrap_or_default());
    s.push_str("</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::super::manifest::{Landmark, Link, Page};
    use super::*;

    fn items() -> Vec<Item> {
        vec![
            Item::resource("stylesheet.css", "text/css"),
            Item::page(
                "titlepage.xhtml",
                Page {
                    title: "Title Page".into(),
                    landmark: Some(Landmark::TitlePage),
                    children: Vec::new(),
                },
            ),
            Item::page(
                "chapter-1.xhtml",
                Page {
                    title: "One & two".into(),
                    landmark: Some(Landmark::Text),
                    children: vec![Link {
                        href: "chapter-1.xhtml#heading-2".into(),
                        title: "Sub".into(),
                    }],
                },
            ),
        ]
    }

    fn words(page_list: Option<&str>) -> Nav<'_> {
        Nav {
            lang: "en",
            dir: "ltr",
            toc_name: "Contents",
            landmarks: "Landmarks",
            page_list,
        }
    }

    #[test]
    fn toc_and_landmarks_with_roles_names_and_nesting() {
        let out = nav(&words(None), &items());
        assert!(out.contains("lang=\"en\" xml:lang=\"en\" dir=\"ltr\">"));
        assert!(out.contains(
            "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n    <h1 id=\"toc-title\">Contents</h1>"
        ));
        assert!(out.contains(
            "      <li><a href=\"titlepage.xhtml\">Title Page</a></li>\n      <li>\n        <a href=\"chapter-1.xhtml\">One &amp; two</a>\n        <ol>\n          <li><a href=\"chapter-1.xhtml#heading-2\">Sub</a></li>\n        </ol>\n      </li>\n    </ol>"
        ), "{out}");
        assert!(out
            .contains("<nav epub:type=\"landmarks\" aria-label=\"Landmarks\" hidden=\"hidden\">"));
        assert!(out.contains(
            "<li><a epub:type=\"bodymatter\" href=\"chapter-1.xhtml\">One &amp; two</a></li>"
        ));
        assert!(
            !out.contains("stylesheet.css\">"),
            "resources are not listed"
        );
        let xml = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        assert!(
            roxmltree::Document::parse_with_options(&out, xml).is_ok(),
            "{out}"
        );
    }

    #[test]
    fn the_page_list_goes_last_in_the_body() {
        let out = nav(&words(Some("  <nav>pages</nav>\n")), &items());
        assert!(
            out.ends_with("  </nav>\n  <nav>pages</nav>\n</body>\n</html>\n"),
            "{out}"
        );
    }
}
