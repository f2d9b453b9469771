//! Lists: items marked `-`, `1.`, `a.`, `A.`, `i.` or `I.` after some
//! indentation, nested by that indentation: items whose markers stand in
//! one column are one list (`i.` and `ii.` alike, however wide the marker),
//! and an item further in opens a list inside the item above. An item goes
//! on over the lines after it, and over paragraphs (after a blank line)
//! indented at least as far as its text.
//!
//! So that a signature (`A. Name` set far right) or an initial is not read
//! as a list, a lettered or roman list starts only at `a`, `A`, `i` or `I`,
//! and at the top level only when indented less than six columns.

use super::blocks::Parser;
use super::inline::Scope;
use super::lines::Kind;
use crate::document::{Block, List, ListItem, ListKind};
use crate::source::markdown::MAX_NESTING;

/// One level of the lists being built.
struct Level {
    /// The column of the items' markers.
    indent: usize,
    /// The column the first item's text starts at: paragraphs indented this
    /// far belong to the list.
    col: usize,
    list: List,
}

/// The kind and number of a marker (`-`, `12.`, `c.`, `iv.`).
pub fn marker_kind(marker: &str) -> (ListKind, u32) {
    let label = marker.trim_end_matches('.');
    if label == "-" {
        return (ListKind::Bullet, 1);
    }
    if let Ok(n) = label.parse::<u32>() {
        return (ListKind::Decimal, n);
    }
    let lower = label.to_ascii_lowercase();
    let upper = label.bytes().all(|b| b.is_ascii_uppercase());
    if label.len() == 1 && lower != "i" {
        let n = u32::from(lower.as_bytes()[0] - b'a') + 1;
        return (
            if upper {
                ListKind::UpperAlpha
            } else {
                ListKind::LowerAlpha
            },
            n,
        );
    }
    (
        if upper {
            ListKind::UpperRoman
        } else {
            ListKind::LowerRoman
        },
        roman_value(&lower),
    )
}

/// i → 1, iv → 4, mcm → 1900 (a malformed numeral reads as its sum).
fn roman_value(s: &str) -> u32 {
    let digit = |c: char| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        'c' => 100,
        'd' => 500,
        'm' => 1000,
        _ => 0,
    };
    let values: Vec<i64> = s.chars().map(digit).collect();
    let mut total = 0i64;
    for (k, v) in values.iter().enumerate() {
        total += if values.get(k + 1).is_some_and(|next| next > v) {
            -v
        } else {
            *v
        };
    }
    total.clamp(1, i64::from(u32::MAX)) as u32
}

/// Whether a marker may open a list: at the top level (`nested` false) an
/// item indented `indent` columns.
pub fn opens_list(marker: &str, indent: usize, nested: bool) -> bool {
    let label = marker.trim_end_matches('.');
    if label == "-" || label.bytes().all(|b| b.is_ascii_digit()) {
        return nested || indent < 20;
    }
    matches!(label, "a" | "A" | "i" | "I") && (nested || indent < 6)
}

impl Parser {
    /// The list that starts with the item at `i`, and the index after it;
    /// `None` when that item cannot open a list.
    pub(super) fn list(&mut self, i: usize, end: usize) -> Option<(Block, usize)> {
        let Kind::Item {
            indent,
            marker,
            col,
        } = self.lines[i].kind.clone()
        else {
            return None;
        };
        if !opens_list(&marker, indent, false) {
            return None;
        }
        let mut stack: Vec<Level> = vec![new_level(&marker, indent, col)];
        let mut j = i;
        let mut blank = false;
        while j < end {
            match self.lines[j].kind.clone() {
                Kind::Blank => {
                    blank = true;
                    j += 1;
                }
                Kind::Comment => {
                    self.remove(j, "comment");
                    j += 1;
                }
                Kind::Item {
                    indent,
                    marker,
                    col,
                } => {
                    if indent < stack[0].indent {
                        break;
                    }
                    while stack.len() > 1 && stack.last().is_some_and(|l| l.indent > indent) {
                        close_level(&mut stack);
                    }
                    let first = self.lines[j]
                        .text
                        .get(col..)
                        .unwrap_or_default()
                        .to_string();
                    let (text, next) = self.continued(first, j + 1, end);
                    let content = self.inline(&text, Scope::Body, j);
                    let room = stack.len() < MAX_NESTING;
                    let top = stack.last_mut().expect("a level");
                    if top.indent == indent {
                        if blank && !top.list.items.is_empty() {
                            top.list.tight = false;
                        }
                        top.list.items.push(ListItem::para(content));
                    } else if opens_list(&marker, 0, true) && room && !top.list.items.is_empty() {
                        let mut level = new_level(&marker, indent, col);
                        level.list.items.push(ListItem::para(content));
                        stack.push(level);
                    } else {
                        // An item that cannot open a list here: a paragraph of the item above, marker and all.
                        let whole = self.lines[j].text.trim().to_string();
                        let (text, _) = self.continued(whole, j + 1, end);
                        let content = self.inline(&text, Scope::Body, j);
                        push_paragraph(top, content);
                    }
                    blank = false;
                    j = next;
                }
                Kind::Text { indent } if indent >= stack[0].col => {
                    while stack.len() > 1 && stack.last().is_some_and(|l| l.col > indent) {
                        close_level(&mut stack);
                    }
                    let (text, next) =
                        self.continued(self.lines[j].text.trim().to_string(), j + 1, end);
                    let content = self.inline(&text, Scope::Body, j);
                    if !content.is_empty() {
                        push_paragraph(stack.last_mut().expect("a level"), content);
                    }
                    blank = false;
                    j = next;
                }
                _ => break,
            }
        }
        while stack.len() > 1 {
            close_level(&mut stack);
        }
        let level = stack.pop().expect("the outer level");
        Some((Block::List(level.list), j))
    }
}

fn new_level(marker: &str, indent: usize, col: usize) -> Level {
    let (kind, start) = marker_kind(marker);
    Level {
        indent,
        col,
        list: List {
            kind,
            start,
            tight: true,
            items: Vec::new(),
        },
    }
}

/// Ends the innermost list: it goes into the last item of the list around it.
fn close_level(stack: &mut Vec<Level>) {
    let Some(inner) = stack.pop() else { return };
    if let Some(item) = stack.last_mut().and_then(|l| l.list.items.last_mut()) {
        item.blocks.push(Block::List(inner.list));
    }
}

/// A further paragraph of the last item: the list is no longer tight.
fn push_paragraph(level: &mut Level, content: Vec<crate::document::Inline>) {
    level.list.tight = false;
    match level.list.items.last_mut() {
        Some(item) => item.blocks.push(Block::Paragraph(content)),
        None => level.list.items.push(ListItem::para(content)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(marker_kind("-"), (ListKind::Bullet, 1));
        assert_eq!(marker_kind("3."), (ListKind::Decimal, 3));
        assert_eq!(marker_kind("c."), (ListKind::LowerAlpha, 3));
        assert_eq!(marker_kind("B."), (ListKind::UpperAlpha, 2));
        assert_eq!(marker_kind("i."), (ListKind::LowerRoman, 1));
        assert_eq!(marker_kind("IV."), (ListKind::UpperRoman, 4));
        assert_eq!(marker_kind("xiv."), (ListKind::LowerRoman, 14));
    }

    #[test]
    fn what_opens_a_list() {
        assert!(opens_list("-", 6, false));
        assert!(opens_list("1.", 1, false));
        assert!(opens_list("a.", 1, false));
        assert!(!opens_list("b.", 1, false), "a lettered list starts at a");
        assert!(
            !opens_list("A.", 17, false),
            "far in, `A. C. Mill` is a name"
        );
        assert!(opens_list("I.", 9, true));
        assert!(!opens_list("-", 25, false));
    }
}
