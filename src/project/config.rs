//! zinepress.toml as written: its tables, parsed and checked, and the lines
//! its keys and values stand on (for messages).

use crate::error::Error;
use serde::Deserialize;
use std::path::Path;

pub const CONFIG_FILE: &str = "zinepress.toml";

/// zinepress.toml as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub project: ProjectDefaults,
    #[serde(default, rename = "zine")]
    pub zines: Vec<ZineEntry>,
    /// Fallback fonts for what the family in fonts/ does not cover, by
    /// script (ISO 15924, "Arab") or language tag ("ja"): family names of
    /// the system's fonts, or font files in the project.
    #[serde(default)]
    pub fonts: std::collections::BTreeMap<String, Vec<String>>,
}

/// Defaults for every zine of the project.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectDefaults {
    /// BCP 47 language tag; default "en".
    pub language: Option<String>,
    /// Imposed layouts built for each zine; default booklet-letter and booklet-a4.
    pub layouts: Option<Vec<String>>,
    pub authors: Option<Vec<String>>,
    pub rights: Option<String>,
    /// Largest source accepted, in MB (default 20).
    pub max_source_mb: Option<u64>,
    /// Most pages a zine may have in any layout (default 2000).
    pub max_pages: Option<usize>,
    /// Folders outside the project that sources may name files in (relative
    /// to the project, or absolute); by default none.
    #[serde(default)]
    pub allow_paths: Vec<String>,
}

/// Default of `max_pages`.
pub const MAX_PAGES: usize = 2000;

/// One `[[zine]]` table.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ZineEntry {
    /// Path of the source, relative to the project root.
    pub source: String,
    /// Output name; default the source's file stem.
    pub slug: Option<String>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Option<Vec<String>>,
    pub language: Option<String>,
    pub layouts: Option<Vec<String>>,
    pub description: Option<String>,
    #[serde(default)]
    pub subjects: Vec<String>,
    pub rights: Option<String>,
    pub identifier: Option<String>,
    /// Cover image, relative to the project; default `covers/SLUG.{png,jpg,jpeg,webp}`.
    pub cover: Option<String>,
    /// This zine's cover design, over the layout's: full-bleed, framed or type-only.
    pub cover_design: Option<crate::cover::CoverDesign>,
    /// Alt text of the cover in the EPUB; default "Cover of TITLE".
    pub cover_alt: Option<String>,
    /// Back-cover text; default the description or the opening of the text.
    pub blurb: Option<String>,
    /// Drop this many lines at the top of the source (a front block).
    pub skip_lines: Option<usize>,
    /// Keep the source up to and including this line number.
    pub end_at_line: Option<usize>,
    /// End the text after the first line containing this phrase.
    pub end_after: Option<String>,
    /// End the text before the first line starting with this phrase.
    pub end_before: Option<String>,
}

impl ConfigFile {
    /// Parses zinepress.toml text; `file` is only for messages.
    pub fn parse(text: &str, file: &Path) -> Result<ConfigFile, Error> {
        let config: ConfigFile =
            toml::from_str(text).map_err(|e| Error::from_toml(file, text, &e))?;
        if let Some(lang) = &config.project.language {
            check_language(lang)
                .map_err(|m| Error::config(file, None, format!("project.language: {m}")))?;
        }
        for key in config.fonts.keys() {
            let script = key.len() == 4
                && key.starts_with(|c: char| c.is_ascii_uppercase())
                && key.chars().all(|c| c.is_ascii_alphabetic());
            if !script && check_language(key).is_err() {
                return Err(Error::config(
                    file,
                    line_of_key(text, key),
                    format!("fonts: `{key}` is neither a script code (like \"Arab\", \"Hani\") nor a language tag (like \"ja\")"),
                ));
            }
        }
        for (i, zine) in config.zines.iter().enumerate() {
            if let Some(lang) = &zine.language {
                check_language(lang).map_err(|m| {
                    Error::config(file, None, format!("zine #{} language: {m}", i + 1))
                })?;
            }
            if zine.end_at_line.is_some() as u8
                + zine.end_after.is_some() as u8
                + zine.end_before.is_some() as u8
                > 1
            {
                return Err(Error::config(
                    file,
                    None,
                    format!(
                        "zine `{}`: use only one of end_at_line, end_after, end_before",
                        zine.source
                    ),
                ));
            }
        }
        Ok(config)
    }
}

/// 1-based line where the key `key` is written in a TOML text.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().trim_start_matches('"').starts_with(key))
        .map(|i| i + 1)
}

/// 1-based line of the first quoted occurrence of `value` in a TOML text.
pub(super) fn line_of_string(text: &str, value: &str) -> Option<usize> {
    let quoted = format!("\"{value}\"");
    text.find(&quoted)
        .map(|offset| crate::error::line_of_offset(text, offset))
}

/// Checks that a language tag looks like BCP 47 ("en", "pt-BR"); "C" and "" are refused.
pub fn check_language(tag: &str) -> Result<(), String> {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let ok_primary =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    let ok_rest =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok_primary && ok_rest {
        Ok(())
    } else {
        Err(format!(
            "`{tag}` is not a language tag; write one like \"en\", \"es\" or \"pt-BR\""
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        assert!(check_language("en").is_ok());
        assert!(check_language("pt-BR").is_ok());
        assert!(check_language("C").is_err());
        assert!(check_language("").is_err());
    }

    #[test]
    fn config_typo_names_key_and_line() {
        let text = "[project]\nlanguage = \"en\"\n\n[[zine]]\nsource = \"a.txt\"\ntitel = \"x\"\n";
        let msg = ConfigFile::parse(text, Path::new("zinepress.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("titel") && msg.contains("zinepress.toml:6"),
            "{msg}"
        );
    }

    #[test]
    fn fallback_fonts_are_keyed_by_script_or_language() {
        let ok = "[fonts]\nArab = [\"Noto Naskh Arabic\"]\nja = [\"fonts/extra/NotoSansJP.otf\"]\n";
        let config = ConfigFile::parse(ok, Path::new("zinepress.toml")).unwrap();
        assert_eq!(config.fonts["Arab"], ["Noto Naskh Arabic"]);
        let msg = ConfigFile::parse(
            "[project]\n\n[fonts]\n\"ar abic\" = [\"X\"]\n",
            Path::new("zinepress.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            msg.contains("zinepress.toml:4")
                && msg.contains("ar abic")
                && msg.contains("script code"),
            "{msg}"
        );
    }

    #[test]
    fn wrong_type_is_an_error() {
        let text = "[project]\nlayouts = \"booklet-a4\"\n";
        assert!(ConfigFile::parse(text, Path::new("zinepress.toml")).is_err());
    }
}
