//! `zinepress check` and `zinepress normalize`: the repair, shown.

use anyhow::Result;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use zinepress::build::notices::notices;
use zinepress::build::prepare;
use zinepress::document::markdown::to_markdown;
use zinepress::project::Project;

pub fn check(project: &Project, paths: &[PathBuf]) -> Result<i32> {
    for job in super::jobs(project, paths)? {
        let (doc, report) = prepare(project, &job)?;
        let mut out = String::new();
        writeln!(out, "{} ({})", job.entry.source, doc.meta.title)?;
        // Decisions about the whole text: its format and layout.
        for r in report.repairs.iter().filter(|r| r.line == 0) {
            writeln!(out, "  {}: {}", r.class, r.detail)?;
        }
        for (class, count) in report.counts() {
            writeln!(out, "  {count:5}  {class}")?;
        }
        for r in &report.removed {
            writeln!(
                out,
                "  removed   line {:>5}  {}: {}",
                r.line, r.class, r.detail
            )?;
        }
        for m in &report.moved {
            writeln!(
                out,
                "  moved     line {:>5}  {}: {}",
                m.line, m.class, m.detail
            )?;
        }
        for d in &report.doubts {
            writeln!(
                out,
                "  doubt     line {:>5}  {}: {}",
                d.line, d.class, d.detail
            )?;
        }
        // A reader that stops early (`| head`) ends the listing.
        if !super::print_out(&out)? {
            break;
        }
    }
    Ok(0)
}

pub fn normalize(project: &Project, path: &Path) -> Result<i32> {
    let jobs = super::jobs(project, &[path.to_path_buf()])?;
    let (doc, report) = prepare(project, &jobs[0])?;
    // What `build` says even without --verbose (a change to the user's bytes,
    // a PDF's letters without Unicode, many words removed) goes to stderr, so
    // the Markdown on stdout stays clean.
    for notice in notices(&jobs[0].source_path, &doc, &report) {
        eprintln!("warning: {notice}");
    }
    super::print_out(&format!("{}\n", to_markdown(&doc)))?;
    Ok(0)
}
