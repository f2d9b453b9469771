//! Links on paper: paper cannot be clicked, so layouts with `print_urls`
//! (imposed layouts by default) mark each link with a bracketed number and
//! list the addresses at the end under "Links". A list, not footnotes: the
//! essay's own notes keep their numbers, small pages keep their room for
//! text, and each address is printed once however often it is linked.

use crate::document::walk::each_run_mut;
use crate::document::{plain_text, Block, Inline, List, ListItem, ListKind, Note};

/// Whether a link leads outside the text (not to a heading of it).
fn external(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    [
        "http://",
        "https://",
        "mailto:",
        "ftp://",
        "gopher://",
        "gemini://",
    ]
    .iter()
    .any(|s| lower.starts_with(s))
}

/// Whether a link's text already shows its address (an autolink).
fn shows_itself(url: &str, content: &[Inline]) -> bool {
    let text = plain_text(content);
    let text = text.trim();
    text == url || url.strip_prefix("mailto:") == Some(text)
}

/// Numbers the external links of the blocks and notes in reading order, the
/// same address with the same number, puts the number after each link as
/// `[n]`, and returns the addresses in number order.
pub fn number_links(blocks: &mut [Block], notes: &mut [Note]) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    let mut mark = |run: &mut Vec<Inline>| mark_run(run, &mut urls);
    each_run_mut(blocks, &mut mark);
    for note in notes.iter_mut() {
        each_run_mut(&mut note.content, &mut mark);
    }
    urls
}

fn mark_run(run: &mut Vec<Inline>, urls: &mut Vec<String>) {
    let old = std::mem::take(run);
    for mut inline in old {
        let mut marker = None;
        match &mut inline {
            Inline::Link { url, content, .. } if external(url) && !shows_itself(url, content) => {
                let n = urls.iter().position(|u| u == url).unwrap_or_else(|| {
                    urls.push(url.clone());
                    urls.len() - 1
                }) + 1;
                marker = Some(Inline::Superscript(vec![Inline::Text(format!("[{n}]"))]));
            }
            Inline::Link { content, .. }
            | Inline::Emph(content)
            | Inline::Strong(content)
            | Inline::Strike(content)
            | Inline::Underline(content)
            | Inline::SmallCaps(content)
            | Inline::Superscript(content)
            | Inline::Subscript(content) => mark_run(content, urls),
            _ => {}
        }
        run.push(inline);
        run.extend(marker);
    }
}

/// The "Links" section: a heading and the numbered addresses.
pub fn links_section(urls: &[String]) -> Vec<Block> {
    if urls.is_empty() {
        return Vec::new();
    }
    let items = urls
        .iter()
        .map(|u| ListItem::para(vec![Inline::link(u.clone(), vec![Inline::Code(u.clone())])]))
        .collect();
    vec![
        Block::heading(1, vec![Inline::Text("Links".into())]),
        Block::List(List {
            kind: ListKind::Decimal,
            start: 1,
            tight: true,
            items,
        }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn links_are_numbered_once_and_marked() {
        let mut blocks = vec![Block::Paragraph(vec![
            Inline::link("https://a.org", vec![t("A")]),
            t(" and "),
            Inline::Emph(vec![Inline::link("https://b.org", vec![t("B")])]),
            Inline::link("https://a.org", vec![t("A again")]),
            Inline::link("https://c.org", vec![t("https://c.org")]),
            Inline::link("#here", vec![t("inside")]),
        ])];
        let mut notes = vec![Note::para(
            1,
            vec![Inline::link("mailto:x@y.org", vec![t("write")])],
        )];
        let urls = number_links(&mut blocks, &mut notes);
        assert_eq!(
            urls,
            vec!["https://a.org", "https://b.org", "mailto:x@y.org"]
        );
        let Block::Paragraph(p) = &blocks[0] else {
            panic!()
        };
        assert_eq!(p[1], Inline::Superscript(vec![t("[1]")]));
        assert_eq!(
            p[3],
            Inline::Emph(vec![
                Inline::link("https://b.org", vec![t("B")]),
                Inline::Superscript(vec![t("[2]")])
            ])
        );
        assert_eq!(p[5], Inline::Superscript(vec![t("[1]")]));
        assert_eq!(
            p.len(),
            8,
            "autolinks and links inside the text get no number: {p:?}"
        );
        assert_eq!(links_section(&urls).len(), 2);
        assert!(links_section(&[]).is_empty());
    }
}
