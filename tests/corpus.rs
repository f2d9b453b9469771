//! Generated sources through the real binary (issue 23): over a thousand
//! inputs from a fixed seed, mixing Markdown with the text that breaks
//! typesetters (em-dash chains, emoji with modifiers, Arabic, Chinese, soft
//! hyphens, zero-width spaces, bidi controls, combining marks, very long
//! words, form feeds, CRLF), plus the pipeline fuzz target's corpus. They are
//! built in a few projects, one `zinepress build` each (EPUB, reading PDF and
//! one imposed layout per project); no build may panic, and a zine may fail
//! only with an error naming its source.

mod common;

use common::*;
use std::path::Path;

const SEED: u64 = 0x2023_0e5d_a5b0_0c5e;
const INPUTS: usize = 1024;
/// One imposed layout per project: the minizines' tiny measure first.
const LAYOUTS: [&str; 4] = [
    "minizine-a4",
    "quarter-letter",
    "minizine-letter",
    "booklet-letter",
];

/// SplitMix64: a small, fixed random sequence (no dependency whose stream could change).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const MARKDOWN: &[&str] = &[
    "# ",
    "## **",
    "- ",
    "1. ",
    "> ",
    "```\n",
    "[^1]",
    "[^1]: a note\n",
    "[^x]",
    "**",
    "*",
    "_",
    "|a|b|\n|-|-|\n",
    "[link](http://x.org)",
    "<b>",
    "\n\n",
    "\n",
    "  \n",
    "    code\n",
    "1) ",
    "\\",
    "&amp;",
    "---\n",
];
const TEXT: &[&str] = &[
    "word ",
    "the workers organize ",
    "Ünïcödé ",
    "naïve café ",
    "“quoted” ",
    "‘single’ ",
    "\"straight\" ",
    "it's ",
    "—",
    "–",
    " – ",
    "over—finished—done—gone—forgotten—buried—ended—and ",
    "a/b/c/d/e/f ",
    "https://example.org/a/very/long/path/without/spaces ",
    "العربية ",
    "مرحبا بالعالم ",
    "中文中文中文中文 ",
    "日本語の文章 ",
    "👍🏽",
    "👩\u{200d}👩\u{200d}👧",
    "🇳🇿",
    "😀 ",
    "e\u{301}",
    "a\u{301}\u{302}\u{303}\u{304}",
    "\u{ad}",
    "soft\u{ad}hy\u{ad}phen ",
    "\u{200b}",
    "zero\u{200b}width\u{200b}space ",
    "\u{200d}",
    "\u{202e}",
    "\u{202c}",
    "\u{2066}",
    "\u{2069}",
    "\u{200f}",
    "\u{feff}",
    "\u{a0}",
    "\t",
    "\u{c}",
    "\r\n",
    "\r",
    "AB-\nCD ",
    "pro-\nduced ",
    "1. Heading\n",
    "22\n",
    "word1 ",
    "end.2 ",
    "…",
    "...",
    "!!!",
    "?! ",
    "(1871-\n1919) ",
    "CAPITALS LEAD IN ",
    "a\u{300}\u{316}\u{300}\u{316} ",
    "\u{fffd}",
    "\u{e00f}",
];

/// One generated source: Markdown or plain text, sometimes with front matter.
fn source(rng: &mut Rng, markdown: bool) -> String {
    let mut s = String::new();
    match rng.below(8) {
        0 if markdown => s.push_str("---\ntitle: A—B—C\nauthor: Ünal\n---\n\n"),
        1 if markdown => s.push_str("+++\ntitle = \"T\"\n+++\n"),
        _ => {}
    }
    for _ in 0..rng.below(160) + 1 {
        match rng.below(12) {
            0..=2 if markdown => s.push_str(rng.pick(MARKDOWN)),
            0 => s.push('\n'),
            3 => {
                // A very long word, of letters or of one troublesome piece.
                let piece = if rng.below(2) == 0 {
                    "x"
                } else {
                    rng.pick(TEXT).trim_end()
                };
                s.push_str(&piece.repeat(rng.below(120) + 20));
                s.push(' ');
            }
            _ => s.push_str(rng.pick(TEXT)),
        }
    }
    s
}

/// Writes a project of `sources` (file name, bytes) with one imposed layout.
fn project(sources: &[(String, Vec<u8>)], layout: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("zinepress-corpus-")
        .tempdir()
        .unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    for (name, bytes) in sources {
        std::fs::write(dir.path().join("sources").join(name), bytes).unwrap();
    }
    std::fs::write(
        dir.path().join("zinepress.toml"),
        format!("[project]\nlayouts = [\"{layout}\"]\n"),
    )
    .unwrap();
    dir
}

/// Builds the project and checks: exit 0, 1 or 2, no panic, and every
/// failure a user error naming its source. Returns (zines, failed).
fn build_and_check(dir: &Path, what: &str) -> (usize, usize) {
    let o = zinepress()
        .current_dir(dir)
        .args(["build", "--json", "--out", "dist"])
        .output()
        .expect("the zinepress binary runs");
    let err = stderr(&o);
    assert!(
        matches!(o.status.code(), Some(0..=2)),
        "{what}: exit {:?}\n{err}",
        o.status.code()
    );
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{what}: {err}"
    );
    let report: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{what}: no JSON report ({e}): {err}"));
    let zines = report["zines"].as_array().expect("zines");
    let failed: Vec<&serde_json::Value> = zines.iter().filter(|z| z["ok"] == false).collect();
    for z in &failed {
        let (source, error) = (
            z["source"].as_str().unwrap(),
            z["error"].as_str().unwrap_or_default(),
        );
        let name = Path::new(source).file_name().unwrap().to_string_lossy();
        assert!(
            error.contains(name.as_ref()),
            "{what}: {source} failed without naming it: {error}"
        );
    }
    (zines.len(), failed.len())
}

#[test]
fn generated_sources_never_panic_the_build() {
    let mut rng = Rng(SEED);
    let per_project = INPUTS.div_ceil(LAYOUTS.len());
    let (mut built, mut failed) = (0, 0);
    for (p, layout) in LAYOUTS.iter().enumerate() {
        let sources: Vec<(String, Vec<u8>)> = (0..per_project)
            .map(|i| {
                let markdown = rng.below(3) > 0;
                let name = format!("g{p}-{i:04}.{}", if markdown { "md" } else { "txt" });
                (name, source(&mut rng, markdown).into_bytes())
            })
            .collect();
        let dir = project(&sources, layout);
        let (zines, failures) = build_and_check(dir.path(), &format!("project {p} ({layout})"));
        built += zines;
        failed += failures;
    }
    assert!(built >= INPUTS, "{built} zines built");
    // The inputs are odd, not broken: nearly all of them make a zine.
    assert!(failed * 20 < built, "{failed} of {built} zines failed");
}

#[test]
fn the_pipeline_fuzz_corpus_builds_without_panic() {
    // Each corpus file's first byte picks the reader (odd: Markdown), as in `zinepress::fuzz::pipeline`.
    let dir = repo().join("fuzz/corpus/pipeline");
    let mut sources = Vec::new();
    for (i, entry) in std::fs::read_dir(&dir).unwrap().enumerate() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let Some((&first, rest)) = bytes.split_first() else {
            continue;
        };
        sources.push((
            format!("f{i:04}.{}", if first & 1 == 1 { "md" } else { "txt" }),
            rest.to_vec(),
        ));
    }
    assert!(
        sources.len() >= 4,
        "{}: only {} inputs",
        dir.display(),
        sources.len()
    );
    let dir = project(&sources, "minizine-a4");
    assert_eq!(build_and_check(dir.path(), "fuzz corpus").0, sources.len());
}
