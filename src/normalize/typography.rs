//! Typography: curly quotes and apostrophes, dashes, ellipses, spaces.

use super::Report;
use crate::document::{Block, Inline, Note};
use unicode_normalization::UnicodeNormalization;

/// Applies typographic repairs to every text run.
pub fn apply(blocks: &mut [Block], notes: &mut [Note], report: &mut Report) {
    let mut changed = 0usize;
    for block in blocks.iter_mut() {
        for_each_run(block, &mut |t| {
            let new = typogrify(t);
            if new != *t {
                changed += 1;
                *t = new;
            }
        });
    }
    for note in notes.iter_mut() {
        runs_in(&mut note.content, &mut |t| *t = typogrify(t));
    }
    if changed > 0 {
        report.repaired(0, "typography", format!("{changed} text runs"));
    }
}

fn for_each_run(block: &mut Block, f: &mut dyn FnMut(&mut String)) {
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => runs_in(content, f),
        Block::Quote { blocks, attribution } | Block::Epigraph { blocks, attribution } => {
            blocks.iter_mut().for_each(|b| for_each_run(b, f));
            if let Some(a) = attribution {
                runs_in(a, f);
            }
        }
        Block::List { items, .. } => items.iter_mut().for_each(|i| runs_in(i, f)),
        Block::Verse { stanzas, attribution } => {
            stanzas.iter_mut().flatten().for_each(|l| runs_in(l, f));
            if let Some(a) = attribution {
                runs_in(a, f);
            }
        }
        Block::SignOff(lines) => lines.iter_mut().for_each(|l| runs_in(l, f)),
        Block::Aside { blocks, .. } => blocks.iter_mut().for_each(|b| for_each_run(b, f)),
        Block::Image { caption: Some(c), .. } => runs_in(c, f),
        Block::Image { .. } | Block::Rule => {}
    }
}

fn runs_in(inlines: &mut [Inline], f: &mut dyn FnMut(&mut String)) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => f(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::SmallCaps(c) => runs_in(c, f),
            Inline::Link { content, .. } => runs_in(content, f),
            Inline::Code(_) | Inline::NoteRef(_) | Inline::LineBreak => {}
        }
    }
}

/// Curly quotes, dashes, ellipses and single spaces in one run of text.
pub fn typogrify(text: &str) -> String {
    let text: String = text.nfc().collect();
    let text = text.replace("...", "…").replace(" -- ", " — ").replace("--", "—");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
        match c {
            '"' => out.push(if opens { '“' } else { '”' }),
            '\'' => out.push(if opens && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) { '‘' } else { '’' }),
            ' ' if prev == Some(' ') => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_dashes() {
        assert_eq!(typogrify("\"It's fine\" -- she said..."), "“It’s fine” — she said…");
        assert_eq!(typogrify("a  b"), "a b");
    }
}
