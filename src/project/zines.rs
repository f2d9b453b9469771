//! The zines a project builds: its `[[zine]]` entries (or the files of
//! sources/), the entry of a source path, and each zine's slug.

use super::{Project, ZineEntry, CONFIG_FILE};
use crate::error::Error;
use std::path::{Path, PathBuf};

impl Project {
    /// The zines to build when no path is given: every `[[zine]]`, or every
    /// .txt, .md, .muse and .pdf file in sources/ when there is none.
    pub fn zines(&self) -> Result<Vec<ZineEntry>, Error> {
        if !self.config.zines.is_empty() {
            return Ok(self.config.zines.clone());
        }
        let dir = self.sources_dir();
        if let Err(e) = std::fs::read_dir(&dir) {
            return Err(Error::config(&dir, None, format!("cannot read the sources folder ({e}); add sources/ or [[zine]] tables to {CONFIG_FILE}")));
        }
        Ok(self
            .files_in(&dir, "source", &["txt", "md", "muse", "pdf"])?
            .into_iter()
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| x == "txt" || x == "md" || x == "muse" || x == "pdf")
            })
            .map(|p| ZineEntry {
                source: p
                    .strip_prefix(&self.root)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .into_owned(),
                ..Default::default()
            })
            .collect())
    }

    /// The configured entry for a source path, or a default entry for it.
    pub fn entry_for_path(&self, path: &Path) -> ZineEntry {
        let canonical = path.canonicalize().ok();
        self.config
            .zines
            .iter()
            .find(|z| {
                canonical.is_some() && self.root.join(&z.source).canonicalize().ok() == canonical
            })
            .cloned()
            .unwrap_or_else(|| ZineEntry {
                source: path.to_string_lossy().into_owned(),
                ..Default::default()
            })
    }

    /// The absolute path of an entry's source.
    pub fn source_path(&self, entry: &ZineEntry) -> PathBuf {
        let p = Path::new(&entry.source);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.root.join(p)
        }
    }
}

/// The slug of an entry: configured, or the source's file stem, made safe for file names.
pub fn slug_for(entry: &ZineEntry) -> String {
    let raw = entry.slug.clone().unwrap_or_else(|| {
        Path::new(&entry.source)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    sanitize_slug(&raw)
}

/// Lower-case ASCII letters, digits and single dashes; never empty, never a path.
pub fn sanitize_slug(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-').to_string();
    if trimmed.is_empty() {
        "zine".to_string()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe() {
        assert_eq!(sanitize_slug("../../x"), "x");
        assert_eq!(
            sanitize_slug("Towards Autonomous Solidarity!"),
            "towards-autonomous-solidarity"
        );
        assert_eq!(sanitize_slug("..."), "zine");
    }

    #[test]
    fn links_out_of_sources_are_refused() {
        let dir =
            std::env::temp_dir().join(format!("zinepress-project-link-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sources")).unwrap();
        let outside =
            std::env::temp_dir().join(format!("zinepress-outside-{}.txt", std::process::id()));
        std::fs::write(&outside, "secret").unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("sources/leak.txt")).unwrap();
        let msg = Project::open(&dir)
            .unwrap()
            .zines()
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("leak.txt") && msg.contains("outside the project"),
            "{msg}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_file(&outside).unwrap();
    }
}
