//! The one table pairing each `epub:type` the writer uses with its DPUB-ARIA role.
//!
//! Every element the EPUB writer marks with an `epub:type` gets its attributes
//! from [`semantics`], so the structural semantics (for reading systems) and the
//! ARIA role (for assistive technology, and what DAISY Ace checks) cannot drift.
//! Types without a matching role (the body's `bodymatter`, a title page) get no
//! role: ARIA has none for them.

/// `epub:type` → DPUB-ARIA role, for every type the writer uses that has one.
const ROLES: &[(&str, Option<&str>)] = &[
    ("backlink", Some("doc-backlink")),
    ("backmatter", None),
    ("bodymatter", None),
    ("chapter", Some("doc-chapter")),
    ("colophon", Some("doc-colophon")),
    ("cover", None),
    ("endnote", None),
    ("endnotes", Some("doc-endnotes")),
    ("epigraph", Some("doc-epigraph")),
    ("frontmatter", None),
    ("landmarks", None),
    ("noteref", Some("doc-noteref")),
    ("page-list", Some("doc-pagelist")),
    ("subtitle", Some("doc-subtitle")),
    ("title", None),
    ("titlepage", None),
    ("toc", Some("doc-toc")),
];

/// The DPUB-ARIA role of `epub_type`, `None` when it has none (or is unknown).
pub fn role(epub_type: &str) -> Option<&'static str> {
    ROLES
        .iter()
        .find(|(t, _)| *t == epub_type)
        .and_then(|(_, r)| *r)
}

/// ` epub:type="T"` plus ` role="doc-…"` when the type has a role: the
/// attributes to write on the element carrying the type.
pub fn semantics(epub_type: &str) -> String {
    match role(epub_type) {
        Some(r) => format!(" epub:type=\"{epub_type}\" role=\"{r}\""),
        None => format!(" epub:type=\"{epub_type}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_with_roles_get_both_attributes() {
        assert_eq!(semantics("toc"), " epub:type=\"toc\" role=\"doc-toc\"");
        assert_eq!(
            semantics("colophon"),
            " epub:type=\"colophon\" role=\"doc-colophon\""
        );
        assert_eq!(semantics("bodymatter"), " epub:type=\"bodymatter\"");
        assert_eq!(role("page-list"), Some("doc-pagelist"));
    }

    #[test]
    fn table_is_sorted_without_duplicates_and_roles_are_dpub() {
        assert!(ROLES.windows(2).all(|w| w[0].0 < w[1].0));
        for (t, r) in ROLES {
            if let Some(r) = r {
                assert!(r.starts_with("doc-"), "{t}: {r}");
            }
        }
    }
}
