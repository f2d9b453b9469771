//! Inlines to Markdown: emphasis, code spans, links, images, notes, and the
//! escapes that keep text from reading back as markup.

use super::Inline;

/// Where inlines are written: some places cannot hold every construct.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Place {
    /// A paragraph or anything else that may span lines.
    #[default]
    Flow,
    /// A heading: one line, and `{…}` at its end would read as attributes.
    Heading,
    /// A table cell: one line, and `|` ends the cell.
    Cell,
}

/// Inline content as Markdown.
pub fn inlines_md(content: &[Inline]) -> String {
    inlines_in(content, Place::Flow)
}

/// Inline content as Markdown for `place`.
pub fn inlines_in(content: &[Inline], place: Place) -> String {
    let mut s = String::new();
    let mut line_start = true;
    write(content, place, &mut line_start, &mut s);
    s
}

fn write(content: &[Inline], place: Place, line_start: &mut bool, s: &mut String) {
    for inline in content {
        let start = *line_start;
        *line_start = false;
        match inline {
            Inline::Text(t) => s.push_str(&escape(t, start, place)),
            Inline::Emph(c) => wrap("*", "*", c, place, start, s),
            Inline::Strong(c) => wrap("**", "**", c, place, start, s),
            Inline::Strike(c) => wrap("~~", "~~", c, place, start, s),
            Inline::Superscript(c) => wrap("<sup>", "</sup>", c, place, start, s),
            Inline::Subscript(c) => wrap("<sub>", "</sub>", c, place, start, s),
            Inline::Underline(c) => wrap("<u>", "</u>", c, place, start, s),
            Inline::SmallCaps(c) => {
                wrap("<span class=\"smallcaps\">", "</span>", c, place, start, s)
            }
            Inline::Code(t) => s.push_str(&code_span(t)),
            Inline::Link {
                url,
                title,
                content,
            } => {
                s.push('[');
                let mut inner_start = false;
                write(content, place, &mut inner_start, s);
                s.push_str(&format!("]({})", target(url, title.as_deref())));
            }
            Inline::Image { src, alt, title } => s.push_str(&format!(
                "![{}]({})",
                escape(alt, false, place),
                target(src, title.as_deref())
            )),
            Inline::NoteRef(n) => s.push_str(&format!("[^{n}]")),
            Inline::LineBreak if place == Place::Flow => {
                s.push_str("\\\n");
                *line_start = true;
            }
            Inline::LineBreak => s.push_str("<br>"),
            Inline::Html(h) => s.push_str(&h.replace('\n', " ")),
        }
    }
}

/// Delimiters around content; spaces at its edges go outside them, where
/// they do not keep the delimiters from counting.
fn wrap(
    open: &str,
    close: &str,
    content: &[Inline],
    place: Place,
    line_start: bool,
    s: &mut String,
) {
    let mut inner_start = line_start && open.starts_with('<');
    let mut inner = String::new();
    write(content, place, &mut inner_start, &mut inner);
    let lead = inner.len() - inner.trim_start_matches(' ').len();
    let trail = inner.trim_start_matches(' ').len() - inner.trim_matches(' ').len();
    let core = inner.trim_matches(' ');
    if core.is_empty() {
        s.push_str(&inner);
        return;
    }
    s.push_str(inner.get(..lead).unwrap_or_default());
    s.push_str(open);
    s.push_str(core);
    s.push_str(close);
    s.push_str(&" ".repeat(trail));
}

/// A code span with a fence longer than any run of backticks inside, padded
/// where the content would otherwise lose or gain a space.
fn code_span(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let all_spaces = code.chars().all(|c| c == ' ');
    let pad = !code.is_empty()
        && !all_spaces
        && (code.starts_with('`')
            || code.ends_with('`')
            || (code.starts_with(' ') && code.ends_with(' ')));
    let code = code.replace('\n', " ");
    if pad {
        format!("{fence} {code} {fence}")
    } else {
        format!("{fence}{code}{fence}")
    }
}

/// A link destination and title: `url "title"`, the URL in angle brackets
/// when it holds spaces or parentheses.
fn target(url: &str, title: Option<&str>) -> String {
    let url = if url.is_empty()
        || url.contains([' ', '(', ')', '<', '>'])
        || url.contains(char::is_control)
    {
        let inner: String = url
            .chars()
            .filter(|c| !c.is_control())
            .map(|c| {
                if matches!(c, '<' | '>' | '\\') {
                    format!("\\{c}")
                } else {
                    c.to_string()
                }
            })
            .collect();
        format!("<{inner}>")
    } else {
        url.replace('\\', "\\\\")
    };
    match title {
        Some(t) => format!("{url} \"{}\"", t.replace('\\', "\\\\").replace('"', "\\\"")),
        None => url,
    }
}

/// Escapes text so it reads back as the same text; `line_start` when it
/// begins a line, where more characters start blocks.
pub fn escape(text: &str, line_start: bool, place: Place) -> String {
    let mut s = String::with_capacity(text.len());
    // "1. " or "1) " at the start would read back as a list (not in a heading).
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    let list_number = line_start
        && place == Place::Flow
        && digits > 0
        && digits <= 9
        && text
            .get(digits..)
            .unwrap_or_default()
            .starts_with(['.', ')']);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let first = line_start && i == 0;
        let entity = c == '&' && looks_like_entity(&chars[i + 1..]);
        let special = matches!(c, '*' | '_' | '[' | ']' | '`' | '\\' | '<' | '~' | '^')
            || entity
            || (first && matches!(c, '#' | '>' | '-' | '+' | '=' | ':' | '|'))
            || (list_number && i == digits)
            || (place == Place::Cell && c == '|')
            || (place == Place::Heading
                && (c == '{'
                    || (c == '#' && chars[i + 1..].iter().all(|c| *c == '#' || *c == ' '))));
        if special {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// `&name;` or `&#123;`: text that would read back as a character.
fn looks_like_entity(after: &[char]) -> bool {
    let name: Vec<&char> = after
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .collect();
    !name.is_empty() && after.get(name.len()) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn escapes_markup_and_line_starts() {
        assert_eq!(
            escape("1. Not a list", true, Place::Flow),
            "1\\. Not a list"
        );
        assert_eq!(
            escape("1. In a heading", true, Place::Heading),
            "1. In a heading"
        );
        assert_eq!(
            escape("a *b* ~c~ x^2 &amp; AT&T", false, Place::Flow),
            "a \\*b\\* \\~c\\~ x\\^2 \\&amp; AT&T"
        );
        assert_eq!(escape("# : -", true, Place::Flow), "\\# : -");
        assert_eq!(escape("a | b {c} ##", false, Place::Cell), "a \\| b {c} ##");
        assert_eq!(escape("a {c} ##", false, Place::Heading), "a \\{c} \\#\\#");
    }

    #[test]
    fn code_spans_keep_their_backticks_and_spaces() {
        assert_eq!(code_span("a"), "`a`");
        assert_eq!(code_span("a ` b"), "``a ` b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span(" a "), "`  a  `");
        assert_eq!(code_span("  "), "`  `");
    }

    #[test]
    fn inline_constructs() {
        let md = inlines_md(&[
            Inline::Emph(vec![t("a ")]),
            Inline::Strike(vec![t("b")]),
            Inline::Superscript(vec![t("2")]),
            Inline::Link {
                url: "https://a.org/x y".into(),
                title: Some("T \"q\"".into()),
                content: vec![t("l")],
            },
            Inline::Image {
                src: "i.png".into(),
                alt: "alt".into(),
                title: None,
            },
            Inline::LineBreak,
            t("# after a break"),
        ]);
        assert_eq!(md, "*a* ~~b~~<sup>2</sup>[l](<https://a.org/x y> \"T \\\"q\\\"\")![alt](i.png)\\\n\\# after a break");
        assert_eq!(
            inlines_in(&[t("a"), Inline::LineBreak, t("b")], Place::Cell),
            "a<br>b"
        );
    }
}
