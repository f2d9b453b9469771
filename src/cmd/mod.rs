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
            let mut out = String::new();
            for layout in project.layouts.iter() {
                out.push_str(&format!("{:width$}  {}\n", layout.name, layout.description));
            }
            print_out(&out)?;
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

/// Writes `text` to standard output. A reader that has gone away (a closed
/// pipe, as `zinepress check | head` leaves) is not an error: the answer is
/// `false`, and the command stops writing.
pub fn print_out(text: &str) -> anyhow::Result<bool> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e.into()),
    }
}
