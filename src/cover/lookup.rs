//! Finding a zine's images: the cover (`covers/SLUG.{png,jpg,jpeg,webp}` or
//! `cover = "path"`) and the figures its Markdown source refers to.

use super::{decode, CoverDesign, Picture};
use crate::document::{Block, Document};
use crate::error::Error;
use crate::project::confine::{self, Named, Roots};
use crate::project::{Project, ZineEntry};
use crate::source::Source;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Extensions tried for `covers/SLUG.*`, in order.
pub const COVER_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

/// A zine's images and cover settings, loaded once and shared by every layout.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    pub cover: Option<Arc<Picture>>,
    /// Figures by `src` as written in the source.
    pub figures: BTreeMap<String, Arc<Picture>>,
    /// The zine's own cover design (`cover_design` in zinepress.toml).
    pub design: Option<CoverDesign>,
    /// The configured back-cover blurb.
    pub blurb: Option<String>,
    /// The cover's alt text for the EPUB.
    pub cover_alt: Option<String>,
    pub warnings: Vec<String>,
}

impl Assets {
    /// Lets go of every image's print images in `mode` ([`Picture::forget_prints`]).
    pub fn forget_prints(&self, mode: super::PrintMode) {
        for pic in self.cover.iter().chain(self.figures.values()) {
            pic.forget_prints(mode);
        }
    }

    /// Lets go of every image's decoded pixels ([`Picture::forget_pixels`]).
    pub fn forget_pixels(&self) {
        for pic in self.cover.iter().chain(self.figures.values()) {
            pic.forget_pixels();
        }
    }

    /// Finds the cover and figures of a zine and reads their headers; with
    /// `pixels` (when PDFs are made) also decodes them, so a damaged file is
    /// an error here. Without it (an EPUB-only build) a file that goes into
    /// the EPUB as it is never gets decoded. Every file goes through the
    /// project's one rule ([`confine::resolve_file`]); a URL is never fetched:
    /// the image is left out with a warning, and its alt text stands in its place.
    pub fn load(
        project: &Project,
        entry: &ZineEntry,
        slug: &str,
        source_path: &Path,
        doc: &Document,
        pixels: bool,
    ) -> Result<Assets, Error> {
        Assets::load_cover(project, entry, slug, source_path, None, pixels)?.with_figures(
            project,
            source_path,
            doc,
            pixels,
        )
    }

    /// What [`Assets::load`] does before it needs the document: the cover
    /// found, read and (with `pixels`) decoded. A build does it while the
    /// source is repaired; [`CoverLoaded::with_figures`] does the rest.
    /// `source` is the source as the build read it (`None`: it is read again).
    pub fn load_cover(
        project: &Project,
        entry: &ZineEntry,
        slug: &str,
        source_path: &Path,
        source: Option<Source>,
        pixels: bool,
    ) -> Result<CoverLoaded, Error> {
        let mut assets = Assets {
            design: entry.cover_design,
            blurb: entry.blurb.clone(),
            cover_alt: entry.cover_alt.clone(),
            ..Default::default()
        };
        let roots = project.roots_for(source_path);
        let base = source_path.parent().unwrap_or(Path::new("."));
        let config = project.config_file();
        // The source again, for what the document does not keep: the cover
        // its front matter names, and the file lines of its images.
        let source = source.or_else(|| reread(source_path, entry));
        let front_cover = source.as_ref().and_then(|s| s.front_matter.cover.clone());
        let cover_path = match (&entry.cover, &front_cover) {
            (Some(written), _) => {
                let named = Named {
                    what: "cover",
                    written,
                    file: &config,
                    line: project.config_line(written),
                };
                local_image(&roots, &project.root, &named, &mut assets.warnings)?
            }
            (None, Some((written, line))) => {
                let named = Named {
                    what: "cover",
                    written,
                    file: source_path,
                    line: Some(*line),
                };
                local_image(&roots, base, &named, &mut assets.warnings)?
            }
            (None, None) => {
                let (found, extra) = find_cover(&project.covers_dir(), slug);
                if let (Some(f), Some(x)) = (&found, extra) {
                    assets.warnings.push(format!(
                        "two covers for {slug}: using {} and not {}",
                        f.display(),
                        x.display()
                    ));
                }
                match found {
                    Some(path) => {
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let named = Named {
                            what: "cover",
                            written: &name,
                            file: &path,
                            line: None,
                        };
                        Some(confine::resolve_file(
                            &roots,
                            &project.covers_dir(),
                            &named,
                        )?)
                    }
                    None => None,
                }
            }
        };
        if let Some(path) = cover_path {
            let pic = read(&path, pixels)
                .map_err(|m| Error::input(&path, None, format!("cannot use the cover: {m}")))?;
            assets.cover = Some(Arc::new(pic));
        }
        Ok(CoverLoaded { assets, source })
    }
}

/// A zine's assets with the cover loaded, and the source as read again for
/// it, which the figures' line numbers come from.
pub struct CoverLoaded {
    assets: Assets,
    source: Option<Source>,
}

impl CoverLoaded {
    /// Adds the figures `doc` shows, found, read and (with `pixels`) decoded.
    pub fn with_figures(
        self,
        project: &Project,
        source_path: &Path,
        doc: &Document,
        pixels: bool,
    ) -> Result<Assets, Error> {
        let CoverLoaded { mut assets, source } = self;
        let roots = project.roots_for(source_path);
        let base = source_path.parent().unwrap_or(Path::new("."));
        let line_of = |src: &str| {
            source
                .as_ref()
                .and_then(|s| line_of_image(&s.text, src).map(|l| l + s.first_line - 1))
        };
        let mut seen = std::collections::BTreeSet::new();
        for src in figure_sources(&doc.blocks) {
            if !seen.insert(src.clone()) {
                continue;
            }
            let named = Named {
                what: "image",
                written: &src,
                file: source_path,
                line: line_of(&src),
            };
            let Some(path) = local_image(&roots, base, &named, &mut assets.warnings)? else {
                continue;
            };
            let pic = read(&path, pixels)
                .map_err(|m| named.error(format!("cannot use image {}: {m}", path.display())))?;
            assets.figures.insert(src, Arc::new(pic));
        }
        Ok(assets)
    }
}

/// The file an image reference names, checked by the project's rule; `None`,
/// with a warning, for a URL, which is never fetched.
fn local_image(
    roots: &Roots,
    base: &Path,
    named: &Named,
    warnings: &mut Vec<String>,
) -> Result<Option<PathBuf>, Error> {
    if confine::is_url(named.written) {
        let at = format!(
            "{}{}",
            named.file.display(),
            named.line.map(|l| format!(":{l}")).unwrap_or_default()
        );
        let kept = if named.what == "cover" {
            "the zine gets a type-only cover"
        } else {
            "its alt text stands in its place"
        };
        warnings.push(format!(
            "{at}: {} `{}` is a URL and was left out: zinepress works offline and never fetches anything; {kept}. \
             Save the image in the project and name the file",
            named.what, named.written
        ));
        return Ok(None);
    }
    confine::resolve_file(roots, base, named).map(Some)
}

/// A zine's source read again (decoded, front matter split off, cut);
/// `None` when it cannot be.
pub fn reread(source_path: &Path, entry: &ZineEntry) -> Option<Source> {
    let bytes = std::fs::read(source_path).ok()?;
    Source::from_bytes(source_path, &bytes, entry).ok()
}

/// The destination of every image a Markdown text names, in order, inline
/// ones too (what the build cache hashes; URLs among them are never read).
pub fn markdown_image_sources(text: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    Parser::new_ext(
        text,
        Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|event| match event {
        Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
        _ => None,
    })
    .collect()
}

/// Every image a Muse text names (`[[file.png]]`, `[[file.jpg 50 r][caption]]`),
/// in order, for the build cache.
pub fn muse_image_sources(text: &str) -> Vec<String> {
    text.match_indices("[[")
        .filter_map(|(at, _)| {
            let target = text.get(at + 2..).unwrap_or_default();
            let target = target
                .get(..target.find([']', '\n']).unwrap_or(target.len()))
                .unwrap_or_default();
            crate::source::muse::inline::is_image_target(target).then(|| {
                target
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
        })
        .collect()
}

/// Reads an image file, and decodes it when `pixels`.
fn read(path: &Path, pixels: bool) -> Result<Picture, String> {
    let pic = decode::read(path)?;
    if pixels {
        pic.decoded()?;
    }
    Ok(pic)
}

/// `covers/SLUG.EXT` for the first extension that exists (any case), and a second match if there is one.
pub fn find_cover(dir: &Path, slug: &str) -> (Option<PathBuf>, Option<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (None, None);
    };
    let mut found: Vec<(usize, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_stem().is_some_and(|s| s == slug))
        .filter_map(|p| {
            let ext = p.extension()?.to_str()?.to_ascii_lowercase();
            COVER_EXTENSIONS
                .iter()
                .position(|e| *e == ext)
                .map(|rank| (rank, p))
        })
        .collect();
    found.sort();
    let mut it = found.into_iter().map(|(_, p)| p);
    (it.next(), it.next())
}

/// Every image `src` in the blocks (figures, and images inside lines of
/// text, at any depth: quotes, list items, definitions), in reading order.
pub fn figure_sources(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    crate::document::walk::each_block(blocks, &mut |b| {
        if let Block::Image { src, .. } = b {
            out.push(src.clone());
        }
        crate::document::walk::each_run(std::slice::from_ref(b), &mut |holder, run| {
            if std::ptr::eq(holder, b) {
                crate::document::walk::each_inline(run, &mut |i| {
                    if let crate::document::Inline::Image { src, .. } = i {
                        out.push(src.clone());
                    }
                });
            }
        });
    });
    out
}

/// The 1-based line of the first `](src` or `](<src>` (Markdown) or `[[src`
/// (Muse) in `text`.
pub fn line_of_image(text: &str, src: &str) -> Option<usize> {
    let at = [format!("]({src}"), format!("](<{src}>"), format!("[[{src}")]
        .iter()
        .filter_map(|n| text.find(n.as_str()))
        .min()?;
    Some(crate::error::line_of_offset(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_lookup_by_slug_and_extension_order() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(find_cover(dir.path(), "zine"), (None, None));
        std::fs::write(dir.path().join("zine.webp"), b"x").unwrap();
        std::fs::write(dir.path().join("other.png"), b"x").unwrap();
        std::fs::write(dir.path().join("zine.txt"), b"x").unwrap();
        assert_eq!(
            find_cover(dir.path(), "zine"),
            (Some(dir.path().join("zine.webp")), None)
        );
        std::fs::write(dir.path().join("zine.JPG"), b"x").unwrap();
        assert_eq!(
            find_cover(dir.path(), "zine"),
            (
                Some(dir.path().join("zine.JPG")),
                Some(dir.path().join("zine.webp"))
            )
        );
        assert_eq!(
            find_cover(&dir.path().join("missing"), "zine"),
            (None, None)
        );
    }

    #[test]
    fn figures_are_found_in_nested_blocks_and_located_by_line() {
        let img = |s: &str| Block::Image {
            src: s.into(),
            alt: String::new(),
            caption: None,
        };
        let inline = crate::document::Inline::Image {
            src: "c.png".into(),
            alt: "c".into(),
            title: None,
        };
        let item = crate::document::ListItem {
            checked: None,
            blocks: vec![
                Block::Paragraph(vec![crate::document::Inline::Emph(vec![inline])]),
                img("d.png"),
            ],
        };
        let list = Block::List(crate::document::List {
            kind: crate::document::ListKind::Bullet,
            start: 1,
            tight: true,
            items: vec![item],
        });
        let blocks = vec![
            img("a.png"),
            Block::Quote {
                blocks: vec![img("b.png")],
                attribution: None,
            },
            list,
            Block::Rule,
        ];
        assert_eq!(
            figure_sources(&blocks),
            ["a.png", "b.png", "c.png", "d.png"]
        );
        let text = "# T\n\nText.\n\n![A cat](cat.png)\n\n![](<my dog.jpg>)\n";
        assert_eq!(line_of_image(text, "cat.png"), Some(5));
        assert_eq!(line_of_image(text, "my dog.jpg"), Some(7));
        assert_eq!(line_of_image(text, "none.png"), None);
        assert_eq!(markdown_image_sources(text), ["cat.png", "my dog.jpg"]);
        assert_eq!(
            markdown_image_sources("Text ![b](b.png) and [a link](x.png).\n"),
            ["b.png"]
        );
        let muse = "Text.\n\n[[map.png 50 r][The map]]\n\n[[https://x.org/a.png]] [[pics/b.jpg]] [[a.org][not an image]]";
        assert_eq!(muse_image_sources(muse), ["map.png", "pics/b.jpg"]);
        assert_eq!(line_of_image(muse, "map.png"), Some(3));
    }
}
