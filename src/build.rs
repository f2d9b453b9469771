//! Building zines: source → document → EPUB, reading PDF and imposed PDFs,
//! for many zines in parallel, incrementally, with atomic writes and a report.

mod atomic;
pub mod cache;
mod date;
mod isolate;
mod notices;
mod report;
mod scripts;

use atomic::write_all_atomic_then;
pub use atomic::{temp_suffix, write_all_atomic, write_atomic};
pub use date::source_date;
pub use report::{BuildReport, LayoutReport, OutputReport, Totals, ZineReport};

use crate::cover::{Assets, EpubImages};
use crate::document::{Document, Metadata};
use crate::epub::{write_epub, EpubOptions};
use crate::error::Error;
use crate::lang::Locale;
use crate::layout::{Layout, READING_LAYOUT};
use crate::normalize::{normalize_in, Report};
use crate::pagemap::PageMap;
use crate::preview::{self, Summary};
use crate::project::{slug_for, Project, ZineEntry};
use crate::source::Source;
use crate::typeset::paragraph::{Setter, WordCache};
use crate::typeset::{fonts::Fonts, typeset_with_assets};
use crate::{impose, pdf};
use anyhow::{Context, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
        BuildOptions {
            out: PathBuf::from("dist"),
            epub: true,
            pdf: true,
            layouts: None,
            jobs: None,
            proof: false,
            guide_page: false,
            force: false,
        }
    }
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
        ZineJob {
            entry,
            source_path,
            slug,
        }
    }
}

/// Reads, repairs and assembles the document of a zine.
pub fn prepare(project: &Project, job: &ZineJob) -> Result<(Document, Report)> {
    let mut source =
        Source::read_limited(&job.source_path, &job.entry, project.max_source_bytes())?;
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

/// Builds one zine into `opts.out`.
/// `fonts` is needed for the PDFs and for the EPUB's type-only cover.
pub fn build_zine(
    project: &Project,
    fonts: Option<&Fonts>,
    job: &ZineJob,
    opts: &BuildOptions,
) -> ZineReport {
    let start = Instant::now();
    let mut report = ZineReport {
        slug: job.slug.clone(),
        source: job.entry.source.clone(),
        ok: true,
        cached: false,
        error: None,
        outputs: Vec::new(),
        warnings: Vec::new(),
        notices: Vec::new(),
        seconds: 0.0,
        layouts: Vec::new(),
        stages: BTreeMap::new(),
        summary: None,
    };
    // A panic (a bug) fails this zine alone, as an error naming where it happened.
    if let Err(e) = isolate::isolate(|| build_zine_inner(project, fonts, job, opts, &mut report)) {
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

fn build_zine_inner(
    project: &Project,
    fonts: Option<&Fonts>,
    job: &ZineJob,
    opts: &BuildOptions,
    report: &mut ZineReport,
) -> Result<()> {
    let (doc, repair) = timed(&mut report.stages, "prepare", || prepare(project, job))?;
    report.warnings.extend(repair.warnings());
    report.notices = notices::notices(&job.source_path, &doc, &repair);
    report.summary = Some(Summary::new(&doc, &repair));
    let assets = timed(&mut report.stages, "images", || {
        Assets::load(
            project,
            &job.entry,
            &job.slug,
            &job.source_path,
            &doc,
            opts.pdf,
        )
    })?;
    report.warnings.extend(assets.warnings.iter().cloned());
    // The EPUB, the reading copy and each imposed layout are independent:
    // render them in parallel (an idle core takes a big zine's layouts), in a
    // fixed order, and write only once all succeeded: a failing zine leaves no files.
    let mut tasks: Vec<Output> = Vec::new();
    // The EPUB's page-list follows the reading PDF's pages: with a reading
    // PDF, the EPUB is written once its pages are known. An EPUB-only build
    // has no pages to follow, and its EPUB no page-list.
    let after_reading = opts.epub && opts.pdf && fonts.is_some();
    if opts.epub && !after_reading {
        tasks.push(Output::Epub);
    }
    if assets.cover.is_some() {
        tasks.push(Output::Cover);
    }
    let mut explicit = false;
    if let (true, Some(_)) = (opts.pdf, fonts) {
        tasks.push(Output::Reading);
        let names = match &opts.layouts {
            Some(names) => {
                explicit = true;
                names.clone()
            }
            None => job
                .entry
                .layouts
                .clone()
                .unwrap_or_else(|| project.default_layouts()),
        };
        tasks.extend(names.into_iter().map(Output::Layout));
    }
    let locale = Arc::new(project.locales.resolve(&doc.meta.language).locale);
    if let (true, Some(fonts)) = (opts.pdf, fonts) {
        // Every character against the fonts, before anything is typeset.
        let layouts: Vec<&Layout> = tasks
            .iter()
            .filter_map(|t| match t {
                Output::Reading => project.layouts.get(READING_LAYOUT).ok(),
                Output::Layout(name) => project.layouts.get(name).ok(),
                Output::Epub | Output::Cover => None,
            })
            .collect();
        report.warnings.extend(scripts::check_fonts(
            &job.source_path,
            &doc,
            fonts,
            &locale,
            &layouts,
        )?);
    }
    let ctx = RenderContext {
        project,
        fonts,
        job,
        opts,
        doc: &doc,
        assets: &assets,
        explicit,
        words: Arc::default(),
        locale,
    };
    // Each job isolated on its own thread, where the panic hook saw the location.
    let rendered: Vec<Result<Rendered>> = tasks
        .par_iter()
        .map(|task| isolate::isolate(|| ctx.render(task)))
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut page_map = None;
    for r in rendered {
        let r = r?;
        files.extend(r.files);
        page_map = page_map.or(r.page_map);
        if let (Some(summary), Some(pages)) = (report.summary.as_mut(), r.pages) {
            summary.pages = Some(pages);
        }
        report.layouts.extend(r.layout);
        report.warnings.extend(r.warning);
        for (stage, secs) in r.stages {
            *report.stages.entry(stage).or_insert(0.0) += secs;
        }
    }
    if after_reading {
        let epub = isolate::isolate(|| ctx.render_epub(page_map, &mut report.stages))?;
        files.insert(0, epub);
    }
    std::fs::create_dir_all(&opts.out)
        .with_context(|| format!("{}: cannot create the output folder", opts.out.display()))?;
    let files: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|(name, bytes)| (opts.out.join(name), bytes))
        .collect();
    write_all_atomic_then(&files, || isolate::panic_if_a_test_asks(&job.slug))?;
    for (path, bytes) in &files {
        report.outputs.push(OutputReport {
            path: path.to_string_lossy().into_owned(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        });
    }
    Ok(())
}

/// One independent output of a zine.
enum Output {
    Epub,
    /// A small picture of the cover for the preview page, `SLUG.cover.jpg` (or `.png`).
    Cover,
    /// The reading copy, `SLUG.pdf`.
    Reading,
    /// An imposed (or plain) layout by name.
    Layout(String),
}

/// What rendering one [`Output`] made.
#[derive(Default)]
struct Rendered {
    files: Vec<(String, Vec<u8>)>,
    layout: Option<LayoutReport>,
    warning: Option<String>,
    stages: BTreeMap<String, f64>,
    /// Pages of the reading copy.
    pages: Option<usize>,
    /// Where the reading copy's pages begin, for the EPUB's page-list.
    page_map: Option<PageMap>,
}

/// Everything rendering a zine's outputs reads.
struct RenderContext<'a> {
    project: &'a Project,
    fonts: Option<&'a Fonts>,
    job: &'a ZineJob,
    opts: &'a BuildOptions,
    doc: &'a Document,
    assets: &'a Assets,
    /// Layouts were named on the command line: one that cannot be imposed is an error, not a warning.
    explicit: bool,
    /// Words shaped and hyphenated for one layout, reused by the others.
    words: Arc<WordCache>,
    /// The zine's language data.
    locale: Arc<Locale>,
}

impl<'a> RenderContext<'a> {
    /// Typesets the zine in layout `name`, within the page limit.
    fn typeset(
        &self,
        name: &str,
        stages: &mut BTreeMap<String, f64>,
    ) -> Result<(&'a Fonts, &'a Layout, crate::typeset::page::Typeset)> {
        let fonts = self.fonts.context("the fonts are not loaded")?;
        let layout: &Layout = self.project.layouts.get(name).map_err(Error::Usage)?;
        let mut setter = Setter::with_locale(
            fonts,
            Arc::clone(&self.locale),
            &self.doc.meta.language,
            Arc::clone(&self.words),
        );
        let pages = timed(stages, "typeset", || {
            typeset_with_assets(self.doc, layout, &mut setter, self.assets)
        })?;
        check_page_count(self.project, self.job, &pages, name)?;
        Ok((fonts, layout, pages))
    }

    /// The EPUB, with page-break markers where `page_map` says.
    fn render_epub(
        &self,
        page_map: Option<PageMap>,
        stages: &mut BTreeMap<String, f64>,
    ) -> Result<(String, Vec<u8>)> {
        let mut images = timed(stages, "images", || EpubImages::new(self.assets))?;
        if images.cover.is_none() {
            // Without a cover image, the printed type-only cover, drawn.
            let fonts = self.fonts.context("the fonts are not loaded")?;
            let reading = self
                .project
                .layouts
                .get(READING_LAYOUT)
                .map_err(Error::Usage)?;
            images.cover = Some(timed(stages, "cover", || {
                crate::cover::type_only::epub_cover(self.doc, reading, fonts)
            })?);
        }
        let epub_opts = EpubOptions {
            images,
            cover_alt: self.assets.cover_alt.clone(),
            locale: Some(Arc::clone(&self.locale)),
            page_map,
            ..Default::default()
        };
        let bytes = timed(stages, "epub", || write_epub(self.doc, &epub_opts))
            .with_context(|| format!("{}: writing the EPUB", self.job.entry.source))?;
        Ok((format!("{}.epub", self.job.slug), bytes))
    }

    fn render(&self, task: &Output) -> Result<Rendered> {
        let mut out = Rendered::default();
        let (doc, job, stages) = (self.doc, self.job, &mut out.stages);
        match task {
            Output::Epub => out.files.push(self.render_epub(None, stages)?),
            Output::Cover => match self
                .assets
                .cover
                .as_deref()
                .map(|pic| timed(stages, "images", || preview::thumbnail(pic)))
            {
                Some(Ok(thumb)) => out.files.push((
                    format!("{}.cover.{}", job.slug, thumb.encoding.extension()),
                    thumb.data.to_vec(),
                )),
                Some(Err(e)) => {
                    out.warning = Some(format!("no cover picture for the preview page: {e:#}"))
                }
                None => {}
            },
            Output::Reading => {
                let (fonts, _, pages) = self.typeset(READING_LAYOUT, stages)?;
                out.pages = Some(pages.pages.len());
                let (pdf, warning) = timed(stages, "pdf", || {
                    pdf::write_pages_checked(&pages, &doc.meta, fonts)
                })?;
                out.files.push((format!("{}.pdf", job.slug), pdf));
                out.warning = warning;
                out.page_map = Some(PageMap::of(
                    &pages,
                    format!(
                        "{}.pdf (the reading PDF, layout {READING_LAYOUT})",
                        job.slug
                    ),
                ));
            }
            Output::Layout(name) => {
                let (fonts, layout, pages) = self.typeset(name, stages)?;
                let Some(imp) = layout.impose.as_ref() else {
                    out.files.push((
                        format!("{}.{}.pdf", job.slug, name),
                        timed(stages, "pdf", || pdf::write_pages(&pages, &doc.meta, fonts))?,
                    ));
                    return Ok(out);
                };
                match timed(stages, "impose", || {
                    impose::impose(
                        pages.pages.len(),
                        layout.page,
                        &imp.for_direction(self.locale.is_rtl()),
                        pages.has_back_cover,
                    )
                }) {
                    Ok(imposed) => {
                        let guide = timed(stages, "guide", || {
                            impose::guide::guide_png(&imposed, name, fonts, &self.locale)
                        })?;
                        let guide_page = self.opts.guide_page.then_some(guide.as_slice());
                        let bytes = timed(stages, "pdf", || {
                            pdf::write_imposed(&pages, &imposed, &doc.meta, fonts, guide_page)
                        })?;
                        out.files
                            .push((format!("{}.{}.pdf", job.slug, name), bytes));
                        out.files
                            .push((format!("{}.{}.guide.png", job.slug, name), guide));
                        if self.opts.proof {
                            let proof = timed(stages, "pdf", || {
                                pdf::write_pages(&pages, &doc.meta, fonts)
                            })?;
                            out.files
                                .push((format!("{}.{}.pages.pdf", job.slug, name), proof));
                        }
                        out.layout = Some(LayoutReport {
                            layout: name.clone(),
                            pages: imposed.pages,
                            padded: imposed.padded,
                            sheets: imposed.sheets,
                            blanks: imposed.blanks.iter().map(|b| b + 1).collect(),
                        });
                    }
                    Err(e) if !self.explicit => {
                        out.warning = Some(format!("layout {name} skipped: {e}"))
                    }
                    Err(e) => anyhow::bail!("{}: layout {name}: {e}", job.entry.source),
                }
            }
        }
        Ok(out)
    }
}

fn check_page_count(
    project: &Project,
    job: &ZineJob,
    pages: &crate::typeset::page::Typeset,
    layout: &str,
) -> Result<()> {
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

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Builds every job, in parallel, skipping those the cache in `opts.out`
/// says are up to date (unless `opts.force`), and updates the cache.
pub fn build_all(
    project: &Project,
    jobs: &[ZineJob],
    opts: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport> {
    let start = Instant::now();
    // Sources may have changed since an earlier build in this process (`watch`).
    date::forget();
    // The EPUB's type-only cover is set in the fonts too, so every build loads them.
    // git answers while the fonts load.
    let dates = date::prefetch(
        &jobs
            .iter()
            .map(|j| j.source_path.clone())
            .collect::<Vec<_>>(),
    );
    let fonts = if opts.pdf || opts.epub {
        Some(project.fonts()?)
    } else {
        None
    };
    let shared = cache::SharedInputs::new(project, fonts.as_ref());
    let old = cache::Cache::load(&opts.out);
    dates.finish();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .context("cannot start the worker threads")?;
    let results: Vec<(ZineReport, Option<String>)> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                progress.started(job);
                let zine_start = Instant::now();
                let inputs = cache::input_hash(project, job, opts, &shared);
                let fresh = inputs
                    .as_deref()
                    .filter(|_| !opts.force)
                    .and_then(|h| old.fresh(&job.slug, h, &opts.out));
                let r = match fresh {
                    Some(entry) => cached_report(job, entry, opts, zine_start),
                    None => {
                        let report = build_zine(project, fonts.as_ref(), job, opts);
                        release_free_memory();
                        report
                    }
                };
                progress.finished(&r);
                (r, inputs)
            })
            .collect()
    });
    // The old cache is not needed any more: update it in place.
    let mut new = old;
    for (z, inputs) in &results {
        match inputs {
            Some(inputs) if z.ok => {
                let outputs = z
                    .outputs
                    .iter()
                    .map(|o| OutputReport {
                        path: file_name(&o.path),
                        ..o.clone()
                    })
                    .collect();
                let entry = cache::CacheEntry {
                    source: z.source.clone(),
                    inputs: inputs.clone(),
                    outputs,
                    warnings: z.warnings.clone(),
                    notices: z.notices.clone(),
                    layouts: z.layouts.clone(),
                    summary: z.summary.clone(),
                    error: None,
                };
                new.zines.insert(z.slug.clone(), entry);
            }
            // Recorded as failed, never fresh, so it is tried again; what its
            // last good build left in place stays listed for the preview page.
            _ => preview::record_failure(&mut new, z),
        }
    }
    let mut preview = None;
    if opts.out.is_dir() {
        new.save(&opts.out)?;
        preview =
            preview::write(project, &opts.out, &new)?.map(|p| p.to_string_lossy().into_owned());
    }
    let zines: Vec<ZineReport> = results.into_iter().map(|(z, _)| z).collect();
    let failed = zines.iter().filter(|z| !z.ok).count();
    let cached = zines.iter().filter(|z| z.cached).count();
    let built = zines.len() - failed - cached;
    let seconds = start.elapsed().as_secs_f64();
    let totals = Totals {
        zines: zines.len(),
        built,
        cached,
        failed,
        seconds,
    };
    let allow_paths = project.config.project.allow_paths.clone();
    Ok(BuildReport {
        zines,
        built,
        cached,
        failed,
        seconds,
        totals,
        allow_paths,
        preview,
    })
}

/// Hands heap memory freed by finished zines back to the system once enough
/// of it piles up. glibc keeps the holes a zine's large buffers (PDFs, pages,
/// images) leave between longer-lived allocations, and without this a batch
/// of a thousand zines grows by tens of megabytes.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_free_memory() {
    /// glibc's `struct mallinfo2`: ten `size_t` counters.
    #[repr(C)]
    struct MallInfo2 {
        arena: usize,
        ordblks: usize,
        smblks: usize,
        hblks: usize,
        hblkhd: usize,
        usmblks: usize,
        fsmblks: usize,
        uordblks: usize,
        fordblks: usize,
        keepcost: usize,
    }
    extern "C" {
        fn mallinfo2() -> MallInfo2;
        fn malloc_trim(pad: usize) -> std::os::raw::c_int;
    }
    const PILED_UP: usize = 8 << 20;
    // SAFETY: both only read or return the allocator's own free pages; they
    // are thread-safe and take no pointers.
    unsafe {
        if mallinfo2().fordblks > PILED_UP {
            malloc_trim(0);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_free_memory() {}

/// The report of a zine the cache says is up to date.
fn cached_report(
    job: &ZineJob,
    entry: &cache::CacheEntry,
    opts: &BuildOptions,
    start: Instant,
) -> ZineReport {
    ZineReport {
        slug: job.slug.clone(),
        source: job.entry.source.clone(),
        ok: true,
        cached: true,
        error: None,
        outputs: entry
            .outputs
            .iter()
            .map(|o| OutputReport {
                path: opts.out.join(&o.path).to_string_lossy().into_owned(),
                ..o.clone()
            })
            .collect(),
        warnings: entry.warnings.clone(),
        notices: entry.notices.clone(),
        seconds: start.elapsed().as_secs_f64(),
        layouts: entry.layouts.clone(),
        stages: BTreeMap::new(),
        summary: entry.summary.clone(),
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
