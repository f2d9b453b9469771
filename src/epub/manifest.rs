//! What the package lists: each file with its media type, the pages of the
//! spine with their titles, landmarks and the headings under them.

/// The part of the book a page is, for the landmarks and the guide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Landmark {
    Cover,
    TitlePage,
    /// Where the body of the text begins.
    Text,
    Notes,
    Colophon,
}

impl Landmark {
    /// The `epub:type` of its entry in the landmarks nav.
    pub fn epub_type(self) -> &'static str {
        match self {
            Landmark::Cover => "cover",
            Landmark::TitlePage => "titlepage",
            Landmark::Text => "bodymatter",
            Landmark::Notes => "endnotes",
            Landmark::Colophon => "colophon",
        }
    }

    /// The type of its `<reference>` in the OPF's guide (EPUB 2 readers).
    pub fn guide_type(self) -> &'static str {
        match self {
            Landmark::Cover => "cover",
            Landmark::TitlePage => "title-page",
            Landmark::Text => "text",
            Landmark::Notes => "notes",
            Landmark::Colophon => "colophon",
        }
    }
}

/// A link in the table of contents: its target and its text (XML-clean, not escaped).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub href: String,
    pub title: String,
}

/// A page of the spine.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Its entry in the table of contents (none when the title is empty).
    pub title: String,
    pub landmark: Option<Landmark>,
    /// The headings listed under it.
    pub children: Vec<Link>,
}

/// One file of the package, by its path inside OEBPS.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub href: String,
    pub media_type: &'static str,
    /// The cover image (`properties="cover-image"`).
    pub cover: bool,
    /// A page of the spine, in reading order.
    pub page: Option<Page>,
}

impl Item {
    /// A file the pages use (style sheet, font, figure).
    pub fn resource(href: impl Into<String>, media_type: &'static str) -> Item {
        Item {
            href: href.into(),
            media_type,
            cover: false,
            page: None,
        }
    }

    /// The cover image.
    pub fn cover_image(href: impl Into<String>, media_type: &'static str) -> Item {
        Item {
            cover: true,
            ..Item::resource(href, media_type)
        }
    }

    /// An XHTML page of the spine.
    pub fn page(href: impl Into<String>, page: Page) -> Item {
        Item {
            page: Some(page),
            ..Item::resource(href, "application/xhtml+xml")
        }
    }

    /// Its manifest id: `cover-image`, or `id_` and its path with every
    /// character an XML name cannot hold made `_`.
    pub fn id(&self) -> String {
        if self.cover {
            return "cover-image".into();
        }
        let safe: String = self
            .href
            .chars()
            .map(|c| match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '.' | '_' => c,
                c if !c.is_ascii() && c.is_alphanumeric() => c,
                _ => '_',
            })
            .collect();
        format!("id_{safe}")
    }

    /// Its page with a title for the table of contents.
    pub fn titled(&self) -> Option<&Page> {
        self.page.as_ref().filter(|p| !p.title.is_empty())
    }

    /// Its page and the part of the book it is, for the landmarks and the guide.
    pub fn landmark(&self) -> Option<(&Page, Landmark)> {
        let page = self.page.as_ref()?;
        Some((page, page.landmark?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_xml_names_from_the_path() {
        assert_eq!(
            Item::resource("images/figure-1.png", "image/png").id(),
            "id_images_figure-1.png"
        );
        assert_eq!(
            Item::resource("fonts/Ünï cödé.otf", "font/otf").id(),
            "id_fonts_Ünï_cödé.otf"
        );
        assert_eq!(
            Item::cover_image("images/cover.jpg", "image/jpeg").id(),
            "cover-image"
        );
    }

    #[test]
    fn only_pages_with_a_title_are_listed() {
        let page = |title: &str| Page {
            title: title.into(),
            landmark: None,
            children: Vec::new(),
        };
        assert!(Item::page("a.xhtml", page("A")).titled().is_some());
        assert!(Item::page("b.xhtml", page("")).titled().is_none());
        assert!(Item::resource("s.css", "text/css").titled().is_none());
    }
}
