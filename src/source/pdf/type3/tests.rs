use super::*;
use crate::source::pdf::glyphs::{read_pages, PageGlyphs};
use pdf_writer::{Finish, Name as WName, Pdf as Writer, Rect, Ref};

/// A one-page PDF whose font /T3 is a Type 3 font with `names` from code 97
/// (`a`) on (each glyph a box, 600 units wide, of 1000 to the em), /F2 is Helvetica,
/// and /X1 a form showing `form` with /T3; the page shows `content`.
fn pdf_with(names: &[&str], content: &[u8], form: &[u8]) -> Vec<u8> {
    let mut w = Writer::new();
    let (catalog, pages, page, stream, font, helv, x1) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
        Ref::new(7),
    );
    let procs: Vec<Ref> = (0..names.len()).map(|i| Ref::new(20 + i as i32)).collect();
    w.catalog(catalog).pages(pages);
    w.pages(pages).kids([page]).count(1);
    let mut p = w.page(page);
    p.parent(pages)
        .media_box(Rect::new(0.0, 0.0, 300.0, 300.0))
        .contents(stream);
    let mut res = p.resources();
    res.fonts()
        .pair(WName(b"T3"), font)
        .pair(WName(b"F2"), helv);
    res.x_objects().pair(WName(b"X1"), x1);
    res.finish();
    p.finish();
    w.stream(stream, content);
    let mut f = w.type3_font(font);
    f.bbox(Rect::new(0.0, 0.0, 600.0, 700.0))
        .matrix([0.001, 0.0, 0.0, 0.001, 0.0, 0.0])
        .first_char(97)
        .last_char(96 + names.len() as u8)
        .widths(names.iter().map(|_| 600.0));
    f.encoding_custom()
        .differences()
        .consecutive(97, names.iter().map(|n| WName(n.as_bytes())));
    let mut cp = f.char_procs();
    for (n, r) in names.iter().zip(&procs) {
        cp.pair(WName(n.as_bytes()), *r);
    }
    cp.finish();
    f.finish();
    for r in &procs {
        w.stream(*r, b"600 0 0 0 500 600 d1 0 0 500 600 re f");
    }
    w.type1_font(helv).base_font(WName(b"Helvetica"));
    let mut x = w.form_xobject(x1, form);
    x.bbox(Rect::new(0.0, 0.0, 300.0, 300.0));
    x.resources().fonts().pair(WName(b"T3"), font);
    x.finish();
    w.finish()
}

fn read(bytes: Vec<u8>) -> PageGlyphs {
    let pdf = hayro_syntax::Pdf::new(bytes).expect("the test PDF loads");
    read_pages(&pdf).remove(0)
}

fn text(page: &PageGlyphs) -> String {
    page.glyphs.iter().map(|g| g.text.as_str()).collect()
}

const AWL: &[&str] = &["a", "w", "l", "period"];

#[test]
fn type3_glyphs_read_their_letters_from_the_differences_names() {
    let page = read(pdf_with(AWL, b"BT /T3 10 Tf 20 200 Td (abcd) Tj ET", b""));
    assert_eq!(text(&page), "awl.");
    assert_eq!(page.unmapped, 0);
    // The width is /Widths times /FontMatrix: 600 of 1000 at 10 pt.
    assert!(page.glyphs.iter().all(|g| (g.width - 6.0).abs() < 1e-6));
    assert!((page.glyphs[1].x - page.glyphs[0].x - 6.0).abs() < 1e-6);
    assert!(page.glyphs.iter().all(|g| g.font != 0));
}

#[test]
fn codes_come_in_drawing_order_through_arrays_forms_and_other_fonts() {
    let page = read(pdf_with(
        AWL,
        b"BT /T3 10 Tf 20 200 Td [(ab) -300 (c)] TJ /F2 10 Tf (w) Tj ET \
          q /X1 Do Q BT /T3 10 Tf 20 150 Td (ca) Tj 12 TL (d) ' ET",
        b"BT /T3 10 Tf 20 100 Td (ba) Tj ET",
    ));
    assert_eq!(text(&page), "awlwwala.");
    assert_eq!(page.unmapped, 0);
}

#[test]
fn a_glyph_filled_and_stroked_is_drawn_twice_and_a_clipping_one_not_at_all() {
    let page = read(pdf_with(
        AWL,
        b"BT /T3 10 Tf 20 200 Td 7 Tr (b) Tj 2 Tr (a) Tj 0 Tr (c) Tj ET",
        b"",
    ));
    assert_eq!(text(&page), "aal");
}

#[test]
fn names_outside_the_glyph_list_stay_unmapped() {
    let page = read(pdf_with(
        &["g1", "g2", "a"],
        b"BT /T3 10 Tf 20 200 Td (abc) Tj ET",
        b"",
    ));
    assert_eq!(text(&page), "a");
    assert_eq!(page.unmapped, 2);
}

#[test]
fn glyph_names_give_text_by_the_glyph_list_only() {
    assert_eq!(name_text("a").as_deref(), Some("a"));
    assert_eq!(name_text("period").as_deref(), Some("."));
    assert_eq!(name_text("quoteright").as_deref(), Some("\u{2019}"));
    assert_eq!(name_text("uni00E9").as_deref(), Some("é"));
    assert_eq!(name_text("f_i").as_deref(), Some("fi"));
    assert_eq!(name_text("g1"), None);
    assert_eq!(name_text("a97"), None);
    assert_eq!(name_text("cmr10-0"), None);
}

#[test]
fn a_name_that_is_its_own_code_reads_as_the_tex_encodings_agree() {
    assert_eq!(own_code_text("a97", 97).as_deref(), Some("a"));
    assert_eq!(own_code_text("a49", 49).as_deref(), Some("1"));
    assert_eq!(own_code_text("a46", 46).as_deref(), Some("."));
    assert_eq!(own_code_text("a39", 39).as_deref(), Some("\u{2019}"));
    // Numbered in order of use, not by code: nothing.
    assert_eq!(own_code_text("a1", 97), None);
    assert_eq!(own_code_text("a97", 98), None);
    // Codes where OT1 and T1 (or ASCII) differ: nothing.
    assert_eq!(own_code_text("a60", 60), None);
    assert_eq!(own_code_text("a34", 34), None);
    assert_eq!(own_code_text("a123", 123), None);
    assert_eq!(own_code_text("a32", 32), None);
    // Other shapes of name: nothing.
    assert_eq!(own_code_text("ab97", 97), None);
    assert_eq!(own_code_text("a097", 97), None);
    assert_eq!(own_code_text("a", 97), None);
}

#[test]
fn pdftex_bitmap_font_names_read_through_their_codes() {
    let page = read(pdf_with(
        &["a97", "a98", "a3"],
        b"BT /T3 10 Tf 20 200 Td (abc) Tj ET",
        b"",
    ));
    // /a97 at 97 and /a98 at 98 are their codes; /a3 at 99 is not.
    assert_eq!(text(&page), "ab");
    assert_eq!(page.unmapped, 1);
}

#[test]
fn base_encodings_name_the_codes_without_differences() {
    assert_eq!(Base::WinAnsi.text(b'A').as_deref(), Some("A"));
    assert_eq!(Base::WinAnsi.text(0x93).as_deref(), Some("\u{201c}"));
    assert_eq!(Base::WinAnsi.text(0x81), None);
    assert_eq!(Base::Standard.text(b'\'').as_deref(), Some("\u{2019}"));
    assert_eq!(Base::Standard.text(0x05), None);
}

#[test]
fn a_pairing_that_disagrees_with_the_glyph_keys_fails() {
    let font = Rc::new(Type3Font {
        key: 7,
        names: (0..=255u8).map(|c| Some(format!("n{c}"))).collect(),
        texts: vec![None; 256],
        advances: vec![None; 256],
    });
    let shown = |codes: &[u8]| -> Vec<Shown> {
        codes
            .iter()
            .map(|&code| Shown {
                font: font.clone(),
                code,
            })
            .collect()
    };
    // Same code, same key; another code, another key: it holds.
    let mut p = Pairing::new(shown(&[1, 2, 1]));
    assert!(p.next(10).is_some() && p.next(20).is_some() && p.next(10).is_some());
    assert!(p.held());
    // Two codes drawn with one glyph key: it fails, and gives no codes after.
    let mut p = Pairing::new(shown(&[1, 2, 3]));
    assert!(p.next(10).is_some());
    assert!(p.next(10).is_none());
    assert!(p.next(30).is_none());
    assert!(!p.held());
    // More glyphs drawn than codes read, or fewer: it fails.
    let mut p = Pairing::new(shown(&[1]));
    p.next(10);
    p.next(10);
    assert!(!p.held());
    let mut p = Pairing::new(shown(&[1, 2]));
    p.next(10);
    assert!(!p.held());
}
