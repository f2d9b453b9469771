//! Watching a project for changes (`zinepress watch`): which changed paths
//! can change a build, and a debounced file watcher that reports each burst
//! of edits (an editor's save-rename-write) as one batch of paths.
//!
//! The project folder is watched, not a list of files, so a new source is
//! seen; its output folder, version control, build folders, hidden files and
//! editors' temporary files are not. Which zines a change affects is left to
//! the build cache.

use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// How long the files must be quiet before a burst of events is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Folders under the project root that never hold a build's inputs.
const SKIPPED_DIRS: [&str; 2] = ["target", "node_modules"];

/// What the watcher reports.
#[derive(Debug)]
pub enum Change {
    /// Paths that changed (created, written, renamed, removed), each once.
    Paths(Vec<PathBuf>),
    /// The watcher could not watch something; watching goes on.
    Error(String),
}

/// Which changed paths matter for a build of the project at `root` into `out`.
#[derive(Debug, Clone)]
pub struct Filter {
    root: PathBuf,
    out: PathBuf,
}

impl Filter {
    /// `root` and `out` as absolute paths, the way the watcher reports paths.
    pub fn new(root: &Path, out: &Path) -> Filter {
        Filter {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
        }
    }

    /// A path a build may read: not in the output folder, not an editor's
    /// temporary file, and under the project root not in a hidden, version
    /// control or build folder (paths outside the root, such as a source
    /// given on the command line, count unless they are temporary files).
    pub fn relevant(&self, path: &Path) -> bool {
        if path.starts_with(&self.out) {
            return false;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if is_temporary(&name) {
            return false;
        }
        match path.strip_prefix(&self.root) {
            Ok(rel) => !rel.components().enumerate().any(|(i, c)| match c {
                Component::Normal(part) => {
                    let part = part.to_string_lossy();
                    part.starts_with('.') || (i == 0 && SKIPPED_DIRS.contains(&part.as_ref()))
                }
                _ => false,
            }),
            Err(_) => true,
        }
    }

    /// The project root's sub-folders to watch, each with all that is below it.
    fn top_folders(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return Vec::new();
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir() && self.relevant(p))
            .collect();
        dirs.sort();
        dirs
    }
}

/// Names editors and tools give their temporary, backup and swap files.
pub fn is_temporary(name: &str) -> bool {
    let suffixes = [
        "~",
        ".swp",
        ".swo",
        ".swx",
        ".tmp",
        ".temp",
        ".bak",
        ".part",
        ".crdownload",
        ".kate-swp",
    ];
    name.is_empty()
        || suffixes.iter().any(|s| name.ends_with(s))
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// Whether an event can mean new content: reading a file (our own builds
/// read every source) is not a change; closing a file written to is.
fn is_change(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    !matches!(kind, EventKind::Access(a) if *a != AccessKind::Close(AccessMode::Write))
}

/// A debounced watcher over a project folder and any other folders a build reads.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    filter: Filter,
    /// Folders watched, and how.
    watched: BTreeSet<(PathBuf, bool)>,
}

impl Watcher {
    /// Starts watching the project at `root` (absolute), whose build writes
    /// into `out` (absolute); `report` is called from the watcher's thread
    /// with each batch of relevant changes.
    pub fn start(
        root: &Path,
        out: &Path,
        report: impl Fn(Change) + Send + 'static,
    ) -> anyhow::Result<Watcher> {
        let filter = Filter::new(root, out);
        let events_filter = filter.clone();
        let handler = move |result: DebounceEventResult| match result {
            Ok(events) => {
                let mut paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| is_change(&e.kind) || e.need_rescan())
                    .flat_map(|e| e.paths.iter())
                    .filter(|p| events_filter.relevant(p))
                    .cloned()
                    .collect();
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    report(Change::Paths(paths));
                }
            }
            Err(errors) => {
                let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                report(Change::Error(text.join("; ")));
            }
        };
        let debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 4), handler)?;
        let mut watcher = Watcher {
            debouncer,
            filter,
            watched: BTreeSet::new(),
        };
        watcher.refresh(&[])?;
        Ok(watcher)
    }

    /// Watches what is not watched yet: the project root itself (its files,
    /// such as zinepress.toml), each of its folders with all below them (a
    /// folder made since is picked up here), and `extra` folders outside it
    /// (`(folder, recursive)`: allow_paths, the folders of sources named on
    /// the command line). Folders that are gone are forgotten, so a folder
    /// made again is watched again.
    pub fn refresh(&mut self, extra: &[(PathBuf, bool)]) -> anyhow::Result<()> {
        self.watched.retain(|(dir, _)| dir.is_dir());
        let root = (self.filter.root.clone(), false);
        if !self.watched.contains(&root) {
            self.debouncer
                .watch(&root.0, RecursiveMode::NonRecursive)
                .map_err(|e| {
                    anyhow::anyhow!("{}: cannot watch the project folder: {e}", root.0.display())
                })?;
            self.watched.insert(root);
        }
        let wanted = self
            .filter
            .top_folders()
            .into_iter()
            .map(|d| (d, true))
            .chain(
                extra
                    .iter()
                    .filter(|(d, _)| !d.starts_with(&self.filter.root))
                    .cloned(),
            );
        for (dir, recursive) in wanted.collect::<Vec<_>>() {
            if self.watched.contains(&(dir.clone(), recursive)) || !dir.is_dir() {
                continue;
            }
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            match self.debouncer.watch(&dir, mode) {
                Ok(()) => {
                    self.watched.insert((dir, recursive));
                }
                // A folder that went away meanwhile, or one we may not read: not fatal.
                Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => {}
                Err(e) => anyhow::bail!("{}: cannot watch: {e}", dir.display()),
            }
        }
        Ok(())
    }
}

/// `path` made absolute without needing it to exist: canonical when it
/// exists, else its nearest existing parent canonical and the rest as written.
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut base = full.as_path();
    while let Some(parent) = base.parent() {
        rest.push(
            base.file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_default(),
        );
        if let Ok(p) = parent.canonicalize() {
            return rest.iter().rev().fold(p, |acc, part| acc.join(part));
        }
        base = parent;
    }
    full
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_a_build_may_read_are_relevant() {
        let f = Filter::new(Path::new("/p"), Path::new("/p/dist"));
        for yes in [
            "/p/zinepress.toml",
            "/p/sources/essay.md",
            "/p/sources/new.txt",
            "/p/fonts/A.otf",
            "/p/covers/c.png",
            "/p/layouts/l.toml",
            "/elsewhere/essay.md",
            "/p/sources/target/x.md",
        ] {
            assert!(f.relevant(Path::new(yes)), "{yes}");
        }
        for no in [
            "/p/dist/essay.pdf",
            "/p/dist/.essay.pdf.12.tmp",
            "/p/.git/index",
            "/p/target/release/zinepress",
            "/p/sources/.essay.md.swp",
            "/p/sources/essay.md~",
            "/p/sources/.#essay.md",
            "/p/sources/#essay.md#",
            "/p/sources/4913",
            "/p/.github/workflows/zines.yml",
            "/elsewhere/essay.md.swp",
        ] {
            assert!(!f.relevant(Path::new(no)), "{no}");
        }
        // An output folder outside the project is ignored too.
        let f = Filter::new(Path::new("/p"), Path::new("/out"));
        assert!(!f.relevant(Path::new("/out/a.pdf")) && f.relevant(Path::new("/p/dist/a.pdf")));
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
    }

    #[test]
    fn absolute_paths_need_not_exist() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(absolute(&root.join("a/b")), root.join("a/b"));
        std::fs::create_dir(root.join("a")).unwrap();
        assert_eq!(absolute(&root.join("a")), root.join("a"));
    }
}
