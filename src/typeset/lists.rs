//! Lists and definition lists in print: items hang from their marker,
//! nested lists indent by level, task items start with a box, terms are set
//! bold with their definitions indented below.

use super::flow::{apply_keep_rules, block_lines, push_lines, wrap, Body, Figures, VLine};
use super::fonts::Style;
use super::page::{Elem, Role, Tag};
use super::paragraph::{ParaStyle, SetLine, Setter, TextStyle};
use crate::document::{Block, Definition, List, ListKind};

/// Bullets by nesting level.
const BULLETS: [&str; 3] = ["•", "◦", "‣"];

/// The marker of item `i` (0-based) of a list.
fn marker(list: &List, i: usize, depth: usize) -> String {
    match list.kind {
        ListKind::Bullet => BULLETS[depth % BULLETS.len()].to_string(),
        kind => format!("{}.", kind.label(list.start.saturating_add(i as u32))),
    }
}

/// Every marker print adds to the lists in `blocks` (bullets, numbers,
/// task boxes), for lists starting at nesting `depth`: the characters the
/// fonts must have besides the text.
pub fn markers(blocks: &[Block], depth: usize) -> String {
    let mut out = String::new();
    for block in blocks {
        if let Block::List(list) = block {
            for (i, item) in list.items.iter().enumerate() {
                out.push_str(&marker(list, i, depth));
                if item.checked.is_some() {
                    out.push_str("□×");
                }
                out.push_str(&markers(&item.blocks, depth + 1));
            }
        } else {
            for child in crate::document::walk::child_blocks(block) {
                out.push_str(&markers(child, depth));
            }
        }
    }
    out
}

/// A list: each item's blocks set in the measure left after the marker's
/// hang, the marker on the item's first line, items apart by a little
/// (tight) or by a paragraph's space (loose).
pub fn list_lines(
    list: &List,
    body: &Body,
    setter: &mut Setter,
    figures: &Figures,
    out: &mut Vec<VLine>,
) {
    let s = body.size;
    let l = body.leading;
    let text = TextStyle::new(Style::Regular, s);
    let widest = (0..list.items.len())
        .map(|i| marker(list, i, body.list_depth))
        .max_by_key(|m| m.chars().count())
        .unwrap_or_default();
    let hang = if list.kind.ordered() {
        setter.measure_text(text, &widest) + s * 0.6
    } else {
        s * 1.2
    };
    // A numbered task list puts the box between the number and the text.
    let task_box = if list.kind.ordered() && list.items.iter().any(|i| i.checked.is_some()) {
        setter.measure_text(text, "□") + s * 0.4
    } else {
        0.0
    };
    let inset = if body.list_depth == 0 { s * 0.6 } else { 0.0 };
    let inner = Body {
        measure: body.measure - inset - hang - task_box,
        list_depth: body.list_depth + 1,
        align: None,
        ..*body
    };
    let gap = l * 0.6;
    for (i, item) in list.items.iter().enumerate() {
        let start = out.len();
        let before = if i == 0 {
            gap
        } else if list.tight {
            l * 0.15
        } else {
            gap * 0.5
        };
        match item.blocks.split_first() {
            // The common item, a paragraph first: set like any paragraph, the first line without indent.
            Some((Block::Paragraph(content), rest)) => {
                let ps = ParaStyle {
                    measure: inner.measure,
                    indent: 0.0,
                    align: body.paragraph_align(),
                    hyphenate: true,
                };
                let lines = setter.set(content, text, &ps);
                push_lines(out, lines, 0.0, 0.0, l, before, None);
                apply_keep_rules(&mut out[start..], false);
                for b in rest {
                    let from = out.len();
                    block_lines(b, &inner, setter, figures, false, out);
                    if list.tight {
                        if let Some(first) = out.get_mut(from) {
                            first.space_before = first.space_before.min(l * 0.15);
                        }
                    }
                }
            }
            Some(_) => {
                for b in &item.blocks {
                    block_lines(b, &inner, setter, figures, false, out);
                }
                if let Some(first) = out.get_mut(start) {
                    first.space_before = before;
                }
            }
            None => {}
        }
        if out.len() == start {
            // An empty item still shows its marker.
            push_lines(
                out,
                vec![SetLine::of_runs(Vec::new())],
                0.0,
                0.0,
                l,
                before,
                None,
            );
        }
        for v in &mut out[start..] {
            v.x += inset + hang + task_box;
        }
        wrap(&mut out[start..], Role::ItemBody);
        let label = Tag::Content(vec![Elem::new(Role::Label)]);
        if let Some(first) = out[start..].iter_mut().find(|v| v.image.is_none()) {
            // A bulleted task list shows the box alone; a numbered one, the number and the box.
            if !(list.kind == ListKind::Bullet && item.checked.is_some()) {
                let mut m = setter.line(text, &marker(list, i, body.list_depth));
                m.x = -hang - task_box;
                m.tag = label.clone();
                first.line.runs.insert(0, m);
            }
            if let Some(done) = item.checked {
                let mut b = setter.line(text, "□");
                b.x = if list.kind == ListKind::Bullet {
                    -hang - task_box
                } else {
                    -task_box
                };
                let (bx, box_width) = (b.x, b.width());
                b.tag = label.clone();
                first.line.runs.push(b);
                if done {
                    let mut x = setter.line(text, "×");
                    x.x = bx + (box_width - x.width()) / 2.0;
                    x.tag = label.clone();
                    first.line.runs.push(x);
                }
            }
        }
        wrap(&mut out[start..], Role::Item);
    }
}

/// Definition lists: each term in bold, its definitions indented below.
pub fn definition_lines(
    defs: &[Definition],
    body: &Body,
    setter: &mut Setter,
    figures: &Figures,
    out: &mut Vec<VLine>,
) {
    let s = body.size;
    let l = body.leading;
    let indent = s * 1.5;
    let inner = Body {
        measure: body.measure - indent,
        align: None,
        ..*body
    };
    for (k, d) in defs.iter().enumerate() {
        let ps = ParaStyle::unhyphenated(body.measure, super::paragraph::Align::Left);
        let start = out.len();
        let lines = setter.set(&d.term, TextStyle::new(Style::Bold, s), &ps);
        push_lines(
            out,
            lines,
            0.0,
            0.0,
            l,
            if k == 0 { l * 0.6 } else { l * 0.4 },
            None,
        );
        apply_keep_rules(&mut out[start..], true);
        wrap(&mut out[start..], Role::Label);
        let body_from = out.len();
        for detail in &d.details {
            let from = out.len();
            for b in detail {
                block_lines(b, &inner, setter, figures, false, out);
            }
            for v in &mut out[from..] {
                v.x += indent;
            }
            if let Some(first) = out.get_mut(from) {
                first.space_before = l * 0.1;
            }
        }
        wrap(&mut out[body_from..], Role::ItemBody);
        wrap(&mut out[start..], Role::Item);
    }
}
