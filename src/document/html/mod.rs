//! Raw HTML in the model ([`super::Block::Html`], [`super::Inline::Html`]):
//! the text a reader sees of it (what print sets), what in it is unsafe (for
//! the warning that names its line), and its sanitised XHTML (what the EPUB
//! keeps), made by ammonia with a short allow-list and turned into XML.
//!
//! Offsets into the HTML come from finding ASCII characters, so they fall on
//! character boundaries; slices use `get` so that a wrong offset yields an
//! empty piece (the text is still kept whole by [`html_text`]) instead of a panic.
//!
//! `tags` reads tags and names what is unsafe, `sanitize` makes the XHTML,
//! `xhtml` writes HTML's tags as XML, and `text` takes out the text.

mod sanitize;
mod tags;
mod text;
mod xhtml;

pub use sanitize::{sanitize_block, sanitize_open_tag};
pub use tags::{dangers, tag, warning, Tag};
pub use text::{decode_entities, html_text};
