//! `zinepress impose` on PDFs: reading copies built by the real binary are
//! imposed, read back with `pdftotext -bbox`, and every cell is checked
//! against the source page the imposition map names: the same words, each
//! where fit-and-centre, creep and the cell's turn put it.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;
use zinepress::impose::{impose, Imposed, Slot};
use zinepress::layout::LayoutSet;
use zinepress::pdf::embed::{fit, write_imposed_pdf, SourcePdf};

/// A temp folder with `dist/` holding, for each source, the reading copy
/// `SLUG.pdf` (A5), and the booklet-letter build `SLUG.booklet-letter.pdf`
/// with its proof pages `SLUG.booklet-letter.pages.pdf` (half-letter).
fn built(name: &str, sources: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zinepress-impose-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("dist");
    let mut args: Vec<String> = vec!["build".into()];
    args.extend(sources.iter().map(|s| format!("sources/{s}")));
    args.extend(
        [
            "--format",
            "pdf",
            "--layout",
            "booklet-letter",
            "--proof",
            "--out",
        ]
        .map(String::from),
    );
    args.push(out.to_string_lossy().into_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run_in(&repo(), &args);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    dir
}

/// `zinepress impose ARGS` run in `dir` (a folder without zinepress.toml: built-in layouts).
fn impose_in(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["impose"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

fn map_for(pdf: &Path, layout: &str, back_cover: bool) -> Imposed {
    let set = LayoutSet::load(None).unwrap();
    let l = set.get(layout).unwrap();
    let pages = SourcePdf::open(pdf, 2000).unwrap().pages();
    impose(pages, l.page, l.impose.as_ref().unwrap(), back_cover).unwrap()
}

fn qpdf_check(pdf: &Path) {
    let o = tool("qpdf").arg("--check").arg(pdf).output().unwrap();
    assert!(
        o.status.success(),
        "qpdf --check {}: {}{}",
        pdf.display(),
        stdout(&o),
        stderr(&o)
    );
}

/// Where a point (x, y) of a source page of size `src` lands on the sheet.
fn on_sheet(slot: &Slot, map: &Imposed, src: (f32, f32), x: f32, y: f32) -> (f32, f32) {
    let (pw, ph) = (map.page.width.0, map.page.height.0);
    let f = fit(src, (pw, ph));
    let (lx, ly) = (f.x + f.scale * x, f.y + f.scale * y);
    let (lx, ly) = if slot.rotation == 180 {
        (pw - lx, ph - ly)
    } else {
        (lx, ly)
    };
    (slot.x + slot.shift_x + lx, slot.y + ly)
}

/// Every cell holds exactly the words of its source page (none for a blank),
/// and, when `positions`, each word where the placement puts it (to 0.3 pt).
fn assert_cells(imposed: &Path, source: &Path, map: &Imposed, positions: bool) {
    let sides = bbox_pages(imposed);
    let pages = bbox_pages(source);
    assert_eq!(
        sides.len(),
        map.sides.len(),
        "{}: sheet sides",
        imposed.display()
    );
    let (pw, ph) = (map.page.width.0, map.page.height.0);
    for (s, (side, sheet)) in map.sides.iter().zip(&sides).enumerate() {
        assert!(
            (sheet.width - map.sheet.width.0).abs() < 0.5
                && (sheet.height - map.sheet.height.0).abs() < 0.5,
            "side {}: {}x{}",
            s + 1,
            sheet.width,
            sheet.height
        );
        for slot in &side.slots {
            let inside = |w: &&BboxWord| {
                w.x >= slot.x && w.x < slot.x + pw && w.y >= slot.y && w.y < slot.y + ph
            };
            let cell: Vec<&BboxWord> = sheet.words.iter().filter(inside).collect();
            let Some(p) = slot.page else {
                assert!(
                    cell.is_empty(),
                    "side {} cell at ({}, {}) should be blank: {:?}",
                    s + 1,
                    slot.x,
                    slot.y,
                    cell.iter().map(|w| &w.text).collect::<Vec<_>>()
                );
                continue;
            };
            let page = &pages[p];
            assert_eq!(
                bag(cell.iter().copied()),
                bag(page.words.iter()),
                "side {} cell at ({}, {}) should show page {}",
                s + 1,
                slot.x,
                slot.y,
                p + 1
            );
            if !positions {
                continue;
            }
            for w in &page.words {
                let (x, y) = on_sheet(slot, map, (page.width, page.height), w.x, w.y);
                let near = cell
                    .iter()
                    .filter(|c| c.text == w.text)
                    .map(|c| (c.x - x).hypot(c.y - y))
                    .fold(f32::MAX, f32::min);
                assert!(
                    near < 0.3,
                    "side {}: `{}` of page {} is {near} pt from where it belongs ({x}, {y})",
                    s + 1,
                    w.text,
                    p + 1
                );
            }
        }
    }
}

#[test]
fn an_a5_reading_copy_becomes_a_half_letter_booklet_with_every_word_in_place() {
    let dir = built("booklet", &["beyond-activism.txt"]);
    let input = dir.join("dist/beyond-activism.pdf");
    let o = impose_in(
        &dir,
        &["dist/beyond-activism.pdf", "--layout", "booklet-letter"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let output = dir.join("dist/beyond-activism.booklet-letter.pdf");
    let map = map_for(&input, "booklet-letter", true);
    assert_eq!((map.pages, map.padded, map.sheets), (21, 24, 6));
    let line = stderr(&o);
    assert!(
        line.contains("21 pages")
            && line.contains("6 sheets")
            && line.contains("padded to 24")
            && line.contains("scaled to 94%"),
        "{line}"
    );
    qpdf_check(&output);
    // A5 is wider than half-letter: the pages shrink to the cell's width.
    let a5 = SourcePdf::open(&input, 2000).unwrap().page_size(0).unwrap();
    assert!(fit(a5, (396.0, 612.0)).scale < 0.95);
    // Creep: the booklet's 0.1 mm paper moves the inner sheets' pages.
    assert!(map
        .sides
        .iter()
        .any(|s| s.slots.iter().any(|c| c.shift_x != 0.0)));
    assert_cells(&output, &input, &map, true);
}

#[test]
fn pages_of_the_layouts_size_land_exactly_where_build_puts_them() {
    // The proof pages are the booklet's own half-letter pages: imposed again
    // they must give build's sheets, word for word and point for point.
    let dir = built("same", &["towards-autonomous-solidarity.txt"]);
    let o = impose_in(
        &dir,
        &[
            "dist/towards-autonomous-solidarity.booklet-letter.pages.pdf",
            "--layout",
            "booklet-letter",
            "-o",
            "again.pdf",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("not scaled"), "{}", stderr(&o));
    let ours = bbox_pages(&dir.join("again.pdf"));
    let builds = bbox_pages(&dir.join("dist/towards-autonomous-solidarity.booklet-letter.pdf"));
    assert_eq!(ours.len(), builds.len());
    for (i, (a, b)) in ours.iter().zip(&builds).enumerate() {
        assert_eq!((a.width, a.height), (b.width, b.height), "side {}", i + 1);
        assert_eq!(a.words.len(), b.words.len(), "side {}", i + 1);
        for (x, y) in a.words.iter().zip(&b.words) {
            assert_eq!(x.text, y.text, "side {}", i + 1);
            assert!(
                (x.x - y.x).abs() < 0.02 && (x.y - y.y).abs() < 0.02,
                "side {}: `{}` at ({}, {}), build has ({}, {})",
                i + 1,
                x.text,
                x.x,
                x.y,
                y.x,
                y.y
            );
        }
    }
}

#[test]
fn a_short_pdf_becomes_a_minizine_with_the_top_row_turned() {
    let dir = built("mini", &["how-to-make-a-zine.md"]);
    let input = dir.join("dist/how-to-make-a-zine.pdf");
    let o = impose_in(
        &dir,
        &[
            "dist/how-to-make-a-zine.pdf",
            "--layout",
            "minizine-letter",
            "-o",
            "mini.pdf",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let map = map_for(&input, "minizine-letter", true);
    assert_eq!((map.pages, map.padded, map.sides.len()), (5, 8, 1));
    assert_eq!(
        map.sides[0]
            .slots
            .iter()
            .filter(|s| s.rotation == 180)
            .count(),
        4
    );
    qpdf_check(&dir.join("mini.pdf"));
    assert_cells(&dir.join("mini.pdf"), &input, &map, true);
}

#[test]
fn without_a_back_cover_blanks_go_last_and_json_says_so() {
    // A project layout: A6 pages two up on A4 leave a margin for the labels.
    let dir = built("noback", &["how-to-make-a-zine.md"]);
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    let layout = "description = \"A6 on A4\"\npage = \"a6\"\n[impose]\nscheme = \"saddle\"\nsheet = \"a4\"\n";
    std::fs::write(dir.join("layouts/a6-booklet.toml"), layout).unwrap();
    let input = dir.join("dist/how-to-make-a-zine.pdf");
    let o = impose_in(
        &dir,
        &[
            "dist/how-to-make-a-zine.pdf",
            "--layout",
            "a6-booklet",
            "--no-back-cover",
            "--json",
            "-o",
            "nb.pdf",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("--json prints JSON");
    assert_eq!(json["layout"], "a6-booklet");
    assert_eq!(
        (
            json["pages"].as_u64(),
            json["padded"].as_u64(),
            json["sheets"].as_u64()
        ),
        (Some(5), Some(8), Some(2))
    );
    assert_eq!(json["blanks"], serde_json::json!([6, 7, 8]));
    assert_eq!(json["output"], "nb.pdf");
    let set = LayoutSet::load(Some(&dir.join("layouts"))).unwrap();
    let l = set.get("a6-booklet").unwrap();
    let map = impose(5, l.page, l.impose.as_ref().unwrap(), false).unwrap();
    assert_eq!(
        map.sides[0].slots[0].page, None,
        "the outside back is blank"
    );
    qpdf_check(&dir.join("nb.pdf"));
    assert_cells(&dir.join("nb.pdf"), &input, &map, true);
    // The sheets carry their labels (set in the built-in font: no fonts/ here).
    let text = pdf_text(&dir.join("nb.pdf"));
    assert!(
        text.contains("S 1/2 front") && text.contains("S 2/2 back"),
        "{text}"
    );
}

#[test]
fn the_folding_guide_comes_as_a_png_and_as_a_first_page() {
    let dir = built("guide", &["towards-autonomous-solidarity.txt"]);
    let args = [
        "dist/towards-autonomous-solidarity.pdf",
        "--layout",
        "booklet-letter",
        "--guide",
        "guide.png",
        "--guide-page",
        "-o",
        "g.pdf",
    ];
    let o = impose_in(&dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let png = std::fs::read(dir.join("guide.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "guide.png is a PNG");
    qpdf_check(&dir.join("g.pdf"));
    let map = map_for(
        &dir.join("dist/towards-autonomous-solidarity.pdf"),
        "booklet-letter",
        true,
    );
    let pages = bbox_pages(&dir.join("g.pdf"));
    assert_eq!(
        pages.len(),
        map.sides.len() + 1,
        "the guide page, then the sheets"
    );
    assert!(pages[0].words.is_empty(), "the guide page is a picture");
}

#[test]
fn an_output_that_would_replace_the_input_is_refused() {
    let dir = built("clobber", &["towards-autonomous-solidarity.txt"]);
    let before = std::fs::read(dir.join("dist/towards-autonomous-solidarity.pdf")).unwrap();
    let o = impose_in(
        &dir,
        &[
            "dist/towards-autonomous-solidarity.pdf",
            "--layout",
            "booklet-a4",
            "-o",
            "dist/towards-autonomous-solidarity.pdf",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("towards-autonomous-solidarity.pdf")
            && stderr(&o).contains("overwrite the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(dir.join("dist/towards-autonomous-solidarity.pdf")).unwrap(),
        before
    );
}

#[test]
fn cut_or_scribbled_over_pdfs_give_errors_or_pdfs_never_a_panic() {
    let dir = built("damage", &["how-to-make-a-zine.md"]);
    let path = dir.join("dist/how-to-make-a-zine.pdf");
    let good = std::fs::read(&path).unwrap();
    let set = LayoutSet::load(None).unwrap();
    let layout = set.get("booklet-a4").unwrap();
    let steps = 40;
    let mut written = 0;
    for k in 1..steps {
        // Cut short: always refused, naming the file.
        let cut = good.len() * k / steps;
        let err = SourcePdf::from_bytes(&path, good[..cut].to_vec(), 2000)
            .expect_err("a cut PDF is refused");
        assert!(err.to_string().contains("how-to-make-a-zine.pdf"), "{err}");
        // 200 bytes overwritten: refused, or imposed into a PDF.
        let mut scribbled = good.clone();
        let at = (good.len() - 300) * k / steps;
        scribbled[at..at + 200]
            .iter_mut()
            .enumerate()
            .for_each(|(i, b)| *b = b"0 R obj << >> [ ] / stream"[i % 26]);
        match SourcePdf::from_bytes(&path, scribbled, 2000) {
            Err(e) => assert!(e.to_string().contains("how-to-make-a-zine.pdf"), "{e}"),
            Ok(source) => {
                let map = impose(
                    source.pages(),
                    layout.page,
                    layout.impose.as_ref().unwrap(),
                    true,
                )
                .unwrap();
                match write_imposed_pdf(&source, &map, None, None, Some(0)) {
                    Ok(_) => written += 1,
                    Err(e) => assert!(e.to_string().contains("how-to-make-a-zine.pdf"), "{e}"),
                }
            }
        }
    }
    // hayro reads past most scribbles (it rebuilds a broken xref), so the
    // writing side was exercised on damaged input too.
    assert!(written > 0, "no scribbled copy got as far as writing");
}
