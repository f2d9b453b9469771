//! The EPUB's page-list follows the reading PDF: each page number links to a
//! page-break marker standing before the block that runs onto that page of
//! the PDF, and the metadata names the PDF as the pagination's source. An
//! EPUB built without the PDF has no page-list and claims none.

mod common;

use common::{example_build, stderr, tool, words, zinepress, SEEDS};
use std::io::Read;
use std::path::Path;

fn entry(epub: &Path, name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    Some(s)
}

/// The text of page `n` of `pdf`.
fn page_text(pdf: &Path, n: usize) -> String {
    let o = tool("pdftotext")
        .args(["-enc", "UTF-8", "-f", &n.to_string(), "-l", &n.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success());
    // A word hyphenated at a line end, whole again.
    String::from_utf8_lossy(&o.stdout).replace("-\n", "")
}

/// The page-list's (page number, file, id), in its order.
fn page_list(nav: &str) -> Vec<(usize, String, String)> {
    let list = nav
        .split_once("epub:type=\"page-list\"")
        .map(|(_, l)| l.split_once("</nav>").map_or(l, |(l, _)| l))
        .expect("a page-list nav");
    list.split("<a href=\"")
        .skip(1)
        .map(|a| {
            let (href, rest) = a.split_once('"').unwrap();
            let (file, id) = href.split_once('#').unwrap();
            let label = rest.get(1..).unwrap_or_default().split_once('<').unwrap().0;
            (label.parse().unwrap(), file.to_string(), id.to_string())
        })
        .collect()
}

/// The words after the marker `id` in `xhtml`, tags dropped.
fn words_after(xhtml: &str, id: &str, n: usize) -> Vec<String> {
    let after = xhtml
        .split_once(&format!("id=\"{id}\""))
        .map(|(_, a)| a)
        .unwrap_or_else(|| panic!("no marker {id}"));
    let mut text = String::new();
    let mut in_tag = true;
    for c in after.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
        if text.split_whitespace().count() > n + 2 {
            break;
        }
    }
    words(&text).into_iter().take(n).collect()
}

#[test]
fn example_page_lists_follow_the_reading_pdf() {
    let dir = example_build();
    for slug in SEEDS {
        let epub = dir.join(format!("{slug}.epub"));
        let pdf = dir.join(format!("{slug}.pdf"));
        let nav = entry(&epub, "OEBPS/nav.xhtml").unwrap();
        let pages = page_list(&nav);
        let count: usize = tool("pdfinfo")
            .arg(&pdf)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        assert!(pages.len() >= 3, "{slug}: {pages:?}");
        assert!(
            pages.windows(2).all(|w| w[0].0 < w[1].0),
            "{slug}: in page order"
        );
        assert_eq!(
            pages.first().map(|p| p.0),
            Some(1),
            "{slug}: the title page"
        );
        assert_eq!(
            pages.last().map(|p| p.0),
            Some(count),
            "{slug}: the colophon"
        );
        for (n, file, id) in &pages {
            let xhtml = entry(&epub, &format!("OEBPS/{file}")).unwrap();
            assert!(xhtml.contains(&format!(
                "role=\"doc-pagebreak\" id=\"{id}\" aria-label=\"{n}\""
            )));
            if !file.starts_with("chapter-") {
                continue;
            }
            // The block after the marker runs onto page n: it begins there or
            // on a page before (a block longer than two pages is rare).
            let first = words_after(&xhtml, id, 4);
            let found = (n.saturating_sub(2).max(1)..=*n).any(|p| {
                let text = words(&page_text(&pdf, p)).join(" ");
                text.contains(&first.join(" "))
            });
            assert!(
                found,
                "{slug}: page {n}: “{}” is not on it or just before",
                first.join(" ")
            );
        }
        let opf = entry(&epub, "OEBPS/content.opf").unwrap();
        assert!(
            opf.contains(&format!("<dc:source id=\"page-source\">{slug}.pdf")),
            "{opf}"
        );
        assert!(opf.contains(">pageBreakMarkers<") && opf.contains(">pageNavigation<"));
    }
}

#[test]
fn an_epub_built_alone_has_no_page_list_and_claims_none() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("alone.md");
    std::fs::write(&src, "---\ntitle: Alone\n---\n\n# One\n\nText.\n").unwrap();
    let out = dir.path().join("out");
    let o = zinepress()
        .arg("build")
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .args(["--format", "epub"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let epub = out.join("alone.epub");
    let nav = entry(&epub, "OEBPS/nav.xhtml").unwrap();
    assert!(!nav.contains("page-list"));
    let opf = entry(&epub, "OEBPS/content.opf").unwrap();
    assert!(!opf.contains("pageBreakMarkers") && !opf.contains("page-source"));
    let chapter = entry(&epub, "OEBPS/chapter-1.xhtml").unwrap();
    assert!(!chapter.contains("doc-pagebreak"));
}
