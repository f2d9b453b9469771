//! Muse sources into the repaired-text form: the reader's blocks as they
//! are (no repair guesses at a structure the markup states), the directives
//! into metadata and a colophon, and the reader's warnings and left-out
//! lines into the report.

use super::typography::typogrify;
use super::{FoundMeta, Normalized, Report};
use crate::document::{plain_text, AsideKind, Block, Inline};
use crate::source::muse::{self, directives, Directive};

/// Directives used for the metadata and the colophon; any other is listed by `check`.
const USED: [&str; 11] = ["title", "subtitle", "author", "lang", "date", "source", "notes", "SORTauthors", "SORTtopics", "topics", "teaser"];

/// The blocks, notes and metadata of a Muse text starting at file line `first_line`.
pub fn read(text: &str, first_line: usize, report: &mut Report) -> Normalized {
    let doc = muse::parse(text, first_line);
    for (line, message) in &doc.warnings {
        report.doubt(*line, "muse markup", message.clone());
    }
    for (line, class, text) in &doc.removed {
        report.removed(*line, class, text);
    }
    for (line, written, number) in &doc.renumbered {
        report.repaired(*line, "note numbered", format!("{written} is note {number}"));
    }
    let mut found = FoundMeta::default();
    let mut colophon: Vec<(usize, Block)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    // #SORTauthors names the authors when #author does not.
    let mut sort_authors: Vec<String> = Vec::new();
    for d in &doc.directives {
        let Some(name) = USED.iter().find(|u| d.is(u)).copied() else {
            report.removed(d.line, "directive not used", &format!("#{} {}", d.name, d.value));
            continue;
        };
        if seen.contains(&name) && !matches!(name, "SORTauthors" | "SORTtopics" | "topics") {
            report.doubt(d.line, "muse markup", format!("#{} is given again; this one is used", d.name));
        }
        seen.push(name);
        let (content, warnings) = muse::directive_inlines(&d.value, d.line);
        for (line, message) in warnings {
            report.doubt(line, "muse markup", message);
        }
        let plain = plain_text(&content).trim().to_string();
        if plain.is_empty() {
            continue;
        }
        match name {
            "title" => found.title = Some(plain),
            "subtitle" => found.subtitle = Some(plain),
            "author" => found.authors = vec![plain],
            "lang" => language(d, &plain, &mut found, report),
            "SORTauthors" => {
                sort_authors = directives::list(&plain);
                found.subjects.extend(sort_authors.iter().cloned());
            }
            "SORTtopics" | "topics" => found.subjects.extend(directives::list(&plain)),
            "teaser" => found.description = Some(plain),
            // #date, #notes and #source: the colophon after the text, in that order.
            _ => colophon.push((["date", "notes", "source"].iter().position(|n| *n == name).unwrap_or(3), Block::Paragraph(content))),
        }
    }
    if found.authors.is_empty() {
        found.authors = sort_authors;
    }
    let mut subjects = Vec::new();
    for s in std::mem::take(&mut found.subjects) {
        if !subjects.contains(&s) {
            subjects.push(s);
        }
    }
    found.subjects = subjects;
    let mut blocks = doc.blocks;
    typogrify_alts(&mut blocks);
    if !colophon.is_empty() {
        colophon.sort_by_key(|(k, _)| *k);
        blocks.push(Block::Aside { kind: AsideKind::Colophon, blocks: colophon.into_iter().map(|(_, b)| b).collect() });
    }
    Normalized { blocks, notes: doc.notes, found, report: Report::default() }
}

/// Alt texts are not text runs: they get the typography their captions get
/// here (a Markdown reader gives them its smart punctuation).
fn typogrify_alts(blocks: &mut [Block]) {
    fn inlines(run: &mut [Inline]) {
        for i in run {
            match i {
                Inline::Image { alt, .. } => *alt = typogrify(alt),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) | Inline::Superscript(c) | Inline::Subscript(c) | Inline::Underline(c) | Inline::SmallCaps(c) => inlines(c),
                Inline::Link { content, .. } => inlines(content),
                _ => {}
            }
        }
    }
    crate::document::walk::each_run_mut(blocks, &mut |run| inlines(run));
    for b in blocks {
        match b {
            Block::Image { alt, .. } => *alt = typogrify(alt),
            Block::Quote { blocks, .. } | Block::Aligned { blocks, .. } | Block::Hanging { blocks, .. } | Block::Aside { blocks, .. } | Block::Epigraph { blocks, .. } => typogrify_alts(blocks),
            Block::List(list) => list.items.iter_mut().for_each(|item| typogrify_alts(&mut item.blocks)),
            _ => {}
        }
    }
}

/// `#lang`: a language tag (letters, digits and hyphens), else a doubt.
fn language(d: &Directive, value: &str, found: &mut FoundMeta, report: &mut Report) {
    let ok = value.len() <= 35 && value.split('-').all(|part| !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok {
        found.language = Some(value.to_string());
    } else {
        report.doubt(d.line, "muse markup", format!("#lang {value} is not a language tag (like en or pt-BR); the project's language is used"));
    }
}
