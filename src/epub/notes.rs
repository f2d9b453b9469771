//! Note references and the endnotes file, the Standard Ebooks way.
//!
//! A reference links to `notes.xhtml#note-N`; its first occurrence carries the
//! id `noteref-N`, which the note's backlink points to (in whichever file the
//! reference is). A reference whose note has no text is a plain superscript.

use super::roles::semantics;
use crate::document::Note;
use std::collections::{BTreeMap, BTreeSet};

/// The notes file's name inside the EPUB.
pub const NOTES_FILE: &str = "notes.xhtml";

/// What the chapters have referenced so far.
#[derive(Debug, Clone, Default)]
pub struct NoteRefs {
    with_text: BTreeSet<u32>,
    /// Note number → the file of its first reference.
    first: BTreeMap<u32, String>,
}

impl NoteRefs {
    pub fn new(notes: &[Note]) -> NoteRefs {
        NoteRefs {
            with_text: notes.iter().map(|n| n.number).collect(),
            first: BTreeMap::new(),
        }
    }

    /// The markup for a reference to note `n` from `file`. `linkable` is false
    /// inside a link or a note, where a nested link would be invalid.
    pub fn reference(&mut self, n: u32, file: &str, linkable: bool) -> String {
        if !linkable || !self.with_text.contains(&n) {
            return format!("<sup class=\"noteref\">{n}</sup>");
        }
        let id = match self.first.entry(n) {
            std::collections::btree_map::Entry::Occupied(_) => String::new(),
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(file.to_string());
                format!(" id=\"noteref-{n}\"")
            }
        };
        format!(
            "<sup class=\"noteref\"><a href=\"{NOTES_FILE}#note-{n}\"{id}{}>{n}</a></sup>",
            semantics("noteref")
        )
    }

    /// The file where note `n` was first referenced, if it was.
    pub fn first_reference(&self, n: u32) -> Option<&str> {
        self.first.get(&n).map(String::as_str)
    }
}

/// The endnotes section; `content` renders a note's blocks with the backlink
/// markup it is given at the end of its last paragraph. Notes are listed in
/// number order; a note never referenced has no backlink.
pub fn endnotes_section(
    notes: &[Note],
    refs: &NoteRefs,
    mut content: impl FnMut(&Note, &str) -> String,
) -> String {
    let mut sorted: Vec<&Note> = notes.iter().collect();
    sorted.sort_by_key(|n| n.number);
    let mut seen = BTreeSet::new();
    let mut out = format!(
        "<section id=\"endnotes\"{}>\n<h2>Notes</h2>\n<ol>\n",
        semantics("endnotes")
    );
    for note in sorted {
        if !seen.insert(note.number) {
            continue; // a second text for the same number would duplicate the id
        }
        let n = note.number;
        let back = match refs.first_reference(n) {
            Some(file) => format!(
                " <a href=\"{file}#noteref-{n}\" class=\"backlink\"{}>↩</a>",
                semantics("backlink")
            ),
            None => String::new(),
        };
        out.push_str(&format!(
            "<li id=\"note-{n}\" value=\"{n}\"{}>{}</li>\n",
            semantics("endnote"),
            content(note, &back)
        ));
    }
    out.push_str("</ol>\n</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;

    fn note(n: u32) -> Note {
        Note::para(n, vec![Inline::Text(format!("text {n}"))])
    }

    #[test]
    fn reference_with_text_links_and_first_gets_id() {
        let mut refs = NoteRefs::new(&[note(1)]);
        let first = refs.reference(1, "chapter-2.xhtml", true);
        assert_eq!(
            first,
            "<sup class=\"noteref\"><a href=\"notes.xhtml#note-1\" id=\"noteref-1\" epub:type=\"noteref\" role=\"doc-noteref\">1</a></sup>"
        );
        let again = refs.reference(1, "chapter-3.xhtml", true);
        assert!(again.contains("href=\"notes.xhtml#note-1\""));
        assert!(
            !again.contains("id="),
            "a second reference must not repeat the id: {again}"
        );
        assert_eq!(refs.first_reference(1), Some("chapter-2.xhtml"));
    }

    #[test]
    fn reference_without_text_is_plain_superscript() {
        let mut refs = NoteRefs::new(&[note(1)]);
        assert_eq!(
            refs.reference(7, "chapter-1.xhtml", true),
            "<sup class=\"noteref\">7</sup>"
        );
        assert_eq!(refs.first_reference(7), None);
    }

    #[test]
    fn reference_inside_link_is_not_a_link() {
        let mut refs = NoteRefs::new(&[note(1)]);
        assert!(!refs.reference(1, "chapter-1.xhtml", false).contains("<a"));
        assert_eq!(refs.first_reference(1), None);
    }

    #[test]
    fn endnotes_backlink_to_the_referencing_file() {
        let notes = vec![note(2), note(1)];
        let mut refs = NoteRefs::new(&notes);
        refs.reference(2, "chapter-4.xhtml", true);
        let s = endnotes_section(&notes, &refs, |n, back| {
            format!("<p>text {}{back}</p>", n.number)
        });
        assert!(s.contains("epub:type=\"endnotes\" role=\"doc-endnotes\""));
        let one = s.find("id=\"note-1\"").unwrap();
        let two = s.find("id=\"note-2\"").unwrap();
        assert!(one < two, "notes in number order");
        assert!(s.contains("<a href=\"chapter-4.xhtml#noteref-2\" class=\"backlink\" epub:type=\"backlink\" role=\"doc-backlink\">↩</a>"));
        assert!(
            !s.contains("#noteref-1"),
            "note 1 was never referenced: no backlink"
        );
    }

    #[test]
    fn endnotes_skip_duplicate_numbers() {
        let notes = vec![note(1), note(1)];
        let s = endnotes_section(&notes, &NoteRefs::new(&notes), |_, _| "x".into());
        assert_eq!(s.matches("id=\"note-1\"").count(), 1);
    }
}
