//! Placing set lines on pages: the text frame of a page, a line at a
//! position (its glyphs, rules and links), centred lines, and the contents
//! pages.

use super::flow::Body;
use super::fonts::Style;
use super::page::{Elem, GlyphRun, LinkTarget, Page, PageItem, PageKind, Role, Tag};
use super::paragraph::{Align, ParaStyle, SetLine, Setter, TextStyle};
use super::runs::Decoration;
use crate::document::Inline;
use crate::layout::Layout;

/// The text area of a page.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) width: f32,
    pub(super) height: f32,
    pub(super) top: f32,
    pub(super) inner: f32,
    pub(super) outer: f32,
    pub(super) text_width: f32,
    pub(super) text_height: f32,
}

impl Frame {
    pub(super) fn new(layout: &Layout) -> Frame {
        let m = layout.margins;
        let width = layout.page.width.0;
        let height = layout.page.height.0;
        Frame {
            width,
            height,
            top: m.top.0,
            inner: m.inner.0,
            outer: m.outer.0,
            text_width: width - m.inner.0 - m.outer.0,
            text_height: height - m.top.0 - m.bottom.0,
        }
    }
    /// Left edge of the text on page `index` (0-based; even indexes are rectos).
    pub(super) fn left(&self, index: usize) -> f32 {
        if index % 2 == 0 {
            self.inner
        } else {
            self.outer
        }
    }
}

pub(super) fn place_line(items: &mut Vec<PageItem>, line: &SetLine, x: f32, y: f32) {
    let text_tag = line
        .runs
        .iter()
        .rev()
        .map(|r| &r.tag)
        .find(|t| !t.is_bare())
        .cloned()
        .unwrap_or_default();
    for run in &line.runs {
        let mut r: GlyphRun = run.clone();
        r.x += x;
        r.y += y;
        items.push(PageItem::Glyphs(r));
    }
    for d in &line.decorations {
        items.push(match d {
            Decoration::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } => PageItem::Rule {
                x1: x + x1,
                y1: y + y1,
                x2: x + x2,
                y2: y + y2,
                width: *width,
            },
            Decoration::Link {
                x1,
                x2,
                top,
                bottom,
                url,
            } => PageItem::Link {
                x: x + x1,
                y: y + top,
                width: x2 - x1,
                height: bottom - top,
                target: LinkTarget::Uri(url.clone()),
                tag: text_tag.clone(),
            },
        });
    }
}

/// Sets centred lines of one style, returning the y after them.
pub(super) fn centred(
    items: &mut Vec<PageItem>,
    setter: &mut Setter,
    text: &str,
    role: Role,
    ts: TextStyle,
    leading: f32,
    frame: &Frame,
    left: f32,
    measure: f32,
    mut y: f32,
) -> f32 {
    let ps = ParaStyle {
        measure,
        indent: 0.0,
        align: Align::Center,
        hyphenate: false,
    };
    let elem = Elem::new(role);
    for mut line in setter.set(&[Inline::Text(text.to_string())], ts, &ps) {
        y += leading;
        for run in &mut line.runs {
            run.tag.within(&elem);
        }
        place_line(items, &line, left, y);
    }
    let _ = frame;
    y
}

/// Sets the contents: entries of (title, page number) over as many pages as
/// they need, starting at page index 1.
pub(super) fn contents_pages(
    entries: &[(String, usize)],
    frame: &Frame,
    body: &Body,
    setter: &mut Setter,
) -> Vec<Page> {
    let ts = TextStyle::new(Style::Regular, body.size);
    let bottom = frame.top + frame.text_height;
    let mut pages: Vec<Page> = Vec::new();
    let mut items = Vec::new();
    let mut y = frame.top + body.leading * 1.5;
    let mut left = frame.left(1);
    let contents = setter.locale.words.contents.clone();
    let mut h = setter.line_set(TextStyle::new(Style::Bold, body.size * 1.25), &contents);
    let heading = Tag::Content(vec![Elem::new(Role::Heading(2, contents.clone()))]);
    for run in &mut h.runs {
        run.tag = heading.clone();
    }
    let toc = Elem::new(Role::Contents);
    place_line(&mut items, &h, left, y);
    y += body.leading * 1.5;
    for (title, page_no) in entries {
        let mut num = setter.line(ts, &page_no.to_string());
        let nw = num.width();
        let ps = ParaStyle {
            measure: body.measure - setter.measure_text(ts, "000") - body.size * 2.0,
            indent: 0.0,
            align: Align::Left,
            hyphenate: false,
        };
        let mut lines = setter.set(&[Inline::Text(title.clone())], ts, &ps);
        let entry = Tag::Content(vec![toc.clone(), Elem::new(Role::ContentsEntry)]);
        num.tag = entry.clone();
        for run in lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
            run.tag = entry.clone();
        }
        if y + body.leading * lines.len() as f32 > bottom {
            pages.push(Page {
                width: frame.width,
                height: frame.height,
                items: std::mem::take(&mut items),
                folio: None,
                kind: PageKind::Contents,
            });
            left = frame.left(1 + pages.len());
            y = frame.top;
        }
        let n = lines.len();
        for (k, line) in lines.into_iter().enumerate() {
            y += body.leading;
            place_line(
                &mut items,
                &line,
                left + if k > 0 { body.size } else { 0.0 },
                y,
            );
            if k + 1 == n {
                num.x = left + body.measure - nw;
                num.y = y;
            }
        }
        items.push(PageItem::Glyphs(num));
        y += body.leading * 0.3;
    }
    pages.push(Page {
        width: frame.width,
        height: frame.height,
        items,
        folio: None,
        kind: PageKind::Contents,
    });
    pages
}
