//! Which of a page's fonts are bold: from each font's descriptor (its weight,
//! its ForceBold flag) or its name ("Times-Bold", "CMBX10"), keyed as the
//! interpreter keys the fonts it draws glyphs with.

use hayro_interpret::CacheKey;
use hayro_syntax::object::{Array, Dict, Name, Stream};
use hayro_syntax::page::{Page, Resources};

/// How deep forms nested in forms are searched for fonts.
const FORM_DEPTH: usize = 3;

/// The keys (as [`super::glyphs::Glyph::font`]) of the bold fonts a page
/// can draw with: its own resources, those it inherits, and its forms'.
pub fn bold_fonts(page: &Page<'_>) -> Vec<u128> {
    let mut out = Vec::new();
    let mut res: Option<&Resources<'_>> = Some(page.resources());
    while let Some(r) = res {
        fonts_of(&r.fonts, &mut out);
        forms_of(&r.x_objects, FORM_DEPTH, &mut out);
        res = r.parent();
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The bold fonts of a /Font dictionary, added to `out`.
fn fonts_of(fonts: &Dict<'_>, out: &mut Vec<u128>) {
    for name in fonts.keys() {
        if let Some(font) = fonts.get::<Dict<'_>>(name.as_ref()) {
            if font_is_bold(&font) {
                out.push(font.cache_key());
            }
        }
    }
}

/// The bold fonts of the forms in an /XObject dictionary, and of their forms.
fn forms_of(x_objects: &Dict<'_>, depth: usize, out: &mut Vec<u128>) {
    if depth == 0 {
        return;
    }
    for name in x_objects.keys() {
        let Some(form) = x_objects.get::<Stream<'_>>(name.as_ref()) else {
            continue;
        };
        let Some(res) = form.dict().get::<Dict<'_>>(b"Resources") else {
            continue;
        };
        if let Some(fonts) = res.get::<Dict<'_>>(b"Font") {
            fonts_of(&fonts, out);
        }
        if let Some(inner) = res.get::<Dict<'_>>(b"XObject") {
            forms_of(&inner, depth - 1, out);
        }
    }
}

/// Whether a font dictionary describes a bold face. A composite (Type0)
/// font's descriptor is its descendant's.
fn font_is_bold(font: &Dict<'_>) -> bool {
    let descendant = font
        .get::<Array<'_>>(b"DescendantFonts")
        .and_then(|a| a.iter::<Dict<'_>>().next());
    let descriptor = font
        .get::<Dict<'_>>(b"FontDescriptor")
        .or_else(|| descendant.and_then(|d| d.get::<Dict<'_>>(b"FontDescriptor")));
    let weight = descriptor
        .as_ref()
        .and_then(|d| d.get::<f32>(b"FontWeight"));
    let flags = descriptor
        .as_ref()
        .and_then(|d| d.get::<u32>(b"Flags"))
        .unwrap_or(0);
    let name = font
        .get::<Name<'_>>(b"BaseFont")
        .map(|n| n.as_str().to_string())
        .unwrap_or_default();
    is_bold(weight, flags, &name)
}

/// The ForceBold flag of a font descriptor (bit 19).
const FORCE_BOLD: u32 = 1 << 18;

/// Whether a face is bold by its descriptor's weight (600 and up), its
/// ForceBold flag, or its PostScript name: a style word after the family
/// ("NimbusRoman-Bold", "LibertinusSerif-SemiboldItalic", "Helvetica-Black")
/// or TeX's bold names (CMBX10, CMB10). A weight given below 600 wins over
/// the name.
pub fn is_bold(weight: Option<f32>, flags: u32, name: &str) -> bool {
    if let Some(w) = weight.filter(|w| *w > 0.0) {
        return w >= 600.0;
    }
    if flags & FORCE_BOLD != 0 {
        return true;
    }
    // The subset tag ("ABCDEF+") is no part of the name.
    let name = match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 => rest,
        _ => name,
    };
    let tex = name.starts_with("CMBX") || name.starts_with("CMB1") || name.starts_with("CMB9");
    let style = name
        .split_once(['-', ','])
        .map(|(_, s)| s.to_ascii_lowercase())
        .unwrap_or_default();
    let bold_word = ["bold", "black", "heavy", "semibold", "demi", "extrab"]
        .iter()
        .any(|w| style.contains(w));
    tex || bold_word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_by_weight_flag_or_name() {
        for name in [
            "NimbusRoman-Bold",
            "ABCDEF+LibertinusSerif-SemiboldItalic",
            "Helvetica-BoldOblique",
            "URWPalladioL-Bold",
            "CMBX12",
            "Arial,Bold",
            "SourceSans3-Black",
        ] {
            assert!(is_bold(None, 0, name), "{name}");
        }
        for name in [
            "NimbusRoman-Regular",
            "Times-Roman",
            "Times-Italic",
            "ABCDEF+LibertinusSerif-Regular",
            "CMR10",
            "CMSY10",
            "Boldini",
            "",
        ] {
            assert!(!is_bold(None, 0, name), "{name}");
        }
        assert!(is_bold(Some(700.0), 0, "F1"));
        assert!(!is_bold(Some(400.0), 0, "Odd-Bold"));
        assert!(is_bold(None, FORCE_BOLD, "F2"));
    }
}
