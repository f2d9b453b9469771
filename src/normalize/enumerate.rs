//! Enumeration markers at the start of a line: `(a)`, `a)`, `1.`, `(2)`,
//! `i.`, `(iv)`. A marker starts an item when it opens a sequence (a, 1, i)
//! or continues the one before it (b after a, 3 after 2, iii after ii): a
//! wrapped line that merely starts with "2." in the middle of a sentence
//! does neither.

/// How a marker counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Count {
    Digit,
    Lower,
    Upper,
    LowerRoman,
    UpperRoman,
}

/// How a marker is written: `(a)`, `a)` or `a.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    Parens,
    Paren,
    Dot,
}

/// An enumeration marker: its style and value (a = 1, iv = 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enum {
    pub count: Count,
    pub frame: Frame,
    pub value: u32,
}

impl Enum {
    /// Whether `self` can follow `prev` in one enumeration.
    pub fn follows(&self, prev: &Enum) -> bool {
        self.count == prev.count && self.frame == prev.frame && self.value == prev.value + 1
    }

    /// Whether `self` opens an enumeration.
    pub fn opens(&self) -> bool {
        self.value == 1
    }
}

fn roman(s: &str) -> Option<u32> {
    let digit = |c: char| match c.to_ascii_lowercase() {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        _ => None,
    };
    let vals: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, v) in vals.iter().enumerate() {
        if vals.get(k + 1).is_some_and(|n| n > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0 && t < 40)?;
    // Only the canonical spelling: "iiii" and "vx" are not numerals.
    (to_roman(total) == s.to_ascii_lowercase()).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The marker opening a line, and the byte length of the marker with the
/// space after it. The text after the marker must start a word.
pub fn marker(line: &str) -> Option<(Enum, usize)> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    let (frame, inner, len) = if let Some(rest) = t.strip_prefix('(') {
        let close = rest.find(')')?;
        (
            Frame::Parens,
            rest.get(..close).unwrap_or_default(),
            close + 2,
        )
    } else {
        let end = t.find(['.', ')'])?;
        let frame = if t.get(end..).unwrap_or_default().starts_with('.') {
            Frame::Dot
        } else {
            Frame::Paren
        };
        (frame, t.get(..end).unwrap_or_default(), end + 1)
    };
    if inner.is_empty() || inner.len() > 4 {
        return None;
    }
    let after = t.get(len..).unwrap_or_default();
    if !after.starts_with(' ')
        || !after
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || "“\"‘(".contains(c))
    {
        return None;
    }
    let (count, value) = if inner.chars().all(|c| c.is_ascii_digit()) {
        if inner.len() > 2 {
            return None;
        }
        (Count::Digit, inner.parse().ok()?)
    } else if let Some(v) = roman(inner).filter(|_| inner.len() > 1 || matches!(inner, "i" | "I")) {
        (
            if inner.chars().all(|c| c.is_ascii_lowercase()) {
                Count::LowerRoman
            } else if inner.chars().all(|c| c.is_ascii_uppercase()) {
                Count::UpperRoman
            } else {
                return None;
            },
            v,
        )
    } else if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_alphabetic()) {
        let c = inner.chars().next()?;
        // "A. Smith", "I. Kant": a capital with a dot is an initial, not a marker.
        if c.is_ascii_uppercase() && frame == Frame::Dot {
            return None;
        }
        (
            if c.is_ascii_lowercase() {
                Count::Lower
            } else {
                Count::Upper
            },
            u32::from(c.to_ascii_lowercase()) - u32::from('a') + 1,
        )
    } else {
        return None;
    };
    let spaces = after.len() - after.trim_start().len();
    Some((
        Enum {
            count,
            frame,
            value,
        },
        lead + len + spaces,
    ))
}

/// Tracks the enumerations of a text in reading order.
#[derive(Debug, Default)]
pub struct Sequence {
    last: Option<Enum>,
}

impl Sequence {
    /// Whether a line starting with `e` starts an item: it opens a sequence
    /// (when `opening_allowed`: the text before ends a sentence or a clause
    /// with a colon) or continues the last one. "i" after "h" is a letter;
    /// after nothing or after a roman "ii" sequence it is a numeral.
    pub fn accept(&mut self, line: &str, opening_allowed: bool) -> bool {
        let Some((mut e, _)) = marker(line) else {
            return false;
        };
        if let Some(prev) = self.last {
            // "i." can be the ninth letter or the first numeral; "v." the
            // 22nd letter or five: the sequence decides.
            if prev.count == Count::Lower && e.count == Count::LowerRoman {
                if let Some(letter) = letter_value(line) {
                    let as_letter = Enum {
                        count: Count::Lower,
                        frame: e.frame,
                        value: letter,
                    };
                    if as_letter.follows(&prev) {
                        e = as_letter;
                    }
                }
            }
            if e.follows(&prev) {
                self.last = Some(e);
                return true;
            }
        }
        if e.opens() && opening_allowed {
            self.last = Some(e);
            return true;
        }
        false
    }
}

fn letter_value(line: &str) -> Option<u32> {
    let t = line.trim_start().trim_start_matches('(');
    let c = t.chars().next()?;
    (t.get(1..).unwrap_or_default().starts_with(['.', ')']) && c.is_ascii_lowercase())
        .then(|| u32::from(c) - u32::from('a') + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let m = |s| marker(s).map(|(e, n)| (e.count, e.frame, e.value, n));
        assert_eq!(
            m("(a) Who wrote this"),
            Some((Count::Lower, Frame::Parens, 1, 4))
        );
        assert_eq!(m("b) What does"), Some((Count::Lower, Frame::Paren, 2, 3)));
        assert_eq!(m("3. Our demands."), Some((Count::Digit, Frame::Dot, 3, 3)));
        assert_eq!(
            m("iv. The fourth"),
            Some((Count::LowerRoman, Frame::Dot, 4, 4))
        );
        assert_eq!(
            m("(ii) second"),
            Some((Count::LowerRoman, Frame::Parens, 2, 5))
        );
        assert_eq!(m("A. Smith wrote"), None);
        assert_eq!(m("1917. The year"), None);
        assert_eq!(m("e.g. this"), None);
        assert_eq!(m("3.5 per cent"), None);
        assert_eq!(m("(see below) and"), None);
    }

    #[test]
    fn sequences() {
        let mut s = Sequence::default();
        assert!(s.accept("(a) one", true));
        assert!(s.accept("(b) two", false));
        assert!(!s.accept("(d) four", false));
        assert!(s.accept("(c) three", false));
        let mut s = Sequence::default();
        assert!(!s.accept("2. in the middle of a sentence", true));
        assert!(s.accept("i. first", true));
        assert!(s.accept("ii. second", false));
        assert!(s.accept("iii. third", false));
        // After "h", "i" is a letter.
        let mut s = Sequence::default();
        for l in [
            "a) x", "b) x", "c) x", "d) x", "e) x", "f) x", "g) x", "h) x", "i) x", "j) x",
        ] {
            assert!(s.accept(l, true), "{l}");
        }
    }
}
