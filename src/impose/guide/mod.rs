//! The folding guide: a PNG that shows each sheet side with its page numbers,
//! folds, cuts, slits and staples, and how to print, fold and bind.
//!
//! Drawn into a canvas of palette indices with the built-in bitmap font, at
//! a fixed scale, so the same imposition always gives the same bytes, and
//! written as a 4-bit palette PNG with fast compression: a flat drawing of
//! eight colours needs no more. Page numbers are 1-based zine pages; `B`
//! marks a blank. Upside-down pages have their number drawn upside down, and
//! every cell has a bar at the page's head.

use super::font;
use super::{Imposed, LineKind, SheetSide};
use crate::layout::{Bind, Duplex, Scheme};
use crate::units::{parse_paper, Size};

/// Pixels per point.
const SCALE: f32 = 0.5;
/// Outer margin, gap between sides, text scale and line height, in pixels.
const MARGIN: u32 = 16;
const GAP: u32 = 16;
const TEXT: u32 = 2;
const LINE: u32 = (font::HEIGHT + 3) * TEXT;
/// Sheets drawn at most.
pub const MAX_SHEETS: usize = 4;
/// Characters per line of text at least.
const MIN_CHARS: usize = 60;

/// The colours, as indices into [`PALETTE`].
const WHITE: u8 = 0;
const PAPER: u8 = 1;
const CELL: u8 = 2;
const BLANK: u8 = 3;
const GREY: u8 = 4;
const INK: u8 = 5;
const FOLD: u8 = 6;
const CUT: u8 = 7;
const PALETTE: [[u8; 3]; 8] = [
    [255, 255, 255],
    [250, 250, 247],
    [228, 232, 240],
    [245, 245, 245],
    [130, 130, 130],
    [20, 20, 20],
    [0, 90, 200],
    [210, 30, 30],
];

/// The guide as PNG bytes.
pub fn guide_png(imposed: &Imposed, layout_name: &str) -> Vec<u8> {
    // Writing an in-memory image of matching size cannot fail.
    render(imposed, layout_name).png().unwrap_or_default()
}

/// A picture of palette indices, one byte a pixel.
struct Canvas {
    width: u32,
    height: u32,
    px: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32, colour: u8) -> Canvas {
        Canvas { width, height, px: vec![colour; width as usize * height as usize] }
    }

    /// The colour index at (x, y).
    #[cfg(test)]
    fn at(&self, x: u32, y: u32) -> u8 {
        self.px[y as usize * self.width as usize + x as usize]
    }

    fn put(&mut self, x: i64, y: i64, c: u8) {
        if x >= 0 && y >= 0 && x < self.width as i64 && y < self.height as i64 {
            self.px[y as usize * self.width as usize + x as usize] = c;
        }
    }

    /// Fills a rectangle, the part of it inside the canvas.
    fn fill(&mut self, x: i64, y: i64, w: i64, h: i64, c: u8) {
        let (x0, x1) = (x.max(0), (x + w).min(self.width as i64));
        let (y0, y1) = (y.max(0), (y + h).min(self.height as i64));
        if x0 >= x1 {
            return;
        }
        let stride = self.width as usize;
        for yy in y0..y1 {
            let row = yy as usize * stride;
            self.px[row + x0 as usize..row + x1 as usize].fill(c);
        }
    }

    /// A 4-bit palette PNG: two pixels a byte, fast deflate.
    fn png(&self) -> Result<Vec<u8>, png::EncodingError> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Four);
        encoder.set_palette(PALETTE.concat());
        // Up turns every row that repeats the one above into zeros, which
        // fdeflate's fast mode compresses best.
        encoder.set_compression(png::Compression::Fast);
        encoder.set_filter(png::Filter::Up);
        let mut writer = encoder.write_header()?;
        let width = self.width.max(1) as usize;
        let row_bytes = width.div_ceil(2);
        let mut packed = vec![0u8; row_bytes * self.height as usize];
        for (src, dst) in self.px.chunks_exact(width).zip(packed.chunks_exact_mut(row_bytes)) {
            let pairs = src.chunks_exact(2);
            if let [last] = pairs.remainder() {
                dst[row_bytes - 1] = last << 4;
            }
            for (d, p) in dst.iter_mut().zip(pairs) {
                *d = (p[0] << 4) | p[1];
            }
        }
        writer.write_image_data(&packed)?;
        writer.finish()?;
        Ok(out)
    }
}

/// Where everything goes: text lines, side size, columns and rows shown.
struct Frame {
    lines: Vec<String>,
    side_w: u32,
    side_h: u32,
    cols: u32,
    rows: u32,
    width: u32,
    height: u32,
}

fn frame(imposed: &Imposed, layout_name: &str) -> Frame {
    let side_w = px(imposed.sheet.width.0);
    let side_h = px(imposed.sheet.height.0);
    let cols = if imposed.duplex.is_some() { 2 } else { 1 };
    let rows = imposed.sheets.clamp(1, MAX_SHEETS) as u32;
    let grid_w = cols * side_w + (cols - 1) * GAP;
    let chars = (grid_w / (font::ADVANCE * TEXT)) as usize;
    let lines: Vec<String> = instructions(imposed, layout_name).iter().flat_map(|l| wrap(l, chars.max(MIN_CHARS))).collect();
    let text_w = lines.iter().map(|l| font::width(l) * TEXT).max().unwrap_or(0);
    let width = 2 * MARGIN + grid_w.max(text_w);
    let height = 2 * MARGIN + lines.len() as u32 * LINE + GAP + rows * (side_h + LINE + GAP) - GAP;
    Frame { lines, side_w, side_h, cols, rows, width, height }
}

/// The guide's size in pixels: (width, height).
pub fn guide_size(imposed: &Imposed, layout_name: &str) -> (u32, u32) {
    let f = frame(imposed, layout_name);
    (f.width, f.height)
}

fn px(points: f32) -> u32 {
    (points * SCALE).round().max(1.0) as u32
}

/// Draws the guide.
fn render(imposed: &Imposed, layout_name: &str) -> Canvas {
    let f = frame(imposed, layout_name);
    let mut img = Canvas::new(f.width, f.height, WHITE);
    let mut y = MARGIN;
    for line in &f.lines {
        text(&mut img, MARGIN as i64, y as i64, line, TEXT, INK, false);
        y += LINE;
    }
    y += GAP;
    for row in 0..f.rows {
        for col in 0..f.cols {
            let Some(side) = imposed.sides.iter().find(|s| s.sheet == row as usize && s.back == (col == 1)) else { continue };
            let x = MARGIN + col * (f.side_w + GAP);
            draw_side(&mut img, imposed, side, x as i64, y as i64);
            let caption = format!("SHEET {} {}", side.sheet + 1, if side.back { "BACK" } else { "FRONT" });
            text(&mut img, x as i64, (y + f.side_h + 4) as i64, &caption, TEXT, INK, false);
        }
        y += f.side_h + LINE + GAP;
    }
    img
}

/// The text above the sheets: what it is, how to print, how to fold.
pub fn instructions(imposed: &Imposed, layout_name: &str) -> Vec<String> {
    let mut out = vec![format!("FOLDING GUIDE: {layout_name}")];
    let scheme = match imposed.scheme {
        Scheme::Saddle => "SADDLE STITCH",
        Scheme::CutStack => "CUT AND STACK",
        Scheme::Minizine => "MINIZINE",
    };
    let bind = if imposed.bind == Bind::Right { ", BOUND ON THE RIGHT" } else { "" };
    let plural = |n: usize| if n == 1 { "" } else { "S" };
    out.push(format!("{scheme}{bind}: {} PAGE{} ON {} SHEET{}", imposed.pages, plural(imposed.pages), imposed.sheets, plural(imposed.sheets)));
    if !imposed.blanks.is_empty() {
        let list: Vec<String> = imposed.blanks.iter().map(|b| (b + 1).to_string()).collect();
        out.push(format!("BLANK (B) AT POSITIONS {} OF {}", list.join(","), imposed.padded));
    }
    let orient = if imposed.sheet.width.0 >= imposed.sheet.height.0 { "LANDSCAPE" } else { "PORTRAIT" };
    let sides = match imposed.duplex {
        None => "ONE SIDE ONLY".to_string(),
        Some(Duplex::ShortEdge) => "BOTH SIDES, FLIP ON SHORT EDGE".to_string(),
        Some(Duplex::LongEdge) => "BOTH SIDES, FLIP ON LONG EDGE".to_string(),
    };
    out.push(format!("PRINT: {} {orient}, ACTUAL SIZE, {sides}", paper_name(imposed.sheet)));
    out.push(steps(imposed));
    out.push("DASHED BLUE = FOLD, RED = CUT, BLACK = STAPLE, BAR = TOP OF PAGE".to_string());
    if imposed.sheets > MAX_SHEETS {
        out.push(format!("SHOWING SHEETS 1-{MAX_SHEETS} OF {}", imposed.sheets));
    }
    out
}

fn steps(imposed: &Imposed) -> String {
    let sig = imposed.signature;
    let signatures = if imposed.sheets > 0 && sig < imposed.padded / 4 {
        format!(" IN SIGNATURES OF {sig} SHEETS, STACK THEM IN ORDER,")
    } else {
        String::new()
    };
    match imposed.scheme {
        Scheme::Saddle => format!("FOLD EACH SHEET IN HALF, NEST THEM SHEET 1 OUTSIDE,{signatures} STAPLE ON THE FOLD."),
        Scheme::CutStack => format!(
            "CUT ALL SHEETS ON THE RED LINES. KEEP EACH PILE IN ORDER, SHEET 1 ON TOP. PUT THE TOP {} PILE ON THE NEXT, AND SO ON, FRONTS UP{}, FOLD IN HALF, STAPLE ON THE FOLD.",
            if imposed.bind == Bind::Right { "RIGHT" } else { "LEFT" },
            signatures.trim_end_matches(',')
        ),
        Scheme::Minizine if imposed.duplex.is_none() => {
            "FOLD IN EIGHT, CUT THE RED SLIT, FOLD LENGTHWISE WITH 1 OUTSIDE, PUSH THE ENDS IN, FLATTEN WITH 1 ON TOP.".to_string()
        }
        Scheme::Minizine => "FOLD IN HALF THREE TIMES WITH 1 OUTSIDE, STAPLE THE SPINE, SLIT THE TOP AND SIDE FOLDS.".to_string(),
    }
}

/// The paper's name if it is a standard size, else its size in millimetres.
pub fn paper_name(sheet: Size) -> String {
    let (w, h) = (sheet.width.0.min(sheet.height.0), sheet.width.0.max(sheet.height.0));
    for name in ["letter", "a4", "a3", "a5", "legal", "tabloid", "a6", "half-letter"] {
        if let Ok(p) = parse_paper(name) {
            if (p.width.0 - w).abs() < 1.0 && (p.height.0 - h).abs() < 1.0 {
                return name.to_uppercase();
            }
        }
    }
    format!("{:.0}X{:.0}MM", w * 25.4 / 72.0, h * 25.4 / 72.0)
}

/// Splits `text` into lines of at most `chars` characters at spaces.
pub fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn draw_side(img: &mut Canvas, imposed: &Imposed, side: &SheetSide, ox: i64, oy: i64) {
    let at = |x: f32, y: f32| (ox + (x * SCALE).round() as i64, oy + (y * SCALE).round() as i64);
    let (sw, sh) = (px(imposed.sheet.width.0) as i64, px(imposed.sheet.height.0) as i64);
    img.fill(ox, oy, sw, sh, PAPER);
    frame_rect(img, ox, oy, sw, sh, GREY);
    let (cw, ch) = (px(imposed.page.width.0) as i64, px(imposed.page.height.0) as i64);
    for slot in &side.slots {
        let (x, y) = at(slot.x, slot.y);
        img.fill(x, y, cw, ch, if slot.page.is_some() { CELL } else { BLANK });
        frame_rect(img, x, y, cw, ch, GREY);
        let upside_down = slot.rotation == 180;
        // The head bar: a third of the cell wide, at the page's top edge.
        let bar_y = if upside_down { y + ch - 5 } else { y + 2 };
        img.fill(x + cw / 3, bar_y, cw / 3, 3, INK);
        let label = slot.page.map(|p| (p + 1).to_string()).unwrap_or_else(|| "B".to_string());
        let scale = ((cw as u32 / (font::ADVANCE * 3)).min(ch as u32 / (font::HEIGHT * 3))).clamp(1, 5);
        let (tw, th) = ((font::width(&label) * scale) as i64, (font::HEIGHT * scale) as i64);
        text(img, x + (cw - tw) / 2, y + (ch - th) / 2, &label, scale, INK, upside_down);
    }
    for l in &side.lines {
        let (a, b) = (at(l.x1, l.y1), at(l.x2, l.y2));
        match l.kind {
            LineKind::Fold => line(img, a, b, FOLD, 1, true),
            LineKind::Cut => line(img, a, b, CUT, 1, false),
            LineKind::Slit => line(img, a, b, CUT, 2, false),
        }
    }
    for &(x, y) in &side.staples {
        let (x, y) = at(x, y);
        img.fill(x - 1, y - 5, 3, 11, INK);
    }
}

fn frame_rect(img: &mut Canvas, x: i64, y: i64, w: i64, h: i64, c: u8) {
    line(img, (x, y), (x + w - 1, y), c, 1, false);
    line(img, (x, y + h - 1), (x + w - 1, y + h - 1), c, 1, false);
    line(img, (x, y), (x, y + h - 1), c, 1, false);
    line(img, (x + w - 1, y), (x + w - 1, y + h - 1), c, 1, false);
}

/// A horizontal, vertical or diagonal line, `width` pixels, dashed 4 on 3 off.
fn line(img: &mut Canvas, a: (i64, i64), b: (i64, i64), c: u8, width: i64, dashed: bool) {
    let steps = (b.0 - a.0).abs().max((b.1 - a.1).abs()).max(1);
    for i in 0..=steps {
        if dashed && i % 7 >= 4 {
            continue;
        }
        let x = a.0 + (b.0 - a.0) * i / steps;
        let y = a.1 + (b.1 - a.1) * i / steps;
        for d in 0..width {
            let (dx, dy) = if (b.0 - a.0).abs() >= (b.1 - a.1).abs() { (0, d) } else { (d, 0) };
            img.put(x + dx, y + dy, c);
        }
    }
}

/// Draws `s` with its top-left at (x, y); upside down turns the whole text 180°.
fn text(img: &mut Canvas, x: i64, y: i64, s: &str, scale: u32, c: u8, upside_down: bool) {
    let w = (font::width(s) * scale) as i64;
    let h = (font::HEIGHT * scale) as i64;
    let scale = scale as i64;
    for (i, ch) in s.chars().enumerate() {
        for row in 0..font::HEIGHT {
            for col in 0..5 {
                if !font::ink(ch, col, row) {
                    continue;
                }
                let gx = i as i64 * font::ADVANCE as i64 * scale + col as i64 * scale;
                let gy = row as i64 * scale;
                let (dx, dy) = if upside_down { (w - gx - scale, h - gy - scale) } else { (gx, gy) };
                img.fill(x + dx, y + dy, scale, scale, c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
        assert_eq!(wrap("toolongword x", 4), ["toolongword", "x"]);
    }

    #[test]
    fn names_papers() {
        assert_eq!(paper_name(parse_paper("letter").unwrap().landscape()), "LETTER");
        assert_eq!(paper_name(parse_paper("a4").unwrap()), "A4");
        assert_eq!(paper_name(parse_paper("100mm x 200mm").unwrap()), "100X200MM");
    }

    #[test]
    fn upside_down_text_is_the_same_ink_turned() {
        let mut a = Canvas::new(20, 10, WHITE);
        let mut b = Canvas::new(20, 10, WHITE);
        text(&mut a, 0, 0, "12", 1, INK, false);
        text(&mut b, 0, 0, "12", 1, INK, true);
        let w = font::width("12");
        for y in 0..7 {
            for x in 0..w {
                assert_eq!(a.at(x, y), b.at(w - 1 - x, 6 - y));
            }
        }
        assert_ne!(a.px, b.px);
        assert!(a.px.contains(&INK));
    }
}
