//! Text operators written into one string, byte for byte as pdf-writer's compact content writer would, for a text object handed to it whole.
//!
//! pdf-writer escapes a glyph string one byte at a time through its general
//! `Str` writer; here the glyph ids of a run go through a table. The string
//! is given to `Content::op` as one operation starting with `BT`: the content
//! writer puts before it the same separator as before its own `BT`.

use std::io::Write;

/// One text object's operators, without the closing `ET`.
#[derive(Default)]
pub(super) struct TextOps {
    /// ASCII only.
    out: Vec<u8>,
}

/// The delimiters after which pdf-writer writes no separating space.
fn is_delimiter(byte: u8) -> bool {
    matches!(byte, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'/' | b'%')
}

impl TextOps {
    /// Starts a text object (`BT`), emptying the string.
    pub fn begin(&mut self) {
        self.out.clear();
        self.out.extend_from_slice(b"BT");
    }

    /// A space unless the string ends with a delimiter (before an operand
    /// or an operator that does not start with one).
    fn pad(&mut self) {
        if !self.out.last().is_some_and(|b| is_delimiter(*b)) {
            self.out.push(b' ');
        }
    }

    /// An operator after its operands.
    fn op(&mut self, name: &str) {
        self.pad();
        self.out.extend_from_slice(name.as_bytes());
    }

    /// A number as pdf-writer writes an `f32`.
    pub fn number(&mut self, value: f32) {
        self.pad();
        if value as i32 as f32 == value {
            let _ = write!(self.out, "{}", value as i32);
        } else if value == 0.0 || (value.abs() > 1e-6 && value.abs() < 1e12) {
            let mut digits = ryu::Buffer::new();
            self.out.extend_from_slice(digits.format(value).as_bytes());
        } else {
            let _ = write!(self.out, "{value}");
        }
    }

    /// `0 Tr`: glyphs filled.
    pub fn fill_mode(&mut self) {
        self.pad();
        self.out.push(b'0');
        self.op("Tr");
    }

    /// `/NAME SIZE Tf`; `name` of regular characters only (`f0`, `f1`…).
    pub fn font(&mut self, name: &str, size: f32) {
        self.out.push(b'/');
        self.out.extend_from_slice(name.as_bytes());
        self.number(size);
        self.op("Tf");
    }

    /// `A B C D E F Tm`.
    pub fn matrix(&mut self, m: [f32; 6]) {
        for v in m {
            self.number(v);
        }
        self.op("Tm");
    }

    /// A string of glyph ids (two bytes each, big-endian).
    pub fn glyphs(&mut self, cids: &[u16]) {
        let ascii = cids.iter().all(|c| c & 0x8080 == 0);
        let paren = |b: u8| b == b'(' || b == b')';
        if ascii
            && !cids
                .iter()
                .any(|c| paren((c >> 8) as u8) || paren(*c as u8))
        {
            self.out.reserve(2 + 8 * cids.len());
            self.out.push(b'(');
            for c in cids {
                literal_byte(&mut self.out, (c >> 8) as u8);
                literal_byte(&mut self.out, *c as u8);
            }
            self.out.push(b')');
        } else {
            let bytes: Vec<u8> = cids.iter().flat_map(|c| c.to_be_bytes()).collect();
            general_str(&mut self.out, &bytes);
        }
    }

    /// `STRING Tj`, the string written just before.
    pub fn show(&mut self) {
        self.op("Tj");
    }

    /// Opens the array of a `TJ`.
    pub fn open_array(&mut self) {
        self.out.push(b'[');
    }

    /// Closes the array and writes `TJ`.
    pub fn close_array(&mut self) {
        self.out.push(b']');
        self.op("TJ");
    }

    /// The operators written since [`TextOps::begin`].
    pub fn as_str(&self) -> &str {
        // Every byte written is ASCII.
        std::str::from_utf8(&self.out).unwrap_or_default()
    }
}

/// How a byte stands in a literal string without parentheses: up to four
/// bytes and their count.
const ESCAPES: [([u8; 4], u8); 256] = {
    let mut table = [([0u8; 4], 0u8); 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = match b {
            b'\\' => ([b'\\', b'\\', 0, 0], 2),
            b' '..=b'~' => ([b, 0, 0, 0], 1),
            b'\n' => ([b'\\', b'n', 0, 0], 2),
            b'\r' => ([b'\\', b'r', 0, 0], 2),
            b'\t' => ([b'\\', b't', 0, 0], 2),
            b'\x08' => ([b'\\', b'b', 0, 0], 2),
            b'\x0c' => ([b'\\', b'f', 0, 0], 2),
            _ => (
                [
                    b'\\',
                    b'0' + (b >> 6),
                    b'0' + ((b >> 3) & 7),
                    b'0' + (b & 7),
                ],
                4,
            ),
        };
        byte += 1;
    }
    table
};

/// One byte of a literal string without parentheses, as pdf-writer escapes it.
fn literal_byte(out: &mut Vec<u8>, byte: u8) {
    // All four bytes (a store of fixed size), then back to the escape's length.
    let (bytes, len) = &ESCAPES[byte as usize];
    out.extend_from_slice(bytes);
    out.truncate(out.len() - 4 + *len as usize);
}

/// Any string, as pdf-writer's `Str` writes it: a literal string for ASCII
/// (parentheses escaped unless balanced), else a hex string.
fn general_str(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.is_ascii() {
        out.push(b'(');
        let mut balanced = None;
        for &byte in bytes {
            if byte == b'(' || byte == b')' {
                if !*balanced.get_or_insert_with(|| byte != b')' && is_balanced(bytes)) {
                    out.push(b'\\');
                }
                out.push(byte);
            } else {
                literal_byte(out, byte);
            }
        }
        out.push(b')');
    } else {
        out.push(b'<');
        for &byte in bytes {
            let _ = write!(out, "{byte:02X}");
        }
        out.push(b'>');
    }
}

fn is_balanced(bytes: &[u8]) -> bool {
    let mut depth = 0usize;
    for &byte in bytes {
        match byte {
            b'(' => depth += 1,
            b')' if depth > 0 => depth -= 1,
            b')' => return false,
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_writer::{Content, Name, Str};

    fn compact() -> Content {
        Content::with_settings(super::super::COMPACT)
    }

    /// The same operators through pdf-writer and through `TextOps`.
    fn both(cids: &[u16], adjust: &[f32], size: f32, m: [f32; 6]) {
        let bytes: Vec<u8> = cids.iter().flat_map(|c| c.to_be_bytes()).collect();
        let mut c = compact();
        c.set_fill_rgb(0.0, 0.0, 0.0);
        c.begin_text();
        c.set_text_rendering_mode(pdf_writer::types::TextRenderingMode::Fill);
        c.set_font(Name(b"f3"), size);
        c.set_text_matrix(m);
        c.show(Str(&bytes));
        {
            let mut tj = c.show_positioned();
            let mut items = tj.items();
            for a in adjust {
                items.show(Str(&bytes));
                items.adjust(*a);
            }
            items.show(Str(&bytes));
        }
        c.end_text();
        let expected = c.finish().to_vec();

        let mut c = compact();
        c.set_fill_rgb(0.0, 0.0, 0.0);
        let mut t = TextOps::default();
        t.begin();
        t.fill_mode();
        t.font("f3", size);
        t.matrix(m);
        t.glyphs(cids);
        t.show();
        t.open_array();
        for a in adjust {
            t.glyphs(cids);
            t.number(*a);
        }
        t.glyphs(cids);
        t.close_array();
        c.op(t.as_str());
        c.end_text();
        assert_eq!(
            String::from_utf8_lossy(&c.finish()),
            String::from_utf8_lossy(&expected)
        );
    }

    #[test]
    fn glyph_strings_and_numbers_match_pdf_writer() {
        let m = [1.0, 0.0, 0.0, -1.0, 72.25, 700.125];
        both(&[3, 4, 0x41], &[-12.5, 3.0, 0.0001, -0.0], 10.0, m);
        both(&[0x5c0a, 0x0d09, 0x087f, 0x0c20], &[1e-7, 2e12], 9.5, m);
    }

    #[test]
    fn parentheses_and_high_bytes_take_the_general_path() {
        let m = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        both(&[0x28, 0x29], &[1.5], 10.0, m);
        both(&[0x29, 0x28], &[1.5], 10.0, m);
        both(&[0x2800, 0x5c29], &[], 10.0, m);
        both(&[0x0180, 0x0041], &[-3.25], 10.0, m);
    }
}
