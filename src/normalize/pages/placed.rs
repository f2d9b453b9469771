//! Page furniture that a PDF's geometry places at a page's edge, apart from
//! the text (its lines above everything else, or below the last line of
//! text, on a page with a folio): a running head seen on one page only, a
//! second line under the head, cannot be found by repetition, but its place
//! shows what it is.

use crate::normalize::lines::Line;
use crate::normalize::Report;

/// Removes the lines the source's geometry shows as furniture that the text's
/// own evidence left, reports each, and moves a page-break mark from a
/// removed line to the next line kept.
pub fn strip_placed(lines: &mut [Line], report: &mut Report) {
    let mut carry = false;
    for l in lines.iter_mut() {
        if l.furniture && !l.blank() {
            report.removed(l.no, "page furniture removed (at the page's edge)", &l.text);
            l.text.clear();
            carry |= l.page_break;
            l.page_break = false;
        } else if carry && !l.blank() {
            l.page_break = true;
            carry = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placed_furniture_goes_and_the_page_break_moves_down() {
        let mut lines: Vec<Line> = [
            "end of a page",
            "Second edition, revised",
            "",
            "the next page",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Line::new(i + 1, t))
        .collect();
        lines[1].furniture = true;
        lines[1].page_break = true;
        let mut r = Report::default();
        strip_placed(&mut lines, &mut r);
        assert!(lines[1].blank());
        assert!(lines[3].page_break && !lines[1].page_break);
        assert_eq!(r.removed.len(), 1);
        // A line the geometry does not place at the edge stays.
        assert_eq!(lines[0].text, "end of a page");
    }
}
