//! The book's own words: what zinepress itself prints or writes around the
//! text (contents, notes, colophon, covers, the folding guide), per language.
//! Templates take `{name}` placeholders, filled by [`fill`].

use serde::Deserialize;

/// Words of the EPUB and the printed book.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// The contents page and the EPUB table of contents.
    pub contents: String,
    pub notes: String,
    /// The printed list of link addresses.
    pub links: String,
    /// The EPUB's (hidden) landmarks list.
    pub landmarks: String,
    /// The EPUB's task-list checkboxes, checked and not.
    pub done: String,
    pub to_do: String,
    pub colophon: String,
    pub cover: String,
    /// The cover image's alt text: `{title}`.
    pub cover_alt: String,
    pub title_page: String,
    /// A section without a title: `{n}`.
    pub section: String,
    pub about_author: String,
    pub untitled: String,
    /// Two names or lists: `{a}` and `{b}` ("A, B and C").
    pub and: String,
    /// Between names in a list.
    pub list_separator: String,
    /// The authors line of the colophons: `{authors}`.
    pub by: String,
    /// EPUB colophon: `{source}`.
    pub made_from: String,
    /// EPUB colophon with embedded fonts: `{fonts}`.
    pub set_in: String,
    pub made_with: String,
    /// Printed colophon: `{source}`.
    pub source: String,
    /// Printed colophon: `{fonts}`.
    pub printed_with: String,
    /// A figure whose image is missing: `{alt}`.
    pub figure: String,
    /// The dash before an attribution.
    pub attribution: String,
    /// Ends a sentence the writers add ("." or "。").
    pub full_stop: String,
    pub guide: GuideWords,
}

/// The folding guide's words, in sentence case: the title and summary, the
/// numbered steps of each scheme, the drawing's key and the sheet captions.
/// A language file may leave any of them out: English stands in for it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideWords {
    /// `{layout}`: the layout's name.
    pub title: String,
    pub saddle: String,
    pub cut_stack: String,
    pub minizine: String,
    /// Added after the scheme's name for right binding.
    pub bound_right: String,
    /// `{scheme}`, `{pages}` and `{sheets}` (the counted phrases below).
    pub summary: String,
    /// Counted phrases, `{n}`: one, and any other number.
    pub pages: [String; 2],
    pub sheets: [String; 2],
    /// `{blank}` (the mark below), `{list}` of positions, `{total}` positions.
    pub blanks: String,
    /// The mark a blank page shows.
    pub blank: String,
    /// `{paper}`, `{orientation}`, `{sides}`.
    pub print: String,
    pub landscape: String,
    pub portrait: String,
    pub one_side: String,
    pub short_edge: String,
    pub long_edge: String,
    /// Saddle stitch.
    pub saddle_fold: String,
    pub saddle_nest: String,
    /// `{n}` sheets a signature.
    pub signatures: String,
    pub staple_fold: String,
    /// Cut and stack; `{corner}` is `left` or `right` below.
    pub cut_piles: String,
    pub stack_piles: String,
    pub left: String,
    pub right: String,
    pub fold_stack: String,
    /// The 8-page minizine.
    pub mini_crease: String,
    pub mini_slit: String,
    pub mini_fold_long: String,
    pub mini_push: String,
    pub mini_flatten: String,
    /// The 16-page minizine.
    pub octavo_fold_short: String,
    pub octavo_fold_heads: String,
    pub octavo_fold_spine: String,
    pub octavo_staple: String,
    /// The key to the drawing.
    pub legend_fold: String,
    pub legend_cut: String,
    pub legend_staple: String,
    pub legend_head: String,
    /// Under each drawn side, `{n}`: the sheet's number.
    pub sheet_front: String,
    pub sheet_back: String,
    /// `{shown}` of `{sheets}`, when not every sheet is drawn.
    pub showing: String,
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The counted phrase for `n`: the first form for one, the second otherwise.
pub fn counted(forms: &[String; 2], n: usize) -> String {
    fill(&forms[usize::from(n != 1)], &[("n", &n.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_every_placeholder() {
        assert_eq!(
            fill("{a} and {b}", &[("a", "X, Y"), ("b", "Z")]),
            "X, Y and Z"
        );
        assert_eq!(fill("no holes", &[("a", "x")]), "no holes");
        let forms = ["{n} page".to_string(), "{n} pages".to_string()];
        assert_eq!(counted(&forms, 1), "1 page");
        assert_eq!(counted(&forms, 12), "12 pages");
    }
}
