//! PDF outputs of the example library, checked with qpdf and poppler.

mod common;

use common::*;
use std::path::Path;
use zinepress::build::{prepare, ZineJob};
use zinepress::document::walk::each_run;
use zinepress::document::{blocks_text, plain_text, Block, Inline};
use zinepress::project::Project;

fn pdfs() -> Vec<std::path::PathBuf> {
    let dir = example_build();
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_seed_has_reading_and_booklet_pdfs() {
    let dir = example_build();
    for slug in SEEDS {
        for name in [
            format!("{slug}.pdf"),
            format!("{slug}.booklet-letter.pdf"),
            format!("{slug}.booklet-a4.pdf"),
            format!("{slug}.epub"),
        ] {
            let p = dir.join(&name);
            assert!(
                p.is_file() && p.metadata().unwrap().len() > 1000,
                "{name} missing or tiny"
            );
        }
    }
}

#[test]
fn every_pdf_passes_qpdf_check() {
    for pdf in pdfs() {
        let o = tool("qpdf").arg("--check").arg(&pdf).output().unwrap();
        assert!(
            o.status.success(),
            "qpdf --check failed on {}: {}",
            pdf.display(),
            stdout(&o)
        );
    }
}

#[test]
fn every_font_is_embedded_and_subset() {
    for pdf in pdfs() {
        let o = tool("pdffonts").arg(&pdf).output().unwrap();
        let out = stdout(&o);
        let rows: Vec<&str> = out.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{} lists no fonts", pdf.display());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            // name type... emb sub uni object-id gen
            assert_eq!(
                &cols[n - 5..n - 2],
                &["yes", "yes", "yes"],
                "{}: font not embedded, subset and mapped: {row}",
                pdf.display()
            );
            assert!(
                cols[0].contains('+'),
                "{}: font name without subset tag: {row}",
                pdf.display()
            );
            for base14 in ["Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats"] {
                assert!(
                    !cols[0].contains(base14),
                    "{}: base-14 font {row}",
                    pdf.display()
                );
            }
        }
    }
}

#[test]
fn reading_copies_hold_every_word_in_order() {
    let project = Project::open(&repo()).unwrap();
    for entry in project.zines().unwrap() {
        let job = ZineJob::new(&project, entry);
        let (doc, _) = prepare(&project, &job).unwrap();
        let pdf = example_build().join(format!("{}.pdf", job.slug));
        let pdf_words = words(&pdf_text(&pdf));
        // pdftotext reads a table column by column: its words are checked
        // present below, the rest of the text in order.
        let (tables, text): (Vec<&Block>, Vec<&Block>) = doc
            .blocks
            .iter()
            .partition(|b| matches!(b, Block::Table(_)));
        let body: String = text
            .into_iter()
            .map(text_with_note_numbers)
            .collect::<Vec<_>>()
            .join(" ");
        let body_words = words(&body);
        assert!(
            body_words.len() > 200,
            "{}: too few words in the document",
            job.slug
        );
        if let Some(i) = first_missing_in_order(&body_words, &pdf_words) {
            panic!(
                "{}: word {} `{}` (after `{}`) missing from the PDF text or out of order",
                job.slug,
                i,
                body_words[i],
                body_words[i.saturating_sub(8)..i].join(" ")
            );
        }
        for table in tables {
            for w in words(&text_with_note_numbers(table)) {
                assert!(
                    pdf_words.contains(&w),
                    "{}: table word `{w}` missing from the PDF text",
                    job.slug
                );
            }
        }
        for note in &doc.notes {
            let nw = words(&blocks_text(&note.content));
            assert!(
                first_missing_in_order(&nw, &pdf_words).is_none(),
                "{}: note {} text missing",
                job.slug,
                note.number
            );
        }
    }
}

/// A block's text with note references as their numbers, glued to the word
/// before as the PDF sets them (superscripts).
fn text_with_note_numbers(block: &Block) -> String {
    fn inl(content: &[Inline], out: &mut String) {
        for i in content {
            match i {
                Inline::NoteRef(n) => out.push_str(&n.to_string()),
                Inline::Emph(c)
                | Inline::Strong(c)
                | Inline::SmallCaps(c)
                | Inline::Strike(c)
                | Inline::Underline(c) => inl(c, out),
                Inline::Link { content, .. } => inl(content, out),
                Inline::LineBreak => out.push(' '),
                other => out.push_str(&plain_text(std::slice::from_ref(other))),
            }
        }
    }
    let mut out = String::new();
    each_run(std::slice::from_ref(block), &mut |_, run| {
        inl(run, &mut out);
        out.push(' ');
    });
    out
}

#[test]
fn metadata_and_dates_come_from_the_document_and_source_date_epoch() {
    let pdf = example_build().join("beyond-activism.pdf");
    let o = tool("pdfinfo")
        .args(["-isodates"])
        .arg(&pdf)
        .output()
        .unwrap();
    let info = stdout(&o);
    assert!(info.contains("Title:           Beyond Activism"), "{info}");
    assert!(info.contains("Author:          J. Malco"), "{info}");
    // SOURCE_DATE_EPOCH=1700000000 is 2023-11-14T22:13:20Z.
    assert!(info.contains("2023-11-14T22:13:20"), "{info}");
}

#[test]
fn words_stay_inside_the_page() {
    // Reading copies only: imposed sheets put pages edge to edge.
    for pdf in pdfs()
        .iter()
        .filter(|p| !p.file_stem().unwrap().to_string_lossy().contains('.'))
    {
        let o = tool("pdftotext")
            .args(["-bbox"])
            .arg(pdf)
            .arg("-")
            .output()
            .unwrap();
        let html = stdout(&o);
        let mut page_w = 0.0f32;
        let mut page_h = 0.0f32;
        for line in html.lines() {
            let attr = |name: &str| -> Option<f32> {
                let (_, value) = line.split_once(&format!("{name}=\""))?;
                value.split('"').next()?.parse().ok()
            };
            if line.trim_start().starts_with("<page") {
                page_w = attr("width").unwrap();
                page_h = attr("height").unwrap();
            } else if line.trim_start().starts_with("<word") {
                let (x0, y0, x1, y1) = (
                    attr("xMin").unwrap(),
                    attr("yMin").unwrap(),
                    attr("xMax").unwrap(),
                    attr("yMax").unwrap(),
                );
                // The narrowest margin of any layout is over 30pt; allow half of it.
                assert!(
                    x0 >= 15.0 && y0 >= 15.0 && x1 <= page_w - 15.0 && y1 <= page_h - 15.0,
                    "{}: word outside the text zones at {x0},{y0},{x1},{y1}: {line}",
                    pdf.display()
                );
            }
        }
    }
}

#[test]
fn rebuilding_gives_identical_bytes() {
    let out = std::env::temp_dir().join(format!("zinepress-rebuild-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = run_in(
        &repo(),
        &[
            "build",
            "sources/towards-autonomous-solidarity.txt",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for name in [
        "towards-autonomous-solidarity.pdf",
        "towards-autonomous-solidarity.booklet-a4.pdf",
        "towards-autonomous-solidarity.epub",
    ] {
        let a = std::fs::read(out.join(name)).unwrap();
        let b = std::fs::read(example_build().join(name)).unwrap();
        assert!(a == b, "{name} differs between two builds");
    }
    let _ = std::fs::remove_dir_all(Path::new(&out));
}
