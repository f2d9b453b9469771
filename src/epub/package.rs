//! Repacking epub-builder's zip: patched files, fixed order and dates.
//!
//! The result does not depend on the clock or on the `zip` crate's features:
//! `mimetype` comes first and stored, images (already compressed) are
//! stored, every other entry is deflated, in the order epub-builder wrote
//! it, dated 1980-01-01 with mode 0644.

use anyhow::{bail, Context, Result};
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Rewrites the EPUB zip `raw`; `patch` may change each entry's bytes by name.
pub fn repack(
    raw: &[u8],
    mut patch: impl FnMut(&str, Vec<u8>) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let mut archive =
        ZipArchive::new(Cursor::new(raw)).context("epub-builder wrote an unreadable zip")?;
    let mut entries: Vec<(String, Vec<u8>)> = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut file = archive
            .by_index(i)
            .context("epub-builder wrote an unreadable zip entry")?;
        let name = file.name().to_string();
        let mut bytes = Vec::with_capacity(file.size() as usize);
        file.read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {name} back from the EPUB zip"))?;
        let bytes = patch(&name, bytes)?;
        entries.push((name, bytes));
    }
    // Stable: only moves mimetype to the front.
    entries.sort_by_key(|(name, _)| name != "mimetype");
    if entries.first().map(|(n, _)| n.as_str()) != Some("mimetype") {
        bail!("the EPUB has no mimetype entry");
    }
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in &entries {
        let method = if name == "mimetype" || is_compressed(name) {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        writer
            .start_file(name.as_str(), base.compression_method(method))
            .with_context(|| format!("cannot add {name} to the EPUB zip"))?;
        writer
            .write_all(bytes)
            .with_context(|| format!("cannot write {name} into the EPUB zip"))?;
    }
    Ok(writer
        .finish()
        .context("cannot finish the EPUB zip")?
        .into_inner())
}

/// Whether an entry is a format that is compressed already (images), so
/// deflating it again would only cost time.
pub fn is_compressed(name: &str) -> bool {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "woff" | "woff2"
    )
}

/// Adds `lang` and `xml:lang` to the root `<html …>` tag when it has none.
pub fn add_root_lang(xhtml: &str, lang: &str) -> String {
    let Some((before, from_html)) = xhtml.split_once("<html") else {
        return xhtml.to_string();
    };
    let Some((tag, after)) = from_html.split_once('>') else {
        return xhtml.to_string();
    };
    if tag.contains(" lang=") {
        return xhtml.to_string();
    }
    let attrs = format!(" lang=\"{lang}\" xml:lang=\"{lang}\"");
    let (tag, close) = match tag.strip_suffix('/') {
        Some(open) => (open, "/>"),
        None => (tag, ">"),
    };
    format!("{before}<html{tag}{attrs}{close}{after}")
}

/// Gives the NCX its `dtb:uid` (the package identifier), a language, and the book's title.
pub fn patch_ncx(ncx: &str, identifier: &str, lang: &str, title: &str) -> String {
    let mut out = ncx.replacen(
        "<ncx version=\"2005-1\" xmlns=\"http://www.daisy.org/z3986/2005/ncx/\">",
        &format!("<ncx version=\"2005-1\" xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" xml:lang=\"{lang}\">"),
        1,
    );
    if !out.contains("dtb:uid") {
        out = out.replacen(
            "<head>",
            &format!(
                "<head>\n    <meta name=\"dtb:uid\" content=\"{}\" />",
                super::text::esc_attr(identifier)
            ),
            1,
        );
    }
    // Both found with `find`, so char boundaries; an end before the start is left alone.
    if let Some((start, end)) = out
        .find("<docTitle>")
        .zip(out.find("</docTitle>"))
        .filter(|(start, end)| start <= end)
    {
        let doc_title = format!(
            "<docTitle>\n    <text>{}</text>\n  ",
            super::text::esc(title)
        );
        out.replace_range(start..end, &doc_title);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for (n, c) in entries {
            w.start_file(*n, SimpleFileOptions::default()).unwrap();
            w.write_all(c.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn repack_puts_mimetype_first_stored_and_patches() {
        let raw = zip_of(&[
            ("a.txt", "a"),
            ("mimetype", "application/epub+zip"),
            ("b.txt", "b"),
        ]);
        let out = repack(&raw, |n, b| {
            Ok(if n == "b.txt" { b"B".to_vec() } else { b })
        })
        .unwrap();
        let mut z = ZipArchive::new(Cursor::new(&out)).unwrap();
        let names: Vec<String> = (0..z.len())
            .map(|i| z.by_index(i).unwrap().name().to_string())
            .collect();
        assert_eq!(names, ["mimetype", "a.txt", "b.txt"]);
        assert_eq!(
            z.by_index(0).unwrap().compression(),
            CompressionMethod::Stored
        );
        assert_eq!(
            z.by_index(1).unwrap().compression(),
            CompressionMethod::Deflated
        );
        let mut s = String::new();
        z.by_name("b.txt").unwrap().read_to_string(&mut s).unwrap();
        assert_eq!(s, "B");
        assert_eq!(
            &out[30..38],
            b"mimetype",
            "mimetype is the first local header"
        );
    }

    #[test]
    fn images_are_stored_text_is_deflated() {
        let raw = zip_of(&[
            ("mimetype", "application/epub+zip"),
            ("OEBPS/images/cover.jpg", "jpeg"),
            ("OEBPS/images/f.PNG", "png"),
            ("OEBPS/a.xhtml", "x"),
        ]);
        let out = repack(&raw, |_, b| Ok(b)).unwrap();
        let mut z = ZipArchive::new(Cursor::new(&out)).unwrap();
        let methods: Vec<CompressionMethod> = (0..z.len())
            .map(|i| z.by_index(i).unwrap().compression())
            .collect();
        assert_eq!(
            methods,
            [
                CompressionMethod::Stored,
                CompressionMethod::Stored,
                CompressionMethod::Stored,
                CompressionMethod::Deflated
            ]
        );
        assert!(!is_compressed("OEBPS/fonts/a.otf") && !is_compressed("mimetype"));
    }

    #[test]
    fn repack_is_deterministic() {
        let raw = zip_of(&[("mimetype", "application/epub+zip"), ("x", "y")]);
        assert_eq!(
            repack(&raw, |_, b| Ok(b)).unwrap(),
            repack(&raw, |_, b| Ok(b)).unwrap()
        );
    }

    #[test]
    fn repack_needs_mimetype() {
        let raw = zip_of(&[("x", "y")]);
        assert!(repack(&raw, |_, b| Ok(b)).is_err());
    }

    #[test]
    fn root_lang_added_once() {
        let x = "<?xml?>\n<html xmlns=\"x\">\n<body/></html>";
        let out = add_root_lang(x, "en");
        assert_eq!(
            out,
            "<?xml?>\n<html xmlns=\"x\" lang=\"en\" xml:lang=\"en\">\n<body/></html>"
        );
        assert_eq!(add_root_lang(&out, "de"), out);
        assert_eq!(
            add_root_lang("<html/>", "en"),
            "<html lang=\"en\" xml:lang=\"en\"/>"
        );
        assert_eq!(
            add_root_lang("<html", "en"),
            "<html",
            "no end to the tag: left alone"
        );
    }

    #[test]
    fn ncx_gets_uid_and_lang() {
        let ncx = "<ncx version=\"2005-1\" xmlns=\"http://www.daisy.org/z3986/2005/ncx/\">\n  <head>\n  </head>\n  <docTitle>\n    <text>Contents</text>\n  </docTitle>";
        let out = patch_ncx(ncx, "urn:uuid:1", "en", "A & B");
        assert!(
            out.contains("<docTitle>\n    <text>A &amp; B</text>\n  </docTitle>"),
            "{out}"
        );
        assert!(out.contains("xml:lang=\"en\">"));
        assert!(out.contains("<meta name=\"dtb:uid\" content=\"urn:uuid:1\" />"));
    }
}
