//! The folding guide: a picture of each sheet side at its true proportions
//! with its page numbers, folds, cuts, slits and staples, and numbered
//! instructions for printing, folding, cutting and binding.
//!
//! Drawn by [`crate::raster`] in the zine's fonts (page numbers in its
//! regular face, instructions in sentence case, from [`words`]), with step
//! drawings for the minizine ([`steps`]), and written as a 4-bit palette PNG:
//! a flat drawing needs no more than sixteen colours. Page numbers are
//! 1-based zine pages; `B` marks a blank. Upside-down pages have their
//! number turned upside down, and every cell has a bar at the page's head.

mod steps;
pub mod words;

use super::{Imposed, LineKind, SheetSide};
use crate::layout::{Bind, Duplex, Scheme};
use crate::raster::{encode, shape, shape_lining, Canvas, Rgb, Transform};
use crate::typeset::fonts::{Fonts, Style};
use crate::units::{parse_paper, Size};
use anyhow::Result;
use words::{fill, Words};

/// Pixels per point of the sheet.
pub const SCALE: f32 = 0.5;
/// Outer margin and the gap between parts, in pixels.
const MARGIN: f32 = 28.0;
const GAP: f32 = 20.0;
/// Sheets drawn at most: the first two show how the pages run and nest
/// (each more is a row of pixels to draw and compress in every build).
pub const MAX_SHEETS: usize = 2;
/// The text column is at least this wide, in pixels.
const MIN_TEXT_W: f32 = 600.0;
/// Type sizes and line heights, in pixels.
const TITLE: (f32, f32) = (26.0, 36.0);
const BODY: (f32, f32) = (16.0, 23.0);
const CAPTION: (f32, f32) = (14.0, 20.0);
/// The indent of a numbered step's text.
const STEP_INDENT: f32 = 26.0;

/// The guide's colours: the flat ones, then the in-between shades that
/// anti-aliased edges fall into.
struct InkSet;

impl InkSet {
    const WHITE: Rgb = [255, 255, 255];
    const PAPER: Rgb = [250, 250, 247];
    const CELL: Rgb = [228, 232, 240];
    const BLANK: Rgb = [242, 242, 242];
    const GREY: Rgb = [130, 130, 130];
    const INK: Rgb = [20, 20, 20];
    const FOLD: Rgb = [0, 90, 200];
    const CUT: Rgb = [210, 30, 30];
    const FAINT: Rgb = [200, 200, 200];
}

const PALETTE: [Rgb; 16] = [
    InkSet::WHITE,
    InkSet::PAPER,
    InkSet::CELL,
    InkSet::BLANK,
    InkSet::GREY,
    InkSet::INK,
    InkSet::FOLD,
    InkSet::CUT,
    InkSet::FAINT,
    [50, 50, 52],
    [80, 80, 84],
    [105, 106, 110],
    [160, 162, 166],
    [180, 182, 186],
    [150, 185, 228],
    [232, 150, 150],
];

/// The guide as PNG bytes, drawn in `fonts`.
pub fn guide_png(imposed: &Imposed, layout_name: &str, fonts: &Fonts) -> Result<Vec<u8>> {
    encode::palette_png(&render(imposed, layout_name, fonts)?, &PALETTE)
}

/// A line of text placed in the guide.
struct Line {
    style: Style,
    size: f32,
    x: f32,
    /// The baseline.
    y: f32,
    text: String,
}

/// Where everything goes, in pixels.
struct Plan {
    width: f32,
    height: f32,
    lines: Vec<Line>,
    drawings: Vec<steps::Drawing>,
    drawings_y: f32,
    legend_y: f32,
    sheets_y: f32,
    side_w: f32,
    side_h: f32,
    cols: usize,
    rows: usize,
}

fn plan(imposed: &Imposed, layout_name: &str, fonts: &Fonts, w: &Words) -> Plan {
    let (side_w, side_h) = (
        imposed.sheet.width.0 * SCALE,
        imposed.sheet.height.0 * SCALE,
    );
    let cols = if imposed.duplex.is_some() { 2 } else { 1 };
    let rows = imposed.sheets.clamp(1, MAX_SHEETS);
    let grid_w = cols as f32 * side_w + (cols as f32 - 1.0) * GAP;
    let text_w = grid_w.max(MIN_TEXT_W);
    let text = instructions(imposed, layout_name, w);
    let mut lines = Vec::new();
    let mut y = MARGIN;
    let put = |lines: &mut Vec<Line>,
               style,
               (size, leading): (f32, f32),
               x: f32,
               width: f32,
               text: &str,
               y: &mut f32| {
        for part in wrap(fonts, style, size, text, width) {
            *y += leading;
            lines.push(Line {
                style,
                size,
                x,
                y: *y - leading * 0.28,
                text: part,
            });
        }
    };
    put(
        &mut lines,
        Style::Bold,
        TITLE,
        MARGIN,
        text_w,
        &text.title,
        &mut y,
    );
    for s in &text.summary {
        put(&mut lines, Style::Italic, BODY, MARGIN, text_w, s, &mut y);
    }
    y += 8.0;
    for (i, step) in text.steps.iter().enumerate() {
        let number_y = y + BODY.1 - BODY.1 * 0.28;
        lines.push(Line {
            style: Style::Bold,
            size: BODY.0,
            x: MARGIN,
            y: number_y,
            text: format!("{}.", i + 1),
        });
        put(
            &mut lines,
            Style::Regular,
            BODY,
            MARGIN + STEP_INDENT,
            text_w - STEP_INDENT,
            step,
            &mut y,
        );
        y += 3.0;
    }
    if let Some(note) = &text.note {
        put(
            &mut lines,
            Style::Italic,
            BODY,
            MARGIN,
            text_w,
            note,
            &mut y,
        );
    }
    y += GAP;
    let drawings = steps::drawings(imposed, 2, w.blank_mark);
    let drawings_y = y;
    let h = steps::height(imposed, &drawings, text_w);
    if h > 0.0 {
        y += h + GAP;
    }
    let legend_y = y;
    y += BODY.1 + GAP;
    let sheets_y = y;
    y += rows as f32 * (side_h + CAPTION.1 + 8.0 + GAP) - GAP;
    Plan {
        width: (text_w + 2.0 * MARGIN).ceil(),
        height: (y + MARGIN).ceil(),
        lines,
        drawings,
        drawings_y,
        legend_y,
        sheets_y,
        side_w,
        side_h,
        cols,
        rows,
    }
}

/// The guide's size in pixels: (width, height).
pub fn guide_size(imposed: &Imposed, layout_name: &str, fonts: &Fonts) -> (u32, u32) {
    let p = plan(imposed, layout_name, fonts, &words::english());
    (p.width as u32, p.height as u32)
}

/// Draws the guide.
fn render(imposed: &Imposed, layout_name: &str, fonts: &Fonts) -> Result<Canvas> {
    let w = words::english();
    let p = plan(imposed, layout_name, fonts, &w);
    let mut img = Canvas::new(p.width as u32, p.height as u32, InkSet::WHITE)?;
    for l in &p.lines {
        let run = crate::typeset::page::GlyphRun {
            x: l.x,
            y: l.y,
            ..shape(fonts, l.style, l.size, &l.text)
        };
        img.run(fonts, &run, Transform::identity(), InkSet::INK);
    }
    steps::draw(
        &mut img,
        fonts,
        imposed,
        &p.drawings,
        MARGIN,
        p.drawings_y,
        p.width - 2.0 * MARGIN,
    );
    legend(&mut img, fonts, imposed, &w, MARGIN, p.legend_y);
    let mut y = p.sheets_y;
    for row in 0..p.rows {
        for col in 0..p.cols {
            let Some(side) = imposed
                .sides
                .iter()
                .find(|s| s.sheet == row && s.back == (col == 1))
            else {
                continue;
            };
            let x = MARGIN + col as f32 * (p.side_w + GAP);
            draw_side(&mut img, fonts, imposed, side, x, y, &w);
            let template = if side.back {
                w.sheet_back
            } else {
                w.sheet_front
            };
            let caption = fill(template, &[("n", &(side.sheet + 1).to_string())]);
            let run = crate::typeset::page::GlyphRun {
                x,
                y: y + p.side_h + CAPTION.1,
                ..shape(fonts, Style::Italic, CAPTION.0, &caption)
            };
            img.run(fonts, &run, Transform::identity(), InkSet::INK);
        }
        y += p.side_h + CAPTION.1 + 8.0 + GAP;
    }
    Ok(img)
}

/// The guide's words for one imposition.
#[derive(Debug, Clone, PartialEq)]
pub struct Instructions {
    pub title: String,
    /// What the zine is and where its blanks are.
    pub summary: Vec<String>,
    /// Numbered steps: print first, then fold, cut, staple.
    pub steps: Vec<String>,
    /// Which sheets are shown, when not all are.
    pub note: Option<String>,
}

/// The text of the guide: what it is, how to print, how to fold.
pub fn instructions(imposed: &Imposed, layout_name: &str, w: &Words) -> Instructions {
    let count = |n: usize, one: &str, many: &str| {
        fill(if n == 1 { one } else { many }, &[("n", &n.to_string())])
    };
    let scheme = match imposed.scheme {
        Scheme::Saddle => w.saddle,
        Scheme::CutStack => w.cut_stack,
        Scheme::Minizine => w.minizine,
    };
    let scheme = format!(
        "{scheme}{}",
        if imposed.bind == Bind::Right {
            w.bound_right
        } else {
            ""
        }
    );
    let mut summary = vec![fill(
        w.summary,
        &[
            ("scheme", &scheme),
            ("pages", &count(imposed.pages, w.pages_one, w.pages_many)),
            (
                "sheets",
                &count(imposed.sheets, w.sheets_one, w.sheets_many),
            ),
        ],
    )];
    if !imposed.blanks.is_empty() {
        let list: Vec<String> = imposed.blanks.iter().map(|b| (b + 1).to_string()).collect();
        summary.push(fill(
            w.blanks,
            &[
                ("list", &list.join(", ")),
                ("total", &imposed.padded.to_string()),
            ],
        ));
    }
    let orientation = if imposed.sheet.width.0 >= imposed.sheet.height.0 {
        w.landscape
    } else {
        w.portrait
    };
    let sides = match imposed.duplex {
        None => w.one_side,
        Some(Duplex::ShortEdge) => w.short_edge,
        Some(Duplex::LongEdge) => w.long_edge,
    };
    let mut steps = vec![fill(
        w.print,
        &[
            ("paper", &paper_name(imposed.sheet)),
            ("orientation", orientation),
            ("sides", sides),
        ],
    )];
    let sig = imposed.signature;
    let signatures = (imposed.sheets > 0 && sig < imposed.padded / 4)
        .then(|| fill(w.signatures, &[("n", &sig.to_string())]));
    match imposed.scheme {
        Scheme::Saddle => {
            steps.extend([w.saddle_fold, w.saddle_nest].map(String::from));
            steps.extend(signatures);
            steps.push(w.staple_fold.to_string());
        }
        Scheme::CutStack => {
            let corner = if imposed.bind == Bind::Right {
                w.right
            } else {
                w.left
            };
            steps.push(w.cut_piles.to_string());
            steps.push(fill(w.stack_piles, &[("corner", corner)]));
            steps.extend(signatures);
            steps.push(w.fold_stack.to_string());
        }
        Scheme::Minizine if imposed.duplex.is_none() => {
            steps.extend(
                [
                    w.mini_crease,
                    w.mini_slit,
                    w.mini_fold_long,
                    w.mini_push,
                    w.mini_flatten,
                ]
                .map(String::from),
            );
        }
        Scheme::Minizine => steps.extend(
            [
                w.octavo_fold_short,
                w.octavo_fold_heads,
                w.octavo_fold_spine,
                w.octavo_staple,
            ]
            .map(String::from),
        ),
    }
    let note = (imposed.sheets > MAX_SHEETS).then(|| {
        fill(
            w.showing,
            &[
                ("shown", &MAX_SHEETS.to_string()),
                ("sheets", &imposed.sheets.to_string()),
            ],
        )
    });
    Instructions {
        title: fill(w.title, &[("layout", layout_name)]),
        summary,
        steps,
        note,
    }
}

/// The paper's name if it is a standard size, else its size in millimetres.
pub fn paper_name(sheet: Size) -> String {
    let (w, h) = (
        sheet.width.0.min(sheet.height.0),
        sheet.width.0.max(sheet.height.0),
    );
    let names = [
        ("letter", "Letter"),
        ("a4", "A4"),
        ("a3", "A3"),
        ("a5", "A5"),
        ("legal", "Legal"),
        ("tabloid", "Tabloid"),
        ("a6", "A6"),
        ("half-letter", "half-letter"),
    ];
    for (name, shown) in names {
        if let Ok(p) = parse_paper(name) {
            if (p.width.0 - w).abs() < 1.0 && (p.height.0 - h).abs() < 1.0 {
                return shown.to_string();
            }
        }
    }
    format!("{:.0} × {:.0} mm", w * 25.4 / 72.0, h * 25.4 / 72.0)
}

/// Splits `text` into lines at most `width` pixels wide (in `style` at
/// `size`) at spaces; a word wider than that gets a line of its own.
fn wrap(fonts: &Fonts, style: Style, size: f32, text: &str, width: f32) -> Vec<String> {
    let fits = |s: &str| fonts.width(style, false, s) * size <= width;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && !fits(&candidate) {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The key: a sample of each kind of line the sheets show, and its name.
fn legend(img: &mut Canvas, fonts: &Fonts, imposed: &Imposed, w: &Words, x: f32, y: f32) {
    let kinds: Vec<LineKind> = imposed
        .sides
        .iter()
        .flat_map(|s| s.lines.iter().map(|l| l.kind))
        .collect();
    let cuts = kinds
        .iter()
        .any(|k| matches!(k, LineKind::Cut | LineKind::Slit));
    let staples = imposed.sides.iter().any(|s| !s.staples.is_empty());
    let mid = y + BODY.1 / 2.0;
    let mut cx = x;
    let label = |img: &mut Canvas, cx: &mut f32, text: &str| {
        let run = crate::typeset::page::GlyphRun {
            x: *cx + 8.0,
            y: mid + BODY.0 * 0.3,
            ..shape(fonts, Style::Regular, BODY.0, text)
        };
        *cx += 8.0 + run.width() + 22.0;
        img.run(fonts, &run, Transform::identity(), InkSet::INK);
    };
    img.line((cx, mid), (cx + 30.0, mid), 1.5, InkSet::FOLD, Some(5.0));
    cx += 30.0;
    label(img, &mut cx, w.legend_fold);
    if cuts {
        img.line((cx, mid), (cx + 30.0, mid), 2.0, InkSet::CUT, None);
        cx += 30.0;
        label(img, &mut cx, w.legend_cut);
    }
    if staples {
        img.fill_rect(cx, mid - 6.0, 3.0, 12.0, InkSet::INK);
        cx += 3.0;
        label(img, &mut cx, w.legend_staple);
    }
    img.fill_rect(cx, mid - 7.0, 22.0, 16.0, InkSet::CELL);
    img.stroke_rect(cx, mid - 7.0, 22.0, 16.0, 1.0, InkSet::GREY);
    img.fill_rect(cx + 6.0, mid - 5.0, 10.0, 2.5, InkSet::INK);
    cx += 22.0;
    label(img, &mut cx, w.legend_head);
}

fn draw_side(
    img: &mut Canvas,
    fonts: &Fonts,
    imposed: &Imposed,
    side: &SheetSide,
    ox: f32,
    oy: f32,
    w: &Words,
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
            .unwrap_or_else(|| w.blank_mark.to_string());
        let mut run = shape_lining(fonts, Style::Regular, size, &label);
        let (cx, cy) = (x + cw / 2.0, y + ch / 2.0);
        run.x = cx - run.width() / 2.0;
        run.y = cy + size * 0.33;
        let turn = if upside_down {
            Transform::from_row(-1.0, 0.0, 0.0, -1.0, 2.0 * cx, 2.0 * cy)
        } else {
            Transform::identity()
        };
        img.run(
            fonts,
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::layout::LayoutSet;

    /// `pages` pages imposed on a shipped layout; `minizine_pages` overrides its count.
    pub fn imposed_for(layout: &str, pages: usize, minizine_pages: Option<u32>) -> Imposed {
        let layouts = LayoutSet::load(None).unwrap();
        let l = layouts.get(layout).unwrap();
        let mut imp = l.impose.clone().unwrap();
        if let Some(n) = minizine_pages {
            imp.minizine_pages = n;
        }
        crate::impose::impose(pages, l.page, &imp, true).unwrap()
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let fonts = Fonts::load(None).unwrap();
        let width = fonts.width(Style::Regular, false, "aa bb") * 10.0 + 0.01;
        assert_eq!(
            wrap(&fonts, Style::Regular, 10.0, "aa bb cc", width),
            ["aa bb", "cc"]
        );
        assert!(wrap(&fonts, Style::Regular, 10.0, "", width).is_empty());
        assert_eq!(
            wrap(&fonts, Style::Regular, 10.0, "toolongword x", 5.0),
            ["toolongword", "x"]
        );
    }

    #[test]
    fn names_papers() {
        assert_eq!(
            paper_name(parse_paper("letter").unwrap().landscape()),
            "Letter"
        );
        assert_eq!(paper_name(parse_paper("a4").unwrap()), "A4");
        assert_eq!(
            paper_name(parse_paper("100mm x 200mm").unwrap()),
            "100 × 200 mm"
        );
    }

    #[test]
    fn instructions_say_how_to_print_and_bind_each_scheme() {
        let w = words::english();
        let saddle = instructions(
            &imposed_for("booklet-letter", 10, None),
            "booklet-letter",
            &w,
        );
        assert_eq!(saddle.title, "Folding guide: booklet-letter");
        assert_eq!(saddle.summary[0], "Saddle stitch: 10 pages on 3 sheets.");
        assert!(saddle.summary[1].starts_with("Blank pages (B) at positions"));
        assert!(
            saddle.steps[0].contains("Letter paper, landscape")
                && saddle.steps[0].contains("short edge")
        );
        assert_eq!(saddle.steps.last().unwrap(), w.staple_fold);
        let mini = instructions(
            &imposed_for("minizine-letter", 8, None),
            "minizine-letter",
            &w,
        );
        assert!(mini.steps[0].contains(w.one_side));
        assert_eq!(mini.steps.len(), 6);
        let cut = instructions(
            &imposed_for("quarter-letter", 16, None),
            "quarter-letter",
            &w,
        );
        assert!(cut
            .steps
            .iter()
            .any(|s| s == &fill(w.stack_piles, &[("corner", w.left)])));
    }
}
