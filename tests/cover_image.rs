//! Every EPUB has a cover image (the zine's own, else its type-only cover
//! drawn in the project's fonts), and the folding guides are drawn in the
//! project's fonts: the example library, and a small project built with the
//! built-in family and with another one.

mod common;
use common::*;
use std::io::Read;
use std::path::Path;

fn read_zip(epub: &Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut v = Vec::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", epub.display()))
        .read_to_end(&mut v)
        .unwrap();
    v
}

/// The manifest item declared as the cover image: (href, media type).
fn cover_item(opf: &str) -> Option<(String, String)> {
    let doc = roxmltree::Document::parse(opf).unwrap();
    let item = doc.descendants().find(|n| {
        n.has_tag_name("item")
            && n.attribute("properties")
                .is_some_and(|p| p.split(' ').any(|p| p == "cover-image"))
    })?;
    Some((
        item.attribute("href")?.to_string(),
        item.attribute("media-type")?.to_string(),
    ))
}

/// The cover file a zine of the example project has, by its slug (covers/SLUG.*).
fn own_cover(slug: &str) -> Option<std::path::PathBuf> {
    std::fs::read_dir(repo().join("covers"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_stem().is_some_and(|s| s == slug)
                && p.extension().is_some_and(|e| {
                    ["png", "jpg", "jpeg", "webp"].contains(&e.to_str().unwrap_or(""))
                })
        })
}

#[test]
fn every_example_epub_has_a_cover_image_on_its_cover_page() {
    let out = example_build();
    let epubs: Vec<_> = std::fs::read_dir(out)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "epub"))
        .collect();
    assert!(epubs.len() >= 5, "{epubs:?}");
    let (mut drawn, mut own) = (0, 0);
    for epub in &epubs {
        let slug = epub.file_stem().unwrap().to_str().unwrap();
        let opf = String::from_utf8(read_zip(epub, "OEBPS/content.opf")).unwrap();
        let (href, media) =
            cover_item(&opf).unwrap_or_else(|| panic!("{slug}: no cover-image item"));
        let bytes = read_zip(epub, &format!("OEBPS/{href}"));
        let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{slug}: {href}: {e}"));
        let page = String::from_utf8(read_zip(epub, "OEBPS/cover.xhtml")).unwrap();
        assert!(
            page.contains(&format!("src=\"{href}\"")),
            "{slug}: the cover page shows {href}: {page}"
        );
        match own_cover(slug) {
            Some(file) => {
                // The zine's own image, within Kindle's size, of the file's kind.
                own += 1;
                let (w, h) = image::image_dimensions(&file).unwrap();
                let fit = (1600.0 / w as f32).min(2560.0 / h as f32).min(1.0);
                assert_eq!(
                    (img.width(), img.height()),
                    (
                        (w as f32 * fit).round() as u32,
                        (h as f32 * fit).round() as u32
                    ),
                    "{slug}"
                );
            }
            None => {
                drawn += 1;
                assert_eq!(media, "image/png", "{slug}");
                assert_eq!((img.width(), img.height()), (1600, 2560), "{slug}");
                assert!(
                    bytes.len() < 150_000,
                    "{slug}: the drawn cover is {} bytes",
                    bytes.len()
                );
                // Black type on white.
                let gray = img.to_luma8();
                assert!(
                    gray.pixels().filter(|p| p.0[0] < 64).count() > 10_000,
                    "{slug}: the cover has type"
                );
                assert_eq!(gray.get_pixel(0, 0).0[0], 255, "{slug}: on white");
            }
        }
    }
    assert!(
        drawn > 0 && own > 0,
        "the examples have zines with and without a cover image: {drawn} drawn, {own} own"
    );
}

/// A project with one zine, a minizine layout, and `fonts` copied into fonts/.
fn project(dir: &Path, fonts: &[&Path]) {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(dir.join("zinepress.toml"), "[project]\nlanguage = \"en\"\nlayouts = [\"minizine-letter\", \"booklet-a4\"]\n\n[[zine]]\nsource = \"sources/z.md\"\n").unwrap();
    let text = "---\ntitle: Quiet Hands\nauthor: Lee Park\n---\n\nA short zine that fits on one sheet, folded and cut.\n\nIt has two paragraphs.\n";
    std::fs::write(dir.join("sources/z.md"), text).unwrap();
    if !fonts.is_empty() {
        std::fs::create_dir_all(dir.join("fonts")).unwrap();
        for f in fonts {
            std::fs::copy(f, dir.join("fonts").join(f.file_name().unwrap())).unwrap();
        }
    }
}

/// Another serif family: DejaVu Serif (scripts/test installs fonts-dejavu-core).
fn dejavu() -> Vec<std::path::PathBuf> {
    let dirs = [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
    ];
    let dir = dirs
        .iter()
        .map(Path::new)
        .find(|d| d.join("DejaVuSerif.ttf").exists());
    let dir = dir.expect(
        "DejaVu Serif is not installed: run scripts/test, which installs fonts-dejavu-core",
    );
    ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"]
        .iter()
        .map(|f| dir.join(f))
        .collect()
}

fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let o = run_in(dir, &["build", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut files: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn guides_and_the_drawn_cover_are_set_in_the_projects_fonts() {
    let tmp = tempfile::tempdir().unwrap();
    let (builtin, other, again) = (
        tmp.path().join("builtin"),
        tmp.path().join("other"),
        tmp.path().join("again"),
    );
    let family = dejavu();
    let family: Vec<&Path> = family.iter().map(|p| p.as_path()).collect();
    project(&builtin, &[]);
    project(&other, &family);
    project(&again, &family);
    let (a, b, c) = (outputs(&builtin), outputs(&other), outputs(&again));
    let pick = |files: &[(String, Vec<u8>)], suffix: &str| {
        files
            .iter()
            .find(|(n, _)| n.ends_with(suffix))
            .map(|(_, b)| b.clone())
            .unwrap_or_else(|| panic!("no {suffix}"))
    };
    for guide in ["z.minizine-letter.guide.png", "z.booklet-a4.guide.png"] {
        let (x, y) = (pick(&a, guide), pick(&b, guide));
        assert_ne!(x, y, "{guide}: another family draws another guide");
        assert_eq!(
            y,
            pick(&c, guide),
            "{guide}: the same fonts draw the same bytes"
        );
        let img = image::load_from_memory(&y).unwrap();
        assert!(img.width() > 600 && img.height() > 400, "{guide}");
    }
    // The EPUB's drawn cover changes with the family too; the PDFs name it.
    let cover = |files: &[(String, Vec<u8>)]| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("z.epub");
        std::fs::write(&p, pick(files, "z.epub")).unwrap();
        read_zip(&p, "OEBPS/images/cover.png")
    };
    assert_ne!(cover(&a), cover(&b));
    assert_eq!(cover(&b), cover(&c));
    let fonts = tool("pdffonts")
        .arg(other.join("out/z.pdf"))
        .output()
        .unwrap();
    assert!(stdout(&fonts).contains("DejaVuSerif"), "{}", stdout(&fonts));
}
