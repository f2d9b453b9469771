//! Notes at the foot of each page of a PDF extraction: the run of lines at
//! the end of a page that start with note markers (numbers glued to a word
//! or followed by a space, `*`, `†`, `‡`, letters glued to a capital) whose
//! numbers continue the sequence of the markers in the body above. Each note
//! is taken out of the body, its marker in the body becomes a reference, and
//! a note that runs over to the next page's foot is continued.
//!
//! Runs on the raw lines after the page furniture is gone and before the
//! paragraphs are grouped, so the paragraph the notes interrupted reads on.

use super::footlines::{
    attach_lone_markers, full_width, next_marker, run_over, typical_width, weak_start,
};
use super::inline::note_marker;
use super::lines::{ends_hyphen, ends_terminal, Line};
use super::pages::Pages;
use super::Report;
pub use bars::join_split_bars;
pub use joined::split_joined_notes;
use refs::find_ref;
use weak::{opens_again, weak_first_holds, weak_firsts};

mod bars;
mod joined;
mod refs;
mod weak;

/// A note found at the foot of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct FootNote {
    /// The note's number in the document: notes are numbered in order,
    /// which keeps the source's own numbers when they run 1, 2, 3 ….
    pub number: u32,
    /// The note's lines, in order (a note that runs over has lines on two pages).
    pub lines: Vec<Line>,
    /// The source line of its reference in the body.
    pub ref_line: usize,
}

/// A note marker at the start of a line, or at the end of a word in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    Number(u32),
    Symbol(String),
    Letter(char),
}

pub(super) const SYMBOLS: &[char] = &['*', '†', '‡', '§', '¶', '‖'];

/// The mark `‖` as LaTeX's fonts give it to an extractor: two ASCII bars.
pub(super) const DOUBLE_BAR: &str = "||";

/// The marker opening a note line and the note's text after it:
/// "1The hall …", "12 The hall …", "*The hall …", "† See …", "aThe hall …".
pub fn note_start(s: &str) -> Option<(Marker, &str)> {
    let t = s.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let rest = t.get(digits..).unwrap_or_default();
        if digits > 3 || t.starts_with('0') {
            return None;
        }
        let next = rest.chars().next()?;
        // "1. The hall …", as a note list sets them (not "1.5" or "1. the").
        if let Some(text) = rest.strip_prefix(". ") {
            let text = text.trim_start();
            let v = t.get(..digits).unwrap_or_default().parse().ok()?;
            return opens_note_text(text).then_some((Marker::Number(v), text));
        }
        // "1The", "1“Quoted", "1 The": not "1.5", "10,000", "1)" or "2 per cent".
        let text = if next == ' ' { rest.trim_start() } else { rest };
        let first = text.chars().next()?;
        let ok = (next != ' ' && (first.is_alphabetic() || "“\"‘'(".contains(first)))
            || (next == ' ' && opens_note_text(text));
        let v = t.get(..digits).unwrap_or_default().parse().ok()?;
        return ok.then_some((Marker::Number(v), text));
    }
    // LaTeX's double bar comes out of its fonts as two ASCII bars.
    if let Some(text) = t.strip_prefix(DOUBLE_BAR).map(str::trim_start) {
        return text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || "“\"‘(".contains(c))
            .then(|| (Marker::Symbol("‖".into()), text));
    }
    let sym: String = t.chars().take_while(|c| SYMBOLS.contains(c)).collect();
    if !sym.is_empty()
        && sym.chars().count() <= 3
        && sym.chars().all(|c| c == sym.chars().next().unwrap_or(c))
    {
        let text = t.get(sym.len()..).unwrap_or_default().trim_start();
        return text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || "“\"‘(".contains(c))
            .then(|| (Marker::Symbol(sym), text));
    }
    let mut cs = t.chars();
    match (cs.next(), cs.next(), cs.next()) {
        // "aThe", "aI was", "aA shilling", "a“Quoted": a letter glued to
        // what opens a sentence. Not "aXML" or "eBay"-like words in capitals.
        (Some(a), Some(b), Some(c))
            if a.is_ascii_lowercase()
                && ((b.is_uppercase() && (c.is_lowercase() || c == ' '))
                    || ("“\"‘(".contains(b) && c.is_alphanumeric())) =>
        {
            Some((Marker::Letter(a), t.get(1..).unwrap_or_default()))
        }
        // "d212 customers gave": a letter glued to a number used as a word.
        (Some(a), Some(b), _)
            if a.is_ascii_lowercase()
                && b.is_ascii_digit()
                && t.get(1..).is_some_and(|r| {
                    r.split_whitespace().next().is_some_and(|w| w.len() <= 6) && opens_note_text(r)
                }) =>
        {
            Some((Marker::Letter(a), t.get(1..).unwrap_or_default()))
        }
        // "a Each project …": troff sets the mark apart from the note.
        _ if spaced_letter(t) => Some((Marker::Letter(t.chars().next()?), t.get(2..)?)),
        _ => None,
    }
}

/// Whether the text after a marker set apart from it ("4 The hall",
/// "4. The hall") opens a note: a sentence ("The", "“Quoted"), a number
/// used as a word ("1973 was the year", "31 of them", "1,200 copies"), or
/// an abbreviation in lower case that notes open with ("cf. the minutes",
/// "ibid., p. 4"). Not a body line's "2 per cent" or "1. the".
fn opens_note_text(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if first.is_uppercase() || "“\"‘(".contains(first) {
        return true;
    }
    let mut words = text.split_whitespace();
    let (w1, w2) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let number = w1.starts_with(|c: char| c.is_ascii_digit())
        && w1.chars().all(|c| c.is_ascii_digit() || c == ',')
        && w2.starts_with(|c: char| c.is_lowercase());
    let abbreviation = first.is_lowercase()
        && w1.trim_end_matches(',').ends_with('.')
        && w1.chars().filter(|c| c.is_alphabetic()).count() <= 5
        && !w2.is_empty();
    number || abbreviation
}

/// A line that opens with a lower-case letter before a number, glued or
/// set apart ("d212 customers", "d 14 of them"): a note's letter, or a name
/// from code or a model ("s2 is created", "x86 machines").
fn before_number(t: &str) -> bool {
    let mut cs = t.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), Some(b), _) if a.is_ascii_lowercase() && b.is_ascii_digit() => true,
        (Some(a), Some(' '), Some(b)) => a.is_ascii_lowercase() && b.is_ascii_digit(),
        _ => false,
    }
}

/// A letter set apart before a sentence, "a Each project …" or `f "Soon
/// after" …`, as troff sets a note's mark: the same shape as a body line that starts with the
/// article ("a Vec of them"), so such a line opens a note only where no line
/// further down the page opens one with the same letter.
///
/// A note may also open with a number used as a word ("d 212 customers
/// gave"), not with a bare number ("a 212").
fn spaced_letter(t: &str) -> bool {
    let mut cs = t.chars();
    // Or a quotation that opens the note: `f "Soon after" has …`.
    let sentence = matches!((cs.next(), cs.next(), cs.next(), cs.next()),
        (Some(a), Some(' '), Some(b), Some(c))
            if a.is_ascii_lowercase()
                && ((b.is_uppercase() && (c.is_lowercase() || c == ' '))
                    || ("“\"‘".contains(b) && c.is_uppercase())));
    let mut cs = t.chars();
    let number = matches!((cs.next(), cs.next(), cs.next()),
        (Some(a), Some(' '), Some(b)) if a.is_ascii_lowercase() && b.is_ascii_digit())
        && t.get(2..).is_some_and(opens_note_text);
    sentence || number
}

/// Whether marker `m` may follow the last one seen (`last`) in the document.
/// On one page the notes keep one convention: a note's line that opens with
/// the article ("a Rust developer.") under a note marked by a symbol or a
/// number goes on with that note, no letter's.
fn continues(m: &Marker, last: Option<&Marker>, first_on_page: bool) -> bool {
    if let Some(p) = last.filter(|_| !first_on_page) {
        if std::mem::discriminant(m) != std::mem::discriminant(p) {
            return false;
        }
    }
    match (m, last) {
        // A page may restart at 1, or follow a note that was not found.
        (Marker::Number(v), Some(Marker::Number(p))) => {
            *v == p + 1 || (first_on_page && (*v == 1 || (*v > p + 1 && *v <= p + 3)))
        }
        (Marker::Number(v), _) => *v == 1 || (first_on_page && *v <= 3),
        // The next symbol ("†" after "*", "††" after "**"), or the first
        // doubled once the single ones are used ("**" after "‖" or "¶").
        // A series used up may start again at "*" ("‡‡" then "*").
        (Marker::Symbol(s), Some(Marker::Symbol(p))) if !first_on_page => {
            s.chars().count() == p.chars().count() + 1
                || (s.chars().next() != p.chars().next() && s.chars().count() == p.chars().count())
                || (s == "*" && p.chars().count() > 1)
        }
        (Marker::Symbol(_), _) => true,
        (Marker::Letter(c), Some(Marker::Letter(p))) if !first_on_page => {
            *c as u32 == *p as u32 + 1
        }
        (Marker::Letter(c), _) => *c == 'a' || first_on_page,
    }
}

/// Notes found at the foot of the pages, with their lines blanked in `lines`
/// and their references replaced by note markers.
pub fn extract(lines: &mut [Line], pages: &Pages, report: &mut Report) -> Vec<FootNote> {
    if pages.breaks.is_empty() {
        return Vec::new();
    }
    let ranges = pages.ranges(lines.len());
    let body_width = typical_width(lines);
    let full = full_width(lines);
    let mut found: Vec<(Marker, FootNote)> = Vec::new();
    let mut last: Option<Marker> = None;
    // Where the last reference was placed: (line index, byte after it).
    let mut ref_at: (usize, usize) = (0, 0);
    let mut open_note: Option<usize> = None;
    for (p, &(from, to)) in ranges.iter().enumerate() {
        // The page as it reads with its lone markers set on their notes'
        // first lines, and the next page's first lines (a note may be set
        // at the foot of the page before its reference's line); taken only
        // when that gives a block of notes.
        let next: Vec<usize> = ranges
            .get(p + 1)
            .map(|&(f, t)| {
                (f..t)
                    .filter(|&i| !lines[i].blank())
                    .take(LOOKAHEAD)
                    .collect()
            })
            .unwrap_or_default();
        let end = next.last().map_or(to, |&i| i + 1);
        let mut view = lines[from..end].to_vec();
        let next_first = next.first().map(|&i| lines[i].trimmed());
        attach_lone_markers(&mut view[..to - from], full, next_first);
        let vidx: Vec<usize> = (0..to - from).filter(|&i| !view[i].blank()).collect();
        let after: Vec<usize> = next.iter().map(|&i| i - from).collect();
        let at = rebase(ref_at, from);
        // The next page's lines only where they give the block more notes:
        // a note taken on the series' word alone whose reference the page
        // could not hold.
        let here = find_block(&view, &vidx, &[], last.as_ref(), (at, body_width));
        let found_block = match (
            here,
            find_block(&view, &vidx, &after, last.as_ref(), (at, body_width)),
        ) {
            (Some(h), Some(a)) if a.notes.len() > h.notes.len() && a.start == h.start => Some(a),
            (Some(h), _) => Some(h),
            (None, a) => a,
        };
        if found_block.is_some() {
            lines[from..end].clone_from_slice(&view);
        }
        let idx: Vec<usize> = (from..to).filter(|&i| !lines[i].blank()).collect();
        let Some(mut block) = found_block else {
            if let Some(n) = open_note.take() {
                run_over(lines, &idx, (0, idx.len()), &mut found[n].1, body_width);
            }
            continue;
        };
        for r in &mut block.refs {
            r.0 += from;
        }
        if let Some(n) = open_note.take() {
            // Not from the lines that hold this page's references.
            let floor = block
                .refs
                .iter()
                .map(|r| r.0)
                .filter(|&i| i < to)
                .max()
                .map_or(0, |last| {
                    idx.iter().position(|&i| i > last).unwrap_or(idx.len())
                })
                .min(block.start);
            run_over(
                lines,
                &idx,
                (floor, block.start),
                &mut found[n].1,
                body_width,
            );
        }
        // References are replaced from the last, so the byte ranges of the
        // earlier ones on the same line still hold.
        let first_number = found.len() as u32 + 1;
        for (k, (m, start)) in block.notes.iter().enumerate() {
            let end = block.notes.get(k + 1).map_or(idx.len(), |x| x.1);
            let mut ls: Vec<Line> = idx[*start..end].iter().map(|&i| lines[i].clone()).collect();
            ls[0].text = note_start(&ls[0].text)
                .map(|x| x.1)
                .or_else(|| weak_start(&ls[0].text, m))
                .unwrap_or_default()
                .to_string();
            // A letter alone on its line: the note's text is on the next.
            if ls[0].text.is_empty() && ls.len() > 1 {
                ls.remove(0);
            }
            let number = first_number + k as u32;
            found.push((
                m.clone(),
                FootNote {
                    number,
                    lines: ls,
                    ref_line: lines[block.refs[k].0].no,
                },
            ));
            last = Some(m.clone());
        }
        // Numbers set out of their order on the page: the series goes on
        // from the highest.
        if let Some(top) =
            numbers(block.notes.iter().map(|n| &n.0)).and_then(|v| v.into_iter().max())
        {
            last = Some(Marker::Number(top));
        }
        for (k, &(li, s, e)) in block.refs.iter().enumerate().rev() {
            lines[li]
                .text
                .replace_range(s..e, &note_marker(first_number + k as u32));
        }
        let (li, _, _) = *block.refs.last().expect("a block has notes");
        let marker = note_marker(first_number + block.refs.len() as u32 - 1);
        ref_at = (
            li,
            lines[li]
                .text
                .find(&marker)
                .map_or(0, |at| at + marker.len()),
        );
        for &i in &idx[block.start..] {
            lines[i].text.clear();
        }
        let last_note = &found.last().expect("a block has notes").1;
        let tail = last_note
            .lines
            .last()
            .map(|l| l.trimmed().to_string())
            .unwrap_or_default();
        if ends_hyphen(&tail) || !note_ends(&tail) {
            open_note = Some(found.len() - 1);
        }
    }
    for (_, n) in &found {
        let first = n.lines.first().map_or(0, |l| l.no);
        report.moved(
            first,
            "foot-of-page note moved to its reference",
            format!(
                "note {} (lines {}–{}) to line {}",
                n.number,
                first,
                n.lines.last().map_or(first, |l| l.no),
                n.ref_line
            ),
        );
    }
    found.into_iter().map(|(_, n)| n).collect()
}

/// Whether a note's last line on its page ends the note: it ends a
/// sentence, or with a full stop after an initial or an abbreviation
/// ("… in Appendix E.", "… and so on, etc."), which a note cut at the page
/// foot is hardly ever cut after.
fn note_ends(tail: &str) -> bool {
    ends_terminal(tail)
        || tail
            .trim_end()
            .trim_end_matches(['”', '"', '’', ')'])
            .ends_with('.')
}

/// The next page's first lines where a reference to a note at the foot of
/// the page before may stand: the line the note's page could not hold.
const LOOKAHEAD: usize = 2;

/// `at` (a line index into the whole text, a byte) as an index into the
/// page that starts at line `from`; a place before the page is its start.
fn rebase(at: (usize, usize), from: usize) -> (usize, usize) {
    if at.0 >= from {
        (at.0 - from, at.1)
    } else {
        (0, 0)
    }
}

/// The foot-of-page block of one page.
struct Block {
    /// Index (into the page's non-blank lines) of the block's first line.
    start: usize,
    /// Each note's marker and first line (index into the page's lines).
    notes: Vec<(Marker, usize)>,
    /// Each note's reference: line index, byte range.
    refs: Vec<(usize, usize, usize)>,
}

/// Finds the block of notes that ends the page: the earliest line from
/// which every note start continues the marker sequence and has its
/// reference in the body above it, or in the `next` page's first lines,
/// in order.
fn find_block(
    lines: &[Line],
    idx: &[usize],
    next: &[usize],
    last: Option<&Marker>,
    (ref_at, width): ((usize, usize), usize),
) -> Option<Block> {
    let mut starts: Vec<(usize, Marker)> = idx
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| note_start(&lines[i].text).map(|(m, _)| (k, m)))
        .collect();
    // The next marker of the series alone on its line, after a line that
    // ends a sentence and before its note's text ("2" / "guillotine is
    // …"): its note opens in a shape `note_start` does not take.
    if let Some(want) = last.and_then(next_marker) {
        let text = want_text(&want);
        starts.extend(
            (1..idx.len().saturating_sub(1))
                .filter(|&k| {
                    lines[idx[k]].trimmed() == text
                        && ends_terminal(lines[idx[k - 1]].trimmed())
                        && !starts.iter().any(|(j, _)| *j == k)
                })
                .map(|k| (k, want.clone()))
                .collect::<Vec<_>>(),
        );
        starts.sort_by_key(|(k, _)| *k);
    }
    let weak = weak_firsts(lines, idx, &starts, last);
    starts.extend(weak.iter().cloned());
    starts.sort_by_key(|(k, _)| *k);
    // Try the earliest candidate first: the block is as long as the evidence allows.
    for (c, (k0, m0)) in starts.iter().enumerate() {
        if *k0 == 0 || !continues(m0, last, true) {
            continue;
        }
        // A note opening in lower case ("1 corner shop is …") is not one
        // where its number opens a line again further down: that line is
        // the note, this one the body's ("1. a treadle press" in a list).
        let weak_first = weak.iter().any(|(k, _)| k == k0);
        if weak_first && opens_again(lines, &idx[k0 + 1..], m0) {
            continue;
        }
        // A letter before a number ("s2 is created", "d212 customers")
        // opens a note only where it is the next letter of the series.
        if before_number(lines[idx[*k0]].trimmed())
            && !(continues(m0, last, false) || *m0 == Marker::Letter('a'))
        {
            continue;
        }
        let again_below = || starts[c + 1..].iter().any(|(_, m)| m == m0);
        if spaced_letter(lines[idx[*k0]].trimmed()) && again_below() {
            continue;
        }
        let in_series = series(lines, idx, &starts[c..]);
        // Numbers out of their order first, where they make a longer block.
        let options = permuted(&starts[c..], last)
            .filter(|p| p.len() > in_series.len())
            .into_iter()
            .chain(std::iter::once(in_series));
        let mut pos = (idx[0], 0);
        if ref_at.0 >= idx[0] {
            pos = ref_at;
        }
        let body: Vec<usize> = idx[..*k0].iter().chain(next).copied().collect();
        for notes in options {
            if let Some((kept, refs)) = referenced(lines, &body, notes, pos) {
                if weak_first && !weak_first_holds(lines, idx, (&starts[c..], &weak), &kept, width)
                {
                    continue;
                }
                return Some(Block {
                    start: *k0,
                    notes: kept,
                    refs,
                });
            }
        }
    }
    None
}

/// Where a reference stands: line index, byte range.
type RefAt = (usize, usize, usize);

/// Every note's reference, in order, in the `body` lines from `pos` on;
/// a note taken on the series' word alone (`weak`) without one is left to
/// the note above it. None where a note has no reference.
fn referenced(
    lines: &[Line],
    body: &[usize],
    notes: Vec<(Marker, usize, bool)>,
    mut pos: (usize, usize),
) -> Option<(Vec<(Marker, usize)>, Vec<RefAt>)> {
    let mut refs = Vec::new();
    let mut kept = Vec::new();
    for (m, k, weak) in notes {
        let hit = body.iter().filter(|&&i| i >= pos.0).find_map(|&i| {
            find_ref(&lines[i].text, &m, if i == pos.0 { pos.1 } else { 0 }).map(|(s, e)| (i, s, e))
        });
        match hit {
            Some((i, s, e)) => {
                refs.push((i, s, e));
                pos = (i, e);
                kept.push((m, k));
            }
            None if weak => {}
            None => return None,
        }
    }
    Some((kept, refs))
}

/// The notes of a block from its first note (`starts[0]`) down: each later
/// note start that continues the series, and, where the series asks for
/// the next marker and a note has just ended a sentence, a line that opens
/// with that marker in a looser shape (`weak_start`; marked `true`).
fn series(lines: &[Line], idx: &[usize], starts: &[(usize, Marker)]) -> Vec<(Marker, usize, bool)> {
    let Some((k0, m0)) = starts.first() else {
        return Vec::new();
    };
    let mut notes = vec![(m0.clone(), *k0, false)];
    for k in k0 + 1..idx.len() {
        let prev = notes.last().expect("one note").0.clone();
        if let Some((_, m)) = starts.iter().find(|(j, _)| *j == k) {
            if continues(m, Some(&prev), false) {
                notes.push((m.clone(), k, false));
            }
            continue;
        }
        let Some(want) = next_marker(&prev) else {
            continue;
        };
        if ends_terminal(lines[idx[k - 1]].trimmed())
            && weak_start(&lines[idx[k]].text, &want).is_some()
            && (k + 1 < idx.len() || !lines[idx[k]].trimmed().eq(&want_text(&want)))
        {
            notes.push((want, k, true));
        }
    }
    notes
}

/// A page's notes numbered out of their order, as where a document keeps
/// its author's labels ("2. A kettle …" above "1. The book …", referenced
/// in that order): every note start from the block's first down is a
/// number, together they are the next numbers of the series, each once,
/// and they are not in order (else `series` takes them). Their references
/// must still stand in the body in the notes' order (see `find_block`).
fn permuted(
    starts: &[(usize, Marker)],
    last: Option<&Marker>,
) -> Option<Vec<(Marker, usize, bool)>> {
    let nums = numbers(starts.iter().map(|s| &s.1))?;
    let lo = match last {
        Some(Marker::Number(p)) => p + 1,
        None => 1,
        Some(_) => return None,
    };
    let mut sorted = nums.clone();
    sorted.sort_unstable();
    let next_ones = sorted.iter().zip(lo..).all(|(&v, want)| v == want);
    let in_order = nums.windows(2).all(|w| w[0] < w[1]);
    (nums.len() >= 2 && next_ones && !in_order)
        .then(|| starts.iter().map(|(k, m)| (m.clone(), *k, false)).collect())
}

/// The values of markers that are all numbers.
fn numbers<'a>(markers: impl Iterator<Item = &'a Marker>) -> Option<Vec<u32>> {
    markers
        .map(|m| match m {
            Marker::Number(v) => Some(*v),
            _ => None,
        })
        .collect()
}

/// A marker as written.
fn want_text(m: &Marker) -> String {
    match m {
        Marker::Number(v) => v.to_string(),
        Marker::Symbol(s) => s.clone(),
        Marker::Letter(c) => c.to_string(),
    }
}

#[cfg(test)]
mod tests;
