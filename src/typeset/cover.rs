//! The front and back covers (the first and last pages) and figure sizes.
//!
//! Front: `full-bleed` (the image fills the page, the title in a white box
//! over it), `framed` (the image above, the title set below) or `type-only`
//! (a pattern of the title's letters above the title). Back: a blurb, then
//! the colophon lines. Images are made here at the size they are placed.

use super::flow::{Body, Figures};
use super::fonts::Style;
use super::page::{Elem, Furniture, Page, PageItem, PageKind, PlacedImage, Role, Tag};
use super::paragraph::{Align, ParaStyle, Setter, TextStyle};
use super::{centred, place_line, Frame};
use crate::cover::process::{crop_to_aspect, for_print, Crop};
use crate::cover::{self, Assets, CoverDesign, Picture};
use crate::document::{Document, Inline};
use crate::lang::fill;
use crate::layout::Layout;
use anyhow::Result;

/// Words of the back-cover blurb at most.
const BLURB_WORDS: usize = 90;
/// Figures are not enlarged below this resolution (pixels per inch).
const MIN_FIGURE_PPI: f32 = 100.0;

/// The design used: the zine's, else the layout's; type-only without an image.
pub fn design(assets: &Assets, layout: &Layout) -> CoverDesign {
    match (&assets.cover, assets.design.unwrap_or(layout.cover)) {
        (None, _) => CoverDesign::TypeOnly,
        (Some(_), d) => d,
    }
}

/// The front cover: page 1.
pub(super) fn front_cover(
    doc: &Document,
    frame: &Frame,
    body: &Body,
    setter: &mut Setter,
    layout: &Layout,
    assets: &Assets,
) -> Result<Page> {
    let mut items = Vec::new();
    match (design(assets, layout), assets.cover.as_deref()) {
        (CoverDesign::FullBleed, Some(pic)) => {
            full_bleed(&mut items, doc, frame, body, setter, layout, pic)?
        }
        (CoverDesign::Framed, Some(pic)) => {
            framed(&mut items, doc, frame, body, setter, layout, pic)?
        }
        _ => type_only(&mut items, doc, frame, body, setter),
    }
    Ok(Page {
        width: frame.width,
        height: frame.height,
        items,
        folio: None,
        kind: PageKind::Title,
    })
}

/// Title, subtitle, a short rule and the authors, centred on `measure` from
/// `left`, starting at `y`; returns the y below the last line.
#[allow(clippy::too_many_arguments)]
fn title_block(
    items: &mut Vec<PageItem>,
    doc: &Document,
    frame: &Frame,
    s: f32,
    setter: &mut Setter,
    left: f32,
    measure: f32,
    mut y: f32,
) -> f32 {
    y = centred(
        items,
        setter,
        &doc.meta.title,
        Role::Heading(1, doc.meta.title.clone()),
        TextStyle::new(Style::Bold, s * 2.1),
        s * 2.5,
        frame,
        left,
        measure,
        y,
    );
    if let Some(sub) = &doc.meta.subtitle {
        y += s * 0.8;
        y = centred(
            items,
            setter,
            sub,
            Role::Paragraph,
            TextStyle::new(Style::Italic, s * 1.3),
            s * 1.65,
            frame,
            left,
            measure,
            y,
        );
    }
    y += s * 1.6;
    let mid = left + measure / 2.0;
    items.push(PageItem::Rule {
        x1: mid - s * 2.0,
        y1: y,
        x2: mid + s * 2.0,
        y2: y,
        width: 0.6,
    });
    y += s * 1.0;
    if !doc.meta.authors.is_empty() {
        y = centred(
            items,
            setter,
            &doc.meta.authors.join(", "),
            Role::Paragraph,
            TextStyle::new(Style::Regular, s * 1.2),
            s * 1.6,
            frame,
            left,
            measure,
            y,
        );
    }
    y + s * 0.5
}

/// The height `title_block` takes.
fn title_height(doc: &Document, frame: &Frame, s: f32, setter: &mut Setter, measure: f32) -> f32 {
    title_block(&mut Vec::new(), doc, frame, s, setter, 0.0, measure, 0.0)
}

/// Makes the print pixels of `crop` placed at `w`×`h` points.
fn image_item(
    pic: &Picture,
    crop: Crop,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    layout: &Layout,
) -> Result<PageItem> {
    let image = for_print(pic, crop, w, h, layout.dpi, layout.print)?;
    Ok(PageItem::Image {
        x,
        y,
        width: w,
        height: h,
        image,
        // The cover picture is the zine's face, not its text: the EPUB gives its alt text.
        tag: Tag::Artifact(Furniture::Layout),
    })
}

fn full_bleed(
    items: &mut Vec<PageItem>,
    doc: &Document,
    frame: &Frame,
    body: &Body,
    setter: &mut Setter,
    layout: &Layout,
    pic: &Picture,
) -> Result<()> {
    let crop = full_bleed_crop(pic, frame);
    items.push(image_item(
        pic,
        crop,
        0.0,
        0.0,
        frame.width,
        frame.height,
        layout,
    )?);
    // The box sits at the foot of the text area, inside the margins.
    let s = body.size;
    let pad = s * 1.2;
    let left = frame.left(0);
    let inner = body.measure - 2.0 * pad;
    let height = title_height(doc, frame, s, setter, inner) + pad;
    let top = frame.top + frame.text_height - height - pad;
    items.push(PageItem::Rect {
        x: left,
        y: top,
        width: body.measure,
        height: height + pad,
        fill: Some(1.0),
        stroke: Some(0.8),
    });
    title_block(
        items,
        doc,
        frame,
        s,
        setter,
        left + pad,
        inner,
        top + pad * 0.5,
    );
    Ok(())
}

fn framed(
    items: &mut Vec<PageItem>,
    doc: &Document,
    frame: &Frame,
    body: &Body,
    setter: &mut Setter,
    layout: &Layout,
    pic: &Picture,
) -> Result<()> {
    let s = body.size;
    let left = frame.left(0);
    let (text_h, gap, crop, w, h) = framed_place(doc, frame, body, setter, pic);
    let x = left + (body.measure - w) / 2.0;
    items.push(image_item(pic, crop, x, frame.top, w, h, layout)?);
    items.push(PageItem::Rect {
        x,
        y: frame.top,
        width: w,
        height: h,
        fill: None,
        stroke: Some(0.5),
    });
    // The title block takes the space left below the image, a little above its middle.
    let room = frame.top + frame.text_height - (frame.top + h + gap);
    let y = frame.top + h + gap + ((room - text_h) * 0.35).max(0.0);
    title_block(items, doc, frame, s, setter, left, body.measure, y);
    Ok(())
}

/// The part of `pic` a full-bleed cover shows: cropped to the page's shape.
fn full_bleed_crop(pic: &Picture, frame: &Frame) -> Crop {
    let (pw, ph) = pic.dimensions();
    crop_to_aspect(pw, ph, frame.width / frame.height)
}

/// Where a framed cover's title and image go: the title block's height, the
/// gap above it, the image's crop and its placed width and height.
fn framed_place(
    doc: &Document,
    frame: &Frame,
    body: &Body,
    setter: &mut Setter,
    pic: &Picture,
) -> (f32, f32, Crop, f32, f32) {
    let s = body.size;
    let text_h = title_height(doc, frame, s, setter, body.measure);
    let gap = s * 1.5;
    let box_h = (frame.text_height - text_h - gap).max(frame.text_height * 0.3);
    let (pw, ph) = pic.dimensions();
    let (crop, w, h) = frame_fit(pw, ph, body.measure, box_h);
    (text_h, gap, crop, w, h)
}

/// How a `pw`×`ph` image goes into a `bw`×`bh` box: cropped to fill it when the
/// shapes are close (within a quarter), else whole and as large as fits.
/// Returns the crop and the placed size.
pub fn frame_fit(pw: u32, ph: u32, bw: f32, bh: f32) -> (Crop, f32, f32) {
    let own = pw as f32 / ph as f32;
    let target = bw / bh;
    if (own / target).ln().abs() < 1.25f32.ln() {
        return (crop_to_aspect(pw, ph, target), bw, bh);
    }
    let whole = Crop {
        x: 0,
        y: 0,
        width: pw,
        height: ph,
    };
    if own > target {
        (whole, bw, bw / own)
    } else {
        (whole, bh * own, bh)
    }
}

/// A pattern of the title's letters (rows shifted by one, so equal letters
/// run in diagonals; the first word's letters bold), a heavy rule, the title.
fn type_only(
    items: &mut Vec<PageItem>,
    doc: &Document,
    frame: &Frame,
    body: &Body,
    setter: &mut Setter,
) {
    let s = body.size;
    let left = frame.left(0);
    let text_h = title_height(doc, frame, s, setter, body.measure);
    let band = (frame.text_height - text_h - s * 3.0).clamp(0.0, frame.text_height * 0.5);
    let letters = pattern_letters(&doc.meta.title);
    let (size, cell, row_h) = (s * 1.05, s * 1.45, s * 1.5);
    let cols = (body.measure / cell).floor() as usize;
    let rows = (band / row_h).floor() as usize;
    if letters_stand_alone(&doc.meta.title) {
        if !letters.is_empty() && cols >= 4 && rows >= 2 {
            let x0 = left + (body.measure - cols as f32 * cell) / 2.0;
            for r in 0..rows {
                let baseline = frame.top + row_h * (r as f32 + 0.8);
                for c in 0..cols {
                    let (ch, bold) = letters[(c + r) % letters.len()];
                    let style = if bold { Style::Bold } else { Style::Regular };
                    let mut run = setter.line(TextStyle::new(style, size), &ch.to_string());
                    run.x = x0 + c as f32 * cell + (cell - run.width()) / 2.0;
                    run.y = baseline;
                    run.tag = Tag::Artifact(Furniture::Layout);
                    items.push(PageItem::Glyphs(run));
                }
            }
        }
    } else if rows >= 2 && !doc.meta.title.trim().is_empty() {
        // Letters that join or combine (Arabic, Indic scripts) or read right
        // to left: rows of whole words, each row starting one word on.
        let words: Vec<&str> = doc.meta.title.split_whitespace().collect();
        for r in 0..rows {
            let style = if r % 2 == 0 {
                Style::Bold
            } else {
                Style::Regular
            };
            let row = pattern_row(&words, r, body.measure, |text| {
                setter.line_set(TextStyle::new(style, size), text).width
            });
            let line = setter.line_set(TextStyle::new(style, size), &row);
            place_line(
                items,
                &line,
                left + (body.measure - line.width) / 2.0,
                frame.top + row_h * (r as f32 + 0.8),
            );
        }
    }
    let rule_y = frame.top + rows as f32 * row_h + s * 1.0;
    items.push(PageItem::Rule {
        x1: left,
        y1: rule_y,
        x2: left + body.measure,
        y2: rule_y,
        width: 1.6,
    });
    let room = frame.top + frame.text_height - rule_y;
    let y = rule_y + ((room - text_h) * 0.3).max(s);
    let end = title_block(items, doc, frame, s, setter, left, body.measure, y);
    let foot = (frame.top + frame.text_height).max(end + s);
    items.push(PageItem::Rule {
        x1: left,
        y1: foot,
        x2: left + body.measure,
        y2: foot,
        width: 0.6,
    });
}

/// Whether the title's letters can each be set alone in a cell of the
/// pattern, left to right: alphabets and ideographs whose letters keep their
/// shape alone (not Arabic's joining letters nor an Indic script's conjuncts),
/// written left to right.
pub fn letters_stand_alone(title: &str) -> bool {
    use unicode_script::{Script, UnicodeScript};
    title.chars().filter(|c| c.is_alphanumeric()).all(|c| {
        matches!(
            c.script(),
            Script::Latin
                | Script::Greek
                | Script::Cyrillic
                | Script::Armenian
                | Script::Georgian
                | Script::Han
                | Script::Hiragana
                | Script::Katakana
                | Script::Hangul
                | Script::Bopomofo
                | Script::Common
                | Script::Inherited
        )
    })
}

/// Row `r` of a word pattern: the title's words from word `r` on, round and
/// round, as many as fit in `measure` (`width` measures a text); at least one.
pub fn pattern_row(
    words: &[&str],
    r: usize,
    measure: f32,
    mut width: impl FnMut(&str) -> f32,
) -> String {
    let mut row = String::new();
    for k in 0..words.len().max(1) * 8 {
        let Some(word) = words.get((r + k) % words.len().max(1)) else {
            break;
        };
        let next = if row.is_empty() {
            word.to_string()
        } else {
            format!("{row} {word}")
        };
        if !row.is_empty() && width(&next) > measure {
            break;
        }
        row = next;
    }
    row
}

/// The title's letters in capitals, without spaces or punctuation; letters of
/// the first word are marked (set bold).
pub fn pattern_letters(title: &str) -> Vec<(char, bool)> {
    let mut out = Vec::new();
    for (i, word) in title.split_whitespace().enumerate() {
        for c in word
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
        {
            out.push((c, i == 0));
        }
    }
    out
}

/// The back cover: the last page, with a blurb above the colophon lines.
pub(super) fn back_cover(
    doc: &Document,
    frame: &Frame,
    body: &Body,
    setter: &mut Setter,
    index: usize,
    assets: &Assets,
) -> Page {
    let mut items = Vec::new();
    let left = frame.left(index);
    let s = body.size * 0.85;
    let ts = TextStyle::new(Style::Regular, s);
    let w = setter.locale.words.clone();
    let mut lines: Vec<(String, Style)> = vec![(doc.meta.title.clone(), Style::Italic)];
    if !doc.meta.authors.is_empty() {
        lines.push((
            fill(
                &w.by,
                &[("authors", &doc.meta.authors.join(&w.list_separator))],
            ),
            Style::Regular,
        ));
    }
    if let Some(r) = &doc.meta.rights {
        lines.push((r.clone(), Style::Regular));
    }
    if let Some(src) = &doc.meta.source {
        lines.push((fill(&w.source, &[("source", src)]), Style::Regular));
    }
    // The faces are named once the rest of the book is set (below).
    lines.push((String::new(), Style::Regular));
    let colophon_top = frame.top + frame.text_height - lines.len() as f32 * s * 1.5;

    // The blurb, centred in the upper part: as many words as fit above the colophon.
    let size = body.size * 1.05;
    let leading = body.leading * 1.12;
    let ps = ParaStyle::unhyphenated(body.measure * 0.92, Align::Center);
    let top = frame.top + frame.text_height * 0.1;
    let room = colophon_top - top - leading * 3.0;
    let mut words = BLURB_WORDS;
    while words >= 12 {
        let Some(text) = cover::blurb(doc, assets.blurb.as_deref(), words) else {
            break;
        };
        let set = setter.set(
            &[Inline::Text(text)],
            TextStyle::new(Style::Italic, size),
            &ps,
        );
        if set.len() as f32 * leading <= room || words < 18 {
            let mut y = top;
            let blurb = Elem::new(Role::Paragraph);
            for line in set.iter().take((room / leading).max(0.0) as usize) {
                y += leading;
                let mut line = line.clone();
                for run in &mut line.runs {
                    run.tag.within(&blurb);
                }
                place_line(&mut items, &line, left + body.measure * 0.04, y);
            }
            y += leading * 1.3;
            let mid = left + body.measure / 2.0;
            items.push(PageItem::Rule {
                x1: mid - s * 2.0,
                y1: y,
                x2: mid + s * 2.0,
                y2: y,
                width: 0.6,
            });
            break;
        }
        words = words * 2 / 3;
    }

    // Every family the book is set in, the book's own first.
    let fonts_used = setter.families_used();
    let names: Vec<String> = fonts_used
        .iter()
        .map(|f| setter.fonts.family_name(*f))
        .collect();
    if let Some(last) = lines.last_mut() {
        last.0 = fill(
            &w.printed_with,
            &[("fonts", &setter.locale.join_names(&names))],
        );
    }
    let mut y = colophon_top;
    for (text, style) in lines {
        y = centred(
            &mut items,
            setter,
            &text,
            Role::Paragraph,
            TextStyle { style, ..ts },
            s * 1.4,
            frame,
            left,
            body.measure,
            y,
        );
    }
    Page {
        width: frame.width,
        height: frame.height,
        items,
        folio: None,
        kind: PageKind::Colophon,
    }
}

/// The size a `pw`×`ph` figure takes: the measure's width, shorter when that
/// would make it taller than `max_h` or enlarge it below 100 ppi.
pub fn figure_size(pw: u32, ph: u32, measure: f32, max_h: f32) -> (f32, f32) {
    let aspect = pw as f32 / ph as f32;
    let natural = pw as f32 / MIN_FIGURE_PPI * 72.0;
    let mut w = measure.min(natural);
    if w / aspect > max_h {
        w = max_h * aspect;
    }
    (w, w / aspect)
}

/// Every figure made at its placed size for this layout.
pub(super) fn figures(
    assets: &Assets,
    layout: &Layout,
    body: &Body,
    frame: &Frame,
) -> Result<Figures> {
    let mut out = Figures::new();
    for (src, pic) in &assets.figures {
        let (pw, ph) = pic.dimensions();
        let (w, h) = figure_size(pw, ph, body.measure, frame.text_height * 0.6);
        let image = for_print(
            pic,
            Crop {
                x: 0,
                y: 0,
                width: pw,
                height: ph,
            },
            w,
            h,
            layout.dpi,
            layout.print,
        )?;
        out.insert(
            src.clone(),
            PlacedImage {
                width: w,
                height: h,
                image,
                tag: Tag::default(),
            },
        );
    }
    Ok(out)
}

mod prints;
pub(super) use prints::pixel_prints;

#[cfg(test)]
mod tests;
