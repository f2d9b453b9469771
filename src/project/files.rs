//! The files a project reads from its folders (layouts, languages, fonts),
//! each confined to the project and the folders of `allow_paths`.

use super::config::line_of_string;
use super::confine::{self, Named, Roots};
use super::Project;
use crate::error::Error;
use std::path::{Path, PathBuf};

impl Project {
    /// The roots for the files a source names: the project's, plus the
    /// source's own folder when the source lies outside them (a file given on
    /// the command line).
    pub fn roots_for(&self, source: &Path) -> Roots {
        self.roots.with_source(source)
    }

    /// The files in `dir` with one of `extensions` (any case), sorted, each
    /// checked to lie inside the project (a link out of it is an error).
    pub fn files_in(
        &self,
        dir: &Path,
        what: &str,
        extensions: &[&str],
    ) -> Result<Vec<PathBuf>, Error> {
        files_in(&self.roots, dir, what, extensions)
    }

    /// The project's fonts: the family in `fonts/`, each file checked to lie
    /// inside the project, or the built-in family when there is none.
    pub fn fonts(&self) -> anyhow::Result<crate::typeset::fonts::Fonts> {
        self.files_in(&self.fonts_dir(), "font", &["otf", "ttf"])?;
        crate::typeset::fonts::Fonts::load_with(Some(&self.fonts_dir()), self.fallback_fonts()?)
    }

    /// zinepress.toml's `[fonts]`: font files must lie inside the project
    /// and be fonts; family names are looked up among the system's fonts.
    pub fn fallback_fonts(&self) -> Result<crate::typeset::fallback::FallbackConfig, Error> {
        let file = self.config_file();
        for entry in self.config.fonts.values().flatten() {
            if crate::typeset::fallback::is_font_file(entry) {
                let path = self.root.join(entry);
                let line = line_of_string(&self.config_text, entry);
                confine::confine_path(
                    &self.roots,
                    &path,
                    &Named {
                        what: "font",
                        written: entry,
                        file: &file,
                        line,
                    },
                )?;
                crate::typeset::fallback::check_file(&path)
                    .map_err(|m| Error::config(&file, line, format!("fonts: {m}")))?;
            }
        }
        Ok(crate::typeset::fallback::FallbackConfig {
            entries: self.config.fonts.clone(),
            root: self.root.clone(),
        })
    }
}

/// The project folder and the folders of `allow_paths`, each of which must
/// be an existing folder.
pub(super) fn allowed_roots(
    root: &Path,
    allow_paths: &[String],
    config_file: &Path,
    text: &str,
) -> Result<Roots, Error> {
    let mut allowed = Vec::new();
    for written in allow_paths {
        let folder = root.join(written);
        if confine::is_url(written) || !folder.is_dir() {
            return Err(Error::config(
                config_file,
                line_of_string(text, written),
                format!("allow_paths: `{written}` is not a folder (looked for {}); create it or take it out of the list", folder.display()),
            ));
        }
        allowed.push((written.clone(), folder));
    }
    Ok(Roots::new(root, &allowed))
}

/// The files of `dir` with one of `extensions` (any case), sorted, each
/// confined to `roots`; none when `dir` does not exist.
pub(super) fn files_in(
    roots: &Roots,
    dir: &Path,
    what: &str,
    extensions: &[&str],
) -> Result<Vec<PathBuf>, Error> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| extensions.iter().any(|e| x.eq_ignore_ascii_case(e)))
        })
        .collect();
    paths.sort();
    for path in &paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        confine::confine_path(
            roots,
            path,
            &Named {
                what,
                written: &name,
                file: path,
                line: None,
            },
        )?;
    }
    paths.retain(|p| p.is_file());
    Ok(paths)
}

/// The `.toml` files of the project folder `dir` (called `folder` in the
/// message when it cannot be read), sorted, each with its file stem.
pub fn toml_files(dir: &Path, folder: &str) -> Result<Vec<(PathBuf, String)>, Error> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::config(dir, None, format!("cannot read the {folder} folder: {e}")))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            (path, stem)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_out_of_fonts_and_layouts_are_refused_whatever_their_names() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        std::fs::create_dir_all(root.join("fonts")).unwrap();
        std::fs::create_dir_all(root.join("layouts")).unwrap();
        std::fs::write(
            dir.path().join("outside.otf"),
            crate::typeset::fonts::BUILT_IN[0].1,
        )
        .unwrap();
        let name = std::ffi::OsStr::from_bytes(b"Odd\xff.OTF");
        std::os::unix::fs::symlink(
            dir.path().join("outside.otf"),
            root.join("fonts").join(name),
        )
        .unwrap();
        let project = Project::open(&root).unwrap();
        let msg = project.fonts().unwrap_err().to_string();
        assert!(
            msg.contains("font `Odd\u{FFFD}.OTF`") && msg.contains("outside the project"),
            "{msg}"
        );

        std::fs::write(
            dir.path().join("custom.toml"),
            "description = \"x\"\npage = \"a5\"\n",
        )
        .unwrap();
        std::os::unix::fs::symlink(
            dir.path().join("custom.toml"),
            root.join("layouts/custom.toml"),
        )
        .unwrap();
        let err = Project::open(&root).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.to_string()
                .contains("layouts/custom.toml: layout `custom.toml` is a symbolic link"),
            "{err}"
        );
    }
}
