//! Cases for the cover picture's processing: crops, sizes at the print resolution, JPEG files kept as they are, photocopy black and white, flat art kept lossless, EPUB images.

use super::*;
use image::Rgb;

pub(in crate::cover) fn photo_pixels(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x + y) % 256) as u8,
        ])
    })
}

fn photo(w: u32, h: u32) -> Picture {
    Picture::from_pixels("p.jpg".into(), Pixels::Rgb(photo_pixels(w, h)))
}

/// A picture read from JPEG bytes, as a cover file would be.
fn jpeg_file(w: u32, h: u32) -> Picture {
    let bytes = jpeg_bytes(
        photo_pixels(w, h).as_raw(),
        w,
        h,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    let header = super::super::decode::probe(&bytes).unwrap();
    Picture::from_file("c.jpg".into(), bytes, header)
}

fn gray_of(p: &Printed) -> GrayImage {
    match &p.image.data {
        PrintData::Jpeg(b) => image::load_from_memory(b).unwrap().to_luma8(),
        PrintData::Pixels(px) => match &**px {
            Pixels::Gray(g) => g.clone(),
            Pixels::Rgb(c) => image::DynamicImage::ImageRgb8(c.clone()).to_luma8(),
        },
        PrintData::Samples { .. } => unreachable!("pictures made in memory have no file"),
    }
}

#[test]
fn crops_keep_the_centre_at_the_asked_aspect() {
    assert_eq!(
        crop_to_aspect(200, 100, 1.0),
        Crop {
            x: 50,
            y: 0,
            width: 100,
            height: 100
        }
    );
    assert_eq!(
        crop_to_aspect(100, 300, 0.5),
        Crop {
            x: 0,
            y: 50,
            width: 100,
            height: 200
        }
    );
    assert_eq!(
        crop_to_aspect(100, 100, 1.0),
        Crop {
            x: 0,
            y: 0,
            width: 100,
            height: 100
        }
    );
}

#[test]
fn resampling_sizes_follow_placed_size_and_dpi() {
    // A5 (420×595 pt) at 300 dpi.
    assert_eq!(
        (pixels_for(420.0, 300), pixels_for(595.0, 300)),
        (1750, 2479)
    );
    assert_eq!(pixels_for(72.0, 150), 150);
    // Big photos come down to the print size; small ones are not enlarged, except for photocopy.
    assert_eq!(
        embed_size((4000, 6000), (1750, 2479), PrintMode::Color),
        (1750, 2479)
    );
    assert_eq!(
        embed_size((800, 1100), (1750, 2479), PrintMode::Grayscale),
        (800, 1100)
    );
    assert_eq!(
        embed_size((800, 1100), (1750, 2479), PrintMode::Photocopy),
        (1750, 2479)
    );
    // EPUB images fit within 1600×2560.
    assert_eq!(fit_within(4000, 3000, 1600, 2560), (1600, 1200));
    assert_eq!(fit_within(1600, 2560, 1600, 2560), (1600, 2560));
    assert_eq!(fit_within(1000, 5000, 1600, 2560), (512, 2560));
    assert_eq!(fit_within(1800, 2400, 1600, 2560), (1600, 2133));
}

#[test]
fn for_print_embeds_the_print_size() {
    let pic = photo(600, 800);
    let crop = crop_to_aspect(600, 800, 0.75);
    let e = for_print(&pic, crop, 144.0, 192.0, 150, PrintMode::Color).unwrap();
    assert_eq!(
        (e.image.width, e.image.height, e.shown),
        (300, 400, Crop::whole((300, 400)))
    );
    let PrintData::Jpeg(bytes) = &e.image.data else {
        panic!("a photo is a JPEG: {e:?}")
    };
    let decoded = image::load_from_memory(bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (300, 400));
    let g = for_print(&pic, crop, 144.0, 192.0, 150, PrintMode::Grayscale).unwrap();
    let PrintData::Jpeg(bytes) = &g.image.data else {
        panic!("a photo is a JPEG")
    };
    assert_eq!(
        image::load_from_memory(bytes).unwrap().color(),
        image::ColorType::L8
    );
}

#[test]
fn images_under_the_print_resolution_are_made_once_whole_and_cropped_when_shown() {
    let pic = photo(600, 800);
    // Two layouts crop the same photo differently; neither needs resampling.
    let (a, b) = (crop_to_aspect(600, 800, 0.7), crop_to_aspect(600, 800, 0.8));
    let pa = for_print(&pic, a, 420.0, 600.0, 300, PrintMode::Grayscale).unwrap();
    let pb = for_print(&pic, b, 420.0, 525.0, 300, PrintMode::Grayscale).unwrap();
    assert!(Arc::ptr_eq(&pa.image, &pb.image), "one gray image for both");
    assert_eq!((pa.image.width, pa.image.height), (600, 800));
    assert_eq!((pa.shown, pb.shown), (a, b));
    // The shown part is what cropping would have given.
    let whole = gray_of(&pa);
    let direct = luma(&photo_pixels(600, 800), a);
    let shown = image::imageops::crop_imm(&whole, a.x, a.y, a.width, a.height).to_image();
    let diff = shown
        .as_raw()
        .iter()
        .zip(direct.as_raw())
        .map(|(x, y)| x.abs_diff(*y) as u32)
        .max()
        .unwrap();
    assert!(diff <= 12, "only JPEG loss: {diff}");
    // Another mode is another image; the same request is the same one.
    let pc = for_print(&pic, a, 420.0, 600.0, 300, PrintMode::Color).unwrap();
    assert!(!Arc::ptr_eq(&pa.image, &pc.image) && pa.image.id != pc.image.id);
    let again = for_print(&pic, a, 420.0, 600.0, 300, PrintMode::Grayscale).unwrap();
    assert!(Arc::ptr_eq(&pa.image, &again.image));
}

#[test]
fn a_jpeg_in_color_at_or_below_the_print_resolution_is_the_file_itself() {
    let pic = jpeg_file(300, 400);
    let Some(original) = &pic.original else {
        panic!()
    };
    let crop = crop_to_aspect(300, 400, 0.7);
    let p = for_print(&pic, crop, 300.0, 400.0, 300, PrintMode::Color).unwrap();
    let PrintData::Jpeg(bytes) = &p.image.data else {
        panic!("{p:?}")
    };
    assert!(
        Arc::ptr_eq(bytes, &original.bytes),
        "the file's bytes, not a copy"
    );
    assert_eq!(p.shown, crop);
    assert!(!pic.decoded_yet(), "nothing needed the pixels");
    // Gray, or resampled, it is made anew.
    let g = for_print(&pic, crop, 300.0, 400.0, 300, PrintMode::Grayscale).unwrap();
    assert!(matches!(&g.image.data, PrintData::Jpeg(b) if !Arc::ptr_eq(b, &original.bytes)));
    let small = for_print(&pic, crop, 36.0, 48.0, 150, PrintMode::Color).unwrap();
    assert_eq!((small.image.width, small.image.height), (75, 100));
}

#[test]
fn photocopy_output_is_only_black_and_white() {
    let pic = photo(300, 300);
    let e = for_print(
        &pic,
        crop_to_aspect(300, 300, 1.0),
        72.0,
        72.0,
        300,
        PrintMode::Photocopy,
    )
    .unwrap();
    assert_eq!(
        (e.image.width, e.image.height, e.image.bilevel),
        (300, 300, true)
    );
    let PrintData::Pixels(px) = &e.image.data else {
        panic!("halftones stay lossless")
    };
    let Pixels::Gray(g) = &**px else {
        panic!("halftones are gray")
    };
    let levels: std::collections::BTreeSet<u8> = g.pixels().map(|p| p.0[0]).collect();
    assert_eq!(levels.into_iter().collect::<Vec<_>>(), [0, 255]);
}

#[test]
fn flat_art_stays_lossless_and_shares_the_decoded_pixels() {
    let art = RgbImage::from_fn(100, 80, |x, _| {
        if x < 50 {
            Rgb([200, 0, 0])
        } else {
            Rgb([250, 240, 220])
        }
    });
    let pic = Picture::from_pixels("f.png".into(), Pixels::Rgb(art.clone()));
    let p = for_print(
        &pic,
        Crop::whole((100, 80)),
        72.0,
        72.0,
        300,
        PrintMode::Color,
    )
    .unwrap();
    let PrintData::Pixels(px) = &p.image.data else {
        panic!("{p:?}")
    };
    assert!(Arc::ptr_eq(px, &pic.decoded().unwrap().pixels), "no copy");
    let g = for_print(
        &pic,
        Crop::whole((100, 80)),
        72.0,
        72.0,
        300,
        PrintMode::Grayscale,
    )
    .unwrap();
    assert_eq!(
        gray_of(&g).as_raw(),
        luma(&art, Crop::whole((100, 80))).as_raw()
    );
}

#[test]
fn epub_images_are_small_and_typed_by_content() {
    let e = for_epub(&photo(2000, 3000)).unwrap();
    assert_eq!(
        (e.width, e.height, e.encoding),
        (1600, 2400, Encoding::Jpeg)
    );
    let flat = Picture::from_pixels(
        "f.png".into(),
        Pixels::Rgb(RgbImage::from_pixel(100, 50, Rgb([200, 0, 0]))),
    );
    let f = for_epub(&flat).unwrap();
    assert_eq!((f.width, f.height, f.encoding), (100, 50, Encoding::Png));
}

#[test]
fn a_plain_file_within_the_epub_limits_goes_in_as_it_is() {
    let pic = jpeg_file(160, 256);
    let e = for_epub(&pic).unwrap();
    assert!(Arc::ptr_eq(&e.data, &pic.original.as_ref().unwrap().bytes));
    assert_eq!((e.width, e.height, e.encoding), (160, 256, Encoding::Jpeg));
    assert!(!pic.decoded_yet(), "only the header was read");
    // A file too big for the limits is decoded and scaled.
    let big = jpeg_file(1700, 1000);
    let e = for_epub(&big).unwrap();
    assert_eq!((e.width, e.height, e.encoding), (1600, 941, Encoding::Jpeg));
}

#[test]
fn a_shown_copy_is_the_file_when_it_is_small_else_a_scaled_copy() {
    let pic = jpeg_file(1000, 1500);
    let bytes = pic.original.as_ref().unwrap().bytes.len();
    let e = shown_copy(&pic, 320, 480, bytes).unwrap();
    assert!(Arc::ptr_eq(&e.data, &pic.original.as_ref().unwrap().bytes));
    assert_eq!(
        (e.width, e.height, e.encoding),
        (1000, 1500, Encoding::Jpeg)
    );
    assert!(!pic.decoded_yet(), "only the header was read");
    // A byte over the limit: decoded and scaled within the box.
    let e = shown_copy(&pic, 320, 480, bytes - 1).unwrap();
    assert_eq!((e.width, e.height, e.encoding), (320, 480, Encoding::Jpeg));
    assert!(pic.decoded_yet());
    // Pixels made in memory have no file to show.
    let e = shown_copy(&photo(640, 960), 320, 480, usize::MAX).unwrap();
    assert_eq!((e.width, e.height), (320, 480));
}

#[test]
fn forgotten_pixels_are_decoded_again_and_pixels_made_in_memory_are_kept() {
    let pic = jpeg_file(160, 256);
    let first = pic.decoded().unwrap();
    pic.forget_pixels();
    assert!(!pic.decoded_yet(), "the file's pixels are let go");
    let again = pic.decoded().unwrap();
    assert!(!Arc::ptr_eq(&first.pixels, &again.pixels));
    assert!(*first.pixels == *again.pixels, "the same pixels");
    let made = photo(64, 96);
    made.forget_pixels();
    assert!(made.decoded_yet(), "nothing to decode them from");
}

#[test]
fn print_images_of_a_mode_are_let_go_and_the_others_kept() {
    let pic = photo(100, 80);
    let print = |mode| for_print(&pic, Crop::whole((100, 80)), 72.0, 72.0, 100, mode).unwrap();
    let gray = print(PrintMode::Grayscale);
    let color = print(PrintMode::Color);
    pic.forget_prints(PrintMode::Color);
    assert!(
        Arc::ptr_eq(&gray.image, &print(PrintMode::Grayscale).image),
        "kept"
    );
    assert!(
        !Arc::ptr_eq(&color.image, &print(PrintMode::Color).image),
        "made again"
    );
}

#[test]
fn the_print_key_is_known_before_the_image_is_made_and_says_whether_it_reads_pixels() {
    let pic = jpeg_file(300, 400);
    let crop = crop_to_aspect(300, 400, 0.7);
    // The file itself in color: no pixels read, none decoded.
    let (key, shown) = print_key(&pic, crop, 300.0, 400.0, 300, PrintMode::Color);
    assert!(!needs_pixels(&pic, key));
    let p = for_print(&pic, crop, 300.0, 400.0, 300, PrintMode::Color).unwrap();
    assert_eq!(p.shown, shown);
    assert!(!pic.decoded_yet());
    // Gray, a color file is decoded; two layouts with the same key share one image.
    let (gray, _) = print_key(&pic, crop, 300.0, 400.0, 300, PrintMode::Grayscale);
    assert!(needs_pixels(&pic, gray));
    let a = for_print(&pic, crop, 300.0, 400.0, 300, PrintMode::Grayscale).unwrap();
    pic.forget_pixels();
    let b = for_print(&pic, crop, 300.0, 400.0, 300, PrintMode::Grayscale).unwrap();
    assert!(Arc::ptr_eq(&a.image, &b.image), "found made, pixels or not");
    assert!(
        !pic.decoded_yet(),
        "the second did not decode the file again"
    );
    // Pixels made in memory are always read.
    let made = photo(100, 80);
    let (key, _) = print_key(
        &made,
        Crop::whole((100, 80)),
        72.0,
        72.0,
        100,
        PrintMode::Color,
    );
    assert!(needs_pixels(&made, key));
}

#[test]
fn a_flat_png_shown_as_stored_goes_in_as_its_own_samples_undecoded() {
    let art = RgbImage::from_fn(300, 400, |x, y| {
        if (x / 60 + y / 80) % 2 == 0 {
            Rgb([200, 20, 30])
        } else {
            Rgb([250, 240, 220])
        }
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(art.clone())
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    let header = super::super::decode::probe(&bytes).unwrap();
    let pic = Picture::from_file("art.png".into(), bytes, header);
    let whole = Crop::whole((300, 400));
    // Placed at 300 dpi on 72 × 96 pt: its own size, in color.
    let color = for_print(&pic, whole, 72.0, 96.0, 300, PrintMode::Color).unwrap();
    let PrintData::Samples { colors: 3, .. } = &color.image.data else {
        panic!("{color:?}")
    };
    assert!(!pic.decoded_yet());
    // Gray of a color file needs its pixels: decoded, and flat art stays lossless.
    let gray = for_print(&pic, whole, 72.0, 96.0, 300, PrintMode::Grayscale).unwrap();
    assert!(matches!(&gray.image.data, PrintData::Pixels(_)));
    assert_eq!(gray_of(&gray).as_raw(), luma(&art, whole).as_raw());
    assert!(pic.decoded().unwrap().flat);
}
