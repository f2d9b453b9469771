//! Telling Markdown from plain text by its lines: a `.txt` file whose lines
//! carry Markdown's marks (`## ` headings, `**bold**`, `[links](…)`, `> `
//! quotes, code fences) is read as Markdown.
//!
//! Only marks that plain text rarely has count: `- ` bullets and `1.` lists
//! are common in plain text too, so they are not evidence on their own.

/// The Markdown marks counted in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub headings: usize,
    pub emphasis: usize,
    pub links: usize,
    pub quotes: usize,
    pub fences: usize,
}

impl Marks {
    /// Counts the marks of `text`, line by line (linear in the text).
    pub fn count(text: &str) -> Marks {
        let mut m = Marks::default();
        for line in text.lines() {
            let t = line.trim_end();
            if atx_heading(t) {
                m.headings += 1;
            }
            if t.starts_with("> ") || t == ">" {
                m.quotes += 1;
            }
            if t.trim_start().starts_with("```") || t.trim_start().starts_with("~~~") {
                m.fences += 1;
            }
            m.emphasis += strong_spans(t);
            // A searcher is set up only for a line with a link's opening.
            if t.contains('[') {
                m.links += t.matches("](").count();
            }
        }
        m
    }

    fn kinds(&self) -> usize {
        [
            self.headings,
            self.emphasis,
            self.links,
            self.quotes,
            self.fences / 2,
        ]
        .iter()
        .filter(|&&n| n > 0)
        .count()
    }

    fn total(&self) -> usize {
        self.headings + self.emphasis + self.links + self.quotes + self.fences / 2
    }

    /// Whether the marks say Markdown: two headings, or two kinds of mark
    /// with three marks in all.
    pub fn is_markdown(&self) -> bool {
        self.headings >= 2 || (self.kinds() >= 2 && self.total() >= 3)
    }

    /// "3 headings, 12 bold or italic spans" for the report.
    pub fn describe(&self) -> String {
        let parts = [
            (self.headings, "`#` heading", "`#` headings"),
            (self.emphasis, "bold or italic span", "bold or italic spans"),
            (self.links, "link", "links"),
            (self.quotes, "`>` quote line", "`>` quote lines"),
            (self.fences / 2, "code block", "code blocks"),
        ];
        let shown: Vec<String> = parts
            .iter()
            .filter(|p| p.0 > 0)
            .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
            .collect();
        shown.join(", ")
    }
}

/// "## Title", "# **Bold**": one to six `#`, a space, then text.
fn atx_heading(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes)
        && t.get(hashes..).unwrap_or_default().starts_with(' ')
        && t.get(hashes..)
            .unwrap_or_default()
            .trim()
            .chars()
            .any(char::is_alphanumeric)
}

/// Spans `**x**`, `__x__`, or `*x*` / `_x_` around a word (not `2 * 3`).
fn strong_spans(line: &str) -> usize {
    // Most lines have no mark: no searcher is set up for them.
    if !line.contains(['*', '_']) {
        return 0;
    }
    let mut n = 0;
    for mark in ["**", "__", "*", "_"] {
        let mut at = 0;
        while let Some(found) = line.get(at..).unwrap_or_default().find(mark) {
            let open = at + found;
            let after = line.get(open + mark.len()..).unwrap_or_default();
            let before = line.get(..open).unwrap_or_default().chars().last();
            // An opening mark follows a space or the line start and touches a word.
            let opens = before.is_none_or(|c| c.is_whitespace() || "([“\"".contains(c))
                && after.chars().next().is_some_and(char::is_alphanumeric);
            at = open + mark.len();
            let Some(close) = after.find(mark).filter(|_| opens) else {
                continue;
            };
            let inner = after.get(..close).unwrap_or_default();
            let closes = inner.chars().last().is_some_and(|c| !c.is_whitespace())
                && after
                    .get(close + mark.len()..)
                    .unwrap_or_default()
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            if closes && !inner.contains(mark) {
                n += 1;
                at += close + mark.len();
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_lines_are_counted() {
        let m = Marks::count("# Title\n\n## **Allyship as Identity**\n\nSome *words* and a [link](http://x.org).\n\n> quoted\n");
        assert_eq!(
            m,
            Marks {
                headings: 2,
                emphasis: 2,
                links: 1,
                quotes: 1,
                fences: 0
            }
        );
        assert!(m.is_markdown());
        assert_eq!(
            m.describe(),
            "2 `#` headings, 2 bold or italic spans, 1 link, 1 `>` quote line"
        );
    }

    #[test]
    fn plain_text_is_not_markdown() {
        let plain = "Title\n\nA list:\n- one\n- two\n1. first\n2. second\n\nPrices rose 2 * 3 times; see note *.\n#hashtag and snake_case_name here.\n> one quoted reply line\n";
        let m = Marks::count(plain);
        assert!(!m.is_markdown(), "{m:?}");
    }

    #[test]
    fn one_heading_and_emphasis_are_enough() {
        assert!(Marks::count("# Title\n\nThis is **bold** and *this* too.\n").is_markdown());
        assert!(!Marks::count("# Title\n\nplain words\n").is_markdown());
    }
}
