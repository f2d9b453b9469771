//! printpdf 0.12.8 probe (feature `html`): the same sentence laid out via `PdfDocument::from_html`, printpdf's only public shaping path.
use printpdf::*;
use std::collections::BTreeMap;

const FONT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fonts/LinLibertine_R.otf");
const TEXT: &str = "Affluent fjords offer fine waffles — AV WA Ta.";

fn main() {
    let out_dir = std::env::args().nth(1).unwrap_or_else(|| "out".into());
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut fonts = BTreeMap::new();
    fonts.insert("Libertine".to_string(), Base64OrRaw::Raw(std::fs::read(FONT).unwrap()));
    let html = format!(
        "<html><body style=\"margin: 0; padding: 36pt;\"><p style=\"font-family: Libertine; font-size: 12pt;\">{TEXT}</p></body></html>"
    );
    let mut warnings = Vec::new();
    let options = GeneratePdfOptions { page_width: Some(148.0), page_height: Some(210.0), ..Default::default() };
    let doc = PdfDocument::from_html(&html, &BTreeMap::new(), &fonts, &options, &mut warnings).expect("from_html");
    let opts = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    let pdf = doc.save(&opts, &mut warnings);
    std::fs::write(format!("{out_dir}/printpdf_html_text.pdf"), pdf).unwrap();
    for w in warnings.iter().filter(|w| w.severity != PdfParseErrorSeverity::Info) {
        eprintln!("warning: {w:?}");
    }
    eprintln!("printpdf_html: wrote {out_dir}/printpdf_html_text.pdf");
}
