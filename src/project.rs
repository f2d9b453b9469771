//! The project: zinepress.toml, and where sources, fonts, covers and layouts live.
//! `config` reads zinepress.toml, `files` finds the files of the project's
//! folders (each confined to the project), `zines` says which zines it builds.

mod config;
pub mod confine;
mod files;
mod zines;

pub use config::{check_language, ConfigFile, ProjectDefaults, ZineEntry, CONFIG_FILE, MAX_PAGES};
pub use files::toml_files;
pub use zines::{sanitize_slug, slug_for};

use crate::error::Error;
use crate::lang::Locales;
use crate::layout::LayoutSet;
use config::line_of_string;
use confine::{Named, Roots};
use files::{allowed_roots, files_in};
use std::path::{Path, PathBuf};

/// A loaded project.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config: ConfigFile,
    /// Where the config came from; `None` when the project has no zinepress.toml.
    pub config_path: Option<PathBuf>,
    pub layouts: LayoutSet,
    /// The languages: built in, and the project's `locales/*.toml`.
    pub locales: Locales,
    /// The folders named files may lie in: the project and `allow_paths`.
    pub roots: Roots,
    /// zinepress.toml's text, for the lines of messages.
    config_text: String,
}

impl Project {
    /// Opens the project at `root`. A folder without zinepress.toml is a project
    /// with defaults whose zines are the files in `sources/`.
    pub fn open(root: &Path) -> Result<Project, Error> {
        let config_path = root.join(CONFIG_FILE);
        let (config, config_path, text) = if config_path.is_file() {
            let text = std::fs::read_to_string(&config_path)
                .map_err(|e| Error::config(&config_path, None, format!("cannot read: {e}")))?;
            (
                ConfigFile::parse(&text, &config_path)?,
                Some(config_path),
                text,
            )
        } else {
            (ConfigFile::default(), None, String::new())
        };
        let config_file = config_path
            .clone()
            .unwrap_or_else(|| root.join(CONFIG_FILE));
        let roots = allowed_roots(root, &config.project.allow_paths, &config_file, &text)?;
        files_in(&roots, &root.join("layouts"), "layout", &["toml"]).map_err(Error::into_config)?;
        let layouts = LayoutSet::load(Some(&root.join("layouts")))?;
        files_in(&roots, &root.join("locales"), "language file", &["toml"])
            .map_err(Error::into_config)?;
        let locales = Locales::load(Some(&root.join("locales")))?;
        let project = Project {
            root: root.to_path_buf(),
            config,
            config_path,
            layouts,
            locales,
            roots,
            config_text: text,
        };
        project.check_layout_names(&project.config_text)?;
        project.check_sources(&project.config_text)?;
        Ok(project)
    }

    /// zinepress.toml (also when the project has none), for messages.
    pub fn config_file(&self) -> PathBuf {
        self.config_path
            .clone()
            .unwrap_or_else(|| self.root.join(CONFIG_FILE))
    }

    /// The line of zinepress.toml where the string `value` is first written.
    pub fn config_line(&self, value: &str) -> Option<usize> {
        line_of_string(&self.config_text, value)
    }

    fn check_layout_names(&self, text: &str) -> Result<(), Error> {
        let lists = std::iter::once(&self.config.project.layouts)
            .chain(self.config.zines.iter().map(|z| &z.layouts));
        for list in lists.flatten() {
            for name in list {
                self.layouts.get(name).map_err(|m| {
                    Error::config(&self.config_file(), line_of_string(text, name), m)
                })?;
            }
        }
        Ok(())
    }

    /// A `[[zine]]` source must lie inside the project, also after following
    /// symlinks, so a shared zinepress.toml can't make zinepress read (and
    /// publish) files from elsewhere. (Paths given on the command line are the
    /// user's own choice and may be anywhere.) A missing source is that zine's
    /// error, when it is built.
    fn check_sources(&self, text: &str) -> Result<(), Error> {
        let file = self.config_file();
        for zine in &self.config.zines {
            let named = Named {
                what: "source",
                written: &zine.source,
                file: &file,
                line: line_of_string(text, &zine.source),
            };
            confine::confine(&self.roots, &self.root, &named).map_err(Error::into_config)?;
        }
        Ok(())
    }

    /// The language data of a zine in language `tag`.
    pub fn locale(&self, tag: &str) -> crate::lang::Locale {
        self.locales.resolve(tag).locale
    }

    pub fn fonts_dir(&self) -> PathBuf {
        self.root.join("fonts")
    }
    pub fn covers_dir(&self) -> PathBuf {
        self.root.join("covers")
    }
    pub fn sources_dir(&self) -> PathBuf {
        self.root.join("sources")
    }

    pub fn max_source_bytes(&self) -> usize {
        self.config
            .project
            .max_source_mb
            .map(|mb| (mb as usize).saturating_mul(1024 * 1024))
            .unwrap_or(crate::source::MAX_SOURCE_BYTES)
    }

    pub fn max_pages(&self) -> usize {
        self.config.project.max_pages.unwrap_or(MAX_PAGES)
    }

    pub fn language(&self) -> String {
        self.config
            .project
            .language
            .clone()
            .unwrap_or_else(|| "en".to_string())
    }

    pub fn default_layouts(&self) -> Vec<String> {
        self.config
            .project
            .layouts
            .clone()
            .unwrap_or_else(|| vec!["booklet-letter".to_string(), "booklet-a4".to_string()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_outside_the_project_are_refused() {
        let dir = std::env::temp_dir().join(format!("zinepress-project-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(CONFIG_FILE),
            "[[zine]]\nsource = \"sources/a.txt\"\n\n[[zine]]\nsource = \"../../x.txt\"\n",
        )
        .unwrap();
        let msg = Project::open(&dir).unwrap_err().to_string();
        assert!(
            msg.contains("zinepress.toml:5") && msg.contains("outside the project"),
            "{msg}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn allow_paths_must_be_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("shared")).unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "[project]\nallow_paths = [\"shared\"]\n",
        )
        .unwrap();
        assert!(Project::open(dir.path()).is_ok());
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "[project]\nlanguage = \"en\"\nallow_paths = [\"shared\", \"../missing\"]\n",
        )
        .unwrap();
        let msg = Project::open(dir.path()).unwrap_err().to_string();
        assert!(
            msg.contains("zinepress.toml:3") && msg.contains("`../missing` is not a folder"),
            "{msg}"
        );
    }

    #[test]
    fn unknown_layout_names_the_line() {
        let dir =
            std::env::temp_dir().join(format!("zinepress-project-layout-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(CONFIG_FILE),
            "[project]\nlanguage = \"en\"\nlayouts = [\"booklet-legal\"]\n",
        )
        .unwrap();
        let msg = Project::open(&dir).unwrap_err().to_string();
        assert!(
            msg.contains("zinepress.toml:3") && msg.contains("booklet-a4"),
            "{msg}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
