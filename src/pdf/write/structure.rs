//! The structure tree of the reading PDF: the elements the typesetter tagged,
//! under one `/Document` element in the document's language, each holding
//! its marked content (by id on its page) and link annotations, and the
//! parent tree that leads from a page's marked content back to them.

use crate::pdf::tags::{notes_last, Part, Structure};
use crate::typeset::page::Role;
use pdf_writer::types::{ListNumbering, TableHeaderScope};
use pdf_writer::{Chunk, Finish, Name, Ref, Str, TextStr};

use super::Refs;

/// A piece of tagged content: marked content `mcid` on page `page`, or a
/// link annotation (with its key in the parent tree).
#[derive(Debug, Clone, Copy)]
pub enum Leaf {
    Marked { page: usize, mcid: i32 },
    Annot { page: usize, annot: Ref, key: i32 },
}

/// What a role's element is missing for PDF/UA-1 (a heading's title, a
/// figure's alternative text).
#[derive(Debug, Default)]
pub struct Missing {
    pub heading_title: bool,
    pub alt_text: bool,
}

/// Writes the tree; returns the structure tree root's reference. `pages`
/// are the page objects, `marked[i]` the number of marked-content ids on
/// page `i` (page `i`'s key in the parent tree is `i`), `annots` the
/// annotation keys with their elements filled in as they are met.
pub fn write(
    out: &mut Chunk,
    structure: Structure<Leaf>,
    lang: &str,
    pages: &[Ref],
    marked: &[usize],
    next_key: i32,
    refs: &mut Refs,
    missing: &mut Missing,
) -> Ref {
    let root = refs.next();
    let doc = refs.next();
    // For each page, the element of each marked-content id; for each annotation key, its element.
    let mut parents: Vec<Vec<Option<Ref>>> = marked.iter().map(|n| vec![None; *n]).collect();
    let mut annot_parents: Vec<(i32, Ref)> = Vec::new();
    let mut notes: Vec<(String, Ref)> = Vec::new();
    let mut w = Writer {
        out,
        pages,
        refs,
        parents: &mut parents,
        annot_parents: &mut annot_parents,
        notes: &mut notes,
        missing,
    };
    let kids = w.parts(notes_last(structure.into_parts()), doc);
    let mut elem = out.struct_element(doc);
    elem.custom_kind(Name(b"Document"));
    elem.parent(root);
    elem.lang(TextStr(lang));
    elem.children().items(kids);
    elem.finish();

    let mut tree = out
        .indirect(root)
        .start::<pdf_writer::writers::StructTreeRoot>();
    tree.children().item(doc);
    if !notes.is_empty() {
        // PDF/UA-1 wants every note to have an ID; a name tree lists them in byte order.
        notes.sort();
        let mut ids = tree.id_tree();
        let mut names = ids.names();
        for (id, elem) in &notes {
            names.insert(Str(id.as_bytes()), *elem);
        }
        names.finish();
        ids.finish();
    }
    let mut nums = tree.parent_tree();
    let mut numbers = nums.nums();
    let mut arrays = Vec::new();
    for (page, elems) in parents.iter().enumerate() {
        let array = refs.next();
        numbers.insert(page as i32, array);
        arrays.push((array, elems));
    }
    annot_parents.sort_by_key(|(k, _)| *k);
    for (key, elem) in &annot_parents {
        numbers.insert(*key, *elem);
    }
    numbers.finish();
    nums.finish();
    tree.parent_tree_next_key(next_key);
    tree.finish();
    for (array, elems) in arrays {
        // An id no element holds (none should be) points at the document element.
        out.indirect(array)
            .array()
            .items(elems.iter().map(|e| e.unwrap_or(doc)));
    }
    root
}

struct Writer<'w, 'c> {
    out: &'c mut Chunk,
    pages: &'w [Ref],
    refs: &'w mut Refs,
    parents: &'w mut Vec<Vec<Option<Ref>>>,
    annot_parents: &'w mut Vec<(i32, Ref)>,
    /// Each note's ID ("Note 1", … in the order notes are written) and element.
    notes: &'w mut Vec<(String, Ref)>,
    missing: &'w mut Missing,
}

enum Kid {
    Elem(Ref),
    Marked { page: usize, mcid: i32 },
    Annot { page: usize, annot: Ref },
}

impl Writer<'_, '_> {
    /// Writes the groups among `parts` as elements under `parent`; returns
    /// their references (the document element's children).
    fn parts(&mut self, parts: Vec<Part<Leaf>>, parent: Ref) -> Vec<Ref> {
        let mut refs = Vec::new();
        for part in parts {
            if let Part::Group { elem, children } = part {
                refs.push(self.group(&elem.role, children, parent));
            }
        }
        refs
    }

    fn group(&mut self, role: &Role, children: Vec<Part<Leaf>>, parent: Ref) -> Ref {
        let me = self.refs.next();
        let mut kids = Vec::new();
        for part in notes_last(children) {
            match part {
                Part::Group { elem, children } => {
                    kids.push(Kid::Elem(self.group(&elem.role, children, me)))
                }
                Part::Leaf(Leaf::Marked { page, mcid }) => {
                    if let Some(slot) = self
                        .parents
                        .get_mut(page)
                        .and_then(|p| p.get_mut(mcid as usize))
                    {
                        *slot = Some(me);
                    }
                    kids.push(Kid::Marked { page, mcid });
                }
                Part::Leaf(Leaf::Annot { page, annot, key }) => {
                    self.annot_parents.push((key, me));
                    kids.push(Kid::Annot { page, annot });
                }
            }
        }
        // The element's page: that of its first marked content.
        let home = kids.iter().find_map(|k| match k {
            Kid::Marked { page, .. } | Kid::Annot { page, .. } => Some(*page),
            Kid::Elem(_) => None,
        });
        let mut elem = self.out.struct_element(me);
        let (kind, extra) = kind(role);
        elem.custom_kind(Name(kind.as_bytes()));
        elem.parent(parent);
        if *role == Role::Note {
            let id = format!("Note {}", self.notes.len() + 1);
            elem.id(Str(id.as_bytes()));
            self.notes.push((id, me));
        }
        if let Some(page) = home.and_then(|p| self.pages.get(p)) {
            elem.page(*page);
        }
        match extra {
            Extra::Title(t) => {
                if t.trim().is_empty() {
                    self.missing.heading_title = true;
                }
                elem.title(TextStr(t));
            }
            Extra::Alt(a) => {
                if a.trim().is_empty() {
                    self.missing.alt_text = true;
                } else {
                    elem.alt(TextStr(a));
                }
            }
            Extra::List(numbering) => {
                elem.attributes().push().list().list_numbering(numbering);
            }
            Extra::Scope => {
                elem.attributes()
                    .push()
                    .table()
                    .scope(TableHeaderScope::Column);
            }
            Extra::None => {}
        }
        let mut children = elem.children();
        for kid in kids {
            match kid {
                Kid::Elem(r) => {
                    children.struct_element(r);
                }
                Kid::Marked { page, mcid } if Some(page) == home => {
                    children.marked_content_id(mcid);
                }
                Kid::Marked { page, mcid } => {
                    let mut mcr = children.marked_content_ref();
                    if let Some(p) = self.pages.get(page) {
                        mcr.page(*p);
                    }
                    mcr.marked_content_id(mcid);
                }
                Kid::Annot { page, annot } => {
                    let mut objr = children.object_ref();
                    if let Some(p) = self.pages.get(page) {
                        objr.page(*p);
                    }
                    objr.object(annot);
                }
            }
        }
        children.finish();
        elem.finish();
        me
    }
}

/// What an element carries besides its type.
enum Extra<'a> {
    None,
    Title(&'a str),
    Alt(&'a str),
    List(ListNumbering),
    Scope,
}

/// The standard structure type of a role, and what it carries.
fn kind(role: &Role) -> (String, Extra<'_>) {
    let plain = |s: &str| (s.to_string(), Extra::None);
    match role {
        Role::Heading(level, title) => (
            format!("H{}", (*level).clamp(1, 6)),
            Extra::Title(title.as_str()),
        ),
        Role::Paragraph => plain("P"),
        Role::Quote => plain("BlockQuote"),
        Role::List { ordered } => (
            "L".to_string(),
            Extra::List(if *ordered {
                ListNumbering::Decimal
            } else {
                ListNumbering::Disc
            }),
        ),
        Role::Item => plain("LI"),
        Role::Label => plain("Lbl"),
        Role::ItemBody => plain("LBody"),
        Role::Figure(alt) => ("Figure".to_string(), Extra::Alt(alt.as_str())),
        Role::Caption => plain("Caption"),
        Role::Note => plain("Note"),
        Role::Code => plain("Code"),
        Role::Table => plain("Table"),
        Role::Row => plain("TR"),
        Role::Cell(true) => ("TH".to_string(), Extra::Scope),
        Role::Cell(false) => plain("TD"),
        Role::Division => plain("Div"),
        Role::Contents => plain("TOC"),
        Role::ContentsEntry => plain("TOCI"),
        Role::Link => plain("Link"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_map_to_standard_types() {
        assert_eq!(kind(&Role::Heading(2, "A".into())).0, "H2");
        assert_eq!(kind(&Role::Heading(9, "A".into())).0, "H6");
        assert_eq!(kind(&Role::Cell(true)).0, "TH");
        assert_eq!(kind(&Role::Quote).0, "BlockQuote");
    }
}
