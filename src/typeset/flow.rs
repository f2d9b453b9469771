//! Blocks to a vertical list of set lines, each with its spacing and the
//! page-break rules that apply after it (widows, orphans, keep-with-next).

use super::fonts::Style;
use super::inset::{attribution_line, inset_blocks};
use super::page::{Elem, Furniture, PlacedImage, Role, Tag};
use super::paragraph::{Align, ParaStyle, SetLine, Setter, TextStyle};
use crate::document::{plain_text, Alignment, AsideKind, Block, Inline};
use std::collections::HashMap;
use std::sync::Arc;

/// Figures ready to place, by `src`; a figure missing here is set as its alt text.
pub type Figures = HashMap<String, PlacedImage>;

/// The body type and measure every block scales from.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    pub size: f32,
    pub leading: f32,
    pub measure: f32,
    pub justify: bool,
    /// Set by aligned blocks: every paragraph inside is centred or flush right.
    pub align: Option<Align>,
    /// Nesting depth of lists, for the bullet of each level.
    pub list_depth: usize,
}

impl Body {
    /// How paragraphs are aligned: as the enclosing block says, else justified or ragged.
    pub fn paragraph_align(&self) -> Align {
        self.align.unwrap_or(if self.justify {
            Align::Justify
        } else {
            Align::Left
        })
    }
}

/// One line in the vertical list.
#[derive(Debug, Clone, PartialEq)]
pub struct VLine {
    pub line: SetLine,
    /// Offset from the text area's left edge.
    pub x: f32,
    /// Baseline-to-baseline distance from the line above.
    pub advance: f32,
    /// Extra space above, dropped at the top of a page.
    pub space_before: f32,
    /// Whether a page may end after this line.
    pub break_after: bool,
    /// Set on a heading's first line: (level, text).
    pub heading: Option<(u8, String)>,
    /// Position of the line in its block (paragraph, quote, verse …) and the block's line count.
    pub index_in_block: usize,
    pub block_len: usize,
    /// A figure standing on this line's baseline (its bottom edge), centred by `x`.
    pub image: Option<PlacedImage>,
    /// For a table's body lines: the header lines set again above this line
    /// when it starts a page.
    pub head: Option<Arc<[VLine]>>,
    /// On a heading's first line: the id links to it use (`{#id}`).
    pub anchor: Option<String>,
    /// The top-level block the line belongs to (its index in the blocks set).
    pub block: usize,
}

impl VLine {
    /// A line at `x` with its advance and the space above it; a page may end after it.
    pub fn new(line: SetLine, x: f32, advance: f32, space_before: f32) -> VLine {
        VLine {
            line,
            x,
            advance,
            space_before,
            break_after: true,
            heading: None,
            index_in_block: 0,
            block_len: 1,
            image: None,
            head: None,
            anchor: None,
            block: 0,
        }
    }

    /// The height of the header lines repeated above this line on a new page.
    pub fn head_height(&self) -> f32 {
        self.head.as_ref().map_or(0.0, |h| {
            h.iter()
                .enumerate()
                .map(|(i, v)| v.advance + if i > 0 { v.space_before } else { 0.0 })
                .sum()
        })
    }
}

/// Sets blocks into vertical lines.
pub fn blocks_to_lines(
    blocks: &[Block],
    body: &Body,
    setter: &mut Setter,
    figures: &Figures,
) -> Vec<VLine> {
    let mut out = Vec::new();
    set_blocks(blocks, 0, false, body, setter, figures, &mut out);
    out
}

/// The fewest blocks worth setting on two cores.
const SPLIT_BLOCKS: usize = 16;

/// [`blocks_to_lines`], with the second half of the blocks set on another
/// core when the build's pool has more than one thread. A block's lines
/// depend on nothing but the block, the one before it (a paragraph or
/// not), and the setter's settings (its tables only remember work), so
/// the lines are the same: a second setter (`Setter::fork`) sets the half,
/// and the families it used are added to the first's.
pub fn blocks_to_lines_split(
    blocks: &[Block],
    body: &Body,
    setter: &mut Setter,
    figures: &Figures,
) -> anyhow::Result<Vec<VLine>> {
    if blocks.len() < SPLIT_BLOCKS || rayon::current_num_threads() < 2 {
        return Ok(blocks_to_lines(blocks, body, setter, figures));
    }
    let mid = blocks.len() / 2;
    let prev_para = matches!(blocks[mid - 1], Block::Paragraph(_));
    let mut other = setter.fork();
    let (mut out, rest) = rayon::join(
        || blocks_to_lines(&blocks[..mid], body, setter, figures),
        // Isolated where it runs: a panic on another thread loses its location.
        || {
            crate::build::isolate::isolate(|| {
                let mut rest = Vec::new();
                set_blocks(
                    &blocks[mid..],
                    mid,
                    prev_para,
                    body,
                    &mut other,
                    figures,
                    &mut rest,
                );
                Ok(rest)
            })
        },
    );
    setter.absorb(other);
    out.extend(rest?);
    Ok(out)
}

/// Sets `blocks` into `out`, numbered from `first`; `prev_para` says
/// whether the block before them is a paragraph.
fn set_blocks(
    blocks: &[Block],
    first: usize,
    mut prev_para: bool,
    body: &Body,
    setter: &mut Setter,
    figures: &Figures,
    out: &mut Vec<VLine>,
) {
    for (k, block) in blocks.iter().enumerate() {
        let start = out.len();
        block_lines(block, body, setter, figures, prev_para, out);
        for v in &mut out[start..] {
            v.block = first + k;
        }
        prev_para = matches!(block, Block::Paragraph(_));
        if start == out.len() || out[start].image.is_some() {
            // Empty, or a figure, which sets its own rules.
            continue;
        }
        apply_keep_rules(&mut out[start..], matches!(block, Block::Heading { .. }));
    }
}

/// No single line of a block alone at a page top or bottom; headings stay with what follows.
pub(super) fn apply_keep_rules(lines: &mut [VLine], keep_with_next: bool) {
    let n = lines.len();
    for (i, l) in lines.iter_mut().enumerate() {
        let last = i + 1 == n;
        l.index_in_block = i;
        l.block_len = n;
        // A word hyphenated across pages is hard to read: never break after a hyphen.
        l.break_after = !l.line.hyphenated
            && if last {
                !keep_with_next
            } else {
                i >= 1 && n - (i + 1) >= 2
            };
    }
}

/// Puts everything the lines show inside a new `role` element (outermost).
pub(super) fn wrap(lines: &mut [VLine], role: Role) {
    let elem = Elem::new(role);
    for tag in tags(lines) {
        tag.within(&elem);
    }
}

/// Puts what no element holds yet inside one new `role` element.
pub(super) fn wrap_bare(lines: &mut [VLine], role: Role) {
    let elem = Elem::new(role);
    for tag in tags(lines).filter(|t| t.is_bare()) {
        tag.within(&elem);
    }
}

/// Marks what the lines show as page furniture (ornaments, rules).
pub(super) fn furniture(lines: &mut [VLine]) {
    for tag in tags(lines) {
        *tag = Tag::Artifact(Furniture::Layout);
    }
}

fn tags(lines: &mut [VLine]) -> impl Iterator<Item = &mut Tag> {
    lines.iter_mut().flat_map(|l| {
        l.line
            .runs
            .iter_mut()
            .map(|r| &mut r.tag)
            .chain(l.image.as_mut().map(|i| &mut i.tag))
    })
}

pub(super) fn push_lines(
    out: &mut Vec<VLine>,
    lines: Vec<SetLine>,
    x: f32,
    hang: f32,
    advance: f32,
    space_before: f32,
    heading: Option<(u8, String)>,
) {
    for (i, line) in lines.into_iter().enumerate() {
        let mut v = VLine::new(
            line,
            if i == 0 { x } else { x + hang },
            advance,
            if i == 0 { space_before } else { 0.0 },
        );
        v.heading = if i == 0 { heading.clone() } else { None };
        out.push(v);
    }
}

pub(super) fn block_lines(
    block: &Block,
    body: &Body,
    setter: &mut Setter,
    figures: &Figures,
    prev_para: bool,
    out: &mut Vec<VLine>,
) {
    let start = out.len();
    set_block(block, body, setter, figures, prev_para, out);
    let lines = &mut out[start..];
    match block {
        Block::Heading { level, content, .. } => wrap(
            lines,
            Role::Heading(level.saturating_add(1), plain_text(content)),
        ),
        Block::Quote { .. } | Block::Epigraph { .. } => {
            wrap_bare(lines, Role::Paragraph);
            wrap(lines, Role::Quote);
        }
        Block::List(list) => wrap(
            lines,
            Role::List {
                ordered: list.kind.ordered(),
            },
        ),
        Block::Definitions(_) => wrap(lines, Role::List { ordered: false }),
        Block::CodeBlock { .. } => {
            wrap(lines, Role::Code);
            wrap(lines, Role::Paragraph);
        }
        Block::Table(_) => wrap(lines, Role::Table),
        Block::Verse { .. } | Block::Aside { .. } => {
            wrap_bare(lines, Role::Paragraph);
            wrap(lines, Role::Division);
        }
        // Whatever else the block set is one paragraph (a sign-off, a figure's alt text).
        _ => wrap_bare(lines, Role::Paragraph),
    }
}

/// Sets one block's lines, tagging the parts inside it; [`block_lines`] tags the block.
fn set_block(
    block: &Block,
    body: &Body,
    setter: &mut Setter,
    figures: &Figures,
    prev_para: bool,
    out: &mut Vec<VLine>,
) {
    let s = body.size;
    let l = body.leading;
    let text = TextStyle::new(Style::Regular, s);
    let gap = l * 0.6;
    match block {
        Block::Paragraph(content) => {
            let indent = if prev_para && body.align.is_none() {
                s * 1.2
            } else {
                0.0
            };
            let ps = ParaStyle {
                measure: body.measure,
                indent,
                align: body.paragraph_align(),
                hyphenate: true,
            };
            let lines = setter.set(content, text, &ps);
            push_lines(
                out,
                lines,
                0.0,
                0.0,
                l,
                if prev_para { 0.0 } else { gap * 0.5 },
                None,
            );
        }
        Block::Heading {
            level,
            content,
            attr,
        } => {
            let (style, scale) = match level {
                1 => (Style::Bold, 1.25),
                2 => (Style::Bold, 1.08),
                _ => (Style::Italic, 1.0),
            };
            let ps = ParaStyle::unhyphenated(body.measure, Align::Left);
            let lines = setter.set(content, TextStyle::new(style, s * scale), &ps);
            let title = plain_text(content);
            let start = out.len();
            push_lines(
                out,
                lines,
                0.0,
                0.0,
                l * scale.max(1.0),
                l * if *level == 1 { 1.4 } else { 0.9 },
                Some((*level, title)),
            );
            if let Some(first) = out.get_mut(start) {
                first.anchor = attr.id.clone();
            }
        }
        Block::Quote {
            blocks,
            attribution,
        } => inset_blocks(
            blocks,
            attribution.as_deref(),
            body,
            setter,
            figures,
            s * 1.4,
            Style::Regular,
            out,
        ),
        Block::Epigraph {
            blocks,
            attribution,
        } => inset_blocks(
            blocks,
            attribution.as_deref(),
            body,
            setter,
            figures,
            body.measure * 0.2,
            Style::Italic,
            out,
        ),
        Block::List(list) => super::lists::list_lines(list, body, setter, figures, out),
        Block::Definitions(defs) => {
            super::lists::definition_lines(defs, body, setter, figures, out)
        }
        Block::Aligned { align, blocks } => {
            let align = match align {
                Alignment::Center => Some(Align::Center),
                Alignment::Right => Some(Align::Right),
                Alignment::Left => Some(Align::Left),
                Alignment::Default => None,
            };
            let inner = Body {
                align: align.or(body.align),
                ..*body
            };
            let mut prev = false;
            for b in blocks {
                block_lines(b, &inner, setter, figures, prev, out);
                prev = matches!(b, Block::Paragraph(_));
            }
        }
        Block::CodeBlock { text, .. } => super::code::code_lines(text, body, setter, out),
        Block::Table(t) => super::table::table_lines(t, body, setter, out),
        Block::Html(raw) => {
            // Print sets what a reader would see of the HTML: its text.
            let mut prev = false;
            for line in crate::document::html_text(raw).lines() {
                block_lines(
                    &Block::Paragraph(vec![Inline::Text(line.to_string())]),
                    body,
                    setter,
                    figures,
                    prev,
                    out,
                );
                prev = true;
            }
        }
        Block::Verse {
            stanzas,
            attribution,
        } => {
            let inset = s * 1.5;
            let hang = s * 1.2;
            for (k, stanza) in stanzas.iter().enumerate() {
                let from = out.len();
                for (i, verse_line) in stanza.iter().enumerate() {
                    let ps = ParaStyle::unhyphenated(body.measure - inset - hang, Align::Left);
                    let lines = setter.set(verse_line, text, &ps);
                    let before = if i == 0 {
                        if k == 0 {
                            gap
                        } else {
                            l * 0.5
                        }
                    } else {
                        0.0
                    };
                    push_lines(out, lines, inset, hang, l, before, None);
                }
                wrap(&mut out[from..], Role::Paragraph);
            }
            if let Some(a) = attribution {
                attribution_line(a, body, setter, out);
            }
        }
        Block::SignOff(lines_in) => {
            for (i, line) in lines_in.iter().enumerate() {
                let ps = ParaStyle::unhyphenated(body.measure * 0.6, Align::Left);
                let lines = setter.set(line, text, &ps);
                push_lines(
                    out,
                    lines,
                    body.measure * 0.4,
                    0.0,
                    l,
                    if i == 0 { gap } else { 0.0 },
                    None,
                );
            }
        }
        Block::Aside { kind, blocks } => {
            let small = Body {
                size: s * 0.9,
                leading: l * 0.9,
                ..*body
            };
            let rule_gap = if *kind == AsideKind::Bio {
                l * 1.2
            } else {
                l * 1.5
            };
            let ornament = setter.set(
                &[Inline::Text("*".into())],
                text,
                &ParaStyle::unhyphenated(body.measure, Align::Center),
            );
            let from = out.len();
            push_lines(out, ornament, 0.0, 0.0, l, rule_gap, None);
            furniture(&mut out[from..]);
            // Short entries (a date, a source, a credit): unindented, a little apart.
            for b in blocks {
                block_lines(b, &small, setter, figures, false, out);
            }
        }
        Block::Image { src, caption, .. } if figures.contains_key(src) => {
            let placed = &figures[src];
            // Never wider than this measure (a figure inside a quote is narrower).
            let scale = (body.measure / placed.width).min(1.0);
            let (w, h) = (placed.width * scale, placed.height * scale);
            let start = out.len();
            let mut v = VLine::new(
                SetLine::of_runs(Vec::new()),
                (body.measure - w) / 2.0,
                h,
                gap + l * 0.4,
            );
            v.image = Some(PlacedImage {
                width: w,
                height: h,
                ..placed.clone()
            });
            out.push(v);
            let alt = match block {
                Block::Image { alt, .. } => alt.clone(),
                _ => String::new(),
            };
            wrap(&mut out[start..], Role::Figure(alt));
            if let Some(c) = caption {
                let ps = ParaStyle::unhyphenated(body.measure, Align::Center);
                let lines = setter.set(c, TextStyle::new(Style::Italic, s * 0.9), &ps);
                let from = out.len();
                push_lines(out, lines, 0.0, 0.0, l, l * 0.3, None);
                wrap(&mut out[from..], Role::Caption);
            }
            // The figure and its caption stay together; the page may end only after them.
            let n = out.len() - start;
            for (i, v) in out[start..].iter_mut().enumerate() {
                v.index_in_block = i;
                v.block_len = n;
                v.break_after = i + 1 == n;
            }
        }
        Block::Image { alt, caption, .. } => {
            let mut content = vec![Inline::Text(crate::lang::fill(
                &setter.locale.words.figure,
                &[("alt", alt)],
            ))];
            if let Some(c) = caption {
                content.push(Inline::Text(" ".into()));
                content.extend(c.iter().cloned());
            }
            let ps = ParaStyle::unhyphenated(body.measure, Align::Center);
            let lines = setter.set(&content, TextStyle::new(Style::Italic, s * 0.9), &ps);
            push_lines(out, lines, 0.0, 0.0, l, gap, None);
        }
        Block::Rule => {
            let ps = ParaStyle::unhyphenated(body.measure, Align::Center);
            let lines = setter.set(
                &[Inline::Text(
                    "*\u{a0}\u{a0}\u{a0}*\u{a0}\u{a0}\u{a0}*".into(),
                )],
                text,
                &ps,
            );
            let from = out.len();
            push_lines(out, lines, 0.0, 0.0, l, gap, None);
            furniture(&mut out[from..]);
        }
        Block::Hanging { blocks, .. } => {
            // Each entry starts flush left and its further lines hang, ragged right.
            let hang = s * 1.5;
            for b in blocks {
                match b {
                    Block::Paragraph(content) => {
                        let ps = ParaStyle {
                            measure: body.measure - hang,
                            indent: 0.0,
                            align: Align::Left,
                            hyphenate: true,
                        };
                        let lines = setter.set(content, text, &ps);
                        let from = out.len();
                        push_lines(out, lines, 0.0, hang, l, gap * 0.5, None);
                        wrap(&mut out[from..], Role::Paragraph);
                    }
                    other => block_lines(other, body, setter, figures, false, out),
                }
            }
        }
        // Pages are broken by the caller (see `typeset::set_body`); nothing to set.
        Block::PageBreak => {}
    }
}
