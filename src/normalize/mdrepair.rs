//! Markdown repair: the repairs that make sense for a file converted from a
//! PDF or a web page. Title and byline to metadata, contents lists out, bold
//! inside headings dropped, paragraphs cut by page breaks rejoined, a poem
//! of one-line paragraphs set as verse, a colophon after the end removed.

use super::hyphen::{self, Decision, Evidence};
use super::lines::{ends_hyphen, ends_terminal, heads_code_paragraph, starts_lower};
use super::structure::{attribution, byline, is_rights};
use super::{FoundMeta, Normalized, Report};
use crate::document::{plain_text, Block, Inline};
use crate::source::markdown::MarkdownDoc;

/// Repairs blocks read from Markdown. A first `# heading` is the title
/// unless `given_title` (from zinepress.toml or the front matter) differs
/// from it: then it stays a heading, so its words are not lost.
pub fn repair(
    md: MarkdownDoc,
    first_line: usize,
    given_title: Option<&str>,
    language: &str,
    report: &mut Report,
) -> Normalized {
    let mut found = FoundMeta::default();
    for (line, class, message) in &md.warnings {
        report.doubt(line + first_line - 1, class, message.clone());
    }
    let mut blocks: Vec<(usize, Block)> = md
        .blocks
        .into_iter()
        .zip(md.lines.into_iter().chain(std::iter::repeat(0)))
        .map(|(b, l)| (l + first_line - 1, b))
        .collect();
    let mut head: Vec<String> = Vec::new();
    if let Some((
        line,
        Block::Heading {
            level: 1, content, ..
        },
    )) = blocks.first()
    {
        let t = plain_text(content).trim().to_string();
        if given_title.is_none_or(|g| same_title(g, &t)) {
            report.repaired(*line, "title found", t.clone());
            found.title = Some(t.clone());
            head.push(t);
            blocks.remove(0);
        }
    }
    if let Some((line, Block::Paragraph(p))) = blocks.first() {
        let t = plain_text(p);
        if let Some(a) = byline(&t) {
            report.removed(*line, "byline moved to metadata", &t);
            found.authors = a;
            head.push(t.trim().to_string());
            blocks.remove(0);
            if let Some((_, Block::Paragraph(p))) = blocks.first() {
                let t = plain_text(p);
                if t.len() < 200 {
                    head.push(t.trim().to_string());
                }
            }
        }
    }
    remove_contents(&mut blocks, report);
    for (line, b) in blocks.iter_mut() {
        if let Block::Heading { content, .. } = b {
            if let [Inline::Strong(inner)] = content.as_slice() {
                *content = inner.clone();
                report.repaired(*line, "bold dropped from heading", plain_text(content));
            }
        }
    }
    let min = blocks
        .iter()
        .filter_map(|(_, b)| {
            if let Block::Heading { level, .. } = b {
                Some(*level)
            } else {
                None
            }
        })
        .min()
        .unwrap_or(1);
    for (_, b) in blocks.iter_mut() {
        if let Block::Heading { level, .. } = b {
            *level -= min - 1;
        }
    }
    // The colophon goes first, so its lines are not taken for a cut paragraph.
    strip_tail(&mut blocks, &head, &mut found, report);
    rejoin(&mut blocks, language, report);
    verse(&mut blocks, report);
    strip_tail(&mut blocks, &head, &mut found, report);
    Normalized {
        blocks: blocks.into_iter().map(|(_, b)| b).collect(),
        notes: md.notes,
        found,
        report: Report::default(),
    }
}

/// Whether two titles are the same but for case, spaces and punctuation.
fn same_title(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    key(a) == key(b)
}

/// The tail: a rights line and the title block again, after the end.
fn strip_tail(
    blocks: &mut Vec<(usize, Block)>,
    head: &[String],
    found: &mut FoundMeta,
    report: &mut Report,
) {
    while let Some((line, Block::Paragraph(p))) = blocks.last() {
        let t = plain_text(p).trim().to_string();
        if is_rights(&t) {
            found.rights = Some(t.clone());
            report.removed(*line, "rights line moved to metadata", &t);
        } else if head.iter().any(|h| h.eq_ignore_ascii_case(&t)) {
            report.removed(*line, "repeated title block removed", &t);
        } else {
            break;
        }
        blocks.pop();
    }
}

/// Drops a "Contents" heading and the entries after it (dot leaders, page numbers).
fn remove_contents(blocks: &mut Vec<(usize, Block)>, report: &mut Report) {
    let Some(at) = blocks.iter().position(|(_, b)| matches!(b, Block::Heading { content, .. } if matches!(plain_text(content).trim().to_lowercase().as_str(), "contents" | "table of contents"))) else {
        return;
    };
    let mut end = at + 1;
    while let Some((_, b)) = blocks.get(end) {
        let t = crate::document::block_text(b);
        let entries = t.matches(". .").count() + t.matches('\t').count();
        if matches!(b, Block::Heading { .. }) || entries == 0 {
            break;
        }
        end += 1;
    }
    for (line, b) in blocks.drain(at..end) {
        report.removed(
            line,
            "contents list removed",
            &crate::document::block_text(&b),
        );
    }
}

fn last_text(p: &[Inline]) -> Option<&String> {
    match p.last()? {
        Inline::Text(t) => Some(t),
        _ => None,
    }
}

/// Rejoins paragraphs cut in two by a page break ("something of worth" / "to be gained").
fn rejoin(blocks: &mut Vec<(usize, Block)>, language: &str, report: &mut Report) {
    let evidence = Evidence::from_lines(
        blocks
            .iter()
            .map(|(_, b)| crate::document::block_text(b))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    )
    .with_language(language);
    let mut i = 0;
    while i + 1 < blocks.len() {
        let joinable = match (&blocks[i].1, &blocks[i + 1].1) {
            (Block::Paragraph(a), Block::Paragraph(b)) => {
                let at = plain_text(a);
                let bt = plain_text(b);
                let attribution = at.trim_start().starts_with(['—', '–', '―'])
                    || is_rights(&at)
                    || at.split_whitespace().count() <= 3;
                let heading = heads_code_paragraph(&at, &bt);
                let cut = !attribution
                    && (ends_hyphen(&at)
                        || (!ends_terminal(&at)
                            && !at.trim_end().ends_with([',', ';'])
                            && starts_lower(&bt)
                            && !heading));
                cut && last_text(a).is_some() && matches!(b.first(), Some(Inline::Text(_)))
            }
            _ => false,
        };
        if !joinable {
            i += 1;
            continue;
        }
        let (line_b, b) = blocks.remove(i + 1);
        let Block::Paragraph(mut b) = b else { continue };
        let (line_a, Block::Paragraph(a)) = &mut blocks[i] else {
            continue;
        };
        let Some(Inline::Text(first)) = b.first_mut() else {
            continue;
        };
        let Some(Inline::Text(last)) = a.last_mut() else {
            continue;
        };
        if ends_hyphen(last) {
            let left = last
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .to_string();
            let right = first
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            let v = evidence.decide(&left, &right);
            if v.decision == Decision::Join {
                last.pop();
            }
            report.repaired(
                line_b,
                if v.decision == Decision::Join {
                    "hyphen joined"
                } else {
                    "hyphen kept"
                },
                hyphen::join(&left, &right, v.decision),
            );
            if v.weak {
                report.doubt(line_b, "hyphen", format!("{left}{right} ({})", v.reason));
            }
        } else {
            last.push(' ');
        }
        let rest = first.trim_start().to_string();
        last.push_str(&rest);
        a.extend(b.drain(1..));
        report.repaired(
            *line_a,
            "paragraph rejoined across a page break",
            format!("line {line_b}"),
        );
    }
}

/// A run of four or more one-line paragraphs ended by "—Name": a poem.
fn verse(blocks: &mut Vec<(usize, Block)>, report: &mut Report) {
    let short = |b: &Block| matches!(b, Block::Paragraph(p) if !p.contains(&Inline::LineBreak) && plain_text(p).chars().count() <= 120);
    let mut i = 0;
    while i < blocks.len() {
        let Some((_, Block::Paragraph(p))) = blocks.get(i) else {
            i += 1;
            continue;
        };
        let t = plain_text(p);
        let dashed = t.trim_start().starts_with(['—', '–', '―']);
        let Some(attr) = attribution(&t).filter(|_| dashed) else {
            i += 1;
            continue;
        };
        let mut start = i;
        while start > 0 && short(&blocks[start - 1].1) {
            start -= 1;
        }
        if i - start < 4 {
            i += 1;
            continue;
        }
        let line = blocks[start].0;
        let mut lines: Vec<Vec<Inline>> = blocks
            .drain(start..=i)
            .filter_map(|(_, b)| {
                if let Block::Paragraph(p) = b {
                    Some(p)
                } else {
                    None
                }
            })
            .collect();
        lines.pop();
        strip_enclosing_quotes(&mut lines);
        report.repaired(line, "verse set as verse", format!("{} lines", lines.len()));
        blocks.insert(
            start,
            (
                line,
                Block::Verse {
                    stanzas: vec![lines],
                    attribution: Some(vec![Inline::Text(attr)]),
                },
            ),
        );
        i = start + 1;
    }
}

/// Quotation marks around a whole poem go: the setting shows it is quoted.
fn strip_enclosing_quotes(lines: &mut [Vec<Inline>]) {
    let opens = matches!(lines.first().and_then(|l| l.first()), Some(Inline::Text(t)) if t.starts_with(['“', '”', '"']));
    let closes = matches!(lines.last().and_then(|l| l.last()), Some(Inline::Text(t)) if t.ends_with(['”', '"']));
    if !(opens && closes) {
        return;
    }
    if let Some(Inline::Text(t)) = lines.first_mut().and_then(|l| l.first_mut()) {
        t.remove(0);
    }
    if let Some(Inline::Text(t)) = lines.last_mut().and_then(|l| l.last_mut()) {
        t.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::markdown::parse;

    fn run(md: &str) -> Normalized {
        let mut r = Report::default();
        repair(parse(md).unwrap(), 1, None, "en", &mut r)
    }

    #[test]
    fn rejoins_cut_paragraphs_and_words() {
        let n = run("# T\n\nA radical African American cul-\n\ntural organization was there. It had something of worth\n\nto be gained.\n");
        assert_eq!(n.blocks, vec![Block::Paragraph(vec![Inline::Text("A radical African American cultural organization was there. It had something of worth to be gained.".into())])]);
    }

    #[test]
    fn drops_contents_and_bold_in_headings() {
        let n = run(
            "# T\n\nby M.\n\n# Contents\n\nOne . . . .\t3\nTwo . . .\t5\n\n## **One**\n\nText.\n",
        );
        assert_eq!(n.found.authors, vec!["M."]);
        assert_eq!(
            n.blocks[0],
            Block::heading(1, vec![Inline::Text("One".into())])
        );
        assert_eq!(n.blocks.len(), 2);
    }

    #[test]
    fn a_first_heading_other_than_the_given_title_stays() {
        let mut r = Report::default();
        let n = repair(
            parse("# Primer encabezado\n\nTexto.\n").unwrap(),
            1,
            Some("Guía"),
            "en",
            &mut r,
        );
        assert_eq!(
            n.blocks[0],
            Block::heading(1, vec![Inline::Text("Primer encabezado".into())])
        );
        assert_eq!(n.found.title, None);
        let n = repair(
            parse("# Guía!\n\nTexto.\n").unwrap(),
            1,
            Some("guía"),
            "en",
            &mut r,
        );
        assert_eq!(n.found.title.as_deref(), Some("Guía!"));
        assert_eq!(n.blocks.len(), 1);
    }

    #[test]
    fn poem_and_colophon() {
        let n = run("# A title\n\nA paragraph long enough not to be taken for a line of the poem that follows it, because it runs on for well over a hundred characters.\n\n”One line\n\nTwo line\n\nThree line\n\nFour line.”\n\n—Poet Name\n\nanti-copyright\n\nA title\n");
        assert_eq!(
            n.found.rights.as_deref(),
            Some("anti-copyright"),
            "{:?}",
            n.blocks
        );
        match &n.blocks[1] {
            Block::Verse {
                stanzas,
                attribution,
            } => {
                assert_eq!(stanzas[0].len(), 4);
                assert_eq!(stanzas[0][0], vec![Inline::Text("One line".into())]);
                assert_eq!(
                    attribution.as_ref().map(|a| plain_text(a)).as_deref(),
                    Some("Poet Name")
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(n.blocks.len(), 2);
    }
}
