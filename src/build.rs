//! Building zines: source → document → EPUB, reading PDF and imposed PDFs,
//! for many zines in parallel, incrementally, with atomic writes and a report.

pub mod cache;

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
use serde::{Deserialize, Serialize};
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
    /// Also write `SLUG.LAYOUT.pages.pdf`: each imposed layout's pages in reading order.
    pub proof: bool,
    /// Open each imposed PDF with a page showing the folding guide.
    pub guide_page: bool,
    /// Rebuild every zine, even those the cache says are up to date.
    pub force: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions { out: PathBuf::from("dist"), epub: true, pdf: true, layouts: None, jobs: None, proof: false, guide_page: false, force: false }
    }
}

/// What an imposed layout did with a zine's pages.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LayoutReport {
    pub layout: String,
    pub pages: usize,
    /// Pages after padding to the scheme's multiple.
    pub padded: usize,
    pub sheets: usize,
    /// 1-based positions of the blank pages in the padded sequence.
    pub blanks: Vec<usize>,
}

/// One file written.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// Not rebuilt: its inputs and outputs are as the last build left them.
    pub cached: bool,
    pub error: Option<String>,
    pub outputs: Vec<OutputReport>,
    pub warnings: Vec<String>,
    pub seconds: f64,
    /// Imposed layouts built, with their blank pages.
    pub layouts: Vec<LayoutReport>,
    /// Seconds spent in each stage: prepare (read + repair), images (find,
    /// decode, EPUB encoding), epub, typeset (with print images), pdf, impose.
    pub stages: BTreeMap<String, f64>,
}

/// The whole build's result.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub zines: Vec<ZineReport>,
    /// Zines rebuilt, not counting cached ones (same as `totals.built`).
    pub built: usize,
    pub cached: usize,
    pub failed: usize,
    pub seconds: f64,
    pub totals: Totals,
}

/// Counts over a build: `zines` = `built` + `cached` + `failed`.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub zines: usize,
    pub built: usize,
    pub cached: usize,
    pub failed: usize,
    pub seconds: f64,
}

/// Told about each zine as the build starts and finishes it (from worker threads).
pub trait Progress: Sync {
    fn started(&self, _job: &ZineJob) {}
    fn finished(&self, report: &ZineReport);
}

impl<F: Fn(&ZineReport) + Sync + ?Sized> Progress for F {
    fn finished(&self, report: &ZineReport) {
        self(report)
    }
}

/// The shard (1..=n) a slug belongs to: the first 8 bytes of the slug's
/// SHA-256, big-endian, modulo `n`, plus one. Stable across runs and machines.
pub fn shard_of(slug: &str, n: u32) -> u32 {
    let digest = Sha256::digest(slug.as_bytes());
    let first = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
    (first % u64::from(n.max(1))) as u32 + 1
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
    let source = Source::read_limited(&job.source_path, &job.entry, project.max_source_bytes())?;
    let normalized = normalize(&source)?;
    let mut report = normalized.report.clone();
    for w in &source.warnings {
        report.doubt(0, "decoding", format!("{}: {w}", job.source_path.display()));
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

/// The date written into a zine's outputs, never the clock: SOURCE_DATE_EPOCH
/// when set, else the time of the last git commit that touched the source,
/// else (no git, not in a repository, untracked) the source's modification time.
pub fn source_date(path: &Path) -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok()) {
        return epoch;
    }
    // The cache check and the metadata both ask: run git once per file.
    static DATES: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<PathBuf, i64>>> = std::sync::OnceLock::new();
    let dates = DATES.get_or_init(Default::default);
    if let Some(d) = dates.lock().unwrap_or_else(|e| e.into_inner()).get(path) {
        return *d;
    }
    let date = git_commit_time(path).unwrap_or_else(|| modified_time(path));
    dates.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_path_buf(), date);
    date
}

/// `git log -1 --format=%ct -- FILE`, run in the file's folder.
fn git_commit_time(path: &Path) -> Option<i64> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["log", "-1", "--format=%ct", "--"])
        .arg(path.file_name()?)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn modified_time(path: &Path) -> i64 {
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
        cached: false,
        error: None,
        outputs: Vec::new(),
        warnings: Vec::new(),
        seconds: 0.0,
        layouts: Vec::new(),
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
    let assets = timed(stages, "images", || Assets::load(project, &job.entry, &job.slug, &job.source_path, &doc, opts.pdf))?;
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
        check_page_count(project, job, &pages, READING_LAYOUT)?;
        files.push((format!("{}.pdf", job.slug), timed(stages, "pdf", || pdf::write_pages(&pages, &doc.meta, fonts))?));
        let (names, explicit) = match &opts.layouts {
            Some(names) => (names.clone(), true),
            None => (job.entry.layouts.clone().unwrap_or_else(|| project.default_layouts()), false),
        };
        for name in names {
            let layout: &Layout = project.layouts.get(&name).map_err(Error::Usage)?;
            let pages = timed(stages, "typeset", || typeset_with_assets(&doc, layout, &mut setter, &assets))?;
            check_page_count(project, job, &pages, &name)?;
            let Some(imp) = layout.impose.as_ref() else {
                files.push((format!("{}.{}.pdf", job.slug, name), timed(stages, "pdf", || pdf::write_pages(&pages, &doc.meta, fonts))?));
                continue;
            };
            match timed(stages, "impose", || impose::impose(pages.pages.len(), layout.page, imp, pages.has_back_cover)) {
                Ok(imposed) => {
                    let guide = timed(stages, "guide", || impose::guide::guide_png(&imposed, &name));
                    let guide_page = opts.guide_page.then_some(guide.as_slice());
                    let bytes = timed(stages, "pdf", || pdf::write_imposed(&pages, &imposed, &doc.meta, fonts, guide_page))?;
                    files.push((format!("{}.{}.pdf", job.slug, name), bytes));
                    files.push((format!("{}.{}.guide.png", job.slug, name), guide));
                    if opts.proof {
                        let proof = timed(stages, "pdf", || pdf::write_pages(&pages, &doc.meta, fonts))?;
                        files.push((format!("{}.{}.pages.pdf", job.slug, name), proof));
                    }
                    report.layouts.push(LayoutReport {
                        layout: name.clone(),
                        pages: imposed.pages,
                        padded: imposed.padded,
                        sheets: imposed.sheets,
                        blanks: imposed.blanks.iter().map(|b| b + 1).collect(),
                    });
                }
                Err(e) if !explicit => report.warnings.push(format!("layout {name} skipped: {e}")),
                Err(e) => anyhow::bail!("{}: layout {name}: {e}", job.entry.source),
            }
        }
    }
    std::fs::create_dir_all(&opts.out).with_context(|| format!("{}: cannot create the output folder", opts.out.display()))?;
    let files: Vec<(PathBuf, Vec<u8>)> = files.into_iter().map(|(name, bytes)| (opts.out.join(name), bytes)).collect();
    write_all_atomic(&files)?;
    for (path, bytes) in &files {
        report.outputs.push(OutputReport { path: path.to_string_lossy().into_owned(), bytes: bytes.len() as u64, sha256: sha256_hex(bytes) });
    }
    Ok(())
}

fn check_page_count(project: &Project, job: &ZineJob, pages: &crate::typeset::page::Typeset, layout: &str) -> Result<()> {
    let (n, max) = (pages.pages.len(), project.max_pages());
    if n > max {
        return Err(Error::input(
            &job.source_path,
            None,
            format!("makes {n} pages in layout {layout}, over the limit of {max}; split it into several zines or raise max_pages in zinepress.toml"),
        )
        .into());
    }
    Ok(())
}

/// The temporary name `path` is written under before it is renamed into place.
fn temp_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_all_atomic(&[(path.to_path_buf(), bytes.to_vec())])
}

/// Writes every file to its temporary name first and renames them all only
/// once all are written; on an error the temporary files are removed.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    if let Some((path, _)) = files.iter().find(|(p, _)| p.is_dir()) {
        anyhow::bail!("{}: a folder is in the way of the output file; move it away", path.display());
    }
    let temps: Vec<PathBuf> = files.iter().map(|(p, _)| temp_path(p)).collect();
    let remove_temps = |from: usize| temps[from..].iter().for_each(|t| drop(std::fs::remove_file(t)));
    for ((_, bytes), tmp) in files.iter().zip(&temps) {
        if let Err(e) = std::fs::write(tmp, bytes) {
            remove_temps(0);
            return Err(anyhow::anyhow!("{}: cannot write: {e}", tmp.display()));
        }
    }
    for (i, ((path, _), tmp)) in files.iter().zip(&temps).enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            remove_temps(i);
            return Err(anyhow::anyhow!("{}: cannot move the finished file into place: {e}", path.display()));
        }
    }
    Ok(())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds every job, in parallel, skipping those the cache in `opts.out`
/// says are up to date (unless `opts.force`), and updates the cache.
pub fn build_all(project: &Project, jobs: &[ZineJob], opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let start = Instant::now();
    let fonts = Fonts::load(Some(&project.fonts_dir()))?;
    let shared = cache::SharedInputs::new(project, &fonts);
    let old = cache::Cache::load(&opts.out);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.jobs.unwrap_or(0)).build().context("cannot start the worker threads")?;
    let results: Vec<(ZineReport, Option<String>)> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                progress.started(job);
                let zine_start = Instant::now();
                let inputs = cache::input_hash(project, job, opts, &shared);
                let fresh = inputs.as_deref().filter(|_| !opts.force).and_then(|h| old.fresh(&job.slug, h, &opts.out));
                let r = match fresh {
                    Some(entry) => cached_report(job, entry, opts, zine_start),
                    None => build_zine(project, &fonts, job, opts),
                };
                progress.finished(&r);
                (r, inputs)
            })
            .collect()
    });
    let mut new = old.clone();
    for (z, inputs) in &results {
        match inputs {
            Some(inputs) if z.ok => {
                let outputs = z
                    .outputs
                    .iter()
                    .map(|o| OutputReport { path: file_name(&o.path), ..o.clone() })
                    .collect();
                let entry = cache::CacheEntry { source: z.source.clone(), inputs: inputs.clone(), outputs, warnings: z.warnings.clone(), layouts: z.layouts.clone() };
                new.zines.insert(z.slug.clone(), entry);
            }
            _ => {
                new.zines.remove(&z.slug);
            }
        }
    }
    if opts.out.is_dir() {
        new.save(&opts.out)?;
    }
    let zines: Vec<ZineReport> = results.into_iter().map(|(z, _)| z).collect();
    let failed = zines.iter().filter(|z| !z.ok).count();
    let cached = zines.iter().filter(|z| z.cached).count();
    let built = zines.len() - failed - cached;
    let seconds = start.elapsed().as_secs_f64();
    let totals = Totals { zines: zines.len(), built, cached, failed, seconds };
    Ok(BuildReport { zines, built, cached, failed, seconds, totals })
}

/// The report of a zine the cache says is up to date.
fn cached_report(job: &ZineJob, entry: &cache::CacheEntry, opts: &BuildOptions, start: Instant) -> ZineReport {
    ZineReport {
        slug: job.slug.clone(),
        source: job.entry.source.clone(),
        ok: true,
        cached: true,
        error: None,
        outputs: entry
            .outputs
            .iter()
            .map(|o| OutputReport { path: opts.out.join(&o.path).to_string_lossy().into_owned(), ..o.clone() })
            .collect(),
        warnings: entry.warnings.clone(),
        seconds: start.elapsed().as_secs_f64(),
        layouts: entry.layouts.clone(),
        stages: BTreeMap::new(),
    }
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
