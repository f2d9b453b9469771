//! Writing PDF: laid-out pages as they are, or placed on sheets.
//!
//! This module draws what [`crate::typeset`] laid out and what
//! [`crate::impose`] computed; it makes no layout decisions of its own.
//! [`write_pages`] writes one PDF page per page and [`write_imposed`] places
//! pages on imposed sheets; [`embed`] places the pages of a PDF made
//! elsewhere on sheets. All three write with zinepress's own writer
//! (`write`, on pdf-writer and subsetter; `embed` copies another PDF's
//! pages with their streams as stored).

pub mod embed;
mod tags;
mod text;
mod write;

pub(crate) use write::png_samples;
pub use write::write_imposed;

use crate::document::Metadata;
use crate::typeset::fonts::Fonts;
use crate::typeset::page::Typeset;
use anyhow::Result;

/// Writes laid-out pages as a tagged PDF, one PDF page per page: see
/// [`write_pages_checked`]; the warning is dropped.
pub fn write_pages(set: &Typeset, meta: &Metadata, fonts: &Fonts) -> Result<Vec<u8>> {
    write_pages_checked(set, meta, fonts).map(|(pdf, _)| pdf)
}

/// Writes laid-out pages as a tagged PDF, one PDF page per page, with
/// zinepress's own writer ([`write`]): the structure tree follows the
/// typesetter's tags, in reading order. A PDF that PDF/UA-1 forbids
/// (characters the fonts lack, the one check the layout cannot pass by
/// itself) is written tagged but without the PDF/UA-1 claim, and the warning
/// says what failed: never a silent downgrade.
pub fn write_pages_checked(
    set: &Typeset,
    meta: &Metadata,
    fonts: &Fonts,
) -> Result<(Vec<u8>, Option<String>)> {
    write::write_reading(set, meta, fonts)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
