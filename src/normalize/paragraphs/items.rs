//! Where a bulleted item ends: an item of several sentences runs on to the
//! next bullet, an item set on one line ends with its sentence, and a short
//! title-like line after an item heads what follows.

use super::super::lines::{ends_function_word, ends_hyphen, ends_terminal, is_bullet, Line};
use super::super::measure::Widths;
use super::{ends_dangling, heading_like, opens_sentence, Pair};

/// Whether the lines from the `k`-th non-blank one go on with the bulleted
/// item above them, sentences after its first ("• Tier 2 targets should
/// support cross-compiling." / "Tier 2 targets should not require …"): they
/// run, each next to the last, with none stopping short but the last, into
/// the next item's bullet, and none introduces it (a colon). Between two
/// items of one list stands no paragraph of the body; a paragraph after the
/// list is followed by space, a heading or more text, not a bullet at once.
pub(super) fn item_runs_to_bullet(
    lines: &[Line],
    nonblank: &[usize],
    widths: &Widths,
    k: usize,
) -> bool {
    const MOST: usize = 6;
    for j in k..nonblank.len().min(k + MOST) {
        let (i, l) = (nonblank[j], &lines[nonblank[j]]);
        let Some(&n) = nonblank.get(j + 1) else {
            return false;
        };
        let next = &lines[n];
        if is_bullet(l.trimmed()) || l.heading || l.apart {
            return false;
        }
        // Only a page break (its notes, folio and running head gone) may
        // part the item's last line from the next bullet.
        let turned = lines[i + 1..=n].iter().any(|l| l.page_break);
        if is_bullet(next.trimmed()) && (n == i + 1 || turned) {
            return !l.trimmed().ends_with(':');
        }
        if n != i + 1 || next.page_break {
            return false;
        }
        if widths.stopped_short(l.trimmed(), next.trimmed(), j) {
            return false;
        }
    }
    false
}

/// A heading after the last line of a bulleted item, which ends without a
/// stop as items do: a short line that can be a heading (in title or
/// sentence case: "Use an alternative linker"), followed by a line that
/// opens a sentence. The item's own lines go on in lower case or stop
/// at the measure.
pub(super) fn heading_after_item(p: &Pair) -> bool {
    p.a_bullet
        && !ends_dangling(p.a.trimmed())
        && !ends_function_word(p.a.trimmed())
        && !p.a.trimmed().ends_with([',', ';', '–', '—'])
        && heading_like(p.b.trimmed())
        && p.widths.fraction(p.k + 1) < 0.75
        && p.next.is_some_and(|n| {
            !n.page_break && opens_sentence(n.trimmed()) && !is_bullet(n.trimmed())
        })
}

/// The end of a bulleted item set on one line, before a line that opens a
/// sentence with a capitalised word ("• … is null-pointer-optimized." /
/// "We can implement …"): items are mostly a sentence each, so the
/// sentence that ended is the item. Without final punctuation the next
/// line must open with a word that only opens sentences ("In", "We"),
/// not a name that can go on the item ("… the standard" / "Rust license").
/// A line cut short (a comma, "of the", a hyphen) goes on.
pub(super) fn one_line_item_ends(p: &Pair) -> bool {
    let (at, bt) = (p.a.trimmed(), p.b.trimmed());
    let cut_short = ends_hyphen(at)
        || ends_dangling(at)
        || ends_function_word(at)
        || at.ends_with([',', ';', '–', '—', '(']);
    p.a_bullet
        && p.a_lines == 1
        && !cut_short
        && !is_bullet(bt)
        && capitalised_word(bt)
        && (ends_terminal(at) || opens_with_function_word(bt))
}

/// A line opening with a capitalised word ("Decompression", "We"), not a
/// name in capitals ("NDP") or a figure.
pub(super) fn capitalised_word(s: &str) -> bool {
    let mut first = s.split_whitespace().next().unwrap_or_default().chars();
    first.next().is_some_and(char::is_uppercase) && first.next().is_some_and(char::is_lowercase)
}

/// Whether a line opens with a word that opens sentences and is no name:
/// a pronoun, a conjunction or a preposition ("In this chapter", "We can").
pub(super) fn opens_with_function_word(s: &str) -> bool {
    const OPENERS: &[&str] = &[
        "in", "if", "for", "we", "you", "it", "this", "these", "there", "they", "when", "while",
        "where", "note", "as", "at", "by", "on", "with", "but", "so", "to", "see",
    ];
    let first = s.split_whitespace().next().unwrap_or_default();
    let word = first.trim_end_matches([',', ':', ';']).to_lowercase();
    OPENERS.contains(&word.as_str())
}
