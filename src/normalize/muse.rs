//! Muse sources into the repaired-text form: the reader's blocks as they
//! are (no repair guesses at a structure the markup states), the directives
//! into metadata and a colophon, and the reader's warnings and left-out
//! lines into the report.

use super::typography::typogrify_in;
use super::{FoundMeta, Normalized, Report};
use crate::document::{plain_text, AsideKind, Block, Inline};
use crate::lang::Locale;
use crate::source::muse::{self, directives, Directive};

/// Directives used for the metadata and the colophon; any other is listed by `check`.
const USED: [&str; 12] = [
    "title",
    "subtitle",
    "author",
    "lang",
    "date",
    "pubdate",
    "source",
    "notes",
    "SORTauthors",
    "SORTtopics",
    "topics",
    "teaser",
];

/// The blocks, notes and metadata of a Muse text starting at file line `first_line`.
pub fn read(text: &str, first_line: usize, locale: &Locale, report: &mut Report) -> Normalized {
    let doc = muse::parse(text, first_line);
    for (line, message) in &doc.warnings {
        report.doubt(*line, "muse markup", message.clone());
    }
    for (line, class, text) in &doc.removed {
        report.removed(*line, class, text);
    }
    for (line, written, number) in &doc.renumbered {
        report.repaired(
            *line,
            "note numbered",
            format!("{written} is note {number}"),
        );
    }
    let mut found = FoundMeta::default();
    let mut colophon: Vec<(usize, Block)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    // #SORTauthors names the authors when #author does not.
    let mut sort_authors: Vec<String> = Vec::new();
    for d in &doc.directives {
        let Some(name) = USED.iter().find(|u| d.is(u)).copied() else {
            report.removed(
                d.line,
                "directive not used",
                &format!("#{} {}", d.name, d.value),
            );
            continue;
        };
        if seen.contains(&name) && !matches!(name, "SORTauthors" | "SORTtopics" | "topics") {
            report.doubt(
                d.line,
                "muse markup",
                format!("#{} is given again; this one is used", d.name),
            );
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
            "pubdate" => match publication_date(&plain) {
                Some(date) => found.date = Some(date),
                None => report.doubt(d.line, "muse markup", format!("#pubdate {plain} is not a date (like 2020-03-01); the EPUB has no publication date")),
            },
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
    typogrify_alts(&mut blocks, locale);
    if !colophon.is_empty() {
        colophon.sort_by_key(|(k, _)| *k);
        blocks.push(Block::Aside {
            kind: AsideKind::Colophon,
            blocks: colophon.into_iter().map(|(_, b)| b).collect(),
        });
    }
    Normalized {
        blocks,
        notes: doc.notes,
        found,
        report: Report::default(),
    }
}

/// Alt texts are not text runs: they get the typography their captions get
/// here, in the zine's language (a Markdown reader gives them its smart
/// punctuation).
fn typogrify_alts(blocks: &mut [Block], locale: &Locale) {
    use crate::document::walk::{each_inline_mut, each_run_mut};
    each_run_mut(blocks, &mut |run| {
        each_inline_mut(run, &mut |inline| {
            if let Inline::Image { alt, .. } = inline {
                *alt = typogrify_in(alt, None, locale);
            }
        })
    });
    for b in blocks {
        match b {
            Block::Image { alt, .. } => *alt = typogrify_in(alt, None, locale),
            Block::Quote { blocks, .. }
            | Block::Aligned { blocks, .. }
            | Block::Hanging { blocks, .. }
            | Block::Aside { blocks, .. }
            | Block::Epigraph { blocks, .. } => typogrify_alts(blocks, locale),
            Block::List(list) => list
                .items
                .iter_mut()
                .for_each(|item| typogrify_alts(&mut item.blocks, locale)),
            _ => {}
        }
    }
}

/// `#lang`: a language tag (letters, digits and hyphens), else a doubt.
fn language(d: &Directive, value: &str, found: &mut FoundMeta, report: &mut Report) {
    if crate::source::muse::is_language_tag(value) {
        found.language = Some(value.to_string());
    } else {
        report.doubt(d.line, "muse markup", format!("#lang {value} is not a language tag (like en or pt-BR); the project's language is used"));
    }
}

/// `#pubdate`'s date as the EPUB's `dc:date` takes it: `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`, from a value that may go on with a time
/// (`2020-03-01T00:00:00`, amusewiki's form) or a space and a time.
fn publication_date(value: &str) -> Option<String> {
    let date = value.split(['T', ' ']).next()?;
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&number(m)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&number(m))
                && (1..=31).contains(&number(d))
        }
        _ => false,
    };
    ok.then(|| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_dates_keep_their_date_part() {
        assert_eq!(
            publication_date("2020-03-01T00:00:00").as_deref(),
            Some("2020-03-01")
        );
        assert_eq!(
            publication_date("2014-06-28 12:00").as_deref(),
            Some("2014-06-28")
        );
        assert_eq!(publication_date("1999-12").as_deref(), Some("1999-12"));
        assert_eq!(publication_date("1893").as_deref(), Some("1893"));
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for bad in [
            "spring 2019",
            "2020-13-01",
            "2020-02-32",
            "20-03-01",
            "2020/03/01",
            "",
        ] {
            assert_eq!(publication_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn pubdate_gives_the_date_and_a_bad_one_a_doubt() {
        let mut report = Report::default();
        let n = read(
            "#title T\n#pubdate 2020-03-01T00:00:00\n\nText.\n",
            1,
            &Locale::english(),
            &mut report,
        );
        assert_eq!(n.found.date.as_deref(), Some("2020-03-01"));
        assert!(
            report.removed.is_empty() && report.doubts.is_empty(),
            "{report:?}"
        );
        let mut report = Report::default();
        let n = read(
            "#title T\n#pubdate last spring\n\nText.\n",
            1,
            &Locale::english(),
            &mut report,
        );
        assert_eq!(n.found.date, None);
        assert!(report.doubts.iter().any(|d| d.line == 2), "{report:?}");
    }
}
