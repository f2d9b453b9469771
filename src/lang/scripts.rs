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
    }
}
