//! Per-script font data: the system families to try for a script's
//! characters, and the Debian package to suggest when none covers them.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const SCRIPTS: &str = include_str!("../../locales/scripts/fonts.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptFonts {
    families: Vec<String>,
    package: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Table {
    default_package: String,
    #[serde(flatten)]
    scripts: BTreeMap<String, ScriptFonts>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str(SCRIPTS).expect("locales/scripts/fonts.toml parses; a unit test checks it")
    })
}

/// The system families to try for a script (ISO 15924 code, "Arab"), best first.
pub fn families(script: &str) -> &'static [String] {
    table()
        .scripts
        .get(script)
        .map(|s| s.families.as_slice())
        .unwrap_or(&[])
}

/// The Debian package that has fonts for a script.
pub fn package(script: &str) -> &'static str {
    let t = table();
    t.scripts
        .get(script)
        .map(|s| s.package.as_str())
        .unwrap_or(t.default_package.as_str())
}

/// The Debian package that has a font for a character: pictographs and
/// emoji (which Noto's outline fonts leave to a colour font that PDF text
/// cannot use) are in Symbola; other characters go by their script.
pub fn package_for(c: char, script: &str) -> &'static str {
    if is_pictograph(c) {
        "fonts-symbola"
    } else {
        package(script)
    }
}

/// Emoji and pictographic symbols: the Unicode blocks of Miscellaneous
/// Symbols and Dingbats, and the pictographic planes from Mahjong Tiles to
/// Symbols and Pictographs Extended-A.
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{1F000}'..='\u{1FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_names_fonts_and_packages() {
        assert!(families("Arab").iter().any(|f| f.contains("Arabic")));
        assert_eq!(package("Hani"), "fonts-noto-cjk");
        assert_eq!(package("Hebr"), "fonts-noto-core");
        assert_eq!(package("Xyzw"), "fonts-noto-core");
        assert!(families("Xyzw").is_empty());
        assert_eq!(package_for('\u{1F468}', "Zyyy"), "fonts-symbola");
        assert_eq!(package_for('\u{2615}', "Zyyy"), "fonts-symbola");
        assert_eq!(package_for('\u{2014}', "Zyyy"), "fonts-noto-core");
        assert_eq!(package_for('\u{4F60}', "Hani"), "fonts-noto-cjk");
    }
}
