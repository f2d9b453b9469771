//! Atomic writes: every output goes to a temporary file beside it and is renamed into place only once all are written.

use anyhow::Result;
use std::path::{Path, PathBuf};

/// The temporary name `path` is written under before it is renamed into place.
fn temp_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}{}", temp_suffix()))
}

/// How the names of this process's temporary files end (they start with a dot).
pub fn temp_suffix() -> String {
    format!(".{}.tmp", std::process::id())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_all_atomic(&[(path.to_path_buf(), bytes.to_vec())])
}

/// Writes every file to its temporary name first and renames them all only
/// once all are written; on an error (or a panic) the temporary files are removed.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    write_all_atomic_then(files, || ())
}

/// [`write_all_atomic`], running `before_rename` once every temporary file is written.
pub(super) fn write_all_atomic_then(
    files: &[(PathBuf, Vec<u8>)],
    before_rename: impl FnOnce(),
) -> Result<()> {
    if let Some((path, _)) = files.iter().find(|(p, _)| p.is_dir()) {
        anyhow::bail!(
            "{}: a folder is in the way of the output file; move it away",
            path.display()
        );
    }
    let mut temps = TempFiles {
        paths: files.iter().map(|(p, _)| temp_path(p)).collect(),
        renamed: 0,
    };
    for ((_, bytes), tmp) in files.iter().zip(&temps.paths) {
        std::fs::write(tmp, bytes)
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", tmp.display()))?;
    }
    before_rename();
    for (path, _) in files {
        let tmp = &temps.paths[temps.renamed];
        std::fs::rename(tmp, path).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot move the finished file into place: {e}",
                path.display()
            )
        })?;
        temps.renamed += 1;
    }
    Ok(())
}

/// Temporary files being written; those not yet renamed into place are
/// removed when it is dropped, on an error return or while a panic unwinds.
struct TempFiles {
    paths: Vec<PathBuf>,
    renamed: usize,
}

impl Drop for TempFiles {
    fn drop(&mut self) {
        for tmp in self.paths.iter().skip(self.renamed) {
            let _ = std::fs::remove_file(tmp);
        }
    }
}
