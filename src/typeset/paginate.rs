//! Page breaking: a vertical list of lines into pages that respect each
//! line's break rules, with room left at the foot for the page's footnotes.

use super::flow::VLine;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

/// A body page: the lines it holds and the footnotes it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyPage {
    pub lines: Range<usize>,
    pub notes: Vec<u32>,
}

/// Breaks `lines` into pages of `capacity` points. `note_height` gives the
/// height of a footnote (0 or missing for notes set elsewhere); `note_gap` is
/// the space above the footnotes of a page that has any.
pub fn paginate(
    lines: &[VLine],
    capacity: f32,
    note_height: &HashMap<u32, f32>,
    note_gap: f32,
) -> Vec<BodyPage> {
    let mut pages = Vec::new();
    let mut placed: BTreeSet<u32> = BTreeSet::new();
    let mut start = 0;
    while start < lines.len() {
        let mut end = start;
        let mut notes: Vec<u32> = Vec::new();
        // A page that starts inside a table repeats its header first.
        let mut height = lines[start].head_height();
        let mut notes_height = 0.0;
        // Grow the page line by line while it fits.
        while end < lines.len() {
            let line = &lines[end];
            let add = line.advance + if end > start { line.space_before } else { 0.0 };
            let mut new_notes = Vec::new();
            let mut add_notes = 0.0;
            for n in &line.line.notes {
                if let Some(h) = note_height.get(n) {
                    if !placed.contains(n) && !notes.contains(n) && !new_notes.contains(n) {
                        new_notes.push(*n);
                        add_notes += h;
                    }
                }
            }
            if notes.is_empty() && !new_notes.is_empty() {
                add_notes += note_gap;
            }
            if height + add + notes_height + add_notes > capacity + 0.01 && end > start {
                break;
            }
            height += add;
            notes_height += add_notes;
            notes.extend(new_notes);
            end += 1;
        }
        if end < lines.len() {
            // Back up to the last line after which a break is allowed.
            // When no break is allowed on the whole page (a run of headings, a block taller
            // than a page), the end of any block is the next best place; else keep what fits.
            let allowed = (start + 1..=end).rev().find(|&k| lines[k - 1].break_after);
            let block_end = || {
                (start + 1..=end)
                    .rev()
                    .find(|&k| lines[k - 1].index_in_block + 1 == lines[k - 1].block_len)
            };
            if let Some(k) = allowed.or_else(block_end) {
                end = k;
            }
        }
        let page_notes: Vec<u32> = lines[start..end]
            .iter()
            .flat_map(|l| l.line.notes.iter().copied())
            .filter(|n| note_height.contains_key(n))
            .filter(|n| placed.insert(*n))
            .collect();
        pages.push(BodyPage {
            lines: start..end,
            notes: page_notes,
        });
        start = end;
    }
    balance_last_page(lines, &mut pages, 4);
    pages
}

/// Like [`paginate`], with a new page at each line index of `breaks`
/// (forced page breaks in the text); each run of lines between them is
/// paginated on its own.
pub fn paginate_at(
    lines: &[VLine],
    breaks: &[usize],
    capacity: f32,
    note_height: &HashMap<u32, f32>,
    note_gap: f32,
) -> Vec<BodyPage> {
    let mut pages = Vec::new();
    let mut start = 0;
    for end in breaks
        .iter()
        .copied()
        .filter(|&b| b > 0 && b < lines.len())
        .chain([lines.len()])
    {
        if end <= start {
            continue;
        }
        for page in paginate(&lines[start..end], capacity, note_height, note_gap) {
            pages.push(BodyPage {
                lines: page.lines.start + start..page.lines.end + start,
                notes: page.notes,
            });
        }
        start = end;
    }
    pages
}

/// A last page holding only a line or two looks like an accident: move lines
/// from the page before, at an allowed break, so it holds at least `min` lines
/// (pages with footnotes are left alone: their notes would have to move too).
fn balance_last_page(lines: &[VLine], pages: &mut [BodyPage], min: usize) {
    let n = pages.len();
    if n < 2 {
        return;
    }
    let (prev, last) = (&pages[n - 2], &pages[n - 1]);
    if last.lines.len() >= min || !prev.notes.is_empty() || !last.notes.is_empty() {
        return;
    }
    let want = min - last.lines.len();
    let keep_at_least = prev.lines.len() / 2;
    let Some(k) = (prev.lines.start + keep_at_least.max(1)..=prev.lines.end.saturating_sub(want))
        .rev()
        .find(|&k| lines[k - 1].break_after)
    else {
        return;
    };
    let end = last.lines.end;
    pages[n - 2].lines.end = k;
    pages[n - 1].lines = k..end;
}

/// Whether a page break falls where the rules forbid it (for tests and checks).
pub fn broken_rules(lines: &[VLine], pages: &[BodyPage]) -> Vec<usize> {
    pages
        .iter()
        .filter(|p| p.lines.end < lines.len() && !lines[p.lines.end - 1].break_after)
        .map(|p| p.lines.end - 1)
        .collect()
}

/// Measures of a layout a reader would notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quality {
    /// A block's last line alone at the top of a page.
    pub widows: usize,
    /// A block's first line alone at the bottom of a page.
    pub orphans: usize,
    /// Pages ending in a hyphenated word.
    pub hyphenated_page_ends: usize,
    /// The longest run of consecutive hyphenated lines.
    pub max_hyphen_run: usize,
}

/// Counts widows, orphans and hyphenation runs in a paginated list.
pub fn quality(lines: &[VLine], pages: &[BodyPage]) -> Quality {
    let mut q = Quality::default();
    for p in pages
        .iter()
        .filter(|p| p.lines.end < lines.len() && !p.lines.is_empty())
    {
        let last = &lines[p.lines.end - 1];
        let next = &lines[p.lines.end];
        if last.block_len > 1 && last.index_in_block == 0 {
            q.orphans += 1;
        }
        if next.block_len > 1 && next.index_in_block + 1 == next.block_len {
            q.widows += 1;
        }
        if last.line.hyphenated {
            q.hyphenated_page_ends += 1;
        }
    }
    let mut run = 0;
    for l in lines {
        run = if l.line.hyphenated { run + 1 } else { 0 };
        q.max_hyphen_run = q.max_hyphen_run.max(run);
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::paragraph::SetLine;

    fn line(break_after: bool, notes: Vec<u32>) -> VLine {
        let mut v = VLine::new(
            SetLine {
                notes,
                ..SetLine::of_runs(vec![])
            },
            0.0,
            10.0,
            0.0,
        );
        v.break_after = break_after;
        v
    }

    #[test]
    fn pages_hold_what_fits() {
        let lines: Vec<VLine> = (0..25).map(|_| line(true, vec![])).collect();
        let pages = paginate(&lines, 100.0, &HashMap::new(), 0.0);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].lines, 0..10);
        assert_eq!(
            pages[2].lines,
            20..25,
            "five lines are enough for a last page"
        );
    }

    #[test]
    fn breaks_move_back_to_an_allowed_place() {
        // Lines 8 and 9 may not end a page, so the page ends after line 7.
        let mut lines: Vec<VLine> = (0..15).map(|_| line(true, vec![])).collect();
        lines[8].break_after = false;
        lines[9].break_after = false;
        let pages = paginate(&lines, 100.0, &HashMap::new(), 0.0);
        assert_eq!(pages[0].lines, 0..8);
        assert!(broken_rules(&lines, &pages).is_empty());
    }

    #[test]
    fn a_nearly_empty_last_page_takes_lines_from_the_one_before() {
        let lines: Vec<VLine> = (0..21).map(|_| line(true, vec![])).collect();
        let pages = paginate(&lines, 100.0, &HashMap::new(), 0.0);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[1].lines, 10..17);
        assert_eq!(pages[2].lines, 17..21);
    }

    #[test]
    fn forced_breaks_start_new_pages() {
        let lines: Vec<VLine> = (0..14).map(|_| line(true, vec![])).collect();
        let pages = paginate_at(&lines, &[3, 3, 0, 14], 100.0, &HashMap::new(), 0.0);
        let ranges: Vec<_> = pages.iter().map(|p| p.lines.clone()).collect();
        assert_eq!(
            ranges,
            [0..3, 3..10, 10..14],
            "a break at the start, the end or twice at one place makes no empty page, \
             and the text after a break balances its last page like any text"
        );
        assert_eq!(
            paginate_at(&lines, &[], 100.0, &HashMap::new(), 0.0),
            paginate(&lines, 100.0, &HashMap::new(), 0.0)
        );
    }

    #[test]
    fn footnotes_take_room_on_their_page() {
        let mut lines: Vec<VLine> = (0..12).map(|_| line(true, vec![])).collect();
        lines[2] = line(true, vec![1]);
        let heights = HashMap::from([(1, 25.0)]);
        let pages = paginate(&lines, 100.0, &heights, 5.0);
        assert_eq!(pages[0].lines, 0..7);
        assert_eq!(pages[0].notes, vec![1]);
        assert!(pages[1].notes.is_empty());
    }
}
