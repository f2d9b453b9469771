//! What each line of a Muse body is, from the line alone: blank, comment,
//! block tag, heading, rule, page break, note text, verse, table row, anchor,
//! list item or text at some indentation. Context (which lines a tag
//! encloses, where a list ends) is the block reader's business.

/// The block tags that stand on a line of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Example,
    Verse,
    Quote,
    Center,
    Right,
    Biblio,
    Play,
    Comment,
}

impl Tag {
    fn from_name(name: &str) -> Option<Tag> {
        Some(match name {
            "example" => Tag::Example,
            "verse" => Tag::Verse,
            "quote" => Tag::Quote,
            "center" => Tag::Center,
            "right" => Tag::Right,
            "biblio" => Tag::Biblio,
            "play" => Tag::Play,
            "comment" => Tag::Comment,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Tag::Example => "example",
            Tag::Verse => "verse",
            Tag::Quote => "quote",
            Tag::Center => "center",
            Tag::Right => "right",
            Tag::Biblio => "biblio",
            Tag::Play => "play",
            Tag::Comment => "comment",
        }
    }
}

/// The kind of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Blank,
    /// `; text` or a lone `;` in the first column: never printed.
    Comment,
    Open(Tag),
    Close(Tag),
    /// `{{{`, optionally followed by a language name: a code block.
    FenceOpen,
    FenceClose,
    /// `*` to `*****` and a space in the first column; the text starts at level + 1.
    Heading(u8),
    /// Four or more dashes alone in the first column.
    Rule,
    /// Five `*` separated by spaces, indented six or more columns.
    PageBreak,
    /// `[1] text` (or `{1} text` for a secondary note) in the first column;
    /// the text starts at column `col`, which continuation paragraphs repeat.
    Note {
        secondary: bool,
        number: u32,
        col: usize,
    },
    /// `> text` or a lone `>` in the first column.
    Verse,
    /// A row of a table: cells between `|`, `||` or `|||`, or a `|+ caption +|`.
    Table,
    /// `#name` alone in the first column: a target for `[[#name]]` links.
    Anchor,
    /// An indented list item: `- `, or `1.`, `a.`, `i.` and a space; its text starts at `col`.
    Item {
        indent: usize,
        marker: String,
        col: usize,
    },
    /// Anything else, at `indent` columns.
    Text {
        indent: usize,
    },
}

/// Expands tabs (four spaces each, as Text::Amuse does) and drops trailing white space.
pub fn clean(line: &str) -> String {
    let line = line.trim_end();
    if line.contains('\t') {
        line.replace('\t', "    ")
    } else {
        line.to_string()
    }
}

/// The kind of a cleaned line (see [`clean`]).
pub fn classify(line: &str) -> Kind {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    if trimmed.is_empty() {
        return Kind::Blank;
    }
    if line == ";" || line.starts_with("; ") {
        return Kind::Comment;
    }
    if let Some(kind) = tag_line(trimmed) {
        return kind;
    }
    if indent == 0 {
        if let Some(rest) = line.strip_prefix("{{{") {
            if rest
                .trim()
                .chars()
                .all(|c| c.is_alphanumeric() || "-_+.#".contains(c))
            {
                return Kind::FenceOpen;
            }
        }
        if line == "}}}" {
            return Kind::FenceClose;
        }
        let stars = line.bytes().take_while(|b| *b == b'*').count();
        // A heading has words: `* * *` in the first column is an ornament.
        if (1..=5).contains(&stars)
            && line.get(stars..).unwrap_or_default().starts_with(' ')
            && line
                .get(stars..)
                .unwrap_or_default()
                .bytes()
                .any(|b| b != b' ' && b != b'*')
        {
            return Kind::Heading(stars as u8);
        }
        if line.len() >= 4 && line.bytes().all(|b| b == b'-') {
            return Kind::Rule;
        }
        if let Some(kind) = note_line(line) {
            return kind;
        }
        if line == ">" || line.starts_with("> ") {
            return Kind::Verse;
        }
    }
    if indent >= 6
        && trimmed.bytes().all(|b| b == b'*' || b == b' ')
        && trimmed.bytes().filter(|b| *b == b'*').count() == 5
        && !trimmed.contains("**")
    {
        return Kind::PageBreak;
    }
    if is_table_row(trimmed) {
        return Kind::Table;
    }
    if indent == 0 && is_anchor(line) {
        return Kind::Anchor;
    }
    if indent >= 1 {
        if let Some((marker, col)) = item_marker(trimmed) {
            return Kind::Item {
                indent,
                marker: marker.to_string(),
                col: indent + col,
            };
        }
    }
    Kind::Text { indent }
}

/// `<name>` or `</name>` of a block tag, alone on its line.
fn tag_line(trimmed: &str) -> Option<Kind> {
    let inner = trimmed.strip_prefix('<')?.strip_suffix('>')?;
    match inner.strip_prefix('/') {
        Some(name) => Tag::from_name(name).map(Kind::Close),
        None => Tag::from_name(inner).map(Kind::Open),
    }
}

/// `[12] text` or `{3} text`: a note's text.
fn note_line(line: &str) -> Option<Kind> {
    let (secondary, close) = match line.as_bytes().first()? {
        b'[' => (false, ']'),
        b'{' => (true, '}'),
        _ => return None,
    };
    let end = line.find(close)?;
    let digits = line.get(1..end).unwrap_or_default();
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = line.get(end + 1..).unwrap_or_default();
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    let number: u32 = digits.parse().ok()?;
    let spaces = rest.len() - rest.trim_start().len();
    // A lone `[1]` takes its text from the indented lines after it.
    let col = end + 1 + if rest.is_empty() { 1 } else { spaces };
    Some(Kind::Note {
        secondary,
        number,
        col,
    })
}

/// `#name`: letters, digits, `-` and `_`, starting with a letter.
fn is_anchor(line: &str) -> bool {
    let Some(name) = line.strip_prefix('#') else {
        return false;
    };
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The positions of the cell separators of a row: runs of one to three `|`
/// with a space or the line's edge on each side, as (byte offset, length).
pub fn separators(row: &str) -> Vec<(usize, usize)> {
    let bytes = row.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'|' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'|' {
            i += 1;
        }
        let len = i - start;
        let before = start == 0 || bytes[start - 1] == b' ';
        let after = i == bytes.len() || bytes[i] == b' ';
        if (1..=3).contains(&len) && before && after {
            out.push((start, len));
        }
    }
    out
}

/// A `|+ caption +|` line.
pub fn caption(trimmed: &str) -> Option<&str> {
    let inner = trimmed.strip_prefix("|+")?.strip_suffix("+|")?;
    Some(inner.trim())
}

fn is_table_row(trimmed: &str) -> bool {
    if caption(trimmed).is_some() {
        return true;
    }
    !separators(trimmed).is_empty()
}

/// A list marker at the start of `trimmed` and the column its text starts at.
fn item_marker(trimmed: &str) -> Option<(&str, usize)> {
    let (marker, rest) = if let Some(rest) = trimmed.strip_prefix('-') {
        ("-", rest)
    } else {
        let dot = trimmed.find('.')?;
        let label = trimmed.get(..dot).unwrap_or_default();
        let ok = !label.is_empty()
            && (label.len() <= 9 && label.bytes().all(|b| b.is_ascii_digit())
                || label.len() == 1 && label.bytes().all(|b| b.is_ascii_alphabetic())
                || label.len() <= 8
                    && (label.bytes().all(|b| b"ivxlcdm".contains(&b))
                        || label.bytes().all(|b| b"IVXLCDM".contains(&b))));
        if !ok {
            return None;
        }
        (
            trimmed.get(..=dot).unwrap_or_default(),
            trimmed.get(dot + 1..).unwrap_or_default(),
        )
    };
    let text = rest.trim_start();
    if text.is_empty() || text.len() == rest.len() {
        return None;
    }
    Some((marker, trimmed.len() - text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_lines() {
        let cases: &[(&str, Kind)] = &[
            ("", Kind::Blank),
            ("; a comment", Kind::Comment),
            (";", Kind::Comment),
            (";not a comment", Kind::Text { indent: 0 }),
            ("<verse>", Kind::Open(Tag::Verse)),
            ("  </quote>", Kind::Close(Tag::Quote)),
            ("<verses>", Kind::Text { indent: 0 }),
            ("{{{ rust", Kind::FenceOpen),
            ("}}}", Kind::FenceClose),
            ("** Chapter", Kind::Heading(2)),
            ("*emphasis* opens", Kind::Text { indent: 0 }),
            ("****** six", Kind::Text { indent: 0 }),
            ("* * *", Kind::Text { indent: 0 }),
            ("body |", Kind::Table),
            ("----", Kind::Rule),
            ("---", Kind::Text { indent: 0 }),
            ("       * * * * *", Kind::PageBreak),
            ("       * * *", Kind::Text { indent: 7 }),
            (
                "[12] A note",
                Kind::Note {
                    secondary: false,
                    number: 12,
                    col: 5,
                },
            ),
            (
                "{2}   A secondary",
                Kind::Note {
                    secondary: true,
                    number: 2,
                    col: 6,
                },
            ),
            (
                "[1]",
                Kind::Note {
                    secondary: false,
                    number: 1,
                    col: 4,
                },
            ),
            ("[1]text", Kind::Text { indent: 0 }),
            (" [2] indented is text", Kind::Text { indent: 1 }),
            ("> verse", Kind::Verse),
            (">", Kind::Verse),
            ("a | b", Kind::Table),
            ("  head || head", Kind::Table),
            ("|+ A caption +|", Kind::Table),
            ("a|b is prose", Kind::Text { indent: 0 }),
            ("#anchor-1", Kind::Anchor),
            ("#1 hashtag", Kind::Text { indent: 0 }),
            (
                " - item",
                Kind::Item {
                    indent: 1,
                    marker: "-".into(),
                    col: 3,
                },
            ),
            (
                "   12.  item",
                Kind::Item {
                    indent: 3,
                    marker: "12.".into(),
                    col: 8,
                },
            ),
            (
                " iv. item",
                Kind::Item {
                    indent: 1,
                    marker: "iv.".into(),
                    col: 5,
                },
            ),
            (
                " B. item",
                Kind::Item {
                    indent: 1,
                    marker: "B.".into(),
                    col: 4,
                },
            ),
            (" etc. is text", Kind::Text { indent: 1 }),
            ("- not indented", Kind::Text { indent: 0 }),
            ("  quoted", Kind::Text { indent: 2 }),
        ];
        for (line, kind) in cases {
            assert_eq!(classify(line), *kind, "{line:?}");
        }
    }

    #[test]
    fn separators_need_spaces_around() {
        assert_eq!(separators("a | b || c"), vec![(2, 1), (6, 2)]);
        assert_eq!(separators("|| a ||"), vec![(0, 2), (5, 2)]);
        assert!(separators("a|b ||||").is_empty());
    }

    #[test]
    fn tabs_become_four_spaces() {
        assert_eq!(clean("\t- item \t"), "    - item");
    }
}
