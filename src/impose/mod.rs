//! Imposition: which page goes where on which sheet, as pure arithmetic.
//!
//! [`impose`] maps a sequence of pages onto sheet sides; the PDF writer then
//! places each recorded page as an XObject under the slot's transform.

use crate::layout::ResolvedImposition;
use crate::units::Size;

/// One page cell on a sheet side.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Index into the zine's pages, or `None` for a blank.
    pub page: Option<usize>,
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
    Line { x1: f32, y1: f32, x2: f32, y2: f32, dashed: bool },
    Label { x: f32, y: f32, text: String },
}

/// One side of one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetSide {
    pub slots: Vec<Slot>,
    pub marks: Vec<Mark>,
}

/// The imposed zine: sheet sides in printing order (front, back, front, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Imposed {
    pub sheet: Size,
    pub page: Size,
    pub sides: Vec<SheetSide>,
}

/// Why a zine cannot be imposed with a scheme.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImposeError {
    #[error("{pages} pages do not fit this scheme, which holds at most {max}")]
    TooManyPages { pages: usize, max: usize },
    #[error("pages of {page_w:.0}x{page_h:.0}pt do not fit {across}x{down} on a {sheet_w:.0}x{sheet_h:.0}pt sheet")]
    DoesNotFit { page_w: f32, page_h: f32, sheet_w: f32, sheet_h: f32, across: u32, down: u32 },
}

/// Imposes `pages` pages of size `page` with the layout's imposition.
pub fn impose(pages: usize, page: Size, imp: &ResolvedImposition) -> Result<Imposed, ImposeError> {
    let sheet = imp.sheet.landscape();
    let (pw, ph) = (page.width.0, page.height.0);
    let (sw, sh) = (sheet.width.0, sheet.height.0);
    if pw * 2.0 > sw + 0.5 || ph > sh + 0.5 {
        return Err(ImposeError::DoesNotFit { page_w: pw, page_h: ph, sheet_w: sw, sheet_h: sh, across: 2, down: 1 });
    }
    let padded = pages.div_ceil(4).max(1) * 4;
    let x0 = (sw - 2.0 * pw) / 2.0;
    let y0 = (sh - ph) / 2.0;
    let at = |i: usize| if i < pages { Some(i) } else { None };
    let mut sides = Vec::new();
    for s in 0..padded / 4 {
        let outer_left = padded - 1 - 2 * s;
        let outer_right = 2 * s;
        let inner_left = 2 * s + 1;
        let inner_right = padded - 2 - 2 * s;
        for (l, r) in [(outer_left, outer_right), (inner_left, inner_right)] {
            sides.push(SheetSide {
                slots: vec![
                    Slot { page: at(l), x: x0, y: y0, rotation: 0, shift_x: 0.0 },
                    Slot { page: at(r), x: x0 + pw, y: y0, rotation: 0, shift_x: 0.0 },
                ],
                marks: vec![],
            });
        }
    }
    Ok(Imposed { sheet, page, sides })
}
