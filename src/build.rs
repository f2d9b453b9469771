//! Building zines: source → document → EPUB, reading PDF and imposed PDFs,
//! for many zines in parallel, with atomic writes and a report.

use crate::cover::{Assets, EpubImages};
use crate::document::{Document, Metadata};
use crate::epub::{write_epub, EpubOptions};
use crate::error::Error;
use crate::layout::{Layout, READING_LAYOUT};
use crate::normalize::{normalize, Report};
use crate::project::{slug_for, Project, ZineEntry};
use crate::source::Source;
use crate::typeset::{fonts::Fonts, paragraph::Setter, typeset_with_assets};
use crate::{impose, pdf};
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub out: PathBuf,
    pub epub: bool,
    pub pdf: bool,
    /// Imposed layouts asked for by name; `None` uses the zine's or project's.
    pub layouts: Option<Vec<String>>,
    pub jobs: Option<usize>,
}

/// One file written.
#[derive(Debug, Clone, Serialize)]
pub struct OutputReport {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// One zine's result.
#[derive(Debug, Clone, Serialize)]
pub struct ZineReport {
    pub slug: String,
    pub source: String,
    pub ok: bool,
    pub error: Option<String>,
    pub outputs: Vec<OutputReport>,
    pub warnings: Vec<String>,
    pub seconds: f64,
    /// Seconds spent in each stage: prepare (read + repair), images (find,
    /// decode, EPUB encoding), epub, typeset (with print images), pdf, impose.
    pub stages: BTreeMap<String, f64>,
}

/// The whole build's result.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub zines: Vec<ZineReport>,
    pub built: usize,
    pub failed: usize,
    pub seconds: f64,
}

/// A zine ready to build: its entry and where its source is.
#[derive(Debug, Clone)]
pub struct ZineJob {
    pub entry: ZineEntry,
    pub source_path: PathBuf,
    pub slug: String,
}

impl ZineJob {
    pub fn new(project: &Project, entry: ZineEntry) -> ZineJob {
        let source_path = project.source_path(&entry);
        let slug = slug_for(&entry);
        ZineJob { entry, source_path, slug }
    }
}

/// Reads, repairs and assembles the document of a zine.
pub fn prepare(project: &Project, job: &ZineJob) -> Result<(Document, Report)> {
    let source = Source::read(&job.source_path, &job.entry)?;
    let normalized = normalize(&source)?;
    let mut report = normalized.report.clone();
    for w in &source.warnings {
        report.doubt(0, "decoding", w.clone());
    }
    let meta = metadata(project, job, &source, &normalized.found);
    let doc = Document { meta, blocks: normalized.blocks, notes: normalized.notes };
    Ok((doc, report))
}

/// Metadata from zinepress.toml first, then front matter, then the text itself.
fn metadata(project: &Project, job: &ZineJob, source: &Source, found: &crate::normalize::FoundMeta) -> Metadata {
    let e = &job.entry;
    let fm = &source.front_matter;
    let title = e.title.clone().or_else(|| fm.title.clone()).or_else(|| found.title.clone()).unwrap_or_else(|| title_from_slug(&job.slug));
    let authors = e
        .authors
        .clone()
        .or_else(|| (!fm.authors.is_empty()).then(|| fm.authors.clone()))
        .or_else(|| (!found.authors.is_empty()).then(|| found.authors.clone()))
        .or_else(|| project.config.project.authors.clone())
        .unwrap_or_default();
    let identifier = e.identifier.clone().unwrap_or_else(|| {
        format!("urn:uuid:{}", uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("zinepress:{}", job.slug).as_bytes()))
    });
    Metadata {
        title,
        subtitle: e.subtitle.clone().or_else(|| fm.subtitle.clone()).or_else(|| found.subtitle.clone()),
        authors,
        language: e.language.clone().or_else(|| fm.language.clone()).unwrap_or_else(|| project.language()),
        identifier,
        slug: job.slug.clone(),
        description: e.description.clone(),
        subjects: e.subjects.clone(),
        rights: e.rights.clone().or_else(|| found.rights.clone()).or_else(|| project.config.project.rights.clone()),
        source: Some(Path::new(&e.source).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()),
        modified: source_date(&job.source_path),
    }
}

fn title_from_slug(slug: &str) -> String {
    let mut t: String = slug.replace('-', " ");
    if let Some(first) = t.get(0..1) {
        t = first.to_uppercase() + &t[1..];
    }
    t
}

/// SOURCE_DATE_EPOCH when set, else the source's modification time.
pub fn source_date(path: &Path) -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok()) {
        return epoch;
    }
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Builds one zine into `opts.out`.
pub fn build_zine(project: &Project, fonts: &Fonts, job: &ZineJob, opts: &BuildOptions) -> ZineReport {
    let start = Instant::now();
    let mut report = ZineReport {
        slug: job.slug.clone(),
        source: job.entry.source.clone(),
        ok: true,
        error: None,
        outputs: Vec::new(),
        warnings: Vec::new(),
        seconds: 0.0,
        stages: BTreeMap::new(),
    };
    if let Err(e) = build_zine_inner(project, fonts, job, opts, &mut report) {
        report.ok = false;
        report.error = Some(format!("{e:#}"));
    }
    report.seconds = start.elapsed().as_secs_f64();
    report
}

/// Runs `f`, adding its time to the stage `name`.
fn timed<T>(stages: &mut BTreeMap<String, f64>, name: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    *stages.entry(name.to_string()).or_insert(0.0) += start.elapsed().as_secs_f64();
    out
}

fn build_zine_inner(project: &Project, fonts: &Fonts, job: &ZineJob, opts: &BuildOptions, report: &mut ZineReport) -> Result<()> {
    let stages = &mut report.stages;
    let (doc, repair) = timed(stages, "prepare", || prepare(project, job))?;
    report.warnings.extend(repair.warnings());
    let assets = timed(stages, "images", || Assets::load(project, &job.entry, &job.slug, &job.source_path, &doc))?;
    report.warnings.extend(assets.warnings.iter().cloned());
    // Render everything first, then write: a failing zine leaves no files.
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if opts.epub {
        let images = timed(stages, "images", || EpubImages::new(&assets))?;
        let epub_opts = EpubOptions { images, cover_alt: assets.cover_alt.clone(), ..Default::default() };
        let bytes = timed(stages, "epub", || write_epub(&doc, &epub_opts)).with_context(|| format!("{}: writing the EPUB", job.entry.source))?;
        files.push((format!("{}.epub", job.slug), bytes));
    }
    if opts.pdf {
        let reading = project.layouts.get(READING_LAYOUT).map_err(|m| Error::Usage(m))?;
        let mut setter = Setter::new(fonts, &doc.meta.language);
        let pages = timed(stages, "typeset", || typeset_with_assets(&doc, reading, &mut setter, &assets))?;
        files.push((format!("{}.pdf", job.slug), timed(stages, "pdf", || pdf::write_pages(&pages, &doc.meta, fonts))?));
        let (names, explicit) = match &opts.layouts {
            Some(names) => (names.clone(), true),
            None => (job.entry.layouts.clone().unwrap_or_else(|| project.default_layouts()), false),
        };
        for name in names {
            let layout: &Layout = project.layouts.get(&name).map_err(Error::Usage)?;
            let pages = timed(stages, "typeset", || typeset_with_assets(&doc, layout, &mut setter, &assets))?;
            let Some(imp) = layout.impose.as_ref() else {
                files.push((format!("{}.{}.pdf", job.slug, name), timed(stages, "pdf", || pdf::write_pages(&pages, &doc.meta, fonts))?));
                continue;
            };
            match timed(stages, "impose", || impose::impose(pages.pages.len(), layout.page, imp, pages.has_back_cover)) {
                Ok(imposed) => {
                    let bytes = timed(stages, "pdf", || pdf::write_imposed(&pages, &imposed, &doc.meta, fonts))?;
                    files.push((format!("{}.{}.pdf", job.slug, name), bytes));
                    files.push((format!("{}.{}.guide.png", job.slug, name), timed(stages, "guide", || impose::guide::guide_png(&imposed, &name))));
                }
                Err(e) if !explicit => report.warnings.push(format!("layout {name} skipped: {e}")),
                Err(e) => anyhow::bail!("{}: layout {name}: {e}", job.entry.source),
            }
        }
    }
    std::fs::create_dir_all(&opts.out).with_context(|| format!("{}: cannot create the output folder", opts.out.display()))?;
    for (name, bytes) in files {
        let path = opts.out.join(&name);
        write_atomic(&path, &bytes)?;
        report.outputs.push(OutputReport { path: path.to_string_lossy().into_owned(), bytes: bytes.len() as u64, sha256: sha256_hex(&bytes) });
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        anyhow::anyhow!("{}: cannot move the finished file into place: {e}", path.display())
    })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds every job, in parallel.
pub fn build_all(project: &Project, jobs: &[ZineJob], opts: &BuildOptions, on_done: &(dyn Fn(&ZineReport) + Sync)) -> Result<BuildReport> {
    let start = Instant::now();
    let fonts = Fonts::load(Some(&project.fonts_dir()))?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.jobs.unwrap_or(0)).build().context("cannot start the worker threads")?;
    let zines: Vec<ZineReport> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let r = build_zine(project, &fonts, job, opts);
                on_done(&r);
                r
            })
            .collect()
    });
    let failed = zines.iter().filter(|z| !z.ok).count();
    Ok(BuildReport { built: zines.len() - failed, failed, zines, seconds: start.elapsed().as_secs_f64() })
}
