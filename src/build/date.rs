//! The date written into a zine's outputs, never the clock: SOURCE_DATE_EPOCH,
//! else the time of the last git commit that touched the source, else its mtime.
//!
//! Asking git costs a process start and a walk of the history (5–10 ms for the
//! example project), so it is asked only for files inside a work tree, and
//! [`prefetch`] asks once for every source of a build instead of once per
//! source. git runs while the build goes on: the first [`source_date`] call
//! waits for it, when a zine's metadata or cache entry needs the date.
//!
//! The dates git gave are kept in the build cache with the commit HEAD named
//! then ([`head`]): while HEAD names the same commit, `git log` would give
//! the same dates, so a build whose every source of a work tree has one is
//! not made to wait for git at all (an unchanged rebuild: 10–15 ms of its
//! 16 ms were git's).

mod head;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// A source's commit time as `git log` gave it (`None`: no commit has it,
/// so its modification time is used) while HEAD named `head`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitDate {
    pub head: String,
    pub time: Option<i64>,
}

/// Commit dates by the source's canonical path.
pub type CommitDates = BTreeMap<String, CommitDate>;

/// Separates commits in the `git log` output; a file name never holds it in practice.
const COMMIT_MARK: char = '\u{1}';

/// Dates found so far, by the path as given, and the `git log` still running.
#[derive(Default)]
struct Dates {
    found: HashMap<PathBuf, i64>,
    pending: Option<Prefetch>,
    /// The commit dates this process found or used, for the build cache.
    commits: CommitDates,
}

impl Dates {
    /// Waits for the `git log` under way, if any, and records what it found.
    fn settle(&mut self) {
        if let Some(pending) = self.pending.take() {
            pending.finish(&mut self.found, &mut self.commits);
        }
    }
}

fn dates() -> MutexGuard<'static, Dates> {
    static DATES: OnceLock<Mutex<Dates>> = OnceLock::new();
    DATES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

fn epoch_from_env() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
}

/// Forgets the dates found so far: a long-running process (`zinepress watch`)
/// asks again before each build, as sources change and get committed.
pub fn forget() {
    let mut dates = dates();
    // Waited for, so that no finished git is left behind as a zombie.
    dates.settle();
    dates.found.clear();
    dates.commits.clear();
}

/// The commit dates found or used since [`forget`], each with its HEAD,
/// for the build cache to give the next [`prefetch`].
pub fn commit_dates() -> CommitDates {
    let mut dates = dates();
    dates.settle();
    dates.commits.clone()
}

/// The date of the outputs made from `path`, in seconds since 1970.
pub fn source_date(path: &Path) -> i64 {
    if let Some(epoch) = epoch_from_env() {
        return epoch;
    }
    {
        let mut dates = dates();
        dates.settle();
        if let Some(d) = dates.found.get(path) {
            return *d;
        }
    }
    let date = commit_times(std::slice::from_ref(&path.to_path_buf()))
        .into_iter()
        .next()
        .flatten()
        .unwrap_or_else(|| modified_time(path));
    *dates().found.entry(path.to_path_buf()).or_insert(date)
}

/// Starts finding the dates of all `paths` at once, one `git log` per work
/// tree, running while the caller does other work; the first
/// [`source_date`] call waits for it. A work tree whose HEAD names the
/// commit `cached` has for every one of its paths takes the dates from there.
pub fn prefetch(paths: &[PathBuf], cached: &CommitDates) {
    if epoch_from_env().is_some() {
        return;
    }
    let mut times = vec![None; paths.len()];
    let mut used = CommitDates::new();
    let mut logs = Vec::new();
    for (top, files) in by_work_tree(paths) {
        let key = |rel: &str| top.join(rel).to_string_lossy().into_owned();
        let head = head::head_commit(&top);
        let known: Option<Vec<&CommitDate>> = files
            .iter()
            .map(|(_, rel)| {
                cached
                    .get(&key(rel))
                    .filter(|c| Some(&c.head) == head.as_ref())
            })
            .collect();
        if let Some(known) = known {
            for ((i, rel), commit) in files.iter().zip(known) {
                times[*i] = commit.time;
                used.insert(key(rel), commit.clone());
            }
            continue;
        }
        let child = spawn_git_log(&top, files.iter().map(|(_, rel)| rel.as_str()));
        if let Some(child) = child {
            logs.push((child, files, top, head));
        }
    }
    let mut dates = dates();
    dates.settle();
    dates.commits.extend(used);
    dates.pending = Some(Prefetch {
        paths: paths.to_vec(),
        times,
        logs,
    });
}

/// `git log` processes under way: the files each was asked about, its work
/// tree's top and the commit HEAD named when it started.
struct Prefetch {
    paths: Vec<PathBuf>,
    /// Commit times known already (from the cache).
    times: Vec<Option<i64>>,
    #[allow(clippy::type_complexity)]
    logs: Vec<(
        std::process::Child,
        Vec<(usize, String)>,
        PathBuf,
        Option<String>,
    )>,
}

impl Prefetch {
    /// Waits for git and records every path's date in `found` (a date found
    /// earlier stays), and the commit dates git gave in `commits`.
    fn finish(self, found: &mut HashMap<PathBuf, i64>, commits: &mut CommitDates) {
        let mut times = self.times;
        for (child, files, top, head) in self.logs {
            let Some(log) = read_git_log(child) else {
                continue;
            };
            let latest = latest_times(&log);
            for (i, rel) in files {
                times[i] = latest.get(rel.as_str()).copied();
                if let Some(head) = &head {
                    let commit = CommitDate {
                        head: head.clone(),
                        time: times[i],
                    };
                    commits.insert(top.join(&rel).to_string_lossy().into_owned(), commit);
                }
            }
        }
        for (path, time) in self.paths.iter().zip(times) {
            found
                .entry(path.clone())
                .or_insert_with(|| time.unwrap_or_else(|| modified_time(path)));
        }
    }
}

/// The folder holding `.git` above `full` (a canonical path): the work tree's top, if any.
fn work_tree(full: &Path) -> Option<PathBuf> {
    full.ancestors()
        .skip(1)
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The last commit time of each path, `None` where git has none (not in a
/// work tree, untracked, git missing).
fn commit_times(paths: &[PathBuf]) -> Vec<Option<i64>> {
    let mut out = vec![None; paths.len()];
    for (top, files) in by_work_tree(paths) {
        let Some(log) =
            spawn_git_log(&top, files.iter().map(|(_, rel)| rel.as_str())).and_then(read_git_log)
        else {
            continue;
        };
        let latest = latest_times(&log);
        for (i, rel) in files {
            out[i] = latest.get(rel.as_str()).copied();
        }
    }
    out
}

/// The paths grouped by work tree top, each with its index in `paths` and
/// its path relative to the top; paths outside any work tree are left out.
fn by_work_tree(paths: &[PathBuf]) -> HashMap<PathBuf, Vec<(usize, String)>> {
    let mut by_tree: HashMap<PathBuf, Vec<(usize, String)>> = HashMap::new();
    for (i, path) in paths.iter().enumerate() {
        let Ok(full) = path.canonicalize() else {
            continue;
        };
        let Some(top) = work_tree(&full) else {
            continue;
        };
        let Ok(rel) = full
            .strip_prefix(&top)
            .map(|r| r.to_string_lossy().into_owned())
        else {
            continue;
        };
        by_tree.entry(top).or_default().push((i, rel));
    }
    by_tree
}

/// Starts `git log -z --name-only` over the given files in the work tree's top.
fn spawn_git_log<'a>(
    top: &Path,
    files: impl Iterator<Item = &'a str>,
) -> Option<std::process::Child> {
    std::process::Command::new("git")
        .current_dir(top)
        .args([
            "--literal-pathspecs",
            "log",
            "-z",
            "--no-renames",
            "--name-only",
            &format!("--format={COMMIT_MARK}%ct"),
            "--",
        ])
        .args(files)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()
}

fn read_git_log(child: std::process::Child) -> Option<String> {
    let out = child.wait_with_output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// From `git log -z --name-only --format=MARK%ct` output (newest commit
/// first): each file's newest commit time.
fn latest_times(log: &str) -> HashMap<&str, i64> {
    let mut latest = HashMap::new();
    let mut current = None;
    for token in log.split('\0') {
        let token = token.strip_prefix('\n').unwrap_or(token);
        if let Some(time) = token.strip_prefix(COMMIT_MARK) {
            current = time.trim().parse::<i64>().ok();
        } else if let (false, Some(time)) = (token.is_empty(), current) {
            latest.entry(token).or_insert(time);
        }
    }
    latest
}

fn modified_time(path: &Path) -> i64 {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_each_file_wins() {
        let log = "\u{1}300\0\nb.txt\0\u{1}200\0\na.txt\0b.txt\0\u{1}100\0\na.txt\0";
        let latest = latest_times(log);
        assert_eq!(latest.get("a.txt"), Some(&200));
        assert_eq!(latest.get("b.txt"), Some(&300));
        assert_eq!(latest.len(), 2);
    }

    #[test]
    fn a_file_outside_any_work_tree_has_no_commit_time() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("essay.txt");
        std::fs::write(&file, "text").unwrap();
        assert_eq!(work_tree(&file.canonicalize().unwrap()), None);
        assert_eq!(commit_times(&[file]), vec![None]);
    }
}
