//! The command line: `build`, `watch`, `impose`, `check`, `normalize`, `layouts`, `init`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "zinepress",
    version,
    about = "Compile essays into EPUBs and print-ready, imposed zine PDFs"
)]
pub struct Cli {
    /// The project folder (holding zinepress.toml, sources/, fonts/, layouts/).
    #[arg(long, short = 'C', global = true, default_value = ".")]
    pub project: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build EPUBs and PDFs into the output folder.
    Build(BuildArgs),
    /// Build, then rebuild whenever a source, zinepress.toml, a layout, a font or a cover changes.
    Watch(WatchArgs),
    /// Impose the pages of an existing PDF onto sheets with a layout.
    Impose(ImposeArgs),
    /// List what the text repair changed and doubts; writes nothing.
    Check {
        /// Sources to check (default: every zine of the project).
        paths: Vec<PathBuf>,
    },
    /// Print the repaired document as Markdown.
    Normalize { path: PathBuf },
    /// List the layouts with a one-line description each.
    Layouts,
    /// Start a new project: zinepress.toml, an example essay, fonts, a CI workflow.
    Init {
        /// The folder to create the project in (default: the -C folder, else the current one).
        dir: Option<PathBuf>,
    },
}

/// What to build and where: the options `build` and `watch` share.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Sources to build (default: every zine of the project).
    pub paths: Vec<PathBuf>,
    /// Output folder (default: dist/ in the project folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Formats to write: epub, pdf, or both (comma-separated).
    #[arg(long, value_delimiter = ',', default_values = ["epub", "pdf"])]
    pub format: Vec<OutputFormat>,
    /// Imposed layouts to build (repeatable); default: the zine's or project's.
    #[arg(long = "layout")]
    pub layouts: Vec<String>,
    /// Zines built at once (default: the number of cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Also write SLUG.LAYOUT.pages.pdf: each imposed layout's pages, unimposed, for proofreading.
    #[arg(long)]
    pub proof: bool,
    /// Open each imposed PDF with a page showing how to print and fold it.
    #[arg(long)]
    pub guide_page: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Print a machine-readable report on stdout.
    #[arg(long)]
    pub json: bool,
    /// Rebuild every zine, even those whose inputs did not change.
    #[arg(long)]
    pub force: bool,
    /// Build only the zines whose slug falls in shard K of N (1-based), e.g. 2/3.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// Log only failures and the summary.
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub quiet: bool,
    /// Log every zine with its warnings and the time of each stage.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Log only failures and a summary of each rebuild.
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub quiet: bool,
    /// Log every zine of each rebuild with its warnings and the time of each stage.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Serve the output folder on 127.0.0.1, its pages reloading after each rebuild.
    #[arg(long)]
    pub serve: bool,
    /// The port to serve on (0: any free port).
    #[arg(long, default_value_t = 3000, requires = "serve")]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct ImposeArgs {
    /// The PDF to impose: its pages in reading order, front cover first.
    pub input: PathBuf,
    /// An imposed layout (one with an [impose] table; see `zinepress layouts`).
    #[arg(long)]
    pub layout: String,
    /// The imposed PDF to write (default: IN.LAYOUT.pdf beside the input).
    #[arg(long, short = 'o', visible_alias = "out", value_name = "OUT.pdf")]
    pub output: Option<PathBuf>,
    /// Open the imposed PDF with a page showing how to print and fold it.
    #[arg(long)]
    pub guide_page: bool,
    /// Also write the folding guide as a PNG to this file.
    #[arg(long, value_name = "PNG")]
    pub guide: Option<PathBuf>,
    /// The last page is not a back cover: blank pages go at the end, not before it.
    #[arg(long)]
    pub no_back_cover: bool,
    /// Print a machine-readable summary on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Epub,
    Pdf,
}

/// `--shard K/N`: this runner builds shard K of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u32,
    pub n: u32,
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let form = "write it as K/N with 1 <= K <= N, e.g. --shard 2/3";
    let (k, n) = text
        .split_once('/')
        .ok_or_else(|| format!("no `/`; {form}"))?;
    let k: u32 = k
        .trim()
        .parse()
        .map_err(|_| format!("`{k}` is not a number; {form}"))?;
    let n: u32 = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a number; {form}"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k} of {n} does not exist; {form}"));
    }
    Ok(Shard { k, n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse() {
        assert_eq!(parse_shard("2/3"), Ok(Shard { k: 2, n: 3 }));
        assert_eq!(parse_shard("1/1"), Ok(Shard { k: 1, n: 1 }));
        for bad in ["0/3", "4/3", "1/0", "3", "a/3", "1/b", "", "-1/3"] {
            let msg = parse_shard(bad).unwrap_err();
            assert!(msg.contains("K/N"), "{bad}: {msg}");
        }
    }
}
