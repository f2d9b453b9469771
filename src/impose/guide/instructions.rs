//! The guide's words for one imposition: what the zine is, how to print it, how to fold, cut and staple.

use super::MAX_SHEETS;
use crate::impose::Imposed;
use crate::lang::{counted, fill, GuideWords};
use crate::layout::{Bind, Duplex, Scheme};
use crate::units::{parse_paper, Size};

/// The guide's words for one imposition.
#[derive(Debug, Clone, PartialEq)]
pub struct Instructions {
    pub title: String,
    /// What the zine is and where its blanks are.
    pub summary: Vec<String>,
    /// Numbered steps: print first, then fold, cut, staple.
    pub steps: Vec<String>,
    /// Which sheets are shown, when not all are.
    pub note: Option<String>,
}

/// The text of the guide: what it is, how to print, how to fold.
pub fn instructions(imposed: &Imposed, layout_name: &str, w: &GuideWords) -> Instructions {
    let scheme = match imposed.scheme {
        Scheme::Saddle => &w.saddle,
        Scheme::CutStack => &w.cut_stack,
        Scheme::Minizine => &w.minizine,
    };
    let bound = if imposed.bind == Bind::Right {
        w.bound_right.as_str()
    } else {
        ""
    };
    let mut summary = vec![fill(
        &w.summary,
        &[
            ("scheme", &format!("{scheme}{bound}")),
            ("pages", &counted(&w.pages, imposed.pages)),
            ("sheets", &counted(&w.sheets, imposed.sheets)),
        ],
    )];
    if !imposed.blanks.is_empty() {
        let list: Vec<String> = imposed.blanks.iter().map(|b| (b + 1).to_string()).collect();
        summary.push(fill(
            &w.blanks,
            &[
                ("blank", &w.blank),
                ("list", &list.join(", ")),
                ("total", &imposed.padded.to_string()),
            ],
        ));
    }
    let orientation = if imposed.sheet.width.0 >= imposed.sheet.height.0 {
        &w.landscape
    } else {
        &w.portrait
    };
    let sides = match imposed.duplex {
        None => &w.one_side,
        Some(Duplex::ShortEdge) => &w.short_edge,
        Some(Duplex::LongEdge) => &w.long_edge,
    };
    let mut steps = vec![fill(
        &w.print,
        &[
            ("paper", &paper_name(imposed.sheet)),
            ("orientation", orientation),
            ("sides", sides),
        ],
    )];
    let sig = imposed.signature;
    let signatures = (imposed.sheets > 0 && sig < imposed.padded / 4)
        .then(|| fill(&w.signatures, &[("n", &sig.to_string())]));
    let words = |list: &[&String]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match imposed.scheme {
        Scheme::Saddle => {
            steps.extend(words(&[&w.saddle_fold, &w.saddle_nest]));
            steps.extend(signatures);
            steps.push(w.staple_fold.clone());
        }
        Scheme::CutStack => {
            let corner = if imposed.bind == Bind::Right {
                &w.right
            } else {
                &w.left
            };
            steps.push(w.cut_piles.clone());
            steps.push(fill(&w.stack_piles, &[("corner", corner)]));
            steps.extend(signatures);
            steps.push(w.fold_stack.clone());
        }
        Scheme::Minizine if imposed.duplex.is_none() => steps.extend(words(&[
            &w.mini_crease,
            &w.mini_slit,
            &w.mini_fold_long,
            &w.mini_push,
            &w.mini_flatten,
        ])),
        Scheme::Minizine => steps.extend(words(&[
            &w.octavo_fold_short,
            &w.octavo_fold_heads,
            &w.octavo_fold_spine,
            &w.octavo_staple,
        ])),
    }
    let note = (imposed.sheets > MAX_SHEETS).then(|| {
        fill(
            &w.showing,
            &[
                ("shown", &MAX_SHEETS.to_string()),
                ("sheets", &imposed.sheets.to_string()),
            ],
        )
    });
    Instructions {
        title: fill(&w.title, &[("layout", layout_name)]),
        summary,
        steps,
        note,
    }
}

/// The paper's name if it is a standard size, else its size in millimetres.
pub fn paper_name(sheet: Size) -> String {
    let (w, h) = (
        sheet.width.0.min(sheet.height.0),
        sheet.width.0.max(sheet.height.0),
    );
    let names = [
        ("letter", "Letter"),
        ("a4", "A4"),
        ("a3", "A3"),
        ("a5", "A5"),
        ("legal", "Legal"),
        ("tabloid", "Tabloid"),
        ("a6", "A6"),
        ("half-letter", "half-letter"),
    ];
    for (name, shown) in names {
        if let Ok(p) = parse_paper(name) {
            if (p.width.0 - w).abs() < 1.0 && (p.height.0 - h).abs() < 1.0 {
                return shown.to_string();
            }
        }
    }
    format!("{:.0} × {:.0} mm", w * 25.4 / 72.0, h * 25.4 / 72.0)
}
