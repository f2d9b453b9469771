//! zinepress: an offline compiler for zines.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`source`] reads a `.txt` or `.md` file into text (decoding, front matter, cuts);
//! 2. [`normalize`] repairs the text into blocks and notes, with a report;
//! 3. [`document`] is the model every writer sees;
//! 4. [`epub`] writes a Document as EPUB 3;
//! 5. [`typeset`] lays a Document out into pages, [`impose`] maps pages onto
//!    sheets, and [`pdf`] writes pages or sheets as PDF (also sheets of the
//!    pages of a PDF made elsewhere, for `zinepress impose`).
//!
//! [`lang`] holds what each language needs (typography, hyphenation,
//! direction, the book's own words), which every stage asks.
//! [`cover`] finds and prepares the cover and figure images both writers embed;
//! [`raster`] draws what zinepress makes as pixels (folding guides, the EPUB's
//! type-only cover);
//! [`build`] drives the stages for every zine of a [`project`] and writes the
//! [`preview`] page; [`watch`] rebuilds on changes and [`serve`] shows the
//! output folder in a browser.

pub mod build;
pub mod cover;
pub mod document;
pub mod epub;
pub mod error;
#[doc(hidden)]
pub mod fuzz;
pub mod impose;
pub mod lang;
pub mod layout;
pub mod normalize;
pub mod pagemap;
pub mod pdf;
pub mod preview;
pub mod project;
pub mod raster;
pub mod serve;
pub mod source;
pub mod typeset;
pub mod units;
pub mod watch;

pub use document::Document;
pub use error::Error;
