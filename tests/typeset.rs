//! Typesetting the example library: page-break rules and line quality,
//! read from zinepress's own layout result.

mod common;

use common::repo;
use zinepress::build::{prepare, ZineJob};
use zinepress::layout::Layout;
use zinepress::project::Project;
use zinepress::typeset::fonts::Fonts;
use zinepress::typeset::page::PageItem;
use zinepress::typeset::page::Typeset;
use zinepress::typeset::typeset;

/// Every zine of the example library in every layout: (slug, layout, pages).
fn every_zine_in_every_layout() -> Vec<(String, Layout, Typeset)> {
    let project = Project::open(&repo()).unwrap();
    let fonts = Fonts::load(Some(&project.fonts_dir())).unwrap();
    let mut out = Vec::new();
    for entry in project.zines().unwrap() {
        let job = ZineJob::new(&project, entry);
        let (doc, _) = prepare(&project, &job).unwrap();
        for layout in project.layouts.iter() {
            out.push((
                job.slug.clone(),
                layout.clone(),
                typeset(&doc, layout, &fonts).unwrap(),
            ));
        }
    }
    out
}

#[test]
fn no_widows_orphans_or_hyphen_ladders_in_any_layout() {
    for (slug, layout, set) in every_zine_in_every_layout() {
        let q = &set.quality;
        let what = format!("{slug} in {}", layout.name);
        assert_eq!(q.widows, 0, "{what}: widows");
        assert_eq!(q.orphans, 0, "{what}: orphans");
        assert_eq!(
            q.hyphenated_page_ends, 0,
            "{what}: pages ending in a hyphen"
        );
        assert!(
            q.max_hyphen_run < 3,
            "{what}: {} hyphenated lines in a row",
            q.max_hyphen_run
        );
    }
}

#[test]
fn glyphs_stay_inside_the_page_and_title_page_has_no_folio() {
    for (slug, layout, set) in every_zine_in_every_layout() {
        assert!(set.pages.len() >= 3, "title, text and colophon pages");
        assert_eq!(
            set.pages[0].folio, None,
            "{slug}: the title page has no folio"
        );
        let m = layout.margins;
        for (i, page) in set.pages.iter().enumerate() {
            for item in &page.items {
                if let PageItem::Glyphs(run) = item {
                    let (x0, x1) = (run.x, run.x + run.width());
                    // Text stays between the margins (a 0.5pt tolerance for rounding).
                    let left = m.inner.0.min(m.outer.0) - 0.5;
                    let right = page.width - m.inner.0.min(m.outer.0) + 0.5;
                    assert!(
                        x0 >= left && x1 <= right,
                        "{slug} {} page {}: `{}` at {x0}..{x1} outside {left}..{right}",
                        layout.name,
                        i + 1,
                        run.text
                    );
                    assert!(
                        run.y > 0.0 && run.y < page.height,
                        "{slug} page {}: `{}` off the page",
                        i + 1,
                        run.text
                    );
                }
            }
        }
    }
}
