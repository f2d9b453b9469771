//! `zinepress impose`: impose the pages of an existing PDF with a layout.

use crate::cli::ImposeArgs;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::time::Instant;
use zinepress::build::write_all_atomic;
use zinepress::impose::{self, guide::guide_png, ImposeError, Imposed};
use zinepress::pdf::embed::{fit, write_imposed_pdf, SourcePdf};
use zinepress::project::Project;
use zinepress::Error;

pub fn run(project: &Project, args: ImposeArgs) -> Result<i32> {
    let start = Instant::now();
    let name = args.layout.as_str();
    let layout = project.layouts.get(name).map_err(Error::Usage)?;
    let Some(imp) = layout.impose.as_ref() else {
        let imposed: Vec<&str> = project
            .layouts
            .iter()
            .filter(|l| l.is_imposed())
            .map(|l| l.name.as_str())
            .collect();
        let message = format!(
            "layout `{name}` does not impose pages (it has no [impose] table); use one of: {}",
            imposed.join(", ")
        );
        return Err(Error::Usage(message).into());
    };
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.input, name));
    for (what, path) in [
        ("the imposed PDF", Some(&output)),
        ("the folding guide", args.guide.as_ref()),
    ] {
        if path.is_some_and(|p| same_file(p, &args.input)) {
            return Err(Error::Usage(format!(
                "{}: {what} would overwrite the input; give it another name",
                args.input.display()
            ))
            .into());
        }
    }
    if args.guide.as_ref().is_some_and(|g| same_path(g, &output)) {
        return Err(Error::Usage(format!(
            "{}: the folding guide and the imposed PDF cannot be the same file",
            output.display()
        ))
        .into());
    }

    let source = SourcePdf::open(&args.input, project.max_pages())?;
    let imposed = impose::impose(source.pages(), layout.page, imp, !args.no_back_cover).map_err(
        |e| match e {
            ImposeError::TooManyPages { .. } => Error::input(
                &args.input,
                None,
                format!(
                    "{e}; choose a layout that holds more (`zinepress layouts`) or a shorter PDF"
                ),
            ),
            other => Error::Usage(format!(
                "layout `{name}`: {other}; fix the layout's page or sheet size"
            )),
        },
    )?;
    // Sheet labels (on sheets with a margin) and the guide are set in the project's fonts.
    let wants_guide = args.guide_page || args.guide.is_some();
    let fonts = (imposed.has_labels() || wants_guide)
        .then(|| project.fonts())
        .transpose()?;
    let guide = match (&fonts, wants_guide) {
        (Some(fonts), true) => {
            // In the project's language (English where it has no words for the guide).
            let locale = std::sync::Arc::new(project.locales.resolve(&project.language()).locale);
            Some(guide_png(&imposed, name, fonts, &locale)?)
        }
        _ => None,
    };
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok());
    let pdf = write_imposed_pdf(
        &source,
        &imposed,
        guide.as_deref().filter(|_| args.guide_page),
        fonts.as_ref(),
        date,
    )?;

    let mut files = vec![(output.clone(), pdf)];
    if let (Some(path), Some(png)) = (&args.guide, guide) {
        files.push((path.clone(), png));
    }
    write_all_atomic(&files)?;

    let (low, high) = scale_range(&source, &imposed);
    let summary = Summary {
        source: &source,
        output: &output,
        guide: args.guide.as_deref(),
        layout: name,
        imposed: &imposed,
        scale: (low, high),
    };
    if args.json {
        let json = serde_json::to_string_pretty(
            &summary.json(files[0].1.len(), start.elapsed().as_secs_f64()),
        )?;
        super::print_out(&format!("{json}\n"))?;
    }
    eprintln!("{}", summary.line());
    Ok(0)
}

/// `IN.LAYOUT.pdf` beside the input: `scans/zine.pdf` -> `scans/zine.booklet-a4.pdf`.
fn default_output(input: &Path, layout: &str) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "imposed".into());
    input.with_file_name(format!("{stem}.{layout}.pdf"))
}

/// Whether both paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Whether two paths name the same file, existing or not.
fn same_path(a: &Path, b: &Path) -> bool {
    same_file(a, b) || a == b
}

/// The smallest and largest factor the pages were scaled by.
fn scale_range(source: &SourcePdf, imposed: &Imposed) -> (f32, f32) {
    let cell = (imposed.page.width.0, imposed.page.height.0);
    (0..source.pages())
        .filter_map(|i| source.page_size(i))
        .map(|size| fit(size, cell).scale)
        .fold((f32::MAX, f32::MIN), |(lo, hi), s| (lo.min(s), hi.max(s)))
}

struct Summary<'a> {
    source: &'a SourcePdf,
    output: &'a Path,
    guide: Option<&'a Path>,
    layout: &'a str,
    imposed: &'a Imposed,
    scale: (f32, f32),
}

impl Summary<'_> {
    /// `imposed 33 pages of in.pdf on 9 sheets (booklet-letter, padded to 36, blanks 33-35, scaled to 94%) -> out.pdf`
    fn line(&self) -> String {
        let im = self.imposed;
        let blanks = match im.blanks.as_slice() {
            [] => "no blanks".to_string(),
            [one] => format!("blank {}", one + 1),
            [first, .., last] if last - first + 1 == im.blanks.len() => {
                format!("blanks {}-{}", first + 1, last + 1)
            }
            many => format!(
                "blanks {}",
                many.iter()
                    .map(|b| (b + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let percent = |s: f32| (s * 100.0).round();
        let scale = match self.scale {
            (lo, hi) if percent(lo) == 100.0 && percent(hi) == 100.0 => "not scaled".to_string(),
            (lo, hi) if percent(lo) == percent(hi) => format!("scaled to {}%", percent(lo)),
            (lo, hi) => format!("scaled to {}-{}%", percent(lo), percent(hi)),
        };
        let count = |n: usize, what: &str| {
            if n == 1 {
                format!("1 {what}")
            } else {
                format!("{n} {what}s")
            }
        };
        let (pages, sheets) = (count(im.pages, "page"), count(im.sheets, "sheet"));
        let guide = self
            .guide
            .map(|g| format!(", guide {}", g.display()))
            .unwrap_or_default();
        format!(
            "imposed {pages} of {} on {sheets} ({}, padded to {}, {blanks}, {scale}) -> {}{guide}",
            self.source.path().display(),
            self.layout,
            im.padded,
            self.output.display()
        )
    }

    fn json(&self, bytes: usize, seconds: f64) -> serde_json::Value {
        let im = self.imposed;
        serde_json::json!({
            "input": self.source.path().to_string_lossy(),
            "output": self.output.to_string_lossy(),
            "guide": self.guide.map(|g| g.to_string_lossy().into_owned()),
            "layout": self.layout,
            "pages": im.pages,
            "padded": im.padded,
            "sheets": im.sheets,
            "blanks": im.blanks.iter().map(|b| b + 1).collect::<Vec<_>>(),
            "scale": { "min": self.scale.0, "max": self.scale.1 },
            "bytes": bytes,
            "seconds": seconds,
        })
    }
}
