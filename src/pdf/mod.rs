//! Writing PDF with krilla: laid-out pages as they are, or placed on sheets.
//!
//! This module draws what [`crate::typeset`] laid out and what
//! [`crate::impose`] computed; it makes no layout decisions of its own.
//! [`write_pages`] writes one PDF page per page; `sheets` places pages on
//! imposed sheets, and [`embed`] does the same with the pages of a PDF made
//! elsewhere.

pub mod embed;
mod sheets;

pub use sheets::write_imposed;

use crate::cover::process::Crop;
use crate::cover::{Pixels, PrintData, PrintImage, Printed};
use crate::document::Metadata;
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::page::{GlyphRun, LinkTarget, Page, PageItem, Typeset};
use anyhow::{anyhow, Result};
use krilla::action::LinkAction;
use krilla::annotation::{LinkAnnotation, Target};
use krilla::color::{luma, rgb};
use krilla::configure::{ConfigurationBuilder, PdfVersion};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};
use krilla::metadata::{DateTime, Metadata as PdfMetadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill, FillRule, LineCap, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU32;
use std::sync::Arc;

/// The krilla fonts of a document, one per style used.
struct PdfFonts(BTreeMap<Style, Font>);

impl PdfFonts {
    fn new(fonts: &Fonts) -> Result<PdfFonts> {
        let mut map = BTreeMap::new();
        for (style, face) in fonts.faces() {
            let font = Font::new(face.data.into(), 0)
                .ok_or_else(|| anyhow!("{}: krilla cannot read this font", face.file.display()))?;
            map.insert(style, font);
        }
        Ok(PdfFonts(map))
    }
    fn get(&self, fonts: &Fonts, style: Style) -> Font {
        self.0[&fonts.resolved(style)].clone()
    }
}

/// An empty document with XMP metadata, written as `version` (PDF 1.7 unless
/// an embedded PDF needs 2.0), its content streams compressed or not.
fn empty_document(version: PdfVersion, compress: bool) -> Document {
    let configuration = ConfigurationBuilder::new()
        .with_version(version)
        .finish()
        .unwrap_or_default();
    Document::new_with(SerializeSettings {
        xmp_metadata: true,
        configuration,
        compress_content_streams: compress,
        ..SerializeSettings::default()
    })
}

fn new_document(meta: &Metadata) -> Document {
    let mut doc = empty_document(PdfVersion::default(), true);
    let mut m = PdfMetadata::new()
        .title(meta.title.clone())
        .language(meta.language.clone())
        .creator("zinepress".to_string())
        .producer(format!("zinepress {}", env!("CARGO_PKG_VERSION")))
        .creation_date(pdf_date(meta.modified))
        .document_id(meta.identifier.clone());
    if !meta.authors.is_empty() {
        m = m.authors(meta.authors.clone());
    }
    if let Some(d) = &meta.description {
        m = m.description(d.clone());
    }
    doc.set_metadata(m);
    doc
}

/// Writes laid-out pages as a PDF, one PDF page per page.
pub fn write_pages(set: &Typeset, meta: &Metadata, fonts: &Fonts) -> Result<Vec<u8>> {
    let pdf_fonts = PdfFonts::new(fonts)?;
    let mut doc = new_document(meta);
    for (i, page) in set.pages.iter().enumerate() {
        let rect = Rect::from_xywh(0.0, 0.0, page.width, page.height);
        let settings = PageSettings::from_wh(page.width, page.height)
            .ok_or_else(|| anyhow!("page {} has no size", i + 1))?
            .with_trim_box(rect)
            .with_page_label(PageLabel::new(
                Some(NumberingStyle::Arabic),
                None,
                NonZeroU32::new(i as u32 + 1),
            ));
        let mut pdf_page = doc.start_page_with(settings);
        let mut surface = pdf_page.surface();
        draw_page(&mut surface, page, fonts, &pdf_fonts)?;
        surface.finish();
        for item in &page.items {
            if let PageItem::Link {
                x,
                y,
                width,
                height,
                target,
            } = item
            {
                let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) else {
                    continue;
                };
                let target = match target {
                    LinkTarget::Uri(url) => Target::Action(LinkAction::new(url.clone()).into()),
                    LinkTarget::Page { index, y } => Target::Destination(
                        XyzDestination::new(*index, Point::from_xy(0.0, y.max(0.0))).into(),
                    ),
                };
                pdf_page.add_annotation(LinkAnnotation::new(rect, target).into());
            }
        }
        pdf_page.finish();
    }
    doc.set_outline(outline(set));
    doc.finish()
        .map_err(|e| anyhow!("the PDF could not be written: {e:?}"))
}

fn draw_page(
    surface: &mut Surface,
    page: &Page,
    fonts: &Fonts,
    pdf_fonts: &PdfFonts,
) -> Result<()> {
    for item in &page.items {
        match item {
            PageItem::Glyphs(run) => draw_run(surface, run, fonts, pdf_fonts),
            PageItem::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } => draw_line(surface, *x1, *y1, *x2, *y2, *width, false),
            PageItem::Rect {
                x,
                y,
                width,
                height,
                fill,
                stroke,
            } => draw_rect(surface, *x, *y, *width, *height, *fill, *stroke),
            PageItem::Image {
                x,
                y,
                width,
                height,
                image,
            } => draw_image(surface, *x, *y, *width, *height, image)?,
            // Annotations belong to the page, not its drawing: see `write_pages`.
            PageItem::Link { .. } => {}
        }
    }
    Ok(())
}

/// Draws a print image so that its shown part fills the box; what lies
/// outside the shown part is clipped away. JPEG data is embedded as it is,
/// pixels are handed over raw and compressed once by krilla.
fn draw_image(
    surface: &mut Surface,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    printed: &Printed,
) -> Result<()> {
    let img = &printed.image;
    let image = krilla_image(img).map_err(|e| anyhow!("{}: the PDF writer cannot embed this image ({e}); save it again as a baseline JPEG or a PNG", img.file.display()))?;
    let shown = printed.shown;
    let (sx, sy) = (w / shown.width as f32, h / shown.height as f32);
    let Some(size) = Size::from_wh(img.width as f32 * sx, img.height as f32 * sy) else {
        return Ok(());
    };
    let clip = if shown == Crop::whole((img.width, img.height)) {
        None
    } else {
        rect_path(x, y, w, h)
    };
    if let Some(clip) = &clip {
        surface.push_clip_path(clip, &FillRule::NonZero);
    }
    surface.push_transform(&Transform::from_translate(
        x - shown.x as f32 * sx,
        y - shown.y as f32 * sy,
    ));
    surface.draw_image(image, size);
    surface.pop();
    if clip.is_some() {
        surface.pop();
    }
    Ok(())
}

/// The krilla image of a print image, made once per zine: krilla compresses
/// raw pixels when the image is made, so every PDF of the zine shares that work.
fn krilla_image(img: &PrintImage) -> Result<Image, String> {
    let make = || -> Result<Image, String> {
        let interpolate = !img.bilevel;
        match &img.data {
            PrintData::Jpeg(bytes) => {
                Image::from_jpeg(krilla::Data::from(bytes.clone()), interpolate)
            }
            PrintData::Pixels(pixels) => Image::from_custom(
                RawPixels {
                    pixels: pixels.clone(),
                    id: img.id,
                },
                interpolate,
            ),
        }
    };
    let kept = img.embedded.get_or_init(|| Box::new(make()));
    match kept.downcast_ref::<Result<Image, String>>() {
        Some(made) => made.clone(),
        None => make(),
    }
}

/// 8-bit gray or RGB pixels as krilla takes them. Hashing the id, not the
/// pixels, keeps hashing cheap; krilla embeds images with equal hashes once.
#[derive(Clone)]
struct RawPixels {
    pixels: Arc<Pixels>,
    id: u64,
}

impl Hash for RawPixels {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
        self.pixels.dimensions().hash(state);
    }
}

impl CustomImage for RawPixels {
    fn color_channel(&self) -> &[u8] {
        match &*self.pixels {
            Pixels::Gray(g) => g.as_raw(),
            Pixels::Rgb(c) => c.as_raw(),
        }
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        None
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        self.pixels.dimensions()
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> ImageColorspace {
        match &*self.pixels {
            Pixels::Gray(_) => ImageColorspace::Luma,
            Pixels::Rgb(_) => ImageColorspace::Rgb,
        }
    }
}

fn draw_rect(
    surface: &mut Surface,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    fill: Option<f32>,
    stroke: Option<f32>,
) {
    let Some(path) = rect_path(x, y, w, h) else {
        return;
    };
    let gray = |v: f32| luma::Color::new((v.clamp(0.0, 1.0) * 255.0).round() as u8);
    surface.set_fill(fill.map(|v| Fill {
        paint: gray(v).into(),
        ..Default::default()
    }));
    surface.set_stroke(stroke.map(|width| Stroke {
        paint: rgb::Color::black().into(),
        width,
        ..Default::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

fn draw_run(surface: &mut Surface, run: &GlyphRun, fonts: &Fonts, pdf_fonts: &PdfFonts) {
    if run.glyphs.is_empty() {
        return;
    }
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let end = run.glyphs[i + 1..]
                .iter()
                .map(|n| n.cluster)
                .find(|&c| c > g.cluster)
                .unwrap_or(run.text.len());
            KrillaGlyph {
                glyph_id: GlyphId::new(g.id as u32),
                text_range: g.cluster..end.max(g.cluster),
                x_advance: g.advance,
                x_offset: g.x_offset,
                y_offset: g.y_offset,
                y_advance: 0.0,
                location: None,
            }
        })
        .collect();
    surface.set_fill(Some(Fill {
        paint: rgb::Color::black().into(),
        ..Default::default()
    }));
    surface.draw_glyphs(
        Point::from_xy(run.x, run.y),
        &glyphs,
        pdf_fonts.get(fonts, run.style),
        &run.text,
        run.size,
        false,
    );
}

fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(Rect::from_xywh(x, y, w, h)?);
    pb.finish()
}

fn draw_line(surface: &mut Surface, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, dashed: bool) {
    let mut pb = PathBuilder::new();
    pb.move_to(x1, y1);
    pb.line_to(x2, y2);
    let Some(path) = pb.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: rgb::Color::black().into(),
        width,
        line_cap: LineCap::Butt,
        dash: dashed.then(|| StrokeDash {
            array: vec![3.0, 3.0],
            offset: 0.0,
        }),
        ..Default::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

fn outline(set: &Typeset) -> Outline {
    let mut outline = Outline::new();
    // Nest entries by level: a stack of (level, node).
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    let close = |stack: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline, level: u8| {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            let (_, node) = stack.pop().expect("checked");
            match stack.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    };
    for e in &set.outline {
        close(&mut stack, &mut outline, e.level);
        let node = OutlineNode::new(
            e.title.clone(),
            XyzDestination::new(e.page, Point::from_xy(0.0, e.y.max(0.0))),
        );
        stack.push((e.level, node));
    }
    close(&mut stack, &mut outline, 0);
    outline
}

/// A PDF date from Unix seconds (UTC).
fn pdf_date(secs: i64) -> DateTime {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    DateTime::new(y.clamp(0, 9999) as u16)
        .month(m as u8)
        .day(d as u8)
        .hour((rem / 3600) as u8)
        .minute((rem % 3600 / 60) as u8)
        .second((rem % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
