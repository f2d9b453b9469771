//! Package (OPF) metadata: the language, the identifier, the date, and the
//! elements that depend on the book (creators, subtitle, sources, and the
//! accessibility metadata read from the written pages).

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

/// `dcterms:modified` as epubcheck wants it (UTC, seconds, `Z`); a time
/// outside the years 0000–9999 is written as 1970-01-01.
pub fn modified(secs: i64) -> String {
    let (y, m, d) = crate::pdf::civil_from_days(secs.div_euclid(86_400));
    let (y, m, d, rem) = if (0..=9999).contains(&y) {
        (y, m, d, secs.rem_euclid(86_400))
    } else {
        (1970, 1, 1, 0)
    };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
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
    /// Page-break markers give the reading PDF's page numbers.
    pub page_breaks: bool,
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
            c.page_breaks |= xhtml.contains("role=\"doc-pagebreak\"");
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
    if c.page_breaks {
        s.push("Page-break markers and a page list give the page numbers of the reading PDF, so a page cited in print is found here.");
    }
    if c.alt_text_complete() {
        s.push("Every image has a text alternative.");
    } else if c.images {
        s.push("Some images have no text alternative.");
    }
    s.join(" ")
}

/// The metadata that depends on the book, as OPF elements (each on a line, indented).
/// The accessibility metadata says what `contents` finds in the book;
/// `lang` is the book's language; `page_source` names what its page-break
/// markers follow.
pub fn extra_metadata(
    meta: &Metadata,
    contents: &Contents,
    lang: &str,
    page_source: Option<&str>,
) -> String {
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
    let page_source = page_source
        .map(str::trim)
        .filter(|s| contents.page_breaks && !s.is_empty());
    if let Some(src) = page_source {
        m.push(format!(
            "<dc:source id=\"page-source\">{}</dc:source>",
            esc(src)
        ));
        // EPUB Accessibility 1.1's way to name the pagination's source;
        // epubcheck 5.3 does not know the newer a11y:pageBreakSource.
        m.push("<meta refines=\"#page-source\" property=\"source-of\">pagination</meta>".into());
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
    if page_source.is_some() {
        features.extend(["pageBreakMarkers", "pageNavigation"]);
    }
    for feature in features {
        m.push(format!(
            "<meta property=\"schema:accessibilityFeature\">{feature}</meta>"
        ));
    }
    m.push("<meta property=\"schema:accessibilityHazard\">none</meta>".into());
    // The summary's sentences are English: say so in a book of another language.
    let summary_lang = if lang == "en" || lang.starts_with("en-") {
        String::new()
    } else {
        " xml:lang=\"en\"".to_string()
    };
    m.push(format!(
        "<meta property=\"schema:accessibilitySummary\"{summary_lang}>{}</meta>",
        esc(&accessibility_summary(contents))
    ));
    m.iter().map(|l| format!("    {l}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn modified_is_utc_seconds() {
        assert_eq!(modified(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(modified(0), "1970-01-01T00:00:00Z");
        assert_eq!(modified(-1), "1969-12-31T23:59:59Z");
        assert_eq!(modified(951_782_400 + 86_399), "2000-02-29T23:59:59Z");
        assert_eq!(modified(i64::MAX / 2), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn extra_metadata_has_creators_with_their_own_ids() {
        let m = Metadata {
            authors: vec!["Ayesha & B".into(), "C".into()],
            subtitle: Some("Sub".into()),
            ..Default::default()
        };
        let x = extra_metadata(&m, &Contents::default(), "en", None);
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
        assert!(extra_metadata(&dated, &Contents::default(), "en", None)
            .contains("<dc:date>2020-03-01</dc:date>"));
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
        let plain = extra_metadata(&Metadata::default(), &Contents::default(), "en", None);
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
        let x = extra_metadata(&Metadata::default(), &images, "en", None);
        assert!(x.contains("alternativeText") && x.contains(">visual<"));
        assert!(x.contains("accessModeSufficient\">textual<"));
        let no_alt = Contents {
            images: true,
            image_without_alt: true,
            ..Default::default()
        };
        let x = extra_metadata(&Metadata::default(), &no_alt, "en", None);
        assert!(!x.contains("alternativeText") && x.contains(">textual,visual<"));
        assert!(x.contains("Some images have no text alternative."));
    }

    #[test]
    fn page_breaks_name_their_source_only_when_the_book_has_them() {
        let marked = Contents {
            page_breaks: true,
            ..Default::default()
        };
        let x = extra_metadata(&Metadata::default(), &marked, "en", Some("z.pdf"));
        assert!(
            x.contains("<dc:source id=\"page-source\">z.pdf</dc:source>"),
            "{x}"
        );
        assert!(x.contains(">pageBreakMarkers<") && x.contains(">pageNavigation<"));
        assert!(x.contains("page numbers of the reading PDF"));
        // A source but no markers (or markers but no source): no claim.
        for (c, src) in [(Contents::default(), Some("z.pdf")), (marked, None)] {
            let x = extra_metadata(&Metadata::default(), &c, "en", src);
            assert!(
                !x.contains("pageBreakMarkers") && !x.contains("page-source"),
                "{x}"
            );
        }
    }
}
