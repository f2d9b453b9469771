//! Cases for the typeset cover: pattern letters, rows of words in joining and right-to-left titles, how figures are framed and fit, type-only covers.

use super::*;

#[test]
fn pattern_letters_are_capitals_of_the_title() {
    let l = pattern_letters("Beyond a-ctivism!");
    let s: String = l.iter().map(|(c, _)| c).collect();
    assert_eq!(s, "BEYONDACTIVISM");
    assert!(l[..6].iter().all(|(_, b)| *b) && l[6..].iter().all(|(_, b)| !*b));
    assert!(pattern_letters("—").is_empty());
}

#[test]
fn joining_and_right_to_left_titles_make_rows_of_words() {
    assert!(letters_stand_alone("Beyond Activism 2"));
    assert!(letters_stand_alone("Против течения"));
    assert!(letters_stand_alone("社区花园"));
    assert!(!letters_stand_alone("حدائق الحي"));
    assert!(!letters_stand_alone("גינה"));
    // Each word is 3 wide, a space 1: rows of 3 words in a measure of 11.
    let w = |t: &str| t.chars().count() as f32;
    assert_eq!(pattern_row(&["aaa", "bbb"], 0, 11.0, w), "aaa bbb aaa");
    assert_eq!(pattern_row(&["aaa", "bbb"], 1, 11.0, w), "bbb aaa bbb");
    assert_eq!(
        pattern_row(&["aaaaaaa"], 0, 3.0, w),
        "aaaaaaa",
        "one word even when too wide"
    );
    assert_eq!(pattern_row(&[], 0, 3.0, w), "");
}

#[test]
fn frame_fit_crops_close_shapes_and_fits_others() {
    // 3:4 into 300×380: close, cropped to fill.
    let (c, w, h) = frame_fit(600, 800, 300.0, 380.0);
    assert_eq!((w, h), (300.0, 380.0));
    assert!((c.width as f32 / c.height as f32 - 300.0 / 380.0).abs() < 0.01);
    // A wide panorama into the same box: whole, full width.
    let (c, w, h) = frame_fit(1000, 250, 300.0, 380.0);
    assert_eq!((c.width, c.height, w, h), (1000, 250, 300.0, 75.0));
    // A tall strip: whole, full height.
    let (_, w, h) = frame_fit(100, 1000, 300.0, 380.0);
    assert_eq!((w, h), (38.0, 380.0));
}

#[test]
fn figures_fill_the_measure_within_limits() {
    assert_eq!(figure_size(2000, 1000, 300.0, 400.0), (300.0, 150.0));
    // Tall: limited by the height.
    assert_eq!(figure_size(1000, 2000, 300.0, 400.0), (200.0, 400.0));
    // Small: not enlarged below 100 ppi (200 px = 2 in = 144 pt).
    assert_eq!(figure_size(200, 100, 300.0, 400.0), (144.0, 72.0));
}

#[test]
fn type_only_without_an_image_whatever_the_setting() {
    let layout = crate::layout::LayoutSet::load(None)
        .unwrap()
        .get("reading-a5")
        .unwrap()
        .clone();
    let mut assets = Assets {
        design: Some(CoverDesign::FullBleed),
        ..Default::default()
    };
    assert_eq!(design(&assets, &layout), CoverDesign::TypeOnly);
    assets.cover = Some(std::sync::Arc::new(Picture::from_pixels(
        "c.png".into(),
        cover::Pixels::Gray(image::GrayImage::new(4, 4)),
    )));
    assert_eq!(design(&assets, &layout), CoverDesign::FullBleed);
    assets.design = None;
    assert_eq!(design(&assets, &layout), layout.cover);
}

/// A color JPEG cover of `w`×`h`, read as from a file.
fn jpeg_cover(w: u32, h: u32) -> Assets {
    let rgb = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, 90]));
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85)
        .encode_image(&rgb)
        .unwrap();
    let header = cover::decode::probe(&bytes).unwrap();
    Assets {
        cover: Some(std::sync::Arc::new(Picture::from_file(
            "c.jpg".into(),
            bytes,
            header,
        ))),
        ..Default::default()
    }
}

#[test]
fn the_prints_a_layout_will_make_are_known_before_it_is_typeset() {
    let fonts = crate::typeset::fonts::Fonts::load(None).unwrap();
    let set = crate::layout::LayoutSet::load(None).unwrap();
    let layout = |n: &str| set.get(n).unwrap().clone();
    let doc = Document {
        meta: crate::document::Metadata {
            title: "A Title".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let assets = jpeg_cover(300, 420);
    let pic = assets.cover.as_deref().unwrap();
    let setter = || Setter::new(&fonts, "en");
    let keys = |n: &str| crate::typeset::pixel_prints(&doc, &layout(n), &mut setter(), &assets);
    // The reading copy in color shows the JPEG as it is: no pixels read.
    assert!(keys("reading-a5").is_empty());
    // Both gray booklets ask for the same gray print; the photocopy minizine for another.
    let gray = keys("booklet-letter");
    assert_eq!(gray.len(), 1);
    assert_eq!(gray, keys("booklet-a4"));
    assert_ne!(gray, keys("minizine-a4"));
    // What was foreseen is what typesetting makes: after the first booklet
    // the pixels may go, and the second finds its print made.
    crate::typeset::typeset_with_assets(&doc, &layout("booklet-letter"), &mut setter(), &assets)
        .unwrap();
    assert!(pic.decoded_yet());
    pic.forget_pixels();
    crate::typeset::typeset_with_assets(&doc, &layout("booklet-a4"), &mut setter(), &assets)
        .unwrap();
    assert!(!pic.decoded_yet(), "found made");
    crate::typeset::typeset_with_assets(&doc, &layout("minizine-a4"), &mut setter(), &assets)
        .unwrap();
    assert!(
        pic.decoded_yet(),
        "a print not foreseen as made is made from the pixels"
    );
}
