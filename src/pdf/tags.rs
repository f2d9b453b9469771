//! The structure tree of a tagged reading PDF, built from the tags the
//! typesetter put on what it drew: elements in the order their text is first
//! met, notes after the text of the element that refers to them.

use crate::typeset::page::{Elem, Role};

/// A structure tree being built: groups by element, leaves of marked
/// content (the writer's marked-content ids and annotations; any value in tests).
#[derive(Debug)]
pub struct Structure<L> {
    top: Vec<Part<L>>,
}

#[derive(Debug)]
pub(super) enum Part<L> {
    Group { elem: Elem, children: Vec<Part<L>> },
    Leaf(L),
}

impl<L> Default for Structure<L> {
    fn default() -> Self {
        Structure { top: Vec::new() }
    }
}

impl<L> Structure<L> {
    /// The top-level parts, in order (notes not yet moved).
    pub(super) fn into_parts(self) -> Vec<Part<L>> {
        self.top
    }

    /// Adds a piece of content inside the elements of `path` (outermost
    /// first), opening those not met before after their met siblings.
    pub fn add(&mut self, path: &[Elem], leaf: L) {
        let mut level = &mut self.top;
        for elem in path {
            // The element met last is the likeliest: search from the end.
            let found = level
                .iter()
                .rposition(|p| matches!(p, Part::Group { elem: e, .. } if e.id == elem.id));
            let at = match found {
                Some(at) => at,
                None => {
                    level.push(Part::Group {
                        elem: elem.clone(),
                        children: Vec::new(),
                    });
                    level.len() - 1
                }
            };
            level = match &mut level[at] {
                Part::Group { children, .. } => children,
                Part::Leaf(_) => unreachable!("found as a group"),
            };
        }
        level.push(Part::Leaf(leaf));
    }
}

/// Parts with the notes among them moved after the rest, in their order.
pub(super) fn notes_last<L>(parts: Vec<Part<L>>) -> Vec<Part<L>> {
    let (mut rest, notes): (Vec<Part<L>>, Vec<Part<L>>) = parts
        .into_iter()
        .partition(|p| !matches!(p, Part::Group { elem, .. } if elem.role == Role::Note));
    rest.extend(notes);
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(parts: Vec<Part<u32>>) -> String {
        notes_last(parts)
            .into_iter()
            .map(|p| match p {
                Part::Leaf(n) => n.to_string(),
                Part::Group { elem, children } => format!("{:?}[{}]", elem.role, shape(children)),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn content_joins_the_element_it_was_met_in() {
        let (p1, p2, note) = (
            Elem::new(Role::Paragraph),
            Elem::new(Role::Paragraph),
            Elem::new(Role::Note),
        );
        let mut s = Structure::default();
        s.add(&[p1.clone()], 1);
        s.add(&[p2.clone()], 2);
        // The note at the page's foot, then the paragraph going on over the page.
        s.add(&[p2.clone(), note.clone()], 3);
        s.add(&[p2.clone()], 4);
        s.add(&[p1.clone()], 5);
        assert_eq!(shape(s.top), "Paragraph[1 5] Paragraph[2 4 Note[3]]");
    }
}
