//! A zine's outputs, each rendered on its own: the EPUB, the cover
//! picture, the reading PDF and each imposed layout, from one document.

use super::{timed, BuildOptions, LayoutReport, ZineJob};
use crate::cover::{Assets, EpubImages, PrintMode};
use crate::document::Document;
use crate::epub::{write_epub_drawing, EpubOptions};
use crate::error::Error;
use crate::lang::Locale;
use crate::layout::{Layout, READING_LAYOUT};
use crate::pagemap::PageMap;
use crate::preview;
use crate::project::Project;
use crate::typeset::paragraph::{Setter, WordCache};
use crate::typeset::{fonts::Fonts, typeset_with_assets_then};
use crate::{impose, pdf};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// One independent output of a zine.
pub(super) enum Output {
    Epub,
    /// A small picture of the cover for the preview page, `SLUG.cover.jpg` (or `.png`).
    Cover,
    /// The reading copy, `SLUG.pdf`.
    Reading,
    /// An imposed (or plain) layout by name.
    Layout(String),
}

/// What rendering one [`Output`] made.
#[derive(Default)]
pub(super) struct Rendered {
    pub(super) files: Vec<(String, Vec<u8>)>,
    pub(super) layout: Option<LayoutReport>,
    pub(super) warning: Option<String>,
    pub(super) stages: BTreeMap<String, f64>,
    /// Pages of the reading copy.
    pub(super) pages: Option<usize>,
    /// Where the reading copy's pages begin, for the EPUB's page-list.
    pub(super) page_map: Option<PageMap>,
    /// Whether the fonts were used (an EPUB's type-only cover).
    pub(super) used_fonts: bool,
}

/// Everything rendering a zine's outputs reads.
pub(super) struct RenderContext<'a> {
    pub(super) project: &'a Project,
    pub(super) fonts: &'a super::BuildFonts<'a>,
    pub(super) job: &'a ZineJob,
    pub(super) opts: &'a BuildOptions,
    pub(super) doc: &'a Document,
    pub(super) assets: &'a Assets,
    /// Layouts were named on the command line: one that cannot be imposed is an error, not a warning.
    pub(super) explicit: bool,
    /// Words shaped and hyphenated for one layout, reused by the others.
    pub(super) words: Arc<WordCache>,
    /// The zine's language data.
    pub(super) locale: Arc<Locale>,
    /// Outputs still to take what they need of the images' pixels; the last
    /// lets them go ([`Assets::forget_pixels`]).
    pub(super) pixel_users: AtomicUsize,
    /// The layouts that make a print image from the decoded pixels which no
    /// task before them makes ([`pixel_layouts`]): the others find theirs
    /// made, so they do not keep the pixels.
    pub(super) pixel_layouts: Vec<String>,
    /// Layouts still to be typeset per print mode; after the last of a mode
    /// its print images are not kept for others ([`Assets::forget_prints`]).
    pub(super) mode_users: Mutex<Vec<(PrintMode, usize)>>,
    /// Folding guides already drawn in this build.
    pub(super) guides: &'a GuideMemo,
}

/// Folding guides drawn in one build, for zines whose imposition, layout and
/// language are the same (a guide depends on nothing else, the fonts being
/// the build's): at most [`GuideMemo::KEPT`], a few kilobytes each.
#[derive(Default)]
pub struct GuideMemo {
    drawn: Mutex<Vec<(String, impose::Imposed, Arc<Locale>, Arc<Vec<u8>>)>>,
    /// The glyph sprites of the guides drawn so far (the fonts are the build's).
    sprites: Arc<crate::raster::SpriteStore>,
}

impl GuideMemo {
    const KEPT: usize = 32;

    /// The guide of `imposed` in layout `name` and `locale`, drawn by `draw` unless drawn before.
    fn get(
        &self,
        name: &str,
        imposed: &impose::Imposed,
        locale: &Arc<Locale>,
        draw: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Arc<Vec<u8>>> {
        let same = |(n, i, l, _): &&(String, impose::Imposed, Arc<Locale>, Arc<Vec<u8>>)| {
            n == name && i == imposed && (Arc::ptr_eq(l, locale) || **l == **locale)
        };
        let lock = || self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((.., png)) = lock().iter().find(same) {
            return Ok(Arc::clone(png));
        }
        let png = Arc::new(draw()?);
        let mut drawn = lock();
        if drawn.len() < Self::KEPT {
            drawn.push((
                name.to_string(),
                imposed.clone(),
                Arc::clone(locale),
                Arc::clone(&png),
            ));
        }
        Ok(png)
    }
}

/// The layouts of `tasks` that make a print image from decoded pixels that
/// no task before them makes. A print image is the same for every layout
/// that asks for the same picture, crop, size, resolution and mode, and is
/// kept until the last layout in its mode is typeset, so a layout whose
/// print images are all made by earlier tasks finds them made, whichever
/// thread gets there first, and need not keep the pixels.
pub(super) fn pixel_layouts(
    project: &Project,
    fonts: Option<&Fonts>,
    doc: &Document,
    assets: &Assets,
    setter_of: impl Fn(&Fonts) -> Setter<'_>,
    tasks: &[Output],
) -> Vec<String> {
    let mut claimed: Vec<(std::path::PathBuf, crate::cover::process::PrintKey)> = Vec::new();
    let mut own = Vec::new();
    for task in tasks {
        let name = match task {
            Output::Reading => READING_LAYOUT,
            Output::Layout(name) => name,
            Output::Epub | Output::Cover => continue,
        };
        // A layout that cannot be typeset makes no print image.
        let (Some(fonts), Ok(layout)) = (fonts, project.layouts.get(name)) else {
            continue;
        };
        let keys = crate::typeset::pixel_prints(doc, layout, &mut setter_of(fonts), assets);
        let mut new = false;
        for key in keys {
            if !claimed.contains(&key) {
                claimed.push(key);
                new = true;
            }
        }
        if new {
            own.push(name.to_string());
        }
    }
    own
}

/// The imposed layouts a zine is built in, and whether the command line named them.
pub(super) fn layout_names(
    project: &Project,
    job: &ZineJob,
    opts: &BuildOptions,
) -> (Vec<String>, bool) {
    match &opts.layouts {
        Some(names) => (names.clone(), true),
        None => (
            job.entry
                .layouts
                .clone()
                .unwrap_or_else(|| project.default_layouts()),
            false,
        ),
    }
}

/// Whether the reading copy and every layout of `names` print in color (a
/// layout that cannot be found counts as not).
pub(super) fn in_color_only(project: &Project, names: &[String]) -> bool {
    std::iter::once(READING_LAYOUT)
        .chain(names.iter().map(String::as_str))
        .all(|name| {
            project
                .layouts
                .get(name)
                .is_ok_and(|l| l.print == PrintMode::Color)
        })
}

/// How many of `tasks` typeset a layout in each print mode.
pub(super) fn mode_users(project: &Project, tasks: &[Output]) -> Vec<(PrintMode, usize)> {
    let mut users: Vec<(PrintMode, usize)> = Vec::new();
    for task in tasks {
        let name = match task {
            Output::Reading => READING_LAYOUT,
            Output::Layout(name) => name,
            Output::Epub | Output::Cover => continue,
        };
        let Ok(layout) = project.layouts.get(name) else {
            continue;
        };
        match users.iter_mut().find(|(m, _)| *m == layout.print) {
            Some((_, n)) => *n += 1,
            None => users.push((layout.print, 1)),
        }
    }
    users
}

impl<'a> RenderContext<'a> {
    /// One output has taken what it needs of the images' pixels; after the
    /// last, the decoded pixels and the kept print images go (the pages that
    /// show an image keep it), so the last layouts' PDFs are written without them.
    pub(super) fn done_with_pixels(&self) {
        if self.pixel_users.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.assets.forget_pixels();
        }
    }

    /// A layout in `mode` is typeset: after the last, no print image in that mode is kept for another.
    fn done_with_mode(&self, mode: PrintMode) {
        let mut users = self.mode_users.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, n)) = users.iter_mut().find(|(m, _)| *m == mode) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.assets.forget_prints(mode);
            }
        }
    }

    /// The EPUB's images, encoded for e-readers (pixels are decoded only where a file cannot go in as it is).
    pub(super) fn epub_images(&self, stages: &mut BTreeMap<String, f64>) -> Result<EpubImages> {
        let images = timed(stages, "images", || EpubImages::new(self.assets));
        self.done_with_pixels();
        images
    }

    /// Typesets the zine in layout `name`, within the page limit.
    fn typeset(
        &self,
        name: &str,
        stages: &mut BTreeMap<String, f64>,
    ) -> Result<(&'a Fonts, &'a Layout, crate::typeset::page::Typeset)> {
        let fonts = self.fonts.get()?;
        let layout: &Layout = self.project.layouts.get(name).map_err(Error::Usage)?;
        let mut setter = Setter::with_locale(
            fonts,
            Arc::clone(&self.locale),
            &self.doc.meta.language,
            Arc::clone(&self.words),
        );
        let own = self.pixel_layouts.iter().any(|n| n == name);
        let pages = timed(stages, "typeset", || {
            // Its print images made, a layout needs the pixels no more.
            typeset_with_assets_then(self.doc, layout, &mut setter, self.assets, || {
                if own {
                    self.done_with_pixels()
                }
            })
        })?;
        // The pages hold the print images they show.
        self.done_with_mode(layout.print);
        check_page_count(self.project, self.job, &pages, name)?;
        Ok((fonts, layout, pages))
    }

    /// The EPUB of `images`, with page-break markers where `page_map` says.
    pub(super) fn render_epub(
        &self,
        images: EpubImages,
        page_map: Option<PageMap>,
        stages: &mut BTreeMap<String, f64>,
    ) -> Result<(String, Vec<u8>)> {
        // Without a cover image, the printed type-only cover, drawn while
        // the rest of the EPUB is written (the "epub" stage is the wall time
        // of both, the "cover" stage the drawing's own).
        let type_only = match images.cover {
            Some(_) => None,
            None => Some((
                self.fonts.get()?,
                self.project
                    .layouts
                    .get(READING_LAYOUT)
                    .map_err(Error::Usage)?,
            )),
        };
        let cover_secs = Mutex::new(None);
        let draw = || {
            let (fonts, reading) = type_only.context("no fonts for the type-only cover")?;
            let start = std::time::Instant::now();
            let cover = crate::cover::type_only::epub_cover(self.doc, reading, fonts);
            *cover_secs.lock().unwrap_or_else(|e| e.into_inner()) =
                Some(start.elapsed().as_secs_f64());
            cover
        };
        let epub_opts = EpubOptions {
            images,
            cover_alt: self.assets.cover_alt.clone(),
            locale: Some(Arc::clone(&self.locale)),
            page_map,
            ..Default::default()
        };
        let bytes = timed(stages, "epub", || {
            let draw = type_only.map(|_| &draw as crate::epub::DrawCover);
            write_epub_drawing(self.doc, &epub_opts, draw)
        })
        .with_context(|| format!("{}: writing the EPUB", self.job.entry.source))?;
        if let Some(secs) = cover_secs.into_inner().unwrap_or_else(|e| e.into_inner()) {
            *stages.entry("cover".to_string()).or_insert(0.0) += secs;
        }
        Ok((format!("{}.epub", self.job.slug), bytes))
    }

    pub(super) fn render(&self, task: &Output) -> Result<Rendered> {
        let mut out = Rendered::default();
        let (doc, job, stages) = (self.doc, self.job, &mut out.stages);
        match task {
            Output::Epub => {
                let images = self.epub_images(stages)?;
                out.used_fonts = images.cover.is_none();
                out.files.push(self.render_epub(images, None, stages)?)
            }
            Output::Cover => match self.assets.cover.as_deref().map(|pic| {
                let thumb = timed(stages, "images", || preview::thumbnail(pic));
                self.done_with_pixels();
                thumb
            }) {
                Some(Ok(thumb)) => out.files.push((
                    format!("{}.cover.{}", job.slug, thumb.encoding.extension()),
                    thumb.data.to_vec(),
                )),
                Some(Err(e)) => {
                    out.warning = Some(format!("no cover picture for the preview page: {e:#}"))
                }
                None => {}
            },
            Output::Reading => {
                let (fonts, _, pages) = self.typeset(READING_LAYOUT, stages)?;
                out.pages = Some(pages.pages.len());
                let (pdf, warning) = timed(stages, "pdf", || {
                    pdf::write_pages_checked(&pages, &doc.meta, fonts)
                })?;
                out.files.push((format!("{}.pdf", job.slug), pdf));
                out.warning = warning;
                out.page_map = Some(PageMap::of(
                    &pages,
                    format!(
                        "{}.pdf (the reading PDF, layout {READING_LAYOUT})",
                        job.slug
                    ),
                ));
            }
            Output::Layout(name) => {
                let (fonts, layout, pages) = self.typeset(name, stages)?;
                let Some(imp) = layout.impose.as_ref() else {
                    out.files.push((
                        format!("{}.{}.pdf", job.slug, name),
                        timed(stages, "pdf", || pdf::write_pages(&pages, &doc.meta, fonts))?,
                    ));
                    return Ok(out);
                };
                match timed(stages, "impose", || {
                    impose::impose(
                        pages.pages.len(),
                        layout.page,
                        &imp.for_direction(self.locale.is_rtl()),
                        pages.has_back_cover,
                    )
                }) {
                    Ok(imposed) => {
                        let guide = timed(stages, "guide", || {
                            self.guides.get(name, &imposed, &self.locale, || {
                                impose::guide::guide_png_sharing(
                                    &imposed,
                                    name,
                                    fonts,
                                    &self.locale,
                                    Some(&self.guides.sprites),
                                )
                            })
                        })?;
                        let guide_page = self.opts.guide_page.then_some(guide.as_slice());
                        let bytes = timed(stages, "pdf", || {
                            pdf::write_imposed(&pages, &imposed, &doc.meta, fonts, guide_page)
                        })?;
                        out.files
                            .push((format!("{}.{}.pdf", job.slug, name), bytes));
                        out.files
                            .push((format!("{}.{}.guide.png", job.slug, name), guide.to_vec()));
                        if self.opts.proof {
                            let proof = timed(stages, "pdf", || {
                                pdf::write_pages(&pages, &doc.meta, fonts)
                            })?;
                            out.files
                                .push((format!("{}.{}.pages.pdf", job.slug, name), proof));
                        }
                        out.layout = Some(LayoutReport {
                            layout: name.clone(),
                            pages: imposed.pages,
                            padded: imposed.padded,
                            sheets: imposed.sheets,
                            blanks: imposed.blanks.iter().map(|b| b + 1).collect(),
                        });
                    }
                    Err(e) if !self.explicit => {
                        out.warning = Some(format!("layout {name} skipped: {e}"))
                    }
                    Err(e) => anyhow::bail!("{}: layout {name}: {e}", job.entry.source),
                }
            }
        }
        Ok(out)
    }
}

fn check_page_count(
    project: &Project,
    job: &ZineJob,
    pages: &crate::typeset::page::Typeset,
    layout: &str,
) -> Result<()> {
    let (n, max) = (pages.pages.len(), project.max_pages());
    if n > max {
        return Err(Error::input(
            &job.source_path,
            None,
            format!("makes {n} pages in layout {layout}, over the limit of {max}; split it into several zines or raise max_pages in zinepress.toml"),
        )
        .into());
    }
    Ok(())
}
