//! What a build reports: per layout, per output file, per zine and for the whole build (the `--json` report and the preview page read these).

use crate::preview::Summary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What an imposed layout did with a zine's pages.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LayoutReport {
    pub layout: String,
    pub pages: usize,
    /// Pages after padding to the scheme's multiple.
    pub padded: usize,
    pub sheets: usize,
    /// 1-based positions of the blank pages in the padded sequence.
    pub blanks: Vec<usize>,
}

/// One file written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutputReport {
    pub path: String,
    pub bytes: u64,
    /// Lower-case hex; made only when asked for ([`super::BuildOptions::sha256`],
    /// the `--json` report), else empty.
    #[serde(default)]
    pub sha256: String,
    /// BLAKE3 of the bytes, lower-case hex: what the build cache checks the
    /// file against (a small share of SHA-256's work without SHA instructions).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub blake3: String,
}

/// One zine's result.
#[derive(Debug, Clone, Serialize)]
pub struct ZineReport {
    pub slug: String,
    pub source: String,
    pub ok: bool,
    /// Not rebuilt: its inputs and outputs are as the last build left them.
    pub cached: bool,
    pub error: Option<String>,
    pub outputs: Vec<OutputReport>,
    pub warnings: Vec<String>,
    /// The warnings the default output shows: a change to the source's
    /// bytes, a repair that removed more than 2% of the words.
    pub notices: Vec<String>,
    pub seconds: f64,
    /// Imposed layouts built, with their blank pages.
    pub layouts: Vec<LayoutReport>,
    /// Seconds spent in each stage: prepare (read + repair), images (find,
    /// decode, EPUB encoding), epub, typeset (with print images), pdf, impose.
    pub stages: BTreeMap<String, f64>,
    /// Title, authors, pages, words and the repair report (the preview page's
    /// card); `None` when the zine failed before its text was read.
    pub summary: Option<Summary>,
    /// Whether its outputs were made with the fonts (for the build cache).
    #[serde(skip)]
    pub fonts_used: bool,
}

/// The whole build's result.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub zines: Vec<ZineReport>,
    /// Zines rebuilt, not counting cached ones (same as `totals.built`).
    pub built: usize,
    pub cached: usize,
    pub failed: usize,
    pub seconds: f64,
    pub totals: Totals,
    /// The folders outside the project that sources may name files in
    /// (`allow_paths` in zinepress.toml, as written there).
    pub allow_paths: Vec<String>,
    /// The preview page, `OUT/index.html`; `None` when it was not written
    /// (no output folder, or an index.html there that zinepress did not write).
    pub preview: Option<String>,
}

/// Counts over a build: `zines` = `built` + `cached` + `failed`.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub zines: usize,
    pub built: usize,
    pub cached: usize,
    pub failed: usize,
    pub seconds: f64,
}
