//! Plain-text repair: paragraphs, unwrapping, line-end hyphens, page numbers, headings.

use super::{FoundMeta, Normalized, Report};
use crate::document::{Block, Inline};

/// A run of source lines that will become one block.
struct Para {
    line: usize,
    lines: Vec<String>,
}

/// Repairs plain text into blocks.
pub fn repair(text: &str, first_line: usize, report: &mut Report) -> Normalized {
    let lines: Vec<&str> = text.split('\n').collect();
    let blank = lines.iter().filter(|l| l.trim().is_empty()).count();
    let nonblank = lines.len() - blank;
    // Web pastes put one paragraph per line; other texts separate paragraphs by blank lines.
    let per_line = blank * 4 < nonblank;
    let mut paras: Vec<Para> = Vec::new();
    let mut current: Option<Para> = None;
    for (i, raw) in lines.iter().enumerate() {
        let line_no = first_line + i;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            paras.extend(current.take());
            continue;
        }
        if is_page_number(line) {
            report.removed(line_no, "page number removed", line);
            continue;
        }
        match current.as_mut() {
            Some(p) if !per_line => p.lines.push(line.trim().to_string()),
            _ => {
                paras.extend(current.take());
                current = Some(Para { line: line_no, lines: vec![line.trim().to_string()] });
            }
        }
    }
    paras.extend(current);

    let mut found = FoundMeta::default();
    let mut blocks = Vec::new();
    for (idx, para) in paras.iter().enumerate() {
        let joined = unwrap_lines(&para.lines, para.line, report);
        if idx == 0 && looks_like_heading(&joined) {
            found.title = Some(joined);
            continue;
        }
        if looks_like_heading(&joined) {
            blocks.push(Block::Heading { level: 1, content: vec![Inline::Text(joined)] });
        } else {
            blocks.push(Block::Paragraph(vec![Inline::Text(joined)]));
        }
    }
    Normalized { blocks, notes: Vec::new(), found, report: Report::default() }
}

/// Joins hard-wrapped lines, joining words hyphenated at line ends.
fn unwrap_lines(lines: &[String], first: usize, report: &mut Report) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let next_lower = line.chars().next().is_some_and(char::is_lowercase);
        if out.ends_with('\u{ad}') || (out.ends_with('-') && next_lower && out[..out.len() - 1].ends_with(char::is_alphabetic)) {
            out.pop();
            report.repaired(first + i, "hyphen joined", line.split_whitespace().next().unwrap_or_default());
        } else {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// A short line without final punctuation.
fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=14).contains(&words) && !text.ends_with(['.', ',', ';', ':', '!', '?', '"', '”'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwraps_and_joins_hyphens() {
        let mut r = Report::default();
        let n = repair("Title\n\nThis was pro-\nduced by hand.\n\n22\n\nAnother one here.", 1, &mut r);
        assert_eq!(n.found.title.as_deref(), Some("Title"));
        assert_eq!(n.blocks[0], Block::Paragraph(vec![Inline::Text("This was produced by hand.".into())]));
        assert_eq!(r.removed.len(), 1);
    }
}
