//! Reading raw HTML's tags, and naming what in it the sanitiser removes
//! (for the warning that names its line).

/// Elements a warning names: active content, forms, frames, outside resources.
const UNSAFE_TAGS: [&str; 22] = [
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "textarea", "select", "style", "link", "meta", "base", "img", "video", "audio",
    "source", "svg", "math",
];

/// A tag as written: its name in lower case, and whether it closes or closes itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub closing: bool,
    pub self_closing: bool,
}

/// Reads one tag (`<sup>`, `</em>`, `<br/>`); `None` for comments and other text.
pub fn tag(raw: &str) -> Option<Tag> {
    let inner = raw.trim().strip_prefix('<')?.strip_suffix('>')?;
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    let name: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(Tag {
        name,
        closing,
        self_closing: inner.ends_with('/'),
    })
}

/// What the sanitiser removes from `raw`, for the warning: unsafe elements,
/// event handlers, script URLs and inline styles.
pub fn dangers(raw: &str) -> Vec<String> {
    let lower = raw.to_ascii_lowercase();
    let mut found: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !found.contains(&s) {
            found.push(s);
        }
    };
    for name in UNSAFE_TAGS {
        let open = format!("<{name}");
        if lower.match_indices(&open).any(|(i, _)| {
            !lower
                .get(i + open.len()..)
                .unwrap_or_default()
                .starts_with(|c: char| c.is_ascii_alphanumeric())
        }) {
            add(format!("<{name}>"));
        }
    }
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices("on") {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let name_len = lower
            .get(i..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let after = lower.get(i + name_len..).unwrap_or_default().trim_start();
        if name_len > 2
            && matches!(before, Some(b' ' | b'\t' | b'\n' | b'"' | b'\'' | b'/'))
            && after.starts_with('=')
            && in_tag(&lower, i)
        {
            add(format!(
                "{}=",
                lower.get(i..i + name_len).unwrap_or_default()
            ));
        }
    }
    for scheme in ["javascript:", "vbscript:", "data:"] {
        if lower.contains(scheme) {
            add(scheme.to_string());
        }
    }
    if lower.match_indices("style").any(|(i, _)| {
        lower
            .get(i + 5..)
            .unwrap_or_default()
            .trim_start()
            .starts_with('=')
            && in_tag(&lower, i)
    }) {
        add("style=".into());
    }
    found
}

/// Whether byte `i` of `html` lies inside a tag.
fn in_tag(html: &str, i: usize) -> bool {
    html.get(..i)
        .unwrap_or_default()
        .rfind('<')
        .is_some_and(|open| html.get(open..i).unwrap_or_default().find('>').is_none())
}

/// The warning for raw HTML: the tag it starts with, and what is removed.
pub fn warning(raw: &str) -> String {
    let dangers = dangers(raw);
    if !dangers.is_empty() {
        return format!(
            "{} removed (scripts, event handlers, javascript: URLs, forms, frames and outside resources are never kept); print sets only its text",
            dangers.join(", ")
        );
    }
    let start = raw.trim_start();
    if start.starts_with("<!--") && raw.trim_end().ends_with("-->") {
        return "an HTML comment, left out of the EPUB and print".to_string();
    }
    let first = start
        .find('>')
        .and_then(|end| tag(start.get(..=end).unwrap_or_default()));
    match first {
        Some(t) => format!(
            "<{}{}> kept sanitised in the EPUB; print sets only its text",
            if t.closing { "/" } else { "" },
            t.name
        ),
        None => "kept sanitised in the EPUB; print sets only its text".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangers_are_named() {
        assert_eq!(
            dangers("<img src=x onerror=\"alert(1)\">"),
            vec!["<img>", "onerror="]
        );
        assert_eq!(
            dangers("<a href=\"javascript:alert(1)\">x</a>"),
            vec!["javascript:"]
        );
        assert_eq!(dangers("<script>x</script>"), vec!["<script>"]);
        assert!(dangers("<kbd>Ctrl</kbd> on = off").is_empty());
        assert!(warning("<script>alert(1)</script>").contains("<script> removed"));
        assert!(warning("<!-- a note to self -->").contains("comment, left out"));
        assert!(!warning("<script>alert(1)</script>").contains("alert"));
    }

    #[test]
    fn tags_are_read() {
        assert_eq!(
            tag("<sup>"),
            Some(Tag {
                name: "sup".into(),
                closing: false,
                self_closing: false
            })
        );
        assert_eq!(
            tag("</EM>"),
            Some(Tag {
                name: "em".into(),
                closing: true,
                self_closing: false
            })
        );
        assert_eq!(tag("<br />").map(|t| t.self_closing), Some(true));
        assert_eq!(tag("<!-- x -->"), None);
    }
}
