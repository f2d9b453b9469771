//! Document to EPUB 3.3 bytes: title page, one file per top-level section, notes, colophon.
//!
//! [`sections`] splits the blocks, [`xhtml`] renders them, [`notes`] links note
//! references both ways, [`pages`] wraps whole pages, [`manifest`] lists the
//! files, [`opf`], [`ncx`] and [`nav`] write the package document and the two
//! tables of contents, and [`package`] zips it all in one pass, so the same
//! Document always gives the same bytes.

mod fonts;
mod manifest;
mod metadata;
mod nav;
mod ncx;
mod notes;
mod opf;
mod package;
mod pagelist;
mod pages;
mod roles;
mod sections;
mod text;
mod xhtml;

use crate::cover::{Encoded, Encoding, EpubImages};
use crate::document::Document;
use crate::lang::{fill, Locale, Locales};
use anyhow::Result;
use manifest::{Item, Landmark, Link};
use notes::{NoteRefs, NOTES_FILE};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use text::clean;
use xhtml::{HeadingRef, Writer};

/// The stylesheet every page links to.
const STYLE: &str = include_str!("style.css");
/// Added to it for a language written right to left.
const STYLE_RTL: &str = include_str!("rtl.css");

/// Options for the EPUB writer.
#[derive(Debug, Clone, Default)]
pub struct EpubOptions {
    /// Embed the font family (whole faces, only those the text uses) and use it
    /// for the body text. Off by default: readers then use their own fonts.
    pub embed_fonts: bool,
    /// Where the faces to embed are; `None` uses the built-in Linux Libertine.
    pub fonts_dir: Option<PathBuf>,
    /// The cover and figure images, already encoded for e-readers. A figure
    /// missing here is written as its alt text and caption.
    pub images: EpubImages,
    /// The cover's alt text; default "Cover of TITLE" in the book's language.
    pub cover_alt: Option<String>,
    /// The reading PDF's pages, for page-break markers and a page-list;
    /// none without a reading PDF.
    pub page_map: Option<crate::pagemap::PageMap>,
    /// The book's language data; `None` looks the document's language up among the built-in ones.
    pub locale: Option<Arc<Locale>>,
}

/// Where the cover image goes inside the EPUB.
const COVER_FILE: &str = "cover.xhtml";

/// One XHTML file of the spine.
struct Page {
    file: String,
    title: String,
    landmark: Option<Landmark>,
    xhtml: String,
    children: Vec<HeadingRef>,
}

/// Writes the document as an EPUB 3.3 file.
pub fn write_epub(doc: &Document, opts: &EpubOptions) -> Result<Vec<u8>> {
    write_epub_drawing(doc, opts, None)
}

/// A cover drawn for the EPUB (a PNG), made while the pages are written.
pub type DrawCover<'a> = &'a (dyn Fn() -> Result<Encoded> + Sync);

/// Writes the document as an EPUB 3.3 file; without a cover image in
/// `opts`, `draw` (when given) makes one, on another core when one is free
/// while the pages, the package and the zip are written: the picture is the
/// zip's last entry, so its bytes are only needed at the end.
pub fn write_epub_drawing(
    doc: &Document,
    opts: &EpubOptions,
    draw: Option<DrawCover>,
) -> Result<Vec<u8>> {
    let draw = draw.filter(|_| opts.images.cover.is_none());
    let encoding = match (&opts.images.cover, draw) {
        (Some(img), _) => Some(img.encoding),
        (None, Some(_)) => Some(Encoding::Png),
        (None, None) => None,
    };
    let (drawn, zip) = rayon::join(
        || draw.map(|d| d()).transpose(),
        || zip_all_but_the_cover(doc, opts, encoding),
    );
    let (drawn, mut zip) = (drawn?, zip?);
    if let Some(img) = drawn.as_ref().or(opts.images.cover.as_ref()) {
        anyhow::ensure!(
            Some(img.encoding) == encoding,
            "the drawn EPUB cover is not a PNG"
        );
        zip.add(&format!("OEBPS/{}", cover_path(img.encoding)), &img.data)?;
    }
    zip.finish()
}

/// Where the cover image goes inside the EPUB's OEBPS folder.
fn cover_path(encoding: Encoding) -> String {
    format!("images/cover.{}", encoding.extension())
}

/// The EPUB's zip with every file but the cover image's bytes: `cover` is
/// its encoding, when the EPUB has one. The entries go in a fixed order:
/// `mimetype`, the container, the package document and the two tables of
/// contents, the style sheet, the fonts, the pages, the figures.
fn zip_all_but_the_cover(
    doc: &Document,
    opts: &EpubOptions,
    cover: Option<Encoding>,
) -> Result<package::Zip> {
    let meta = &doc.meta;
    let lang = metadata::language(meta)?;
    let locale = opts
        .locale
        .clone()
        .unwrap_or_else(|| Arc::new(Locales::built_in().resolve(&lang).locale));
    let words = &locale.words;
    let identifier = metadata::identifier(meta);
    let title = match clean(meta.title.trim()) {
        t if t.is_empty() => words.untitled.clone(),
        t => t,
    };
    let faces = if opts.embed_fonts {
        fonts::resources(doc, opts.fonts_dir.as_deref())?
    } else {
        Vec::new()
    };
    let font_credit = (!faces.is_empty()).then_some(match opts.fonts_dir {
        None => "Linux Libertine (SIL Open Font License)",
        Some(_) => "the project’s font",
    });
    let mut css = STYLE.to_string();
    if locale.is_rtl() {
        css.push_str(STYLE_RTL);
    }
    if !faces.is_empty() {
        css.push_str(&fonts::css(&faces));
    }
    // The manifest: style sheet, fonts, cover image, figures, then the pages.
    let mut items = vec![Item::resource("stylesheet.css", "text/css")];
    for f in &faces {
        items.push(Item::resource(f.path.clone(), f.media_type));
    }
    let cover = match cover {
        Some(encoding) => {
            let path = cover_path(encoding);
            items.push(Item::cover_image(path.clone(), encoding.media_type()));
            let alt = opts
                .cover_alt
                .as_deref()
                .map(clean)
                .filter(|a| !a.trim().is_empty())
                .unwrap_or_else(|| fill(&words.cover_alt, &[("title", &title)]));
            Some((path, alt))
        }
        None => None,
    };
    let mut figure_paths = BTreeMap::new();
    for (i, (src, img)) in opts.images.figures.iter().enumerate() {
        let path = format!("images/figure-{}.{}", i + 1, img.encoding.extension());
        items.push(Item::resource(path.clone(), img.encoding.media_type()));
        figure_paths.insert(src.clone(), path);
    }
    let breaks = opts
        .page_map
        .as_ref()
        .map(|m| pagelist::Breaks::of(m, doc.blocks.len()))
        .unwrap_or_default();
    let mut pages = render_pages(
        doc,
        &lang,
        &locale,
        &title,
        font_credit,
        &figure_paths,
        &breaks,
    );
    // Each page number and the file its marker is in, in page order.
    let page_files: Vec<(String, String)> = opts
        .page_map
        .iter()
        .flat_map(|m| &m.pages)
        .filter_map(|(label, _)| {
            let id = format!("id=\"{}\"", pagelist::id(label));
            let page = pages.iter().find(|p| p.xhtml.contains(&id))?;
            Some((label.clone(), page.file.clone()))
        })
        .collect();
    let page_list = (!page_files.is_empty()).then(|| pagelist::nav(&page_files));
    let page_source = page_list
        .as_ref()
        .and(opts.page_map.as_ref())
        .map(|m| m.source.as_str());
    if let Some((path, alt)) = &cover {
        pages.insert(
            0,
            Page {
                file: COVER_FILE.into(),
                title: words.cover.clone(),
                landmark: Some(Landmark::Cover),
                xhtml: pages::page(
                    &lang,
                    locale.dir(),
                    title.as_str(),
                    "frontmatter",
                    &pages::cover(path, alt),
                ),
                children: Vec::new(),
            },
        );
    }
    let contents = metadata::Contents::of_pages(pages.iter().map(|p| p.xhtml.as_str()));
    for p in &mut pages {
        items.push(Item::page(
            p.file.clone(),
            manifest::Page {
                // Titles keep no character XML forbids (a heading may hold a terminal's escape codes).
                title: clean(&p.title),
                landmark: p.landmark,
                children: std::mem::take(&mut p.children)
                    .into_iter()
                    .map(|h| Link {
                        href: format!("{}#{}", p.file, h.id),
                        title: clean(&h.text),
                    })
                    .filter(|l| !l.title.is_empty())
                    .collect(),
            },
        ));
    }
    let toc_name = clean(&words.contents);
    let extra = metadata::extra_metadata(meta, &contents, &lang, page_source);
    let trimmed = |s: Option<&str>| {
        s.map(clean)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let (description, rights) = (
        trimmed(meta.description.as_deref()),
        trimmed(meta.rights.as_deref()),
    );
    let subjects: Vec<String> = meta
        .subjects
        .iter()
        .map(|s| clean(s.trim()))
        .filter(|s| !s.is_empty())
        .collect();
    let modified = metadata::modified(meta.modified);
    let opf = opf::opf(
        &opf::Package {
            identifier: &identifier,
            title: &title,
            lang: &lang,
            dir: locale.dir(),
            modified: &modified,
            description: description.as_deref(),
            subjects: &subjects,
            rights: rights.as_deref(),
            toc_name: &toc_name,
            extra: &extra,
        },
        &items,
    );
    let ncx = ncx::ncx(&identifier, &lang, &title, &items);
    let nav = nav::nav(
        &nav::Nav {
            lang: &lang,
            dir: locale.dir(),
            toc_name: &toc_name,
            landmarks: &words.landmarks,
            page_list: page_list.as_deref(),
        },
        &items,
    );

    let mut zip = package::Zip::epub()?;
    zip.add("META-INF/container.xml", package::CONTAINER_XML.as_bytes())?;
    zip.add(
        "META-INF/com.apple.ibooks.display-options.xml",
        package::IBOOKS_XML.as_bytes(),
    )?;
    zip.add("OEBPS/content.opf", opf.as_bytes())?;
    zip.add("OEBPS/toc.ncx", ncx.as_bytes())?;
    zip.add("OEBPS/nav.xhtml", nav.as_bytes())?;
    zip.add("OEBPS/stylesheet.css", css.as_bytes())?;
    for f in &faces {
        zip.add(&format!("OEBPS/{}", f.path), &f.data)?;
    }
    for p in &pages {
        zip.add(&format!("OEBPS/{}", p.file), p.xhtml.as_bytes())?;
    }
    for (src, img) in &opts.images.figures {
        if let Some(path) = figure_paths.get(src) {
            zip.add(&format!("OEBPS/{path}"), &img.data)?;
        }
    }
    Ok(zip)
}

/// The body of every chapter and of the notes, as the EPUB writes them,
/// without the title page, the colophon and the page skeletons: for tests
/// that compare what the EPUB says with what a source says.
pub fn xhtml_body(doc: &Document) -> String {
    let title = if doc.meta.title.trim().is_empty() {
        "Untitled"
    } else {
        doc.meta.title.trim()
    };
    render_pages(
        doc,
        "en",
        &crate::lang::Locale::english(),
        title,
        None,
        &BTreeMap::new(),
        &pagelist::Breaks::default(),
    )
    .iter()
    .filter(|p| p.file.starts_with("chapter-") || p.file == NOTES_FILE)
    .filter_map(|p| {
        let body = p.xhtml.split_once("<body")?.1.split_once('>')?.1;
        Some(
            body.rsplit_once("</body>")
                .map_or(body, |(b, _)| b)
                .to_string(),
        )
    })
    .collect()
}

/// The spine: title page, sections, notes (when there are any), colophon.
/// `images` maps a figure's `src` to its path inside the EPUB; `breaks`
/// says where the reading PDF's pages begin.
fn render_pages(
    doc: &Document,
    lang: &str,
    locale: &Arc<Locale>,
    title: &str,
    font_credit: Option<&str>,
    images: &BTreeMap<String, String>,
    breaks: &pagelist::Breaks,
) -> Vec<Page> {
    let (words, dir) = (&locale.words, locale.dir());
    let mut out = vec![Page {
        file: "titlepage.xhtml".into(),
        title: words.title_page.clone(),
        landmark: Some(Landmark::TitlePage),
        xhtml: pagelist::after_body_start(
            &pages::page(
                lang,
                dir,
                title,
                "frontmatter",
                &pages::title_page(title, &doc.meta, locale),
            ),
            &pagelist::markers(&breaks.title_page),
        ),
        children: Vec::new(),
    }];
    let sections = sections::split(&doc.blocks, title, &words.section);
    let anchors = anchors(&sections, &doc.notes, images);
    let mut refs = NoteRefs::new(&doc.notes);
    for (i, sec) in sections.iter().enumerate() {
        let mut w = Writer::new(&sec.file, &mut refs);
        w.images = images.clone();
        w.locale = Arc::clone(locale);
        w.anchors = anchors.clone();
        for labels in breaks.before_block.values().chain([&breaks.after_text]) {
            for l in labels {
                w.reserve_id(pagelist::id(l));
            }
        }
        let mut body = String::new();
        for (j, b) in sec.blocks.iter().enumerate() {
            if let Some(labels) = breaks.before_block.get(&(sec.start + j)) {
                body.push_str(&pagelist::markers(labels));
            }
            w.block(b, &mut body);
        }
        if i + 1 == sections.len() {
            body.push_str(&pagelist::markers(&breaks.after_text));
        }
        let headings = std::mem::take(&mut w.headings);
        let own_heading = matches!(
            sec.blocks.first(),
            Some(crate::document::Block::Heading { level: 1, .. })
        );
        let label = if own_heading {
            String::new()
        } else {
            format!(" aria-label=\"{}\"", text::esc_attr(&sec.title))
        };
        let id = sec.file.trim_end_matches(".xhtml");
        let section = format!(
            "<section id=\"{id}\" class=\"chapter\"{}{label}>\n{body}</section>\n",
            roles::semantics("chapter")
        );
        out.push(Page {
            file: sec.file.clone(),
            title: sec.title.clone(),
            landmark: (i == 0).then_some(Landmark::Text),
            xhtml: pages::page(lang, dir, &sec.title, "bodymatter", &section),
            children: toc_children(headings, own_heading),
        });
    }
    if !doc.notes.is_empty() {
        // A reference inside a note links too (a note on a note: Muse's
        // `{1}`). A dry run over the notes, in the order they are written,
        // finds where each note the text never refers to is first referred
        // to, so its backlink has somewhere to go.
        let mut sorted: Vec<&crate::document::Note> = doc.notes.iter().collect();
        sorted.sort_by_key(|n| n.number);
        sorted.dedup_by_key(|n| n.number);
        let mut settled = refs.clone();
        for n in &sorted {
            let mut w = Writer::new(NOTES_FILE, &mut settled);
            w.locale = Arc::clone(locale);
            w.anchors = anchors.clone();
            w.blocks(&n.content, &mut String::new());
        }
        let mut writing = refs.clone();
        let section = notes::endnotes_section(&doc.notes, &settled, &words.notes, |n, back| {
            let mut w = Writer::new(NOTES_FILE, &mut writing);
            w.locale = Arc::clone(locale);
            w.images = images.clone();
            w.anchors = anchors.clone();
            note_body(&mut w, &n.content, back)
        });
        out.push(Page {
            file: NOTES_FILE.into(),
            title: words.notes.clone(),
            landmark: Some(Landmark::Notes),
            xhtml: pages::page(lang, dir, &words.notes, "backmatter", &section),
            children: Vec::new(),
        });
    }
    out.push(Page {
        file: "colophon.xhtml".into(),
        title: words.colophon.clone(),
        landmark: Some(Landmark::Colophon),
        xhtml: pagelist::after_body_start(
            &pages::page(
                lang,
                dir,
                &words.colophon,
                "backmatter",
                &pages::colophon(title, &doc.meta, font_credit, locale),
            ),
            &pagelist::markers(&breaks.colophon),
        ),
        children: Vec::new(),
    });
    out
}

/// The blocks of a note with `back` (its backlink) at the end of its last
/// paragraph, or in a paragraph of its own when it ends in another block.
fn note_body(w: &mut Writer, blocks: &[crate::document::Block], back: &str) -> String {
    let mut s = String::new();
    match blocks.split_last() {
        Some((crate::document::Block::Paragraph(last), rest)) => {
            w.blocks(rest, &mut s);
            s.push_str("<p>");
            w.inlines(last, true, &mut s);
            s.push_str(back);
            s.push_str("</p>");
        }
        _ => {
            w.blocks(blocks, &mut s);
            if !back.is_empty() {
                s.push_str(&format!("<p>{}</p>", back.trim_start()));
            }
        }
    }
    s
}

/// Where each heading id the source gave (`{#id}`) is written: a dry run of
/// the sections, so links to headings work across files.
fn anchors(
    sections: &[sections::Section],
    notes: &[crate::document::Note],
    images: &BTreeMap<String, String>,
) -> BTreeMap<String, (String, String)> {
    let mut scratch = NoteRefs::new(notes);
    let mut out = BTreeMap::new();
    for sec in sections {
        let mut w = Writer::new(&sec.file, &mut scratch);
        w.images = images.clone();
        w.blocks(sec.blocks, &mut String::new());
        for h in &w.headings {
            if let Some(id) = &h.source_id {
                out.entry(id.clone())
                    .or_insert_with(|| (sec.file.clone(), h.id.clone()));
            }
        }
    }
    out
}

/// The headings listed under a section in the table of contents: those one
/// level below the section heading (or the top level of a file without one).
fn toc_children(mut headings: Vec<HeadingRef>, own_heading: bool) -> Vec<HeadingRef> {
    if own_heading && !headings.is_empty() {
        headings.remove(0);
    }
    let Some(top) = headings.iter().map(|h| h.level).min() else {
        return headings;
    };
    headings
        .into_iter()
        .filter(|h| h.level == top && !h.text.is_empty())
        .collect()
}

#[cfg(test)]
mod tests;
