//! Which lines of a hard-wrapped text are verse or a run of fragments
//! (short lines broken up, not prose), and which short line instead heads
//! the body text set under it.

use super::super::enumerate;
use super::super::lines::{
    continues_sentence, ends_terminal, is_bullet, is_caps_leadin, starts_upper, Layout, Line,
    ParaKind,
};
use super::{cut_short, heading_like, label_line, opens_sentence};

/// Whether the short line `i` heads the body text set right under it (no
/// blank line between): a line that can be a heading ("Bounds", "New Type
/// Idiom", "if/else") before a line of at least half the measure that opens a
/// sentence. It is no fragment of a broken-up quote, and ends a run of
/// them ("See also:" / "RFC" / "Bounds" / "When working with …").
fn heads_body(lines: &[Line], i: usize, width: usize) -> bool {
    let Some(next) = lines.get(i + 1) else {
        return false;
    };
    // The line above, one under the other, must not lead on into it
    // ("— Ferguson Action Committee," / "2014").
    let led_on = i
        .checked_sub(1)
        .and_then(|j| lines.get(j))
        .is_some_and(|l| !l.blank() && cut_short(l.trimmed()));
    !next.blank()
        && !next.page_break
        && !led_on
        && lines[i].trimmed().chars().any(char::is_alphabetic)
        && (heading_like(lines[i].trimmed()) || label_line(lines[i].trimmed()))
        && !lines[i].trimmed().ends_with(':')
        && next.len() * 2 >= width
        && opens_sentence(next.trimmed())
}

/// Marks lines that belong to verse blocks or fragment runs.
pub(super) fn mark_kinds(lines: &[Line], layout: Layout) -> Vec<ParaKind> {
    let mut kinds = vec![ParaKind::Prose; lines.len()];
    let Layout::Wrapped { width } = layout else {
        return kinds;
    };
    // Fragment runs: three or more very short lines, blank lines allowed between.
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, kinds: &mut Vec<ParaKind>| {
        if run.len() >= 3 {
            for &i in run.iter() {
                kinds[i] = ParaKind::Fragments;
            }
        }
        run.clear();
    };
    let mut blanks = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.blank() {
            blanks += 1;
            if blanks > 3 {
                flush(&mut run, &mut kinds);
            }
            continue;
        }
        blanks = 0;
        // A line a PDF sets as a heading or apart is no fragment, and ends a run.
        if l.heading || l.apart {
            flush(&mut run, &mut kinds);
            continue;
        }
        // The short last line of a sentence that a full line left open
        // ("… check that Rust is in your PATH system variable" / "as
        // follows.") ends a paragraph; it opens no run of fragments.
        let completes = i > 0
            && lines[i - 1].len() * 100 >= width * 80
            && continues_sentence(&lines[i - 1].text, &l.text);
        if completes {
            flush(&mut run, &mut kinds);
        } else if l.len() <= 24 && !is_bullet(l.trimmed()) && !heads_body(lines, i, width) {
            run.push(i);
        } else {
            flush(&mut run, &mut kinds);
        }
    }
    flush(&mut run, &mut kinds);
    // Verse: a blank-separated block of 3+ shorter lines that mostly start with capitals.
    let mut start = 0;
    while start < lines.len() {
        if lines[start].blank() {
            start += 1;
            continue;
        }
        let end = (start..lines.len())
            .find(|&j| lines[j].blank())
            .unwrap_or(lines.len());
        let block = &lines[start..end];
        let n = block.len();
        if n >= 3 && kinds[start] == ParaKind::Prose {
            let short = block.iter().all(|l| l.len() * 100 < width * 85);
            let caps = block.iter().filter(|l| starts_upper(l.trimmed())).count();
            let open = block.iter().filter(|l| !ends_terminal(l.trimmed())).count();
            let listy = block.iter().any(|l| {
                is_bullet(l.trimmed())
                    || is_caps_leadin(l.trimmed())
                    || enumerate::marker(l.trimmed()).is_some()
            });
            // A title a PDF sets large over three lines is no verse.
            let set_large = block.iter().any(|l| l.heading || l.apart);
            // Lines that introduce what follows ("See also:", "For
            // example:") are a manual's labels, seldom a poem's lines.
            let colons = block.iter().filter(|l| l.trimmed().ends_with(':')).count();
            if short && caps * 4 >= n * 3 && open * 2 >= n && !listy && !set_large && colons * 5 < n
            {
                for k in kinds.iter_mut().take(end).skip(start) {
                    *k = ParaKind::Verse;
                }
            }
        }
        start = end;
    }
    kinds
}
