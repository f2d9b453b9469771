//! Covers and figures on small fixture projects built with the real binary:
//! each cover design and print mode (checked with `pdfimages`), the EPUB cover
//! (epubcheck), files used as they are, figures, and the errors for bombs and
//! missing files.

mod common;

use common::*;
use image::{ImageEncoder, Rgb, RgbImage};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Markdown with enough text for a few pages and, optionally, a figure.
fn essay(title: &str, figure: Option<&str>) -> String {
    let para = "Mutual aid is older than any state, and it is practised every day by people who never read a word about it. ";
    let mut s = format!("---\ntitle: {title}\nauthor: A. Tester\n---\n\n");
    for i in 0..6 {
        s.push_str(&para.repeat(4));
        s.push_str("\n\n");
        if i == 2 {
            if let Some(f) = figure {
                s.push_str(&format!("![A drawing of a square]({f})\n\n"));
            }
        }
    }
    s
}

/// A photo-like picture: smooth gradients and grain, so it is not flat art.
fn photo(w: u32, h: u32) -> RgbImage {
    let mut seed = 7u32;
    RgbImage::from_fn(w, h, |x, y| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let n = ((seed >> 16) % 16) as i32 - 8;
        let c = |v: u32| (v as i32 + n).clamp(0, 255) as u8;
        Rgb([c(x * 255 / w), c(y * 255 / h), c(128 + (x + y) % 64)])
    })
}

fn write_png(path: &Path, img: &RgbImage) {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    std::fs::write(path, out).unwrap();
}

fn write_jpeg(path: &Path, img: &RgbImage) {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    std::fs::write(path, out).unwrap();
}

/// A6 pages (297.64 × 419.53 pt) with 10 mm margins, one layout per design and print mode.
fn layout(design: &str, print: &str, dpi: u32) -> String {
    format!(
        "description = \"test {design} {print}\"\npage = \"a6\"\nfont_size = 9\ncover = \"{design}\"\nprint = \"{print}\"\ndpi = {dpi}\n\n\
         [margins]\ntop = \"10mm\"\nbottom = \"10mm\"\ninner = \"10mm\"\nouter = \"10mm\"\n"
    )
}

const DESIGNS: [&str; 2] = ["full-bleed", "framed"];
const MODES: [&str; 3] = ["color", "grayscale", "photocopy"];
const DPI: u32 = 150;

/// A project with a photo cover (JPEG, found by slug), a flat PNG figure, and a zine without a cover.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["sources", "covers", "layouts"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    std::fs::write(
        root.join("sources/photo.md"),
        essay("With a Photo", Some("square.png")),
    )
    .unwrap();
    std::fs::write(root.join("sources/plain.md"), essay("Only Type", None)).unwrap();
    write_jpeg(&root.join("covers/photo.jpg"), &photo(1800, 2400));
    write_png(
        &root.join("sources/square.png"),
        &RgbImage::from_fn(400, 300, |x, _| {
            if x < 200 {
                Rgb([200, 20, 40])
            } else {
                Rgb([250, 240, 220])
            }
        }),
    );
    std::fs::write(
        root.join("zinepress.toml"),
        "[project]\nlayouts = []\n\n[[zine]]\nsource = \"sources/photo.md\"\nblurb = \"A blurb for the back.\"\n\n[[zine]]\nsource = \"sources/plain.md\"\n",
    )
    .unwrap();
    for d in DESIGNS {
        for m in MODES {
            std::fs::write(
                root.join(format!("layouts/t-{d}-{m}.toml")),
                layout(d, m, DPI),
            )
            .unwrap();
        }
    }
    dir
}

fn build(root: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&str> = vec!["-C", root.to_str().unwrap(), "build", "--out", "out"];
    args.extend_from_slice(extra);
    zinepress()
        .args(&args)
        .current_dir(root)
        .output()
        .expect("zinepress runs")
}

/// `pdfimages -list` rows of page `page`: (width, height, color, x-ppi, y-ppi).
fn images_on_page(pdf: &Path, page: u32) -> Vec<(u32, u32, String, f32, f32)> {
    let p = page.to_string();
    let o = tool("pdfimages")
        .args(["-list", "-f", &p, "-l", &p])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "pdfimages failed on {}", pdf.display());
    stdout(&o)
        .lines()
        .skip(2)
        .map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            (
                c[3].parse().unwrap(),
                c[4].parse().unwrap(),
                c[5].to_string(),
                c[12].parse().unwrap(),
                c[13].parse().unwrap(),
            )
        })
        .collect()
}

/// The gray levels of the first image of page 1, extracted as PNG.
fn gray_levels(pdf: &Path, tmp: &Path) -> std::collections::BTreeSet<u8> {
    let prefix = tmp.join("img");
    let o = tool("pdfimages")
        .args(["-png", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(o.status.success());
    let img = image::open(tmp.join("img-000.png"))
        .expect("pdfimages wrote the image")
        .to_luma8();
    img.pixels().map(|p| p.0[0]).collect()
}

#[test]
fn each_design_and_print_mode_puts_the_cover_on_page_one_at_the_print_resolution() {
    let dir = fixture();
    let root = dir.path();
    let mut args = vec![
        "sources/photo.md".to_string(),
        "--format".into(),
        "pdf".into(),
    ];
    for d in DESIGNS {
        for m in MODES {
            args.push("--layout".into());
            args.push(format!("t-{d}-{m}"));
        }
    }
    let o = zinepress()
        .arg("-C")
        .arg(root)
        .args(["build", "--out", "out"])
        .args(&args)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    // A6 at 150 dpi.
    let (page_w, page_h) = (
        (297.64f32 / 72.0 * DPI as f32).round() as u32,
        (419.53f32 / 72.0 * DPI as f32).round() as u32,
    );
    for d in DESIGNS {
        for m in MODES {
            let pdf = root.join(format!("out/photo.t-{d}-{m}.pdf"));
            let images = images_on_page(&pdf, 1);
            assert_eq!(
                images.len(),
                1,
                "{d} {m}: one image on the cover: {images:?}"
            );
            let (w, h, color, xppi, yppi) = images[0].clone();
            assert!(
                (xppi - DPI as f32).abs() <= 3.0 && (yppi - DPI as f32).abs() <= 3.0,
                "{d} {m}: {xppi}×{yppi} ppi, want {DPI}"
            );
            match d {
                "full-bleed" => assert_eq!(
                    (w, h),
                    (page_w, page_h),
                    "{d} {m}: the image fills the page"
                ),
                _ => assert!(
                    w < page_w && h < page_h * 3 / 4,
                    "{d} {m}: the image sits in a frame: {w}×{h}"
                ),
            }
            assert_eq!(color, if m == "color" { "rgb" } else { "gray" }, "{d} {m}");
            if m == "photocopy" {
                let tmp = tempfile::tempdir().unwrap();
                let levels = gray_levels(&pdf, tmp.path());
                assert_eq!(
                    levels.into_iter().collect::<Vec<_>>(),
                    [0, 255],
                    "{d}: photocopy images are pure black and white"
                );
            }
            // The title is on the cover, in text.
            let o = tool("pdftotext")
                .args(["-f", "1", "-l", "1"])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            assert!(
                stdout(&o).contains("With a Photo"),
                "{d} {m}: title on the cover"
            );
        }
    }
    // The back cover carries the blurb.
    let pdf = root.join("out/photo.t-framed-color.pdf");
    let o = tool("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = stdout(&o);
    let last_page = text
        .split('\u{c}')
        .rfind(|p| !p.trim().is_empty())
        .unwrap_or_default()
        .to_string();
    assert!(
        last_page.contains("A blurb for the back.") && last_page.contains("zinepress"),
        "{last_page}"
    );
}

#[test]
fn a_zine_without_an_image_gets_a_type_only_cover() {
    let dir = fixture();
    let o = build(
        dir.path(),
        &[
            "sources/plain.md",
            "--format",
            "pdf",
            "--layout",
            "t-full-bleed-color",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.path().join("out/plain.t-full-bleed-color.pdf");
    assert!(
        images_on_page(&pdf, 1).is_empty(),
        "no image on a type-only cover"
    );
    let o = tool("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = stdout(&o);
    assert!(
        text.contains("Only Type") && text.contains("A. Tester"),
        "{text}"
    );
    // The pattern is made of the title's letters.
    assert!(
        text.contains("O N L Y T Y P E")
            || text.contains("ONLYTYPE")
            || text.matches('Y').count() > 10,
        "{text}"
    );
}

#[test]
fn the_epub_has_its_cover_and_figure_and_passes_epubcheck() {
    let dir = fixture();
    let o = build(dir.path(), &["--format", "epub"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let epub = dir.path().join("out/photo.epub");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut v = Vec::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the EPUB"))
            .read_to_end(&mut v)
            .unwrap();
        v
    };
    let opf = String::from_utf8(read("OEBPS/content.opf")).unwrap();
    assert!(
        opf.contains("properties=\"cover-image\"") && opf.contains("href=\"images/cover.jpg\""),
        "{opf}"
    );
    let cover = image::load_from_memory(&read("OEBPS/images/cover.jpg")).unwrap();
    assert_eq!(
        (cover.width(), cover.height()),
        (1600, 2133),
        "scaled to fit within 1600×2560"
    );
    let cover_page = String::from_utf8(read("OEBPS/cover.xhtml")).unwrap();
    assert!(
        cover_page.contains("alt=\"Cover of With a Photo\""),
        "{cover_page}"
    );
    let chapter = String::from_utf8(read("OEBPS/chapter-1.xhtml")).unwrap();
    assert!(
        chapter
            .contains("<figure>\n<img src=\"images/figure-1.png\" alt=\"A drawing of a square\"/>"),
        "{chapter}"
    );
    let fig = image::load_from_memory(&read("OEBPS/images/figure-1.png")).unwrap();
    assert_eq!((fig.width(), fig.height()), (400, 300));
    let original = std::fs::read(dir.path().join("sources/square.png")).unwrap();
    assert_eq!(
        read("OEBPS/images/figure-1.png"),
        original,
        "a plain PNG within the limits goes in as it is"
    );
    // Without an image, the type-only cover drawn at Kindle's size.
    let mut plain =
        zip::ZipArchive::new(std::fs::File::open(dir.path().join("out/plain.epub")).unwrap())
            .unwrap();
    let mut png = Vec::new();
    plain
        .by_name("OEBPS/images/cover.png")
        .expect("a drawn cover")
        .read_to_end(&mut png)
        .unwrap();
    let drawn = image::load_from_memory(&png).unwrap();
    assert_eq!((drawn.width(), drawn.height()), (1600, 2560));
    run_epubcheck(&dir.path().join("out"));
}

#[test]
fn figures_are_placed_in_the_pdf_with_the_text_around_them() {
    let dir = fixture();
    let o = build(
        dir.path(),
        &[
            "sources/photo.md",
            "--format",
            "pdf",
            "--layout",
            "t-framed-grayscale",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.path().join("out/photo.t-framed-grayscale.pdf");
    let pages: u32 = {
        let o = tool("pdfinfo").arg(&pdf).output().unwrap();
        stdout(&o)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
            .unwrap()
    };
    let figures: Vec<_> = (2..pages).flat_map(|p| images_on_page(&pdf, p)).collect();
    assert_eq!(figures.len(), 1, "one figure in the body: {figures:?}");
    let (w, _, color, xppi, _) = figures[0].clone();
    assert_eq!(color, "gray");
    // The measure is 297.64 - 2 × 28.35 = 240.9 pt; 400 px over it is ~120 ppi, not enlarged below 100.
    assert!(w == 400 && (100.0..=160.0).contains(&xppi), "{figures:?}");
}

#[test]
fn a_plain_jpeg_under_the_print_resolution_goes_into_the_epub_and_the_color_pdf_as_it_is() {
    let dir = fixture();
    let root = dir.path();
    let cover = root.join("covers/photo.jpg");
    write_jpeg(&cover, &photo(600, 800));
    let original = std::fs::read(&cover).unwrap();
    let o = build(
        root,
        &[
            "sources/photo.md",
            "--layout",
            "t-full-bleed-color",
            "--layout",
            "t-full-bleed-grayscale",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    // The EPUB holds the file's bytes, stored: JPEG is compressed already.
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(root.join("out/photo.epub")).unwrap()).unwrap();
    let mut entry = zip.by_name("OEBPS/images/cover.jpg").unwrap();
    assert_eq!(entry.compression(), zip::CompressionMethod::Stored);
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes).unwrap();
    assert!(bytes == original, "the EPUB cover is the file itself");

    // In color the PDF embeds the file's DCT data; the full-bleed crop is a clip,
    // so the whole 600×800 image is there, at its own resolution (under 150 ppi).
    let pdf = root.join("out/photo.t-full-bleed-color.pdf");
    let images = images_on_page(&pdf, 1);
    assert_eq!(images.len(), 1, "{images:?}");
    let (w, h, color, xppi, yppi) = images[0].clone();
    assert_eq!((w, h, color.as_str()), (600, 800, "rgb"));
    assert!(
        (xppi - yppi).abs() <= 1.0 && (130.0..150.0).contains(&xppi),
        "{xppi}×{yppi}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let o = tool("pdfimages")
        .args(["-j", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(tmp.path().join("img"))
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        std::fs::read(tmp.path().join("img-000.jpg")).unwrap() == original,
        "the PDF's JPEG is the file itself"
    );
    // The page shows the crop and nothing outside it.
    let o = tool("pdftoppm")
        .args(["-r", "20", "-f", "1", "-l", "1", "-png"])
        .arg(&pdf)
        .arg(tmp.path().join("page"))
        .output()
        .unwrap();
    assert!(o.status.success());
    let page = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("page"))
        .unwrap();
    let page = image::open(page).unwrap().to_rgb8();
    let corner = page.get_pixel(1, 1).0;
    assert!(
        corner.iter().any(|&c| c < 240),
        "the image reaches the page corner: {corner:?}"
    );

    // In gray it is made anew, as a gray image of the same pixels.
    let gray = images_on_page(&root.join("out/photo.t-full-bleed-grayscale.pdf"), 1);
    assert_eq!(
        (gray[0].0, gray[0].1, gray[0].2.as_str()),
        (600, 800, "gray")
    );
}

fn no_outputs(root: &Path) -> bool {
    let out = root.join("out");
    !out.exists() || std::fs::read_dir(&out).unwrap().next().is_none()
}

#[test]
fn a_decompression_bomb_is_a_clear_error_and_writes_nothing() {
    let dir = fixture();
    let bomb = dir.path().join("covers/photo.png");
    std::fs::remove_file(dir.path().join("covers/photo.jpg")).unwrap();
    std::fs::copy(repo().join("tests/bad-inputs/bomb.png"), &bomb).unwrap();
    assert!(
        std::fs::metadata(&bomb).unwrap().len() < 200,
        "a small file"
    );
    let o = build(dir.path(), &["sources/photo.md"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("covers/photo.png")
            && err.contains("100000×100000")
            && err.contains("scale it down"),
        "{err}"
    );
    assert!(no_outputs(dir.path()), "no files written");
}

#[test]
fn missing_images_name_the_file_and_line() {
    let dir = fixture();
    let root = dir.path();
    std::fs::write(
        root.join("sources/photo.md"),
        essay("With a Photo", Some("nowhere.png")),
    )
    .unwrap();
    let line = std::fs::read_to_string(root.join("sources/photo.md"))
        .unwrap()
        .lines()
        .position(|l| l.contains("nowhere.png"))
        .unwrap()
        + 1;
    let o = build(root, &["sources/photo.md"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("photo.md:{line}")) && err.contains("nowhere.png"),
        "{err}"
    );
    assert!(no_outputs(root));

    // A cover named in zinepress.toml that is missing.
    let toml = "[project]\nlayouts = []\n\n[[zine]]\nsource = \"sources/plain.md\"\ncover = \"covers/gone.png\"\n";
    std::fs::write(root.join("zinepress.toml"), toml).unwrap();
    let o = build(root, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("covers/gone.png") && err.contains("not found"),
        "{err}"
    );

    // A cover that is not an image.
    std::fs::write(root.join("covers/gone.png"), "not a picture").unwrap();
    let o = build(root, &[]);
    let err = stderr(&o);
    assert!(
        err.contains("covers/gone.png") && err.contains("not a PNG, JPEG or WebP"),
        "{err}"
    );
    assert!(no_outputs(root));
}

fn run_epubcheck(dir: &PathBuf) {
    common::assert_epubcheck_clean(dir);
}
