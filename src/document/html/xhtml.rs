//! ammonia's HTML serialisation rewritten as XML: void elements closed,
//! attribute values quoted and escaped, `&nbsp;` as a character reference.

use super::text::decode_entities;

/// Elements written as `<x/>` in XHTML.
const VOID: [&str; 4] = ["br", "hr", "wbr", "col"];

/// ammonia's HTML serialisation as XML: void elements closed, attribute
/// values escaped for XML, `&nbsp;` as a character reference.
pub(super) fn to_xhtml(html: &str) -> String {
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

/// The length of the tag at the start of `s`, quotes respected.
pub(super) fn tag_end(s: &str) -> usize {
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
