//! Which lines at a page's foot belong to a note beside its marker line: a
//! marker an extractor set on a line of its own (before its note or after
//! it), and the lines of a note that runs over to the next page's foot.
//! Notes set smaller than the body have longer lines; that width is the
//! evidence where no blank line sets a note off.

use super::footnotes::{note_start, FootNote, Marker, DOUBLE_BAR, SYMBOLS};
use super::lines::{ends_terminal, starts_lower, Line};

/// A line that holds only a note marker: an extractor puts a raised marker
/// on a line of its own, before its note's text or after it.
fn lone_marker(s: &str) -> Option<&str> {
    let t = s.trim();
    let number =
        (1..=3).contains(&t.len()) && !t.starts_with('0') && t.chars().all(|c| c.is_ascii_digit());
    let first = t.chars().next()?;
    let symbols =
        (SYMBOLS.contains(&first) && t.chars().count() <= 3 && t.chars().all(|c| c == first))
            || t == DOUBLE_BAR;
    // A letter alone ("a"): only ever taken where it opens a note.
    let letter = t.len() == 1 && first.is_ascii_lowercase();
    (number || symbols || letter).then_some(t)
}

/// The marker that follows `m` in its series, where the series is plain:
/// the next number or the next letter (symbols repeat and double, so a
/// missing one is not guessed).
pub(super) fn next_marker(m: &Marker) -> Option<Marker> {
    match m {
        Marker::Number(v) => Some(Marker::Number(v + 1)),
        Marker::Letter(c) if *c < 'z' => char::from_u32(*c as u32 + 1).map(Marker::Letter),
        _ => None,
    }
}

/// The text of a note that opens with marker `m` in a shape too loose to
/// tell a note by itself: its text opens in lower case, glued to a letter
/// or set apart ("ba television, that is", "b a television", "2. a
/// television"), or a letter set apart before a quotation mark (`f "Soon
/// after"`). Taken only where the series of the notes around it asks for
/// `m` (see `find_block`). A letter or a number alone on its line ("b",
/// "4", its note's text on the next line, which may open in lower case
/// with a word from code: "4" / "guillotine is also …") gives an empty
/// text.
pub(super) fn weak_start<'a>(s: &'a str, m: &Marker) -> Option<&'a str> {
    let t = s.trim_start();
    if matches!(m, Marker::Letter(l) if t.trim_end().len() == 1 && t.starts_with(*l)) {
        return Some("");
    }
    if matches!(m, Marker::Number(v) if t.trim_end() == v.to_string()) {
        return Some("");
    }
    let rest = match m {
        Marker::Letter(l) => {
            let rest = t.strip_prefix(*l)?;
            let glued = rest.starts_with(|c: char| c.is_lowercase());
            if glued {
                rest
            } else {
                rest.strip_prefix(' ')?.trim_start()
            }
        }
        Marker::Number(v) => {
            let rest = t.strip_prefix(&v.to_string())?;
            let rest = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(' '))?;
            let rest = rest.trim_start();
            rest.starts_with(|c: char| c.is_lowercase())
                .then_some(rest)?
        }
        Marker::Symbol(_) => return None,
    };
    rest.starts_with(|c: char| c.is_alphabetic() || "“\"‘(".contains(c))
        .then_some(rest)
}

/// Sets each lone marker of a page on its note's first line: the next line
/// when one follows on the page, else (a marker left after its note, at the
/// page's end) the first line after the blank line above it, or, with no
/// blank line, the first of the lines above it that are wider than the
/// body's `body_width` (a note set smaller). Markers without such a line
/// are left where they are.
///
/// With neither, the body's own sentence can set the note off: when the
/// next page's text (`next_first`) starts in lower case, the body's last
/// sentence runs on across the note, so the note is the last run of lines
/// above the marker that starts as a sentence right after a line that ends
/// mid-sentence, and ends as a sentence.
pub(super) fn attach_lone_markers(page: &mut [Line], body_width: usize, next_first: Option<&str>) {
    attach_marker_run(page, body_width);
    let ks: Vec<usize> = (0..page.len()).filter(|&i| !page[i].blank()).collect();
    for (p, &k) in ks.iter().enumerate() {
        let Some(m) = lone_marker(&page[k].text).map(str::to_string) else {
            continue;
        };
        let target = match ks.get(p + 1) {
            Some(&n) => (lone_marker(&page[n].text).is_none()
                && note_start(&page[n].text).is_none())
            .then_some(n),
            None => {
                // The note's text is the paragraph just above the marker,
                // set off from the body by a blank line.
                let mut s = k;
                while s > 0 && !page[s - 1].blank() {
                    s -= 1;
                }
                let body_above = ks.first().is_some_and(|&f| f < s);
                between_notes(page, &ks[..p], &m, body_width)
                    .or_else(|| wide_note_above(page, &ks[..p], body_width))
                    .or_else(|| {
                        next_first
                            .filter(|t| starts_lower(t))
                            .and_then(|_| note_across_sentence(page, &ks[..p]))
                    })
                    .or_else(|| (s < k && k - s <= MAX_NOTE_LINES && body_above).then_some(s))
            }
        };
        if let Some(t) = target {
            let text = format!("{m} {}", page[t].trimmed());
            if note_start(&text).is_some() {
                page[t].text = text;
                page[k].text.clear();
            }
        }
    }
}

/// Two or more lone markers that end a page, each the next of its series
/// ("*" "†", "a" "b"), left there by an extractor after the notes they
/// open: the notes are the paragraph above them, set off from the body by
/// a blank line or by the width of lines set smaller, and each opens a
/// sentence after a line that ends one. Taken only where the paragraph
/// has as many such openings as there are markers (of several, those
/// after a line short of the notes' measure).
fn attach_marker_run(page: &mut [Line], body_width: usize) {
    let ks: Vec<usize> = (0..page.len()).filter(|&i| !page[i].blank()).collect();
    let run = ks
        .iter()
        .rev()
        .take_while(|&&i| lone_marker(&page[i].text).is_some())
        .count();
    if run < 2 || run >= ks.len() {
        return;
    }
    let first_marker = ks.len() - run;
    let marks: Vec<String> = ks[first_marker..]
        .iter()
        .map(|&i| page[i].trimmed().to_string())
        .collect();
    if !marks.windows(2).all(|w| follows(&w[0], &w[1])) {
        return;
    }
    let above = &ks[..first_marker];
    // The notes' first line: after the last blank line above the markers,
    // else where the lines set smaller begin.
    let gap = (1..above.len())
        .rev()
        .find(|&k| above[k] > above[k - 1] + 1);
    let start = match gap {
        Some(k) => k,
        None => {
            let Some(s) = wide_note_above(page, above, body_width) else {
                return;
            };
            above.iter().position(|&i| i == s).unwrap_or(0)
        }
    };
    if start == 0
        || above.len() - start > MAX_NOTE_LINES * run
        || !opens_sentence(&page[above[start]])
    {
        return;
    }
    let widest = above[start..]
        .iter()
        .map(|&i| page[i].len())
        .max()
        .unwrap_or(0)
        .max(body_width);
    let opens: Vec<usize> = (start + 1..above.len())
        .filter(|&k| ends_terminal(page[above[k - 1]].trimmed()) && opens_sentence(&page[above[k]]))
        .collect();
    let chosen: Vec<usize> = if opens.len() + 1 == run {
        opens
    } else {
        let short: Vec<usize> = opens
            .into_iter()
            .filter(|&k| page[above[k - 1]].len() * 10 < widest * 9)
            .collect();
        if short.len() + 1 != run {
            return;
        }
        short
    };
    let targets = std::iter::once(start).chain(chosen);
    let texts: Vec<String> = targets
        .clone()
        .zip(&marks)
        .map(|(k, m)| format!("{m} {}", page[above[k]].trimmed()))
        .collect();
    if texts.iter().any(|t| note_start(t).is_none()) {
        return;
    }
    for (k, text) in targets.zip(texts) {
        page[above[k]].text = text;
    }
    for &i in &ks[first_marker..] {
        page[i].text.clear();
    }
}

/// Whether lone marker `b` is the one after `a` in its series.
fn follows(a: &str, b: &str) -> bool {
    as_marker(a).is_some_and(|a| next_in_series(&a) == as_marker(b))
}

/// The first line of the note that ends the lines `above` (non-blank line
/// indices) where the body's sentence is cut by it: the last line that
/// starts as a sentence after a line that does not end one, with the
/// note's last line ending a sentence.
fn note_across_sentence(page: &[Line], above: &[usize]) -> Option<usize> {
    let last = above.len().checked_sub(1)?;
    if !ends_terminal(page[above[last]].trimmed()) {
        return None;
    }
    (1..=last)
        .rev()
        .take(MAX_NOTE_LINES)
        .find(|&k| {
            let (prev, line) = (page[above[k - 1]].trimmed(), page[above[k]].trimmed());
            let first = line.chars().next().unwrap_or(' ');
            (first.is_uppercase() || "“\"‘(".contains(first)) && !ends_terminal(prev)
        })
        .map(|k| above[k])
}

/// The first line of note `m` when its marker was left after the page's
/// notes, out of its place: the notes numbered one below and one above it
/// are both above the marker, and the lower one's lines hold a second
/// note: a line that opens a sentence after one that ends a sentence
/// short of the note's measure ("Two weeks for members …, away." /
/// "Power tools are anything …" / "11 About half …" … / "10").
///
/// Letters and single symbols alike ("a" … "c" above "b"). Where no line
/// before the note's start is short of the measure (the lower note's one
/// line nearly fills it), the one line there that opens a sentence after
/// one that ends a sentence is taken.
fn between_notes(page: &[Line], above: &[usize], m: &str, body_width: usize) -> Option<usize> {
    let (below, over) = neighbours(m)?;
    let at = |n: &Marker| {
        above
            .iter()
            .position(|&i| note_start(&page[i].text).is_some_and(|(x, _)| x == *n))
    };
    let (a, b) = (at(&below)?, at(&over)?);
    if b < a + 2 {
        return None;
    }
    // The note's measure: its widest line on the page, or the body's.
    let widest = above[a..]
        .iter()
        .map(|&i| page[i].len())
        .max()?
        .max(body_width);
    let opens: Vec<usize> = (a + 1..b)
        .filter(|&k| ends_terminal(page[above[k - 1]].trimmed()) && opens_sentence(&page[above[k]]))
        .collect();
    opens
        .iter()
        .find(|&&k| page[above[k - 1]].len() * 10 < widest * 9)
        .or_else(|| (opens.len() == 1).then(|| &opens[0]))
        .map(|&k| above[k])
}

/// Whether a line opens a sentence as a note's text does: a capital, a
/// quotation mark or bracket, or a number used as a word ("1984 is …").
fn opens_sentence(line: &Line) -> bool {
    let t = line.trimmed();
    let first = t.chars().next().unwrap_or(' ');
    first.is_uppercase()
        || "“\"‘(".contains(first)
        || (first.is_ascii_digit()
            && t.split_whitespace()
                .nth(1)
                .is_some_and(|w| w.starts_with(char::is_lowercase)))
}

/// The marker a lone marker's text stands for ("3", "b", "†").
fn as_marker(m: &str) -> Option<Marker> {
    if let Ok(v) = m.parse::<u32>() {
        return Some(Marker::Number(v));
    }
    let mut cs = m.chars();
    let (c, more) = (cs.next()?, cs.next().is_some());
    if more {
        return None;
    }
    if c.is_ascii_lowercase() {
        return Some(Marker::Letter(c));
    }
    SYMBOLS.contains(&c).then(|| Marker::Symbol(c.to_string()))
}

/// The marker after `m` in its series: numbers and letters by one, single
/// symbols by their order (`*`, `†`, …).
fn next_in_series(m: &Marker) -> Option<Marker> {
    match m {
        Marker::Symbol(s) => {
            let k = SYMBOLS
                .iter()
                .position(|x| s.chars().eq(std::iter::once(*x)))?;
            SYMBOLS.get(k + 1).map(|x| Marker::Symbol(x.to_string()))
        }
        _ => next_marker(m).filter(|n| !matches!(n, Marker::Letter(c) if !c.is_ascii_lowercase())),
    }
}

/// The markers one below and one above the lone marker `m` in its series.
fn neighbours(m: &str) -> Option<(Marker, Marker)> {
    let this = as_marker(m)?;
    let over = next_in_series(&this)?;
    let below = match &this {
        Marker::Number(v) => Marker::Number(v.checked_sub(1)?),
        Marker::Letter(c) => {
            Marker::Letter(char::from_u32(*c as u32 - 1).filter(char::is_ascii_lowercase)?)
        }
        Marker::Symbol(s) => {
            let k = SYMBOLS
                .iter()
                .position(|x| s.chars().eq(std::iter::once(*x)))?;
            Marker::Symbol(SYMBOLS.get(k.checked_sub(1)?)?.to_string())
        }
    };
    Some((below, over))
}

/// The measure each line was set to, for telling two lines an extractor
/// joined from one line set smaller: `width` (the body's), but for a run
/// of three lines or more (no blank line between) each wider than the
/// body's by a tenth, where the run's middle line is at most half as wide
/// again (lines set smaller, not joined ones): that line's width.
pub(super) fn local_measures(lines: &[Line], width: usize) -> Vec<usize> {
    let mut out = vec![width; lines.len()];
    let long = |l: &Line| !l.blank() && l.len() * 10 > width * 11;
    let mut i = 0;
    while i < lines.len() {
        if !long(&lines[i]) {
            i += 1;
            continue;
        }
        let end = (i..lines.len())
            .find(|&k| !long(&lines[k]))
            .unwrap_or(lines.len());
        if end - i >= 3 {
            let mut lens: Vec<usize> = lines[i..end].iter().map(Line::len).collect();
            lens.sort_unstable();
            let middle = lens[lens.len() / 2];
            if middle * 2 <= width * 3 {
                out[i..end].iter_mut().for_each(|m| *m = middle);
            }
        } else if short_note(&lines[i..end], width) {
            let widest = lines[i..end].iter().map(Line::len).max().unwrap_or(width);
            out[i..end].iter_mut().for_each(|m| *m = widest);
        }
        i = end;
    }
    out
}

/// A note of one or two lines set smaller ("†Rustup makes it easy …" /
/// "basis. By default, …"): its first line opens with a note's marker and
/// no line is wider than seven fifths of the body's `width` (two lines an
/// extractor joined are about twice as wide).
fn short_note(run: &[Line], width: usize) -> bool {
    run.first().is_some_and(|l| note_start(&l.text).is_some())
        && run.iter().all(|l| l.len() * 5 <= width * 7)
}

/// Whether a line is wider than the body's lines: set smaller, as notes are.
pub(super) fn wide(line: &Line, body_width: usize) -> bool {
    line.len() * 100 > body_width * 104
}

/// The first line of a note that ends the page's lines `above` (non-blank
/// line indices), told from the body by its width: its last line may be
/// short, every line before it is wide, the body line above it is not,
/// and it starts as a sentence does.
fn wide_note_above(page: &[Line], above: &[usize], body_width: usize) -> Option<usize> {
    let last = above.len().checked_sub(1)?;
    let mut start = last;
    let gap = |k: usize| above[k] > above[k - 1] + 1;
    while start > 0 && !gap(start) && wide(&page[above[start - 1]], body_width) {
        start -= 1;
    }
    let any_wide = above[start..].iter().any(|&i| wide(&page[i], body_width));
    let first = page[above[start]].trimmed().chars().next()?;
    let sentence = first.is_uppercase() || "“\"‘(".contains(first);
    (start > 0 && any_wide && sentence && last + 1 - start <= MAX_NOTE_LINES)
        .then_some(above[start])
}

/// Most lines of a note's text above a marker left after it.
const MAX_NOTE_LINES: usize = 12;

/// The lines of text but those a PDF's geometry shows as notes.
fn body_lines(lines: &[Line]) -> impl Iterator<Item = &Line> {
    lines.iter().filter(|l| !l.blank() && !l.foot)
}

/// The typical length of a body line: the median line, as most lines of a
/// page are full lines of the body.
pub(super) fn typical_width(lines: &[Line]) -> usize {
    let mut lens: Vec<usize> = body_lines(lines).map(Line::len).collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens[lens.len() / 2]
}

/// The typical length of a full line of the body: the median of the lines
/// at least three quarters as long as the 90th-percentile line, so that the
/// short lines (paragraph ends, headings, folios) do not pull it down.
pub(super) fn full_width(lines: &[Line]) -> usize {
    let mut lens: Vec<usize> = body_lines(lines).map(Line::len).collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    let p90 = lens[lens.len() * 9 / 10];
    let full: Vec<usize> = lens.into_iter().filter(|&n| n * 4 >= p90 * 3).collect();
    full[full.len() / 2]
}

/// A note left unfinished at the foot of one page goes on at the foot of the
/// next, above that page's own notes (`end`), below the lines that hold
/// their references (`floor`; both indices into `idx`). Notes set smaller than the
/// body have longer lines: the run of such lines up from there, with the
/// note's last line, continues the note. Notes set like the body give no
/// such evidence and are left alone, but where a PDF's geometry shows
/// which lines are notes.
pub(super) fn run_over(
    lines: &mut [Line],
    idx: &[usize],
    (floor, end): (usize, usize),
    note: &mut FootNote,
    body_width: usize,
) {
    // A PDF's geometry shows the notes set smaller: the note goes on in
    // the page's first lines of notes, above its own notes.
    if idx.iter().any(|&i| lines[i].foot) {
        let Some(start) = (floor..end).find(|&k| lines[idx[k]].foot) else {
            return;
        };
        let run = idx[start..end]
            .iter()
            .take_while(|&&i| lines[i].foot)
            .count();
        for &i in &idx[start..start + run] {
            note.lines.push(lines[i].clone());
            lines[i].text.clear();
        }
        return;
    }
    let long = |i: usize| lines[idx[i]].len() * 100 > body_width * 104;
    let note_width = note.lines.iter().map(Line::len).max().unwrap_or(0);
    if end < 2 || note_width * 100 < body_width * 106 {
        return;
    }
    // The last line of the note may be short; every line above it is long.
    // A blank line between two lines sets the note off from the body above.
    let gap = |i: usize| (idx[i - 1] + 1..idx[i]).any(|k| lines[k].blank());
    if end <= floor {
        return;
    }
    let mut start = end - 1;
    while start > floor && long(start - 1) && !gap(start) {
        start -= 1;
    }
    if !(start..end).any(long) {
        // No long line: the note's last line alone, when it cannot be the
        // body's (see `tail_line`).
        if tail_line(lines, idx, end) {
            let i = idx[end - 1];
            note.lines.push(lines[i].clone());
            lines[i].text.clear();
        }
        return;
    }
    let lens: Vec<usize> = idx[start..end].iter().map(|&i| lines[i].len()).collect();
    // A run set off from the body by a blank line is the note's from its
    // top, whatever its widths; else the body's long lines may lead it.
    let set_off = start > floor && gap(start);
    let top = start;
    let mut start = start + width_step(&lens, !set_off);
    // Lines above the step as wide as the note's own lines on the page
    // before are the note's too: a step in a note's text where a word was
    // cut, not the seam between the body and the note.
    while start > top && lines[idx[start - 1]].len() >= note_width {
        start -= 1;
    }
    for &i in &idx[start..end] {
        note.lines.push(lines[i].clone());
        lines[i].text.clear();
    }
}

/// Whether the line right above a page's own notes (`idx[end - 1]`) is the
/// last line of a note run over from the page before: it opens in lower
/// case, so it goes on with a sentence, but the body line above it ends
/// one, or a blank line sets it off from the body (an item of a list ends
/// without a stop), so it is not the body's; and it ends a sentence, as
/// the note does.
fn tail_line(lines: &[Line], idx: &[usize], end: usize) -> bool {
    if end < 2 || end > idx.len() {
        return false;
    }
    let (above, line) = (lines[idx[end - 2]].trimmed(), lines[idx[end - 1]].trimmed());
    let set_off = (idx[end - 2] + 1..idx[end - 1]).any(|k| lines[k].blank());
    starts_lower(line) && ends_terminal(line) && (ends_terminal(above) || set_off)
}

/// Where a note's lines begin among the long lines that end a page
/// (`lens`, their lengths, the note's last line last): body lines of a
/// text whose line lengths vary (code, long words) can be long too, so
/// where a step up in width sets off at least two lines at the end, every
/// one (but the note's last, which may be short) longer than every line
/// above it, the note starts at the first such step; else, `by_mean`, where
/// the lines' mean width steps up (`mean_step`); else at the top.
fn width_step(lens: &[usize], by_mean: bool) -> usize {
    let n = lens.len();
    if n < 4 {
        return 0;
    }
    (1..n - 2)
        .find(|&s| {
            let below = lens[s..n - 1].iter().min().copied().unwrap_or(0);
            let above = lens[..s].iter().max().copied().unwrap_or(0);
            below * 100 > above * 104
        })
        .or_else(|| by_mean.then(|| mean_step(lens)).flatten())
        .unwrap_or(0)
}

/// Where no line of the note is longer than every body line above it
/// (the body's lines vary, two lines an extractor joined are twice as
/// long): the place with at least two of the note's lines below it besides
/// its last where the lines below are on average clearly longer (by 6 per
/// cent) than those above, and each longer than their average; of
/// several, the largest step. Joined lines (half as long again as the
/// run's middle line) are left out.
fn mean_step(lens: &[usize]) -> Option<usize> {
    let n = lens.len();
    let mut sorted = lens.to_vec();
    sorted.sort_unstable();
    let middle = sorted[n / 2];
    let single = |part: &[usize]| -> Vec<usize> {
        part.iter()
            .copied()
            .filter(|&l| l * 2 <= middle * 3)
            .collect()
    };
    let mean = |part: &[usize]| {
        let single = single(part);
        (!single.is_empty()).then(|| single.iter().sum::<usize>() as f64 / single.len() as f64)
    };
    (1..n - 2)
        .filter_map(|s| {
            let (above, below) = (mean(&lens[..s])?, mean(&lens[s..n - 1])?);
            let shortest = single(&lens[s..n - 1]).into_iter().min()? as f64;
            (below > above * 1.06 && shortest > above).then_some((s, below - above))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(s, _)| s)
}

#[cfg(test)]
mod tests;
