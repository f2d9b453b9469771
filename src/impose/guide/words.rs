//! The folding guide's words, in one table.
//!
//! Every sentence the guide shows is here, as a template whose `{name}`
//! slots [`fill`] replaces, so the table can move into the per-language
//! locale files as it stands. Sentence case throughout.

/// The guide's words in one language.
#[derive(Debug, Clone)]
pub struct Words {
    /// `{layout}`: the layout's name.
    pub title: &'static str,
    pub saddle: &'static str,
    pub cut_stack: &'static str,
    pub minizine: &'static str,
    /// Appended to the scheme's name.
    pub bound_right: &'static str,
    /// `{scheme}`, `{pages}` ("12 pages"), `{sheets}` ("3 sheets").
    pub summary: &'static str,
    /// `{n}` for one and for many.
    pub pages_one: &'static str,
    pub pages_many: &'static str,
    pub sheets_one: &'static str,
    pub sheets_many: &'static str,
    /// `{list}` of positions, `{total}` positions in all.
    pub blanks: &'static str,
    /// The mark a blank cell shows.
    pub blank_mark: &'static str,
    /// `{paper}`, `{orientation}`, `{sides}`.
    pub print: &'static str,
    pub landscape: &'static str,
    pub portrait: &'static str,
    pub one_side: &'static str,
    pub short_edge: &'static str,
    pub long_edge: &'static str,
    /// Saddle stitch.
    pub saddle_fold: &'static str,
    pub saddle_nest: &'static str,
    /// `{n}` sheets a signature.
    pub signatures: &'static str,
    pub staple_fold: &'static str,
    /// Cut and stack; `{corner}` is `left` or `right`.
    pub cut_piles: &'static str,
    pub stack_piles: &'static str,
    pub left: &'static str,
    pub right: &'static str,
    pub fold_stack: &'static str,
    /// The 8-page minizine.
    pub mini_crease: &'static str,
    pub mini_slit: &'static str,
    pub mini_fold_long: &'static str,
    pub mini_push: &'static str,
    pub mini_flatten: &'static str,
    /// The 16-page minizine.
    pub octavo_fold_short: &'static str,
    pub octavo_fold_heads: &'static str,
    pub octavo_fold_spine: &'static str,
    pub octavo_staple: &'static str,
    /// The key to the drawing.
    pub legend_fold: &'static str,
    pub legend_cut: &'static str,
    pub legend_staple: &'static str,
    pub legend_head: &'static str,
    /// `{n}`: the sheet's number.
    pub sheet_front: &'static str,
    pub sheet_back: &'static str,
    /// `{shown}` of `{sheets}`.
    pub showing: &'static str,
}

/// The guide's words in English.
pub fn english() -> Words {
    Words {
        title: "Folding guide: {layout}",
        saddle: "Saddle stitch",
        cut_stack: "Cut and stack",
        minizine: "Minizine",
        bound_right: ", bound on the right",
        summary: "{scheme}: {pages} on {sheets}.",
        pages_one: "{n} page",
        pages_many: "{n} pages",
        sheets_one: "{n} sheet",
        sheets_many: "{n} sheets",
        blanks: "Blank pages (B) at positions {list} of {total}.",
        blank_mark: "B",
        print: "Print on {paper} paper, {orientation}, at actual size (not fit to page), {sides}.",
        landscape: "landscape",
        portrait: "portrait",
        one_side: "on one side only",
        short_edge: "on both sides, flipping on the short edge",
        long_edge: "on both sides, flipping on the long edge",
        saddle_fold: "Fold each sheet in half along the dashed line, its front outside.",
        saddle_nest: "Nest the folded sheets one inside the other, sheet 1 outside.",
        signatures: "Make signatures of {n} sheets this way and stack them in order.",
        staple_fold: "Staple through the fold.",
        cut_piles:
            "Cut the whole pile on the red lines, keeping each pile in order with sheet 1 on top.",
        stack_piles: "Put the top {corner} pile on the next one, and so on, fronts up.",
        left: "left",
        right: "right",
        fold_stack: "Fold the stack in half along the dashed line and staple through the fold.",
        mini_crease: "Fold along every dashed line and unfold again.",
        mini_slit: "Cut the red slit along the long middle crease.",
        mini_fold_long: "Fold in half along the long crease, printed side out.",
        mini_push: "Push the ends together: the slit opens into a cross.",
        mini_flatten: "Fold the leaves flat around the middle, page 1 on top.",
        octavo_fold_short: "Fold in half, short edges together, pages 1 and 16 outside.",
        octavo_fold_heads: "Fold in half again across the heads of the pages, 1 still outside.",
        octavo_fold_spine: "Fold along the spine so that page 1 is the front cover.",
        octavo_staple:
            "Staple through the spine and cut open the folds at the head and the fore edge.",
        legend_fold: "fold",
        legend_cut: "cut",
        legend_staple: "staple",
        legend_head: "top of the page",
        sheet_front: "Sheet {n}, front",
        sheet_back: "Sheet {n}, back",
        showing: "Showing sheets 1 to {shown} of {sheets}.",
    }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_slot() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "x"), ("b", "y")]),
            "x and y, x"
        );
        assert_eq!(fill("no slots", &[("a", "x")]), "no slots");
    }

    #[test]
    fn sentences_start_with_a_capital_and_are_not_shouted() {
        let w = english();
        for s in [
            w.title,
            w.print,
            w.saddle_fold,
            w.cut_piles,
            w.mini_slit,
            w.octavo_staple,
            w.sheet_front,
            w.showing,
        ] {
            assert!(s.starts_with(char::is_uppercase), "{s}");
            let caps = s.chars().filter(|c| c.is_uppercase()).count();
            assert!(
                caps * 4 < s.chars().filter(|c| c.is_alphabetic()).count(),
                "{s}"
            );
        }
    }
}
