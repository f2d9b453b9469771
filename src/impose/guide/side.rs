//! One side of a sheet drawn at the guide's scale: its pages, their numbers (upside down where the page is), folds, cuts and staples.

use super::{figures, InkSet, SCALE};
use crate::impose::{Imposed, LineKind, SheetSide};
use crate::raster::{Canvas, Transform};
use crate::typeset::fonts::Style;
use crate::typeset::paragraph::Setter;

pub(super) fn draw_side(
    img: &mut Canvas,
    setter: &mut Setter,
    imposed: &Imposed,
    side: &SheetSide,
    ox: f32,
    oy: f32,
    blank: &str,
) {
    let at = |x: f32, y: f32| (ox + x * SCALE, oy + y * SCALE);
    let (sw, sh) = (
        imposed.sheet.width.0 * SCALE,
        imposed.sheet.height.0 * SCALE,
    );
    img.fill_rect(ox, oy, sw, sh, InkSet::PAPER);
    img.stroke_rect(ox + 0.5, oy + 0.5, sw - 1.0, sh - 1.0, 1.0, InkSet::GREY);
    let (cw, ch) = (imposed.page.width.0 * SCALE, imposed.page.height.0 * SCALE);
    let size = (cw.min(ch) * 0.32).clamp(10.0, 44.0);
    for slot in &side.slots {
        let (x, y) = at(slot.x, slot.y);
        img.fill_rect(
            x,
            y,
            cw,
            ch,
            if slot.page.is_some() {
                InkSet::CELL
            } else {
                InkSet::BLANK
            },
        );
        img.stroke_rect(x + 0.5, y + 0.5, cw - 1.0, ch - 1.0, 1.0, InkSet::GREY);
        let upside_down = slot.rotation == 180;
        // The head bar: a third of the cell wide, at the page's top edge.
        let bar_y = if upside_down { y + ch - 6.0 } else { y + 3.0 };
        img.fill_rect(x + cw / 3.0, bar_y, cw / 3.0, 3.0, InkSet::INK);
        let label = slot
            .page
            .map(|p| (p + 1).to_string())
            .unwrap_or_else(|| blank.to_string());
        let mut run = figures(setter, Style::Regular, size, &label);
        let (cx, cy) = (x + cw / 2.0, y + ch / 2.0);
        run.x = cx - run.width() / 2.0;
        run.y = cy + size * 0.33;
        let turn = if upside_down {
            Transform::from_row(-1.0, 0.0, 0.0, -1.0, 2.0 * cx, 2.0 * cy)
        } else {
            Transform::identity()
        };
        img.run(
            setter.fonts,
            &run,
            turn,
            if slot.page.is_some() {
                InkSet::INK
            } else {
                InkSet::GREY
            },
        );
    }
    for l in &side.lines {
        let (a, b) = (at(l.x1, l.y1), at(l.x2, l.y2));
        match l.kind {
            LineKind::Fold => img.line(a, b, 1.5, InkSet::FOLD, Some(6.0)),
            LineKind::Cut => img.line(a, b, 1.5, InkSet::CUT, None),
            LineKind::Slit => img.line(a, b, 3.0, InkSet::CUT, None),
        }
    }
    for &(x, y) in &side.staples {
        let (x, y) = at(x, y);
        img.fill_rect(x - 1.5, y - 7.0, 3.0, 14.0, InkSet::INK);
    }
}
