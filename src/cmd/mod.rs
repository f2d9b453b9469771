//! One function per subcommand.

mod build;
mod check;
mod impose;
mod init;
mod watch;

use crate::cli::{Cli, Command};
use anyhow::Result;
use zinepress::project::Project;

/// Runs a command; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    // `init` makes the project, so it runs before one is opened.
    let command = match cli.command {
        Command::Init { dir } => return init::run(dir.as_deref().unwrap_or(&cli.project)),
        // `watch` goes on while zinepress.toml is broken, so it opens the project itself.
        Command::Watch(args) => return watch::run(&cli.project, args),
        other => other,
    };
    let project = Project::open(&cli.project)?;
    match command {
        Command::Build(args) => build::run(&project, args),
        Command::Impose(args) => impose::run(&project, args),
        Command::Check { paths } => check::check(&project, &paths),
        Command::Normalize { path } => check::normalize(&project, &path),
        Command::Layouts => {
            let names = project.layouts.names();
            let width = names.iter().map(|n| n.len()).max().unwrap_or(0);
            for layout in project.layouts.iter() {
                println!("{:width$}  {}", layout.name, layout.description);
            }
            Ok(0)
        }
        Command::Init { dir } => init::run(dir.as_deref().unwrap_or(&cli.project)),
        Command::Watch(args) => watch::run(&cli.project, args),
    }
}

/// The jobs for explicit paths, or every zine of the project.
fn jobs(project: &Project, paths: &[std::path::PathBuf]) -> Result<Vec<zinepress::build::ZineJob>> {
    use zinepress::build::ZineJob;
    if paths.is_empty() {
        return Ok(project
            .zines()?
            .into_iter()
            .map(|e| ZineJob::new(project, e))
            .collect());
    }
    let mut jobs = Vec::new();
    for path in paths {
        if !path.is_file() {
            return Err(zinepress::Error::input(
                path,
                None,
                "no such source file; give a .txt, .md or .muse file",
            )
            .into());
        }
        let mut entry = project.entry_for_path(path);
        entry.source = path
            .canonicalize()
            .unwrap_or(path.clone())
            .to_string_lossy()
            .into_owned();
        let mut job = ZineJob::new(project, entry);
        job.source_path = path.clone();
        jobs.push(job);
    }
    Ok(jobs)
}
