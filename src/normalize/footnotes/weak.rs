//! A page's first note where its text opens in lower case ("1 corner
//! shop is …", a word from code): the shape of a body line that opens with
//! a count ("3 presses and a guillotine", "1. a treadle press" in a list),
//! so such a line opens a block of notes only with more evidence.

use super::super::footlines::{weak_start, wide};
use super::super::lines::{ends_terminal, Line};
use super::{note_start, series, Marker};

/// Lines that open with the note number the series asks for next (1
/// where no note was found yet) in the loose shape of
/// `weak_start`, its text in lower case ("1 corner shop is …", a word from
/// code as LaTeX sets it): candidates for a block's first note, which
/// `find_block` takes only with more evidence. Not the page's last line
/// when it is the marker alone.
pub(super) fn weak_firsts(
    lines: &[Line],
    idx: &[usize],
    starts: &[(usize, Marker)],
    last: Option<&Marker>,
) -> Vec<(usize, Marker)> {
    // Numbers only: a letter set apart before lower case is the article
    // or a name from code as often as a note's mark ("a", "f", "i").
    let want = match last {
        Some(Marker::Number(v)) => Marker::Number(v + 1),
        None => Marker::Number(1),
        Some(_) => return Vec::new(),
    };
    (1..idx.len())
        .filter(|&k| !starts.iter().any(|(j, _)| *j == k))
        .filter(|&k| {
            weak_start(&lines[idx[k]].text, &want)
                .is_some_and(|text| !text.is_empty() || k + 1 < idx.len())
        })
        .map(|k| (k, want.clone()))
        .collect()
}

/// Whether a line of the page's lines `below` opens with marker `m`, in
/// any shape a note's first line takes.
pub(super) fn opens_again(lines: &[Line], below: &[usize], m: &Marker) -> bool {
    below.iter().any(|&i| {
        note_start(&lines[i].text).is_some_and(|(n, _)| n == *m)
            || weak_start(&lines[i].text, m).is_some()
    })
}

/// Whether a note opening in lower case (`starts[0]`, one of `weak`) opens
/// its page's block of notes (`kept`, their references found): a note in
/// a strong shape below goes on with its series, or another note of the
/// block has its reference too, or it follows a sentence's end and its
/// lines are set as notes are (all but its last wider than the body's
/// `width`, or at the page's foot by the PDF's geometry). A body line that
/// opens with a count ("3 presses and a guillotine") and the lines of its
/// paragraph after it have none of these.
pub(super) fn weak_first_holds(
    lines: &[Line],
    idx: &[usize],
    (starts, weak): (&[(usize, Marker)], &[(usize, Marker)]),
    kept: &[(Marker, usize)],
    width: usize,
) -> bool {
    let k0 = starts.first().map_or(0, |s| s.0);
    let strong_below = series(lines, idx, starts)
        .iter()
        .skip(1)
        .any(|(_, k, w)| !w && !weak.iter().any(|(j, _)| j == k));
    // Every line of the note wider than the body's but its last, which
    // may be short (a body paragraph's lines are not all wider).
    let end = kept.get(1).map_or(idx.len(), |n| n.1);
    let own = &idx[k0..end.max(k0 + 1)];
    let set_as_note = own.iter().all(|&i| lines[i].foot)
        || own[..own.len().saturating_sub(1).max(1)]
            .iter()
            .all(|&i| wide(&lines[i], width));
    let after_sentence = k0 > 0 && ends_terminal(lines[idx[k0 - 1]].trimmed());
    strong_below || kept.len() >= 2 || (after_sentence && set_as_note)
}
