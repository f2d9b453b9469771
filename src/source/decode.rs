//! Bytes to text: UTF-8 with or without BOM, CRLF and CR line ends, and
//! Windows-1252 for text saved by old word processors.

/// Decoded text and an optional warning about how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decodes a source. Binary data is refused with a message.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("this looks like a binary file (a NUL byte at offset {pos}); zinepress reads .txt and .md text"));
    }
    let (text, warning) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let offset = e.valid_up_to();
            let controls = bytes
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
                .count();
            if controls * 20 > bytes.len().max(1) {
                return Err("this looks like a binary file (mostly non-text bytes); zinepress reads .txt and .md text".to_string());
            }
            (
                bytes.iter().map(|&b| windows_1252(b)).collect(),
                Some(format!(
                    "not valid UTF-8 (first bad byte at offset {offset}); decoded as Windows-1252"
                )),
            )
        }
    };
    // Form feeds stay: they mark page breaks in text extracted from PDFs,
    // and the plain-text repair reads them as such.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Ok(Decoded { text, warning })
}

/// The character of a Windows-1252 byte.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf() {
        let d = decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap();
        assert_eq!(d.text, "a\nb\nc");
        assert!(d.warning.is_none());
    }

    #[test]
    fn windows_1252_fallback_names_offset() {
        let d = decode(b"it\x92s \x93quoted\x94").unwrap();
        assert_eq!(d.text, "it’s “quoted”");
        assert!(d.warning.unwrap().contains("offset 2"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"PK\x03\x04\x00\x00").is_err());
    }
}
