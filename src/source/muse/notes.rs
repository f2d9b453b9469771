//! Notes: footnotes `[1]` and secondary notes `{1}` (notes on notes).
//!
//! While the text is read, each reference gets a provisional id and each
//! note text stays where it stands as a marker block. [`Notes::resolve`]
//! then pairs references with texts (the k-th `[1]` with the k-th text of
//! `[1]` when a number is used twice, else every `[1]` with its one text),
//! numbers the notes 1, 2, 3 … in reading order (a secondary note right after
//! the note or passage that first refers to it), and puts the text of a note
//! nothing refers to back where it stood, as a paragraph, so it is not lost.

use crate::document::walk::{each_inline, each_inline_mut, each_run, each_run_mut};
use crate::document::{Block, Inline, Note};
use std::collections::{HashMap, HashSet};

/// Marks the place of note text `N` among the blocks until it is resolved
/// (a Muse file has no raw HTML, so no such block comes from the source).
const MARK: &str = "\u{E000}muse-note:";

/// One note text as written.
#[derive(Debug, Clone)]
struct Def {
    secondary: bool,
    number: u32,
    line: usize,
    content: Vec<Block>,
}

/// One reference as written.
#[derive(Debug, Clone)]
struct Ref {
    secondary: bool,
    number: u32,
}

/// The notes of a file being read.
#[derive(Debug, Default)]
pub struct Notes {
    defined: HashSet<(bool, u32)>,
    defs: Vec<Def>,
    refs: Vec<Ref>,
}

/// How a note was numbered, for the report: (line of its text, as written, number given).
pub type Renumbered = (usize, String, u32);

impl Notes {
    /// Records that note `number` has a text somewhere (before the text is read).
    pub fn define(&mut self, secondary: bool, number: u32) {
        self.defined.insert((secondary, number));
    }

    pub fn defined(&self, secondary: bool, number: u32) -> bool {
        self.defined.contains(&(secondary, number))
    }

    /// Registers a reference; returns its provisional id.
    pub fn reference(&mut self, secondary: bool, number: u32) -> u32 {
        self.refs.push(Ref { secondary, number });
        (self.refs.len() - 1) as u32
    }

    /// Stores a note's text; returns the block that marks its place.
    pub fn text(
        &mut self,
        secondary: bool,
        number: u32,
        line: usize,
        content: Vec<Block>,
    ) -> Block {
        self.defs.push(Def {
            secondary,
            number,
            line,
            content,
        });
        Block::Html(format!("{MARK}{}", self.defs.len() - 1))
    }

    /// Pairs, numbers and places the notes (see the module comment). Returns
    /// the notes, and adds warnings (line, message) and the notes whose
    /// number changed.
    pub fn resolve(
        mut self,
        blocks: &mut Vec<Block>,
        warnings: &mut Vec<(usize, String)>,
        renumbered: &mut Vec<Renumbered>,
    ) -> Vec<Note> {
        // Each reference's note text.
        let mut texts: HashMap<(bool, u32), Vec<usize>> = HashMap::new();
        for (i, d) in self.defs.iter().enumerate() {
            let same = texts.entry((d.secondary, d.number)).or_default();
            if let Some(&first) = same.first() {
                warnings.push((d.line, format!("{} has a second text (the first is at line {}); the references to it are paired with its texts in order", label(d.secondary, d.number), self.defs[first].line)));
            }
            same.push(i);
        }
        let mut seen: HashMap<(bool, u32), usize> = HashMap::new();
        let target: Vec<Option<usize>> = self
            .refs
            .iter()
            .map(|r| {
                let list = texts.get(&(r.secondary, r.number))?;
                let k = seen.entry((r.secondary, r.number)).or_insert(0);
                let def = list[(*k).min(list.len() - 1)];
                *k += 1;
                Some(def)
            })
            .collect();
        let referenced: HashSet<usize> = target.iter().flatten().copied().collect();

        // Texts nothing refers to stay in the text; the others leave it.
        let mut defs: Vec<Option<Def>> = std::mem::take(&mut self.defs)
            .into_iter()
            .map(Some)
            .collect();
        place_texts(blocks, &mut defs, &referenced, warnings);

        // Numbers in reading order, a note's own references right after it.
        let mut number_of: HashMap<usize, u32> = HashMap::new();
        let mut order: Vec<usize> = Vec::new();
        let visit = |id: u32,
                     defs: &[Option<Def>],
                     number_of: &mut HashMap<usize, u32>,
                     order: &mut Vec<usize>| {
            let mut stack = vec![id];
            while let Some(id) = stack.pop() {
                let Some(def) = target.get(id as usize).copied().flatten() else {
                    continue;
                };
                if number_of.contains_key(&def) {
                    continue;
                }
                number_of.insert(def, order.len() as u32 + 1);
                order.push(def);
                if let Some(d) = &defs[def] {
                    let mut inner = Vec::new();
                    each_run(&d.content, &mut |_, run| refs_in(run, &mut inner));
                    stack.extend(inner.into_iter().rev());
                }
            }
        };
        let mut body_refs = Vec::new();
        each_run(blocks, &mut |_, run| refs_in(run, &mut body_refs));
        for id in body_refs {
            visit(id, &defs, &mut number_of, &mut order);
        }
        // A reference the walk did not reach (none should be left) still gets its note.
        for id in 0..target.len() as u32 {
            visit(id, &defs, &mut number_of, &mut order);
        }

        let refs = &self.refs;
        let number = |id: u32| {
            target
                .get(id as usize)
                .copied()
                .flatten()
                .and_then(|d| number_of.get(&d).copied())
                .ok_or_else(|| {
                    refs.get(id as usize)
                        .map(|r| label(r.secondary, r.number))
                        .unwrap_or_default()
                })
        };
        let renumber = |run: &mut Vec<Inline>| set_numbers(run, &number);
        each_run_mut(blocks, &mut |run| renumber(run));
        let mut notes = Vec::new();
        for def in order {
            let Some(mut d) = defs[def].take() else {
                continue;
            };
            each_run_mut(&mut d.content, &mut |run| renumber(run));
            let number = number_of[&def];
            if d.secondary || d.number != number {
                renumbered.push((d.line, label(d.secondary, d.number), number));
            }
            notes.push(Note {
                number,
                content: d.content,
            });
        }
        notes
    }
}

/// `[3]` or `{3}`.
fn label(secondary: bool, number: u32) -> String {
    if secondary {
        format!("{{{number}}}")
    } else {
        format!("[{number}]")
    }
}

/// The provisional ids of the references in a run, nested spans included.
fn refs_in(run: &[Inline], out: &mut Vec<u32>) {
    each_inline(run, &mut |inline| {
        if let Inline::NoteRef(id) = inline {
            out.push(*id);
        }
    });
}

/// Replaces provisional ids by note numbers (or, for a reference without a
/// note, which reading never makes, by the reference as written).
fn set_numbers(run: &mut [Inline], number: &dyn Fn(u32) -> Result<u32, String>) {
    each_inline_mut(run, &mut |inline| {
        if let Inline::NoteRef(id) = inline {
            match number(*id) {
                Ok(n) => *id = n,
                Err(written) => *inline = Inline::Text(written),
            }
        }
    });
}

/// Removes the marks of referenced note texts; puts the others in their place.
fn place_texts(
    blocks: &mut Vec<Block>,
    defs: &mut [Option<Def>],
    referenced: &HashSet<usize>,
    warnings: &mut Vec<(usize, String)>,
) {
    let mut out = Vec::with_capacity(blocks.len());
    for mut block in std::mem::take(blocks) {
        let mark = match &block {
            Block::Html(raw) => raw.strip_prefix(MARK).and_then(|n| n.parse::<usize>().ok()),
            _ => None,
        };
        match mark {
            Some(i) if referenced.contains(&i) => {}
            Some(i) => {
                if let Some(d) = defs.get_mut(i).and_then(Option::take) {
                    let shown = label(d.secondary, d.number);
                    warnings.push((d.line, format!("note {shown} has a text but nothing refers to it; the text is kept where it stands")));
                    let mut content = d.content;
                    match content.first_mut() {
                        Some(Block::Paragraph(p)) => match p.first_mut() {
                            Some(Inline::Text(t)) => t.insert_str(0, &format!("{shown} ")),
                            _ => p.insert(0, Inline::Text(format!("{shown} "))),
                        },
                        _ => content.insert(0, Block::Paragraph(vec![Inline::Text(shown)])),
                    }
                    out.extend(content);
                }
            }
            None => {
                match &mut block {
                    Block::Quote { blocks, .. }
                    | Block::Aligned { blocks, .. }
                    | Block::Hanging { blocks, .. }
                    | Block::Aside { blocks, .. }
                    | Block::Epigraph { blocks, .. } => {
                        place_texts(blocks, defs, referenced, warnings)
                    }
                    Block::List(list) => list
                        .items
                        .iter_mut()
                        .for_each(|item| place_texts(&mut item.blocks, defs, referenced, warnings)),
                    _ => {}
                }
                out.push(block);
            }
        }
    }
    *blocks = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(inlines: Vec<Inline>) -> Block {
        Block::Paragraph(inlines)
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn numbers_follow_reading_order_with_secondary_notes_after_their_note() {
        let mut notes = Notes::default();
        // Body: "a [2]" then "b [1]"; note [2] refers to {1}.
        let r2 = notes.reference(false, 2);
        let r1 = notes.reference(false, 1);
        let rs = notes.reference(true, 1);
        let mut blocks = vec![
            p(vec![t("a"), Inline::NoteRef(r2)]),
            p(vec![t("b"), Inline::NoteRef(r1)]),
        ];
        blocks.push(notes.text(false, 1, 4, vec![p(vec![t("one")])]));
        blocks.push(notes.text(false, 2, 5, vec![p(vec![t("two"), Inline::NoteRef(rs)])]));
        blocks.push(notes.text(true, 1, 6, vec![p(vec![t("secondary")])]));
        let (mut warnings, mut renumbered) = (Vec::new(), Vec::new());
        let out = notes.resolve(&mut blocks, &mut warnings, &mut renumbered);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            blocks,
            vec![
                p(vec![t("a"), Inline::NoteRef(1)]),
                p(vec![t("b"), Inline::NoteRef(3)])
            ]
        );
        let numbers: Vec<(u32, String)> = out
            .iter()
            .map(|n| (n.number, crate::document::blocks_text(&n.content)))
            .collect();
        assert_eq!(
            numbers,
            [
                (1, "two".to_string()),
                (2, "secondary".to_string()),
                (3, "one".to_string())
            ]
        );
        assert_eq!(out[0].content, vec![p(vec![t("two"), Inline::NoteRef(2)])]);
        assert_eq!(
            renumbered,
            [
                (5, "[2]".to_string(), 1),
                (6, "{1}".to_string(), 2),
                (4, "[1]".to_string(), 3)
            ]
        );
    }

    #[test]
    fn a_number_used_twice_pairs_in_order_and_a_lone_text_stays() {
        let mut notes = Notes::default();
        let a = notes.reference(false, 1);
        let b = notes.reference(false, 1);
        let mut blocks = vec![p(vec![Inline::NoteRef(a), Inline::NoteRef(b)])];
        blocks.push(notes.text(false, 1, 3, vec![p(vec![t("first")])]));
        blocks.push(notes.text(false, 1, 4, vec![p(vec![t("second")])]));
        blocks.push(Block::Quote {
            blocks: vec![notes.text(false, 9, 5, vec![p(vec![t("orphan")])])],
            attribution: None,
        });
        let (mut warnings, mut renumbered) = (Vec::new(), Vec::new());
        let out = notes.resolve(&mut blocks, &mut warnings, &mut renumbered);
        assert_eq!(out.len(), 2);
        assert_eq!(crate::document::blocks_text(&out[1].content), "second");
        assert_eq!(blocks[0], p(vec![Inline::NoteRef(1), Inline::NoteRef(2)]));
        assert_eq!(
            blocks[1],
            Block::Quote {
                blocks: vec![p(vec![t("[9] orphan")])],
                attribution: None
            }
        );
        let lines: Vec<usize> = warnings.iter().map(|w| w.0).collect();
        assert_eq!(lines, [4, 5], "{warnings:?}");
    }
}
