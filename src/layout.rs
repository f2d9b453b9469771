//! Layout files (`layouts/*.toml`): page size, margins, type, and imposition.
//!
//! The layouts shipped in the repository's `layouts/` folder are built in, so
//! any project (or a lone file) can use them; a project's own `layouts/`
//! folder adds layouts or overrides built-in ones by name.

use crate::cover::{CoverDesign, PrintMode};
use crate::error::Error;
use crate::typeset::microtype::Typography;
use crate::units::{parse_paper, Length, Size};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in layouts, from this repository's layouts/ folder.
const BUILT_IN: &[(&str, &str)] = &[
    ("reading-a5", include_str!("../layouts/reading-a5.toml")),
    (
        "booklet-letter",
        include_str!("../layouts/booklet-letter.toml"),
    ),
    ("booklet-a4", include_str!("../layouts/booklet-a4.toml")),
    (
        "quarter-letter",
        include_str!("../layouts/quarter-letter.toml"),
    ),
    (
        "minizine-letter",
        include_str!("../layouts/minizine-letter.toml"),
    ),
    ("minizine-a4", include_str!("../layouts/minizine-a4.toml")),
    (
        "booklet-a5-on-a4-signatures",
        include_str!("../layouts/booklet-a5-on-a4-signatures.toml"),
    ),
];

/// The layout used for the reading copy (`SLUG.pdf`).
pub const READING_LAYOUT: &str = "reading-a5";

/// A layout file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutFile {
    /// One line for `zinepress layouts`.
    pub description: String,
    /// Paper name ("a5", "half-letter") or "WIDTH x HEIGHT".
    pub page: String,
    #[serde(default)]
    pub margins: Option<Margins>,
    /// Body font size; default depends on the page size.
    #[serde(default)]
    pub font_size: Option<f32>,
    /// Baseline-to-baseline distance; default 1.25 × font size.
    #[serde(default)]
    pub leading: Option<f32>,
    /// Justified text (default) or ragged right.
    #[serde(default = "yes")]
    pub justify: bool,
    /// Notes at the foot of each page or at the end.
    #[serde(default)]
    pub notes: NotePlacement,
    #[serde(default)]
    pub impose: Option<Imposition>,
    /// Front cover design when the zine has an image: full-bleed, framed (default) or type-only.
    #[serde(default)]
    pub cover: CoverDesign,
    /// How images are printed: color (default), grayscale or photocopy.
    #[serde(default)]
    pub print: PrintMode,
    /// Print resolution of images, dots per inch; default 300.
    #[serde(default = "default_dpi")]
    pub dpi: u32,
    /// A character no font has: an error (default) or a warning.
    #[serde(default)]
    pub missing_glyphs: MissingGlyphs,
    /// Number each link and list the addresses at the end ("Links"); by
    /// default on for imposed layouts, which are printed, off otherwise.
    #[serde(default)]
    pub print_urls: Option<bool>,
    /// Font expansion and character protrusion of justified text.
    #[serde(default)]
    pub typography: Typography,
}

/// What a character no font has does to a build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingGlyphs {
    /// The zine fails with a message naming the characters.
    #[default]
    Error,
    /// The zine builds with a warning; the characters print as empty boxes.
    Warn,
}

fn default_dpi() -> u32 {
    300
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    pub top: Length,
    pub bottom: Length,
    /// The spine side.
    pub inner: Length,
    /// The fore edge.
    pub outer: Length,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotePlacement {
    #[default]
    Footnotes,
    Endnotes,
}

/// How pages go onto sheets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Imposition {
    pub scheme: Scheme,
    /// The paper the printer takes ("letter", "a4").
    pub sheet: String,
    #[serde(default)]
    pub duplex: Duplex,
    /// Sheets per signature; 0 puts all sheets in one signature.
    #[serde(default)]
    pub signature: u32,
    /// Paper thickness for creep compensation; 0 turns creep off.
    #[serde(default = "default_thickness")]
    pub paper_thickness: Length,
    /// Which edge the pages are bound on; default the language's (left, or
    /// right for a language written right to left).
    #[serde(default)]
    pub bind: Option<Bind>,
    /// Pages across and down for `cut-stack`.
    #[serde(default)]
    pub grid: Option<[u32; 2]>,
    #[serde(default)]
    pub crop_marks: bool,
    #[serde(default = "yes")]
    pub fold_marks: bool,
    /// A small "S 1/3 front" label in the sheet margin.
    #[serde(default = "yes")]
    pub sheet_labels: bool,
    /// Pages a `minizine` holds: 8 (one side of the sheet) or 16 (both sides).
    #[serde(default)]
    pub pages: Option<u32>,
}

fn default_thickness() -> Length {
    Length::mm(0.1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    Saddle,
    CutStack,
    Minizine,
}

impl Scheme {
    pub const NAMES: &'static [&'static str] = &["saddle", "cut-stack", "minizine"];
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Duplex {
    #[default]
    ShortEdge,
    LongEdge,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bind {
    #[default]
    Left,
    Right,
}

/// A layout resolved to numbers.
#[derive(Debug, Clone)]
pub struct Layout {
    pub name: String,
    pub description: String,
    pub page: Size,
    pub margins: Margins,
    pub font_size: f32,
    pub leading: f32,
    pub justify: bool,
    pub notes: NotePlacement,
    pub impose: Option<ResolvedImposition>,
    pub cover: CoverDesign,
    pub print: PrintMode,
    pub dpi: u32,
    pub missing_glyphs: MissingGlyphs,
    /// Links numbered and their addresses listed at the end.
    pub print_urls: bool,
    pub typography: Typography,
}

#[derive(Debug, Clone)]
pub struct ResolvedImposition {
    pub scheme: Scheme,
    pub sheet: Size,
    pub duplex: Duplex,
    pub signature: u32,
    pub paper_thickness: Length,
    pub bind: Bind,
    /// The layout names no binding: it follows the book's direction.
    pub bind_from_language: bool,
    pub grid: [u32; 2],
    pub crop_marks: bool,
    pub fold_marks: bool,
    pub sheet_labels: bool,
    /// Pages a minizine holds: 8 or 16 (unused by the other schemes).
    pub minizine_pages: u32,
}

impl ResolvedImposition {
    /// The imposition for a book written right to left (`rtl`): bound on
    /// the right unless the layout names a binding.
    pub fn for_direction(&self, rtl: bool) -> ResolvedImposition {
        let mut out = self.clone();
        if self.bind_from_language && rtl {
            out.bind = Bind::Right;
        }
        out
    }
}

impl Layout {
    /// Parses a layout file's text; `file` is only for messages.
    pub fn parse(name: &str, text: &str, file: &Path) -> Result<Layout, Error> {
        let raw: LayoutFile = toml::from_str(text).map_err(|e| Error::from_toml(file, text, &e))?;
        let page =
            parse_paper(&raw.page).map_err(|m| Error::config(file, None, format!("page: {m}")))?;
        let short_side = page.width.0.min(page.height.0);
        // Defaults scale with the page: a quarter-letter page is not an A5 page shrunk.
        let font_size = raw.font_size.unwrap_or(if short_side < 250.0 {
            8.5
        } else if short_side < 350.0 {
            9.5
        } else {
            10.5
        });
        if !(4.0..=72.0).contains(&font_size) {
            return Err(Error::config(
                file,
                None,
                format!("font_size {font_size} is out of range; use 4 to 72 points"),
            ));
        }
        let leading = raw.leading.unwrap_or(font_size * 1.25);
        if leading < font_size * 0.8 || leading > font_size * 4.0 {
            return Err(Error::config(
                file,
                None,
                format!("leading {leading} does not suit font_size {font_size}"),
            ));
        }
        let margins = raw.margins.unwrap_or_else(|| {
            let m = short_side * 0.09;
            Margins {
                top: Length(m),
                bottom: Length(m * 1.3),
                inner: Length(m),
                outer: Length(m * 1.1),
            }
        });
        if margins.inner.0 + margins.outer.0 > page.width.0 * 0.7
            || margins.top.0 + margins.bottom.0 > page.height.0 * 0.7
        {
            return Err(Error::config(
                file,
                None,
                "margins leave less than 30% of the page for text",
            ));
        }
        if !(72..=1200).contains(&raw.dpi) {
            return Err(Error::config(
                file,
                None,
                format!(
                    "dpi = {} is out of range; use 72 to 1200 (300 suits most printers)",
                    raw.dpi
                ),
            ));
        }
        let impose = match raw.impose {
            None => None,
            Some(imp) => {
                let sheet = parse_paper(&imp.sheet)
                    .map_err(|m| Error::config(file, None, format!("impose.sheet: {m}")))?;
                let grid = imp.grid.unwrap_or(match imp.scheme {
                    Scheme::Saddle => [2, 1],
                    Scheme::CutStack => [2, 2],
                    Scheme::Minizine => [4, 2],
                });
                if grid[0] == 0 || grid[1] == 0 || grid[0] * grid[1] > 64 {
                    return Err(Error::config(
                        file,
                        None,
                        "impose.grid must be two numbers from 1 up, at most 64 pages a side",
                    ));
                }
                let minizine_pages = match (imp.scheme, imp.pages) {
                    (Scheme::Minizine, None) => 8,
                    (Scheme::Minizine, Some(n @ (8 | 16))) => n,
                    (Scheme::Minizine, Some(n)) => {
                        return Err(Error::config(file, None, format!("impose.pages = {n}: a minizine holds 8 pages (one side) or 16 (both sides)")))
                    }
                    (_, Some(_)) => return Err(Error::config(file, None, "impose.pages applies only to scheme = \"minizine\"")),
                    (_, None) => 8,
                };
                Some(ResolvedImposition {
                    scheme: imp.scheme,
                    sheet,
                    duplex: imp.duplex,
                    signature: imp.signature,
                    paper_thickness: imp.paper_thickness,
                    bind: imp.bind.unwrap_or_default(),
                    bind_from_language: imp.bind.is_none(),
                    grid,
                    crop_marks: imp.crop_marks,
                    fold_marks: imp.fold_marks,
                    sheet_labels: imp.sheet_labels,
                    minizine_pages,
                })
            }
        };
        let print_urls = raw.print_urls.unwrap_or(impose.is_some());
        raw.typography
            .validate()
            .map_err(|m| Error::config(file, None, m))?;
        Ok(Layout {
            name: name.to_string(),
            description: raw.description,
            page,
            margins,
            font_size,
            leading,
            justify: raw.justify,
            notes: raw.notes,
            impose,
            cover: raw.cover,
            print: raw.print,
            dpi: raw.dpi,
            missing_glyphs: raw.missing_glyphs,
            print_urls,
            typography: raw.typography,
        })
    }

    pub fn is_imposed(&self) -> bool {
        self.impose.is_some()
    }
}

/// Every layout available to a project: built-ins, then the project's own.
#[derive(Debug, Clone, Default)]
pub struct LayoutSet {
    layouts: BTreeMap<String, Layout>,
    /// Where each layout came from, for messages.
    origins: BTreeMap<String, PathBuf>,
    /// Each layout's file text, for the build cache's input hash.
    texts: BTreeMap<String, String>,
}

impl LayoutSet {
    /// Loads the built-in layouts and those in `dir` (if it exists).
    pub fn load(dir: Option<&Path>) -> Result<LayoutSet, Error> {
        let mut set = LayoutSet::default();
        for (name, text) in BUILT_IN {
            let origin = PathBuf::from(format!("<built-in>/layouts/{name}.toml"));
            let layout = Layout::parse(name, text, &origin)?;
            set.layouts.insert(name.to_string(), layout);
            set.origins.insert(name.to_string(), origin);
            set.texts.insert(name.to_string(), text.to_string());
        }
        if let Some(dir) = dir.filter(|d| d.is_dir()) {
            for (path, name) in crate::project::toml_files(dir, "layouts")? {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| Error::config(&path, None, format!("cannot read: {e}")))?;
                let layout = Layout::parse(&name, &text, &path)?;
                set.layouts.insert(name.clone(), layout);
                set.origins.insert(name.clone(), path);
                set.texts.insert(name, text);
            }
        }
        Ok(set)
    }

    /// The layout called `name`, or an error listing the valid names.
    pub fn get(&self, name: &str) -> Result<&Layout, String> {
        self.layouts.get(name).ok_or_else(|| {
            format!(
                "unknown layout `{name}`; the layouts are: {}",
                self.names().join(", ")
            )
        })
    }

    /// The text of the file the layout `name` was read from (built-in or the project's).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts.get(name).map(String::as_str)
    }

    pub fn names(&self) -> Vec<&str> {
        self.layouts.keys().map(String::as_str).collect()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Layout> {
        self.layouts.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_layouts_parse() {
        let set = LayoutSet::load(None).unwrap();
        for name in [
            "reading-a5",
            "booklet-letter",
            "booklet-a4",
            "quarter-letter",
            "minizine-letter",
            "minizine-a4",
            "booklet-a5-on-a4-signatures",
        ] {
            assert!(set.get(name).is_ok(), "{name}");
        }
        assert!(set.get("booklet-letter").unwrap().is_imposed());
        assert!(!set.get("reading-a5").unwrap().is_imposed());
    }

    #[test]
    fn unknown_key_is_named() {
        let err = Layout::parse(
            "x",
            "description = \"d\"\npage = \"a5\"\nfont_sise = 9\n",
            Path::new("x.toml"),
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("font_sise") && msg.contains("x.toml:3"),
            "{msg}"
        );
    }

    #[test]
    fn minizine_pages_are_8_or_16() {
        let text = |scheme: &str, pages: &str| {
            format!("description = \"d\"\npage = \"a7\"\n[impose]\nscheme = \"{scheme}\"\nsheet = \"a4\"\n{pages}")
        };
        let ok =
            Layout::parse("x", &text("minizine", "pages = 16\n"), Path::new("x.toml")).unwrap();
        assert_eq!(ok.impose.unwrap().minizine_pages, 16);
        let default = Layout::parse("x", &text("minizine", ""), Path::new("x.toml")).unwrap();
        assert_eq!(default.impose.unwrap().minizine_pages, 8);
        let msg = Layout::parse("x", &text("minizine", "pages = 12\n"), Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("8 pages") && msg.contains("16"), "{msg}");
        assert!(Layout::parse("x", &text("saddle", "pages = 16\n"), Path::new("x.toml")).is_err());
    }

    #[test]
    fn cover_print_and_dpi_have_defaults_and_are_checked() {
        let base = "description = \"d\"\npage = \"a5\"\n";
        let l = Layout::parse("x", base, Path::new("x.toml")).unwrap();
        assert_eq!(
            (l.cover, l.print, l.dpi),
            (CoverDesign::Framed, PrintMode::Color, 300)
        );
        let l = Layout::parse(
            "x",
            &format!("{base}cover = \"full-bleed\"\nprint = \"photocopy\"\ndpi = 150\n"),
            Path::new("x.toml"),
        )
        .unwrap();
        assert_eq!(
            (l.cover, l.print, l.dpi),
            (CoverDesign::FullBleed, PrintMode::Photocopy, 150)
        );
        let msg = Layout::parse(
            "x",
            &format!("{base}print = \"sepia\"\n"),
            Path::new("x.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(msg.contains("sepia") && msg.contains("photocopy"), "{msg}");
        assert!(Layout::parse("x", &format!("{base}dpi = 20\n"), Path::new("x.toml")).is_err());
    }

    #[test]
    fn missing_glyphs_is_an_error_unless_the_layout_warns() {
        let base = "description = \"d\"\npage = \"a5\"\n";
        assert_eq!(
            Layout::parse("x", base, Path::new("x.toml"))
                .unwrap()
                .missing_glyphs,
            MissingGlyphs::Error
        );
        let l = Layout::parse(
            "x",
            &format!("{base}missing_glyphs = \"warn\"\n"),
            Path::new("x.toml"),
        )
        .unwrap();
        assert_eq!(l.missing_glyphs, MissingGlyphs::Warn);
        let msg = Layout::parse(
            "x",
            &format!("{base}missing_glyphs = \"ignore\"\n"),
            Path::new("x.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(msg.contains("ignore") && msg.contains("warn"), "{msg}");
    }

    #[test]
    fn binding_follows_the_language_unless_the_layout_names_it() {
        let text = |bind: &str| {
            format!("description = \"d\"\npage = \"a5\"\n[impose]\nscheme = \"saddle\"\nsheet = \"a4\"\n{bind}")
        };
        let free = Layout::parse("x", &text(""), Path::new("x.toml"))
            .unwrap()
            .impose
            .unwrap();
        assert_eq!(free.for_direction(false).bind, Bind::Left);
        assert_eq!(free.for_direction(true).bind, Bind::Right);
        let left = Layout::parse("x", &text("bind = \"left\"\n"), Path::new("x.toml"))
            .unwrap()
            .impose
            .unwrap();
        assert_eq!(left.for_direction(true).bind, Bind::Left);
        let right = Layout::parse("x", &text("bind = \"right\"\n"), Path::new("x.toml"))
            .unwrap()
            .impose
            .unwrap();
        assert_eq!(right.for_direction(false).bind, Bind::Right);
    }

    #[test]
    fn unknown_scheme_lists_names() {
        let text =
            "description = \"d\"\npage = \"a5\"\n[impose]\nscheme = \"spiral\"\nsheet = \"a4\"\n";
        let msg = Layout::parse("x", text, Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("saddle") && msg.contains("spiral"), "{msg}");
    }
}
