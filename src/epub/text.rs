//! Text for XML: escaping, dropping characters XML 1.0 forbids, language tags, safe link targets.

/// Whether `c` may appear in an XML 1.0 document (C0 and C1 controls are left out,
/// except tab and line ends; so are the non-characters U+FFFE and U+FFFF).
pub fn is_xml_char(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => true,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => false,
        '\u{FFFE}' | '\u{FFFF}' => false,
        _ => true,
    }
}

/// `s` without the characters XML 1.0 forbids.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| is_xml_char(*c)).collect()
}

/// Escapes text content: `&`, `<`, `>`, and drops characters XML forbids.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| is_xml_char(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes an attribute value (double-quoted): as [`esc`], plus both quotes.
pub fn esc_attr(s: &str) -> String {
    esc(s).replace('"', "&quot;").replace('\'', "&#39;")
}

/// Whether `tag` is shaped like a BCP 47 language tag ("en", "pt-BR", "zh-Hant-TW", "x-local").
/// The primary subtag must be 2–3 letters (the 5–8 letter form is reserved and unused).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    let first_ok = match first.len() {
        1 => first.eq_ignore_ascii_case("x") || first.eq_ignore_ascii_case("i"),
        2 | 3 => first.chars().all(|c| c.is_ascii_alphabetic()),
        _ => false,
    };
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The link target to write for `url`, or `None` when it is not an http(s) or
/// mailto link that a reader can follow (those are rendered as plain text).
/// Spaces and characters that are never valid in a URL are percent-encoded.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(r) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        r
    } else if let Some(r) = lower.strip_prefix("mailto:") {
        if !r.contains('@') {
            return None;
        }
        r
    } else {
        return None;
    };
    if !rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '[')
    {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_escapes_markup_and_drops_control_chars() {
        assert_eq!(esc("a & b < c > d \"q\""), "a &amp; b &lt; c &gt; d \"q\"");
        assert_eq!(
            esc("bell\u{7}\u{0}tab\tnl\n\u{85}x\u{FFFF}"),
            "belltab\tnl\nx"
        );
    }

    #[test]
    fn esc_attr_escapes_quotes() {
        assert_eq!(
            esc_attr("it's \"x\" & <y>"),
            "it&#39;s &quot;x&quot; &amp; &lt;y&gt;"
        );
    }

    #[test]
    fn clean_keeps_text_and_drops_forbidden() {
        assert_eq!(clean("Ré\u{1B}sumé"), "Résumé");
    }

    #[test]
    fn language_tags() {
        for ok in [
            "en",
            "en-US",
            "pt-BR",
            "zh-Hant-TW",
            "fra",
            "x-local",
            "es-419",
        ] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "english",
            "e",
            "en_US",
            "en-",
            "en--us",
            "en-toolongsubtag",
            "1a",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn safe_url_allows_web_and_mail_only() {
        assert_eq!(
            safe_url("https://example.org/a b").as_deref(),
            Some("https://example.org/a%20b")
        );
        assert_eq!(safe_url("HTTP://x.org").as_deref(), Some("HTTP://x.org"));
        assert_eq!(
            safe_url("mailto:a@b.org").as_deref(),
            Some("mailto:a@b.org")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("file:///etc/passwd"), None);
        assert_eq!(safe_url("chapter2.html"), None);
        assert_eq!(safe_url("http://"), None);
        assert_eq!(safe_url("mailto:nobody"), None);
    }
}
