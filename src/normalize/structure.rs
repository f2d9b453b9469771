//! Structure: paragraphs of repaired text to blocks. Title, subtitle and
//! byline at the top; headings (plain and numbered); lists; block quotes and
//! epigraphs; verse with its attribution; sign-offs; an author bio and a
//! colophon at the end.

use super::inline::{strip_markers, to_inlines, NOTE_END};
use super::lines::{
    ends_function_word, ends_terminal, label_named_under, names_next, starts_code_word,
    starts_upper, title_like, Layout, ParaKind,
};
use super::notes;
use super::{FoundMeta, Normalized, Report};
use crate::document::{AsideKind, Block, Note};
pub use credits::{attribution, byline, is_rights, is_salutation};
use credits::{bio_name, epigraph, split_attribution};
use headings::{
    heading_text, listed_under_colon, numbered_headings, sentence_heading, set_heading,
    wrapped_title,
};

/// A repaired paragraph of plain text, with markers (see `inline`).
#[derive(Debug, Clone)]
pub struct Item {
    pub line: usize,
    pub text: String,
    pub kind: ParaKind,
    /// Opens with a line set in capitals.
    pub leadin: bool,
    pub bullet: bool,
    /// Every line of it is set as a heading by a PDF's geometry (larger
    /// than the body, a few words, no sentence).
    pub set_as_heading: bool,
    /// Every line of it is a title a contents page listed.
    pub listed: bool,
    /// The lines of a verse paragraph.
    pub verse_lines: Vec<String>,
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn para(text: &str) -> Block {
    Block::Paragraph(to_inlines(text.trim()))
}

fn numbered(text: &str) -> Option<(u32, &str)> {
    let after = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let number = text.strip_suffix(after)?;
    let rest = after.strip_prefix(". ")?;
    if number.is_empty() || number.len() > 2 {
        return None;
    }
    Some((number.parse().ok()?, rest))
}

fn introduces_quote(text: &str, layout: Layout) -> bool {
    let t = strip_markers(text);
    let t = t.trim_end();
    t.ends_with(':')
        || (layout == Layout::PerLine && !ends_terminal(t))
        || (matches!(layout, Layout::Wrapped { .. }) && super::lines::introduces_speech(t))
}

fn fully_quoted(text: &str) -> Option<String> {
    let t = text.trim();
    let body = t.trim_end_matches(|c: char| {
        c == NOTE_END || c.is_ascii_digit() || c == super::inline::NOTE_START
    });
    let notes_tail = t.strip_prefix(body).unwrap_or_default();
    let inner = body.strip_prefix(['“', '"'])?;
    let inner = inner.strip_suffix(['”', '"'])?;
    if inner.contains(['“', '”']) {
        return None;
    }
    Some(format!("{inner}{notes_tail}"))
}

/// Builds blocks, notes and metadata from repaired paragraphs.
/// `foot`: the notes taken from the feet of the pages, referenced already.
pub fn build(
    mut items: Vec<Item>,
    layout: Layout,
    foot: Vec<notes::FoundNote>,
    report: &mut Report,
) -> Normalized {
    let mut texts: Vec<String> = items.iter().map(|i| i.text.clone()).collect();
    let lines: Vec<usize> = items.iter().map(|i| i.line).collect();
    let (found_notes, consumed) = notes::extract(&mut texts, &lines, foot, report);
    for (it, t) in items.iter_mut().zip(texts) {
        it.text = t;
    }
    for &i in consumed.iter().rev() {
        items.remove(i);
    }
    let notes: Vec<Note> = found_notes
        .iter()
        .map(|n| Note::para(n.number, to_inlines(&n.text)))
        .collect();

    let mut found = FoundMeta::default();
    let mut head: Vec<String> = Vec::new();
    let mut start = 0;
    let plain = |it: &Item| strip_markers(&it.text).trim().to_string();
    // A short text has its title over one paragraph, or more.
    if items.len() >= 2 && items[0].kind == ParaKind::Prose && !items[0].leadin && !items[0].bullet
    {
        let mut t = plain(&items[0]);
        if items.len() > 2 && wrapped_title(&t, &plain(&items[1])) {
            report.repaired(
                items[1].line,
                "title's last line joined to it",
                plain(&items[1]),
            );
            t = format!("{t} {}", plain(&items[1]));
            items.remove(1);
        }
        if t.chars().count() <= 150
            && words(&t) <= 20
            && !t.ends_with(['.', ':', ',', ';'])
            && byline(&t).is_none()
        {
            report.repaired(items[0].line, "title found", t.clone());
            found.title = Some(t.clone());
            head.push(t);
            start = 1;
            let s = plain(&items[1]);
            if items.len() > 2
                && words(&s) <= 15
                && s.chars().count() <= 110
                && (s.ends_with('?') || !ends_terminal(&s))
                && byline(&s).is_none()
                && !items[1].bullet
                // A heading a contents page lists is the first section's,
                // no subtitle.
                && !items[1].listed
            {
                report.repaired(items[1].line, "subtitle found", s.clone());
                found.subtitle = Some(s.clone());
                head.push(s);
                start = 2;
            }
        }
    }
    if let Some(it) = items.get(start) {
        if let Some(a) = byline(&plain(it)) {
            report.removed(it.line, "byline moved to metadata", &it.text);
            found.authors = a;
            head.push(plain(it));
            start += 1;
        }
    }
    let mut body: Vec<Item> = items.split_off(start);
    // The tail: a rights line, a repeated title block.
    let mut tail_end = body.len();
    while tail_end > 0 {
        let it = &body[tail_end - 1];
        let t = plain(it);
        if is_rights(&t) {
            found.rights = Some(t);
            report.removed(it.line, "rights line moved to metadata", &it.text);
        } else if head.iter().any(|h| h.eq_ignore_ascii_case(&t)) {
            report.removed(it.line, "repeated title block removed", &it.text);
        } else {
            break;
        }
        tail_end -= 1;
    }
    body.truncate(tail_end);
    // An author bio closing the text: "J. Malco is a …", maybe after a name line.
    let mut bio: Vec<Block> = Vec::new();
    if let Some(last) = body.last() {
        let t = plain(last);
        if let Some(name) = bio_name(&t) {
            let with_name = body.len() >= 2 && plain(&body[body.len() - 2]) == name;
            let n = if with_name { 2 } else { 1 };
            let first = body.len() - n;
            for it in body.drain(first..) {
                bio.push(para(&it.text));
            }
            report.repaired(
                lines_of(&bio, last_line(&items, &body)),
                "author bio set apart",
                name,
            );
        }
    }

    let heads = numbered_headings(&body);
    let (first_num, last_num) = (
        heads.first().copied().unwrap_or(usize::MAX),
        heads.last().copied().unwrap_or(0),
    );
    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let it = &body[i];
        let t = it.text.trim().to_string();
        let next_leadin = body.get(i + 1).is_some_and(|n| n.leadin);
        let prev_heading = matches!(blocks.last(), None | Some(Block::Heading { .. }));
        // Verse: consecutive verse paragraphs are stanzas.
        if it.kind == ParaKind::Verse {
            let mut stanzas = Vec::new();
            while i < body.len() && body[i].kind == ParaKind::Verse {
                stanzas.push(body[i].verse_lines.iter().map(|l| to_inlines(l)).collect());
                i += 1;
            }
            let attr = body
                .get(i)
                .filter(|n| n.kind == ParaKind::Prose && !n.leadin)
                .and_then(|n| attribution(&plain(n)));
            if attr.is_some() {
                i += 1;
            }
            report.repaired(
                it.line,
                "verse set as verse",
                format!("{} stanzas", stanzas.len()),
            );
            blocks.push(Block::Verse {
                stanzas,
                attribution: attr.map(|a| to_inlines(&a)),
            });
            continue;
        }
        if it.kind == ParaKind::Fragments {
            let (quote, attr) = split_attribution(&t);
            report.repaired(it.line, "broken-up quote rejoined", quote.clone());
            blocks.push(Block::Quote {
                blocks: vec![para(&quote)],
                attribution: attr.map(|a| to_inlines(&a)),
            });
            i += 1;
            continue;
        }
        if it.bullet {
            let mut items_out = Vec::new();
            while i < body.len() && body[i].bullet {
                items_out.push(to_inlines(body[i].text.trim()));
                i += 1;
            }
            report.repaired(
                it.line,
                "bulleted list",
                format!("{} items", items_out.len()),
            );
            blocks.push(Block::list(false, 1, items_out));
            continue;
        }
        if heads.contains(&i) {
            report.repaired(it.line, "numbered heading", t.clone());
            blocks.push(Block::heading(1, to_inlines(&t)));
            i += 1;
            continue;
        }
        // Consecutive "1. …", "2. …" paragraphs: a numbered list.
        if let Some((1, _)) = numbered(&t) {
            let mut n = 1;
            let mut items_out = Vec::new();
            while let Some((k, rest)) = body.get(i).and_then(|x| numbered(x.text.trim())) {
                if k != n {
                    break;
                }
                items_out.push(to_inlines(rest));
                n += 1;
                i += 1;
            }
            if items_out.len() >= 2 {
                report.repaired(
                    it.line,
                    "numbered list",
                    format!("{} items", items_out.len()),
                );
                blocks.push(Block::list(true, 1, items_out));
                continue;
            }
            i -= items_out.len();
        }
        // A signed closing: "With Care," / "A & B."
        if is_salutation(&t) && body.get(i + 1).is_some_and(|n| words(&plain(n)) <= 6) {
            report.repaired(it.line, "sign-off", t.clone());
            blocks.push(Block::SignOff(vec![
                to_inlines(&t),
                to_inlines(body[i + 1].text.trim()),
            ]));
            if i + 2 < body.len() {
                report.doubt(body[i + 2].line, "likely end of the essay", format!("the text continues after the sign-off at line {}; end it with end_after = \"{}\" in zinepress.toml", it.line, plain(&body[i + 1])));
            }
            i += 2;
            continue;
        }
        // An epigraph: a quotation with a dashed attribution, first in a section.
        if prev_heading && !it.leadin {
            if let Some((q, a)) = epigraph(&t) {
                report.repaired(it.line, "epigraph", a.clone());
                blocks.push(Block::Epigraph {
                    blocks: vec![para(&q)],
                    attribution: Some(to_inlines(&a)),
                });
                i += 1;
                continue;
            }
        }
        // A short "Further Reading:" line before a run of titles.
        if t.ends_with(':') && words(&t) <= 6 {
            let mut j = i + 1;
            while j < body.len()
                && body[j].kind == ParaKind::Prose
                && !body[j].leadin
                && plain(&body[j]).chars().count() <= 160
                && !plain(&body[j]).ends_with('.')
            {
                j += 1;
            }
            if j - i > 2 && (j == body.len() || heading_text(&body[j].text, layout, false)) {
                blocks.push(para(&t));
                let list: Vec<_> = body[i + 1..j]
                    .iter()
                    .map(|x| to_inlines(x.text.trim()))
                    .collect();
                report.repaired(
                    body[i + 1].line,
                    "list of titles",
                    format!("{} items", list.len()),
                );
                blocks.push(Block::list(false, 1, list));
                i = j;
                continue;
            }
        }
        // Quoted passages introduced by a colon (or "she wrote,").
        if introduces_quote(&t, layout) && i + 1 < body.len() {
            let mut quoted: Vec<Block> = Vec::new();
            let mut j = i + 1;
            match layout {
                Layout::PerLine => {
                    while let Some(q) = body
                        .get(j)
                        .filter(|x| x.kind == ParaKind::Prose && !x.bullet)
                        .and_then(|x| fully_quoted(&x.text))
                    {
                        quoted.push(para(&q));
                        j += 1;
                    }
                }
                Layout::Wrapped { .. } => {
                    let ends_note = |x: &Item| x.text.trim_end().ends_with(NOTE_END);
                    let limit = (i + 6).min(body.len());
                    let run = (i + 1..limit).take_while(|&k| {
                        body[k].kind == ParaKind::Prose
                            && !body[k].leadin
                            && !body[k].bullet
                            && !heading_text(&body[k].text, layout, false)
                    });
                    // The passage must show it is quoted: it closes on its
                    // citation's note, or it stands in quotation marks. A
                    // plain paragraph after a colon goes on with the text.
                    let cited = run.clone().find(|&k| ends_note(&body[k]));
                    let marked = fully_quoted(&body[i + 1].text);
                    let opens = run.clone().any(|k| k == i + 1);
                    match (cited, marked) {
                        (Some(last), _) if opens => {
                            for k in i + 1..=last {
                                quoted.push(para(&body[k].text));
                            }
                            j = last + 1;
                        }
                        (None, Some(inner)) if opens => {
                            quoted.push(para(&inner));
                            j = i + 2;
                        }
                        _ => {}
                    }
                }
            }
            if !quoted.is_empty() {
                blocks.push(para(&t));
                report.repaired(
                    body[i + 1].line,
                    "block quote",
                    format!("{} paragraphs", quoted.len()),
                );
                blocks.push(Block::Quote {
                    blocks: quoted,
                    attribution: None,
                });
                i = j;
                continue;
            }
        }
        let sentence_case = matches!(layout, Layout::Wrapped { .. })
            && !it.leadin
            && !it.bullet
            && it.kind == ParaKind::Prose
            && sentence_heading(&t, blocks.last(), body.get(i + 1));
        let under_colon = !set_heading(it) && listed_under_colon(blocks.last(), body.get(i + 1));
        if !it.leadin
            && !under_colon
            && (heading_text(&t, layout, next_leadin) || sentence_case || set_heading(it))
            && i + 1 < body.len()
        {
            let level = if i > first_num && i < last_num { 2 } else { 1 };
            report.repaired(it.line, "heading", strip_markers(&t));
            blocks.push(Block::heading(level, to_inlines(&t)));
            i += 1;
            continue;
        }
        blocks.push(para(&t));
        i += 1;
    }
    if !bio.is_empty() {
        blocks.push(Block::Aside {
            kind: AsideKind::Bio,
            blocks: bio,
        });
    }
    Normalized {
        blocks,
        notes,
        found,
        report: Report::default(),
    }
}

fn lines_of(_bio: &[Block], line: usize) -> usize {
    line
}

fn last_line(items: &[Item], body: &[Item]) -> usize {
    body.last().or(items.last()).map(|i| i.line).unwrap_or(0)
}

mod credits;
mod headings;

#[cfg(test)]
mod tests;
