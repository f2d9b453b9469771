//! The folding guide: a picture of each sheet side at its true proportions
//! with its page numbers, folds, cuts, slits and staples, and numbered
//! instructions for printing, folding, cutting and binding.
//!
//! Drawn by [`crate::raster`] in the zine's fonts (page numbers in its
//! regular face) and in the zine's language: the words are the locale's
//! `[words.guide]` (English for any it leaves out), set by the typesetter's
//! [`Setter`], so right-to-left and CJK text is shaped, ordered and broken
//! as in the zine. Step drawings for the minizine ([`steps`]); written as a
//! 4-bit palette PNG: a flat drawing needs no more than sixteen colours.
//! Page numbers are 1-based zine pages; a blank shows the locale's mark.
//! Upside-down pages have their number turned upside down, and every cell
//! has a bar at the page's head.

mod instructions;
mod side;
mod steps;

pub use instructions::{instructions, paper_name, Instructions};
use side::draw_side;

use super::{Imposed, LineKind};
use crate::document::Inline;
use crate::lang::{fill, GuideWords, Locale};
use crate::raster::{encode, shape_lining, Canvas, Rgb, SpriteStore, Transform};
use crate::typeset::fonts::Fonts;
use crate::typeset::fonts::Style;
use crate::typeset::page::GlyphRun;
use crate::typeset::paragraph::{Align, ParaStyle, SetLine, Setter, TextStyle};
use anyhow::Result;
use std::sync::Arc;

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

/// The guide as PNG bytes, drawn in `fonts` with the words of `locale`.
pub fn guide_png(
    imposed: &Imposed,
    layout_name: &str,
    fonts: &Fonts,
    locale: &Arc<Locale>,
) -> Result<Vec<u8>> {
    guide_png_sharing(imposed, layout_name, fonts, locale, None)
}

/// [`guide_png`], the glyph sprites taken from and kept in `sprites` (the
/// guides of one build share them: the same pixels, drawn faster).
pub fn guide_png_sharing(
    imposed: &Imposed,
    layout_name: &str,
    fonts: &Fonts,
    locale: &Arc<Locale>,
    sprites: Option<&Arc<SpriteStore>>,
) -> Result<Vec<u8>> {
    let mut setter = setter(fonts, locale);
    encode::palette_png(
        &render(imposed, layout_name, &mut setter, sprites)?,
        &PALETTE,
    )
}

/// A setter for the guide's words in `locale`'s language.
fn setter<'a>(fonts: &'a Fonts, locale: &Arc<Locale>) -> Setter<'a> {
    Setter::with_locale(fonts, Arc::clone(locale), &locale.tag, Arc::default())
}

/// The text column: its left edge and width in pixels, and whether its
/// lines start at the right (a right-to-left language).
#[derive(Debug, Clone, Copy)]
struct Column {
    x: f32,
    width: f32,
    rtl: bool,
}

impl Column {
    /// The runs of `line` (set from its start edge) with their origin at
    /// `indent` pixels from the column's start edge, on baseline `y`.
    fn place(&self, line: &SetLine, indent: f32, y: f32) -> Vec<GlyphRun> {
        line.runs
            .iter()
            .map(|r| {
                let x = if self.rtl {
                    // The setter hands right-to-left lines over mirrored
                    // (for a page mirrored whole); mirrored back here.
                    self.x + self.width - indent - r.x - r.width()
                } else {
                    self.x + indent + r.x
                };
                GlyphRun { x, y, ..r.clone() }
            })
            .collect()
    }

    /// Where something `w` wide goes that is `offset` from the start edge.
    fn at(&self, offset: f32, w: f32) -> f32 {
        if self.rtl {
            self.x + self.width - offset - w
        } else {
            self.x + offset
        }
    }
}

/// `text` in lines at most `width` pixels wide, ragged at the end edge.
fn set(setter: &mut Setter, style: Style, size: f32, text: &str, width: f32) -> Vec<SetLine> {
    let ps = ParaStyle::unhyphenated(width, Align::Left);
    setter.set(
        &[Inline::Text(text.to_string())],
        TextStyle::new(style, size),
        &ps,
    )
}

/// A page number or mark in the zine's face with lining figures; a mark
/// the face lacks (a blank in another script) in the face that has it.
fn figures(setter: &mut Setter, style: Style, size: f32, text: &str) -> GlyphRun {
    if text.chars().all(|c| setter.fonts.face(style).covers(c)) {
        shape_lining(setter.fonts, style, size, text)
    } else {
        setter.line(TextStyle::new(style, size), text)
    }
}

/// One item of the key: a sample of a line or mark, and its name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sample {
    Fold,
    Cut,
    Staple,
    Head,
}

impl Sample {
    /// The sample's width in pixels.
    fn width(self) -> f32 {
        match self {
            Sample::Fold | Sample::Cut => 30.0,
            Sample::Staple => 3.0,
            Sample::Head => 22.0,
        }
    }

    /// Draws the sample from `x`, centred on `mid`.
    fn draw(self, img: &mut Canvas, x: f32, mid: f32) {
        match self {
            Sample::Fold => img.line((x, mid), (x + 30.0, mid), 1.5, InkSet::FOLD, Some(5.0)),
            Sample::Cut => img.line((x, mid), (x + 30.0, mid), 2.0, InkSet::CUT, None),
            Sample::Staple => img.fill_rect(x, mid - 6.0, 3.0, 12.0, InkSet::INK),
            Sample::Head => {
                img.fill_rect(x, mid - 7.0, 22.0, 16.0, InkSet::CELL);
                img.stroke_rect(x, mid - 7.0, 22.0, 16.0, 1.0, InkSet::GREY);
                img.fill_rect(x + 6.0, mid - 5.0, 10.0, 2.5, InkSet::INK);
            }
        }
    }
}

/// A key item placed: its sample's left edge, the row's middle, its label.
struct KeyItem {
    sample: Sample,
    x: f32,
    mid: f32,
}

/// Where everything goes, in pixels.
struct Plan {
    width: f32,
    height: f32,
    /// Every run of text, in place.
    runs: Vec<GlyphRun>,
    key: Vec<KeyItem>,
    drawings: Vec<steps::Drawing>,
    drawings_y: f32,
    sheets_y: f32,
    side_w: f32,
    side_h: f32,
    cols: usize,
    rows: usize,
}

fn plan(imposed: &Imposed, layout_name: &str, setter: &mut Setter) -> Plan {
    let locale = Arc::clone(&setter.locale);
    let w = &locale.words.guide;
    let (side_w, side_h) = (
        imposed.sheet.width.0 * SCALE,
        imposed.sheet.height.0 * SCALE,
    );
    let cols = if imposed.duplex.is_some() { 2 } else { 1 };
    let rows = imposed.sheets.clamp(1, MAX_SHEETS);
    let grid_w = cols as f32 * side_w + (cols as f32 - 1.0) * GAP;
    let text_w = grid_w.max(MIN_TEXT_W);
    let col = Column {
        x: MARGIN,
        width: text_w,
        rtl: locale.is_rtl(),
    };
    let text = instructions(imposed, layout_name, w);
    let mut runs = Vec::new();
    let mut y = MARGIN;
    let put = |runs: &mut Vec<GlyphRun>,
               setter: &mut Setter,
               style,
               (size, leading): (f32, f32),
               indent: f32,
               text: &str,
               y: &mut f32| {
        for line in set(setter, style, size, text, text_w - indent) {
            *y += leading;
            runs.extend(col.place(&line, indent, *y - leading * 0.28));
        }
    };
    put(
        &mut runs,
        setter,
        Style::Bold,
        TITLE,
        0.0,
        &text.title,
        &mut y,
    );
    for s in &text.summary {
        put(&mut runs, setter, Style::Italic, BODY, 0.0, s, &mut y);
    }
    y += 8.0;
    for (i, step) in text.steps.iter().enumerate() {
        let mut number = figures(setter, Style::Bold, BODY.0, &format!("{}.", i + 1));
        number.x = col.at(0.0, number.width());
        number.y = y + BODY.1 - BODY.1 * 0.28;
        runs.push(number);
        put(
            &mut runs,
            setter,
            Style::Regular,
            BODY,
            STEP_INDENT,
            step,
            &mut y,
        );
        y += 3.0;
    }
    if let Some(note) = &text.note {
        put(&mut runs, setter, Style::Italic, BODY, 0.0, note, &mut y);
    }
    y += GAP;
    let drawings = steps::drawings(imposed, 2, &w.blank);
    let drawings_y = y;
    let h = steps::height(imposed, &drawings, text_w);
    if h > 0.0 {
        y += h + GAP;
    }
    let (key, key_runs, key_h) = key(imposed, w, setter, col, y);
    runs.extend(key_runs);
    y += key_h + GAP;
    let sheets_y = y;
    for row in 0..rows {
        let top = sheets_y + row as f32 * (side_h + CAPTION.1 + 8.0 + GAP);
        for c in 0..cols {
            let caption = fill(
                if c == 1 {
                    &w.sheet_back
                } else {
                    &w.sheet_front
                },
                &[("n", &(row + 1).to_string())],
            );
            let line = setter.line_set(TextStyle::new(Style::Italic, CAPTION.0), &caption);
            // Under its side, from the side's start edge.
            let side = Column {
                x: MARGIN + c as f32 * (side_w + GAP),
                width: side_w,
                rtl: col.rtl,
            };
            runs.extend(side.place(&line, 0.0, top + side_h + CAPTION.1));
        }
    }
    y += rows as f32 * (side_h + CAPTION.1 + 8.0 + GAP) - GAP;
    Plan {
        width: (text_w + 2.0 * MARGIN).ceil(),
        height: (y + MARGIN).ceil(),
        runs,
        key,
        drawings,
        drawings_y,
        sheets_y,
        side_w,
        side_h,
        cols,
        rows,
    }
}

/// The key to the drawing from `y`: a sample of each kind of line and mark
/// the sheets show, and its name, in rows as wide as the column; with the
/// height it takes.
fn key(
    imposed: &Imposed,
    w: &GuideWords,
    setter: &mut Setter,
    col: Column,
    y: f32,
) -> (Vec<KeyItem>, Vec<GlyphRun>, f32) {
    let cuts = imposed
        .sides
        .iter()
        .flat_map(|s| &s.lines)
        .any(|l| matches!(l.kind, LineKind::Cut | LineKind::Slit));
    let staples = imposed.sides.iter().any(|s| !s.staples.is_empty());
    let mut samples = vec![(Sample::Fold, &w.legend_fold)];
    if cuts {
        samples.push((Sample::Cut, &w.legend_cut));
    }
    if staples {
        samples.push((Sample::Staple, &w.legend_staple));
    }
    samples.push((Sample::Head, &w.legend_head));
    let (mut items, mut runs) = (Vec::new(), Vec::new());
    let (mut offset, mut row) = (0.0, 0.0);
    for (sample, label) in samples {
        let line = setter.line_set(TextStyle::new(Style::Regular, BODY.0), label);
        let item_w = sample.width() + 8.0 + line.width;
        if offset > 0.0 && offset + item_w > col.width {
            offset = 0.0;
            row += BODY.1 + 6.0;
        }
        let mid = y + row + BODY.1 / 2.0;
        items.push(KeyItem {
            sample,
            x: col.at(offset, sample.width()),
            mid,
        });
        runs.extend(col.place(&line, offset + sample.width() + 8.0, mid + BODY.0 * 0.3));
        offset += item_w + 22.0;
    }
    (items, runs, row + BODY.1)
}

/// The guide's size in pixels: (width, height).
pub fn guide_size(
    imposed: &Imposed,
    layout_name: &str,
    fonts: &Fonts,
    locale: &Arc<Locale>,
) -> (u32, u32) {
    let p = plan(imposed, layout_name, &mut setter(fonts, locale));
    (p.width as u32, p.height as u32)
}

/// Draws the guide.
fn render(
    imposed: &Imposed,
    layout_name: &str,
    setter: &mut Setter,
    sprites: Option<&Arc<SpriteStore>>,
) -> Result<Canvas> {
    let p = plan(imposed, layout_name, setter);
    let blank = setter.locale.words.guide.blank.clone();
    let fonts = setter.fonts;
    let mut img =
        Canvas::new(p.width as u32, p.height as u32, InkSet::WHITE)?.share_sprites(sprites);
    for run in &p.runs {
        img.run(fonts, run, Transform::identity(), InkSet::INK);
    }
    steps::draw(
        &mut img,
        setter,
        imposed,
        &p.drawings,
        MARGIN,
        p.drawings_y,
        p.width - 2.0 * MARGIN,
    );
    for k in &p.key {
        k.sample.draw(&mut img, k.x, k.mid);
    }
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
            draw_side(&mut img, setter, imposed, side, x, y, &blank);
        }
        y += p.side_h + CAPTION.1 + 8.0 + GAP;
    }
    Ok(img)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::layout::LayoutSet;
    use crate::units::parse_paper;

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

    fn locale(tag: &str) -> Arc<Locale> {
        Arc::new(crate::lang::Locales::built_in().resolve(tag).locale)
    }

    #[test]
    fn lines_are_set_within_the_width() {
        let fonts = Fonts::load(None).unwrap();
        let mut setter = setter(&fonts, &locale("en"));
        let text = "Fold each sheet in half along the dashed line, its front outside.";
        let lines = set(&mut setter, Style::Regular, 16.0, text, 200.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 200.5), "{lines:?}");
        let lines: Vec<String> = lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
            .collect();
        let joined = lines.join(" ");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>().join(" "),
            text
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
        let en = Locale::english();
        let w = &en.words.guide;
        let saddle = instructions(
            &imposed_for("booklet-letter", 10, None),
            "booklet-letter",
            w,
        );
        assert_eq!(saddle.title, "Folding guide: booklet-letter");
        assert_eq!(saddle.summary[0], "Saddle stitch: 10 pages on 3 sheets.");
        assert!(saddle.summary[1].starts_with("Blank pages (B) at positions"));
        assert!(
            saddle.steps[0].contains("Letter paper, landscape")
                && saddle.steps[0].contains("short edge")
        );
        assert_eq!(saddle.steps.last().unwrap(), &w.staple_fold);
        let mini = instructions(
            &imposed_for("minizine-letter", 8, None),
            "minizine-letter",
            w,
        );
        assert!(mini.steps[0].contains(&w.one_side));
        assert_eq!(mini.steps.len(), 6);
        let cut = instructions(
            &imposed_for("quarter-letter", 16, None),
            "quarter-letter",
            w,
        );
        assert!(cut
            .steps
            .iter()
            .any(|s| s == &fill(&w.stack_piles, &[("corner", &w.left)])));
    }

    #[test]
    fn a_french_zine_has_a_french_guide() {
        let fr = locale("fr");
        let i = instructions(
            &imposed_for("booklet-a4", 10, None),
            "booklet-a4",
            &fr.words.guide,
        );
        assert_eq!(i.title, "Guide de pliage\u{202F}: booklet-a4");
        assert!(i.summary[0].contains("10 pages sur 3 feuilles"), "{i:?}");
        assert!(i.steps.iter().any(|s| s.contains("Agrafez")), "{i:?}");
    }

    #[test]
    fn a_key_a_language_leaves_out_is_english() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("eo.toml"),
            "[words.guide]\ntitle = \"Faldgvidilo: {layout}\"\n",
        )
        .unwrap();
        let set = crate::lang::Locales::load(Some(dir.path())).unwrap();
        let eo = set.resolve("eo").locale;
        let i = instructions(
            &imposed_for("booklet-letter", 8, None),
            "booklet-letter",
            &eo.words.guide,
        );
        assert_eq!(i.title, "Faldgvidilo: booklet-letter");
        assert_eq!(i.steps.last().unwrap(), "Staple through the fold.");
    }

    #[test]
    fn guides_in_other_scripts_draw_only_glyphs_their_fonts_have() {
        let fonts = Fonts::load(None).unwrap();
        for tag in ["ar", "zh", "he", "ja", "el", "ru"] {
            let mut setter = setter(&fonts, &locale(tag));
            let p = plan(
                &imposed_for("booklet-letter", 10, None),
                "booklet-letter",
                &mut setter,
            );
            assert!(!p.runs.is_empty());
            for run in &p.runs {
                assert!(
                    run.glyphs.iter().all(|g| g.id != 0),
                    "{tag}: a missing glyph in {:?}",
                    run.text
                );
                // Inside the picture.
                assert!(
                    run.x >= MARGIN - 1.0 && run.x + run.width() <= p.width - MARGIN + 1.0,
                    "{tag}: {:?} at {}",
                    run.text,
                    run.x
                );
            }
        }
    }
}
