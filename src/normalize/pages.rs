//! Pages of a text extracted from a PDF: where the pages break (form feeds,
//! page numbers in sequence), and what repeats at every break (running heads
//! and feet of one to four lines, folios, also when glued to the last word of
//! a page). All of it is found on the raw lines, before any unwrapping or
//! hyphen joining, so a running head never runs into the body.
//!
//! The first page's top has no break above it: a title there is kept even
//! when the running heads repeat it.

use super::furniture::is_page_number;
use super::lines::{ends_terminal, keep_continuing, starts_upper, title_like, Line};
use super::Report;
pub use placed::strip_placed;
use rustc_hash::FxHashMap as HashMap;
use title::{join_title, title_page, title_repeats};

/// Lines looked at on each side of a page break.
const TOP_WINDOW: usize = 4;
const BOTTOM_WINDOW: usize = 3;

/// A page break between lines: the page above ends before `end`, the next
/// one starts at `start` (`start == end` for a form feed, `end + 1` for a
/// page-number line between pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    pub end: usize,
    pub start: usize,
}

/// The pages of a text: line ranges, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pages {
    pub breaks: Vec<Break>,
}

impl Pages {
    /// Line ranges of the pages (the first from 0, the last to `len`).
    pub fn ranges(&self, len: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(self.breaks.len() + 1);
        let mut from = 0;
        for b in &self.breaks {
            out.push((from, b.end.max(from)));
            from = b.start;
        }
        out.push((from.min(len), len));
        out
    }
}

/// Finds the page breaks of a text: form feeds when it has them, else page
/// numbers on lines of their own.
pub fn find(lines: &[Line]) -> Pages {
    let feeds: Vec<usize> = (1..lines.len()).filter(|&i| lines[i].page_break).collect();
    let breaks = if !feeds.is_empty() {
        feeds.iter().map(|&i| Break { end: i, start: i }).collect()
    } else {
        folio_lines(lines)
            .into_iter()
            .map(|(i, _)| Break {
                end: i,
                start: i + 1,
            })
            .collect()
    };
    Pages { breaks }
}

/// Page-number lines: "22", "- 4 -", "Page 7".
fn folio_lines(lines: &[Line]) -> Vec<(usize, u32)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.blank() && is_page_number(l.trimmed()))
        .map(|(i, l)| (i, folio_value(l.trimmed())))
        .collect()
}

fn folio_value(s: &str) -> u32 {
    s.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

/// A line as it repeats across pages: spaces collapsed, and a page number at
/// either end taken off ("Notes on the Free School   7").
fn head_key(s: &str) -> (String, Option<u32>) {
    let words: Vec<&str> = s.split_whitespace().collect();
    let is_num = |w: &str| (1..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    if words.len() >= 2 {
        if is_num(words[words.len() - 1]) {
            return (
                words[..words.len() - 1].join(" "),
                words[words.len() - 1].parse().ok(),
            );
        }
        if is_num(words[0]) {
            return (words[1..].join(" "), words[0].parse().ok());
        }
    }
    // A folio glued to the head's first word, the extractor having read the
    // number in the outer corner first: "2A CALL TO THE TENANTS".
    if let Some((num, rest)) = words.first().and_then(|w| glued_folio_before(w)) {
        let mut key = vec![rest];
        key.extend_from_slice(&words[1..]);
        return (key.join(" "), Some(num));
    }
    (words.join(" "), None)
}

/// A page number glued before a word that opens with a capital:
/// "2A" → (2, "A"), "14THE" → (14, "THE"); "3D" alone is no such thing
/// unless a running head makes it one, which the caller decides.
fn glued_folio_before(w: &str) -> Option<(u32, &str)> {
    let rest = w.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = w.get(..w.len() - rest.len()).unwrap_or_default();
    if digits.is_empty() || digits.len() > 4 || digits.starts_with('0') {
        return None;
    }
    rest.chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then(|| Some((digits.parse().ok()?, rest)))
        .flatten()
}

/// The non-blank lines next to a break, nearest first, skipping page numbers.
fn window(lines: &[Line], b: Break, top: bool) -> Vec<usize> {
    let take = |it: &mut dyn Iterator<Item = usize>, n: usize| -> Vec<usize> {
        it.filter(|&i| !lines[i].blank() && !is_page_number(lines[i].trimmed()))
            .take(n)
            .collect()
    };
    if top {
        // Stop at the next form feed: a short page has no more top.
        let mut it = (b.start..lines.len()).take_while(|&i| i == b.start || !lines[i].page_break);
        take(&mut it, TOP_WINDOW)
    } else {
        let mut it = (0..b.end)
            .rev()
            .take_while(|&i| i + 1 == b.end || !lines[i + 1].page_break);
        take(&mut it, BOTTOM_WINDOW)
    }
}

/// Whether the page numbers carried by a repeated line follow the pages:
/// number minus break index the same for most of them.
fn numbers_follow_pages(found: &[(usize, Option<u32>)]) -> bool {
    let nums: Vec<i64> = found
        .iter()
        .filter_map(|&(b, n)| n.map(|n| i64::from(n) - b as i64))
        .collect();
    if nums.is_empty() {
        return true;
    }
    let mut counts: HashMap<i64, usize> = HashMap::default();
    for n in &nums {
        *counts.entry(*n).or_default() += 1;
    }
    let top = counts.values().copied().max().unwrap_or(0);
    // Verso and recto heads: every other page, so the offset can be one of two.
    let second = counts
        .values()
        .copied()
        .filter(|&c| c != top)
        .max()
        .unwrap_or(0);
    (top + second) * 3 >= nums.len() * 2 && nums.len() == found.len()
}

/// Removes running heads and feet, page numbers and glued page numbers at
/// the page breaks, reports each, and marks the first line after each break.
pub fn strip(lines: &mut [Line], pages: &Pages, report: &mut Report) {
    let n = pages.breaks.len();
    if n == 0 {
        return;
    }
    // (top?, key) -> the breaks where the line is, with its page number.
    let mut seen: HashMap<(bool, String), Vec<(usize, Option<u32>)>> = HashMap::default();
    // (top?, place in the block, key) -> on how many breaks.
    let mut placed: HashMap<(bool, usize, String), usize> = HashMap::default();
    let mut windows: Vec<[Vec<usize>; 2]> = Vec::with_capacity(n);
    for (k, &b) in pages.breaks.iter().enumerate() {
        let w = [window(lines, b, false), window(lines, b, true)];
        for (side, idx) in w.iter().enumerate() {
            for (place, &i) in idx.iter().enumerate() {
                let (key, num) = head_key(lines[i].trimmed());
                *placed.entry((side == 1, place, key.clone())).or_default() += 1;
                let v = seen.entry((side == 1, key)).or_default();
                if v.last().is_none_or(|x| x.0 != k) {
                    v.push((k, num));
                }
            }
        }
        windows.push(w);
    }
    let enough = |count: usize| count >= 3 || (count == 2 && n <= 3);
    let in_body = body_counts(lines, &windows);
    // A line at the other edge of too few pages to be furniture there (the
    // end of the last page) stands in the body as much as one mid-page.
    // A short page's lines are in both its windows; there they count once.
    let at_other_edge = |k: &(bool, String)| {
        let other = seen.get(&(!k.0, k.1.clone())).map_or(0, Vec::len);
        if enough(other) {
            0
        } else {
            only_at_edge(lines, &windows, !k.0, &k.1)
        }
    };
    let heads: HashMap<(bool, String), bool> = seen
        .iter()
        .filter(|(k, v)| {
            !k.1.is_empty()
                && enough(v.len())
                && numbers_follow_pages(v)
                && in_body.get(&k.1).copied().unwrap_or(0) + at_other_edge(k) < v.len()
        })
        .map(|(k, _)| (k.clone(), true))
        .collect();
    let mut removed: Vec<(usize, &'static str)> = Vec::new();
    let title_page = title_page(lines, pages, &windows);
    for w in &windows {
        for (side, idx) in w.iter().enumerate() {
            if side == 0 && title_page.as_ref() == Some(idx) {
                continue;
            }
            // A block of heads next to the break: stop at the first body line.
            for (place, &i) in idx.iter().enumerate() {
                // Notes that repeat ("*Ibid.") are notes, not page furniture.
                let note = side == 0 && super::footnotes::note_start(&lines[i].text).is_some();
                let key = head_key(lines[i].trimmed()).0;
                // A head in a place where it never stands on other pages
                // (a section's heading under the chapter's running head,
                // with the section's own running head on later pages) is
                // the body's.
                let in_place = place == 0
                    || placed
                        .get(&(side == 1, place, key.clone()))
                        .is_some_and(|&c| enough(c));
                if note
                    || set_as_heading(&lines[i])
                    || !in_place
                    || !heads.contains_key(&(side == 1, key))
                {
                    break;
                }
                removed.push((
                    i,
                    if side == 1 {
                        "running head removed"
                    } else {
                        "running foot removed"
                    },
                ));
            }
        }
    }
    removed.extend(
        section_heads(lines, pages, &windows, &heads)
            .into_iter()
            .filter(|&(i, _)| !set_as_heading(&lines[i])),
    );
    let (repeats, title_lines) = title_repeats(lines, pages, &windows);
    removed.extend(repeats);
    let tops: Vec<usize> = removed
        .iter()
        .filter(|r| r.1 == edge_removed(1))
        .map(|r| r.0)
        .collect();
    let tails = subhead::head_block_tail(lines, &tops);
    removed.extend(tails.into_iter().map(|i| (i, edge_removed(1))));
    let folios = folio_lines(lines)
        .into_iter()
        .filter(|&(i, _)| at_page_edge(lines, pages, i, &removed))
        .collect::<Vec<_>>();
    removed.extend(folios.iter().map(|&(i, _)| (i, "page number removed")));
    removed.sort_unstable();
    removed.dedup_by_key(|r| r.0);
    // A head that the page's own heading repeats below it is no line of
    // the sentence before the break, whatever that sentence's end: the
    // section's name stands there twice ("… see casting" / "use" / "use").
    let named_below: Vec<(usize, &'static str)> = removed
        .iter()
        .copied()
        .filter(|&(i, class)| class == edge_removed(1) && again_below(lines, pages, i))
        .collect();
    keep_continuing(lines, &mut removed);
    removed.extend(named_below);
    removed.sort_unstable();
    removed.dedup_by_key(|r| r.0);
    for &(i, class) in &removed {
        report.removed(lines[i].no, class, &lines[i].text);
        lines[i].text.clear();
    }
    strip_glued_folios(lines, pages, &folios, report);
    head_folio::strip_head_folios(lines, pages, report);
    join_title(lines, &title_lines, report);
    let len = lines.len();
    for b in &pages.breaks {
        if let Some(l) = lines[b.start.min(len)..].iter_mut().find(|l| !l.blank()) {
            l.page_break = true;
        }
    }
}

/// How often each line stands in the body, away from every page's edge
/// (by its [`head_key`]). A line that repeats at page tops but as often
/// inside pages ("See also:", a label over each section's links) is the
/// body's own, not a running head.
fn body_counts(lines: &[Line], windows: &[[Vec<usize>; 2]]) -> HashMap<String, usize> {
    let edge: std::collections::HashSet<usize> = windows
        .iter()
        .flat_map(|w| w.iter().flatten().copied())
        .collect();
    let mut counts: HashMap<String, usize> = HashMap::default();
    for (i, l) in lines.iter().enumerate() {
        if !l.blank() && !edge.contains(&i) {
            *counts.entry(head_key(l.trimmed()).0).or_default() += 1;
        }
    }
    counts
}

/// How many lines of key `key` stand in the windows of edge `top` and in
/// no window of the other edge: a short page's lines are both a top and a
/// foot.
fn only_at_edge(lines: &[Line], windows: &[[Vec<usize>; 2]], top: bool, key: &str) -> usize {
    let side = usize::from(top);
    let at = |side: usize| -> std::collections::HashSet<usize> {
        windows
            .iter()
            .flat_map(|w| w[side].iter().copied())
            .filter(|&i| head_key(lines[i].trimmed()).0 == key)
            .collect()
    };
    let (here, there) = (at(side), at(1 - side));
    here.difference(&there).count()
}

/// Whether the source's geometry sets a line as a heading, not at the page's
/// edge: the body's however often it repeats at page tops ("See also:"
/// heading a page's first section). A line only a contents page lists may
/// be a running head that repeats the entry.
fn set_as_heading(line: &Line) -> bool {
    line.heading && !line.listed && !line.furniture
}

/// Whether line `i` is the first or the last line of its page. Where form
/// feeds make the pages, a number alone on a line inside a page is no folio
/// (a note's raised marker, set on a line of its own); where the numbers
/// make the pages, every one of them is a folio. Lines `gone` (running
/// heads) are not counted: a folio set under a head is at the page's edge.
fn at_page_edge(lines: &[Line], pages: &Pages, i: usize, gone: &[(usize, &str)]) -> bool {
    if pages.breaks.iter().any(|b| b.start != b.end) {
        return true;
    }
    pages
        .ranges(lines.len())
        .into_iter()
        .find(|&(from, to)| (from..to).contains(&i))
        .is_none_or(|(from, to)| {
            let kept = |k: &usize| !lines[*k].blank() && !gone.iter().any(|g| g.0 == *k);
            let first = (from..to).find(kept);
            let last = (from..to).rev().find(kept);
            first == Some(i) || last == Some(i)
        })
}

/// Running heads that name the current section change every few pages, so
/// they do not repeat enough to be found by counting. Where most pages have
/// a running head in one place (the first line of the page's top, or the
/// last of its foot), the line in that place on the other pages is one too
/// when it is a title-like line that repeats a heading found earlier in the
/// text, with the same blank line after it as the other heads.
///
/// A section that starts on the page has its heading further down the
/// same page, under the running head that repeats it: that counts as a
/// repeat too.
fn section_heads(
    lines: &[Line],
    pages: &Pages,
    windows: &[[Vec<usize>; 2]],
    heads: &HashMap<(bool, String), bool>,
) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    let mut first_seen: HashMap<&str, usize> = HashMap::default();
    for (i, l) in lines.iter().enumerate() {
        if !l.blank() {
            first_seen
                .entry(without_reference(l.trimmed()))
                .or_insert(i);
        }
    }
    let repeat = |i: usize| {
        first_seen.get(lines[i].trimmed()).is_some_and(|&f| f < i) || again_below(lines, pages, i)
    };
    for side in [1, 0] {
        let is_head = |i: usize| heads.contains_key(&(side == 1, head_key(lines[i].trimmed()).0));
        let slots: Vec<usize> = windows
            .iter()
            .filter_map(|w| w[side].first().copied())
            .collect();
        let confirmed: Vec<usize> = slots.iter().copied().filter(|&i| is_head(i)).collect();
        if confirmed.len() < 2 || confirmed.len() * 2 < slots.len() {
            // No head repeats often enough, but most pages have, in that
            // place, a short line that is a whole line earlier in the text
            // (the section's heading, one word as "Moving" or more): those
            // are the running heads.
            let repeats: Vec<usize> = slots
                .iter()
                .copied()
                .filter(|&i| repeat(i) && names_section(lines[i].trimmed()))
                .collect();
            if repeats.len() >= 3 && repeats.len() * 3 >= slots.len() * 2 {
                out.extend(repeats.into_iter().map(|i| {
                    (
                        i,
                        if side == 1 {
                            "running head removed"
                        } else {
                            "running foot removed"
                        },
                    )
                }));
            }
            continue;
        }
        let blank_after = |i: usize| lines.get(i + 1).is_none_or(Line::blank);
        let heads_blank =
            confirmed.iter().filter(|&&i| blank_after(i)).count() * 2 > confirmed.len();
        for i in slots {
            let t = lines[i].trimmed();
            // Sections are named in any case ("How the station began",
            // "for loops"), also where an extractor reading in the content
            // stream's order gives the head beside the folio, after the
            // page's notes.
            let shaped = title_like(t) || names_section(t);
            if !is_head(i) && repeat(i) && shaped && blank_after(i) == heads_blank {
                out.push((i, edge_removed(side)));
            }
        }
    }
    out
}

/// Whether line `i` stands again, whole, further down its own page: a
/// running head naming the section whose heading the page sets below it.
fn again_below(lines: &[Line], pages: &Pages, i: usize) -> bool {
    let end = pages
        .breaks
        .iter()
        .map(|b| b.end)
        .find(|&e| e > i)
        .unwrap_or(lines.len())
        .min(lines.len());
    let t = lines[i].trimmed();
    (i + 1..end).any(|j| lines[j].trimmed() == t)
}

/// A heading without the note reference glued to its last word ("The
/// first year6"): the running head that repeats it has none.
fn without_reference(t: &str) -> &str {
    let cut = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let glued =
        cut.len() < t.len() && t.len() - cut.len() <= 2 && cut.ends_with(char::is_alphabetic);
    if glued {
        cut
    } else {
        t
    }
}

/// A line that can name a section in a running head: a few words opening
/// with a capital, or a name for a keyword in lower case ("for loops",
/// "use") of at most six words without final punctuation.
fn names_section(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let named = starts_upper(t) || (words <= 6 && !ends_terminal(t));
    named && (1..=14).contains(&words)
}

/// The page number glued to the last word of a page ("barricades7"): a
/// line that ends a page ends in digits right after letters, and the number
/// is the page's place in the folio sequence: one more than the page number
/// before it and one less than the next, or, with form feeds, the page's
/// index plus the offset the other pages' numbers (or three or more glued
/// numbers) agree on.
fn strip_glued_folios(
    lines: &mut [Line],
    pages: &Pages,
    folios: &[(usize, u32)],
    report: &mut Report,
) {
    let mut found: Vec<usize> = Vec::new();
    let feeds = pages.breaks.first().is_some_and(|b| b.start == b.end);
    if feeds {
        let ranges = pages.ranges(lines.len());
        let page_of = |i: usize| ranges.partition_point(|r| r.1 <= i);
        let mut glued: Vec<(usize, i64)> = Vec::new();
        for (p, &(from, to)) in ranges.iter().enumerate() {
            if let Some(i) = (from..to).rev().find(|&i| !lines[i].blank()) {
                if let Some(v) = glued_number(lines[i].trimmed()) {
                    glued.push((i, i64::from(v) - p as i64));
                }
            }
        }
        let known: Vec<i64> = folios
            .iter()
            .map(|&(i, v)| i64::from(v) - page_of(i) as i64)
            .collect();
        let from_glued = known.len() < 2;
        let offsets: Vec<i64> = if from_glued {
            glued.iter().map(|g| g.1).collect()
        } else {
            known
        };
        let mut counts: HashMap<i64, usize> = HashMap::default();
        for o in &offsets {
            *counts.entry(*o).or_default() += 1;
        }
        let Some((&offset, &count)) = counts.iter().max_by_key(|(o, c)| (**c, -**o)) else {
            return;
        };
        if count < if from_glued { 3 } else { 2 } {
            return;
        }
        found.extend(glued.iter().filter(|g| g.1 == offset).map(|g| g.0));
    } else {
        for w in folios.windows(2) {
            let ((a, va), (b, vb)) = (w[0], w[1]);
            if vb != va + 2 {
                continue;
            }
            // The page between them lost its number to its last word.
            let end = (a + 1..b)
                .filter(|&i| !lines[i].blank() && lines.get(i + 1).is_none_or(Line::blank))
                .find(|&i| glued_number(lines[i].trimmed()) == Some(va + 1));
            found.extend(end);
        }
    }
    for i in found {
        let t = lines[i].text.trim_end();
        let cut = t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        report.removed(
            lines[i].no,
            "page number removed",
            t.get(cut..).unwrap_or_default(),
        );
        lines[i].text.truncate(cut);
    }
}

/// The number glued to the last word of a line: "barricades7" → 7.
fn glued_number(line: &str) -> Option<u32> {
    let last = line.split_whitespace().last()?;
    let word = last.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = last.get(word.len()..).unwrap_or_default();
    let letters = word.chars().rev().take_while(|c| c.is_alphabetic()).count();
    if digits.is_empty() || digits.len() > 4 || letters < 2 || digits.starts_with('0') {
        return None;
    }
    digits.parse().ok()
}

/// What removing a line at a page's edge is called: side 1 is the head
/// of a page (the top lines), any other side its foot.
fn edge_removed(side: usize) -> &'static str {
    if side == 1 {
        "running head removed"
    } else {
        "running foot removed"
    }
}

mod head_folio;
mod placed;
mod subhead;
mod title;

#[cfg(test)]
mod tests;
