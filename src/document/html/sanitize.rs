//! Sanitised XHTML of raw HTML, what the EPUB keeps: ammonia with a short
//! allow-list, then every element moved to where XHTML allows it.

use super::tags::tag;
use super::xhtml::to_xhtml;
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

/// ammonia set up to keep the phrasing elements, and with `block` the flow ones too.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
