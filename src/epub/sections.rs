//! Splitting the blocks into top-level sections, one XHTML file each.

use crate::document::{plain_text, Block};

/// One output file's share of the blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    /// File name inside the EPUB (`chapter-N.xhtml`).
    pub file: String,
    /// Table-of-contents label: the section heading's text, or `fallback`.
    pub title: String,
    pub blocks: &'a [Block],
}

fn is_section_heading(b: &Block) -> bool {
    matches!(b, Block::Heading { level: 1, .. })
}

/// Splits before every level-1 heading. Text before the first one (or the whole
/// body, when there is none) is a section titled `fallback`. Never empty.
pub fn split<'a>(blocks: &'a [Block], fallback: &str) -> Vec<Section<'a>> {
    let mut starts: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| is_section_heading(b))
        .map(|(i, _)| i)
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(blocks.len());
        let chunk = &blocks[start..end];
        let n = k + 1;
        let title = match chunk.first() {
            Some(Block::Heading {
                level: 1, content, ..
            }) => plain_text(content).trim().to_string(),
            _ => fallback.trim().to_string(),
        };
        let title = if title.is_empty() {
            format!("Section {n}")
        } else {
            title
        };
        out.push(Section {
            file: format!("chapter-{n}.xhtml"),
            title,
            blocks: chunk,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;

    fn h(level: u8, s: &str) -> Block {
        Block::heading(level, vec![Inline::Text(s.into())])
    }
    fn p(s: &str) -> Block {
        Block::Paragraph(vec![Inline::Text(s.into())])
    }

    #[test]
    fn splits_at_level_one_headings() {
        let blocks = vec![
            p("intro"),
            h(1, "One"),
            p("a"),
            h(2, "sub"),
            h(1, "Two"),
            p("b"),
        ];
        let s = split(&blocks, "Essay");
        let titles: Vec<&str> = s.iter().map(|x| x.title.as_str()).collect();
        assert_eq!(titles, ["Essay", "One", "Two"]);
        assert_eq!(s[1].blocks.len(), 3);
        assert_eq!(s[2].file, "chapter-3.xhtml");
    }

    #[test]
    fn no_headings_gives_one_body_file() {
        let blocks = vec![p("a"), h(2, "sub"), p("b")];
        let s = split(&blocks, "Essay");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].title, "Essay");
        assert_eq!(s[0].blocks.len(), 3);
    }

    #[test]
    fn empty_document_and_empty_titles() {
        let s = split(&[], "");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].title, "Section 1");
        let blocks = vec![Block::heading(1, vec![Inline::NoteRef(1)])];
        assert_eq!(split(&blocks, "E")[0].title, "Section 1");
    }
}
