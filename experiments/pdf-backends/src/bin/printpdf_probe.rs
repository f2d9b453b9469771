//! printpdf 0.12.8 probe: text in an embedded OTF font via the documented Op API, plus a Form XObject placed twice.
use printpdf::*;

const FONT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fonts/LinLibertine_R.otf");
const TEXT: &str = "Affluent fjords offer fine waffles — AV WA Ta.";
const W: f32 = 420.0; // A5-ish page, in pt
const H: f32 = 595.0;

/// The text page, exactly as printpdf's README shows external-font text (origin bottom-left).
fn text_ops(font: &FontId) -> Vec<Op> {
    vec![
        Op::StartTextSection,
        Op::SetTextCursor { pos: Point { x: Pt(36.0), y: Pt(H - 72.0) } },
        Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(12.0) },
        Op::ShowText { items: vec![TextItem::Text(TEXT.to_string())] },
        Op::EndTextSection,
    ]
}

fn page(ops: Vec<Op>) -> PdfPage {
    PdfPage::new(Pt(W).into(), Pt(H).into(), ops)
}

fn main() {
    let tag = if cfg!(feature = "pp-text-layout") { "printpdf_tl" } else { "printpdf_plain" };
    let out_dir = std::env::args().nth(1).unwrap_or_else(|| "out".into());
    std::fs::create_dir_all(&out_dir).unwrap();
    let bytes = std::fs::read(FONT).unwrap();
    let mut fw = Vec::new();
    let font = ParsedFont::from_bytes(&bytes, 0, &mut fw).expect("font parses");
    for w in &fw {
        eprintln!("font warning: {w:?}");
    }
    let opts = PdfSaveOptions { subset_fonts: true, ..Default::default() }; // the default, stated explicitly
    let mut warnings = Vec::new();

    // 1. One page of text.
    let mut doc = PdfDocument::new("probe");
    let fid = doc.add_font(&font);
    let pdf = doc.with_pages(vec![page(text_ops(&fid))]).save(&opts, &mut warnings);
    std::fs::write(format!("{out_dir}/{tag}_text.pdf"), pdf).unwrap();

    // 2. Imposition: page 1 is the text page; page 2 places that content twice as a Form XObject.
    // printpdf has no public "Vec<Op> -> content stream" call (translate_operations is pub(crate)),
    // and FormXObject takes raw content bytes. So: serialize the text page with the public
    // to_lopdf_doc() and lift its content stream bytes into a FormXObject.
    let mut doc = PdfDocument::new("probe");
    let fid = doc.add_font(&font);
    doc.with_pages(vec![page(text_ops(&fid))]);
    let lo = to_lopdf_doc(&doc, &opts, &mut warnings);
    let first_page = *lo.get_pages().get(&1).unwrap();
    let content = lo.get_page_content(first_page);
    let form = FormXObject {
        form_type: FormType::Type1,
        size: None,
        bytes: content,
        matrix: None,
        resources: None, // a font *reference* cannot be expressed before serialization; rely on page resources
        group: None,
        ref_dict: None,
        metadata: None,
        piece_info: None,
        last_modified: None,
        struct_parent: None,
        struct_parents: None,
        opi: None,
        oc: None,
        name: None,
    };
    let xid = XObjectId::new();
    doc.resources.xobjects.map.insert(xid.clone(), XObject::Form(form));
    let half = XObjectTransform { scale_x: Some(0.5), scale_y: Some(0.5), ..Default::default() };
    let half_rot = XObjectTransform {
        scale_x: Some(0.5),
        scale_y: Some(0.5),
        rotate: Some(XObjectRotation { angle_ccw_degrees: 180.0, rotation_center_x: Px(0), rotation_center_y: Px(0) }),
        translate_x: Some(Pt(W)),
        translate_y: Some(Pt(H)),
        ..Default::default()
    };
    let imposed = vec![
        Op::UseXobject { id: xid.clone(), transform: half },
        Op::UseXobject { id: xid, transform: half_rot },
    ];
    let mut pages = doc.pages.clone();
    pages.push(page(imposed));
    let pdf = doc.with_pages(pages).save(&opts, &mut warnings);
    std::fs::write(format!("{out_dir}/{tag}_xobject.pdf"), pdf).unwrap();
    for w in warnings.iter().filter(|w| w.severity != PdfParseErrorSeverity::Info) {
        eprintln!("save warning: {w:?}");
    }
    eprintln!("{tag}: wrote {out_dir}/{tag}_text.pdf and {out_dir}/{tag}_xobject.pdf");
}
