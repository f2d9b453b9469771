//! The commit a work tree's HEAD names, read from its `.git` without
//! starting git: what a source's commit date depends on, so that a date
//! found by `git log` can be kept in the build cache and used again while
//! HEAD names the same commit.
//!
//! Only the plain layout is read: a `.git` folder, or a `.git` file naming
//! one (a linked work tree, whose branches live in the common folder), HEAD
//! naming a branch or a commit, the branch a loose ref or a line of
//! `packed-refs`. Anything else (a shallow clone, whose history can grow
//! under the same HEAD, a ref of another storage, a branch with no commit
//! yet) has no answer, and git is asked as before.

use std::path::{Path, PathBuf};

/// The commit HEAD names in the work tree whose top is `top`, as hex.
pub fn head_commit(top: &Path) -> Option<String> {
    let git_dir = git_dir(top)?;
    let common = match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(rel) => git_dir.join(rel.trim()),
        Err(_) => git_dir.clone(),
    };
    if common.join("shallow").exists() {
        return None;
    }
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let id = match head.trim().strip_prefix("ref:") {
        None => head.trim().to_string(),
        Some(name) => branch(&git_dir, &common, name.trim())?,
    };
    is_commit_id(&id).then_some(id)
}

/// The folder a work tree's `.git` is or names.
fn git_dir(top: &Path) -> Option<PathBuf> {
    let dot_git = top.join(".git");
    if dot_git.is_dir() {
        return Some(dot_git);
    }
    let text = std::fs::read_to_string(&dot_git).ok()?;
    let named = text.trim().strip_prefix("gitdir:")?.trim();
    Some(top.join(named)).filter(|d| d.is_dir())
}

/// The commit a branch (`refs/heads/…`) names: its loose ref file (in the
/// work tree's own folder, then the common one), else its line of `packed-refs`.
fn branch(git_dir: &Path, common: &Path, name: &str) -> Option<String> {
    if !name.starts_with("refs/") || name.split('/').any(|part| part == "..") {
        return None;
    }
    for dir in [git_dir, common] {
        if let Ok(text) = std::fs::read_to_string(dir.join(name)) {
            // A ref naming another ref (or anything else) is not followed.
            return Some(text.trim().to_string()).filter(|id| is_commit_id(id));
        }
    }
    packed(
        &std::fs::read_to_string(common.join("packed-refs")).ok()?,
        name,
    )
}

/// A ref's commit from the text of `packed-refs` (`ID NAME` lines).
fn packed(text: &str, name: &str) -> Option<String> {
    text.lines()
        .filter(|line| !line.starts_with(['#', '^']))
        .find_map(|line| {
            let (id, ref_name) = line.split_once(' ')?;
            (ref_name.trim() == name).then(|| id.to_string())
        })
}

/// Forty (SHA-1) or sixty-four (SHA-256) lower-case hex digits.
fn is_commit_id(id: &str) -> bool {
    matches!(id.len(), 40 | 64) && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0123456789abcdef0123456789abcdef01234567";
    const B: &str = "89abcdef0123456789abcdef0123456789abcdef";

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn head_is_read_from_a_loose_or_packed_branch_or_a_detached_head() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path();
        let git = top.join(".git");
        write(&git.join("HEAD"), "ref: refs/heads/main\n");
        write(
            &git.join("packed-refs"),
            &format!("# pack-refs\n{B} refs/heads/main\n"),
        );
        assert_eq!(head_commit(top).as_deref(), Some(B));
        write(&git.join("refs/heads/main"), &format!("{A}\n"));
        assert_eq!(head_commit(top).as_deref(), Some(A));
        write(&git.join("HEAD"), &format!("{B}\n"));
        assert_eq!(head_commit(top).as_deref(), Some(B));
    }

    #[test]
    fn a_linked_work_tree_reads_its_branch_from_the_common_folder() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("main/.git");
        let own = main.join("worktrees/wt");
        write(&own.join("HEAD"), "ref: refs/heads/topic\n");
        write(&own.join("commondir"), "../..\n");
        write(&main.join("refs/heads/topic"), &format!("{A}\n"));
        let top = dir.path().join("wt");
        write(&top.join(".git"), &format!("gitdir: {}\n", own.display()));
        assert_eq!(head_commit(&top).as_deref(), Some(A));
    }

    #[test]
    fn no_answer_where_the_history_or_the_ref_is_not_plain() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path();
        let git = top.join(".git");
        // A branch with no commit yet.
        write(&git.join("HEAD"), "ref: refs/heads/main\n");
        assert_eq!(head_commit(top), None);
        // A shallow clone.
        write(&git.join("refs/heads/main"), &format!("{A}\n"));
        write(&git.join("shallow"), &format!("{A}\n"));
        assert_eq!(head_commit(top), None);
        std::fs::remove_file(git.join("shallow")).unwrap();
        // A ref naming another ref, a name leaving the folder, no .git at all.
        write(&git.join("refs/heads/main"), "ref: refs/heads/other\n");
        assert_eq!(head_commit(top), None);
        write(&git.join("HEAD"), "ref: refs/../../x\n");
        assert_eq!(head_commit(top), None);
        assert_eq!(head_commit(&top.join("nowhere")), None);
    }
}
