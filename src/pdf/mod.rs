//! Writing PDF with krilla: laid-out pages as they are, or placed on sheets.
//!
//! This module draws what [`crate::typeset`] laid out and what
//! [`crate::impose`] computed; it makes no layout decisions of its own.
//! [`write_pages`] writes one PDF page per page; `sheets` places pages on
//! imposed sheets, and [`embed`] does the same with the pages of a PDF made
//! elsewhere.

pub mod embed;
mod images;
mod sheets;
mod tags;
mod text;
mod write;

pub use sheets::write_imposed;

use images::draw_image;
use text::draw_run;

use crate::document::Metadata;
use crate::typeset::fonts::{FaceId, Fonts};
use crate::typeset::page::{Elem, LinkTarget, Page, PageItem, Role, Tag, Typeset};
use anyhow::{anyhow, Result};
use krilla::action::LinkAction;
use krilla::annotation::{LinkAnnotation, Target};
use krilla::color::{luma, rgb};
use krilla::configure::{ConfigurationBuilder, PdfVersion, ValidationError};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata as PdfMetadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill, LineCap, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::Font;
use krilla::{Document, SerializeSettings};
use std::cell::RefCell;
use std::collections::HashMap;
use std::num::NonZeroU32;

/// The krilla fonts of a document, one per face used, made as they are needed.
struct PdfFonts(RefCell<HashMap<FaceId, Option<Font>>>);

impl PdfFonts {
    /// Checks that krilla reads the family's faces (fallback faces are checked when used).
    fn new(fonts: &Fonts) -> Result<PdfFonts> {
        let map = PdfFonts(RefCell::new(HashMap::new()));
        for (style, face) in fonts.faces() {
            let font = Font::new(face.data.into(), face.index)
                .ok_or_else(|| anyhow!("{}: krilla cannot read this font", face.file.display()))?;
            map.0
                .borrow_mut()
                .insert(FaceId::primary(style), Some(font));
        }
        Ok(map)
    }

    /// The krilla font of face `id`; `None` when krilla cannot read a fallback face.
    fn get(&self, fonts: &Fonts, id: FaceId) -> Option<Font> {
        let id = if id.family == 0 {
            FaceId::primary(fonts.resolved(id.style))
        } else {
            id
        };
        self.0
            .borrow_mut()
            .entry(id)
            .or_insert_with(|| {
                let face = fonts.face_of(id);
                Font::new(face.data.into(), face.index)
            })
            .clone()
    }
}

/// An empty document with XMP metadata, written as `version` (PDF 1.7 unless
/// an embedded PDF needs 2.0), its content streams compressed or not.
fn empty_document(version: PdfVersion, compress: bool) -> Document {
    let configuration = ConfigurationBuilder::new()
        .with_version(version)
        .finish()
        .unwrap_or_default();
    document_with(configuration, compress)
}

fn document_with(configuration: krilla::configure::Configuration, compress: bool) -> Document {
    Document::new_with(SerializeSettings {
        xmp_metadata: true,
        configuration,
        compress_content_streams: compress,
        ..SerializeSettings::default()
    })
}

fn new_document(meta: &Metadata) -> Document {
    with_metadata(empty_document(PdfVersion::default(), true), meta)
}

/// A document krilla checks against PDF/UA-1 as it writes it (PDF 1.7).
fn accessible_document(meta: &Metadata) -> Result<Document> {
    let configuration = ConfigurationBuilder::new()
        .with_version(PdfVersion::Pdf17)
        .with_accessibility_validator(krilla::configure::Accessibility::UA1)
        .finish()
        .map_err(|e| anyhow!("krilla cannot write PDF/UA-1: {e:?}"))?;
    Ok(with_metadata(document_with(configuration, true), meta))
}

fn with_metadata(mut doc: Document, meta: &Metadata) -> Document {
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

/// Writes laid-out pages as a tagged PDF, one PDF page per page: see
/// [`write_pages_checked`]; the warning is dropped.
pub fn write_pages(set: &Typeset, meta: &Metadata, fonts: &Fonts) -> Result<Vec<u8>> {
    write_pages_checked(set, meta, fonts).map(|(pdf, _)| pdf)
}

/// Writes laid-out pages as a tagged PDF, one PDF page per page: the
/// structure tree follows the typesetter's tags, in reading order. krilla
/// checks it against PDF/UA-1. A PDF that fails (characters the fonts lack,
/// the one check the layout cannot pass by itself) is written tagged but
/// without the PDF/UA-1 claim, and the warning says what failed: never a
/// silent downgrade.
pub fn write_pages_checked(
    set: &Typeset,
    meta: &Metadata,
    fonts: &Fonts,
) -> Result<(Vec<u8>, Option<String>)> {
    if std::env::var_os("ZINEPRESS_KRILLA_READING").is_none() {
        return write::write_reading(set, meta, fonts);
    }
    match write_tagged(set, meta, fonts, Some(accessible_document(meta)?)) {
        Ok(pdf) => Ok((pdf, None)),
        Err(Failure::Invalid(errors)) => {
            let pdf = write_tagged(set, meta, fonts, None).map_err(Failure::into_error)?;
            Ok((pdf, Some(ua_warning(&errors))))
        }
        Err(e) => Err(e.into_error()),
    }
}

/// What keeps a PDF from PDF/UA-1, and what to do.
fn ua_warning(errors: &[(ValidationError, krilla::configure::Validators)]) -> String {
    let missing: std::collections::BTreeSet<String> = errors
        .iter()
        .filter_map(|(e, _)| match e {
            ValidationError::ContainsNotDefGlyph(_, _, text) => Some(format!("“{text}”")),
            _ => None,
        })
        .collect();
    let other: std::collections::BTreeSet<String> = errors
        .iter()
        .filter(|(e, _)| !matches!(e, ValidationError::ContainsNotDefGlyph(..)))
        .map(|(e, _)| format!("{e:?}"))
        .collect();
    let mut why = Vec::new();
    if !missing.is_empty() {
        why.push(format!(
            "the fonts have no glyph for {} (printed as blank boxes); put a font family that has them in the project's fonts/ folder",
            missing.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    if !other.is_empty() {
        why.push(format!(
            "krilla found {}; this is a zinepress bug, please report it",
            other.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    format!(
        "the reading PDF is tagged but not PDF/UA-1: {}",
        why.join("; ")
    )
}

/// Why a PDF was not written: krilla's PDF/UA-1 findings, or anything else.
enum Failure {
    Invalid(Vec<(ValidationError, krilla::configure::Validators)>),
    Other(anyhow::Error),
}

impl Failure {
    fn into_error(self) -> anyhow::Error {
        match self {
            Failure::Other(e) => e,
            Failure::Invalid(errors) => anyhow!("the PDF could not be written: {errors:?}"),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Other(e)
    }
}

/// Writes the tagged pages into `doc`, by default a plain document.
fn write_tagged(
    set: &Typeset,
    meta: &Metadata,
    fonts: &Fonts,
    doc: Option<Document>,
) -> std::result::Result<Vec<u8>, Failure> {
    let pdf_fonts = PdfFonts::new(fonts)?;
    let mut doc = doc.unwrap_or_else(|| new_document(meta));
    let mut structure = tags::Structure::default();
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
        draw_page(&mut surface, page, fonts, &pdf_fonts, Some(&mut structure))?;
        surface.finish();
        for item in &page.items {
            if let PageItem::Link {
                x,
                y,
                width,
                height,
                target,
                tag,
            } = item
            {
                let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) else {
                    continue;
                };
                // What a screen reader says of the link (PDF/UA-1 wants it).
                let alt = match target {
                    LinkTarget::Uri(url) => format!("Link to {url}"),
                    LinkTarget::Page { index, .. } => format!("Link to page {}", index + 1),
                };
                let target = match target {
                    LinkTarget::Uri(url) => Target::Action(LinkAction::new(url.clone()).into()),
                    LinkTarget::Page { index, y } => Target::Destination(
                        XyzDestination::new(*index, Point::from_xy(0.0, y.max(0.0))).into(),
                    ),
                };
                let link = krilla::annotation::Annotation::new_link(
                    LinkAnnotation::new(rect, target),
                    Some(alt),
                );
                let id = pdf_page.add_tagged_annotation(link);
                let mut path = match tag {
                    Tag::Content(path) => path.clone(),
                    Tag::Artifact(_) => Vec::new(),
                };
                path.push(Elem::new(Role::Link));
                structure.add(&path, id);
            }
        }
        pdf_page.finish();
    }
    doc.set_tag_tree(structure.into_tree(&meta.language));
    doc.set_outline(outline(set));
    doc.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(errors) => Failure::Invalid(errors),
        e => Failure::Other(anyhow!("the PDF could not be written: {e:?}")),
    })
}

/// Draws a page's items; with a structure, each marked as content (added
/// to the structure where its tag says) or as an artifact.
fn draw_page(
    surface: &mut Surface,
    page: &Page,
    fonts: &Fonts,
    pdf_fonts: &PdfFonts,
    mut structure: Option<&mut tags::Structure<krilla::tagging::Identifier>>,
) -> Result<()> {
    for item in &page.items {
        let tag = match item {
            PageItem::Glyphs(run) if run.glyphs.is_empty() => continue,
            PageItem::Glyphs(run) => Some((&run.tag, true)),
            PageItem::Image { tag, .. } => Some((tag, false)),
            PageItem::Rule { .. } | PageItem::Rect { .. } => Some((
                &Tag::Artifact(crate::typeset::page::Furniture::Layout),
                false,
            )),
            PageItem::Link { .. } => None,
        };
        let marked = match (structure.as_deref_mut(), tag) {
            (Some(s), Some((tag, text))) => Some((s, tag, text)),
            _ => None,
        };
        let id = marked.as_ref().map(|(_, tag, text)| {
            let furniture = match tag {
                Tag::Artifact(f) => Some(*f),
                Tag::Content(_) => None,
            };
            surface.start_tagged(tags::content_tag(furniture, *text))
        });
        draw_item(surface, item, fonts, pdf_fonts)?;
        if let (Some((s, tag, _)), Some(id)) = (marked, id) {
            surface.end_tagged();
            if let Tag::Content(path) = tag {
                if path.is_empty() {
                    // Text no element holds (none should be): a paragraph of its own.
                    s.add(&[Elem::new(Role::Paragraph)], id);
                } else {
                    s.add(path, id);
                }
            }
        }
    }
    Ok(())
}

fn draw_item(
    surface: &mut Surface,
    item: &PageItem,
    fonts: &Fonts,
    pdf_fonts: &PdfFonts,
) -> Result<()> {
    {
        match item {
            PageItem::Glyphs(run) => draw_run(surface, run, fonts, pdf_fonts)?,
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
                ..
            } => draw_image(surface, *x, *y, *width, *height, image)?,
            // Annotations belong to the page, not its drawing: see `write_pages`.
            PageItem::Link { .. } => {}
        }
    }
    Ok(())
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
    fn the_ua_warning_names_missing_characters_and_other_findings() {
        let v = krilla::configure::Validators::default();
        let w = ua_warning(&[(ValidationError::NoDocumentLanguage, v)]);
        assert!(
            w.contains("NoDocumentLanguage") && w.contains("zinepress bug"),
            "{w}"
        );
        assert!(!w.contains("fonts"), "{w}");
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
