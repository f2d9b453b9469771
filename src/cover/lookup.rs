//! Finding a zine's images: the cover (`covers/SLUG.{png,jpg,jpeg,webp}` or
//! `cover = "path"`) and the figures its Markdown source refers to.

use super::{decode, CoverDesign, Picture};
use crate::document::{Block, Document};
use crate::error::Error;
use crate::project::{Project, ZineEntry};
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
    /// Finds the cover and figures of a zine and reads their headers; with
    /// `pixels` (when PDFs are made) also decodes them, so a damaged file is
    /// an error here. Without it (an EPUB-only build) a file that goes into
    /// the EPUB as it is never gets decoded.
    pub fn load(project: &Project, entry: &ZineEntry, slug: &str, source_path: &Path, doc: &Document, pixels: bool) -> Result<Assets, Error> {
        let mut assets = Assets { design: entry.cover_design, blurb: entry.blurb.clone(), cover_alt: entry.cover_alt.clone(), ..Default::default() };
        let config = project.config_path.clone().unwrap_or_else(|| project.root.join(crate::project::CONFIG_FILE));
        let cover_path = match &entry.cover {
            Some(named) => {
                let path = project.root.join(named);
                if !path.is_file() {
                    return Err(Error::input(&path, None, format!("the cover named in {} (cover = \"{named}\") does not exist; put the image there or fix the path", config.display())));
                }
                Some(path)
            }
            None => {
                let (found, extra) = find_cover(&project.covers_dir(), slug);
                if let (Some(f), Some(x)) = (&found, extra) {
                    assets.warnings.push(format!("two covers for {slug}: using {} and not {}", f.display(), x.display()));
                }
                found
            }
        };
        if let Some(path) = cover_path {
            let pic = read(&path, pixels).map_err(|m| Error::input(&path, None, format!("cannot use the cover: {m}")))?;
            assets.cover = Some(Arc::new(pic));
        }
        let base = source_path.parent().unwrap_or(Path::new("."));
        for src in figure_sources(&doc.blocks) {
            if assets.figures.contains_key(&src) {
                continue;
            }
            let at = |m: String| Error::input(source_path, image_line(source_path, &src), m);
            if src.contains("://") || src.starts_with("data:") {
                return Err(at(format!("image `{src}` is not a local file; zinepress works offline, so save the image beside the source and refer to it by name")));
            }
            let path = base.join(&src);
            if !path.is_file() {
                return Err(at(format!("image `{src}` not found (looked for {}); put the file there or fix the path", path.display())));
            }
            let pic = read(&path, pixels).map_err(|m| at(format!("cannot use image {}: {m}", path.display())))?;
            assets.figures.insert(src, Arc::new(pic));
        }
        Ok(assets)
    }
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
    let Ok(entries) = std::fs::read_dir(dir) else { return (None, None) };
    let mut found: Vec<(usize, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_stem().is_some_and(|s| s == slug))
        .filter_map(|p| {
            let ext = p.extension()?.to_str()?.to_ascii_lowercase();
            COVER_EXTENSIONS.iter().position(|e| *e == ext).map(|rank| (rank, p))
        })
        .collect();
    found.sort();
    let mut it = found.into_iter().map(|(_, p)| p);
    (it.next(), it.next())
}

/// Every image `src` in the blocks (figures, and images inside lines of
/// text, at any depth: quotes, list items, definitions), in reading order.
pub fn figure_sources(blocks: &[Block]) -> Vec<String> {
    fn inline_images(inlines: &[crate::document::Inline], out: &mut Vec<String>) {
        use crate::document::Inline;
        for i in inlines {
            match i {
                Inline::Image { src, .. } => out.push(src.clone()),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) | Inline::Superscript(c) | Inline::Subscript(c) | Inline::Underline(c) | Inline::SmallCaps(c) => inline_images(c, out),
                Inline::Link { content, .. } => inline_images(content, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    crate::document::walk::each_block(blocks, &mut |b| {
        if let Block::Image { src, .. } = b {
            out.push(src.clone());
        }
        crate::document::walk::each_run(std::slice::from_ref(b), &mut |holder, run| {
            if std::ptr::eq(holder, b) {
                inline_images(run, &mut out);
            }
        });
    });
    out
}

/// The file line where `src` is referred to as an image (`](src`), for messages.
pub fn image_line(source_path: &Path, src: &str) -> Option<usize> {
    let text = std::fs::read_to_string(source_path).ok()?;
    line_of_image(&text, src)
}

/// The 1-based line of the first `](src` or `](<src>` in `text`.
pub fn line_of_image(text: &str, src: &str) -> Option<usize> {
    let at = [format!("]({src}"), format!("](<{src}>")].iter().filter_map(|n| text.find(n.as_str())).min()?;
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
        assert_eq!(find_cover(dir.path(), "zine"), (Some(dir.path().join("zine.webp")), None));
        std::fs::write(dir.path().join("zine.JPG"), b"x").unwrap();
        assert_eq!(find_cover(dir.path(), "zine"), (Some(dir.path().join("zine.JPG")), Some(dir.path().join("zine.webp"))));
        assert_eq!(find_cover(&dir.path().join("missing"), "zine"), (None, None));
    }

    #[test]
    fn figures_are_found_in_nested_blocks_and_located_by_line() {
        let img = |s: &str| Block::Image { src: s.into(), alt: String::new(), caption: None };
        let inline = crate::document::Inline::Image { src: "c.png".into(), alt: "c".into(), title: None };
        let item = crate::document::ListItem { checked: None, blocks: vec![Block::Paragraph(vec![crate::document::Inline::Emph(vec![inline])]), img("d.png")] };
        let list = Block::List(crate::document::List { kind: crate::document::ListKind::Bullet, start: 1, tight: true, items: vec![item] });
        let blocks = vec![img("a.png"), Block::Quote { blocks: vec![img("b.png")], attribution: None }, list, Block::Rule];
        assert_eq!(figure_sources(&blocks), ["a.png", "b.png", "c.png", "d.png"]);
        let text = "# T\n\nText.\n\n![A cat](cat.png)\n\n![](<my dog.jpg>)\n";
        assert_eq!(line_of_image(text, "cat.png"), Some(5));
        assert_eq!(line_of_image(text, "my dog.jpg"), Some(7));
        assert_eq!(line_of_image(text, "none.png"), None);
    }
}
