//! Block quotes, verse and asides set inside the body's measure: their
//! blocks at a smaller size with an inset, and the attribution line after them.

use super::flow::{apply_keep_rules, block_lines, push_lines, Body, Figures, VLine};
use super::fonts::Style;
use super::paragraph::{Align, ParaStyle, Setter, TextStyle};
use crate::document::{Block, Inline};

#[allow(clippy::too_many_arguments)]
pub(super) fn inset_blocks(
    blocks: &[Block],
    attribution: Option<&[Inline]>,
    body: &Body,
    setter: &mut Setter,
    figures: &Figures,
    inset: f32,
    style: Style,
    out: &mut Vec<VLine>,
) {
    let inner = Body {
        size: body.size * 0.93,
        leading: body.leading * 0.93,
        measure: body.measure - inset * if style == Style::Italic { 1.0 } else { 2.0 },
        justify: body.justify,
        ..*body
    };
    let mut first = true;
    let mut prev_para = false;
    for b in blocks {
        let start = out.len();
        let content: Vec<Inline> = match b {
            Block::Paragraph(c) if style == Style::Italic => vec![Inline::Emph(c.clone())],
            _ => Vec::new(),
        };
        // A paragraph is indented only after a paragraph, as in the body.
        if content.is_empty() {
            block_lines(b, &inner, setter, figures, prev_para, out);
        } else {
            block_lines(
                &Block::Paragraph(content),
                &inner,
                setter,
                figures,
                prev_para,
                out,
            );
        }
        prev_para = matches!(b, Block::Paragraph(_));
        for l in &mut out[start..] {
            l.x += inset;
        }
        if first {
            if let Some(l) = out.get_mut(start) {
                l.space_before = body.leading * 0.6;
            }
        }
        let n = out.len() - start;
        if n > 0 {
            apply_keep_rules(&mut out[start..], false);
        }
        first = false;
    }
    if let Some(a) = attribution {
        attribution_line(a, &inner, setter, out);
        if let Some(l) = out.last_mut() {
            l.x += inset;
        }
    }
}

pub(super) fn attribution_line(
    a: &[Inline],
    body: &Body,
    setter: &mut Setter,
    out: &mut Vec<VLine>,
) {
    let mut content = vec![Inline::Text(setter.locale.words.attribution.clone())];
    content.extend(a.iter().cloned());
    let ps = ParaStyle::unhyphenated(body.measure, Align::Right);
    let lines = setter.set(
        &content,
        TextStyle::new(Style::Italic, body.size * 0.93),
        &ps,
    );
    let start = out.len();
    push_lines(out, lines, 0.0, 0.0, body.leading, body.leading * 0.2, None);
    // An attribution stays with the quote it closes.
    if start > 0 {
        out[start - 1].break_after = false;
    }
}
