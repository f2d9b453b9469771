//! Package (OPF) metadata, and the fix for epub-builder's duplicate ids.
//!
//! epub-builder 0.8.3 gives `dc:language` and `dc:creator` the same ids
//! (`epub-creator-0`, …), which epubcheck rejects. We never hand it authors:
//! the creators, the subtitle, the accessibility metadata and the configured
//! identifier are written here and spliced into its OPF before zipping.

use super::text::{esc, is_language_tag};
use crate::document::Metadata;
use anyhow::{bail, Result};

/// The language tag to write: `meta.language`, or `und` when it is empty.
pub fn language(meta: &Metadata) -> Result<String> {
    let lang = meta.language.trim();
    if lang.is_empty() {
        return Ok("und".to_string());
    }
    if !is_language_tag(lang) {
        bail!("language {lang:?} is not a BCP 47 language tag; set language = \"en\" (or \"de\", \"pt-BR\", …) in zinepress.toml or the front matter");
    }
    Ok(lang.to_string())
}

/// The package identifier: `meta.identifier`, else a urn:uuid derived from the slug (or title).
pub fn identifier(meta: &Metadata) -> String {
    let id = meta.identifier.trim();
    if !id.is_empty() {
        return id.to_string();
    }
    let key = if meta.slug.trim().is_empty() {
        meta.title.trim()
    } else {
        meta.slug.trim()
    };
    format!(
        "urn:uuid:{}",
        uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_URL,
            format!("zinepress:{key}").as_bytes()
        )
    )
}

/// The UUID to give epub-builder: the identifier's own when it is a urn:uuid,
/// else one derived from it (the OPF is then patched to show the identifier).
pub fn package_uuid(identifier: &str) -> uuid::Uuid {
    identifier
        .strip_prefix("urn:uuid:")
        .and_then(|u| uuid::Uuid::parse_str(u).ok())
        .unwrap_or_else(|| uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, identifier.as_bytes()))
}

/// `dcterms:modified` as epubcheck wants it (UTC, seconds, `Z`).
pub fn modified(secs: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// What a written book holds, as far as its accessibility metadata speaks of it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Contents {
    /// Some note reference links to its note, and the note back to it.
    pub linked_notes: bool,
    /// Some note number has no note text, so it is a plain superscript.
    pub unlinked_note_numbers: bool,
    /// The book holds images (a cover or figures).
    pub images: bool,
    /// Some image has an empty text alternative.
    pub image_without_alt: bool,
}

impl Contents {
    /// Reads the written XHTML pages (as the writer makes them) for what they hold.
    pub fn of_pages<'a>(pages: impl IntoIterator<Item = &'a str>) -> Contents {
        let mut c = Contents::default();
        for xhtml in pages {
            let markers = xhtml.matches("<sup class=\"noteref\">").count();
            let links = xhtml.matches("<sup class=\"noteref\"><a ").count();
            c.linked_notes |= xhtml.contains("role=\"doc-backlink\"");
            c.unlinked_note_numbers |= markers > links;
            c.images |= xhtml.contains("<img ");
            c.image_without_alt |= xhtml.contains(" alt=\"\"");
        }
        c
    }

    fn alt_text_complete(&self) -> bool {
        self.images && !self.image_without_alt
    }
}

/// The accessibility summary: one sentence per thing the book holds, each true of it.
pub fn accessibility_summary(c: &Contents) -> String {
    let mut s = vec![if c.images {
        "Headings mark the sections in order, the table of contents links to each section, and the reading order follows the text."
    } else {
        "Text only: headings mark the sections in order, the table of contents links to each section, and the reading order follows the text."
    }];
    if c.linked_notes {
        s.push("Each note reference links to its note, and each note links back.");
    }
    if c.unlinked_note_numbers {
        s.push("Some note numbers have no note text in the source, so they are plain superscripts without a link.");
    }
    if c.alt_text_complete() {
        s.push("Every image has a text alternative.");
    } else if c.images {
        s.push("Some images have no text alternative.");
    }
    s.join(" ")
}

/// The metadata epub-builder does not write (or writes wrong), as OPF elements.
/// The accessibility metadata says what `contents` finds in the book.
pub fn extra_metadata(meta: &Metadata, contents: &Contents) -> String {
    let mut m: Vec<String> = Vec::new();
    if let Some(sub) = meta
        .subtitle
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        m.push(format!("<dc:title id=\"subtitle\">{}</dc:title>", esc(sub)));
        m.push("<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>".into());
    }
    let authors = meta
        .authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty());
    for (i, author) in authors.enumerate() {
        let id = format!("creator-{}", i + 1);
        m.push(format!(
            "<dc:creator id=\"{id}\">{}</dc:creator>",
            esc(author)
        ));
        m.push(format!(
            "<meta refines=\"#{id}\" property=\"role\" scheme=\"marc:relators\">aut</meta>"
        ));
    }
    if let Some(src) = meta
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        m.push(format!("<dc:source>{}</dc:source>", esc(src)));
    }
    if let Some(date) = meta
        .date
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        m.push(format!("<dc:date>{}</dc:date>", esc(date)));
    }
    m.push("<meta property=\"schema:accessMode\">textual</meta>".into());
    if contents.images {
        m.push("<meta property=\"schema:accessMode\">visual</meta>".into());
    }
    let sufficient = if contents.images && !contents.alt_text_complete() {
        "textual,visual"
    } else {
        "textual"
    };
    m.push(format!(
        "<meta property=\"schema:accessModeSufficient\">{sufficient}</meta>"
    ));
    let mut features = vec!["structuralNavigation", "tableOfContents", "readingOrder"];
    if contents.alt_text_complete() {
        features.push("alternativeText");
    }
    for feature in features {
        m.push(format!(
            "<meta property=\"schema:accessibilityFeature\">{feature}</meta>"
        ));
    }
    m.push("<meta property=\"schema:accessibilityHazard\">none</meta>".into());
    m.push(format!(
        "<meta property=\"schema:accessibilitySummary\">{}</meta>",
        esc(&accessibility_summary(contents))
    ));
    m.iter().map(|l| format!("    {l}\n")).collect()
}

/// Splices `extra` into epub-builder's OPF and puts `identifier` where it wrote
/// `builder_urn`. Fails, naming the fix, if the OPF is not shaped as expected.
pub fn patch_opf(opf: &str, identifier: &str, builder_urn: &str, extra: &str) -> Result<String> {
    let shape_err = "epub-builder's content.opf is not shaped as zinepress expects; check src/epub/metadata.rs against the epub-builder version in Cargo.lock";
    if opf.contains("<dc:creator") {
        bail!("{shape_err} (it wrote a dc:creator)");
    }
    let old_id = format!(">{builder_urn}</dc:identifier>");
    if opf.matches(&old_id).count() != 1 {
        bail!("{shape_err} (identifier not found)");
    }
    let opf = opf.replacen(&old_id, &format!(">{}</dc:identifier>", esc(identifier)), 1);
    let Some((head, tail)) = opf.split_once("</metadata>") else {
        bail!("{shape_err} (no </metadata>)")
    };
    let mut out = String::with_capacity(opf.len() + extra.len());
    out.push_str(head.trim_end_matches(' '));
    out.push_str(extra);
    out.push_str("  </metadata>");
    out.push_str(tail);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPF: &str = "<package unique-identifier=\"epub-id-1\">\n  <metadata>\n    <dc:identifier id=\"epub-id-1\">urn:uuid:X</dc:identifier>\n    \
        <dc:language id=\"epub-creator-0\">en</dc:language>\n  </metadata>\n</package>";

    #[test]
    fn language_falls_back_and_rejects_bad_tags() {
        let m = |l: &str| Metadata {
            language: l.into(),
            ..Default::default()
        };
        assert_eq!(language(&m("pt-BR")).unwrap(), "pt-BR");
        assert_eq!(language(&m("")).unwrap(), "und");
        let err = language(&m("English")).unwrap_err().to_string();
        assert!(err.contains("zinepress.toml"), "{err}");
    }

    #[test]
    fn identifier_from_meta_or_slug() {
        let m = Metadata {
            identifier: "urn:isbn:123".into(),
            ..Default::default()
        };
        assert_eq!(identifier(&m), "urn:isbn:123");
        let s = Metadata {
            slug: "beyond-activism".into(),
            ..Default::default()
        };
        let id = identifier(&s);
        assert!(id.starts_with("urn:uuid:"));
        assert_eq!(id, identifier(&s), "stable");
        assert_eq!(
            package_uuid(&id).to_string(),
            id.strip_prefix("urn:uuid:").unwrap()
        );
    }

    #[test]
    fn modified_is_utc_seconds() {
        assert_eq!(
            modified(1_700_000_000)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
            "2023-11-14T22:13:20Z"
        );
    }

    #[test]
    fn extra_metadata_has_creators_with_their_own_ids() {
        let m = Metadata {
            authors: vec!["Ayesha & B".into(), "C".into()],
            subtitle: Some("Sub".into()),
            ..Default::default()
        };
        let x = extra_metadata(&m, &Contents::default());
        assert!(x.contains("<dc:creator id=\"creator-1\">Ayesha &amp; B</dc:creator>"));
        assert!(x.contains(
            "<meta refines=\"#creator-2\" property=\"role\" scheme=\"marc:relators\">aut</meta>"
        ));
        assert!(x.contains("<dc:title id=\"subtitle\">Sub</dc:title>"));
        assert!(x.contains("<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>"));
        assert!(x.contains("<meta property=\"schema:accessibilityHazard\">none</meta>"));
        assert!(!x.contains("epub-creator"));
        assert!(
            !x.contains("<dc:date>"),
            "no date unless the source gives one"
        );
        let dated = Metadata {
            date: Some("2020-03-01".into()),
            ..Default::default()
        };
        assert!(
            extra_metadata(&dated, &Contents::default()).contains("<dc:date>2020-03-01</dc:date>")
        );
    }

    #[test]
    fn patch_opf_splices_and_replaces_identifier() {
        let out = patch_opf(
            OPF,
            "urn:isbn:9",
            "urn:uuid:X",
            "    <dc:creator id=\"creator-1\">A</dc:creator>\n",
        )
        .unwrap();
        assert!(out.contains(">urn:isbn:9</dc:identifier>"));
        assert!(out.contains("<dc:creator id=\"creator-1\">A</dc:creator>\n  </metadata>"));
        assert!(
            out.contains("<dc:language id=\"epub-creator-0\">en</dc:language>"),
            "language kept"
        );
    }

    #[test]
    fn patch_opf_refuses_unexpected_shapes() {
        assert!(patch_opf("<metadata></metadata>", "i", "urn:uuid:X", "").is_err());
        let with_creator = OPF.replace("</metadata>", "<dc:creator>x</dc:creator></metadata>");
        assert!(patch_opf(&with_creator, "i", "urn:uuid:X", "").is_err());
    }

    #[test]
    fn contents_read_from_the_written_pages() {
        let linked = "<sup class=\"noteref\"><a href=\"notes.xhtml#note-1\">1</a></sup>";
        let notes = "<a class=\"backlink\" role=\"doc-backlink\">↩</a>";
        let c = Contents::of_pages([linked, notes]);
        assert!(c.linked_notes && !c.unlinked_note_numbers && !c.images);
        let bare = Contents::of_pages(["<p>a<sup class=\"noteref\">3</sup></p>"]);
        assert!(!bare.linked_notes && bare.unlinked_note_numbers);
        let img = Contents::of_pages([
            "<img src=\"a.png\" alt=\"\"/>",
            "<img src=\"b.png\" alt=\"B\"/>",
        ]);
        assert!(img.images && img.image_without_alt);
        assert_eq!(Contents::of_pages(["<p>plain</p>"]), Contents::default());
    }

    #[test]
    fn summary_and_features_say_only_what_the_book_holds() {
        let plain = extra_metadata(&Metadata::default(), &Contents::default());
        assert!(plain.contains("Text only"), "{plain}");
        assert!(
            !plain.contains("note"),
            "no notes, no word of them: {plain}"
        );
        assert!(!plain.contains("alternativeText"));
        let notes = Contents {
            linked_notes: true,
            ..Default::default()
        };
        assert!(accessibility_summary(&notes).contains("links back"));
        let missing = Contents {
            unlinked_note_numbers: true,
            ..Default::default()
        };
        let s = accessibility_summary(&missing);
        assert!(
            s.contains("no note text") && !s.contains("links back"),
            "{s}"
        );
        let images = Contents {
            images: true,
            ..Default::default()
        };
        let x = extra_metadata(&Metadata::default(), &images);
        assert!(x.contains("alternativeText") && x.contains(">visual<"));
        assert!(x.contains("accessModeSufficient\">textual<"));
        let no_alt = Contents {
            images: true,
            image_without_alt: true,
            ..Default::default()
        };
        let x = extra_metadata(&Metadata::default(), &no_alt);
        assert!(!x.contains("alternativeText") && x.contains(">textual,visual<"));
        assert!(x.contains("Some images have no text alternative."));
    }
}
