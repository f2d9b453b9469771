//! Page-break markers and the page-list: the reading PDF's page numbers in
//! the EPUB, so that "page 12" is the same place in both.

use super::roles::semantics;
use super::text::esc_attr;
use crate::pagemap::{PageMap, PageStart};
use std::collections::BTreeMap;

/// The page numbers to mark at each place of the EPUB, in page order.
#[derive(Debug, Default, PartialEq)]
pub struct Breaks {
    pub title_page: Vec<String>,
    /// Before top-level block `i`.
    pub before_block: BTreeMap<usize, Vec<String>>,
    /// After the last block: pages of what only print has (its notes, its link list).
    pub after_text: Vec<String>,
    pub colophon: Vec<String>,
}

impl Breaks {
    /// Sorts the pages of `map` by place, for a document of `blocks` top-level blocks.
    pub fn of(map: &PageMap, blocks: usize) -> Breaks {
        let mut b = Breaks::default();
        for (label, start) in &map.pages {
            let label = label.clone();
            match *start {
                PageStart::TitlePage => b.title_page.push(label),
                PageStart::Block(i) if i < blocks => {
                    b.before_block.entry(i).or_default().push(label)
                }
                PageStart::Block(_) => b.after_text.push(label),
                PageStart::Colophon => b.colophon.push(label),
            }
        }
        b
    }
}

/// The id of page `label`'s marker.
pub fn id(label: &str) -> String {
    let safe: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("page-{safe}")
}

/// The markers of `labels`, each an empty span named by its page number.
pub fn markers(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| {
            format!(
                "<span{} id=\"{}\" aria-label=\"{}\"></span>\n",
                semantics("pagebreak"),
                id(l),
                esc_attr(l)
            )
        })
        .collect()
}

/// `xhtml` with `markers` first in its body.
pub fn after_body_start(xhtml: &str, markers: &str) -> String {
    match xhtml.split_once("<body") {
        Some((head, rest)) => match rest.split_once(">\n") {
            Some((attrs, body)) => format!("{head}<body{attrs}>\n{markers}{body}"),
            None => xhtml.to_string(),
        },
        None => xhtml.to_string(),
    }
}

/// The page-list nav: each page number linking to its marker in `file`.
pub fn nav(pages: &[(String, String)]) -> String {
    let mut s = format!(
        "  <nav{} aria-label=\"Pages\" hidden=\"hidden\">\n    <ol>\n",
        semantics("page-list")
    );
    for (label, file) in pages {
        s.push_str(&format!(
            "      <li><a href=\"{file}#{}\">{}</a></li>\n",
            id(label),
            super::text::esc(label)
        ));
    }
    s.push_str("    </ol>\n  </nav>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pages: &[(&str, PageStart)]) -> PageMap {
        PageMap {
            source: "x.pdf".into(),
            pages: pages.iter().map(|(l, s)| (l.to_string(), *s)).collect(),
        }
    }

    #[test]
    fn pages_go_to_their_places() {
        let m = map(&[
            ("1", PageStart::TitlePage),
            ("3", PageStart::Block(0)),
            ("4", PageStart::Block(2)),
            ("5", PageStart::Block(2)),
            ("6", PageStart::Block(9)),
            ("7", PageStart::Colophon),
        ]);
        let b = Breaks::of(&m, 4);
        assert_eq!(b.title_page, ["1"]);
        assert_eq!(b.before_block[&0], ["3"]);
        assert_eq!(
            b.before_block[&2],
            ["4", "5"],
            "a long block holds two page starts"
        );
        assert_eq!(
            b.after_text,
            ["6"],
            "a page of printed notes comes after the text"
        );
        assert_eq!(b.colophon, ["7"]);
    }

    #[test]
    fn markers_carry_role_id_and_label() {
        assert_eq!(
            markers(&["12".into()]),
            "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-12\" aria-label=\"12\"></span>\n"
        );
        assert_eq!(id("iv"), "page-iv");
    }

    #[test]
    fn markers_open_the_body_and_the_nav_lists_pages() {
        let page = "<html><body epub:type=\"x\">\n<p>a</p></body></html>";
        let out = after_body_start(page, "<span/>\n");
        assert_eq!(
            out,
            "<html><body epub:type=\"x\">\n<span/>\n<p>a</p></body></html>"
        );
        let nav = nav(&[("1".into(), "titlepage.xhtml".into())]);
        assert!(nav.contains("epub:type=\"page-list\" role=\"doc-pagelist\""));
        assert!(nav.contains("<a href=\"titlepage.xhtml#page-1\">1</a>"));
    }
}
