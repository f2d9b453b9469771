//! Lengths and paper sizes as written in layout files ("12mm", "0.5in", "a5").

use serde::{Deserialize, Deserializer};
use std::fmt;

/// A length in PostScript points (1/72 in).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Length(pub f32);

impl Length {
    pub const fn pt(v: f32) -> Self {
        Length(v)
    }
    pub fn mm(v: f32) -> Self {
        Length(v * 72.0 / 25.4)
    }
    pub fn inch(v: f32) -> Self {
        Length(v * 72.0)
    }
    pub fn to_mm(self) -> f32 {
        self.0 * 25.4 / 72.0
    }

    /// Parses "12mm", "1.5cm", "0.5in", "10pt" or a bare number of points.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let split = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(s.len());
        // `find` gives a char boundary: the split always succeeds.
        let (num, unit) = s.split_at_checked(split).unwrap_or((s, ""));
        let value: f32 = num.parse().map_err(|_| {
            format!("`{s}` is not a length; write it like \"12mm\", \"0.5in\" or \"10pt\"")
        })?;
        let len = match unit.trim() {
            "" | "pt" => Length::pt(value),
            "mm" => Length::mm(value),
            "cm" => Length::mm(value * 10.0),
            "in" => Length::inch(value),
            other => {
                return Err(format!(
                    "unknown unit `{other}` in `{s}`; use mm, cm, in or pt"
                ))
            }
        };
        if !(len.0.is_finite() && len.0 >= 0.0) {
            return Err(format!("`{s}` must be a length of zero or more"));
        }
        Ok(len)
    }
}

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}mm", self.to_mm())
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Num(f64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Num(n) => Ok(Length::pt(n as f32)),
            Raw::Text(s) => Length::parse(&s).map_err(serde::de::Error::custom),
        }
    }
}

/// A width and a height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: Length,
    pub height: Length,
}

impl Size {
    pub fn landscape(self) -> Size {
        if self.width.0 >= self.height.0 {
            self
        } else {
            Size {
                width: self.height,
                height: self.width,
            }
        }
    }
    pub fn portrait(self) -> Size {
        if self.width.0 <= self.height.0 {
            self
        } else {
            Size {
                width: self.height,
                height: self.width,
            }
        }
    }
}

/// Named paper sizes, portrait.
pub const PAPER_NAMES: &[&str] = &[
    "a3",
    "a4",
    "a5",
    "a6",
    "a7",
    "letter",
    "legal",
    "tabloid",
    "half-letter",
    "quarter-letter",
];

/// Parses a paper name ("a5", "half-letter") or "WIDTH x HEIGHT" ("5.5in x 8.5in").
pub fn parse_paper(s: &str) -> Result<Size, String> {
    let lower = s.trim().to_ascii_lowercase();
    let mm = |w: f32, h: f32| Size {
        width: Length::mm(w),
        height: Length::mm(h),
    };
    let inch = |w: f32, h: f32| Size {
        width: Length::inch(w),
        height: Length::inch(h),
    };
    let size = match lower.as_str() {
        "a3" => mm(297.0, 420.0),
        "a4" => mm(210.0, 297.0),
        "a5" => mm(148.0, 210.0),
        "a6" => mm(105.0, 148.0),
        "a7" => mm(74.0, 105.0),
        "letter" => inch(8.5, 11.0),
        "legal" => inch(8.5, 14.0),
        "tabloid" => inch(11.0, 17.0),
        "half-letter" => inch(5.5, 8.5),
        "quarter-letter" => inch(4.25, 5.5),
        _ => {
            let Some((w, h)) = lower.split_once('x') else {
                return Err(format!(
                    "unknown paper size `{s}`; use one of {} or \"WIDTH x HEIGHT\" like \"5.5in x 8.5in\"",
                    PAPER_NAMES.join(", ")
                ));
            };
            let size = Size {
                width: Length::parse(w)?,
                height: Length::parse(h)?,
            };
            if size.width.0 < 36.0 || size.height.0 < 36.0 {
                return Err(format!("paper size `{s}` is smaller than half an inch"));
            }
            size
        }
    };
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units() {
        assert!((Length::parse("25.4mm").unwrap().0 - 72.0).abs() < 1e-3);
        assert_eq!(Length::parse("1in").unwrap(), Length(72.0));
        assert_eq!(Length::parse("10").unwrap(), Length(10.0));
        assert!(Length::parse("10furlongs").is_err());
        assert!(Length::parse("-3mm").is_err());
    }

    #[test]
    fn parses_papers() {
        let a5 = parse_paper("A5").unwrap();
        assert!((a5.width.to_mm() - 148.0).abs() < 0.01);
        let custom = parse_paper("5.5in x 8.5in").unwrap();
        assert_eq!(custom, parse_paper("half-letter").unwrap());
        assert!(parse_paper("b17").unwrap_err().contains("a5"));
    }
}
