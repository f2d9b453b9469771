//! Text repair: raw essay text (web pastes, PDF extractions, converted
//! Markdown) into clean blocks, with a report of every change and doubt.
//!
//! Plain text goes through `furniture` (page numbers, captions, running heads),
//! `lines` (layout and paragraphs), `hyphen` (line-end hyphens), `leadin`
//! (capitals openings), `notes` and `structure`; Markdown goes through
//! `mdrepair`; Muse is read as its markup says (`muse`), with no repair.
//! All end in `typography`.

pub(crate) mod dictionary;
mod enumerate;
mod footlines;
mod footnotes;
mod furniture;
mod hyphen;
mod inline;
mod leadin;
mod lines;
mod mdrepair;
mod measure;
mod muse;
mod notes;
mod pages;
mod paragraphs;
mod refsplit;
pub mod report;
mod structure;
mod text;
mod typography;

pub use report::{Repair, Report};

use crate::document::{Block, Note};
use crate::error::Error;
use crate::source::{markdown, Format, Source};

/// What the text says about itself (a title line, a byline).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FoundMeta {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub rights: Option<String>,
    /// A language tag the source states (Muse's `#lang`).
    pub language: Option<String>,
    /// Subjects the source states (Muse's `#SORTtopics`).
    pub subjects: Vec<String>,
    /// A description the source gives (Muse's `#teaser`).
    pub description: Option<String>,
    /// The publication date the source gives (Muse's `#pubdate`), as `YYYY[-MM[-DD]]`.
    pub date: Option<String>,
}

/// The repaired text.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub blocks: Vec<Block>,
    pub notes: Vec<Note>,
    pub found: FoundMeta,
    pub report: Report,
}

/// Repairs a source into blocks and notes, with the typography of the
/// language its front matter names (English when it names none).
pub fn normalize(source: &Source) -> Result<Normalized, Error> {
    let tag = source.front_matter.language.as_deref().unwrap_or("en");
    normalize_in(
        source,
        &crate::lang::Locales::built_in().resolve(tag).locale,
    )
}

/// Repairs a source into blocks and notes, with the typography of `locale`.
pub fn normalize_in(source: &Source, locale: &crate::lang::Locale) -> Result<Normalized, Error> {
    let mut report = Report::default();
    for (line, text) in &source.cut_lines {
        report.removed(*line, "cut by zinepress.toml", text);
    }
    if let Some(note) = &source.format_note {
        report.repaired(0, "format", note.clone());
    }
    let mut out = match source.format {
        Format::Text => dictionary::reading_ahead(&source.language, || {
            text::repair(
                &source.text,
                source.first_line,
                &source.geometry,
                &source.language,
                &mut report,
            )
        }),
        Format::Markdown => {
            let md =
                markdown::parse(&source.text).map_err(|m| Error::input(&source.path, None, m))?;
            dictionary::reading_ahead(&source.language, || {
                mdrepair::repair(
                    md,
                    source.first_line,
                    source.given_title.as_deref(),
                    &source.language,
                    &mut report,
                )
            })
        }
        Format::Muse => muse::read(&source.text, source.first_line, locale, &mut report),
    };
    typography::apply(&mut out.blocks, &mut out.notes, &mut report, locale);
    for field in [
        &mut out.found.title,
        &mut out.found.subtitle,
        &mut out.found.description,
    ] {
        if let Some(t) = field.as_mut() {
            *t = typography::typogrify_in(t, None, locale);
        }
    }
    for a in &mut out.found.authors {
        *a = typography::typogrify_in(a, None, locale);
    }
    report.merge(std::mem::take(&mut out.report));
    out.report = report;
    if out.notes.len() > MAX_NOTES {
        return Err(Error::input(
            &source.path,
            None,
            format!(
                "{} notes, over the limit of {MAX_NOTES}; is the notes block really notes?",
                out.notes.len()
            ),
        ));
    }
    Ok(out)
}

/// Most notes one essay may have.
pub const MAX_NOTES: usize = 10_000;
