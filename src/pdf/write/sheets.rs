//! Imposed sheets with zinepress's own writer: every typeset page drawn
//! straight into its cell of a sheet side (moved there, turned for 180°
//! cells, clipped to the cell), then the marks; one font subset per face and
//! one copy of each image for the whole PDF, one compressor for every stream.
//!
//! The operators are those krilla 0.8 wrote, with the cell's page recorded
//! as a Form XObject, so sheets render to the same pixels (scripts/pixels):
//! the placing transform is the sheet's root transform composed with the
//! cell's, as tiny-skia composes them in `f32`, and the page's drawing under
//! it is the drawing of a Form XObject (no root transform of its own).

use super::content::PageContent;
use super::deflate::Deflater;
use super::{font, images, meta, Refs, COMPACT};
use crate::document::Metadata;
use crate::impose::{Imposed, Mark, Slot};
use crate::typeset::fonts::{FaceId, Fonts, Style};
use crate::typeset::page::{GlyphRun, Typeset};
use anyhow::{anyhow, Result};
use pdf_writer::{Chunk, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

/// A sheet side's content shorter than this is stored, not deflated: a sheet
/// that only places the pages of another PDF and draws its marks is a few
/// hundred bytes, which deflate would shrink by less than its own set-up
/// costs (`zinepress impose`, as krilla had it). Typeset sheets are tens of KB.
const STORED: usize = 2048;

/// A transform without skew (scale and translation), as tiny-skia keeps it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    pub sx: f32,
    pub sy: f32,
    pub tx: f32,
    pub ty: f32,
}

impl Affine {
    const IDENTITY: Affine = Affine {
        sx: 1.0,
        sy: 1.0,
        tx: 0.0,
        ty: 0.0,
    };

    /// `self` then `inner` (tiny-skia's `pre_concat`): identities are
    /// skipped, the rest computed in the same order.
    pub fn pre_concat(self, inner: Affine) -> Affine {
        if self == Affine::IDENTITY {
            return inner;
        }
        if inner == Affine::IDENTITY {
            return self;
        }
        Affine {
            sx: self.sx * inner.sx,
            sy: self.sy * inner.sy,
            tx: self.sx * inner.tx + self.tx,
            ty: self.sy * inner.ty + self.ty,
        }
    }

    /// A point under the transform (tiny-skia's `map_points`).
    pub fn apply(self, x: f32, y: f32) -> (f32, f32) {
        if self == Affine::IDENTITY {
            (x, y)
        } else {
            (x * self.sx + self.tx, y * self.sy + self.ty)
        }
    }

    pub fn translate(tx: f32, ty: f32) -> Affine {
        Affine {
            sx: 1.0,
            sy: 1.0,
            tx,
            ty,
        }
    }

    pub fn scale(sx: f32, sy: f32) -> Affine {
        Affine {
            sx,
            sy,
            tx: 0.0,
            ty: 0.0,
        }
    }

    pub fn matrix(self) -> [f32; 6] {
        [self.sx, 0.0, 0.0, self.sy, self.tx, self.ty]
    }
}

/// Where a cell's page goes on the sheet: moved to the cell plus its creep
/// shift, and turned about the cell's centre when the slot says 180°.
pub fn cell_transform(slot: &Slot, pw: f32, ph: f32) -> Affine {
    let (tx, ty) = (slot.x + slot.shift_x, slot.y);
    if slot.rotation == 180 {
        // Upside down inside its cell: x -> pw - x, y -> ph - y.
        Affine {
            sx: -1.0,
            sy: -1.0,
            tx: tx + pw,
            ty: ty + ph,
        }
    } else {
        Affine {
            sx: 1.0,
            sy: 1.0,
            tx,
            ty,
        }
    }
}

/// The root transform of a page `height` tall: PDF's y up from y down.
pub fn root(height: f32) -> Affine {
    Affine {
        sx: 1.0,
        sy: -1.0,
        tx: 0.0,
        ty: height,
    }
}

/// Writes the typeset pages of `set` imposed as `imposed` says. With `guide`
/// (a folding-guide PNG) the PDF opens with a page showing it.
pub fn write_imposed(
    set: &Typeset,
    imposed: &Imposed,
    meta: &Metadata,
    fonts: &Fonts,
    guide: Option<&[u8]>,
) -> Result<Vec<u8>> {
    let doc = SheetsDoc {
        meta,
        version: (1, 7),
        fonts: Some(fonts),
        guide,
        dated: true,
    };
    let mut out = Chunk::with_settings(COMPACT);
    write_sheets(
        &doc,
        imposed,
        Refs(0),
        &mut out,
        &mut |pc, index, cell, sheet| {
            let Some(page) = set.pages.get(index) else {
                return Ok(());
            };
            // The placing transform krilla gave the page's Form XObject.
            pc.content.save_state();
            pc.content.transform(root(sheet).pre_concat(cell).matrix());
            pc.flip = None;
            let drawn = page.items.iter().try_for_each(|item| pc.draw(item));
            pc.flip = Some(sheet);
            pc.content.restore_state();
            drawn
        },
    )
}

/// What a PDF of sheets says about itself and what it is set in.
pub struct SheetsDoc<'a> {
    /// Title, authors, dates; an empty language is left out.
    pub meta: &'a Metadata,
    /// (major, minor): 1.7, or 2.0 for the pages of a PDF 2.0.
    pub version: (i32, i32),
    /// The fonts of the sheet labels; without them labels are left out.
    pub fonts: Option<&'a Fonts>,
    /// A folding-guide PNG for a first page.
    pub guide: Option<&'a [u8]>,
    /// Whether `meta.modified` is a date to write (the source PDF may have none).
    pub dated: bool,
}

/// Draws page `i` into its cell: `draw(pc, i, cell, sheet height)`, with
/// the cell's clip set and `cell` its transform (see [`cell_transform`]).
pub type DrawCell<'d> = dyn FnMut(&mut PageContent, usize, Affine, f32) -> Result<()> + 'd;

/// Writes the guide page (when given) and one PDF page per sheet side, each
/// cell's page drawn by `draw` under the cell's clip, then the marks; `out`
/// may hold objects already (pages of another PDF) numbered from `refs`.
pub fn write_sheets(
    doc: &SheetsDoc,
    imposed: &Imposed,
    mut refs: Refs,
    out: &mut Chunk,
    draw: &mut DrawCell,
) -> Result<Vec<u8>> {
    let (sw, sh) = (imposed.sheet.width.0, imposed.sheet.height.0);
    let (pw, ph) = (imposed.page.width.0, imposed.page.height.0);
    if !(sw > 0.0 && sh > 0.0 && pw > 0.0 && ph > 0.0) {
        return Err(anyhow!("the layout's sheet or page has no size"));
    }
    let meta = doc.meta;
    let catalog = refs.next();
    let tree = refs.next();
    let guide_page = doc.guide.map(|_| refs.next());
    let side_refs: Vec<Ref> = imposed.sides.iter().map(|_| refs.next()).collect();
    let mut z = Deflater::default();
    let mut subsets = font::Subsets::default();
    let mut images = images::Images::default();
    let media = Rect::new(0.0, 0.0, sw, sh);

    if let (Some(png), Some(page)) = (doc.guide, guide_page) {
        write_guide_page(out, page, tree, png, (sw, sh), &mut refs, &mut z)?;
    }
    for (i, side) in imposed.sides.iter().enumerate() {
        let mut pc = PageContent::new(sh, doc.fonts, &mut subsets, &mut images, &mut refs);
        for slot in &side.slots {
            let Some(index) = slot.page else { continue };
            let cell = cell_transform(slot, pw, ph);
            // The cell, clipped to in sheet space.
            let place = root(sh).pre_concat(cell);
            let corners =
                [(0.0, 0.0), (pw, 0.0), (pw, ph), (0.0, ph)].map(|(x, y)| place.apply(x, y));
            let c = &mut pc.content;
            c.save_state();
            c.move_to(corners[0].0, corners[0].1);
            for (x, y) in &corners[1..] {
                c.line_to(*x, *y);
            }
            c.close_path();
            c.clip_nonzero();
            c.end_path();
            let drawn = draw(&mut pc, index, cell, sh);
            pc.content.restore_state();
            drawn?;
        }
        for mark in &side.marks {
            draw_mark(&mut pc, doc.fonts, mark)?;
        }
        let used_fonts = std::mem::take(&mut pc.used_fonts);
        let used_images = std::mem::take(&mut pc.used_images);
        let forms = std::mem::take(&mut pc.forms);
        let raw = pc.content.finish();
        let contents = refs.next();
        if raw.len() < STORED {
            out.stream(contents, &raw);
        } else {
            out.stream(contents, &z.deflate(&raw))
                .filter(Filter::FlateDecode);
        }
        let mut p = out.page(side_refs[i]);
        p.media_box(media);
        p.trim_box(media);
        p.parent(tree);
        p.contents(contents);
        super::page_resources(
            p.resources(),
            &used_fonts,
            &used_images,
            &forms,
            &subsets,
            &images,
        );
        p.finish();
    }
    let kids: Vec<Ref> = guide_page
        .into_iter()
        .chain(side_refs.iter().copied())
        .collect();
    out.pages(tree)
        .kids(kids.iter().copied())
        .count(kids.len() as i32);

    if let Some(fonts) = doc.fonts {
        for subset in &subsets.list {
            let ids = font::subset_refs(&mut refs);
            font::write_subset(out, subset, fonts.face_of(subset.id), ids, &mut z)?;
        }
    }
    images.write(out, &mut z);

    let xmp = refs.next();
    let info = refs.next();
    let version = format!("{}.{}", doc.version.0, doc.version.1);
    out.metadata(
        xmp,
        meta::xmp_of(meta, kids.len(), false, &version, doc.dated).as_bytes(),
    );
    // The guide page has no number; the sheet sides are numbered from 1.
    let unnumbered = guide_page.map(|_| {
        let id = refs.next();
        out.indirect(id).start::<pdf_writer::writers::PageLabel>();
        id
    });
    let numbered = meta::write_label(out, &mut refs, 1);

    let mut pdf = Pdf::with_settings(COMPACT);
    pdf.set_version(doc.version.0 as u8, doc.version.1 as u8);
    pdf.set_file_id(meta::file_id_of(
        meta,
        &format!("{sw}x{sh} {}", imposed.sides.len()),
    ));
    pdf.extend(out);
    meta::write_info(&mut pdf, info, meta, doc.dated);
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    if !meta.language.is_empty() {
        cat.lang(TextStr(&meta.language));
    }
    cat.metadata(xmp);
    let mut labels = cat.page_labels();
    let mut nums = labels.nums();
    if let Some(unnumbered) = unnumbered {
        nums.insert(0, unnumbered);
    }
    nums.insert(unnumbered.map_or(0, |_| 1), numbered);
    nums.finish();
    labels.finish();
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    Ok(pdf.finish())
}

/// A fold or cut line, or a sheet label ("S 3/9 front") in the family's
/// regular face at 6 pt.
fn draw_mark(pc: &mut PageContent, fonts: Option<&Fonts>, mark: &Mark) -> Result<()> {
    match mark {
        Mark::Line {
            x1,
            y1,
            x2,
            y2,
            dashed,
        } => {
            pc.rule(*x1, *y1, *x2, *y2, 0.4, *dashed);
            Ok(())
        }
        Mark::Label { x, y, text } => {
            let Some(fonts) = fonts else { return Ok(()) };
            pc.run(&GlyphRun {
                x: *x,
                y: *y,
                face: FaceId::primary(Style::Regular),
                size: 6.0,
                glyphs: fonts.shape(Style::Regular, false, text),
                text: text.clone(),
                tag: Default::default(),
                hscale: 1.0,
            })
        }
    }
}

/// A page of the sheet's size showing the folding guide, fitted inside a
/// half-inch margin and centred.
fn write_guide_page(
    out: &mut Chunk,
    page: Ref,
    tree: Ref,
    png: &[u8],
    (sw, sh): (f32, f32),
    refs: &mut Refs,
    z: &mut Deflater,
) -> Result<()> {
    let image = refs.next();
    let (iw, ih) = images::write_png(out, image, png, refs, z)?;
    let margin = 36.0;
    let scale = ((sw - 2.0 * margin) / iw as f32).min((sh - 2.0 * margin) / ih as f32);
    let (w, h) = (iw as f32 * scale, ih as f32 * scale);
    // root · translate · [w 0 0 -h 0 h], composed as krilla did.
    let placed = root(sh).pre_concat(
        Affine {
            sx: 1.0,
            sy: 1.0,
            tx: (sw - w) / 2.0,
            ty: (sh - h) / 2.0,
        }
        .pre_concat(Affine {
            sx: w,
            sy: -h,
            tx: 0.0,
            ty: h,
        }),
    );
    let mut content = pdf_writer::Content::with_settings(COMPACT);
    if w > 0.0 && h > 0.0 {
        content.save_state();
        content.transform(placed.matrix());
        content.x_object(Name(b"x0"));
        content.restore_state();
    }
    let stream = z.deflate(&content.finish());
    let contents = refs.next();
    out.stream(contents, &stream).filter(Filter::FlateDecode);
    let mut p = out.page(page);
    let media = Rect::new(0.0, 0.0, sw, sh);
    p.media_box(media);
    p.trim_box(media);
    p.parent(tree);
    p.contents(contents);
    p.resources().x_objects().pair(Name(b"x0"), image);
    p.finish();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(x: f32, y: f32, rotation: u16, shift_x: f32) -> Slot {
        Slot {
            page: Some(0),
            pos: 0,
            x,
            y,
            rotation,
            shift_x,
        }
    }

    #[test]
    fn cells_are_moved_shifted_and_turned_inside_themselves() {
        let (pw, ph) = (396.0, 612.0);
        let upright = cell_transform(&slot(396.0, 0.0, 0, -1.5), pw, ph);
        assert_eq!(upright.apply(0.0, 0.0), (394.5, 0.0));
        assert_eq!(upright.apply(pw, ph), (394.5 + pw, ph));
        // Turned: the page's top-left corner lands on the cell's bottom-right.
        let turned = cell_transform(&slot(0.0, 100.0, 180, 0.0), pw, ph);
        assert_eq!(turned.apply(0.0, 0.0), (pw, 100.0 + ph));
        assert_eq!(turned.apply(pw, ph), (0.0, 100.0));
    }

    #[test]
    fn placing_a_cell_composes_as_tiny_skia_does() {
        // The sheet's root transform, then a turned cell: the numbers krilla
        // wrote for a minizine's cell (A4 landscape, 841.8898 x 595.2756).
        let sheet = 595.2756_f32;
        let (pw, ph) = (209.76378_f32, 297.6378_f32);
        let placed = root(sheet).pre_concat(cell_transform(&slot(211.1811, 0.0, 180, 0.0), pw, ph));
        assert_eq!(placed.sx, -1.0);
        assert_eq!(placed.sy, 1.0);
        assert_eq!(placed.tx, 211.1811 + pw);
        assert_eq!(placed.ty, -1.0 * ph + sheet);
        // The identity is skipped either side, never multiplied in.
        let t = Affine {
            sx: 2.0,
            sy: 3.0,
            tx: 0.1,
            ty: 0.2,
        };
        assert_eq!(Affine::IDENTITY.pre_concat(t), t);
        assert_eq!(t.pre_concat(Affine::IDENTITY), t);
        assert_eq!(Affine::IDENTITY.apply(-0.0, 1.5), (-0.0, 1.5));
    }
}
