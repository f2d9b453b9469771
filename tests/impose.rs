//! Builds a seed zine with the real binary as `booklet-letter` and checks
//! the imposed PDF with poppler: sheet sides, sheet size, and that text on
//! each half of each side comes from a page (never a blank) and the title
//! page sits on the outside front (right half of side 1).

use std::path::Path;
use std::process::Command;
use zinepress::impose::impose;
use zinepress::layout::LayoutSet;

/// (page width, page height, words as (x centre, text)) per PDF page.
type Pages = Vec<(f32, f32, Vec<(f32, String)>)>;

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    tag.split(&key).nth(1).and_then(|r| r.split('"').next()).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// Parses `pdftotext -bbox` output.
fn bbox(pdf: &Path) -> Option<Pages> {
    let out = Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().ok()?;
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Pages = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push((attr(line, "width"), attr(line, "height"), Vec::new()));
        } else if line.starts_with("<word ") {
            let text = line.split('>').nth(1).and_then(|t| t.split('<').next()).unwrap_or("").to_string();
            let x = (attr(line, "xMin") + attr(line, "xMax")) / 2.0;
            if let Some(page) = pages.last_mut() {
                page.2.push((x, text));
            }
        }
    }
    Some(pages)
}

#[test]
fn booklet_letter_halves_hold_the_imposed_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_zinepress"))
        .current_dir(root)
        .args(["build", "sources/beyond-activism.txt", "--format", "pdf", "--layout", "booklet-letter", "--out"])
        .arg(out.path())
        .status()
        .unwrap();
    assert!(status.success());
    let imposed_pdf = out.path().join("beyond-activism.booklet-letter.pdf");
    let guide = std::fs::read(out.path().join("beyond-activism.booklet-letter.guide.png")).unwrap();
    assert!(image::load_from_memory(&guide).is_ok());
    let sides = bbox(&imposed_pdf).expect("pdftotext is not installed: run scripts/test, which installs poppler-utils");
    assert!(!sides.is_empty() && sides.len() % 2 == 0, "{} sides", sides.len());
    for (w, h, _) in &sides {
        assert!((w - 792.0).abs() < 0.5 && (h - 612.0).abs() < 0.5, "{w}x{h}");
    }
    // The page count is the typesetter's; the sides give it to within 4.
    let layouts = LayoutSet::load(None).unwrap();
    let layout = layouts.get("booklet-letter").unwrap();
    let imp = layout.impose.as_ref().unwrap();
    let sheets = sides.len() / 2;
    let fits = |n: usize, back_cover: bool| {
        let im = impose(n, layout.page, imp, back_cover).unwrap();
        im.sides.len() == sides.len()
            && im.sides.iter().zip(&sides).all(|(side, (_, _, words))| {
                words.iter().all(|(x, _)| {
                    let slot = side.slots.iter().find(|s| *x >= s.x && *x < s.x + layout.page.width.0);
                    slot.is_some_and(|s| s.page.is_some())
                })
            })
    };
    let mut candidates = (4 * sheets - 3..=4 * sheets).flat_map(|n| [(n, false), (n, true)]);
    assert!(candidates.any(|(n, b)| fits(n, b)), "text on a blank half");
    // The title page (first page of the reading copy) is the front cover.
    let reading = bbox(&out.path().join("beyond-activism.pdf")).unwrap();
    let title: Vec<&String> = reading[0].2.iter().map(|(_, t)| t).take(3).collect();
    let front_right: Vec<&String> = sides[0].2.iter().filter(|(x, _)| *x > 396.0).map(|(_, t)| t).collect();
    for word in title {
        assert!(front_right.contains(&word), "title word {word} not on the front cover");
    }
}
