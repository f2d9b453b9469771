//! The navigation document epub-builder writes, made accessible: the table of
//! contents carries its DPUB-ARIA role and is named by its heading, and the
//! landmarks list is named and hidden (reading systems read it; it is not a
//! second navigation landmark on the page).

use super::roles::semantics;
use anyhow::{bail, Result};

/// The tags epub-builder 0.8 writes for the two navs.
const BUILDER_TOC: &str = "<nav epub:type = \"toc\" id=\"toc\">";
const BUILDER_LANDMARKS: &str = "<nav epub:type = \"landmarks\">";

/// Rewrites the opening tags of the toc and landmarks navs in `nav`.
/// Fails, naming the fix, if epub-builder wrote them otherwise.
pub fn patch_nav(nav: &str) -> Result<String> {
    let shape_err = "epub-builder's nav.xhtml is not shaped as zinepress expects; check src/epub/nav.rs against the epub-builder version in Cargo.lock";
    if nav.matches(BUILDER_TOC).count() != 1 || !nav.contains("id=\"toc-title\"") {
        bail!("{shape_err} (toc nav or its heading not found)");
    }
    if nav.matches(BUILDER_LANDMARKS).count() != 1 {
        bail!("{shape_err} (landmarks nav not found)");
    }
    let toc = format!(
        "<nav{} id=\"toc\" aria-labelledby=\"toc-title\">",
        semantics("toc")
    );
    let landmarks = format!(
        "<nav{} aria-label=\"Landmarks\" hidden=\"hidden\">",
        semantics("landmarks")
    );
    Ok(nav
        .replacen(BUILDER_TOC, &toc, 1)
        .replacen(BUILDER_LANDMARKS, &landmarks, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAV: &str = "<body>\n  <nav epub:type = \"toc\" id=\"toc\">\n    <h1 id=\"toc-title\">Contents</h1>\n  </nav>\n  \
        <nav epub:type = \"landmarks\">\n    <ol></ol>\n  </nav>\n</body>";

    #[test]
    fn navs_get_role_names_and_the_landmarks_are_hidden() {
        let out = patch_nav(NAV).unwrap();
        assert!(out.contains(
            "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">"
        ));
        assert!(out
            .contains("<nav epub:type=\"landmarks\" aria-label=\"Landmarks\" hidden=\"hidden\">"));
        assert!(!out.contains("epub:type = "));
    }

    #[test]
    fn unexpected_shapes_are_errors() {
        assert!(patch_nav("<nav epub:type=\"toc\"></nav>").is_err());
        let no_landmarks = NAV.replace("landmarks", "x");
        assert!(patch_nav(&no_landmarks).is_err());
    }
}
