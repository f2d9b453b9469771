//! Criterion benchmarks of the pipeline stages on the example library.
//!
//! Per seed (every zine of `zinepress.toml`): `prepare` (read + repair),
//! `write_epub`, `typeset` with the `reading-a5` layout, and `pdf::write_pages`
//! of those pages. For `socialism-from-below` also the booklet path of
//! `booklet-letter`: `typeset`, `impose`, `write_imposed`, and
//! `impose` + `write_imposed` together (what imposition costs over the pages),
//! and `zinepress impose`'s work on its reading PDF in memory: read the PDF,
//! impose it, write the sheets with the pages embedded.
//!
//! Run with `cargo bench --bench pipeline` (optionally a filter, e.g.
//! `cargo bench --bench pipeline -- typeset`). Sample sizes are small and
//! measurement times short because the machine has two cores; see
//! bench/README.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::path::Path;
use std::time::Duration;
use zinepress::build::{prepare, ZineJob};
use zinepress::epub::{write_epub, EpubOptions};
use zinepress::impose::impose;
use zinepress::pdf::embed::{write_imposed_pdf, SourcePdf};
use zinepress::project::Project;
use zinepress::typeset::{fonts::Fonts, typeset};
use zinepress::{pdf, Document};

/// The seed whose booklet imposition is benchmarked.
const BOOKLET_SEED: &str = "socialism-from-below";
const BOOKLET_LAYOUT: &str = "booklet-letter";
const READING_LAYOUT: &str = "reading-a5";

struct Seeds {
    project: Project,
    fonts: Fonts,
    jobs: Vec<ZineJob>,
}

fn seeds() -> Seeds {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = Project::open(root).expect("the example project opens");
    let fonts = Fonts::load(Some(&project.fonts_dir())).expect("the fonts load");
    let jobs = project
        .zines()
        .expect("the zines are listed")
        .into_iter()
        .map(|e| ZineJob::new(&project, e))
        .collect();
    Seeds {
        project,
        fonts,
        jobs,
    }
}

fn doc_of(s: &Seeds, job: &ZineJob) -> Document {
    prepare(&s.project, job).expect("the seed prepares").0
}

fn stages(c: &mut Criterion) {
    let s = seeds();
    let reading = s
        .project
        .layouts
        .get(READING_LAYOUT)
        .expect("reading layout");
    for job in &s.jobs {
        let slug = job.slug.as_str();
        let doc = doc_of(&s, job);
        c.bench_function(&format!("prepare/{slug}"), |b| {
            b.iter(|| prepare(&s.project, black_box(job)).unwrap())
        });
        c.bench_function(&format!("epub/{slug}"), |b| {
            b.iter(|| write_epub(black_box(&doc), &EpubOptions::default()).unwrap())
        });
        c.bench_function(&format!("typeset-reading-a5/{slug}"), |b| {
            b.iter(|| typeset(black_box(&doc), reading, &s.fonts))
        });
        let pages = typeset(&doc, reading, &s.fonts).unwrap();
        c.bench_function(&format!("pdf-pages-reading-a5/{slug}"), |b| {
            b.iter(|| pdf::write_pages(black_box(&pages), &doc.meta, &s.fonts).unwrap())
        });
    }
}

fn booklet(c: &mut Criterion) {
    let s = seeds();
    let job = s
        .jobs
        .iter()
        .find(|j| j.slug == BOOKLET_SEED)
        .expect("the booklet seed is in zinepress.toml");
    let doc = doc_of(&s, job);
    let layout = s
        .project
        .layouts
        .get(BOOKLET_LAYOUT)
        .expect("booklet layout");
    let imp = layout.impose.as_ref().expect("booklet-letter is imposed");
    c.bench_function(&format!("typeset-{BOOKLET_LAYOUT}/{BOOKLET_SEED}"), |b| {
        b.iter(|| typeset(black_box(&doc), layout, &s.fonts))
    });
    let pages = typeset(&doc, layout, &s.fonts).unwrap();
    c.bench_function(&format!("impose-{BOOKLET_LAYOUT}/{BOOKLET_SEED}"), |b| {
        b.iter(|| {
            impose(
                black_box(pages.pages.len()),
                layout.page,
                imp,
                pages.has_back_cover,
            )
            .unwrap()
        })
    });
    let imposed = impose(pages.pages.len(), layout.page, imp, pages.has_back_cover).unwrap();
    c.bench_function(
        &format!("write-imposed-{BOOKLET_LAYOUT}/{BOOKLET_SEED}"),
        |b| {
            b.iter(|| {
                pdf::write_imposed(black_box(&pages), &imposed, &doc.meta, &s.fonts, None).unwrap()
            })
        },
    );
    c.bench_function(
        &format!("impose+write-imposed-{BOOKLET_LAYOUT}/{BOOKLET_SEED}"),
        |b| {
            b.iter(|| {
                let imposed = impose(
                    black_box(pages.pages.len()),
                    layout.page,
                    imp,
                    pages.has_back_cover,
                )
                .unwrap();
                pdf::write_imposed(&pages, &imposed, &doc.meta, &s.fonts, None).unwrap()
            })
        },
    );
    let reading = s
        .project
        .layouts
        .get(READING_LAYOUT)
        .expect("reading layout");
    let reading_pdf = pdf::write_pages(
        &typeset(&doc, reading, &s.fonts).unwrap(),
        &doc.meta,
        &s.fonts,
    )
    .unwrap();
    let name = Path::new("socialism-from-below.pdf");
    c.bench_function(
        &format!("impose-pdf-{BOOKLET_LAYOUT}/{BOOKLET_SEED}"),
        |b| {
            b.iter(|| {
                let source =
                    SourcePdf::from_bytes(name, black_box(reading_pdf.clone()), 2000).unwrap();
                let imposed = impose(source.pages(), layout.page, imp, true).unwrap();
                write_imposed_pdf(&source, &imposed, None, None, Some(0)).unwrap()
            })
        },
    );
}

/// Text repair on a 10 MB source (the seeds repeated): it must stay linear,
/// so this takes about 140 times the 75 KB seed 004, not its square.
fn large_source(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = String::new();
    let seeds: Vec<String> = [
        "socialism-from-below.txt",
        "beyond-activism.txt",
        "for-dissent-and-diversity.txt",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(root.join("sources").join(f)).expect("a seed"))
    .collect();
    while text.len() < 10 * 1024 * 1024 {
        for s in &seeds {
            text.push_str(s);
            text.push_str("\n\n");
        }
    }
    let entry = zinepress::project::ZineEntry {
        source: "big.txt".into(),
        ..Default::default()
    };
    let source =
        zinepress::source::Source::from_bytes(Path::new("big.txt"), text.as_bytes(), &entry)
            .expect("the big source reads");
    let mut group = c.benchmark_group("normalize-10MB");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("text_repair", |b| {
        b.iter(|| zinepress::normalize::normalize(black_box(&source)).unwrap())
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! { name = pipeline; config = config(); targets = stages, booklet, large_source }
criterion_main!(pipeline);
