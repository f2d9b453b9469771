//! `zinepress build`.

use crate::cli::{BuildArgs, OutputFormat};
use anyhow::Result;
use zinepress::build::{build_all, BuildOptions, ZineReport};
use zinepress::project::Project;

pub fn run(project: &Project, args: BuildArgs) -> Result<i32> {
    for name in &args.layouts {
        project.layouts.get(name).map_err(zinepress::Error::Usage)?;
    }
    let opts = BuildOptions {
        out: args.out.clone(),
        epub: args.format.contains(&OutputFormat::Epub),
        pdf: args.format.contains(&OutputFormat::Pdf),
        layouts: (!args.layouts.is_empty()).then(|| args.layouts.clone()),
        jobs: args.jobs,
        proof: args.proof,
        guide_page: args.guide_page,
    };
    let jobs = super::jobs(project, &args.paths)?;
    let json = args.json;
    let log = move |z: &ZineReport| {
        if json {
            return;
        }
        match &z.error {
            None => eprintln!("built {} ({} files, {:.2}s)", z.slug, z.outputs.len(), z.seconds),
            Some(e) => eprintln!("failed {}: {e}", z.slug),
        }
        for w in &z.warnings {
            eprintln!("  warning: {w}");
        }
    };
    let report = build_all(project, &jobs, &opts, &log)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        eprintln!("{} built, {} failed in {:.2}s", report.built, report.failed, report.seconds);
    }
    Ok(if report.failed > 0 { 1 } else { 0 })
}
