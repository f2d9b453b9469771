//! One zlib compressor per thread for every stream it deflates, reset
//! between streams rather than made anew (a new one clears about 500 KB of
//! tables), at a level chosen by measurement (bench/README, issue 18).

use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;

thread_local! {
    /// The compressor this thread last used, kept for its next stream.
    static SPARE: RefCell<Option<Deflater>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's compressor (made at the first use). A reset
/// compressor deflates a stream to the same bytes as a new one, so which
/// thread deflates a stream never shows in the PDF.
pub fn with_deflater<R>(f: impl FnOnce(&mut Deflater) -> R) -> R {
    let mut z = SPARE.with(|s| s.borrow_mut().take()).unwrap_or_default();
    let out = f(&mut z);
    SPARE.with(|s| *s.borrow_mut() = Some(z));
    out
}

/// The level of every deflated stream: content, fonts, ToUnicode maps,
/// pixels. Measured on the reading copies (bench/README, issue 18): level 3
/// deflates with 25% fewer instructions than krilla's level 6 for about 6%
/// more bytes; below 3 the bytes grow faster than the work shrinks.
pub const LEVEL: u32 = 3;

pub struct Deflater {
    z: Compress,
}

impl Default for Deflater {
    fn default() -> Self {
        Deflater::new(LEVEL)
    }
}

impl Deflater {
    pub fn new(level: u32) -> Deflater {
        Deflater {
            z: Compress::new(Compression::new(level), true),
        }
    }

    /// `data` as a zlib stream (what `/FlateDecode` reads).
    pub fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        self.z.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let read = self.z.total_in() as usize;
            let status = self
                .z
                .compress_vec(
                    &data[read.min(data.len())..],
                    &mut out,
                    FlushCompress::Finish,
                )
                .unwrap_or(Status::StreamEnd);
            if status == Status::StreamEnd {
                return out;
            }
            out.reserve(out.capacity().max(64));
        }
    }
}

/// Drops this thread's compressor (about 300 KB), until its next use.
pub fn release() {
    SPARE.with(|s| s.borrow_mut().take());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn inflate(z: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(z)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn one_compressor_serves_many_streams() {
        let mut d = Deflater::default();
        let a: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let b = b"BT /f0 10 Tf (x) Tj ET".to_vec();
        let (za, zb) = (d.deflate(&a), d.deflate(&b));
        assert_eq!(inflate(&za), a);
        assert_eq!(inflate(&zb), b);
        // The same input gives the same bytes after a reset.
        assert_eq!(d.deflate(&a), za);
        assert_eq!(inflate(&d.deflate(b"")), b"");
    }

    #[test]
    fn a_thread_s_compressor_gives_a_new_one_s_bytes() {
        let a: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 13) as u8).collect();
        let fresh = Deflater::default().deflate(&a);
        with_deflater(|z| z.deflate(b"BT /f0 10 Tf (x) Tj ET"));
        assert_eq!(with_deflater(|z| z.deflate(&a)), fresh);
        // A nested use takes a compressor of its own.
        let nested = with_deflater(|z| (z.deflate(&a), with_deflater(|y| y.deflate(&a))));
        assert_eq!(nested, (fresh.clone(), fresh));
    }
}
