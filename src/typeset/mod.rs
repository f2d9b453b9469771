//! Typesetting: a Document and a layout into pages of positioned glyphs.
//!
//! [`flow`] sets blocks into lines, [`paginate`] breaks them into pages,
//! `cover` makes the front and back covers (title page and colophon) and
//! sizes figures, and this module adds the contents, footnotes, running
//! heads and folios.

mod bidi;
mod cjk;
pub mod clusters;
mod code;
mod cover;
pub mod coverage;
pub mod fallback;
pub mod flow;
pub mod fonts;
mod hyphenate;
mod inset;
pub mod itemize;
pub mod linebreak;
mod links;
mod lists;
pub mod microtype;
pub mod page;
pub mod paginate;
pub mod paragraph;
mod place;
mod restraint;
mod runs;
mod table;
pub mod wordbreak;

use crate::cover::Assets;
use crate::document::{Block, Document, Inline, List, ListItem, ListKind, Note};
use crate::layout::{Layout, NotePlacement};
use flow::{blocks_to_lines, Body, VLine};
use fonts::{Fonts, Style};
use page::{
    Elem, Furniture, LinkTarget, OutlineEntry, Page, PageItem, PageKind, Role, Tag, Typeset,
};
use paragraph::{Setter, TextStyle};
use place::{centred, contents_pages, place_line, Frame};
use std::collections::HashMap;

pub use cover::{design as cover_design, figure_size};

/// The type-only front cover alone, with `layout`'s page size, margins and
/// type (the EPUB's cover image is drawn from it).
pub fn type_only_cover(doc: &Document, layout: &Layout, fonts: &Fonts) -> anyhow::Result<Page> {
    let frame = Frame::new(layout);
    let body = Body {
        size: layout.font_size,
        leading: layout.leading,
        measure: frame.text_width,
        justify: layout.justify,
        align: None,
        list_depth: 0,
    };
    let assets = Assets {
        design: Some(crate::cover::CoverDesign::TypeOnly),
        ..Assets::default()
    };
    cover::front_cover(
        doc,
        &frame,
        &body,
        &mut Setter::new(fonts, &doc.meta.language),
        layout,
        &assets,
    )
}

/// Lays the document out with the layout's page size, margins and type,
/// without images: a type-only cover, figures as their alt text.
pub fn typeset(doc: &Document, layout: &Layout, fonts: &Fonts) -> anyhow::Result<Typeset> {
    typeset_with_assets(
        doc,
        layout,
        &mut Setter::new(fonts, &doc.meta.language),
        &Assets::default(),
    )
}

/// Like [`typeset`], with the zine's cover and figures, made at the layout's
/// print resolution and mode, reusing a setter's shaping and hyphenation
/// caches (they do not depend on the layout, so one setter serves every
/// layout of a zine). Fails only if an image cannot be encoded.
pub fn typeset_with_assets(
    doc: &Document,
    layout: &Layout,
    setter: &mut Setter,
    assets: &Assets,
) -> anyhow::Result<Typeset> {
    typeset_with_assets_then(doc, layout, setter, assets, || {})
}

/// The frame and body text of `layout`.
fn frame_and_body(layout: &Layout) -> (Frame, Body) {
    let frame = Frame::new(layout);
    let body = Body {
        size: layout.font_size,
        leading: layout.leading,
        measure: frame.text_width,
        justify: layout.justify,
        align: None,
        list_depth: 0,
    };
    (frame, body)
}

/// The print images that typesetting in `layout` will make from decoded
/// pixels (cover and figures), by picture file, without making them.
pub fn pixel_prints(
    doc: &Document,
    layout: &Layout,
    setter: &mut Setter,
    assets: &Assets,
) -> Vec<(std::path::PathBuf, crate::cover::process::PrintKey)> {
    setter.typography = layout.typography;
    let (frame, body) = frame_and_body(layout);
    cover::pixel_prints(doc, &frame, &body, setter, layout, assets)
}

/// Like [`typeset_with_assets`], calling `images_made` once the print
/// images (figures and the front cover) are made, before the text is set:
/// the caller may let the pixels go before the longest part.
pub fn typeset_with_assets_then(
    doc: &Document,
    layout: &Layout,
    setter: &mut Setter,
    assets: &Assets,
    images_made: impl FnOnce(),
) -> anyhow::Result<Typeset> {
    setter.typography = layout.typography;
    let (frame, body) = frame_and_body(layout);
    let figures = cover::figures(assets, layout, &body, &frame)?;
    // The front cover depends on nothing set below: made first, so that its
    // print image is made before the text.
    let front = cover::front_cover(doc, &frame, &body, setter, layout, assets)?;
    images_made();

    let mut blocks: Vec<Block> = doc.blocks.clone();
    let mut notes = doc.notes.clone();
    let urls = if layout.print_urls {
        links::number_links(&mut blocks, &mut notes)
    } else {
        Vec::new()
    };
    let footnotes = layout.notes == NotePlacement::Footnotes;
    if !footnotes && !notes.is_empty() {
        blocks.push(Block::heading(
            1,
            vec![Inline::Text(setter.locale.words.notes.clone())],
        ));
        blocks.push(Block::List(List {
            kind: ListKind::Decimal,
            start: notes.first().map(|n| n.number).unwrap_or(1),
            tight: true,
            items: notes
                .iter()
                .map(|n| ListItem {
                    checked: None,
                    blocks: n.content.clone(),
                })
                .collect(),
        }));
    }
    if footnotes {
        // A note nothing refers to has no page to stand at the foot of: it goes after the text.
        let referenced = referenced_notes(&blocks, &notes);
        let orphans: Vec<&Note> = notes
            .iter()
            .filter(|n| !referenced.contains(&n.number))
            .collect();
        if !orphans.is_empty() {
            blocks.push(Block::heading(
                1,
                vec![Inline::Text(setter.locale.words.notes.clone())],
            ));
            blocks.extend(orphans.into_iter().flat_map(numbered));
        }
    }
    blocks.extend(links::links_section(&urls, &setter.locale.words.links));
    let (lines, page_breaks) = set_body(&blocks, &body, setter, &figures)?;

    // Footnotes set once, measured for the page breaker.
    let note_size = body.size * 0.82;
    let note_leading = body.leading * 0.82;
    let mut note_lines: HashMap<u32, Vec<VLine>> = HashMap::new();
    if footnotes {
        let note_body = Body {
            size: note_size,
            leading: note_leading,
            ..body
        };
        for note in &notes {
            let mut lines = blocks_to_lines(&numbered(note), &note_body, setter, &figures);
            flow::wrap(&mut lines, Role::Note);
            note_lines.insert(note.number, lines);
        }
        nest_notes(&mut note_lines, &lines, &doc.notes);
    }
    let note_heights: HashMap<u32, f32> = note_lines
        .iter()
        .map(|(n, l)| {
            (
                *n,
                l.iter()
                    .enumerate()
                    .map(|(j, v)| v.advance + if j > 0 { v.space_before } else { 0.0 })
                    .sum::<f32>()
                    + note_leading * 0.25,
            )
        })
        .collect();
    let note_gap = body.leading;
    let body_pages = paginate::paginate_at(
        &lines,
        &page_breaks,
        frame.text_height,
        &note_heights,
        note_gap,
    );

    // Contents when the essay has three or more sections.
    let sections: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            l.heading
                .as_ref()
                .filter(|(lvl, _)| *lvl == 1)
                .map(|(_, t)| (i, t.clone()))
        })
        .collect();
    // Its length does not depend on the page numbers, so set it once to count its pages.
    let toc_pages = if sections.len() >= 3 {
        let dummy: Vec<(String, usize)> = sections.iter().map(|(_, t)| (t.clone(), 0)).collect();
        contents_pages(&dummy, &frame, &body, setter).len()
    } else {
        0
    };
    let first_body = 1 + toc_pages;

    let mut pages: Vec<Page> = Vec::new();
    let mut outline = vec![OutlineEntry {
        level: 1,
        title: doc.meta.title.clone(),
        page: 0,
        y: 0.0,
    }];
    pages.push(front);

    // Body pages, and the block each begins in.
    let mut body_out: Vec<Page> = Vec::new();
    let mut body_blocks: Vec<Option<usize>> = Vec::new();
    let mut section_of_page: Vec<String> = Vec::new();
    let mut current_section = doc.meta.title.clone();
    let mut heading_pages: HashMap<usize, usize> = HashMap::new();
    // Where each heading id (`{#id}`) is set, for links to it.
    let mut anchors: HashMap<String, (usize, f32)> = HashMap::new();
    for (k, bp) in body_pages.iter().enumerate() {
        let index = first_body + k;
        let left = frame.left(index);
        let mut items = Vec::new();
        let mut y = frame.top;
        let mut first_heading_on_page: Option<String> = None;
        for (j, i) in bp.lines.clone().enumerate() {
            let vl: &VLine = &lines[i];
            if let Some(head) = vl.head.as_ref().filter(|_| j == 0) {
                // A page that starts inside a table repeats its header.
                for (k, h) in head.iter().enumerate() {
                    y += h.advance + if k > 0 { h.space_before } else { 0.0 };
                    // The header said once in the structure; its repeats are furniture.
                    let mut line = h.line.clone();
                    for run in &mut line.runs {
                        run.tag = Tag::Artifact(Furniture::Layout);
                    }
                    place_line(&mut items, &line, left + h.x, y);
                }
            }
            y += vl.advance + if j > 0 { vl.space_before } else { 0.0 };
            if let Some(id) = &vl.anchor {
                anchors.entry(id.clone()).or_insert((index, y - vl.advance));
            }
            if let Some((level, title)) = &vl.heading {
                outline.push(OutlineEntry {
                    level: (*level).clamp(1, 6) + 1,
                    title: title.clone(),
                    page: index,
                    y: y - vl.advance,
                });
                heading_pages.insert(i, index);
                if *level == 1 && first_heading_on_page.is_none() {
                    first_heading_on_page = Some(title.clone());
                }
            }
            if let Some(img) = &vl.image {
                items.push(PageItem::Image {
                    x: left + vl.x,
                    y: y - img.height,
                    width: img.width,
                    height: img.height,
                    image: img.image.clone(),
                    tag: img.tag.clone(),
                });
            }
            place_line(&mut items, &vl.line, left + vl.x, y);
        }
        if let Some(t) = first_heading_on_page {
            current_section = t;
        }
        // Footnotes at the foot of the text area.
        if !bp.notes.is_empty() {
            let total: f32 = bp.notes.iter().map(|n| note_heights[n]).sum();
            let mut ny = frame.top + frame.text_height - total;
            items.push(PageItem::Rule {
                x1: left,
                y1: ny - note_leading * 0.6,
                x2: left + body.measure * 0.3,
                y2: ny - note_leading * 0.6,
                width: 0.4,
            });
            for n in &bp.notes {
                // In the structure a note stands inside what refers to it.
                let within = note_reference(bp.lines.clone().map(|i| &lines[i]), *n);
                for (j, v) in note_lines[n].iter().enumerate() {
                    ny += v.advance + if j > 0 { v.space_before } else { 0.0 };
                    let mut line = v.line.clone();
                    for run in &mut line.runs {
                        for e in within.iter().rev() {
                            run.tag.within(e);
                        }
                    }
                    place_line(&mut items, &line, left + v.x, ny - note_leading * 0.2);
                }
                ny += note_leading * 0.25;
            }
        }
        section_of_page.push(current_section.clone());
        body_blocks.push(lines.get(bp.lines.start).map(|l| l.block));
        body_out.push(Page {
            width: frame.width,
            height: frame.height,
            items,
            folio: Some(index as u32 + 1),
            kind: PageKind::Body,
        });
    }

    if toc_pages > 0 {
        let entries: Vec<(String, usize)> = sections
            .iter()
            .map(|(i, t)| {
                (
                    t.clone(),
                    heading_pages.get(i).copied().unwrap_or(first_body) + 1,
                )
            })
            .collect();
        pages.extend(contents_pages(&entries, &frame, &body, setter));
    }
    let mut page_blocks = vec![None; pages.len()];
    page_blocks.extend(body_blocks);
    pages.extend(body_out);
    let colophon_index = pages.len();
    pages.push(cover::back_cover(
        doc,
        &frame,
        &body,
        setter,
        colophon_index,
        assets,
    ));

    // Running heads and folios.
    let head_style = TextStyle::new(Style::Italic, body.size * 0.85);
    let folio_style = TextStyle::new(Style::Regular, body.size * 0.9);
    for (index, page) in pages.iter_mut().enumerate() {
        if page.kind != PageKind::Body && page.kind != PageKind::Contents {
            continue;
        }
        let left = frame.left(index);
        let head_text = if index % 2 == 1 {
            doc.meta.title.clone()
        } else {
            section_of_page
                .get(index.wrapping_sub(first_body))
                .cloned()
                .unwrap_or_else(|| doc.meta.title.clone())
        };
        let mut head = setter.line_set(head_style, &truncate(&head_text, 60));
        for run in &mut head.runs {
            run.tag = Tag::Artifact(Furniture::RunningHead);
        }
        let hw = head.width.min(body.measure);
        place_line(
            &mut page.items,
            &head,
            left + (body.measure - hw) / 2.0,
            frame.top - body.leading * 1.1,
        );
        let mut folio = setter.line(folio_style, &(index + 1).to_string());
        folio.x = left + (body.measure - folio.width()) / 2.0;
        folio.y = frame.top + frame.text_height + body.leading * 1.8;
        folio.tag = Tag::Artifact(Furniture::Folio);
        page.folio = Some(index as u32 + 1);
        page.items.push(PageItem::Glyphs(folio));
    }
    resolve_links(&mut pages, &anchors);
    if setter.locale.is_rtl() {
        // Right to left: every page is the mirror of its left-to-right
        // layout, furniture and margins too; text keeps its glyph order.
        pages.iter_mut().for_each(page::mirror);
    }
    let quality = paginate::quality(&lines, &body_pages);
    page_blocks.resize(pages.len(), None);
    Ok(Typeset {
        pages,
        page_blocks,
        outline,
        has_back_cover: true,
        quality,
    })
}

/// The elements holding the text that refers to note `n` on a page's lines,
/// outermost first; none when the reference is not on these lines.
fn note_reference<'a>(mut lines: impl Iterator<Item = &'a VLine>, n: u32) -> Vec<Elem> {
    lines
        .find(|l| l.line.notes.contains(&n))
        .and_then(|l| {
            l.line.runs.iter().rev().find_map(|r| match &r.tag {
                Tag::Content(path) if !path.is_empty() => Some(path.clone()),
                _ => None,
            })
        })
        .unwrap_or_default()
}

/// Sets the body's blocks into lines, and the index of each line a page
/// break in the text (a top-level [`Block::PageBreak`]) puts on a new page.
fn set_body(
    blocks: &[Block],
    body: &Body,
    setter: &mut Setter,
    figures: &flow::Figures,
) -> anyhow::Result<(Vec<VLine>, Vec<usize>)> {
    let mut lines = Vec::new();
    let mut breaks = Vec::new();
    // Where each run of blocks starts among all the blocks (page breaks count).
    let mut first = 0;
    for (i, run) in blocks.split(|b| *b == Block::PageBreak).enumerate() {
        if i > 0 {
            breaks.push(lines.len());
        }
        let from = lines.len();
        lines.extend(flow::blocks_to_lines_split(run, body, setter, figures)?);
        for v in &mut lines[from..] {
            v.block += first;
        }
        first += run.len() + 1;
    }
    Ok((lines, breaks))
}

/// A note the text never refers to, but another note does (a note on a
/// note: Muse's `{1}`), is set right after the first note that refers to
/// it, so it lands on the same page; else no page would carry it.
fn nest_notes(note_lines: &mut HashMap<u32, Vec<VLine>>, body: &[VLine], notes: &[Note]) {
    let in_text: std::collections::HashSet<u32> = body
        .iter()
        .flat_map(|l| l.line.notes.iter().copied())
        .collect();
    for note in notes {
        let Some(mut lines) = note_lines.remove(&note.number) else {
            continue;
        };
        // The lines grow as notes move in; their own references are followed too.
        let mut k = 0;
        while k < lines.len() {
            for m in lines[k].line.notes.clone() {
                if m != note.number && !in_text.contains(&m) {
                    if let Some(moved) = note_lines.remove(&m) {
                        lines.extend(moved);
                    }
                }
            }
            k += 1;
        }
        note_lines.insert(note.number, lines);
    }
}

/// Links to headings (`#id`) become links to where the heading is set;
/// those to ids no heading has are dropped (their text stays).
fn resolve_links(pages: &mut [Page], anchors: &HashMap<String, (usize, f32)>) {
    for page in pages {
        page.items.retain_mut(|item| match item {
            PageItem::Link { target, .. } => match target {
                LinkTarget::Uri(url) if url.starts_with('#') => {
                    match anchors.get(url.get(1..).unwrap_or_default()) {
                        Some(&(index, y)) => {
                            *target = LinkTarget::Page { index, y };
                            true
                        }
                        None => false,
                    }
                }
                _ => true,
            },
            _ => true,
        });
    }
}

/// The note numbers the blocks and the notes refer to.
fn referenced_notes(blocks: &[Block], notes: &[Note]) -> std::collections::HashSet<u32> {
    let mut out = std::collections::HashSet::new();
    for b in std::iter::once(blocks).chain(notes.iter().map(|n| n.content.as_slice())) {
        crate::document::walk::each_run(b, &mut |_, run| {
            crate::document::walk::each_inline(run, &mut |i| {
                if let Inline::NoteRef(n) = i {
                    out.insert(*n);
                }
            })
        });
    }
    out
}

/// A note's blocks with its number before the first paragraph's text.
fn numbered(note: &Note) -> Vec<Block> {
    let number = Inline::Text(format!("{}.\u{a0}", note.number));
    let mut blocks = note.content.clone();
    match blocks.first_mut() {
        Some(Block::Paragraph(p)) => p.insert(0, number),
        _ => blocks.insert(0, Block::Paragraph(vec![number])),
    }
    blocks
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut
        .rsplit_once(' ')
        .map(|(a, _)| a.to_string())
        .unwrap_or(cut);
    format!("{cut}…")
}
