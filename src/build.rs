//! Building zines: source → document → EPUB, reading PDF and imposed PDFs,
//! for many zines in parallel, incrementally, with atomic writes and a report.

mod atomic;
pub mod cache;
mod date;
mod fonts;
pub(crate) mod isolate;
pub mod notices;
mod prepare;
mod render;
mod report;
mod scripts;

use atomic::write_all_atomic_then;
pub use atomic::{temp_suffix, write_all_atomic, write_atomic};
pub use date::source_date;
use fonts::BuildFonts;
pub use prepare::prepare;
use render::{GuideMemo, Output, RenderContext, Rendered};
pub use report::{BuildReport, LayoutReport, OutputReport, Totals, ZineReport};

use crate::cover::Assets;
use crate::layout::{Layout, READING_LAYOUT};
use crate::preview::{self, Summary};
use crate::project::{slug_for, Project, ZineEntry};
use crate::source::Source;
use crate::typeset::fonts::Fonts;
use anyhow::{Context, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
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
    /// Report each output's SHA-256 (`zinepress build --json` asks for it);
    /// without it the report's `sha256` is left empty.
    pub sha256: bool,
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
            sha256: true,
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

/// Builds one zine into `opts.out`.
/// `fonts` is needed for the PDFs and for the EPUB's type-only cover.
pub fn build_zine(
    project: &Project,
    fonts: Option<&Fonts>,
    job: &ZineJob,
    opts: &BuildOptions,
) -> ZineReport {
    build_zine_in(
        project,
        &BuildFonts::given(fonts),
        job,
        opts,
        &GuideMemo::default(),
        None,
    )
}

/// [`build_zine`], with the folding guides already drawn in this build.
/// `parsed` is the source as the input hash parsed it, with its length.
fn build_zine_in(
    project: &Project,
    fonts: &BuildFonts,
    job: &ZineJob,
    opts: &BuildOptions,
    guides: &GuideMemo,
    parsed: Option<(usize, Source)>,
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
        fonts_used: false,
    };
    // A panic (a bug) fails this zine alone, as an error naming where it happened.
    if let Err(e) = isolate::isolate(|| {
        build_zine_inner(project, fonts, job, opts, guides, parsed, &mut report)
    }) {
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
    fonts: &BuildFonts,
    job: &ZineJob,
    opts: &BuildOptions,
    guides: &GuideMemo,
    parsed: Option<(usize, Source)>,
    report: &mut ZineReport,
) -> Result<()> {
    // The cover needs no document: it is read and decoded while the source
    // is repaired, on the other core when one is free. Where every PDF prints
    // in color, a cover shown as stored (a JPEG, or a flat PNG's samples) needs
    // no pixels: it is then decoded only if a print image asks for them.
    let (names, explicit) = render::layout_names(project, job, opts);
    let decode = opts.pdf && !render::in_color_only(project, &names);
    let mut cover_stages = BTreeMap::new();
    // Read and parsed once, for the repair and for the cover (its front
    // matter may name one, and the figures' line numbers come from it): as
    // the input hash parsed it, if it did and the source is within the limit.
    let parsed = parsed.filter(|(len, _)| *len <= project.max_source_bytes());
    let source = match parsed {
        Some((_, source)) => Ok(source),
        None => timed(&mut report.stages, "prepare", || {
            prepare::read_source(project, job)
        }),
    };
    let source = match source {
        Ok(s) => s,
        Err(e) => {
            prepare::repaired();
            return Err(e);
        }
    };
    let for_cover = source.clone();
    let (prepared, cover) = rayon::join(
        || {
            timed(&mut report.stages, "prepare", || {
                prepare::prepare_source(project, job, source)
            })
        },
        // Isolated where it runs: a panic on another thread loses its location.
        || {
            timed(&mut cover_stages, "images", || {
                isolate::isolate(|| {
                    let (entry, path) = (&job.entry, &job.source_path);
                    let source = Some(for_cover);
                    Ok(Assets::load_cover(
                        project, entry, &job.slug, path, source, decode,
                    )?)
                })
            })
        },
    );
    prepare::repaired();
    let (doc, repair) = prepared?;
    report.warnings.extend(repair.warnings());
    report.notices = notices::notices(&job.source_path, &doc, &repair);
    report.summary = Some(Summary::new(&doc, &repair));
    for (stage, secs) in cover_stages {
        *report.stages.entry(stage).or_insert(0.0) += secs;
    }
    let assets = cover?;
    let assets = timed(&mut report.stages, "images", || {
        assets.with_figures(project, &job.source_path, &doc, opts.pdf)
    })?;
    report.warnings.extend(assets.warnings.iter().cloned());
    // The EPUB, the reading copy and each imposed layout are independent:
    // render them in parallel (an idle core takes a big zine's layouts), in a
    // fixed order, and write only once all succeeded: a failing zine leaves no files.
    let mut tasks: Vec<Output> = Vec::new();
    // The EPUB's page-list follows the reading PDF's pages: with a reading
    // PDF, the EPUB is written once its pages are known. An EPUB-only build
    // has no pages to follow, and its EPUB no page-list.
    let pdf_fonts = if opts.pdf { fonts.ok() } else { None };
    report.fonts_used = pdf_fonts.is_some();
    let after_reading = opts.epub && pdf_fonts.is_some();
    if opts.epub && !after_reading {
        tasks.push(Output::Epub);
    }
    if assets.cover.is_some() {
        tasks.push(Output::Cover);
    }
    if pdf_fonts.is_some() {
        tasks.push(Output::Reading);
        tasks.extend(names.into_iter().map(Output::Layout));
    }
    let locale = Arc::new(project.locales.resolve(&doc.meta.language).locale);
    if let Some(fonts) = pdf_fonts {
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
    let words: Arc<crate::typeset::paragraph::WordCache> = Arc::default();
    let pixel_layouts = render::pixel_layouts(
        project,
        pdf_fonts,
        &doc,
        &assets,
        |f| {
            crate::typeset::paragraph::Setter::with_locale(
                f,
                Arc::clone(&locale),
                &doc.meta.language,
                Arc::clone(&words),
            )
        },
        &tasks,
    );
    // The outputs that read the pixels: the EPUB, the preview's cover
    // picture, the layouts making print images no other makes first.
    let pixel_users = tasks
        .iter()
        .filter(|t| match t {
            Output::Epub => true,
            Output::Cover => assets.cover.is_some(),
            Output::Reading | Output::Layout(_) => false,
        })
        .count()
        + pixel_layouts.len()
        + usize::from(after_reading);
    let ctx = RenderContext {
        project,
        fonts,
        job,
        opts,
        doc: &doc,
        assets: &assets,
        explicit,
        words,
        locale,
        pixel_users: AtomicUsize::new(pixel_users),
        pixel_layouts,
        mode_users: std::sync::Mutex::new(render::mode_users(project, &tasks)),
        guides,
    };
    // The EPUB written after the reading copy takes its images first, so
    // that the pixels can go once the layouts have theirs.
    let epub_images = match after_reading {
        true => Some(isolate::isolate(|| ctx.epub_images(&mut report.stages))?),
        false => None,
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
        report.fonts_used |= r.used_fonts;
        for (stage, secs) in r.stages {
            *report.stages.entry(stage).or_insert(0.0) += secs;
        }
    }
    if let Some(images) = epub_images {
        let epub = isolate::isolate(|| ctx.render_epub(images, page_map, &mut report.stages))?;
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
            sha256: match opts.sha256 {
                true => sha256_hex(bytes),
                false => String::new(),
            },
            blake3: blake3::hash(bytes).to_hex().to_string(),
        });
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
    let old = cache::Cache::load(&opts.out);
    // The EPUB's type-only cover is set in the fonts too, so every build loads them.
    // git answers while the fonts load and the zines start: the first zine
    // to need a date (its metadata, or its cache entry) waits for it.
    date::prefetch(
        &jobs
            .iter()
            .map(|j| j.source_path.clone())
            .collect::<Vec<_>>(),
        &old.dates,
    );
    // Loaded up front for the PDFs; an EPUB-only build loads them when a
    // zine without a cover image first needs them (its type-only cover).
    let eager = if opts.pdf {
        Some(project.fonts()?)
    } else {
        None
    };
    let fonts = BuildFonts::of(project, eager.as_ref());
    let shared = cache::SharedInputs::new(project, &fonts);
    let guides = GuideMemo::default();
    prepare::batch_starts(jobs.len());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .context("cannot start the worker threads")?;
    // The fonts' hash is made on a free core while the zines start: a zine
    // the cache does not know needs it only once it is built.
    let ((), results) = pool.install(|| {
        rayon::join(
            || {
                if opts.pdf {
                    shared.fonts();
                }
            },
            || {
                build_each(
                    project, jobs, opts, progress, &shared, &old, &fonts, &guides,
                )
            },
        )
    });
    let results: Vec<(ZineReport, Option<String>)> = results;
    // The old cache is not needed any more: update it in place.
    let mut new = old;
    new.dates.extend(date::commit_dates());
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
                    uses_fonts: z.fonts_used,
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

/// Each zine of a build, fresh from the cache or built, with its input hash.
#[allow(clippy::too_many_arguments)]
fn build_each(
    project: &Project,
    jobs: &[ZineJob],
    opts: &BuildOptions,
    progress: &dyn Progress,
    shared: &cache::SharedInputs,
    old: &cache::Cache,
    fonts: &BuildFonts,
    guides: &GuideMemo,
) -> Vec<(ZineReport, Option<String>)> {
    jobs.par_iter()
        .map(|job| {
            progress.started(job);
            let zine_start = Instant::now();
            // Hashed before the build (the files as they are now); the
            // date is added once known, before the build only when the
            // cache may find the zine up to date.
            let mut partial = cache::input_hash(project, job, opts, shared);
            let parsed = partial.as_mut().and_then(cache::Inputs::take_parsed);
            let checked = partial
                .as_ref()
                .filter(|_| !opts.force && old.knows(&job.slug))
                .map(|i| i.finish(shared, old.uses_fonts(&job.slug)));
            let fresh = checked
                .as_deref()
                .and_then(|h| old.fresh(&job.slug, h, &opts.out, opts.sha256));
            let r = match fresh {
                Some(entry) => {
                    prepare::repaired();
                    cached_report(job, &entry, opts, zine_start)
                }
                None => {
                    let report = build_zine_in(project, fonts, job, opts, guides, parsed);
                    release_free_memory();
                    report
                }
            };
            progress.finished(&r);
            // A zine built again hashes the fonts if this build used them.
            let inputs = match r.cached {
                true => checked,
                false => partial.as_ref().map(|i| i.finish(shared, r.fonts_used)),
            };
            (r, inputs)
        })
        .collect()
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
        fonts_used: entry.uses_fonts,
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
