//! Zipping the EPUB once: patched files, fixed order and dates.
//!
//! epub-builder zips what it writes (deflating each entry with a compressor of
//! its own), so the EPUB writer hands it empty stand-ins for every page, style
//! sheet, font and image, and only reads back the few files it generates (the
//! package, the NCX and the navigation). [`repack`] then writes the zip in one
//! pass with one compressor reused for every entry, so each file is deflated
//! once. The result does not depend on the clock or on any crate's defaults:
//! `mimetype` comes first and stored, images (already compressed) are stored,
//! every other entry is deflated at [`LEVEL`], in the order epub-builder wrote
//! it, dated 1980-01-01 with mode 0644.

use anyhow::{bail, ensure, Context, Result};
use flate2::{Compress, Compression, Crc, FlushCompress, Status};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// The deflate level of text entries: level 6 is zlib's default, and the
/// files are small (a few to a few hundred KiB of XHTML).
const LEVEL: u32 = 6;

/// A file deflated before the zip is written (on another core, while
/// epub-builder writes the package): its raw deflate stream, CRC-32 and size.
pub struct Deflated {
    data: Vec<u8>,
    crc: u32,
    size: usize,
}

/// Deflates each file of `files` that the zip deflates (not the images nor
/// `mimetype`) as [`pack`] would, with one compressor reset between files:
/// the same bytes, made ahead.
pub fn deflate_ahead(files: &BTreeMap<String, Vec<u8>>) -> Result<BTreeMap<String, Deflated>> {
    let mut compressor = Compress::new(Compression::new(LEVEL), false);
    let mut out = BTreeMap::new();
    for (name, bytes) in files {
        if name == "mimetype" || is_compressed(name) {
            continue;
        }
        let mut data = Vec::new();
        deflate(&mut compressor, bytes, &mut data)
            .with_context(|| format!("cannot deflate {name} into the EPUB zip"))?;
        let mut crc = Crc::new();
        crc.update(bytes);
        let size = bytes.len();
        let crc = crc.sum();
        out.insert(name.clone(), Deflated { data, crc, size });
    }
    Ok(out)
}

/// Rewrites epub-builder's zip `raw`: the entries of `ahead` as they were
/// deflated, every other one as `patch` gives its final bytes from its name
/// and what epub-builder wrote (a stand-in for most entries).
pub fn repack(
    raw: &[u8],
    ahead: BTreeMap<String, Deflated>,
    patch: impl FnMut(&str, Vec<u8>) -> Result<Vec<u8>>,
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
        entries.push((name, bytes));
    }
    pack_with(entries, ahead, patch)
}

/// Zips `entries` as an EPUB; `patch` may change each entry's bytes by name first.
#[cfg(test)]
fn pack(
    entries: Vec<(String, Vec<u8>)>,
    patch: impl FnMut(&str, Vec<u8>) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    pack_with(entries, BTreeMap::new(), patch)
}

/// An entry's bytes as they are, or deflated ahead.
enum Bytes {
    Plain(Vec<u8>),
    Ahead(Deflated),
}

/// [`pack`], taking the entries of `ahead` as they were deflated.
fn pack_with(
    entries: Vec<(String, Vec<u8>)>,
    mut ahead: BTreeMap<String, Deflated>,
    mut patch: impl FnMut(&str, Vec<u8>) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let mut patched = Vec::with_capacity(entries.len());
    for (name, bytes) in entries {
        let bytes = match ahead.remove(&name) {
            Some(d) => Bytes::Ahead(d),
            None => Bytes::Plain(patch(&name, bytes)?),
        };
        patched.push((name, bytes));
    }
    // Stable: only moves mimetype to the front.
    patched.sort_by_key(|(name, _)| name != "mimetype");
    if patched.first().map(|(n, _)| n.as_str()) != Some("mimetype") {
        bail!("the EPUB has no mimetype entry");
    }
    let mut zip = ZipOut::default();
    for (name, bytes) in &patched {
        match bytes {
            Bytes::Plain(bytes) => {
                let stored = name == "mimetype" || is_compressed(name);
                zip.add(name, bytes, stored)?;
            }
            Bytes::Ahead(d) => zip.add_raw(name, &d.data, d.crc, d.size, false)?,
        }
    }
    zip.finish()
}

/// MS-DOS date of 1980-01-01 (the time is midnight, 0).
const DOS_DATE: u16 = 1 << 5 | 1;
/// Version 2.0 of the zip format: deflate (1.0 for stored entries).
const VERSION_DEFLATE: u16 = 20;
const VERSION_STORED: u16 = 10;
/// "Made by" Unix (3) with version 2.0, so readers honour the mode in the external attributes.
const MADE_BY_UNIX: u16 = 3 << 8 | 20;
/// A regular file, rw-r--r--.
const MODE: u32 = 0o100644;
/// General-purpose flag bit 11: the name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;

/// A zip being written: the local entries, then the central directory.
struct ZipOut {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
    compressor: Compress,
    scratch: Vec<u8>,
}

impl Default for ZipOut {
    fn default() -> Self {
        ZipOut {
            out: Vec::new(),
            central: Vec::new(),
            count: 0,
            // Raw deflate (no zlib header): the zip entry format.
            compressor: Compress::new(Compression::new(LEVEL), false),
            scratch: Vec::new(),
        }
    }
}

impl ZipOut {
    /// Adds one entry, stored or deflated.
    fn add(&mut self, name: &str, bytes: &[u8], stored: bool) -> Result<()> {
        let mut crc = Crc::new();
        crc.update(bytes);
        let mut scratch = std::mem::take(&mut self.scratch);
        let data: &[u8] = if stored {
            bytes
        } else {
            deflate(&mut self.compressor, bytes, &mut scratch)
                .with_context(|| format!("cannot deflate {name} into the EPUB zip"))?;
            &scratch
        };
        let added = self.add_raw(name, data, crc.sum(), bytes.len(), stored);
        self.scratch = scratch;
        added
    }

    /// Adds one entry from its bytes in the zip (`data`: stored, or deflated
    /// unless `stored`), the file's CRC-32 and its size.
    fn add_raw(
        &mut self,
        name: &str,
        data: &[u8],
        crc: u32,
        size: usize,
        stored: bool,
    ) -> Result<()> {
        let (method, version) = if stored {
            (0u16, VERSION_STORED)
        } else {
            (8, VERSION_DEFLATE)
        };
        let flags = if name.is_ascii() { 0 } else { UTF8_NAME };
        let offset = u32::try_from(self.out.len());
        let sizes = (u32::try_from(data.len()), u32::try_from(size));
        let name_len = u16::try_from(name.len());
        let (Ok(offset), (Ok(csize), Ok(size)), Ok(name_len)) = (offset, sizes, name_len) else {
            bail!("{name} does not fit in an EPUB zip (over 4 GiB or a name over 64 KiB)");
        };
        ensure!(
            self.count < u16::MAX,
            "the EPUB has too many files for its zip"
        );
        // The fields local and central headers share, from the version needed on.
        let mut common = Vec::with_capacity(26);
        for v in [version, flags, method, 0, DOS_DATE] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, csize, size] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra field length

        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&common);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        self.central
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&MADE_BY_UNIX.to_le_bytes());
        self.central.extend_from_slice(&common);
        // Comment length, disk number, internal attributes.
        for v in [0u16, 0, 0] {
            self.central.extend_from_slice(&v.to_le_bytes());
        }
        self.central.extend_from_slice(&(MODE << 16).to_le_bytes());
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.count += 1;
        Ok(())
    }

    /// The central directory and its end record after the entries.
    fn finish(mut self) -> Result<Vec<u8>> {
        let (Ok(start), Ok(len)) = (
            u32::try_from(self.out.len()),
            u32::try_from(self.central.len()),
        ) else {
            bail!("the EPUB does not fit in a zip (over 4 GiB)");
        };
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        // This disk, the disk the directory starts on, its entries here and in all.
        for v in [0u16, 0, self.count, self.count] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        self.out.extend_from_slice(&len.to_le_bytes());
        self.out.extend_from_slice(&start.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        Ok(self.out)
    }
}

/// Raw-deflates `input` into `out` (cleared first) with `c`, which is reset
/// afterwards so the next entry starts fresh.
fn deflate(c: &mut Compress, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
    out.clear();
    out.reserve(input.len() / 2 + 64);
    let start_in = c.total_in();
    loop {
        let consumed = usize::try_from(c.total_in() - start_in).unwrap_or(usize::MAX);
        let rest = input.get(consumed..).unwrap_or_default();
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(64));
        }
        match c.compress_vec(rest, out, FlushCompress::Finish)? {
            Status::StreamEnd => break,
            Status::Ok | Status::BufError => {}
        }
    }
    c.reset();
    Ok(())
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

/// Adds `lang`, `xml:lang` and `dir` to the root `<html …>` tag when it has no language.
pub fn add_root_lang(xhtml: &str, lang: &str, dir: &str) -> String {
    let Some((before, from_html)) = xhtml.split_once("<html") else {
        return xhtml.to_string();
    };
    let Some((tag, after)) = from_html.split_once('>') else {
        return xhtml.to_string();
    };
    if tag.contains(" lang=") {
        return xhtml.to_string();
    }
    let attrs = format!(" lang=\"{lang}\" xml:lang=\"{lang}\" dir=\"{dir}\"");
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

    use zip::CompressionMethod;

    fn files(entries: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        entries
            .iter()
            .map(|(n, c)| (n.to_string(), c.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn pack_puts_mimetype_first_stored_and_patches() {
        let raw = files(&[
            ("a.txt", "a"),
            ("mimetype", "application/epub+zip"),
            ("b.txt", "b"),
        ]);
        let out = pack(raw.clone(), |n, b| {
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
    fn files_deflated_ahead_zip_to_the_same_bytes() {
        let long = "<p>Words, words and more words.</p>\n".repeat(4000);
        let raw = files(&[
            ("mimetype", "application/epub+zip"),
            ("OEBPS/images/cover.png", "png"),
            ("OEBPS/a.xhtml", &long),
            ("OEBPS/content.opf", "<package/>"),
            ("OEBPS/b.xhtml", "short"),
        ]);
        let patch = |n: &str, b: Vec<u8>| {
            Ok(if n.ends_with(".opf") {
                b"<package>patched</package>".to_vec()
            } else {
                b
            })
        };
        // What epub-builder would list with stand-ins, and the real files.
        let stand_ins: Vec<(String, Vec<u8>)> = raw
            .iter()
            .map(|(n, b)| {
                (
                    n.clone(),
                    if n.ends_with("xhtml") {
                        Vec::new()
                    } else {
                        b.clone()
                    },
                )
            })
            .collect();
        let real: BTreeMap<String, Vec<u8>> = raw
            .iter()
            .filter(|(n, _)| n.ends_with("xhtml") || n.ends_with("png"))
            .cloned()
            .collect();
        let ahead = deflate_ahead(&real).unwrap();
        assert_eq!(ahead.len(), 2, "images are stored, not deflated ahead");
        let with_ahead = pack_with(stand_ins, ahead, patch).unwrap();
        assert_eq!(with_ahead, pack(raw, patch).unwrap());
    }

    #[test]
    fn images_are_stored_text_is_deflated() {
        let raw = files(&[
            ("mimetype", "application/epub+zip"),
            ("OEBPS/images/cover.jpg", "jpeg"),
            ("OEBPS/images/f.PNG", "png"),
            ("OEBPS/a.xhtml", "x"),
        ]);
        let out = pack(raw.clone(), |_, b| Ok(b)).unwrap();
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
    fn pack_is_deterministic() {
        let raw = files(&[("mimetype", "application/epub+zip"), ("x", "y")]);
        assert_eq!(
            pack(raw.clone(), |_, b| Ok(b)).unwrap(),
            pack(raw.clone(), |_, b| Ok(b)).unwrap()
        );
    }

    #[test]
    fn big_entries_round_trip_with_fixed_date_and_mode() {
        // Text that compresses poorly, larger than any first guess of the output size.
        let mut x = 1u32;
        let big: String = (0..300_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b'a' + (x >> 16) as u8 % 26)
            })
            .collect();
        let raw = files(&[
            ("mimetype", "application/epub+zip"),
            ("big", &big),
            ("é", ""),
        ]);
        let out = pack(raw, |_, b| Ok(b)).unwrap();
        let mut z = ZipArchive::new(Cursor::new(&out)).unwrap();
        let mut s = String::new();
        z.by_name("big").unwrap().read_to_string(&mut s).unwrap();
        assert_eq!(s, big);
        let f = z.by_name("é").unwrap();
        assert_eq!(f.size(), 0);
        assert_eq!(f.unix_mode(), Some(0o100644));
        let d = f.last_modified().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (1980, 1, 1));
    }

    #[test]
    fn pack_needs_mimetype() {
        let raw = files(&[("x", "y")]);
        assert!(pack(raw.clone(), |_, b| Ok(b)).is_err());
    }

    #[test]
    fn root_lang_added_once() {
        let x = "<?xml?>\n<html xmlns=\"x\">\n<body/></html>";
        let out = add_root_lang(x, "en", "ltr");
        assert_eq!(
            out,
            "<?xml?>\n<html xmlns=\"x\" lang=\"en\" xml:lang=\"en\" dir=\"ltr\">\n<body/></html>"
        );
        assert_eq!(add_root_lang(&out, "de", "ltr"), out);
        assert_eq!(
            add_root_lang("<html/>", "ar", "rtl"),
            "<html lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\"/>"
        );
        assert_eq!(
            add_root_lang("<html", "en", "ltr"),
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
