//! The project: zinepress.toml, and where sources, fonts, covers and layouts live.

pub mod confine;

use crate::error::Error;
use crate::layout::LayoutSet;
use confine::{Named, Roots};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "zinepress.toml";

/// zinepress.toml as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub project: ProjectDefaults,
    #[serde(default, rename = "zine")]
    pub zines: Vec<ZineEntry>,
}

/// Defaults for every zine of the project.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectDefaults {
    /// BCP 47 language tag; default "en".
    pub language: Option<String>,
    /// Imposed layouts built for each zine; default booklet-letter and booklet-a4.
    pub layouts: Option<Vec<String>>,
    pub authors: Option<Vec<String>>,
    pub rights: Option<String>,
    /// Largest source accepted, in MB (default 20).
    pub max_source_mb: Option<u64>,
    /// Most pages a zine may have in any layout (default 2000).
    pub max_pages: Option<usize>,
    /// Folders outside the project that sources may name files in (relative
    /// to the project, or absolute); by default none.
    #[serde(default)]
    pub allow_paths: Vec<String>,
}

/// Default of `max_pages`.
pub const MAX_PAGES: usize = 2000;

/// One `[[zine]]` table.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ZineEntry {
    /// Path of the source, relative to the project root.
    pub source: String,
    /// Output name; default the source's file stem.
    pub slug: Option<String>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Option<Vec<String>>,
    pub language: Option<String>,
    pub layouts: Option<Vec<String>>,
    pub description: Option<String>,
    #[serde(default)]
    pub subjects: Vec<String>,
    pub rights: Option<String>,
    pub identifier: Option<String>,
    /// Cover image, relative to the project; default `covers/SLUG.{png,jpg,jpeg,webp}`.
    pub cover: Option<String>,
    /// This zine's cover design, over the layout's: full-bleed, framed or type-only.
    pub cover_design: Option<crate::cover::CoverDesign>,
    /// Alt text of the cover in the EPUB; default "Cover of TITLE".
    pub cover_alt: Option<String>,
    /// Back-cover text; default the description or the opening of the text.
    pub blurb: Option<String>,
    /// Drop this many lines at the top of the source (a front block).
    pub skip_lines: Option<usize>,
    /// Keep the source up to and including this line number.
    pub end_at_line: Option<usize>,
    /// End the text after the first line containing this phrase.
    pub end_after: Option<String>,
    /// End the text before the first line starting with this phrase.
    pub end_before: Option<String>,
}

/// A loaded project.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config: ConfigFile,
    /// Where the config came from; `None` when the project has no zinepress.toml.
    pub config_path: Option<PathBuf>,
    pub layouts: LayoutSet,
    /// The folders named files may lie in: the project and `allow_paths`.
    pub roots: Roots,
    /// zinepress.toml's text, for the lines of messages.
    config_text: String,
}

impl ConfigFile {
    /// Parses zinepress.toml text; `file` is only for messages.
    pub fn parse(text: &str, file: &Path) -> Result<ConfigFile, Error> {
        let config: ConfigFile =
            toml::from_str(text).map_err(|e| Error::from_toml(file, text, &e))?;
        if let Some(lang) = &config.project.language {
            check_language(lang)
                .map_err(|m| Error::config(file, None, format!("project.language: {m}")))?;
        }
        for (i, zine) in config.zines.iter().enumerate() {
            if let Some(lang) = &zine.language {
                check_language(lang).map_err(|m| {
                    Error::config(file, None, format!("zine #{} language: {m}", i + 1))
                })?;
            }
            if zine.end_at_line.is_some() as u8
                + zine.end_after.is_some() as u8
                + zine.end_before.is_some() as u8
                > 1
            {
                return Err(Error::config(
                    file,
                    None,
                    format!(
                        "zine `{}`: use only one of end_at_line, end_after, end_before",
                        zine.source
                    ),
                ));
            }
        }
        Ok(config)
    }
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
        let project = Project {
            root: root.to_path_buf(),
            config,
            config_path,
            layouts,
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
        crate::typeset::fonts::Fonts::load(Some(&self.fonts_dir()))
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

    /// The zines to build when no path is given: every `[[zine]]`, or every
    /// .txt, .md and .muse file in sources/ when there is none.
    pub fn zines(&self) -> Result<Vec<ZineEntry>, Error> {
        if !self.config.zines.is_empty() {
            return Ok(self.config.zines.clone());
        }
        let dir = self.sources_dir();
        if let Err(e) = std::fs::read_dir(&dir) {
            return Err(Error::config(&dir, None, format!("cannot read the sources folder ({e}); add sources/ or [[zine]] tables to {CONFIG_FILE}")));
        }
        Ok(self
            .files_in(&dir, "source", &["txt", "md", "muse"])?
            .into_iter()
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| x == "txt" || x == "md" || x == "muse")
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

/// The project folder and the folders of `allow_paths`, each of which must
/// be an existing folder.
fn allowed_roots(
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
fn files_in(
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

/// 1-based line of the first quoted occurrence of `value` in a TOML text.
fn line_of_string(text: &str, value: &str) -> Option<usize> {
    let quoted = format!("\"{value}\"");
    text.find(&quoted)
        .map(|offset| crate::error::line_of_offset(text, offset))
}

/// Checks that a language tag looks like BCP 47 ("en", "pt-BR"); "C" and "" are refused.
pub fn check_language(tag: &str) -> Result<(), String> {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let ok_primary =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    let ok_rest =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok_primary && ok_rest {
        Ok(())
    } else {
        Err(format!(
            "`{tag}` is not a language tag; write one like \"en\", \"es\" or \"pt-BR\""
        ))
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
    fn languages() {
        assert!(check_language("en").is_ok());
        assert!(check_language("pt-BR").is_ok());
        assert!(check_language("C").is_err());
        assert!(check_language("").is_err());
    }

    #[test]
    fn config_typo_names_key_and_line() {
        let text = "[project]\nlanguage = \"en\"\n\n[[zine]]\nsource = \"a.txt\"\ntitel = \"x\"\n";
        let msg = ConfigFile::parse(text, Path::new("zinepress.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("titel") && msg.contains("zinepress.toml:6"),
            "{msg}"
        );
    }

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

    #[test]
    fn wrong_type_is_an_error() {
        let text = "[project]\nlayouts = \"booklet-a4\"\n";
        assert!(ConfigFile::parse(text, Path::new("zinepress.toml")).is_err());
    }
}
