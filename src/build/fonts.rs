//! The project's fonts for a build: loaded up front when PDFs are made, else
//! on first need (an EPUB-only build uses them only for a zine without a
//! cover image, whose type-only cover is set in them).

use crate::project::Project;
use crate::typeset::fonts::Fonts;
use anyhow::{anyhow, Result};
use std::sync::OnceLock;

/// The fonts, given or loaded once when first asked for.
pub struct BuildFonts<'a> {
    /// Where to load them from; `None`: only `given` is there.
    project: Option<&'a Project>,
    given: Option<&'a Fonts>,
    loaded: OnceLock<Result<Fonts, String>>,
}

impl<'a> BuildFonts<'a> {
    /// Fonts already loaded (or none: asking for them is then an error).
    pub fn given(fonts: Option<&'a Fonts>) -> BuildFonts<'a> {
        BuildFonts {
            project: None,
            given: fonts,
            loaded: OnceLock::new(),
        }
    }

    /// `project`'s fonts, loaded when first asked for unless `given`.
    pub fn of(project: &'a Project, given: Option<&'a Fonts>) -> BuildFonts<'a> {
        BuildFonts {
            project: Some(project),
            ..BuildFonts::given(given)
        }
    }

    /// The fonts, loading them on the first call.
    pub fn get(&self) -> Result<&Fonts> {
        if let Some(f) = self.given {
            return Ok(f);
        }
        let project = self
            .project
            .ok_or_else(|| anyhow!("the fonts are not loaded"))?;
        self.loaded
            .get_or_init(|| project.fonts().map_err(|e| format!("{e:#}")))
            .as_ref()
            .map_err(|e| anyhow!("{e}"))
    }

    /// The fonts if they are there already or can be loaded; `None` for a
    /// font folder that cannot be read (the zines that need it fail).
    pub fn ok(&self) -> Option<&Fonts> {
        self.get().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_fonts_are_used_and_missing_ones_are_an_error() {
        assert!(BuildFonts::given(None).get().is_err());
        let fonts = Fonts::load(None).unwrap();
        let given = BuildFonts::given(Some(&fonts));
        assert!(std::ptr::eq(given.get().unwrap(), &fonts));
    }
}
