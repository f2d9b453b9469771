//! Zipping the EPUB in one pass: fixed order and dates, one compressor.
//!
//! [`Zip`] writes each entry's local header and data as it is added and the
//! central directory at the end, with one compressor reset between entries,
//! so each file is deflated once. The result does not depend on the clock or
//! on any crate's defaults: `mimetype` comes first and stored, images
//! (already compressed) are stored, every other entry is deflated at
//! [`LEVEL`], in the order the writer adds them, dated 1980-01-01 with mode
//! 0644.

use anyhow::{bail, ensure, Context, Result};
use flate2::{Compress, Compression, Crc, FlushCompress, Status};

/// The deflate level of text entries: level 6 is zlib's default, and the
/// files are small (a few to a few hundred KiB of XHTML).
const LEVEL: u32 = 6;

/// The OCF container: where the package document is.
pub const CONTAINER_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">
  <rootfiles>
    <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\" />
  </rootfiles>
</container>
";

/// Apple Books' display options: use the fonts the book embeds.
pub const IBOOKS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<display_options>
  <platform name=\"*\">
    <option name=\"specified-fonts\">true</option>
  </platform>
</display_options>
";

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
/// Where a local header's CRC-32 and sizes are, from its start.
const CRC_AT: usize = 14;

/// An EPUB zip being written: the local entries, then the central directory.
pub struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
    compressor: Compress,
}

impl Zip {
    /// A zip holding `mimetype`, stored, as its first entry.
    pub fn epub() -> Result<Zip> {
        let mut zip = Zip {
            out: Vec::new(),
            central: Vec::new(),
            count: 0,
            // Raw deflate (no zlib header): the zip entry format.
            compressor: Compress::new(Compression::new(LEVEL), false),
        };
        zip.add("mimetype", b"application/epub+zip")?;
        Ok(zip)
    }

    /// Adds one entry: stored when it is `mimetype` or an image
    /// ([`is_compressed`]), else deflated straight into the zip.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        let stored = name == "mimetype" || is_compressed(name);
        let mut crc = Crc::new();
        crc.update(bytes);
        let header = self.out.len();
        let size = bytes.len();
        // The compressed size is patched in once it is known.
        self.local_header(name, stored, crc.sum(), 0, size)?;
        let data = self.out.len();
        if stored {
            self.out.extend_from_slice(bytes);
        } else {
            deflate(&mut self.compressor, bytes, &mut self.out)
                .with_context(|| format!("cannot deflate {name} into the EPUB zip"))?;
        }
        let Ok(csize) = u32::try_from(self.out.len() - data) else {
            bail!("{name} does not fit in an EPUB zip (over 4 GiB)");
        };
        let at = header + CRC_AT + 4;
        if let Some(field) = self.out.get_mut(at..at + 4) {
            field.copy_from_slice(&csize.to_le_bytes());
        }
        self.central_header(name, stored, crc.sum(), csize, size, header)
    }

    /// The fields local and central headers share, from the version needed on.
    fn common(name: &str, stored: bool, crc: u32, csize: u32, size: usize) -> Result<Vec<u8>> {
        let (method, version) = if stored {
            (0u16, VERSION_STORED)
        } else {
            (8, VERSION_DEFLATE)
        };
        let flags = if name.is_ascii() { 0 } else { UTF8_NAME };
        let (Ok(size), Ok(name_len)) = (u32::try_from(size), u16::try_from(name.len())) else {
            bail!("{name} does not fit in an EPUB zip (over 4 GiB or a name over 64 KiB)");
        };
        let mut common = Vec::with_capacity(26);
        for v in [version, flags, method, 0, DOS_DATE] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, csize, size] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        Ok(common)
    }

    fn local_header(
        &mut self,
        name: &str,
        stored: bool,
        crc: u32,
        csize: u32,
        size: usize,
    ) -> Result<()> {
        let common = Zip::common(name, stored, crc, csize, size)?;
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&common);
        self.out.extend_from_slice(name.as_bytes());
        Ok(())
    }

    fn central_header(
        &mut self,
        name: &str,
        stored: bool,
        crc: u32,
        csize: u32,
        size: usize,
        offset: usize,
    ) -> Result<()> {
        let Ok(offset) = u32::try_from(offset) else {
            bail!("{name} does not fit in an EPUB zip (it starts past 4 GiB)");
        };
        ensure!(
            self.count < u16::MAX,
            "the EPUB has too many files for its zip"
        );
        let common = Zip::common(name, stored, crc, csize, size)?;
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
    pub fn finish(mut self) -> Result<Vec<u8>> {
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

/// Raw-deflates `input` onto the end of `out` with `c`, which is reset
/// afterwards so the next entry starts fresh.
fn deflate(c: &mut Compress, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};
    use zip::{CompressionMethod, ZipArchive};

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = Zip::epub().unwrap();
        for (name, bytes) in entries {
            z.add(name, bytes).unwrap();
        }
        z.finish().unwrap()
    }

    #[test]
    fn mimetype_comes_first_and_stored() {
        let out = zip_of(&[("a.txt", b"a"), ("b.txt", b"b")]);
        let mut z = ZipArchive::new(Cursor::new(&out)).unwrap();
        let names: Vec<String> = (0..z.len())
            .map(|i| z.by_index(i).unwrap().name().to_string())
            .collect();
        assert_eq!(names, ["mimetype", "a.txt", "b.txt"]);
        assert_eq!(
            z.by_index(0).unwrap().compression(),
            CompressionMethod::Stored
        );
        let mut s = String::new();
        z.by_name("mimetype")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "application/epub+zip");
        assert_eq!(
            &out[30..38],
            b"mimetype",
            "mimetype is the first local header"
        );
        assert_eq!(&out[38..58], b"application/epub+zip", "and not deflated");
    }

    #[test]
    fn images_are_stored_text_is_deflated() {
        let out = zip_of(&[
            ("OEBPS/images/cover.jpg", b"jpeg"),
            ("OEBPS/images/f.PNG", b"png"),
            ("OEBPS/a.xhtml", b"x"),
        ]);
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
    fn zips_are_deterministic() {
        let entries: [(&str, &[u8]); 2] = [("x", b"y"), ("z", b"")];
        assert_eq!(zip_of(&entries), zip_of(&entries));
    }

    #[test]
    fn a_reused_compressor_deflates_as_a_new_one() {
        let long = "<p>Words, words and more words.</p>\n".repeat(4000);
        let mut fresh = Vec::new();
        deflate(
            &mut Compress::new(Compression::new(LEVEL), false),
            long.as_bytes(),
            &mut fresh,
        )
        .unwrap();
        let out = zip_of(&[
            ("a.xhtml", b"other text first"),
            ("b.xhtml", long.as_bytes()),
        ]);
        let at = out.windows(fresh.len()).position(|w| w == fresh.as_slice());
        assert!(at.is_some(), "the second entry's stream is a fresh one's");
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
        let out = zip_of(&[("big", big.as_bytes()), ("é", b"")]);
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
}
