//! Paragraphs cut by matter since removed (a pull quote between their
//! halves, a running head) joined again.

use super::super::hyphen::{Decision, Evidence};
use super::super::lines::{self, ends_hyphen, ParaKind};
use super::super::structure::Item;
use super::super::Report;

/// Rejoins a paragraph cut by matter that has since been removed (a pull
/// quote between its halves): no final punctuation, lower case after. Not
/// a heading a PDF sets larger than the body, before or after: it is a
/// block of its own, whatever its case ("for loops", "while let").
///
/// `ends` holds each item's last line (number, length). Where nothing was
/// removed between the two and no page breaks there, the first must end
/// on a line of a third of the measure or more: a title wrapped over two
/// lines filled its first line ("The Saturday Repair Café: A Handbook" /
/// "for Volunteers"), a short label over another ("for loops" / "for and
/// range") stopped well short of it and ended there.
pub(super) fn rejoin(
    items: &mut Vec<Item>,
    ends: &[(usize, usize)],
    measure: Option<usize>,
    cut_between: impl Fn(usize, usize) -> bool,
    ev: &Evidence,
    report: &mut Report,
) {
    let mut ends = ends.to_vec();
    let mut i = 0;
    while i + 1 < items.len() {
        let (a, b) = (&items[i], &items[i + 1]);
        let (a_end, a_len) = ends.get(i).copied().unwrap_or_default();
        let short = measure.is_some_and(|w| a_len * 3 < w);
        let stopped = short && !ends_hyphen(&a.text) && !cut_between(a_end, b.line);
        // A heading (set larger, or listed by a contents page) is no
        // paragraph's rest.
        let prose = a.kind == ParaKind::Prose
            && b.kind == ParaKind::Prose
            && !b.leadin
            && !b.bullet
            && !a.set_as_heading
            && !b.set_as_heading;
        // A name heading the paragraph after it ("lto" / "The lto setting
        // …") is not the rest of the paragraph before.
        let heading = lines::heads_code_paragraph(&a.text, &b.text)
            || items
                .get(i + 2)
                .is_some_and(|c| lines::names_next(&a.text, &b.text, &c.text));
        let cut = ends_hyphen(&a.text)
            || (!lines::ends_terminal(&a.text)
                && !a.text.ends_with([',', ';'])
                && lines::starts_lower(&b.text)
                && !heading);
        if !(prose && cut) || stopped {
            i += 1;
            continue;
        }
        if i + 1 < ends.len() {
            ends.remove(i);
        }
        let b = items.remove(i + 1);
        let a = &mut items[i];
        if ends_hyphen(&a.text) {
            let left = a
                .text
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .to_string();
            let right = b.text.split_whitespace().next().unwrap_or_default();
            let v = ev.decide(&left, right);
            if v.decision == Decision::Join {
                a.text.pop();
            }
        } else {
            a.text.push(' ');
        }
        a.text.push_str(b.text.trim_start());
        report.repaired(
            b.line,
            "paragraph rejoined across removed matter",
            format!("line {}", a.line),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts after `rejoin`, with nothing removed between the items
    /// unless `cut`.
    fn rejoined(texts: &[&str], cut: bool) -> Vec<String> {
        let mut items: Vec<Item> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Item::prose(i + 1, t))
            .collect();
        // One line each, as long as its text.
        let ends: Vec<(usize, usize)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (i + 1, t.chars().count()))
            .collect();
        let ev = Evidence::from_lines(texts.iter().copied());
        let mut r = Report::default();
        rejoin(&mut items, &ends, Some(66), |_, _| cut, &ev, &mut r);
        items.into_iter().map(|i| i.text).collect()
    }

    #[test]
    fn a_wrapped_title_rejoins_and_a_short_label_stays() {
        let body = "This handbook is for the people who sit behind the tables.";
        // The title's first line filled its measure: the rest goes with it.
        let t = rejoined(
            &[
                "The Saturday Repair Café: A Handbook",
                "for Volunteers",
                body,
            ],
            false,
        );
        assert_eq!(t[0], "The Saturday Repair Café: A Handbook for Volunteers");
        // A label well short of the measure ended there.
        let t = rejoined(&["for loops", "for and range", body], false);
        assert_eq!(t.len(), 3, "{t:?}");
        // Across removed matter (a pull quote, a running head) it goes on.
        let t = rejoined(&["for loops", "for and range", body], true);
        assert_eq!(t[0], "for loops for and range");
    }
}
