//! A zine's outputs, each rendered on its own: the EPUB, the cover
//! picture, the reading PDF and each imposed layout, from one document.

use super::{timed, BuildOptions, LayoutReport, ZineJob};
use crate::cover::{Assets, EpubImages};
use crate::document::Document;
use crate::epub::{write_epub, EpubOptions};
use crate::error::Error;
use crate::lang::Locale;
use crate::layout::{Layout, READING_LAYOUT};
use crate::pagemap::PageMap;
use crate::preview;
use crate::project::Project;
use crate::typeset::paragraph::{Setter, WordCache};
use crate::typeset::{fonts::Fonts, typeset_with_assets};
use crate::{impose, pdf};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::sync::Arc;

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
}

/// Everything rendering a zine's outputs reads.
pub(super) struct RenderContext<'a> {
    pub(super) project: &'a Project,
    pub(super) fonts: Option<&'a Fonts>,
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
}

impl<'a> RenderContext<'a> {
    /// Typesets the zine in layout `name`, within the page limit.
    fn typeset(
        &self,
        name: &str,
        stages: &mut BTreeMap<String, f64>,
    ) -> Result<(&'a Fonts, &'a Layout, crate::typeset::page::Typeset)> {
        let fonts = self.fonts.context("the fonts are not loaded")?;
        let layout: &Layout = self.project.layouts.get(name).map_err(Error::Usage)?;
        let mut setter = Setter::with_locale(
            fonts,
            Arc::clone(&self.locale),
            &self.doc.meta.language,
            Arc::clone(&self.words),
        );
        let pages = timed(stages, "typeset", || {
            typeset_with_assets(self.doc, layout, &mut setter, self.assets)
        })?;
        check_page_count(self.project, self.job, &pages, name)?;
        Ok((fonts, layout, pages))
    }

    /// The EPUB, with page-break markers where `page_map` says.
    pub(super) fn render_epub(
        &self,
        page_map: Option<PageMap>,
        stages: &mut BTreeMap<String, f64>,
    ) -> Result<(String, Vec<u8>)> {
        let mut images = timed(stages, "images", || EpubImages::new(self.assets))?;
        if images.cover.is_none() {
            // Without a cover image, the printed type-only cover, drawn.
            let fonts = self.fonts.context("the fonts are not loaded")?;
            let reading = self
                .project
                .layouts
                .get(READING_LAYOUT)
                .map_err(Error::Usage)?;
            images.cover = Some(timed(stages, "cover", || {
                crate::cover::type_only::epub_cover(self.doc, reading, fonts)
            })?);
        }
        let epub_opts = EpubOptions {
            images,
            cover_alt: self.assets.cover_alt.clone(),
            locale: Some(Arc::clone(&self.locale)),
            page_map,
            ..Default::default()
        };
        let bytes = timed(stages, "epub", || write_epub(self.doc, &epub_opts))
            .with_context(|| format!("{}: writing the EPUB", self.job.entry.source))?;
        Ok((format!("{}.epub", self.job.slug), bytes))
    }

    pub(super) fn render(&self, task: &Output) -> Result<Rendered> {
        let mut out = Rendered::default();
        let (doc, job, stages) = (self.doc, self.job, &mut out.stages);
        match task {
            Output::Epub => out.files.push(self.render_epub(None, stages)?),
            Output::Cover => match self
                .assets
                .cover
                .as_deref()
                .map(|pic| timed(stages, "images", || preview::thumbnail(pic)))
            {
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
                            impose::guide::guide_png(&imposed, name, fonts, &self.locale)
                        })?;
                        let guide_page = self.opts.guide_page.then_some(guide.as_slice());
                        let bytes = timed(stages, "pdf", || {
                            pdf::write_imposed(&pages, &imposed, &doc.meta, fonts, guide_page)
                        })?;
                        out.files
                            .push((format!("{}.{}.pdf", job.slug, name), bytes));
                        out.files
                            .push((format!("{}.{}.guide.png", job.slug, name), guide));
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
