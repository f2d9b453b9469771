//! The preview page's HTML: a pure function of the cards. Plain HTML and CSS
//! that is also well-formed XML (every element closed, attributes quoted, no
//! named entities), with relative links only, so it works from `file://`.

use super::{Summary, GENERATOR};
use crate::build::LayoutReport;
use std::fmt::Write;

/// The stylesheet, inlined so that the page is one file.
const STYLE: &str = include_str!("style.css");

/// Cards with this many warnings or fewer show them open.
const OPEN_WARNINGS: usize = 3;

/// One zine on the page.
#[derive(Debug, Clone)]
pub struct Card {
    pub slug: String,
    /// `None` when the zine failed before its text was read, on its first build.
    pub summary: Option<Summary>,
    /// Its files in the output folder, in the order the build wrote them.
    pub files: Vec<Link>,
    pub layouts: Vec<LayoutReport>,
    pub warnings: Vec<String>,
    /// Why its last build failed (the files are then those of the build before).
    pub error: Option<String>,
}

/// One file of a zine.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The file's name in the output folder.
    pub name: String,
    pub bytes: u64,
    pub kind: FileKind,
}

/// What a zine's file is, told by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    Epub,
    /// The reading copy, `SLUG.pdf`.
    Reading,
    /// The cover picture, `SLUG.cover.jpg` or `.png`.
    Cover,
    /// `SLUG.LAYOUT.pdf`.
    Layout(String),
    /// The folding guide, `SLUG.LAYOUT.guide.png`.
    Guide(String),
    /// The proof, `SLUG.LAYOUT.pages.pdf`.
    Proof(String),
    Other,
}

/// The kind of the output file `name` of zine `slug`.
pub fn classify(slug: &str, name: &str) -> FileKind {
    let Some(rest) = name.strip_prefix(slug).and_then(|r| r.strip_prefix('.')) else {
        return FileKind::Other;
    };
    if rest == "epub" {
        return FileKind::Epub;
    }
    if rest == "pdf" {
        return FileKind::Reading;
    }
    if rest == "cover.jpg" || rest == "cover.png" {
        return FileKind::Cover;
    }
    let layout = |suffix: &str| {
        rest.strip_suffix(suffix)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
    };
    if let Some(l) = layout(".guide.png") {
        return FileKind::Guide(l);
    }
    if let Some(l) = layout(".pages.pdf") {
        return FileKind::Proof(l);
    }
    match layout(".pdf") {
        Some(l) => FileKind::Layout(l),
        None => FileKind::Other,
    }
}

/// The whole page for `cards`; `version` is zinepress's, named in the footer.
pub fn render(cards: &[Card], version: &str) -> String {
    let mut h = String::with_capacity(16 * 1024 + cards.len() * 4096);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    h.push_str(GENERATOR);
    h.push_str("\n<title>Zines</title>\n<style>\n");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<header>\n<h1>Zines</h1>\n");
    let _ = writeln!(
        h,
        "<p class=\"totals\">{}</p>\n</header>\n<main>",
        esc(&totals(cards))
    );
    if cards.is_empty() {
        h.push_str("<p class=\"empty\">No zine has been built into this folder yet.</p>\n");
    }
    for card in cards {
        render_card(&mut h, card);
    }
    let _ = writeln!(
        h,
        "</main>\n<footer>\n<p>Written by zinepress {} with every build. <code>zinepress watch --serve</code> shows this page with reloads as you edit.</p>\n</footer>\n</body>\n</html>",
        esc(version)
    );
    h
}

/// "6 zines · 1 failed · 212 pages · 48,120 words".
fn totals(cards: &[Card]) -> String {
    let mut parts = vec![plural(cards.len(), "zine", "zines")];
    let failed = cards.iter().filter(|c| c.error.is_some()).count();
    if failed > 0 {
        parts.push(format!("{failed} failed"));
    }
    let summaries = || cards.iter().filter_map(|c| c.summary.as_ref());
    let pages: usize = summaries().filter_map(|s| s.pages).sum();
    if pages > 0 {
        parts.push(plural(pages, "page", "pages"));
    }
    let words: usize = summaries().map(|s| s.words).sum();
    if words > 0 {
        parts.push(plural(words, "word", "words"));
    }
    parts.join(" · ")
}

fn render_card(h: &mut String, card: &Card) {
    let title = card
        .summary
        .as_ref()
        .map(|s| s.title.clone())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| card.slug.clone());
    let authors = card
        .summary
        .as_ref()
        .map(|s| join_names(&s.authors))
        .unwrap_or_default();
    let class = if card.error.is_some() {
        "zine failed"
    } else {
        "zine"
    };
    let _ = writeln!(h, "<article class=\"{class}\" id=\"{}\">", esc(&card.slug));
    // The cover: the picture, else the title set in type.
    h.push_str("<div class=\"cover\">");
    let opens = card
        .files
        .iter()
        .find(|f| f.kind == FileKind::Reading)
        .or_else(|| card.files.iter().find(|f| f.kind == FileKind::Epub));
    match card.files.iter().find(|f| f.kind == FileKind::Cover) {
        Some(cover) => {
            let img = format!(
                "<img src=\"{}\" alt=\"Cover of {}\"/>",
                href(&cover.name),
                esc(&title)
            );
            match opens {
                Some(o) => {
                    let _ = write!(h, "<a href=\"{}\">{img}</a>", href(&o.name));
                }
                None => h.push_str(&img),
            }
        }
        None => {
            let _ = write!(
                h,
                "<div class=\"type-cover\"><span class=\"{}\">{}</span>",
                type_cover_class(&title),
                esc(&title)
            );
            if !authors.is_empty() {
                let _ = write!(h, "<span class=\"a\">{}</span>", esc(&authors));
            }
            h.push_str("</div>");
        }
    }
    h.push_str("</div>\n<div class=\"about\">\n");
    let _ = writeln!(h, "<h2>{}</h2>", esc(&title));
    if let Some(sub) = card.summary.as_ref().and_then(|s| s.subtitle.as_deref()) {
        let _ = writeln!(h, "<p class=\"subtitle\">{}</p>", esc(sub));
    }
    if !authors.is_empty() {
        let _ = writeln!(h, "<p class=\"by\">{}</p>", esc(&authors));
    }
    if let Some(s) = &card.summary {
        let mut facts = Vec::new();
        if let Some(p) = s.pages {
            facts.push(plural(p, "page", "pages"));
        }
        facts.push(plural(s.words, "word", "words"));
        let _ = writeln!(h, "<p class=\"facts\">{}</p>", esc(&facts.join(" · ")));
    }
    if let Some(e) = &card.error {
        let kept = if card.files.is_empty() {
            ""
        } else {
            "<br/><span class=\"kept\">The files below are from its last good build.</span>"
        };
        let _ = writeln!(
            h,
            "<p class=\"error\"><strong>The last build failed:</strong> {}{kept}</p>",
            esc(e)
        );
    }
    render_files(h, card);
    render_warnings(h, &card.warnings);
    if let Some(s) = &card.summary {
        render_check(h, &s.check);
    }
    h.push_str("</div>\n</article>\n");
}

fn render_files(h: &mut String, card: &Card) {
    // One row per file to open: its link, its size, and what else there is to say.
    let mut rows: Vec<[String; 3]> = Vec::new();
    let link = |f: &Link, label: &str| format!("<a href=\"{}\">{}</a>", href(&f.name), esc(label));
    for f in &card.files {
        let (label, note) = match &f.kind {
            FileKind::Epub => ("EPUB".to_string(), String::new()),
            FileKind::Reading => ("Reading copy".to_string(), "PDF".to_string()),
            FileKind::Layout(name) => {
                let mut note = match card.layouts.iter().find(|r| &r.layout == name) {
                    Some(r) => format!(
                        "{}, {}",
                        plural(r.pages, "page", "pages"),
                        plural(r.sheets, "sheet", "sheets")
                    ),
                    None => "PDF".to_string(),
                };
                if let Some(g) = card
                    .files
                    .iter()
                    .find(|g| g.kind == FileKind::Guide(name.clone()))
                {
                    let _ = write!(note, " · <a href=\"{}\" title=\"How to print, fold and staple it\">folding guide</a>", href(&g.name));
                }
                (name.clone(), note)
            }
            FileKind::Proof(name) => (format!("{name} proof"), "pages in order".to_string()),
            FileKind::Guide(name)
                if !card
                    .files
                    .iter()
                    .any(|p| p.kind == FileKind::Layout(name.clone())) =>
            {
                (format!("{name} folding guide"), String::new())
            }
            FileKind::Other => (f.name.clone(), String::new()),
            FileKind::Guide(_) | FileKind::Cover => continue,
        };
        rows.push([link(f, &label), size(f.bytes), note]);
    }
    if rows.is_empty() {
        return;
    }
    h.push_str("<table class=\"files\">\n");
    for [file, bytes, note] in rows {
        let _ = writeln!(
            h,
            "<tr><td>{file}</td><td class=\"size\">{bytes}</td><td class=\"note\">{note}</td></tr>"
        );
    }
    h.push_str("</table>\n");
}

fn render_warnings(h: &mut String, warnings: &[String]) {
    if warnings.is_empty() {
        return;
    }
    let open = if warnings.len() <= OPEN_WARNINGS {
        " open=\"open\""
    } else {
        ""
    };
    let _ = writeln!(
        h,
        "<details class=\"warnings\"{open}><summary>{}</summary>\n<ul>",
        plural(warnings.len(), "warning", "warnings")
    );
    for w in warnings {
        let _ = writeln!(h, "<li>{}</li>", esc(w));
    }
    h.push_str("</ul>\n</details>\n");
}

fn render_check(h: &mut String, check: &super::CheckSummary) {
    let changes: usize = check.counts.values().sum();
    let mut what = vec![plural(changes, "repair", "repairs")];
    if !check.removed.is_empty() {
        what.push(plural(check.removed.len(), "line removed", "lines removed"));
    }
    if !check.doubts.is_empty() {
        what.push(plural(check.doubts.len(), "doubt", "doubts"));
    }
    let _ = writeln!(
        h,
        "<details class=\"check\"><summary>Text repair: {}</summary>",
        esc(&what.join(", "))
    );
    if !check.counts.is_empty() {
        let mut counts: Vec<(&String, &usize)> = check.counts.iter().collect();
        counts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        h.push_str("<table>\n");
        for (class, n) in counts {
            let _ = writeln!(
                h,
                "<tr><td class=\"n\">{n}</td><td>{}</td></tr>",
                esc(class)
            );
        }
        h.push_str("</table>\n");
    }
    for (heading, list) in [("Removed", &check.removed), ("Doubts", &check.doubts)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(h, "<h3>{heading}</h3>\n<ul class=\"lines\">");
        for l in list {
            let at = if l.line == 0 {
                String::new()
            } else {
                format!("<span class=\"line\">line {}</span> ", l.line)
            };
            let _ = writeln!(
                h,
                "<li>{at}<span class=\"class\">{}:</span> {}</li>",
                esc(&l.class),
                esc(&l.detail)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</details>\n");
}

/// The title's class on a cover set in type: a smaller size for a longer
/// title, so that it fits the picture's box.
fn type_cover_class(title: &str) -> &'static str {
    match title.chars().count() {
        0..=40 => "t",
        41..=80 => "t long",
        _ => "t longer",
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// 48120 → "48,120".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A file size as people read it: "812 bytes", "8.4 KB", "1.2 MB".
fn size(bytes: u64) -> String {
    match bytes {
        0..=999 => format!("{bytes} bytes"),
        1_000..=999_999 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// Text for HTML (and XML): `&`, `<`, `>` and quotes escaped.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A file name as a relative link: every byte but letters, digits and
/// `-._~` percent-encoded, so `#`, `?`, `:` or a space never change its meaning.
pub fn href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::{CheckLine, CheckSummary};

    #[test]
    fn file_names_are_told_apart() {
        let cases = [
            ("essay.epub", FileKind::Epub),
            ("essay.pdf", FileKind::Reading),
            ("essay.cover.jpg", FileKind::Cover),
            ("essay.cover.png", FileKind::Cover),
            (
                "essay.booklet-a4.pdf",
                FileKind::Layout("booklet-a4".into()),
            ),
            (
                "essay.booklet-a4.guide.png",
                FileKind::Guide("booklet-a4".into()),
            ),
            (
                "essay.booklet-a4.pages.pdf",
                FileKind::Proof("booklet-a4".into()),
            ),
            ("essay.cover.pdf", FileKind::Layout("cover".into())),
            ("essayist.pdf", FileKind::Other),
            ("essay..pdf", FileKind::Other),
            ("essay.notes.txt", FileKind::Other),
        ];
        for (name, kind) in cases {
            assert_eq!(classify("essay", name), kind, "{name}");
        }
    }

    #[test]
    fn longer_titles_are_set_smaller_on_a_cover_in_type() {
        assert_eq!(type_cover_class("Beyond Activism"), "t");
        assert_eq!(
            type_cover_class("For dissent & diversity in our movements"),
            "t"
        );
        assert_eq!(
            type_cover_class("For dissent & diversity in our movements—A critique"),
            "t long"
        );
        assert_eq!(type_cover_class(&"é".repeat(81)), "t longer");
    }

    #[test]
    fn numbers_sizes_and_names_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(48120), "48,120");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(8420), "8.4 KB");
        assert_eq!(size(1_234_567), "1.2 MB");
        assert_eq!(
            join_names(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
        assert_eq!(plural(1, "page", "pages"), "1 page");
    }

    #[test]
    fn text_and_links_are_escaped() {
        assert_eq!(
            esc("A & B <i>\"x\"</i>"),
            "A &amp; B &lt;i&gt;&quot;x&quot;&lt;/i&gt;"
        );
        assert_eq!(href("a b#c?.pdf"), "a%20b%23c%3F.pdf");
        assert_eq!(href("zine.booklet-a4.pdf"), "zine.booklet-a4.pdf");
    }

    fn sample() -> Card {
        let link = |name: &str, kind| Link {
            name: name.into(),
            bytes: 2048,
            kind,
        };
        Card {
            slug: "essay".into(),
            summary: Some(Summary {
                title: "Tea & <Sympathy>".into(),
                subtitle: None,
                authors: vec!["A".into(), "B".into()],
                pages: Some(12),
                words: 4321,
                check: CheckSummary {
                    counts: [("hyphen joined".to_string(), 3)].into(),
                    removed: vec![CheckLine {
                        line: 22,
                        class: "page number".into(),
                        detail: "22".into(),
                    }],
                    doubts: vec![],
                },
            }),
            files: vec![
                link("essay.epub", FileKind::Epub),
                link("essay.cover.jpg", FileKind::Cover),
                link("essay.pdf", FileKind::Reading),
                link(
                    "essay.booklet-a4.pdf",
                    FileKind::Layout("booklet-a4".into()),
                ),
                link(
                    "essay.booklet-a4.guide.png",
                    FileKind::Guide("booklet-a4".into()),
                ),
            ],
            layouts: vec![LayoutReport {
                layout: "booklet-a4".into(),
                pages: 12,
                padded: 12,
                sheets: 3,
                blanks: vec![],
            }],
            warnings: vec!["line 4: a doubt".into()],
            error: None,
        }
    }

    #[test]
    fn a_card_shows_its_cover_facts_files_warnings_and_check() {
        let html = render(&[sample()], "0.1.0");
        for needle in [
            "<img src=\"essay.cover.jpg\" alt=\"Cover of Tea &amp; &lt;Sympathy&gt;\"/>",
            "<p class=\"by\">A and B</p>",
            "12 pages · 4,321 words",
            "<td><a href=\"essay.epub\">EPUB</a></td><td class=\"size\">2.0 KB</td>",
            "<a href=\"essay.pdf\">Reading copy</a>",
            "<td><a href=\"essay.booklet-a4.pdf\">booklet-a4</a></td><td class=\"size\">2.0 KB</td><td class=\"note\">12 pages, 3 sheets",
            "<a href=\"essay.booklet-a4.guide.png\" title=\"How to print, fold and staple it\">folding guide</a>",
            "<li>line 4: a doubt</li>",
            "<details class=\"check\"><summary>Text repair: 3 repairs, 1 line removed</summary>",
            "<span class=\"line\">line 22</span>",
        ] {
            assert!(html.contains(needle), "missing {needle}:\n{html}");
        }
        assert!(!html.contains("<script"), "the page needs no script");
        assert_eq!(
            html,
            render(&[sample()], "0.1.0"),
            "the same cards make the same bytes"
        );
    }

    #[test]
    fn no_picture_sets_the_title_in_type_and_a_failure_says_so() {
        let mut card = sample();
        card.files.retain(|f| f.kind != FileKind::Cover);
        card.error = Some("sources/essay.md:3: broken".into());
        let html = render(&[card], "0.1.0");
        assert!(html.contains("<div class=\"type-cover\"><span class=\"t\">Tea &amp; &lt;Sympathy&gt;</span><span class=\"a\">A and B</span></div>"), "{html}");
        assert!(
            html.contains("class=\"zine failed\"")
                && html.contains("sources/essay.md:3: broken")
                && html.contains("last good build"),
            "{html}"
        );
        assert!(html.contains("1 zine · 1 failed"), "{html}");
    }
}
