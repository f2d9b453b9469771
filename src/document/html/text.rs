//! The text a reader sees of raw HTML (what print sets): tags, comments and
//! scripts out, entities decoded, blocks on lines of their own.

use super::xhtml::tag_end;

/// Elements whose content is not text a reader sees (program code, styles).
const HIDDEN: [&str; 6] = [
    "script", "style", "template", "noscript", "iframe", "object",
];

/// Elements that start a new line of text.
const BLOCKISH: [&str; 28] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "section",
    "figure",
];

/// The text a reader sees of raw HTML: tags and comments out, the content of
/// scripts and styles out, entities decoded, a line break between blocks,
/// runs of spaces as one.
pub fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut hidden: Option<String> = None;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            // `<!-->` and `<!--->` are whole (empty) comments.
            rest = match after {
                a if a.starts_with('>') => a.get(1..).unwrap_or_default(),
                a if a.starts_with("->") => a.get(2..).unwrap_or_default(),
                a => a
                    .find("-->")
                    .map_or("", |i| a.get(i + 3..).unwrap_or_default()),
            };
            continue;
        }
        let is_tag = rest.strip_prefix('<').is_some_and(|r| {
            r.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
        });
        let tag_end = if is_tag {
            Some(tag_end(rest))
                .filter(|&e| rest.get(..e).unwrap_or_default().ends_with('>'))
                .map(|e| e - 2)
        } else {
            None
        };
        if let Some(end) = tag_end {
            let tag = rest.get(1..end + 1).unwrap_or_default();
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            rest = rest.get(end + 2..).unwrap_or_default();
            match &hidden {
                Some(h) if closing && *h == name => hidden = None,
                Some(_) => {}
                None if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') => {
                    hidden = Some(name)
                }
                None if BLOCKISH.contains(&name.as_str()) => out.push('\n'),
                None => {}
            }
            continue;
        }
        let next = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '<')
            .map_or(rest.len(), |(i, _)| i);
        if hidden.is_none() {
            out.push_str(&decode_entities(rest.get(..next).unwrap_or_default()));
        }
        rest = rest.get(next..).unwrap_or_default();
    }
    collapse(&out)
}

/// Runs of spaces as one space, runs of line ends as one, no space at line ends.
fn collapse(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// Decodes the entities people write by hand: the five of XML, `&nbsp;` and numeric ones.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or_default());
        rest = rest.get(at..).unwrap_or_default();
        let entity = rest
            .get(1..)
            .unwrap_or_default()
            .find(';')
            .filter(|&i| i <= 10)
            .map(|i| rest.get(1..i + 1).unwrap_or_default());
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => {
                let n = e
                    .strip_prefix("#x")
                    .or_else(|| e.strip_prefix("#X"))
                    .map(|h| u32::from_str_radix(h, 16))
                    .or_else(|| e.strip_prefix('#').map(str::parse))?;
                n.ok().and_then(char::from_u32)
            }
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = rest.get(e.len() + 2..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = rest.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_keeps_what_a_reader_sees() {
        assert_eq!(
            html_text("<p>Hello <b>there</b> &amp; you</p><p>Two<br>lines</p>"),
            "Hello there & you\nTwo\nlines"
        );
        assert_eq!(
            html_text("<script>alert(1)</script><img src=x onerror=\"a()\">ok<!-- note -->"),
            "ok"
        );
        assert_eq!(
            html_text("a < b and c&d &#233;&#x41; é<"),
            "a < b and c&d éA é<"
        );
        assert_eq!(html_text("<style>p{}</style>"), "");
        assert_eq!(
            html_text("<a title='x > y'>link</a> foo <!--> bar <!---> baz"),
            "link foo bar baz"
        );
    }
}
