//! The one rule for every path a source or the project names: it must lead,
//! after following symbolic links, to a file inside the project folder (or a
//! folder the project opted in with `allow_paths`). URLs are never fetched.
//!
//! Images in Markdown (and in any other reader), covers named in zinepress.toml
//! or in front matter, `[[zine]] source`, and the files found in `sources/`,
//! `covers/`, `fonts/` and `layouts/` all go through [`resolve_file`] (or
//! [`confine`], when a missing file is someone else's error). A reader that
//! includes a file names it with a [`Named`] and calls the same function with
//! the project's [`Roots`] (`Project::roots_for(source)`).

use crate::error::Error;
use std::path::{Component, Path, PathBuf};

/// Why a folder may be read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Why {
    Project,
    /// Listed in `allow_paths`, as written there.
    Allowed(String),
    /// The own folder of a source given on the command line outside the project.
    SourceFolder,
}

/// A folder paths may lead into, as given (made absolute) and with links resolved.
#[derive(Debug, Clone)]
struct Root {
    lexical: PathBuf,
    real: PathBuf,
    why: Why,
}

impl Root {
    fn new(folder: &Path, why: Why) -> Root {
        let lexical = lexical(folder);
        let real = folder.canonicalize().unwrap_or_else(|_| lexical.clone());
        Root { lexical, real, why }
    }
}

/// The folders named paths may lead into: the project folder first, then the
/// opted-in ones.
#[derive(Debug, Clone)]
pub struct Roots {
    roots: Vec<Root>,
}

impl Roots {
    /// The project folder and the folders listed in `allow_paths` (as written
    /// there, and where they are).
    pub fn new(project: &Path, allowed: &[(String, PathBuf)]) -> Roots {
        let mut roots = vec![Root::new(project, Why::Project)];
        roots.extend(
            allowed
                .iter()
                .map(|(written, folder)| Root::new(folder, Why::Allowed(written.clone()))),
        );
        Roots { roots }
    }

    /// These roots, plus the folder of `source` when the source itself lies
    /// outside all of them (a file given on the command line): its images
    /// may then come from its own folder and below, as well as the project.
    pub fn with_source(&self, source: &Path) -> Roots {
        let real = source.canonicalize().unwrap_or_else(|_| lexical(source));
        let mut roots = self.clone();
        if !self.holds(&real) {
            if let Some(folder) = real.parent() {
                roots.roots.push(Root::new(folder, Why::SourceFolder));
            }
        }
        roots
    }

    /// Whether a path with links resolved lies inside one of the folders.
    fn holds(&self, real: &Path) -> bool {
        self.roots.iter().any(|r| real.starts_with(&r.real))
    }

    /// Whether a path whose `..` were removed lies inside one of the folders.
    fn holds_lexically(&self, path: &Path) -> bool {
        self.roots
            .iter()
            .any(|r| path.starts_with(&r.lexical) || path.starts_with(&r.real))
    }

    /// The rule, in words, for messages.
    fn rule(&self) -> String {
        let mut places = vec!["the project folder".to_string()];
        let allowed: Vec<String> = self
            .roots
            .iter()
            .filter_map(|r| match &r.why {
                Why::Allowed(w) => Some(format!("`{w}`")),
                _ => None,
            })
            .collect();
        if !allowed.is_empty() {
            places.push(format!(
                "the folders of allow_paths ({})",
                allowed.join(", ")
            ));
        }
        if self.roots.iter().any(|r| r.why == Why::SourceFolder) {
            places.push("the source's own folder".to_string());
        }
        let last = places.pop().unwrap_or_default();
        let places = if places.is_empty() {
            last
        } else {
            format!("{} or {last}", places.join(", "))
        };
        format!("the files a zine uses (images, covers, fonts, layouts, sources) must lie inside {places}")
    }
}

/// A path as written, and where: what it names ("image", "cover", "font"),
/// the file that names it and the line, for messages.
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    pub what: &'a str,
    pub written: &'a str,
    pub file: &'a Path,
    pub line: Option<usize>,
}

impl Named<'_> {
    /// An error about this path, naming the file and line that named it.
    pub fn error(&self, message: String) -> Error {
        Error::input(self.file, self.line, message)
    }
}

/// What to do about a file outside the allowed folders.
const FIX: &str =
    "copy the file into the project (for an image, beside the source) and name it from there, \
                   or list its folder in `allow_paths` under [project] in zinepress.toml";

/// Checks that `named.written`, taken relative to `base` (absolute paths as
/// they are), lies inside `roots`, also after following links when it exists.
/// Returns the path joined to `base`, which may not exist. A URL (`http:`,
/// `data:`, `//host` …) is refused: zinepress never fetches anything.
pub fn confine(roots: &Roots, base: &Path, named: &Named) -> Result<PathBuf, Error> {
    if is_url(named.written) {
        return Err(named.error(format!(
            "{} `{}` is a URL; zinepress works offline and never fetches files: save the file in the project and name it",
            named.what, named.written
        )));
    }
    let path = base.join(named.written);
    confine_path(roots, &path, named)?;
    Ok(path)
}

/// The check of [`confine`] on a path already joined to its base (a file
/// found in a folder, whose name need not be UTF-8).
pub fn confine_path(roots: &Roots, path: &Path, named: &Named) -> Result<(), Error> {
    let (what, written) = (named.what, named.written);
    // Checked before anything is read, so a file outside is refused whether
    // or not it exists (the message tells nothing about the machine).
    if !roots.holds_lexically(&lexical(path)) {
        return Err(named.error(format!(
            "{what} `{written}` is outside the project: {}; {FIX}",
            roots.rule()
        )));
    }
    // A missing file is judged by its nearest existing folder, so a link out
    // of the project cannot be used to ask whether a file exists beyond it.
    if let Some(real) = path.ancestors().find_map(|p| p.canonicalize().ok()) {
        if !roots.holds(&real) {
            return Err(named.error(format!(
                "{what} `{written}` is a symbolic link (or passes through one) to a file outside the project: {}; \
                 copy the file itself into the project instead of linking to it",
                roots.rule()
            )));
        }
    }
    Ok(())
}

/// [`confine`], and the path must be an existing file: the one check every
/// path a source or the project names goes through before it is read.
pub fn resolve_file(roots: &Roots, base: &Path, named: &Named) -> Result<PathBuf, Error> {
    let path = confine(roots, base, named)?;
    if path.is_file() {
        Ok(path)
    } else if path.is_dir() {
        Err(named.error(format!(
            "{} `{}` is a folder, not a file; name the file",
            named.what, named.written
        )))
    } else {
        Err(named.error(format!(
            "{} `{}` not found (looked for {}); put the file there or fix the path",
            named.what,
            named.written,
            path.display()
        )))
    }
}

/// Whether a reference is a URL rather than a file: it starts with a scheme
/// (`http:`, `https:`, `ftp:`, `data:`, `file:`, `mailto:` …, any letters
/// followed by `:`) or with `//` (a host).
pub fn is_url(written: &str) -> bool {
    let written = written.trim();
    if written.starts_with("//") || written.starts_with("\\\\") {
        return true;
    }
    let Some((scheme, _)) = written.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `path` made absolute (against the current folder) with `.` and `..`
/// removed, without looking at the file system.
pub fn lexical(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named<'a>(written: &'a str) -> Named<'a> {
        Named {
            what: "image",
            written,
            file: Path::new("sources/essay.md"),
            line: Some(3),
        }
    }

    /// A project with `sources/pic.png`, and beside it `outside/secret.png`.
    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        std::fs::create_dir_all(root.join("sources")).unwrap();
        std::fs::create_dir_all(dir.path().join("outside")).unwrap();
        std::fs::write(root.join("sources/pic.png"), b"png").unwrap();
        std::fs::write(dir.path().join("outside/secret.png"), b"secret").unwrap();
        (dir, root)
    }

    #[test]
    fn urls_are_told_from_files() {
        for url in [
            "http://a.org/x.png",
            "https://a.org/x.png",
            "HTTPS://A.ORG/X",
            "ftp://a/x",
            "//cdn.org/x.png",
            "data:image/png;base64,AAAA",
            "file:///etc/x",
            "mailto:a@b",
            "svn+ssh://h/x",
        ] {
            assert!(is_url(url), "{url}");
        }
        for file in [
            "pic.png",
            "images/pic.png",
            "../pic.png",
            "/abs/pic.png",
            "a picture.png",
            "1:2.png",
            "",
        ] {
            assert!(!is_url(file), "{file}");
        }
    }

    #[test]
    fn lexical_removes_dots_without_the_file_system() {
        assert_eq!(lexical(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(lexical(Path::new("/a/../../x")), PathBuf::from("/x"));
        assert!(lexical(Path::new("rel")).is_absolute());
    }

    #[test]
    fn files_inside_pass_and_outside_are_refused_with_the_rule() {
        let (_dir, root) = project();
        let roots = Roots::new(&root, &[]);
        let base = root.join("sources");
        assert_eq!(
            resolve_file(&roots, &base, &named("pic.png")).unwrap(),
            base.join("pic.png")
        );
        assert_eq!(
            resolve_file(&roots, &base, &named("./../sources/pic.png")).unwrap(),
            base.join("./../sources/pic.png")
        );
        for bad in [
            "../../outside/secret.png",
            "../../outside/none.png",
            "/etc/hostname",
        ] {
            let msg = resolve_file(&roots, &base, &named(bad))
                .unwrap_err()
                .to_string();
            assert!(msg.starts_with("sources/essay.md:3: image `"), "{msg}");
            assert!(
                msg.contains("outside the project") && msg.contains("allow_paths"),
                "{msg}"
            );
            assert!(
                !msg.contains("not found"),
                "a file outside is refused before it is looked for: {msg}"
            );
        }
        let msg = resolve_file(&roots, &base, &named("none.png"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("not found"), "{msg}");
        let msg = resolve_file(&roots, &root, &named("sources"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("a folder, not a file"), "{msg}");
        let msg = resolve_file(&roots, &base, &named("https://a.org/x.png"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("URL") && msg.contains("offline"), "{msg}");
    }

    #[test]
    fn links_out_of_the_project_are_refused() {
        let (dir, root) = project();
        let roots = Roots::new(&root, &[]);
        let base = root.join("sources");
        std::os::unix::fs::symlink(dir.path().join("outside/secret.png"), base.join("link.png"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside"), base.join("shared")).unwrap();
        std::os::unix::fs::symlink(base.join("pic.png"), base.join("inner.png")).unwrap();
        for bad in ["link.png", "shared/secret.png", "shared/nothing.png"] {
            let msg = resolve_file(&roots, &base, &named(bad))
                .unwrap_err()
                .to_string();
            assert!(
                msg.contains("symbolic link") && msg.contains("outside the project"),
                "{msg}"
            );
        }
        assert!(
            resolve_file(&roots, &base, &named("inner.png")).is_ok(),
            "a link inside the project is fine"
        );
    }

    #[test]
    fn opted_in_folders_and_a_lone_sources_folder() {
        let (dir, root) = project();
        let outside = dir.path().join("outside");
        let base = root.join("sources");
        let roots = Roots::new(
            &root,
            &[("../outside".to_string(), root.join("../outside"))],
        );
        assert!(resolve_file(&roots, &base, &named("../../outside/secret.png")).is_ok());
        std::os::unix::fs::symlink(outside.join("secret.png"), base.join("link.png")).unwrap();
        assert!(
            resolve_file(&roots, &base, &named("link.png")).is_ok(),
            "a link into an opted-in folder is fine"
        );
        let msg = resolve_file(&roots, &base, &named("/etc/hostname"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("allow_paths (`../outside`)"), "{msg}");

        // A source outside the project may use its own folder, and the project.
        let lone = Roots::new(&root, &[]).with_source(&outside.join("essay.md"));
        assert!(resolve_file(&lone, &outside, &named("secret.png")).is_ok());
        assert!(resolve_file(&lone, &outside, &named("../project/sources/pic.png")).is_ok());
        let msg = resolve_file(&lone, &outside, &named("../../x.png"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("the source's own folder"), "{msg}");
        // A source inside the project adds nothing.
        let inside = Roots::new(&root, &[]).with_source(&base.join("essay.md"));
        assert!(resolve_file(&inside, &base, &named("../../outside/secret.png")).is_err());
    }
}
