//! `zinepress build`: choose the zines, build them, log or report.

use crate::cli::{BuildArgs, OutputArgs, OutputFormat};
use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use zinepress::build::{
    build_all, shard_of, BuildOptions, BuildReport, Progress, ZineJob, ZineReport,
};
use zinepress::project::Project;

pub fn run(project: &Project, args: BuildArgs) -> Result<i32> {
    for name in &args.output.layouts {
        project.layouts.get(name).map_err(zinepress::Error::Usage)?;
    }
    let mut opts = options(&args.output, &project.root, args.force)?;
    // Only the JSON report shows each output's SHA-256.
    opts.sha256 = args.json;
    let mut jobs = super::jobs(project, &args.output.paths)?;
    if let Some(shard) = args.shard {
        jobs.retain(|j| shard_of(&j.slug, shard.n) == shard.k);
    }
    let mode = if args.verbose {
        Mode::Verbose
    } else if args.quiet || args.json {
        Mode::Quiet
    } else if std::io::stderr().is_terminal() {
        Mode::Bar
    } else {
        Mode::Lines
    };
    let log = Log::new(mode, jobs.len());
    let report = build_all(project, &jobs, &opts, &log);
    log.bar.finish_and_clear();
    let report = report?;
    if args.json {
        super::print_out(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    }
    let shard = args
        .shard
        .map(|s| format!(" (shard {}/{})", s.k, s.n))
        .unwrap_or_default();
    if !report.allow_paths.is_empty() {
        eprintln!(
            "sources may also use files in {} (allow_paths in zinepress.toml)",
            report.allow_paths.join(", ")
        );
    }
    eprintln!("{}", summary(&report, &shard));
    Ok(if report.failed > 0 { 1 } else { 0 })
}

/// "6 zines: 1 built, 5 cached, 0 failed in 0.12s"; `shard` goes after the count.
pub(super) fn summary(report: &BuildReport, shard: &str) -> String {
    let zines = match report.totals.zines {
        1 => "1 zine".to_string(),
        n => format!("{n} zines"),
    };
    format!(
        "{zines}{shard}: {} built, {} cached, {} failed in {:.2}s",
        report.built, report.cached, report.failed, report.seconds
    )
}

/// The build options `build` and `watch` share, from their flags; output goes
/// to `dist/` in the project folder unless `--out` says otherwise.
pub fn options(args: &OutputArgs, project_dir: &Path, force: bool) -> Result<BuildOptions> {
    if args.jobs == Some(0) {
        return Err(zinepress::Error::Usage(
            "--jobs 0: give at least 1, or leave it out to use every core".into(),
        )
        .into());
    }
    Ok(BuildOptions {
        out: args.out.clone().unwrap_or_else(|| default_out(project_dir)),
        epub: args.format.contains(&OutputFormat::Epub),
        pdf: args.format.contains(&OutputFormat::Pdf),
        layouts: (!args.layouts.is_empty()).then(|| args.layouts.clone()),
        jobs: args.jobs,
        proof: args.proof,
        guide_page: args.guide_page,
        force,
        sha256: true,
    })
}

/// `dist` in the project folder (written as `dist` when that is the current one).
pub(super) fn default_out(root: &Path) -> PathBuf {
    if root == Path::new(".") {
        PathBuf::from("dist")
    } else {
        root.join("dist")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Failures only.
    Quiet,
    /// One line per zine.
    Lines,
    /// One line per zine, its warnings and its stage times.
    Verbose,
    /// One line per zine built or failed; cached zines are left out (`watch`'s rebuilds).
    Changes,
    /// A progress bar; failures above it.
    Bar,
}

/// Logs on stderr, from the worker threads.
pub(super) struct Log {
    mode: Mode,
    pub(super) bar: ProgressBar,
    /// The zines being built right now, for the bar.
    building: Mutex<BTreeSet<String>>,
}

impl Log {
    pub(super) fn new(mode: Mode, total: usize) -> Log {
        let bar = if mode == Mode::Bar {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{elapsed:>4} [{bar:30}] {pos}/{len} zines  {wide_msg}",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Log {
            mode,
            bar,
            building: Mutex::new(BTreeSet::new()),
        }
    }

    fn show_building(&self, building: &BTreeSet<String>) {
        let names: Vec<&str> = building.iter().map(String::as_str).collect();
        self.bar.set_message(names.join(", "));
    }

    fn line(&self, text: String) {
        if self.mode == Mode::Bar {
            self.bar.suspend(|| eprint!("{text}"));
        } else {
            eprint!("{text}");
        }
    }
}

impl Progress for Log {
    fn started(&self, job: &ZineJob) {
        if self.mode == Mode::Bar {
            let mut building = self.building.lock().unwrap_or_else(|e| e.into_inner());
            building.insert(job.slug.clone());
            self.show_building(&building);
        }
    }

    fn finished(&self, z: &ZineReport) {
        if self.mode == Mode::Bar {
            let mut building = self.building.lock().unwrap_or_else(|e| e.into_inner());
            building.remove(&z.slug);
            self.show_building(&building);
            self.bar.inc(1);
        }
        // One write per zine, so lines from parallel zines do not interleave.
        let mut text = String::new();
        match &z.error {
            Some(e) => text.push_str(&format!("failed {}: {e}\n", z.slug)),
            None if self.mode == Mode::Quiet || self.mode == Mode::Bar => {}
            None if z.cached && self.mode == Mode::Changes => {}
            None if z.cached => {
                text.push_str(&format!("cached {} ({} files)\n", z.slug, z.outputs.len()))
            }
            None => {
                let warnings = match z.warnings.len() {
                    0 => String::new(),
                    1 => ", 1 warning".to_string(),
                    n => format!(", {n} warnings"),
                };
                text.push_str(&format!(
                    "built {} ({} files{warnings}, {:.2}s)\n",
                    z.slug,
                    z.outputs.len(),
                    z.seconds
                ));
            }
        }
        let shown = self.mode != Mode::Quiet && !(z.cached && self.mode == Mode::Changes);
        if shown {
            // What a user must see without asking: every other warning is
            // counted on the zine's line and shown with --verbose.
            for n in &z.notices {
                text.push_str(&format!("  warning: {n}\n"));
            }
        }
        if self.mode == Mode::Verbose {
            let noticed = |w: &String| z.notices.iter().any(|n| w.ends_with(n.as_str()));
            for w in z.warnings.iter().filter(|w| !noticed(w)) {
                text.push_str(&format!("  warning: {w}\n"));
            }
            if !z.stages.is_empty() {
                let stages: Vec<String> = z
                    .stages
                    .iter()
                    .map(|(name, s)| format!("{name} {s:.3}s"))
                    .collect();
                text.push_str(&format!("  stages: {}\n", stages.join(", ")));
            }
        }
        if !text.is_empty() {
            self.line(text);
        }
    }
}
