//! Which paragraphs are headings: the shape of a heading's text, a heading
//! the source set apart, a sentence set as a heading, numbered headings, a
//! title wrapped over two lines, and the entries under a label that are not.

use super::*;

pub(super) fn heading_text(text: &str, layout: Layout, next_leadin: bool) -> bool {
    let t = strip_markers(text);
    let t = t.trim();
    let n = words(t);
    if n == 0
        || n > 16
        || t.chars().count() > 110
        || !starts_upper(t)
        || t.contains(crate::normalize::inline::NOTE_START)
        || t.ends_with([',', ';', '-', '–', '—'])
    {
        return false;
    }
    if next_leadin {
        return true;
    }
    let ellipsis_title = t.ends_with('…') && n <= 4;
    match layout {
        Layout::PerLine => !ends_terminal(t) || ellipsis_title,
        Layout::Wrapped { .. } => title_like(t) || ellipsis_title,
    }
}

/// A paragraph a PDF sets as a heading: a heading whatever its words
/// ("opt-level", "Where the tools came from"), if it could be one: a few
/// words, not leading on (a comma, a dash).
pub(super) fn set_heading(it: &Item) -> bool {
    let t = strip_markers(&it.text);
    let t = t.trim();
    it.set_as_heading
        && it.kind == ParaKind::Prose
        && !it.bullet
        && (1..=16).contains(&words(t))
        && t.chars().count() <= 110
        && !t.ends_with([',', ';', '-', '–', '—'])
}

/// A heading in sentence case in wrapped text ("What went wrong", "The
/// economics of paper", "`repr(C)` and unions"): a paragraph of one short
/// line with no final punctuation, after a paragraph that ended a sentence
/// (or a heading, or at the start), before a paragraph of prose that opens
/// a sentence. Title case is not needed: what stands around it is the
/// evidence. A line that leads on ("of the", a comma, a colon) never is one.
/// A label in lower case ("while let") heads prose that repeats it.
pub(super) fn sentence_heading(text: &str, prev: Option<&Block>, next: Option<&Item>) -> bool {
    let t = strip_markers(text);
    let t = t.trim();
    let n = words(t);
    let ended = match prev {
        None | Some(Block::Heading { .. }) => true,
        Some(Block::Paragraph(run)) => ends_terminal(crate::document::plain_text(run).trim_end()),
        Some(_) => true,
    };
    let prose_after = next.is_some_and(|x| {
        let nt = strip_markers(&x.text);
        x.kind == ParaKind::Prose
            && !x.bullet
            && words(&nt) >= 12
            && words(&nt) > 2 * n
            && (starts_upper(&nt)
                || starts_code_word(&nt)
                || nt.starts_with(|c: char| c.is_ascii_digit())
                || label_named_under("", t, &nt))
    });
    (1..=12).contains(&n)
        && t.chars().count() <= 90
        && (starts_upper(t)
            || starts_code_word(t)
            || next.is_some_and(|x| {
                let nt = strip_markers(&x.text);
                names_next("", t, &nt) || label_named_under("", t, &nt)
            }))
        && !ends_terminal(t)
        && (!ends_function_word(t) || ends_stranded_preposition(t))
        && !t.ends_with([',', ';', ':', '-', '–', '—', '(', '/'])
        && !t.contains(crate::normalize::inline::NOTE_START)
        && !labelled_caption(t)
        && ended
        && prose_after
}

/// Whether a short paragraph is the first entry of what a label ending in
/// a colon introduces ("See also:" / "Iterator" / "if/else"), not a
/// heading: the paragraph before is a few words ending in a colon, and the
/// one after is again a few words without final punctuation. A heading
/// after such a label ("Example:", its example left out) stands over prose.
pub(super) fn listed_under_colon(prev: Option<&Block>, next: Option<&Item>) -> bool {
    let introduces = match prev {
        Some(Block::Paragraph(run)) => {
            let p = crate::document::plain_text(run);
            let p = p.trim();
            p.ends_with(':') && words(p) <= 6
        }
        _ => false,
    };
    introduces
        && next.is_some_and(|x| {
            let nt = strip_markers(&x.text);
            let nt = nt.trim();
            x.kind == ParaKind::Prose
                && !x.bullet
                && (1..=6).contains(&words(nt))
                && !ends_terminal(nt)
                && !nt.ends_with(':')
        })
}

/// A heading may end on a preposition its clause leaves at the end
/// ("Where the tools came from", "What we stand for"), not on an article,
/// a conjunction or "of", which always lead on.
pub(super) fn ends_stranded_preposition(t: &str) -> bool {
    const STRANDED: &[&str] = &["from", "for", "with", "to", "about", "on", "in", "at"];
    let words: Vec<&str> = t.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    // "came from", not "Tools for" (a phrase cut before its noun).
    words.len() >= 3 && STRANDED.contains(&last.as_str())
}

/// Whether `next` is the rest of a title set over two lines: after a
/// colon ("Functional Language Features:" / "Iterators and Closures"), or
/// a few words left over from a title that has its subtitle already
/// ("Against the Grain: Notes on Radical Print" / "Shops"). A subtitle of
/// its own stands under a title without a colon, or is as long as one.
pub(super) fn wrapped_title(title: &str, next: &str) -> bool {
    let short = |s: &str| words(s) <= 12 && s.chars().count() <= 90;
    let rest = !next.is_empty()
        && short(next)
        && title_like(next)
        && !ends_terminal(next)
        && byline(next).is_none();
    let after_colon =
        title.ends_with(':') && short(title) && title_like(title.trim_end_matches(':'));
    let left_over = title.contains(": ")
        && !ends_terminal(title)
        && words(next) <= 3
        && next.chars().count() * 3 <= title.chars().count();
    rest && (after_colon || left_over)
}

/// A caption that names its picture or table: "Figure 4-4 The stack",
/// "Table 2: Fares by route".
pub(super) fn labelled_caption(t: &str) -> bool {
    let mut w = t.split_whitespace();
    let label = w.next().unwrap_or_default().trim_end_matches('.');
    [
        "Figure",
        "Fig",
        "Table",
        "Listing",
        "Plate",
        "Map",
        "Photo",
        "Illustration",
    ]
    .contains(&label)
        && w.next()
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
}

/// Indices of numbered section titles: "1. …" to "N. …", short, each followed by prose.
pub(super) fn numbered_headings(items: &[Item]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut expected = 1;
    for (i, it) in items.iter().enumerate() {
        let Some((n, rest)) = numbered(&it.text) else {
            continue;
        };
        let next_numbered = items
            .get(i + 1)
            .is_some_and(|x| numbered(&x.text).is_some());
        // A short numbered sentence ("3. Our demands.") heads the prose
        // after it as well as a title without a stop does.
        let short_sentence =
            words(rest) <= 8 && rest.ends_with('.') && !rest.trim_end_matches('.').contains(". ");
        if n == expected
            && words(rest) <= 16
            && (!ends_terminal(rest) || rest.ends_with('?') || short_sentence)
            && !next_numbered
        {
            found.push(i);
            expected += 1;
        }
    }
    if found.len() >= 3 {
        found
    } else {
        Vec::new()
    }
}
