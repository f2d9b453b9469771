//! Document to CommonMark with footnotes: what `zinepress normalize` prints.

use super::{Block, Document, Inline};

/// Renders the document as Markdown; reading it back gives the same blocks.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    if !doc.meta.title.is_empty() {
        out.push_str(&format!("# {}\n\n", escape(&doc.meta.title)));
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
        Block::Heading { level, content } => push(&format!("{} {}", "#".repeat((*level as usize + 1).min(6)), inlines_md(content))),
        Block::Paragraph(c) => push(&inlines_md(c)),
        Block::Quote { blocks, attribution } | Block::Epigraph { blocks, attribution } => {
            let mut inner = String::new();
            for b in blocks {
                block_md(b, &mut inner, "");
            }
            if let Some(a) = attribution {
                inner.push_str(&format!("— {}\n", inlines_md(a)));
            }
            push(&inner.lines().map(|l| format!("> {l}").trim_end().to_string()).collect::<Vec<_>>().join("\n"));
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
            for stanza in stanzas {
                let lines: Vec<String> = stanza.iter().map(|l| inlines_md(l)).collect();
                push(&lines.join("\\\n"));
            }
            if let Some(a) = attribution {
                push(&format!("— {}", inlines_md(a)));
            }
        }
        Block::SignOff(lines) => push(&lines.iter().map(|l| inlines_md(l)).collect::<Vec<_>>().join("\\\n")),
        Block::Aside { blocks, .. } => {
            for b in blocks {
                block_md(b, out, prefix);
            }
        }
        Block::Image { src, alt, .. } => push(&format!("![{}]({})", escape(alt), src)),
        Block::Rule => push("* * *"),
    }
}

/// Inline content as Markdown.
pub fn inlines_md(content: &[Inline]) -> String {
    let mut s = String::new();
    for inline in content {
        match inline {
            Inline::Text(t) => s.push_str(&escape(t)),
            Inline::Emph(c) | Inline::SmallCaps(c) => s.push_str(&format!("*{}*", inlines_md(c))),
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
    for (i, c) in text.chars().enumerate() {
        if matches!(c, '*' | '_' | '[' | ']' | '`' | '\\' | '<') || (i == 0 && matches!(c, '#' | '>' | '-' | '+')) {
            s.push('\\');
        }
        s.push(c);
    }
    s
}
