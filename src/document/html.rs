//! Raw HTML in the model ([`super::Block::Html`], [`super::Inline::Html`]):
//! the text a reader sees of it (what print sets), what in it is unsafe (for
//! the warning that names its line), and its sanitised XHTML (what the EPUB
//! keeps), made by ammonia with a short allow-list and turned into XML.
//!
//! Offsets into the HTML come from finding ASCII characters, so they fall on
//! character boundaries; slices use `get` so that a wrong offset yields an
//! empty piece (the text is still kept whole by [`html_text`]) instead of a panic.

use std::collections::{HashMap, HashSet};

/// Phrasing elements kept inside a line of text.
const INLINE_TAGS: [&str; 25] = [
    "a", "abbr", "b", "bdi", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// Flow elements kept in a block of raw HTML, besides the phrasing ones.
const BLOCK_TAGS: [&str; 29] = [
    "address",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
];

/// Block elements ammonia must keep for tables and lists to hold together.
const TABLE_TAGS: [&str; 3] = ["thead", "tr", "ul"];

/// Elements dropped with their content: it is code or styling, never text.
const DROPPED_WITH_CONTENT: [&str; 7] = [
    "script", "style", "template", "noscript", "iframe", "object", "textarea",
];

/// Elements written as `<x/>` in XHTML.
const VOID: [&str; 4] = ["br", "hr", "wbr", "col"];

/// Elements a warning names: active content, forms, frames, outside resources.
const UNSAFE_TAGS: [&str; 22] = [
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "textarea", "select", "style", "link", "meta", "base", "img", "video", "audio",
    "source", "svg", "math",
];

fn builder(block: bool) -> ammonia::Builder<'static> {
    let mut tags: HashSet<&'static str> = INLINE_TAGS.into_iter().collect();
    if block {
        tags.extend(BLOCK_TAGS);
        tags.extend(TABLE_TAGS);
    }
    let mut attributes: HashMap<&'static str, HashSet<&'static str>> = HashMap::new();
    attributes.insert("a", HashSet::from(["href"]));
    attributes.insert("abbr", HashSet::from(["title"]));
    attributes.insert("time", HashSet::from(["datetime"]));
    if block {
        attributes.insert("ol", HashSet::from(["start", "reversed"]));
        attributes.insert("li", HashSet::from(["value"]));
        attributes.insert("td", HashSet::from(["colspan", "rowspan"]));
        attributes.insert("th", HashSet::from(["colspan", "rowspan", "scope"]));
    }
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .clean_content_tags(DROPPED_WITH_CONTENT.into_iter().collect())
        .generic_attributes(HashSet::from(["title"]))
        .tag_attributes(attributes)
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(None)
        .strip_comments(true);
    b
}

/// Raw HTML blocks as XHTML that keeps no script, event handler,
/// `javascript:` URL, form, frame or outside resource (ammonia's work), with
/// void elements closed and entities numeric.
pub fn sanitize_block(raw: &str) -> String {
    fit_content(&to_xhtml(&builder(true).clean(raw).to_string()))
}

/// A raw inline open tag (`<kbd title="x">`) made safe, or `None` when it is
/// not one of the phrasing elements kept. Its close tag is `</name>`.
pub fn sanitize_open_tag(raw: &str) -> Option<(String, String)> {
    let t = tag(raw).filter(|t| !t.closing && INLINE_TAGS.contains(&t.name.as_str()))?;
    if t.name == "br" {
        return Some(("<br/>".into(), String::new()));
    }
    let clean = to_xhtml(
        &builder(false)
            .clean(&format!("{raw}</{}>", t.name))
            .to_string(),
    );
    let close = format!("</{}>", t.name);
    let open = clean.strip_suffix(close.as_str())?;
    Some((open.to_string(), close)).filter(|(o, _)| o.starts_with(&format!("<{}", t.name)))
}

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

/// ammonia's HTML serialisation as XML: void elements closed, attribute
/// values escaped for XML, `&nbsp;` as a character reference.
fn to_xhtml(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(
            &rest
                .get(..at)
                .unwrap_or_default()
                .replace("&nbsp;", "&#160;"),
        );
        rest = rest.get(at..).unwrap_or_default();
        let end = tag_end(rest);
        let raw = rest.get(..end).unwrap_or_default();
        rest = rest.get(end..).unwrap_or_default();
        out.push_str(&xml_tag(raw));
    }
    out.push_str(&rest.replace("&nbsp;", "&#160;"));
    out
}

/// Elements that may only stand in a certain parent, and the parent given
/// to strays (`None`: the stray's tags go, its content stays).
fn home(name: &str) -> Option<(&'static [&'static str], Option<&'static str>)> {
    match name {
        "li" => Some((&["ul", "ol"], Some("ul"))),
        // A lone term or definition cannot make a valid <dl>.
        "dt" | "dd" => Some((&["dl"], None)),
        "figcaption" => Some((&["figure"], None)),
        "summary" => Some((&["details"], None)),
        "caption" | "thead" | "tbody" | "tfoot" => Some((&["table"], None)),
        "tr" => Some((&["table", "thead", "tbody", "tfoot"], None)),
        "td" | "th" => Some((&["tr"], None)),
        _ => None,
    }
}

/// Sanitised XHTML whose elements all stand where XHTML allows them: a
/// stray `<li>` gets a `<ul>` around it (closed before the next thing that
/// is not an item); stray terms, definitions, captions, table parts and
/// summaries lose their tags but keep their text.
fn fit_content(xhtml: &str) -> String {
    // Open elements: name, and whether it is a wrapper added here or a dropped tag.
    #[derive(PartialEq)]
    enum Open {
        Real(String),
        Added(&'static str),
        Dropped(String),
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut out = String::with_capacity(xhtml.len());
    let close_added = |stack: &mut Vec<Open>, out: &mut String, keep: &[&str]| {
        while let Some(Open::Added(w)) = stack.last() {
            if *w == "ul" && keep.contains(&"li") {
                break;
            }
            out.push_str(&format!("</{w}>"));
            stack.pop();
        }
    };
    let mut rest = xhtml;
    while !rest.is_empty() {
        let Some(at) = rest.find('<') else {
            if !rest.trim().is_empty() {
                close_added(&mut stack, &mut out, &[]);
            }
            out.push_str(rest);
            break;
        };
        let text = rest.get(..at).unwrap_or_default();
        if !text.trim().is_empty() {
            close_added(&mut stack, &mut out, &[]);
        }
        out.push_str(text);
        let end = rest
            .get(at..)
            .unwrap_or_default()
            .find('>')
            .map_or(rest.len(), |e| at + e + 1);
        let tag = rest.get(at..end).unwrap_or_default();
        rest = rest.get(end..).unwrap_or_default();
        let closing = tag.starts_with("</");
        let self_closing = tag.ends_with("/>");
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if closing {
            close_added(&mut stack, &mut out, &[]);
            match stack.pop() {
                Some(Open::Dropped(_)) => {}
                Some(_) => out.push_str(tag),
                None => {}
            }
            continue;
        }
        close_added(&mut stack, &mut out, &[name.as_str()]);
        let parent = stack.iter().rev().find_map(|o| match o {
            Open::Real(n) => Some(n.as_str()),
            Open::Added(w) => Some(*w),
            Open::Dropped(_) => None,
        });
        let mut dropped = false;
        if let Some((parents, wrapper)) = home(&name) {
            if !parent.is_some_and(|p| parents.contains(&p)) {
                match wrapper {
                    Some(w) => {
                        out.push_str(&format!("<{w}>"));
                        stack.push(Open::Added(w));
                    }
                    None => dropped = true,
                }
            }
        }
        if self_closing {
            if !dropped {
                out.push_str(tag);
            }
        } else if dropped {
            stack.push(Open::Dropped(name));
        } else {
            out.push_str(tag);
            stack.push(Open::Real(name));
        }
    }
    while let Some(open) = stack.pop() {
        match open {
            Open::Added(w) => out.push_str(&format!("</{w}>")),
            Open::Real(n) => out.push_str(&format!("</{n}>")),
            Open::Dropped(_) => {}
        }
    }
    out
}

/// The length of the tag at the start of `s`, quotes respected.
fn tag_end(s: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// One serialised tag rewritten as XML.
fn xml_tag(raw: &str) -> String {
    let inner = raw
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    if inner.starts_with('/') {
        return format!("<{inner}>");
    }
    let name: String = inner.chars().take_while(|c| !c.is_whitespace()).collect();
    let mut out = format!("<{name}");
    let mut rest = inner.get(name.len()..).unwrap_or_default().trim_start();
    while !rest.is_empty() {
        let key: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '=')
            .collect();
        rest = rest.get(key.len()..).unwrap_or_default().trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let q = after.chars().next().filter(|c| *c == '"' || *c == '\'');
            let (v, len) = match q {
                Some(q) => {
                    let close = after
                        .get(1..)
                        .unwrap_or_default()
                        .find(q)
                        .map_or(after.len(), |i| i + 1);
                    (
                        after.get(1..close).unwrap_or_default(),
                        (close + 1).min(after.len()),
                    )
                }
                None => {
                    let len = after.find(char::is_whitespace).unwrap_or(after.len());
                    (after.get(..len).unwrap_or_default(), len)
                }
            };
            rest = after.get(len..).unwrap_or_default().trim_start();
            decode_entities(v)
        } else {
            String::new()
        };
        if key.is_empty() {
            break;
        }
        out.push_str(&format!(
            " {key}=\"{}\"",
            value
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        ));
    }
    out.push_str(if VOID.contains(&name.as_str()) {
        "/>"
    } else {
        ">"
    });
    out
}
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

    #[test]
    fn sanitised_blocks_keep_text_and_structure_but_nothing_active() {
        let s = sanitize_block("<div onclick=\"x()\"><p>Hi <a href=\"javascript:alert(1)\">there</a><script>alert(2)</script></p><img src=\"http://evil/x.png\" onerror=\"y()\"><br><form><input></form>&nbsp;<a href=\"https://ok.org/?a=1&amp;b=2\" title=\"a>b\">ok</a><iframe src=\"https://x\"></iframe></div>");
        assert_eq!(s, "<div><p>Hi <a>there</a></p><br/>&#160;<a href=\"https://ok.org/?a=1&amp;b=2\" title=\"a&gt;b\">ok</a></div>");
        for bad in [
            "script",
            "onclick",
            "onerror",
            "javascript",
            "iframe",
            "img",
            "form",
            "input",
            "evil",
        ] {
            assert!(!s.contains(bad), "{bad} in {s}");
        }
        assert_eq!(
            sanitize_block("<table><tr><td>1</td></tr></table>"),
            "<table><tbody><tr><td>1</td></tr></tbody></table>"
        );
    }

    #[test]
    fn stray_parts_get_their_parent_or_lose_their_tags() {
        assert_eq!(
            fit_content("<li>a</li><li>b</li>text"),
            "<ul><li>a</li><li>b</li></ul>text"
        );
        assert_eq!(fit_content("<dt>t</dt><dd>d</dd><p>x</p>"), "td<p>x</p>");
        assert_eq!(
            fit_content("<dl><dt>t</dt><dd>d</dd></dl>"),
            "<dl><dt>t</dt><dd>d</dd></dl>"
        );
        assert_eq!(
            fit_content("<figcaption>c</figcaption><summary>s</summary>"),
            "cs"
        );
        assert_eq!(
            fit_content("<ul><li>ok</li></ul><figure><figcaption>c</figcaption></figure>"),
            "<ul><li>ok</li></ul><figure><figcaption>c</figcaption></figure>"
        );
        assert_eq!(sanitize_block("<li>stray</li>"), "<ul><li>stray</li></ul>");
    }

    #[test]
    fn inline_open_tags() {
        assert_eq!(
            sanitize_open_tag("<kbd onclick=\"x\">"),
            Some(("<kbd>".into(), "</kbd>".into()))
        );
        assert_eq!(
            sanitize_open_tag("<abbr title=\"HyperText\">"),
            Some(("<abbr title=\"HyperText\">".into(), "</abbr>".into()))
        );
        assert_eq!(sanitize_open_tag("<script>"), None);
        assert_eq!(sanitize_open_tag("<img src=x>"), None);
        assert_eq!(sanitize_open_tag("</kbd>"), None);
        assert_eq!(
            sanitize_open_tag("<a href=\"javascript:x\">"),
            Some(("<a>".into(), "</a>".into()))
        );
    }

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
