//! Before a zine is typeset: every character checked against the fonts.
//! A character no font has fails the zine (naming it, its source line, the
//! family and a package to install) unless every layout built says
//! `missing_glyphs = "warn"`; each fallback family used is reported.

use crate::document::Document;
use crate::error::Error;
use crate::lang::Locale;
use crate::layout::{Layout, MissingGlyphs};
use crate::source::decode;
use crate::typeset::coverage::coverage;
use crate::typeset::fonts::{Fonts, Style};
use std::path::Path;

/// Checks `doc`'s characters for the layouts to be built; returns the
/// report's lines about fonts, or the error when a character has no font.
pub fn check_fonts(
    source: &Path,
    doc: &Document,
    fonts: &Fonts,
    locale: &Locale,
    layouts: &[&Layout],
) -> Result<Vec<String>, Error> {
    let cov = coverage(
        doc,
        fonts,
        locale,
        &doc.meta.language,
        layouts.iter().any(|l| l.print_urls),
    );
    let mut notes: Vec<String> = cov
        .fallbacks
        .iter()
        .filter_map(|(id, scripts)| {
            let family = fonts.fallback.family(*id)?;
            let files: Vec<String> = family
                .files()
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            let mut names: Vec<&str> = scripts
                .iter()
                .filter(|s| !matches!(**s, "Zyyy" | "Zinh"))
                .filter_map(|s| script_name(s))
                .collect();
            if names.is_empty() {
                names.push("symbols and punctuation");
            }
            Some(format!(
                "fallback font: {} ({}) for the {} text",
                family.name,
                files.join(", "),
                names.join(", ")
            ))
        })
        .collect();
    if cov.missing.is_empty() {
        return Ok(notes);
    }
    let line = first_line_with(source, cov.missing[0]);
    let file = fonts.face(Style::Regular).file.display().to_string();
    let file = if file.starts_with("<built-in>") {
        "built in".to_string()
    } else {
        file
    };
    let packages: Vec<String> = cov
        .packages()
        .iter()
        .map(|p| format!("Debian's {p} (apt-get install {p})"))
        .collect();
    let message = format!(
        "no font has {}: not {} ({}) nor any font zinepress.toml [fonts] names or the system has; install {}, \
         or put a font that has them in fonts/ or name one in zinepress.toml [fonts]",
        cov.missing_list(8),
        fonts.family_name(0),
        file,
        packages.join(" or "),
    );
    if layouts
        .iter()
        .any(|l| l.missing_glyphs == MissingGlyphs::Error)
    {
        return Err(Error::input(source, line, format!("{message}; or set missing_glyphs = \"warn\" in the layout to print them as empty boxes")));
    }
    notes.push(format!(
        "{}{message}; they print as empty boxes",
        line.map(|l| format!("line {l}: ")).unwrap_or_default()
    ));
    Ok(notes)
}

/// A script's English name from its ISO 15924 code ("Arab" → "Arabic").
fn script_name(code: &str) -> Option<&'static str> {
    use unicode_script::Script;
    let tag = code.as_bytes();
    [
        Script::Arabic,
        Script::Hebrew,
        Script::Han,
        Script::Hiragana,
        Script::Katakana,
        Script::Hangul,
        Script::Bopomofo,
        Script::Greek,
        Script::Cyrillic,
        Script::Latin,
        Script::Devanagari,
        Script::Thai,
        Script::Armenian,
        Script::Georgian,
        Script::Ethiopic,
        Script::Bengali,
        Script::Tamil,
        Script::Syriac,
        Script::Thaana,
    ]
    .into_iter()
    .find(|s| s.short_name().as_bytes() == tag)
    .map(|s| s.full_name())
    .or(Some("other"))
}

/// The 1-based line of the source file where `c` first appears, if it does
/// (not when it comes from zinepress.toml or the book's own words).
fn first_line_with(path: &Path, c: char) -> Option<usize> {
    let text = decode(&std::fs::read(path).ok()?).ok()?.text;
    text.lines().position(|l| l.contains(c)).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Inline};
    use crate::layout::LayoutSet;

    fn doc(text: &str) -> Document {
        Document {
            blocks: vec![Block::Paragraph(vec![Inline::Text(text.into())])],
            ..Default::default()
        }
    }

    #[test]
    fn an_uncovered_character_fails_unless_every_layout_warns() {
        let fonts = Fonts::load(None).unwrap();
        let set = LayoutSet::load(None).unwrap();
        let strict = set.get("reading-a5").unwrap().clone();
        let mut lenient = strict.clone();
        lenient.missing_glyphs = MissingGlyphs::Warn;
        let d = doc("words \u{10FFFD} more");
        let err = check_fonts(
            Path::new("no-such-file.md"),
            &d,
            &fonts,
            &Locale::english(),
            &[&lenient, &strict],
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("U+10FFFD")
                && err.contains("no-such-file.md")
                && err.contains("fonts-noto-core"),
            "{err}"
        );
        assert!(err.contains("Linux Libertine (built in)"), "{err}");
        let notes = check_fonts(
            Path::new("x.md"),
            &d,
            &fonts,
            &Locale::english(),
            &[&lenient],
        )
        .unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.contains("U+10FFFD") && n.contains("empty boxes")),
            "{notes:?}"
        );
    }

    #[test]
    fn covered_text_passes_quietly() {
        let fonts = Fonts::load(None).unwrap();
        let set = LayoutSet::load(None).unwrap();
        let notes = check_fonts(
            Path::new("x.md"),
            &doc("Plain “words”, naïve."),
            &fonts,
            &Locale::english(),
            &[set.get("reading-a5").unwrap()],
        )
        .unwrap();
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn scripts_have_names() {
        assert_eq!(script_name("Arab"), Some("Arabic"));
        assert_eq!(script_name("Hani"), Some("Han"));
        assert_eq!(script_name("Xyzw"), Some("other"));
    }
}
