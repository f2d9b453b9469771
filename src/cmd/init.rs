//! `zinepress init [DIR]`: a new project with an example essay, the built-in
//! fonts and a CI workflow, ready to build.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use zinepress::project::CONFIG_FILE;
use zinepress::typeset::fonts::{BUILT_IN, BUILT_IN_LICENSE};

/// The example essay every new project starts with.
const EXAMPLE: (&str, &str) = (
    "sources/how-to-make-a-zine.md",
    include_str!("../../sources/how-to-make-a-zine.md"),
);

pub fn run(dir: &Path) -> Result<i32> {
    let config = dir.join(CONFIG_FILE);
    if config.exists() {
        return Err(zinepress::Error::config(&config, None, "already exists; `zinepress init` does not overwrite a project (start one in an empty folder)").into());
    }
    let workflow =
        include_str!("init/zines.yml").replace("ZINEPRESS_VERSION_HERE", env!("CARGO_PKG_VERSION"));
    let mut files: Vec<(&str, &[u8])> = vec![
        (CONFIG_FILE, include_str!("init/zinepress.toml").as_bytes()),
        (EXAMPLE.0, EXAMPLE.1.as_bytes()),
        (
            "layouts/README.md",
            include_str!("init/layouts-README.md").as_bytes(),
        ),
        (
            "covers/README.md",
            include_str!("init/covers-README.md").as_bytes(),
        ),
        ("fonts/OFL.txt", BUILT_IN_LICENSE.as_bytes()),
        (".github/workflows/zines.yml", workflow.as_bytes()),
        (".gitignore", include_str!("init/gitignore").as_bytes()),
    ];
    let fonts: Vec<(String, &[u8])> = BUILT_IN
        .iter()
        .map(|(name, data)| (format!("fonts/{name}"), *data))
        .collect();
    files.extend(fonts.iter().map(|(p, d)| (p.as_str(), *d)));
    // zinepress.toml last: a project only exists once everything else is in place.
    files.rotate_left(1);
    for (rel, bytes) in files {
        let path: PathBuf = dir.join(rel);
        if path.exists() {
            eprintln!("kept     {} (it exists)", path.display());
            continue;
        }
        let parent = path.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create the folder", parent.display()))?;
        zinepress::build::write_atomic(&path, bytes)?;
        eprintln!("created  {}", path.display());
    }
    eprintln!(
        "A new zinepress project is in {}. Next: `zinepress -C {} build`, then look in dist/.",
        dir.display(),
        dir.display()
    );
    Ok(0)
}
