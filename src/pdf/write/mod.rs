//! zinepress's own PDF writer for the reading copy, on pdf-writer and
//! subsetter (the crates krilla is built on): one compressor reused for
//! every stream, font subsets with ToUnicode maps, no bounding boxes, a
//! tagged structure, the outline, page labels, link annotations, trim boxes
//! and XMP metadata claiming PDF/UA-1 when nothing keeps the PDF from it.
//!
//! The imposed layouts (`sheets`) are written with the same parts, untagged.
//! `zinepress impose` places the pages of PDFs made elsewhere with them too
//! (`crate::pdf::embed`, the pages copied as they are stored).

mod content;
mod deflate;
mod finish;
mod font;
mod images;
mod meta;
mod png_samples;
mod sheets;
mod structure;
mod textop;

pub(crate) use deflate::Deflater;
pub(crate) use png_samples::png_samples;
pub use sheets::{root, write_imposed, write_sheets, Affine, SheetsDoc};

use crate::document::Metadata;
use crate::pdf::tags::Structure;
use crate::typeset::fonts::Fonts;
use crate::typeset::page::{Elem, LinkTarget, PageItem, Role, Tag, Typeset};
use anyhow::Result;
use content::PageContent;
use pdf_writer::types::{AnnotationFlags, AnnotationType, TabOrder};
use pdf_writer::{Chunk, Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str, TextStr};
use structure::Leaf;

/// No indents or line breaks between a PDF's objects and operators: a
/// reader does not need them, and they are bytes to write and compress.
pub(crate) const COMPACT: Settings = Settings { pretty: false };

/// A page drawn, waiting for its stream to be deflated.
struct PagePart {
    stream: Stream,
    /// Its link annotations, written before its stream.
    annots_chunk: Chunk,
    annots: Vec<Ref>,
    contents: Ref,
    used_fonts: std::collections::BTreeSet<usize>,
    used_images: std::collections::BTreeSet<usize>,
}

/// A page's content stream, deflated or given to a job that deflates it.
enum Stream {
    Deflated(Vec<u8>),
    Deflating,
}

/// Object numbers handed out in order, from 1.
#[derive(Default)]
pub struct Refs(i32);

impl Refs {
    pub fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Writes laid-out pages as a tagged PDF, one PDF page per page (see
/// `crate::pdf::write_pages_checked`): the PDF, and a warning when it cannot
/// claim PDF/UA-1 (it is written tagged all the same).
pub fn write_reading(
    set: &Typeset,
    meta: &Metadata,
    fonts: &Fonts,
) -> Result<(Vec<u8>, Option<String>)> {
    let mut refs = Refs(0);
    let catalog = refs.next();
    let tree = refs.next();
    let page_refs: Vec<Ref> = set.pages.iter().map(|_| refs.next()).collect();
    let mut out = Chunk::with_settings(COMPACT);
    let mut subsets = font::Subsets::default();
    let mut images = images::Images::default();
    let mut structure: Structure<Leaf> = Structure::default();
    let mut marked = Vec::with_capacity(set.pages.len());
    let mut notdef = Vec::new();
    let mut next_key = set.pages.len() as i32;
    // Each page drawn in order (subsets number glyphs as they are drawn);
    // its stream is deflated by a job of its own, on the pool's other core
    // while the next pages are drawn when one is free.
    let mut parts: Vec<PagePart> = Vec::with_capacity(set.pages.len());
    let alone = rayon::current_num_threads() < 2;
    let mut pages = finish::Pages::new(set.pages.len());
    let finished = rayon::in_place_scope(|scope| -> Result<finish::Finished> {
        for (i, page) in set.pages.iter().enumerate() {
            let mut pc = PageContent::new(
                page.height,
                Some(fonts),
                &mut subsets,
                &mut images,
                &mut refs,
            );
            for item in &page.items {
                let tag = match item {
                    PageItem::Glyphs(run) if run.glyphs.is_empty() => continue,
                    PageItem::Glyphs(run) => (&run.tag, true),
                    PageItem::Image { tag, .. } => (tag, false),
                    PageItem::Rule { .. } | PageItem::Rect { .. } => (
                        &Tag::Artifact(crate::typeset::page::Furniture::Layout),
                        false,
                    ),
                    PageItem::Link { .. } => continue,
                };
                let furniture = match tag.0 {
                    Tag::Artifact(f) => Some(*f),
                    Tag::Content(_) => None,
                };
                let mcid = pc.begin(furniture, tag.1);
                pc.draw(item)?;
                pc.end();
                if let (Some(mcid), Tag::Content(path)) = (mcid, tag.0) {
                    let leaf = Leaf::Marked { page: i, mcid };
                    if path.is_empty() {
                        // Text no element holds (none should be): a paragraph of its own.
                        structure.add(&[Elem::new(Role::Paragraph)], leaf);
                    } else {
                        structure.add(path, leaf);
                    }
                }
            }
            let used_fonts = std::mem::take(&mut pc.used_fonts);
            let used_images = std::mem::take(&mut pc.used_images);
            notdef.append(&mut pc.notdef);
            let mcids = pc.marked();
            // On one thread each page is deflated as soon as it is drawn, so
            // that no more than one page's operators are held.
            let stream = match alone {
                true => {
                    Stream::Deflated(deflate::with_deflater(|z| z.deflate(&pc.content.finish())))
                }
                false => {
                    pages.deflate(scope, i, pc.content.finish().into_vec());
                    Stream::Deflating
                }
            };
            marked.push(mcids);

            // Link annotations, tagged where their text is.
            let mut annots_chunk = Chunk::with_settings(COMPACT);
            let mut annots = Vec::new();
            for item in &page.items {
                let PageItem::Link {
                    x,
                    y,
                    width,
                    height,
                    target,
                    tag,
                } = item
                else {
                    continue;
                };
                if !(*width >= 0.0 && *height >= 0.0 && width.is_finite() && height.is_finite()) {
                    continue;
                }
                let annot = refs.next();
                let key = next_key;
                next_key += 1;
                write_link(
                    &mut annots_chunk,
                    annot,
                    (*x, *y, *width, *height),
                    page.height,
                    target,
                    &page_refs,
                    set,
                    key,
                );
                let mut path = match tag {
                    Tag::Content(path) => path.clone(),
                    Tag::Artifact(_) => Vec::new(),
                };
                path.push(Elem::new(Role::Link));
                structure.add(
                    &path,
                    Leaf::Annot {
                        page: i,
                        annot,
                        key,
                    },
                );
                annots.push(annot);
            }
            parts.push(PagePart {
                stream,
                annots_chunk,
                annots,
                contents: refs.next(),
                used_fonts,
                used_images,
            });
        }

        // The subsets' objects are numbered now, as if written here in order;
        // they are written beside the pages' streams still being deflated.
        let subset_ids: Vec<[Ref; 4]> = subsets
            .list
            .iter()
            .map(|_| font::subset_refs(&mut refs))
            .collect();
        finish::streams(&subsets, &subset_ids, fonts, &images)
    })?;
    for (i, part) in parts.iter_mut().enumerate() {
        let page = &set.pages[i];
        let stream = match std::mem::replace(&mut part.stream, Stream::Deflating) {
            Stream::Deflated(stream) => stream,
            Stream::Deflating => pages.take(i)?,
        };
        out.extend(&part.annots_chunk);
        out.stream(part.contents, &stream)
            .filter(Filter::FlateDecode);
        let mut p = out.page(page_refs[i]);
        let rect = Rect::new(0.0, 0.0, page.width, page.height);
        p.media_box(rect);
        p.parent(tree);
        p.contents(part.contents);
        page_resources(
            p.resources(),
            &part.used_fonts,
            &part.used_images,
            &[],
            &subsets,
            &images,
        );
        p.struct_parents(i as i32);
        p.tab_order(TabOrder::StructureOrder);
        p.trim_box(rect);
        if !part.annots.is_empty() {
            p.annotations(part.annots.iter().copied());
        }
        p.finish();
    }
    drop(parts);
    out.pages(tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);

    let mut problems = meta::Problems::default();
    for (subset, chunk) in subsets.list.iter().zip(&finished.subsets) {
        let face = fonts.face_of(subset.id);
        out.extend(chunk);
        problems.unmapped |= subset.unmapped();
        problems.restricted |=
            face.face.permissions() == Some(rustybuzz::ttf_parser::Permissions::Restricted);
    }
    out.extend(&finished.images);

    let mut missing = structure::Missing::default();
    let struct_root = structure::write(
        &mut out,
        structure,
        &meta.language,
        &page_refs,
        &marked,
        next_key,
        &mut refs,
        &mut missing,
    );
    let outline = meta::write_outline(&mut out, set, &page_refs, &mut refs);

    problems.notdef = notdef;
    problems.missing = missing;
    problems.no_title = meta.title.trim().is_empty();
    let warning = problems.warning();
    let xmp = refs.next();
    let info = refs.next();
    let xmp_bytes = meta::xmp(meta, set.pages.len(), warning.is_none());
    out.metadata(xmp, xmp_bytes.as_bytes());

    let label = meta::write_label(&mut out, &mut refs, 1);
    let mut pdf = Pdf::with_settings(COMPACT);
    pdf.set_version(1, 7);
    pdf.set_file_id(meta::file_id(meta));
    pdf.extend(&out);
    meta::write_info(&mut pdf, info, meta, true);
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    cat.lang(TextStr(&meta.language));
    // `/Suspects` is left out: false is its default, and poppler (22.12)
    // reports a present `/Suspects false` as a syntax error on every run.
    cat.mark_info().marked(true);
    cat.metadata(xmp);
    if let Some(outline) = outline {
        cat.outlines(outline);
    }
    cat.page_labels().nums().insert(0, label);
    cat.insert(Name(b"StructTreeRoot")).primitive(struct_root);
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();

    if alone {
        // Held no longer than a PDF is written, as a compressor of its own would be.
        deflate::release();
    }
    Ok((pdf.finish(), warning))
}

/// A page's resources: the subsets and images its content names (`f{i}`,
/// `x{i}`), and the pages of another PDF placed on it (`p{i}`).
pub fn page_resources(
    mut resources: pdf_writer::writers::Resources,
    fonts: &std::collections::BTreeSet<usize>,
    used_images: &std::collections::BTreeSet<usize>,
    forms: &[Ref],
    subsets: &font::Subsets,
    images: &images::Images,
) {
    if !fonts.is_empty() {
        let mut dict = resources.fonts();
        for f in fonts {
            dict.pair(
                Name(content::subset_name(*f).as_bytes()),
                subsets.list[*f].font_ref,
            );
        }
    }
    if !used_images.is_empty() || !forms.is_empty() {
        let mut dict = resources.x_objects();
        for x in used_images {
            dict.pair(Name(format!("x{x}").as_bytes()), images.get(*x));
        }
        for (k, form) in forms.iter().enumerate() {
            dict.pair(Name(format!("p{k}").as_bytes()), *form);
        }
    }
}

/// A link annotation over (x, y, w, h) (y down from the page's top).
#[allow(clippy::too_many_arguments)]
fn write_link(
    out: &mut Chunk,
    id: Ref,
    (x, y, w, h): (f32, f32, f32, f32),
    page_height: f32,
    target: &LinkTarget,
    pages: &[Ref],
    set: &Typeset,
    key: i32,
) {
    let alt = match target {
        LinkTarget::Uri(url) => format!("Link to {url}"),
        LinkTarget::Page { index, .. } => format!("Link to page {}", index + 1),
    };
    let mut a = out.annotation(id);
    a.subtype(AnnotationType::Link);
    a.rect(Rect::new(x, page_height - (y + h), x + w, page_height - y));
    a.border(0.0, 0.0, 0.0, None);
    a.flags(AnnotationFlags::PRINT);
    match target {
        LinkTarget::Uri(url) => {
            a.action()
                .action_type(pdf_writer::types::ActionType::Uri)
                .uri(Str(url.as_bytes()));
        }
        LinkTarget::Page { index, y } => {
            if let (Some(page), Some(p)) = (pages.get(*index), set.pages.get(*index)) {
                a.insert(Name(b"Dest"))
                    .start::<pdf_writer::writers::Destination>()
                    .page(*page)
                    .xyz(0.0, p.height - y.max(0.0), None);
            }
        }
    }
    a.struct_parent(key);
    a.contents(TextStr(&alt));
    a.finish();
}
