//! Imposed PDFs read back with `pdftotext -bbox` and compared, cell by cell,
//! with the proof (`SLUG.LAYOUT.pages.pdf`): every cell shows the page the
//! imposition map says, upright or turned, and creep moves the inner sheets.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zinepress::impose::{impose, Imposed};
use zinepress::layout::LayoutSet;

fn project_with_layout(name: &str, layout_name: &str, layout_text: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zinepress-imposed-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::copy(
        repo().join("sources").join(source),
        dir.join("sources").join(source),
    )
    .unwrap();
    if !layout_text.is_empty() {
        std::fs::write(
            dir.join("layouts").join(format!("{layout_name}.toml")),
            layout_text,
        )
        .unwrap();
    }
    dir
}

/// Builds `source` with `layout` and `--proof` in `dir`; returns (imposed PDF, proof PDF, the map).
fn build(dir: &Path, source: &str, layout: &str) -> (PathBuf, PathBuf, Imposed) {
    let o = zinepress()
        .current_dir(dir)
        .args([
            "build",
            &format!("sources/{source}"),
            "--format",
            "pdf",
            "--proof",
            "--layout",
            layout,
            "--out",
            "out",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let slug = Path::new(source).file_stem().unwrap().to_str().unwrap();
    let imposed = dir.join("out").join(format!("{slug}.{layout}.pdf"));
    let proof = dir.join("out").join(format!("{slug}.{layout}.pages.pdf"));
    let set = LayoutSet::load(Some(&dir.join("layouts"))).unwrap();
    let l = set.get(layout).unwrap();
    let pages = bbox_pages(&proof).len();
    let map = impose(pages, l.page, l.impose.as_ref().unwrap(), true).unwrap();
    (imposed, proof, map)
}

/// Every cell of every side holds the words of the proof page the map names.
fn assert_cells_match(imposed: &Path, proof: &Path, map: &Imposed) {
    let sides = bbox_pages(imposed);
    let proof_pages = bbox_pages(proof);
    assert_eq!(
        sides.len(),
        map.sides.len(),
        "{}: sheet sides",
        imposed.display()
    );
    let (pw, ph) = (map.page.width.0, map.page.height.0);
    for (s, (side, page)) in map.sides.iter().zip(&sides).enumerate() {
        for slot in &side.slots {
            let inside =
                |x: f32, y: f32| x >= slot.x && x < slot.x + pw && y >= slot.y && y < slot.y + ph;
            let cell = bag(page.words.iter().filter(|w| inside(w.x, w.y)));
            let expected = match slot.page {
                Some(p) => bag(proof_pages[p].words.iter()),
                None => BTreeMap::new(),
            };
            assert_eq!(
                cell,
                expected,
                "{}: side {} cell at ({}, {}) should show {:?} (rotation {})",
                imposed.display(),
                s + 1,
                slot.x,
                slot.y,
                slot.page.map(|p| p + 1),
                slot.rotation
            );
        }
    }
}

#[test]
fn saddle_sheets_show_the_proof_pages_in_saddle_order() {
    let dir = project_with_layout("saddle", "", "", "towards-autonomous-solidarity.txt");
    let (imposed, proof, map) = build(&dir, "towards-autonomous-solidarity.txt", "booklet-letter");
    assert_cells_match(&imposed, &proof, &map);
    // Six pages padded to eight on two sheets, the back cover (page 6) kept
    // last: the sides read 8|1, 2|7, 6|3, 4|5 in padded positions.
    assert_eq!((map.pages, map.padded, map.sheets), (6, 8, 2));
    let order: Vec<(usize, usize)> = map
        .sides
        .iter()
        .map(|s| (s.slots[0].pos + 1, s.slots[1].pos + 1))
        .collect();
    assert_eq!(order, vec![(8, 1), (2, 7), (6, 3), (4, 5)]);
    assert_eq!(
        map.sides[0].slots[0].page,
        Some(5),
        "the back cover is the outside back"
    );
    assert_eq!(map.blanks, vec![5, 6], "blanks go before the back cover");
}

#[test]
fn long_edge_backs_are_turned_and_still_show_the_right_pages() {
    let layout = std::fs::read_to_string(repo().join("layouts/booklet-a4.toml"))
        .unwrap()
        .replace("short-edge", "long-edge");
    let dir = project_with_layout(
        "long",
        "booklet-long",
        &layout,
        "towards-autonomous-solidarity.txt",
    );
    let (imposed, proof, map) = build(&dir, "towards-autonomous-solidarity.txt", "booklet-long");
    assert!(
        map.sides
            .iter()
            .skip(1)
            .step_by(2)
            .all(|s| s.slots.iter().all(|c| c.rotation == 180)),
        "backs turned"
    );
    assert!(
        map.sides
            .iter()
            .step_by(2)
            .all(|s| s.slots.iter().all(|c| c.rotation == 0)),
        "fronts upright"
    );
    assert_cells_match(&imposed, &proof, &map);
}

#[test]
fn minizine_panels_show_the_proof_pages_with_the_top_row_turned() {
    let dir = project_with_layout("mini", "", "", "how-to-make-a-zine.md");
    let (imposed, proof, map) = build(&dir, "how-to-make-a-zine.md", "minizine-letter");
    assert_eq!(map.sides.len(), 1);
    let turned = map.sides[0]
        .slots
        .iter()
        .filter(|s| s.rotation == 180)
        .count();
    assert_eq!(turned, 4, "the top row is upside down");
    assert_cells_match(&imposed, &proof, &map);
}

#[test]
fn quarter_letter_cut_stack_cells_show_the_proof_pages() {
    let dir = project_with_layout("quarter", "", "", "towards-autonomous-solidarity.txt");
    let (imposed, proof, map) = build(&dir, "towards-autonomous-solidarity.txt", "quarter-letter");
    assert_cells_match(&imposed, &proof, &map);
}

#[test]
fn creep_moves_the_innermost_sheet_toward_the_spine() {
    // Ten nested sheets of 0.1 mm paper: a signature of 10 on small pages.
    let layout = "description = \"creep test\"\npage = \"a6\"\nfont_size = 10\nleading = 12\n[impose]\nscheme = \"saddle\"\nsheet = \"a5\"\nsignature = 10\npaper_thickness = \"0.1mm\"\n";
    let dir = project_with_layout("creep", "creep", layout, "socialism-from-below.txt");
    let (imposed, proof, map) = build(&dir, "socialism-from-below.txt", "creep");
    assert!(map.sheets >= 10, "{} sheets", map.sheets);
    assert_cells_match(&imposed, &proof, &map);
    let sides = bbox_pages(&imposed);
    // The back of sheet 1 and of sheet 10: their left cells are versos whose
    // justified lines end at the spine side of the text block.
    let right_edge = |side: usize| {
        let cell = &map.sides[side].slots[0];
        sides[side]
            .words
            .iter()
            .filter(|w| w.x >= cell.x && w.x < cell.x + map.page.width.0)
            .map(|w| w.x_max)
            .fold(f32::MIN, f32::max)
    };
    let outer = right_edge(1);
    let inner = right_edge(2 * 9 + 1);
    let expected = 9.0 * 0.1 * 72.0 / 25.4; // 9 sheets of depth × 0.1 mm = 0.9 mm
    assert!(
        (inner - outer - expected).abs() < 0.05,
        "innermost moved {} pt toward the spine, expected {expected}",
        inner - outer
    );
}
