//! The incremental build cache: `DIR/.zinepress-cache.json` records, per zine,
//! a hash of everything its outputs depend on and the outputs written with
//! their BLAKE3. A zine whose inputs hash the same and whose outputs are still
//! there, byte for byte, is not rebuilt.

use super::date::CommitDates;
use super::{sha256_hex, source_date, BuildOptions, LayoutReport, OutputReport, ZineJob};
use crate::cover::lookup::{markdown_image_sources, muse_image_sources};
use crate::layout::READING_LAYOUT;
use crate::preview::Summary;
use crate::project::confine::{self, Named};
use crate::project::Project;
use crate::source::{Format, Source};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The cache file's name inside the output folder.
pub const CACHE_FILE: &str = ".zinepress-cache.json";

/// Bumped when the meaning of the cache or of the input hash changes.
/// 2: entries hold the zine's summary for the preview page, and failed zines
/// are recorded (never fresh) with their last good outputs.
/// 3: outputs are checked by their BLAKE3; their SHA-256 is kept when a build made it.
/// 4: the input hash is BLAKE3 (SHA-256 in software was most of the hashing of
/// an EPUB-only build: 15M instructions for a 270 KB source).
/// 5: the source's date is hashed last, so that the rest is hashed before git
/// has answered (see [`Inputs`]).
/// 6: the fonts are hashed last but for the date, so that a build does not
/// wait for their hash (see [`SharedInputs::fonts`]).
const FORMAT: u32 = 6;

/// The cache file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    pub format: u32,
    /// The zinepress version that wrote it.
    pub zinepress: String,
    /// Per slug.
    pub zines: BTreeMap<String, CacheEntry>,
    /// The sources' commit dates and the HEAD they were found at (see
    /// [`super::date::prefetch`]).
    #[serde(default)]
    pub dates: CommitDates,
}

/// What the last successful build of one zine used and wrote.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CacheEntry {
    pub source: String,
    /// BLAKE3 of the zine's inputs (see [`input_hash`]).
    pub inputs: String,
    /// Output files, `path` relative to the output folder.
    pub outputs: Vec<OutputReport>,
    pub warnings: Vec<String>,
    /// The warnings the default output shows (see `ZineReport::notices`).
    #[serde(default)]
    pub notices: Vec<String>,
    pub layouts: Vec<LayoutReport>,
    /// Title, authors, pages, words and the repair report, for the preview page.
    #[serde(default)]
    pub summary: Option<Summary>,
    /// Why the last build of the zine failed; its `inputs` are then empty (so
    /// it is never fresh) and `outputs` are those of its last good build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Whether the outputs depend on the fonts (the PDFs, an EPUB's
    /// type-only cover; not an EPUB-only build of a zine with a cover
    /// image): the input hash leaves them out when not. Written only when false.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub uses_fonts: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Cache {
    /// Whether the last build of `slug` succeeded, so that [`Cache::fresh`]
    /// may find it up to date (and its input hash is worth finishing first).
    pub fn knows(&self, slug: &str) -> bool {
        self.zines.get(slug).is_some_and(|e| e.error.is_none())
    }

    /// Whether the last build of `slug` used the fonts (so that its input
    /// hash has them); yes for a zine it does not know.
    pub fn uses_fonts(&self, slug: &str) -> bool {
        self.zines.get(slug).is_none_or(|e| e.uses_fonts)
    }

    /// Reads the cache of `out`; a missing, unreadable or foreign cache is empty.
    pub fn load(out: &Path) -> Cache {
        std::fs::read(out.join(CACHE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
            .filter(|c| c.format == FORMAT && c.zinepress == env!("CARGO_PKG_VERSION"))
            .unwrap_or_default()
    }

    /// Writes the cache atomically, unless the file already holds these bytes.
    pub fn save(&self, out: &Path) -> anyhow::Result<()> {
        /// The file as written, borrowing the entries (a big library's cache is megabytes).
        #[derive(Serialize)]
        struct Written<'a> {
            format: u32,
            zinepress: &'a str,
            zines: &'a BTreeMap<String, CacheEntry>,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            dates: &'a CommitDates,
        }
        let written = Written {
            format: FORMAT,
            zinepress: env!("CARGO_PKG_VERSION"),
            zines: &self.zines,
            dates: &self.dates,
        };
        let mut bytes = serde_json::to_vec_pretty(&written)?;
        bytes.push(b'\n');
        let path = out.join(CACHE_FILE);
        let same_size = std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64);
        if same_size && std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        super::write_atomic(&path, &bytes)
    }

    /// The entry of `slug` if it was built from `inputs` and every output is
    /// still in `out` with the recorded bytes; with `sha256`, each output's
    /// SHA-256 filled in where the build that wrote it did not make it.
    pub fn fresh(&self, slug: &str, inputs: &str, out: &Path, sha256: bool) -> Option<CacheEntry> {
        let mut entry = self
            .zines
            .get(slug)
            .filter(|e| e.error.is_none() && e.inputs == inputs)?
            .clone();
        for o in &mut entry.outputs {
            let bytes = std::fs::read(out.join(&o.path)).ok()?;
            let intact = bytes.len() as u64 == o.bytes
                && !o.blake3.is_empty()
                && blake3::hash(&bytes).to_hex().as_str() == o.blake3;
            if !intact {
                return None;
            }
            if sha256 && o.sha256.is_empty() {
                o.sha256 = sha256_hex(&bytes);
            }
        }
        Some(entry)
    }
}

/// What is shared by every zine of a build: the fonts and the covers folder.
pub struct SharedInputs<'a> {
    loaded: &'a super::BuildFonts<'a>,
    /// The fonts' hash, made once ([`SharedInputs::fonts`]).
    fonts: OnceLock<String>,
    /// Files in covers/, by file stem.
    covers: BTreeMap<String, Vec<PathBuf>>,
}

impl<'a> SharedInputs<'a> {
    pub fn new(project: &Project, fonts: &'a super::BuildFonts<'a>) -> SharedInputs<'a> {
        let mut covers: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
        if let Ok(entries) = std::fs::read_dir(project.covers_dir()) {
            for path in entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
            {
                if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                    covers
                        .entry(stem.to_string())
                        .or_default()
                        .push(path.clone());
                }
            }
        }
        covers.values_mut().for_each(|v| v.sort());
        SharedInputs {
            loaded: fonts,
            fonts: OnceLock::new(),
            covers,
        }
    }

    /// The hash of the fonts' bytes as loaded (1.8 MB for the example
    /// project: 6M instructions). Made on first call; the fonts are in
    /// memory, so it is the same whenever it is made, and a build makes it
    /// on a free core while its zines are built, and adds it to each
    /// zine's hash last but for the date ([`Inputs::finish`]).
    pub fn fonts(&self) -> &str {
        self.fonts.get_or_init(|| {
            let mut h = blake3::Hasher::new();
            for (style, face) in self.loaded.ok().iter().flat_map(|f| f.faces()) {
                field(&mut h, "font", format!("{style:?}").as_bytes());
                field(&mut h, "font-data", blake3::hash(face.data).as_bytes());
            }
            h.finalize().to_hex().to_string()
        })
    }
}

/// A zine's input hash with everything hashed but the fonts and the
/// source's date, which may wait for git: [`Inputs::finish`] adds them.
#[derive(Clone)]
pub struct Inputs {
    hasher: blake3::Hasher,
    source: PathBuf,
    /// The source as parsed to find the images it names, with its length in
    /// bytes, for the build to use ([`Inputs::take_parsed`]).
    parsed: Option<(usize, Source)>,
}

impl Inputs {
    /// The source as hashing it parsed it, if it did (a text that may name
    /// an image), and its length in bytes.
    pub fn take_parsed(&mut self) -> Option<(usize, Source)> {
        self.parsed.take()
    }

    /// The input hash, the fonts (when the outputs use them) and then the
    /// source's date hashed last.
    pub fn finish(&self, shared: &SharedInputs, fonts: bool) -> String {
        let mut h = self.hasher.clone();
        if fonts {
            field(&mut h, "fonts", shared.fonts().as_bytes());
        }
        field(
            &mut h,
            "date",
            source_date(&self.source).to_string().as_bytes(),
        );
        h.finalize().to_hex().to_string()
    }
}

/// BLAKE3 over everything a zine's outputs depend on: the zinepress version,
/// the source's bytes, its zinepress.toml table, the project defaults,
/// the layout files it uses, zinepress.toml's fallback fonts, the project's
/// language files, its cover and the build options, and last the fonts and
/// the source's date ([`Inputs::finish`]).
/// `None` when the source cannot be read (the build then reports why).
pub fn input_hash(
    project: &Project,
    job: &ZineJob,
    opts: &BuildOptions,
    shared: &SharedInputs,
) -> Option<Inputs> {
    let mut h = blake3::Hasher::new();
    field(&mut h, "format", FORMAT.to_string().as_bytes());
    field(&mut h, "zinepress", env!("CARGO_PKG_VERSION").as_bytes());
    let source = std::fs::read(&job.source_path).ok()?;
    field(&mut h, "source", &source);
    field(&mut h, "entry", &serde_json::to_vec(&job.entry).ok()?);
    let defaults = &project.config.project;
    let defaults = serde_json::json!({
        "language": project.language(),
        "layouts": project.default_layouts(),
        "authors": defaults.authors,
        "rights": defaults.rights,
        "allow_paths": defaults.allow_paths,
    });
    field(&mut h, "defaults", defaults.to_string().as_bytes());
    let options = serde_json::json!({
        "epub": opts.epub,
        "pdf": opts.pdf,
        "layouts": opts.layouts,
        "proof": opts.proof,
        "guide_page": opts.guide_page,
    });
    field(&mut h, "options", options.to_string().as_bytes());
    // The reading layout also sets the EPUB's type-only cover.
    if opts.pdf || opts.epub {
        let names = if opts.pdf {
            opts.layouts
                .clone()
                .or_else(|| job.entry.layouts.clone())
                .unwrap_or_else(|| project.default_layouts())
        } else {
            Vec::new()
        };
        for name in std::iter::once(READING_LAYOUT.to_string()).chain(names) {
            field(&mut h, "layout", name.as_bytes());
            field(
                &mut h,
                "layout-text",
                project.layouts.text(&name).unwrap_or_default().as_bytes(),
            );
        }
    }
    field(
        &mut h,
        "fallback-fonts",
        serde_json::to_string(&project.config.fonts)
            .ok()?
            .as_bytes(),
    );
    for (tag, text) in project.locales.own_texts() {
        field(&mut h, "locale", tag.as_bytes());
        field(&mut h, "locale-text", text.as_bytes());
    }
    let (files, parsed) = named_files(project, job, &source, shared);
    for (label, path) in files {
        field(
            &mut h,
            label,
            path.as_deref()
                .map(|p| p.to_string_lossy())
                .unwrap_or_default()
                .as_bytes(),
        );
        match path.map(std::fs::read) {
            Some(Ok(bytes)) => field(&mut h, "data", blake3::hash(&bytes).as_bytes()),
            Some(Err(_)) => field(&mut h, "missing", b""),
            None => field(&mut h, "refused", b""),
        }
    }
    Some(Inputs {
        hasher: h,
        source: job.source_path.clone(),
        parsed: parsed.map(|p| (source.len(), p)),
    })
}

/// The image files a zine may use: its cover (`cover = …`, else front matter's
/// `cover:`, else any `covers/SLUG.*`) and the figures its Markdown or Muse names, each
/// `None` when the project's rule refuses it (it is then never read: the
/// build refuses it too, and a failed zine is not cached); and the source
/// parsed, when it was.
#[allow(clippy::type_complexity)]
fn named_files(
    project: &Project,
    job: &ZineJob,
    source: &[u8],
    shared: &SharedInputs,
) -> (Vec<(&'static str, Option<PathBuf>)>, Option<Source>) {
    let roots = project.roots_for(&job.source_path);
    let confined = |base: &Path, written: &str| {
        let named = Named {
            what: "file",
            written,
            file: &job.source_path,
            line: None,
        };
        confine::confine(&roots, base, &named).ok()
    };
    let mut files: Vec<(&str, Option<PathBuf>)> = Vec::new();
    if let Some(cover) = &job.entry.cover {
        files.push(("cover", confined(&project.root, cover)));
    }
    for cover in shared.covers.get(&job.slug).into_iter().flatten() {
        files.push((
            "cover",
            confined(
                &project.covers_dir(),
                &cover.file_name().unwrap_or_default().to_string_lossy(),
            ),
        ));
    }
    // Only a Markdown or Muse source names files; reading it again costs a
    // parse, which a text that cannot name one is spared.
    let source = may_name_files(source)
        .then(|| Source::from_bytes(&job.source_path, source, &job.entry).ok())
        .flatten();
    if let Some(source) = source.as_ref().filter(|s| s.format != Format::Text) {
        let base = job.source_path.parent().unwrap_or(Path::new("."));
        if let Some((cover, _)) = &source.front_matter.cover {
            files.push(("front-matter-cover", confined(base, cover)));
        }
        let figures = if source.format == Format::Muse {
            muse_image_sources(&source.text)
        } else {
            markdown_image_sources(&source.text)
        };
        for src in figures {
            files.push(("figure", confined(base, &src)));
        }
    }
    (files, source)
}

/// Whether a source's bytes may name an image: every Markdown image has
/// `![`, every Muse one `[[`, and front matter names a cover by `cover`. A
/// text in another encoding than UTF-8 is parsed to tell.
fn may_name_files(source: &[u8]) -> bool {
    std::str::from_utf8(source).map_or(true, |t| {
        ["![", "[[", "cover"].iter().any(|m| t.contains(m))
    })
}

/// Adds a labelled, length-prefixed field, so that no two inputs hash alike.
fn field(h: &mut blake3::Hasher, label: &str, bytes: &[u8]) {
    h.update(&(label.len() as u64).to_le_bytes());
    h.update(label.as_bytes());
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_do_not_run_together() {
        let hash = |parts: &[(&str, &[u8])]| {
            let mut h = blake3::Hasher::new();
            parts.iter().for_each(|(l, b)| field(&mut h, l, b));
            h.finalize()
        };
        assert_ne!(hash(&[("a", b"bc")]), hash(&[("ab", b"c")]));
        assert_ne!(
            hash(&[("a", b"b"), ("a", b"")]),
            hash(&[("a", b""), ("a", b"b")])
        );
    }

    #[test]
    fn only_a_source_that_may_name_an_image_is_parsed_for_one() {
        assert!(may_name_files(b"Text with ![a figure](f.png)."));
        assert!(may_name_files(b"Muse [[f.png]]"));
        assert!(may_name_files(b"---\ncover: c.png\n---\nText"));
        assert!(may_name_files(b"\xff\xfeT\0e\0x\0t\0"));
        assert!(!may_name_files(
            b"Plain text [1] with a note and an image word."
        ));
    }

    #[test]
    fn a_foreign_cache_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CACHE_FILE),
            "{\"format\": 999, \"zinepress\": \"x\", \"zines\": {}}",
        )
        .unwrap();
        assert!(Cache::load(dir.path()).zines.is_empty());
        std::fs::write(dir.path().join(CACHE_FILE), "not json").unwrap();
        assert!(Cache::load(dir.path()).zines.is_empty());
    }
}
