//! Document to CommonMark with footnotes: what `zinepress normalize` prints.

use super::{Block, Document, Inline};

/// Renders the document as Markdown; reading it back gives the same blocks.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    if m.subtitle.is_some() || !m.authors.is_empty() || m.rights.is_some() {
        // Front matter carries what a `# Title` line cannot.
        out.push_str("---\n");
        if !m.title.is_empty() {
            out.push_str(&format!("title: {}\n", m.title));
        }
        if let Some(s) = &m.subtitle {
            out.push_str(&format!("subtitle: {s}\n"));
        }
        if !m.authors.is_empty() {
            out.push_str(&format!("author: {}\n", m.authors.join(", ")));
        }
        if let Some(r) = &m.rights {
            out.push_str(&format!("rights: {r}\n"));
        }
        out.push_str("---\n\n");
    } else if !m.title.is_empty() {
        out.push_str(&format!("# {}\n\n", escape(&m.title)));
    }
    for block in &doc.blocks {
        block_md(block, &mut out, "");
    }
    for note in &doc.notes {
        out.push_str(&format!("[^{}]: {}\n\n", note.number, inlines_md(&note.content)));
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn block_md(block: &Block, out: &mut String, prefix: &str) {
    let mut push = |s: &str| {
        for line in s.lines() {
            out.push_str(prefix);
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(prefix.trim_end());
        out.push('\n');
    };
    match block {
        Block::Heading { level, content } => {
            // Inside a heading "1. " cannot start a list: no escape needed.
            let text = inlines_md(content);
            let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
            let text = match rest.strip_prefix('\\') {
                Some(unescaped) if rest.len() < text.len() && unescaped.starts_with('.') => format!("{}{unescaped}", text.strip_suffix(rest).unwrap_or_default()),
                _ => text,
            };
            push(&format!("{} {}", "#".repeat((*level as usize + 1).min(6)), text))
        }
        Block::Paragraph(c) => push(&inlines_md(c)),
        Block::Quote { blocks, attribution } => {
            let mut inner = String::new();
            for b in blocks {
                block_md(b, &mut inner, "");
            }
            if let Some(a) = attribution {
                inner.push_str(&format!("— {}\n", inlines_md(a)));
            }
            push(&inner.trim_end().lines().map(|l| format!("> {l}").trim_end().to_string()).collect::<Vec<_>>().join("\n"));
        }
        Block::Epigraph { blocks, attribution } => {
            let mut inner = String::new();
            for b in blocks {
                block_md(b, &mut inner, "");
            }
            if let Some(a) = attribution {
                inner.push_str(&format!("— {}\n", inlines_md(a)));
            }
            push(&div("epigraph", &inner));
        }
        Block::List { ordered, start, items } => {
            let lines: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, item)| if *ordered { format!("{}. {}", *start as usize + i, inlines_md(item)) } else { format!("- {}", inlines_md(item)) })
                .collect();
            push(&lines.join("\n"));
        }
        Block::Verse { stanzas, attribution } => {
            let mut inner = String::new();
            for stanza in stanzas {
                let lines: Vec<String> = stanza.iter().map(|l| inlines_md(l)).collect();
                inner.push_str(&lines.join("\\\n"));
                inner.push_str("\n\n");
            }
            if let Some(a) = attribution {
                inner.push_str(&format!("— {}\n", inlines_md(a)));
            }
            push(&div("verse", &inner));
        }
        Block::SignOff(lines) => push(&div("signoff", &lines.iter().map(|l| inlines_md(l)).collect::<Vec<_>>().join("\\\n"))),
        Block::Aside { kind, blocks } => {
            let mut inner = String::new();
            for b in blocks {
                block_md(b, &mut inner, "");
            }
            let class = match kind {
                super::AsideKind::Bio => "bio",
                super::AsideKind::Colophon => "colophon",
            };
            push(&div(class, &inner));
        }
        Block::Image { src, alt, .. } => push(&format!("![{}]({})", escape(alt), src)),
        Block::Rule => push("* * *"),
    }
}

/// A `<div class="…">` around Markdown blocks (verse, sign-offs, epigraphs, asides).
fn div(class: &str, inner: &str) -> String {
    format!("<div class=\"{class}\">\n\n{}\n\n</div>", inner.trim_end())
}

/// Inline content as Markdown.
pub fn inlines_md(content: &[Inline]) -> String {
    let mut s = String::new();
    for inline in content {
        match inline {
            Inline::Text(t) => s.push_str(&escape(t)),
            Inline::Emph(c) => s.push_str(&format!("*{}*", inlines_md(c))),
            Inline::SmallCaps(c) => s.push_str(&format!("<span class=\"smallcaps\">{}</span>", inlines_md(c))),
            Inline::Strong(c) => s.push_str(&format!("**{}**", inlines_md(c))),
            Inline::Code(t) => s.push_str(&format!("`{t}`")),
            Inline::Link { url, content } => s.push_str(&format!("[{}]({url})", inlines_md(content))),
            Inline::NoteRef(n) => s.push_str(&format!("[^{n}]")),
            Inline::LineBreak => s.push_str("\\\n"),
        }
    }
    s
}

fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    // "1. " or "1) " at the start would read back as a list.
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    let list_number = (1..=9).contains(&digits) && text.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', ')']);
    for (i, c) in text.chars().enumerate() {
        if matches!(c, '*' | '_' | '[' | ']' | '`' | '\\' | '<') || (i == 0 && matches!(c, '#' | '>' | '-' | '+' | '=')) || (list_number && i == digits) {
            s.push('\\');
        }
        s.push(c);
    }
    s
}
