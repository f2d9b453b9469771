//! The command line: `build`, `check`, `normalize`, `layouts`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "zinepress", version, about = "Compile essays into EPUBs and print-ready, imposed zine PDFs")]
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
    /// List what the text repair changed and doubts; writes nothing.
    Check {
        /// Sources to check (default: every zine of the project).
        paths: Vec<PathBuf>,
    },
    /// Print the repaired document as Markdown.
    Normalize {
        path: PathBuf,
    },
    /// List the layouts with a one-line description each.
    Layouts,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Sources to build (default: every zine of the project).
    pub paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "dist")]
    pub out: PathBuf,
    /// Formats to write: epub, pdf, or both (comma-separated).
    #[arg(long, value_delimiter = ',', default_values = ["epub", "pdf"])]
    pub format: Vec<OutputFormat>,
    /// Imposed layouts to build (repeatable); default: the zine's or project's.
    #[arg(long = "layout")]
    pub layouts: Vec<String>,
    /// Zines built at once (default: the number of cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Print a machine-readable report on stdout.
    #[arg(long)]
    pub json: bool,
    /// Also write SLUG.LAYOUT.pages.pdf: each imposed layout's pages, unimposed, for proofreading.
    #[arg(long)]
    pub proof: bool,
    /// Open each imposed PDF with a page showing how to print and fold it.
    #[arg(long)]
    pub guide_page: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Epub,
    Pdf,
}
