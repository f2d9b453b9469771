//! Before typesetting: does a font at hand have every character of the
//! zine (its text, notes, metadata and the book's own words)? Which fallback
//! families will set which scripts, and which characters no font has.

use super::fonts::{Fonts, Style};
use super::itemize::ignorable;
use crate::document::{block_text, plain_text, Document};
use crate::lang::{scripts, Locale};
use std::collections::{BTreeMap, BTreeSet};
use unicode_script::UnicodeScript;
use unicode_segmentation::UnicodeSegmentation;

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
        let mut out: Vec<&'static str> = self.missing.iter().map(|c| scripts::package(c.script().short_name())).collect();
        out.sort();
        out.dedup();
        out
    }

    /// The missing characters as the messages list them: ‘x’ (U+0078), at most `max`.
    pub fn missing_list(&self, max: usize) -> String {
        let mut list: Vec<String> = self.missing.iter().take(max).map(|c| format!("‘{c}’ (U+{:04X})", *c as u32)).collect();
        if self.missing.len() > max {
            list.push(format!("and {} more", self.missing.len() - max));
        }
        list.join(", ")
    }
}

/// Checks every character `doc` shows, in the language `lang` (its data
/// `locale`), against the family and the fallback fonts.
pub fn coverage(doc: &Document, fonts: &Fonts, locale: &Locale, lang: &str) -> Coverage {
    let mut seen: BTreeSet<char> = BTreeSet::new();
    let mut order: Vec<char> = Vec::new();
    // A cluster is set in its first character's face (see the itemizer):
    // the marks, modifiers and joiners after it go with it. Noncharacters
    // stand for nothing a font could draw.
    let mut note = |text: &str| {
        for c in text.graphemes(true).filter_map(|g| g.chars().next()) {
            if !ignorable(c) && !is_noncharacter(c) && seen.insert(c) {
                order.push(c);
            }
        }
    };
    let m = &doc.meta;
    for t in std::iter::once(&m.title).chain(&m.subtitle).chain(&m.authors).chain(&m.rights).chain(&m.source).chain(&m.description) {
        note(t);
    }
    for block in &doc.blocks {
        note(&block_text(block));
    }
    for n in &doc.notes {
        note(&plain_text(&n.content));
    }
    let w = &locale.words;
    for t in [&w.contents, &w.notes, &w.by, &w.source, &w.printed_with, &w.figure, &w.attribution, &w.list_separator, &w.and] {
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
                out.fallbacks.entry(id).or_default().insert(c.script().short_name());
            }
            None => out.missing.push(c),
        }
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
            blocks: vec![Block::Paragraph(vec![Inline::Text("plain \u{10FFFD}\u{10FFFD} words".into())])],
            ..Default::default()
        };
        let c = coverage(&doc, &fonts, &Locale::english(), "en");
        assert_eq!(c.missing, ['\u{10FFFD}']);
        assert_eq!(c.missing_list(5), "‘\u{10FFFD}’ (U+10FFFD)");
        assert!(!c.packages().is_empty());
    }

    #[test]
    fn a_cluster_needs_only_its_first_character_and_noncharacters_need_none() {
        let fonts = Fonts::load(None).unwrap();
        let doc = Document { blocks: vec![Block::Paragraph(vec![Inline::Text("e\u{301} \u{FFFE} \u{FDD0} x".into())])], ..Default::default() };
        assert!(coverage(&doc, &fonts, &Locale::english(), "en").missing.is_empty());
        assert!(is_noncharacter('\u{10FFFF}') && !is_noncharacter('\u{10FFFD}'));
    }

    #[test]
    fn placeholders_are_not_text() {
        assert_eq!(strip_placeholders("Set in {fonts} and made"), "Set in  and made");
    }
}
