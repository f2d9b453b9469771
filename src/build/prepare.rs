//! A zine's document: its source read, repaired in its language, and given
//! its metadata from zinepress.toml, front matter or the text itself.

use super::notices;
use super::{source_date, ZineJob};
use crate::document::{Document, Metadata};
use crate::normalize::{normalize_in, Report};
use crate::project::Project;
use crate::source::Source;
use anyhow::Result;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Zines of the running batch not repaired yet: once none is left, the
/// dictionaries' parsed words are dropped before the typesetting peaks.
static TO_REPAIR: AtomicUsize = AtomicUsize::new(0);

/// A batch of `zines` begins (each of them will be repaired or found up to date).
pub(super) fn batch_starts(zines: usize) {
    TO_REPAIR.store(zines, Ordering::SeqCst);
}

/// One zine of the batch was repaired, failed before it, or was up to date;
/// the last one releases the dictionaries. Outside a batch, nothing happens.
pub(super) fn repaired() {
    let before = TO_REPAIR.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
    if before == Ok(1) {
        crate::normalize::dictionary::release();
    }
}

/// Reads, repairs and assembles the document of a zine.
pub fn prepare(project: &Project, job: &ZineJob) -> Result<(Document, Report)> {
    prepare_source(project, job, read_source(project, job)?)
}

/// A zine's source, read (within the project's size limit) and parsed.
pub fn read_source(project: &Project, job: &ZineJob) -> Result<Source> {
    Ok(Source::read_limited(
        &job.source_path,
        &job.entry,
        project.max_source_bytes(),
    )?)
}

/// [`prepare`] of a source already read by [`read_source`].
pub fn prepare_source(
    project: &Project,
    job: &ZineJob,
    mut source: Source,
) -> Result<(Document, Report)> {
    let language = zine_language(project, job, &source);
    // The repair's word lists follow the zine's language, the project's when the source names none.
    source.language = language.clone();
    let resolved = project.locales.resolve(&language);
    let normalized = normalize_in(&source, &resolved.locale)?;
    let mut report = normalized.report.clone();
    if let Some(w) = resolved.warning {
        report.doubt(0, "language", w);
    }
    for w in &source.warnings {
        report.doubt(
            0,
            notices::DECODING,
            format!("{}: {w}", job.source_path.display()),
        );
    }
    let meta = metadata(project, job, &source, &normalized.found);
    let doc = Document {
        meta,
        blocks: normalized.blocks,
        notes: normalized.notes,
    };
    Ok((doc, report))
}

/// Metadata from zinepress.toml first, then front matter, then the text itself
/// (a Muse file's directives).
fn metadata(
    project: &Project,
    job: &ZineJob,
    source: &Source,
    found: &crate::normalize::FoundMeta,
) -> Metadata {
    let e = &job.entry;
    let fm = &source.front_matter;
    let title = e
        .title
        .clone()
        .or_else(|| fm.title.clone())
        .or_else(|| found.title.clone())
        .unwrap_or_else(|| title_from_slug(&job.slug));
    let authors = e
        .authors
        .clone()
        .or_else(|| (!fm.authors.is_empty()).then(|| fm.authors.clone()))
        .or_else(|| (!found.authors.is_empty()).then(|| found.authors.clone()))
        .or_else(|| project.config.project.authors.clone())
        .unwrap_or_default();
    let identifier = e.identifier.clone().unwrap_or_else(|| {
        format!(
            "urn:uuid:{}",
            uuid::Uuid::new_v5(
                &uuid::Uuid::NAMESPACE_URL,
                format!("zinepress:{}", job.slug).as_bytes()
            )
        )
    });
    Metadata {
        title,
        subtitle: e
            .subtitle
            .clone()
            .or_else(|| fm.subtitle.clone())
            .or_else(|| found.subtitle.clone()),
        authors,
        language: zine_language(project, job, source),
        identifier,
        slug: job.slug.clone(),
        description: e.description.clone().or_else(|| found.description.clone()),
        subjects: if e.subjects.is_empty() {
            found.subjects.clone()
        } else {
            e.subjects.clone()
        },
        rights: e
            .rights
            .clone()
            .or_else(|| found.rights.clone())
            .or_else(|| project.config.project.rights.clone()),
        source: Some(
            Path::new(&e.source)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
        modified: source_date(&job.source_path),
        date: found.date.clone(),
    }
}

/// The zine's language: its zinepress.toml table's, else its front matter's, else the project's.
fn zine_language(project: &Project, job: &ZineJob, source: &Source) -> String {
    job.entry
        .language
        .clone()
        .or_else(|| source.front_matter.language.clone())
        .unwrap_or_else(|| project.language())
}

fn title_from_slug(slug: &str) -> String {
    let t = slug.replace('-', " ");
    let mut chars = t.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => t,
    }
}
