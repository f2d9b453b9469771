//! Before typesetting: does a font at hand have every character of the
//! zine (its text, notes, metadata and the book's own words)? Which fallback
//! families will set which scripts, and which characters no font has.

use super::clusters::grapheme_indices;
use super::fonts::{Fonts, Style};
use super::itemize::ignorable;
use crate::document::walk::{each_block, each_run};
use crate::document::{block_text, Block, Document, Inline};
use crate::lang::{scripts, Locale};
use std::collections::{BTreeMap, BTreeSet};
use unicode_script::UnicodeScript;

/// What the fonts make of a zine's characters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// Characters no font has, in order of first appearance.
    pub missing: Vec<char>,
    /// Fallback families needed (by number), with the scripts they set.
    pub fallbacks: BTreeMap<u16, BTreeSet<&'static str>>,
}

impl Coverage {
    /// The Debian packages that have fonts for the missing characters' scripts.
    pub fn packages(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self
            .missing
            .iter()
            .map(|&c| scripts::package_for(c, c.script().short_name()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The missing characters as the messages list them: ‘x’ (U+0078), at most `max`.
    pub fn missing_list(&self, max: usize) -> String {
        let mut list: Vec<String> = self
            .missing
            .iter()
            .take(max)
            .map(|c| format!("‘{c}’ (U+{:04X})", *c as u32))
            .collect();
        if self.missing.len() > max {
            list.push(format!("and {} more", self.missing.len() - max));
        }
        list.join(", ")
    }
}

/// Checks every character `doc` shows, in the language `lang` (its data
/// `locale`), against the family and the fallback fonts: the text of every
/// block at any depth (list items, table cells, captions, code, raw HTML's
/// text), of the notes, the metadata, the list markers print adds, images'
/// alt text, and with `urls` (a layout that prints them) link addresses.
pub fn coverage(
    doc: &Document,
    fonts: &Fonts,
    locale: &Locale,
    lang: &str,
    urls: bool,
) -> Coverage {
    let mut seen = Seen::default();
    let mut order: Vec<char> = Vec::new();
    // A cluster is set in its first character's face (see the itemizer):
    // the marks, modifiers and joiners after it go with it. Noncharacters
    // stand for nothing a font could draw.
    let mut note = |text: &str| {
        for c in grapheme_indices(text).filter_map(|(_, g)| g.chars().next()) {
            if !ignorable(c) && !is_noncharacter(c) && seen.insert(c) {
                order.push(c);
            }
        }
    };
    let m = &doc.meta;
    for t in std::iter::once(&m.title)
        .chain(&m.subtitle)
        .chain(&m.authors)
        .chain(&m.rights)
        .chain(&m.source)
        .chain(&m.description)
    {
        note(t);
    }
    for block in &doc.blocks {
        note(&block_text(block));
    }
    // Footnotes are set at depth 0, endnotes as items of a list.
    note(&super::lists::markers(&doc.blocks, 0));
    for n in &doc.notes {
        for block in &n.content {
            note(&block_text(block));
        }
        note(&super::lists::markers(&n.content, 0));
        note(&super::lists::markers(&n.content, 1));
    }
    for blocks in std::iter::once(&doc.blocks).chain(doc.notes.iter().map(|n| &n.content)) {
        note(&extras(blocks, urls));
    }
    let w = &locale.words;
    for t in [
        &w.contents,
        &w.notes,
        &w.links,
        &w.by,
        &w.source,
        &w.printed_with,
        &w.figure,
        &w.attribution,
        &w.list_separator,
        &w.and,
    ] {
        note(&strip_placeholders(t));
    }
    let regular = fonts.face(Style::Regular);
    let mut out = Coverage::default();
    for c in order {
        if regular.covers(c) {
            continue;
        }
        match fonts.fallback.family_for(c, lang, locale) {
            Some(id) => {
                out.fallbacks
                    .entry(id)
                    .or_default()
                    .insert(c.script().short_name());
            }
            None => out.missing.push(c),
        }
    }
    out
}

/// The characters seen so far: ASCII in a table, the rest in a set.
struct Seen {
    ascii: [bool; 128],
    other: BTreeSet<char>,
}

impl Default for Seen {
    fn default() -> Self {
        Seen {
            ascii: [false; 128],
            other: BTreeSet::new(),
        }
    }
}

impl Seen {
    /// Adds `c`; whether it was new.
    fn insert(&mut self, c: char) -> bool {
        match self.ascii.get_mut(c as usize) {
            Some(seen) => !std::mem::replace(seen, true),
            None => self.other.insert(c),
        }
    }
}

/// What print shows of `blocks` besides their text: a block image's alt
/// text (printed when the image is missing) and, with `urls`, every link's
/// address.
fn extras(blocks: &[Block], urls: bool) -> String {
    let mut out = String::new();
    each_block(blocks, &mut |b| {
        if let Block::Image { alt, .. } = b {
            out.push_str(alt);
            out.push(' ');
        }
    });
    if urls {
        each_run(blocks, &mut |_, run| {
            crate::document::walk::each_inline(run, &mut |i| {
                if let Inline::Link { url, .. } = i {
                    out.push_str(url);
                    out.push(' ');
                }
            })
        });
    }
    out
}

/// Unicode's noncharacters (U+FDD0–FDEF and the last two of every plane).
fn is_noncharacter(c: char) -> bool {
    matches!(c as u32, 0xFDD0..=0xFDEF) || (c as u32) & 0xFFFE == 0xFFFE
}

/// A template's words without its `{name}` placeholders.
fn strip_placeholders(t: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in t.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Inline};

    #[test]
    fn a_character_no_font_has_is_named_once() {
        let fonts = Fonts::load(None).unwrap();
        // A private-use character: no font of the family nor the system has it.
        let doc = Document {
            blocks: vec![Block::Paragraph(vec![Inline::Text(
                "plain \u{10FFFD}\u{10FFFD} words".into(),
            )])],
            ..Default::default()
        };
        let c = coverage(&doc, &fonts, &Locale::english(), "en", false);
        assert_eq!(c.missing, ['\u{10FFFD}']);
        assert_eq!(c.missing_list(5), "‘\u{10FFFD}’ (U+10FFFD)");
        assert!(!c.packages().is_empty());
    }

    #[test]
    fn a_cluster_needs_only_its_first_character_and_noncharacters_need_none() {
        let fonts = Fonts::load(None).unwrap();
        let doc = Document {
            blocks: vec![Block::Paragraph(vec![Inline::Text(
                "e\u{301} \u{FFFE} \u{FDD0} x".into(),
            )])],
            ..Default::default()
        };
        assert!(coverage(&doc, &fonts, &Locale::english(), "en", false)
            .missing
            .is_empty());
        assert!(is_noncharacter('\u{10FFFF}') && !is_noncharacter('\u{10FFFD}'));
    }

    #[test]
    fn every_block_kind_and_note_is_checked() {
        use crate::document::{List, ListItem, ListKind, Note, Table};
        let fonts = Fonts::load(None).unwrap();
        let odd = |c: char| vec![Inline::Text(format!("a {c}"))];
        let table = Table {
            caption: Some(odd('\u{10FFF1}')),
            head: vec![vec![odd('\u{10FFF2}')]],
            body: vec![vec![odd('\u{10FFF3}')]],
            ..Default::default()
        };
        let item = |c: char| ListItem {
            checked: None,
            blocks: vec![Block::Paragraph(odd(c))],
        };
        let nested = Block::List(List {
            kind: ListKind::Bullet,
            start: 1,
            tight: true,
            items: vec![item('\u{10FFF5}')],
        });
        let list = Block::List(List {
            kind: ListKind::Decimal,
            start: 1,
            tight: true,
            items: vec![
                item('\u{10FFF4}'),
                ListItem {
                    checked: None,
                    blocks: vec![nested],
                },
            ],
        });
        let doc = Document {
            blocks: vec![
                Block::Table(table),
                Block::Quote {
                    blocks: vec![list],
                    attribution: Some(odd('\u{10FFF6}')),
                },
                Block::CodeBlock {
                    language: None,
                    text: "\u{10FFF7}".into(),
                },
                Block::Image {
                    src: "gone.png".into(),
                    alt: "\u{10FFF8}".into(),
                    caption: None,
                },
                Block::Paragraph(vec![Inline::link(
                    "https://example.org/\u{10FFFA}",
                    odd('x'),
                )]),
            ],
            notes: vec![Note::para(1, odd('\u{10FFF9}'))],
            ..Default::default()
        };
        let c = coverage(&doc, &fonts, &Locale::english(), "en", false);
        let mut missing = c.missing.clone();
        missing.sort();
        assert_eq!(missing, ('\u{10FFF1}'..='\u{10FFF9}').collect::<Vec<_>>());
        let with_urls = coverage(&doc, &fonts, &Locale::english(), "en", true);
        assert!(with_urls.missing.contains(&'\u{10FFFA}'));
    }

    #[test]
    fn list_markers_follow_the_nesting() {
        use crate::document::{List, ListItem, ListKind};
        let item = |blocks: Vec<Block>| ListItem {
            checked: None,
            blocks,
        };
        let inner = Block::List(List {
            kind: ListKind::Bullet,
            start: 1,
            tight: true,
            items: vec![item(Vec::new())],
        });
        let outer = Block::List(List {
            kind: ListKind::Bullet,
            start: 1,
            tight: true,
            items: vec![item(vec![inner])],
        });
        assert_eq!(super::super::lists::markers(&[outer.clone()], 0), "•◦");
        assert_eq!(
            super::super::lists::markers(
                &[Block::Aside {
                    kind: crate::document::AsideKind::Bio,
                    blocks: vec![outer]
                }],
                1
            ),
            "◦‣"
        );
    }

    #[test]
    fn placeholders_are_not_text() {
        assert_eq!(
            strip_placeholders("Set in {fonts} and made"),
            "Set in  and made"
        );
    }
}
