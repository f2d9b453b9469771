//! The header of a Muse file: `#name value` lines before the text, a value
//! continued on the lines after it until a blank line.

use super::lines::{classify, Kind};

/// One `#name value` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The name as written (`title`, `SORTtopics`).
    pub name: String,
    /// The value, its lines joined by spaces; it may hold inline markup.
    pub value: String,
    /// 1-based line in the file.
    pub line: usize,
}

impl Directive {
    /// Whether the directive is `name`, in any case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// The directives at the top of `lines` (cleaned), the comment lines among
/// them as (index, text), and the index of the first line of the body.
/// `first_line` is the file line of `lines[0]`.
pub fn header(
    lines: &[String],
    first_line: usize,
) -> (Vec<Directive>, Vec<(usize, String)>, usize) {
    let mut directives: Vec<Directive> = Vec::new();
    let mut comments = Vec::new();
    // Whether the line before continues a directive (no blank line since).
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        match classify(line) {
            Kind::Blank => open = false,
            Kind::Comment => comments.push((i, line.clone())),
            _ => {
                if let Some((name, value)) = directive(line) {
                    directives.push(Directive {
                        name: name.to_string(),
                        value: value.to_string(),
                        line: first_line + i,
                    });
                    open = true;
                } else if open && matches!(classify(line), Kind::Text { .. }) {
                    if let Some(d) = directives.last_mut() {
                        if !d.value.is_empty() {
                            d.value.push(' ');
                        }
                        d.value.push_str(line.trim());
                    }
                } else {
                    return (directives, comments, i);
                }
            }
        }
    }
    (directives, comments, lines.len())
}

/// `#name value` → (name, value); names are letters and digits.
fn directive(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('#')?;
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let (name, value) = rest.split_at(end);
    if name.is_empty()
        || !name.starts_with(|c: char| c.is_ascii_alphabetic())
        || !(value.is_empty() || value.starts_with(' '))
    {
        return None;
    }
    Some((name, value.trim()))
}

/// A list directive (`#SORTtopics anarchism; labor`) split at semicolons,
/// or at commas when it has none (so `Kropotkin, Peter; Reclus, Élisée`
/// keeps its names whole).
pub fn list(value: &str) -> Vec<String> {
    let sep = if value.contains(';') { ';' } else { ',' };
    value
        .split(sep)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(super::super::lines::clean).collect()
    }

    #[test]
    fn directives_until_the_text() {
        let l = lines("#title The Bread\n#author P. K.\n; note to self\n\n#notes Translated\nfrom French\n\n#lang en\n\nThe text.\n#title not a directive");
        let (d, comments, body) = header(&l, 1);
        let got: Vec<(&str, &str, usize)> = d
            .iter()
            .map(|d| (d.name.as_str(), d.value.as_str(), d.line))
            .collect();
        assert_eq!(
            got,
            [
                ("title", "The Bread", 1),
                ("author", "P. K.", 2),
                ("notes", "Translated from French", 5),
                ("lang", "en", 8)
            ]
        );
        assert_eq!(comments, [(2, "; note to self".to_string())]);
        assert_eq!(body, 9);
        assert!(d[0].is("TITLE"));
    }

    #[test]
    fn a_heading_ends_the_header() {
        let (d, _, body) = header(&lines("#lang en\n* Part one"), 1);
        assert_eq!((d.len(), body), (1, 1));
        let (d, _, body) = header(&lines("No header here.\n#title late"), 1);
        assert_eq!((d.len(), body), (0, 0));
        assert_eq!(header(&lines("#empty\n#1 no"), 1).0.len(), 1);
    }

    #[test]
    fn lists_split_at_semicolons_else_commas() {
        assert_eq!(
            list("anarchism, labor, history"),
            ["anarchism", "labor", "history"]
        );
        assert_eq!(
            list("Kropotkin, Peter; Reclus, Élisée ;"),
            ["Kropotkin, Peter", "Reclus, Élisée"]
        );
    }
}
