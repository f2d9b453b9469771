//! Imposition: which page goes where on which sheet, as pure arithmetic.
//!
//! [`impose`] pads the zine to the scheme's multiple ([`Padding`]), asks the
//! scheme for its sheet sides in *natural* form, then applies the layout's
//! options in this order:
//!
//! 1. Natural form: left binding; every back side drawn as seen after turning
//!    the sheet over about a **vertical** axis (what is behind front column
//!    `c` is back column `across - 1 - c`, same row, upright).
//! 2. `bind = "right"` mirrors every side left-to-right (`mirror_side`).
//! 3. When the printer turns the sheet about a **horizontal** axis (long-edge
//!    duplex on a landscape sheet, short-edge on a portrait one) every back
//!    side is turned 180° (`rotate_side`).
//! 4. Marks (crop, fold, slit, sheet label) are drawn from the final geometry.
//!
//! The schemes: [`saddle`] (folded, nested sheets), [`cutstack`] (N-up, cut
//! and stacked into one saddle booklet) and [`minizine`] (one sheet, 8 or 16
//! pages). [`guide`] draws a folding guide PNG of the result.

pub mod cutstack;
pub mod guide;
pub mod marks;
pub mod minizine;
pub mod saddle;

use crate::layout::{Bind, Duplex, ResolvedImposition, Scheme};
use crate::units::Size;

/// One page cell on a sheet side.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Index into the zine's pages, or `None` for a blank.
    pub page: Option<usize>,
    /// Position in the padded page sequence (0-based): what the cell holds
    /// in the folded booklet, blank or not.
    pub pos: usize,
    /// Top-left corner of the cell on the sheet, in points, y down.
    pub x: f32,
    pub y: f32,
    /// Clockwise rotation of the page inside its cell: 0 or 180.
    pub rotation: u16,
    /// Horizontal shift of the page inside its cell (creep), in points.
    pub shift_x: f32,
}

/// A mark drawn on a sheet side outside (or along) the trim.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        dashed: bool,
    },
    /// Text with its baseline starting at (x, y).
    Label { x: f32, y: f32, text: String },
}

/// What a line on the flat sheet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Fold here.
    Fold,
    /// Cut the sheet apart here (cut-stack pieces).
    Cut,
    /// Cut a slit here without parting the sheet (minizine).
    Slit,
}

/// A fold, cut or slit line on a sheet side, in sheet points, y down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SheetLine {
    pub kind: LineKind,
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
}

/// One side of one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetSide {
    /// The physical sheet, from 0, in printing order.
    pub sheet: usize,
    /// Whether this is the sheet's back (second printed) side.
    pub back: bool,
    pub slots: Vec<Slot>,
    /// Folds, cuts and slits on this side (for the guide; marks derive from them).
    pub lines: Vec<SheetLine>,
    /// Where staples go through this side, in sheet points.
    pub staples: Vec<(f32, f32)>,
    /// Marks to print, from the layout's options.
    pub marks: Vec<Mark>,
}

/// The imposed zine: sheet sides in printing order (front, back, front, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Imposed {
    pub scheme: Scheme,
    /// The sheet as printed (landscape or portrait, as the scheme needs).
    pub sheet: Size,
    pub page: Size,
    /// How to print the backs, or `None` when only one side is printed.
    pub duplex: Option<Duplex>,
    pub bind: Bind,
    /// Pages of the zine, and of the padded sequence.
    pub pages: usize,
    pub padded: usize,
    /// Padded positions (0-based) that are blank.
    pub blanks: Vec<usize>,
    /// Physical sheets to print.
    pub sheets: usize,
    /// Sheets per signature (saddle and cut-stack; the last may hold fewer).
    pub signature: usize,
    pub sides: Vec<SheetSide>,
}

impl Imposed {
    /// Whether any side carries a sheet label (which needs a font to draw).
    pub fn has_labels(&self) -> bool {
        self.sides
            .iter()
            .any(|s| s.marks.iter().any(|m| matches!(m, Mark::Label { .. })))
    }
}

/// Why a zine cannot be imposed with a scheme.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImposeError {
    #[error("{pages} pages do not fit this scheme, which holds at most {max} pages")]
    TooManyPages { pages: usize, max: usize },
    #[error("pages of {page_w:.0}x{page_h:.0}pt do not fit {across}x{down} on a {sheet_w:.0}x{sheet_h:.0}pt sheet")]
    DoesNotFit {
        page_w: f32,
        page_h: f32,
        sheet_w: f32,
        sheet_h: f32,
        across: u32,
        down: u32,
    },
    #[error("cut-stack needs an even number of pages across (each cut piece is a two-page spread), not a grid of {across}x{down}")]
    OddGrid { across: u32, down: u32 },
}

/// How the zine's pages fill the padded sequence.
///
/// Blanks go before the last page when the zine has a back cover (so the
/// back cover stays the outside back; a blank may land inside a cover),
/// otherwise at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Padding {
    pub pages: usize,
    pub padded: usize,
    pub back_cover: bool,
}

impl Padding {
    /// Pads `pages` up to a multiple of `multiple` (at least one multiple).
    pub fn new(pages: usize, multiple: usize, back_cover: bool) -> Padding {
        let multiple = multiple.max(1);
        Padding {
            pages,
            padded: pages.div_ceil(multiple).max(1) * multiple,
            back_cover,
        }
    }

    /// The zine page at padded position `pos`, or `None` for a blank.
    pub fn page_at(&self, pos: usize) -> Option<usize> {
        let keep_last = self.back_cover && self.pages >= 2;
        if keep_last && pos + 1 == self.padded {
            return Some(self.pages - 1);
        }
        let body = if keep_last {
            self.pages - 1
        } else {
            self.pages
        };
        (pos < body).then_some(pos)
    }

    pub fn blanks(&self) -> Vec<usize> {
        (0..self.padded)
            .filter(|&p| self.page_at(p).is_none())
            .collect()
    }

    /// A slot for padded position `pos`.
    fn slot(&self, pos: usize, x: f32, y: f32, rotation: u16, shift_x: f32) -> Slot {
        Slot {
            page: self.page_at(pos),
            pos,
            x,
            y,
            rotation,
            shift_x,
        }
    }
}

/// Imposes `pages` pages of size `page` with the layout's imposition;
/// `has_back_cover` keeps the last page as the outside back cover.
pub fn impose(
    pages: usize,
    page: Size,
    imp: &ResolvedImposition,
    has_back_cover: bool,
) -> Result<Imposed, ImposeError> {
    let (multiple, max) = match imp.scheme {
        Scheme::Saddle | Scheme::CutStack => (4, None),
        Scheme::Minizine => (
            imp.minizine_pages as usize,
            Some(imp.minizine_pages as usize),
        ),
    };
    if let Some(max) = max.filter(|&m| pages > m) {
        return Err(ImposeError::TooManyPages { pages, max });
    }
    let pad = Padding::new(pages, multiple, has_back_cover);
    let thickness = imp.paper_thickness.0;
    let plan = match imp.scheme {
        Scheme::Saddle => saddle::sides(&pad, page, imp.sheet, imp.signature as usize, thickness)?,
        Scheme::CutStack => cutstack::sides(
            &pad,
            page,
            imp.sheet,
            imp.grid,
            imp.signature as usize,
            thickness,
        )?,
        Scheme::Minizine => minizine::sides(&pad, page, imp.sheet)?,
    };
    let Plan {
        sheet,
        mut sides,
        two_sided,
        block,
        signature,
    } = plan;
    let (sw, sh) = (sheet.width.0, sheet.height.0);
    let (pw, ph) = (page.width.0, page.height.0);
    if imp.bind == Bind::Right {
        sides.iter_mut().for_each(|s| mirror_side(s, sw, pw));
    }
    let duplex = two_sided.then_some(imp.duplex);
    if duplex.is_some_and(|d| turns_on_horizontal_axis(sheet, d)) {
        sides
            .iter_mut()
            .filter(|s| s.back)
            .for_each(|s| rotate_side(s, sw, sh, pw, ph));
    }
    let sheets = sides.iter().map(|s| s.sheet + 1).max().unwrap_or(0);
    let opts = marks::MarkOptions {
        crop: imp.crop_marks,
        fold: imp.fold_marks,
        label: imp.sheet_labels,
    };
    for side in &mut sides {
        let label = side_label(side.sheet, sheets, side.back);
        side.marks = marks::side_marks(side, sheet, block, opts, &label);
    }
    Ok(Imposed {
        scheme: imp.scheme,
        sheet,
        page,
        duplex,
        bind: imp.bind,
        pages,
        padded: pad.padded,
        blanks: pad.blanks(),
        sheets,
        signature,
        sides,
    })
}

/// What a scheme returns: sides in natural form (see the module comment).
struct Plan {
    sheet: Size,
    sides: Vec<SheetSide>,
    two_sided: bool,
    /// The block of cells: x, y, width, height.
    block: [f32; 4],
    signature: usize,
}

/// The block of `across` × `down` cells centred on the sheet: x, y, w, h.
fn centred_block(sheet: Size, page: Size, across: u32, down: u32) -> [f32; 4] {
    let (w, h) = (page.width.0 * across as f32, page.height.0 * down as f32);
    [(sheet.width.0 - w) / 2.0, (sheet.height.0 - h) / 2.0, w, h]
}

/// Whether `across` × `down` pages fit on the sheet (with half a point to spare).
fn fits(sheet: Size, page: Size, across: u32, down: u32) -> bool {
    page.width.0 * across as f32 <= sheet.width.0 + 0.5
        && page.height.0 * down as f32 <= sheet.height.0 + 0.5
}

fn does_not_fit(sheet: Size, page: Size, across: u32, down: u32) -> ImposeError {
    ImposeError::DoesNotFit {
        page_w: page.width.0,
        page_h: page.height.0,
        sheet_w: sheet.width.0,
        sheet_h: sheet.height.0,
        across,
        down,
    }
}

/// Whether the printer turns the sheet over about its horizontal axis: long
/// edge on a landscape sheet, short edge on a portrait one. Backs in natural
/// form assume the vertical axis, so these need turning 180°.
pub fn turns_on_horizontal_axis(sheet: Size, duplex: Duplex) -> bool {
    let landscape = sheet.width.0 >= sheet.height.0;
    landscape == (duplex == Duplex::LongEdge)
}

/// Mirrors a side left-to-right (right-to-left binding).
fn mirror_side(side: &mut SheetSide, sw: f32, pw: f32) {
    for s in &mut side.slots {
        s.x = sw - s.x - pw;
        s.shift_x = -s.shift_x;
    }
    for l in &mut side.lines {
        (l.x1, l.x2) = (sw - l.x1, sw - l.x2);
    }
    for p in &mut side.staples {
        p.0 = sw - p.0;
    }
}

/// Turns a whole side 180° about the sheet's centre.
fn rotate_side(side: &mut SheetSide, sw: f32, sh: f32, pw: f32, ph: f32) {
    for s in &mut side.slots {
        s.x = sw - s.x - pw;
        s.y = sh - s.y - ph;
        s.rotation = (s.rotation + 180) % 360;
        s.shift_x = -s.shift_x;
    }
    for l in &mut side.lines {
        (l.x1, l.y1, l.x2, l.y2) = (sw - l.x1, sh - l.y1, sw - l.x2, sh - l.y2);
    }
    for p in &mut side.staples {
        *p = (sw - p.0, sh - p.1);
    }
}

/// "S 3/9 front": sheet 3 of 9, front side.
pub fn side_label(sheet: usize, sheets: usize, back: bool) -> String {
    format!(
        "S {}/{} {}",
        sheet + 1,
        sheets,
        if back { "back" } else { "front" }
    )
}

#[cfg(test)]
mod tests;
