//! krilla 0.8 probe: shaped text in an embedded OTF font, plus a reusable Form XObject placed twice (imposition).
use krilla::geom::{Point, Transform};
use krilla::graphic::Graphic;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;

const FONT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fonts/LinLibertine_R.otf");
const TEXT: &str = "Affluent fjords offer fine waffles — AV WA Ta.";
const W: f32 = 420.0; // A5-ish page, in pt
const H: f32 = 595.0;

fn main() {
    let out_dir = std::env::args().nth(1).unwrap_or_else(|| "out".into());
    std::fs::create_dir_all(&out_dir).unwrap();
    let font = Font::new(std::fs::read(FONT).unwrap().into(), 0).expect("font parses");

    // 1. One page of text.
    let mut doc = Document::new();
    let mut page = doc.start_page_with(PageSettings::from_wh(W, H).unwrap());
    let mut s = page.surface();
    s.draw_text(Point::from_xy(36.0, 72.0), font.clone(), 12.0, TEXT, false, TextDirection::Auto);
    s.finish();
    page.finish();
    std::fs::write(format!("{out_dir}/krilla_text.pdf"), doc.finish().unwrap()).unwrap();

    // 2. Page 1 = the text page; page 2 = that content recorded once, placed twice.
    let mut doc = Document::new();
    let mut page = doc.start_page_with(PageSettings::from_wh(W, H).unwrap());
    let mut s = page.surface();
    s.draw_text(Point::from_xy(36.0, 72.0), font.clone(), 12.0, TEXT, false, TextDirection::Auto);
    s.finish();
    page.finish();

    let mut page = doc.start_page_with(PageSettings::from_wh(W, H).unwrap());
    let mut s = page.surface();
    let graphic = {
        let mut sb = s.stream_builder();
        let mut gs = sb.surface();
        gs.draw_text(Point::from_xy(36.0, 72.0), font.clone(), 12.0, TEXT, false, TextDirection::Auto);
        gs.finish();
        Graphic::new(sb.finish(), false)
    };
    // Placement A: scaled 0.5, top-left quarter.
    s.push_transform(&Transform::from_scale(0.5, 0.5));
    s.draw_graphic(graphic.clone());
    s.pop();
    // Placement B: scaled 0.5 and rotated 180° (head-to-foot, as on a folded sheet), bottom half.
    s.push_transform(&Transform::from_row(-0.5, 0.0, 0.0, -0.5, W, H));
    s.draw_graphic(graphic);
    s.pop();
    s.finish();
    page.finish();
    std::fs::write(format!("{out_dir}/krilla_xobject.pdf"), doc.finish().unwrap()).unwrap();
    eprintln!("krilla: wrote {out_dir}/krilla_text.pdf and {out_dir}/krilla_xobject.pdf");
}
