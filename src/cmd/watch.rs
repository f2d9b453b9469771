//! `zinepress watch`: build, then rebuild after every change to the project
//! until Ctrl-C; with `--serve`, show the output folder on 127.0.0.1 with
//! pages that reload after each rebuild.

use super::build::{options, summary, Log, Mode};
use crate::cli::WatchArgs;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;
use zinepress::build::{build_all, temp_suffix, BuildOptions, BuildReport};
use zinepress::project::Project;
use zinepress::serve::Server;
use zinepress::watch::{absolute, Change, Watcher};

/// Changes that come this soon after a batch join it (an editor's save can
/// land in two ticks of the debouncer).
const SETTLE: Duration = Duration::from_millis(30);

/// Changed paths named in the log line of a rebuild.
const NAMED_CHANGES: usize = 3;

/// What the main loop waits for.
enum Message {
    Changed(Vec<PathBuf>),
    WatchError(String),
    /// Ctrl-C.
    Stop,
}

/// How one build went.
struct Outcome {
    /// Why the project could not be built at all (a broken zinepress.toml).
    error: Option<String>,
    /// Folders outside the project the build reads: `(folder, recursive)`.
    extra: Vec<(PathBuf, bool)>,
    report: Option<BuildReport>,
}

pub fn run(project_dir: &Path, args: WatchArgs) -> Result<i32> {
    let mut opts = options(&args.output, project_dir, false)?;
    // Nothing here shows an output's SHA-256; the cache checks BLAKE3.
    opts.sha256 = false;
    let out = opts.out.clone();
    let root = project_dir.canonicalize().map_err(|e| {
        zinepress::Error::Usage(format!(
            "{}: cannot open the project folder ({e}); give an existing folder with -C",
            project_dir.display()
        ))
    })?;
    // Layout names are checked once, as `build` checks them; a project that
    // cannot be opened yet is watched until it can.
    if let Ok(project) = Project::open(project_dir) {
        for name in &args.output.layouts {
            project.layouts.get(name).map_err(zinepress::Error::Usage)?;
        }
    }
    let (tx, rx) = mpsc::channel();
    stop_on_ctrl_c(tx.clone(), out.clone())?;
    // Watch before the first build, so an edit made during it is not missed.
    let changes = tx.clone();
    let mut watcher = Watcher::start(&root, &absolute(&out), move |change| {
        let _ = changes.send(match change {
            Change::Paths(paths) => Message::Changed(paths),
            Change::Error(e) => Message::WatchError(e),
        });
    })?;
    let server = if args.serve {
        Some(Server::start(&out, args.port)?)
    } else {
        None
    };
    let (first, later) = match (args.quiet, args.verbose) {
        (true, _) => (Mode::Quiet, Mode::Quiet),
        (_, true) => (Mode::Verbose, Mode::Verbose),
        _ => (Mode::Lines, Mode::Changes),
    };
    let outcome = rebuild(project_dir, &args.output.paths, &opts, first);
    after_build(&mut watcher, server.as_ref(), &outcome);
    if let Some(page) = outcome.report.as_ref().and_then(|r| r.preview.as_deref()) {
        eprintln!("preview: {}", absolute(Path::new(page)).display());
    }
    if let Some(server) = &server {
        eprintln!("serving {} at {}", out.display(), server.url());
    }
    eprintln!(
        "watching {} for changes; Ctrl-C stops",
        project_dir.display()
    );
    'watch: while let Ok(message) = rx.recv() {
        let mut changed = match message {
            Message::Stop => break,
            Message::WatchError(e) => {
                eprintln!("watch: {e}");
                continue;
            }
            Message::Changed(paths) => paths,
        };
        // One rebuild for a burst of changes.
        loop {
            match rx.recv_timeout(SETTLE) {
                Ok(Message::Changed(more)) => changed.extend(more),
                Ok(Message::WatchError(e)) => eprintln!("watch: {e}"),
                Ok(Message::Stop) => break 'watch,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break 'watch,
            }
        }
        changed.sort();
        changed.dedup();
        eprintln!("changed: {}", describe(&changed, &root));
        let outcome = rebuild(project_dir, &args.output.paths, &opts, later);
        after_build(&mut watcher, server.as_ref(), &outcome);
    }
    drop(watcher);
    // Every build ran to its end, so this finds nothing; it is only a safety net.
    remove_temp_files(&out);
    eprintln!("stopped watching");
    Ok(0)
}

/// Opens the project again (zinepress.toml, layouts and fonts may have
/// changed) and builds it; the cache rebuilds only the zines whose inputs
/// changed. Errors are printed, never returned: watching goes on.
fn rebuild(project_dir: &Path, paths: &[PathBuf], opts: &BuildOptions, mode: Mode) -> Outcome {
    let failed = |e: anyhow::Error| {
        eprintln!("error: {e:#}");
        Outcome {
            error: Some(format!("{e:#}")),
            extra: Vec::new(),
            report: None,
        }
    };
    let project = match Project::open(project_dir) {
        Ok(p) => p,
        Err(e) => return failed(e.into()),
    };
    let mut extra: Vec<(PathBuf, bool)> = project
        .config
        .project
        .allow_paths
        .iter()
        .map(|a| (absolute(&project.root.join(a)), true))
        .collect();
    extra.extend(
        paths
            .iter()
            .filter_map(|p| absolute(p).parent().map(|d| (d.to_path_buf(), false))),
    );
    let jobs = match super::jobs(&project, paths) {
        Ok(jobs) => jobs,
        Err(e) => return Outcome { extra, ..failed(e) },
    };
    let log = Log::new(mode, jobs.len());
    let report = build_all(&project, &jobs, opts, &log);
    log.bar.finish_and_clear();
    match report {
        Ok(report) => {
            eprintln!("{}", summary(&report, ""));
            Outcome {
                error: None,
                extra,
                report: Some(report),
            }
        }
        Err(e) => Outcome { extra, ..failed(e) },
    }
}

/// Watches folders the build named that are not watched yet, and tells the
/// served pages to reload.
fn after_build(watcher: &mut Watcher, server: Option<&Server>, outcome: &Outcome) {
    if let Err(e) = watcher.refresh(&outcome.extra) {
        eprintln!("watch: {e:#}");
    }
    if let Some(server) = server {
        server.rebuilt(outcome.error.clone());
    }
}

/// "sources/a.md, zinepress.toml and 2 more".
fn describe(paths: &[PathBuf], root: &Path) -> String {
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    match names.len() {
        0 => String::new(),
        n if n <= NAMED_CHANGES => names.join(", "),
        n => format!(
            "{} and {} more",
            names[..NAMED_CHANGES].join(", "),
            n - NAMED_CHANGES
        ),
    }
}

/// The first Ctrl-C lets the build under way finish and stops; a second one
/// removes this process's temporary files and exits at once.
fn stop_on_ctrl_c(tx: Sender<Message>, out: PathBuf) -> Result<()> {
    let presses = AtomicUsize::new(0);
    ctrlc::set_handler(move || {
        if presses.fetch_add(1, Ordering::SeqCst) == 0 {
            let _ = tx.send(Message::Stop);
            return;
        }
        remove_temp_files(&out);
        eprintln!("interrupted");
        std::process::exit(130);
    })
    .map_err(|e| anyhow::anyhow!("cannot catch Ctrl-C: {e}"))
}

/// Removes the temporary files this process left in `out` (a build's files
/// are written under `.NAME.PID.tmp` and renamed into place).
fn remove_temp_files(out: &Path) {
    let suffix = temp_suffix();
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(&suffix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_named_relative_to_the_project_and_cut_short() {
        let root = Path::new("/p");
        let paths: Vec<PathBuf> = ["/p/a.md", "/p/b.md", "/p/c.md", "/p/d.md", "/p/e.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(describe(&paths[..1], root), "a.md");
        assert_eq!(describe(&paths, root), "a.md, b.md, c.md and 2 more");
        assert_eq!(
            describe(&[PathBuf::from("/elsewhere/x.md")], root),
            "/elsewhere/x.md"
        );
    }

    #[test]
    fn only_this_process_s_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let ours = format!(".a.pdf{}", temp_suffix());
        for name in [ours.as_str(), ".a.pdf.1.tmp", "a.pdf", "notes.tmp"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        remove_temp_files(dir.path());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".a.pdf.1.tmp", "a.pdf", "notes.tmp"]);
    }
}
