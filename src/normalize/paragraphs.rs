//! Paragraphs from lines: where a hard-wrapped text's paragraphs end, from
//! the evidence a reader uses. A line that stops short of the measure
//! where the next line's first word would have fitted ended early; a line
//! ending a sentence before a short title-like line opens a heading; a
//! bullet or the next marker of an enumeration starts an item; a run of
//! lines in capitals is one paragraph; blank lines part paragraphs only in
//! texts where they do, not where a PDF's page breaks left them.

use super::enumerate::{self, Sequence};
use super::lines::{
    ends_function_word, ends_hyphen, ends_terminal, introduces_speech, is_bullet, is_caps_leadin,
    label_named_under, names_next, starts_code_word, starts_lower, starts_upper, title_like,
    Layout, Line, Para, ParaKind,
};
use super::measure::Widths;
use items::{heading_after_item, item_runs_to_bullet, one_line_item_ends};
use kinds::mark_kinds;

mod items;
mod kinds;

/// Groups lines (blank lines kept, furniture already blanked) into paragraphs.
pub fn group(lines: &[Line], layout: Layout) -> Vec<Para> {
    let kinds = mark_kinds(lines, layout);
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].blank()).collect();
    let blank_parts = blank_lines_part_paragraphs(lines, &nonblank);
    let widths = Widths::new(lines, &nonblank);
    let mut enums = Sequence::default();
    let mut paras: Vec<Para> = Vec::new();
    let mut cur: Option<Para> = None;
    for (k, &i) in nonblank.iter().enumerate() {
        let b = &lines[i];
        let kind = kinds[i];
        // An enumeration item opens after the end of a sentence or a clause.
        let before = cur
            .as_ref()
            .and_then(|p| p.lines.last())
            .map(|l| l.trimmed())
            .unwrap_or("");
        let opening = before.is_empty() || ends_terminal(before) || before.ends_with([';', ':']);
        let item = kind == ParaKind::Prose
            && enumerate::marker(b.trimmed()).is_some()
            && enums.accept(b.trimmed(), opening);
        let join = match (&cur, layout) {
            (None, _) => false,
            // Lines a PDF sets larger than the body, one under the other
            // with no space between: one heading (a title wrapped), or one
            // pull quote.
            // (Two titles a contents page lists, each whole, are two
            // headings: a section's and its first subsection's.)
            (Some(p), _)
                if nonblank[k - 1] + 1 == i
                    && ((b.heading
                        && p.lines.iter().all(|l| l.heading)
                        && !(b.listed && p.lines.last().is_some_and(|l| l.listed)))
                        || (b.apart && p.lines.iter().all(|l| l.apart))) =>
            {
                true
            }
            _ if item => false,
            (Some(p), _) if p.kind != kind => false,
            (Some(p), _) if kind == ParaKind::Verse || kind == ParaKind::Fragments => {
                // Verse keeps blank-separated stanzas apart; fragments run
                // on, except after one that ends in a colon: it introduces
                // what follows ("In PowerShell, use:"), as a paragraph does.
                let a = p.lines.last().map(|l| l.trimmed()).unwrap_or_default();
                if kind == ParaKind::Fragments {
                    !a.ends_with(':')
                } else {
                    nonblank[k - 1] + 1 == i
                }
            }
            (Some(p), Layout::PerLine) => {
                let last = p.lines.last().expect("paragraphs are never empty");
                let a = last.trimmed();
                // A heading (set larger, or listed by a contents page) is
                // no line of the paragraph around it.
                last.heading == b.heading
                    && last.apart == b.apart
                    && !(last.listed && b.listed)
                    && (ends_hyphen(a)
                        || (!ends_terminal(a) && starts_lower(b.trimmed()))
                        || caps_runs_on(a, b.trimmed()))
                    && !is_bullet(b.trimmed())
            }
            (Some(p), Layout::Wrapped { .. }) => {
                let a = p.lines.last().expect("paragraphs are never empty");
                let gap = nonblank[k - 1] + 1 < i;
                let next = nonblank.get(k + 1).map(|&j| &lines[j]);
                let a_bullet = is_bullet(p.lines[0].trimmed());
                let at = Pair {
                    a,
                    b,
                    next,
                    k: k - 1,
                    a_lines: p.lines.len(),
                    a_bullet,
                    item_goes_on: a_bullet
                        && !widths.stopped_short(a.trimmed(), b.trimmed(), k - 1)
                        && item_runs_to_bullet(lines, &nonblank, &widths, k),
                    widths: &widths,
                };
                // Where blank lines do not part paragraphs, a page break is
                // no evidence either: read on as between two lines.
                if gap && !(b.page_break && !blank_parts) {
                    continues(&at)
                } else {
                    !breaks(&at)
                }
            }
        };
        if join {
            cur.as_mut()
                .expect("join implies a paragraph")
                .lines
                .push(b.clone());
        } else {
            paras.extend(cur.take());
            cur = Some(Para {
                kind,
                lines: vec![b.clone()],
            });
        }
    }
    paras.extend(cur);
    paras
}

/// Lines set one to a paragraph: a line in capitals that goes on into
/// another in capitals is a passage in capitals wrapped (a demand, a
/// warning), not two paragraphs. It goes on where it ends in a comma or a
/// word no sentence ends with, or holds too many words for a heading.
fn caps_runs_on(a: &str, b: &str) -> bool {
    is_caps_line(a)
        && is_caps_line(b)
        && !ends_terminal(a)
        && enumerate::marker(b).is_none()
        && (ends_function_word(a)
            || a.ends_with([',', ';', '–', '—'])
            || a.split_whitespace().count() >= 8)
}

/// Whether blank lines part the paragraphs of the text: text extracted from
/// a PDF page by page has blank lines only around page furniture.
fn blank_lines_part_paragraphs(lines: &[Line], nonblank: &[usize]) -> bool {
    let gaps = nonblank
        .windows(2)
        .filter(|w| w[0] + 1 < w[1] && !lines[w[1]].page_break)
        .count();
    gaps * 15 >= nonblank.len()
}

/// A line set in capitals (four letters or more, no lower case).
pub fn is_caps_line(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 4
}

/// Two lines in reading order, with what decides whether a paragraph ends
/// between them.
struct Pair<'a> {
    a: &'a Line,
    b: &'a Line,
    /// The line after `b`.
    next: Option<&'a Line>,
    /// `a`'s index among the non-blank lines.
    k: usize,
    /// Lines in `a`'s paragraph so far.
    a_lines: usize,
    /// Whether `a`'s paragraph is an item of a bulleted list.
    a_bullet: bool,
    /// Whether `b` goes on with that item ([`item_runs_to_bullet`]).
    item_goes_on: bool,
    widths: &'a Widths,
}

impl Pair<'_> {
    fn short(&self) -> bool {
        self.widths
            .stopped_short(self.a.trimmed(), self.b.trimmed(), self.k)
    }
}

/// Whether a line in capitals heads the mixed-case line after it: it does
/// not end a sentence or lead on (a function word, a comma, a hyphen), and
/// the next line opens a sentence with a capitalised word ("You", not
/// "NDP" or "times").
fn caps_heading_over(at: &str, bt: &str) -> bool {
    let mut first = bt.split_whitespace().next().unwrap_or_default().chars();
    let opens = first.next().is_some_and(char::is_uppercase)
        && first.next().is_some_and(char::is_lowercase);
    opens
        && !ends_terminal(at)
        && !ends_hyphen(at)
        && !ends_dangling(at)
        && !ends_function_word(at)
        && !at.ends_with([',', ';', ':', '–', '—'])
}

/// A line ending in a word no sentence or title ends with ("of the"):
/// the next line goes on with it.
fn ends_dangling(s: &str) -> bool {
    const DANGLING: &[&str] = &[
        "a", "an", "the", "of", "and", "or", "nor", "its", "their", "our", "my", "your",
    ];
    let last = s.split_whitespace().last().unwrap_or_default();
    DANGLING.contains(&last.to_lowercase().as_str())
}

/// Across blank lines: a paragraph cut by a page break continues.
fn continues(p: &Pair) -> bool {
    let (at, bt) = (p.a.trimmed(), p.b.trimmed());
    if p.a.heading || p.b.heading || p.a.apart || p.b.apart || p.a.ends {
        return false;
    }
    // A passage in capitals goes on across the page break as it does
    // between two lines ("… TO REPORT THE ANSWERS" / "TO THE JOINT …").
    if caps_runs_on(at, bt) {
        return true;
    }
    if (is_caps_leadin(bt) && !is_caps_line(at))
        || is_bullet(bt)
        || (p.a_lines == 1 && title_like(at))
    {
        return false;
    }
    if introduces_speech(at)
        || opens_section(p)
        || names_heading(p)
        || heading_under_line(p)
        || label_over_naming_line(p)
    {
        return false;
    }
    // The PDF's geometry: a full line of justified text before a page that
    // opens without an indent, in a text that marks paragraphs by indents.
    if p.a.runs_on {
        return true;
    }
    // A full line without final punctuation runs on, even into a capital
    // ("… teachers at Queen Victoria" / "Public School …"): the next word
    // did not fit, so the line was wrapped, not ended.
    let full = p.a_lines > 1 && !p.short();
    ends_hyphen(at)
        || (!ends_terminal(at)
            && (full
                || starts_lower(bt)
                || ends_function_word(at)
                || at.ends_with([',', '–', '—'])))
}

/// A line that can be a heading: a title-like line, or one in sentence
/// case ("Choosing what to read"): it opens with a capital, holds a few
/// words and ends without final punctuation, and not in a word that
/// leads on ("of", "the", a comma). Only its shortness and what comes
/// around it make it one.
fn heading_like(s: &str) -> bool {
    let t = s.trim();
    title_like(t)
        || (starts_upper(t)
            && (1..=12).contains(&t.split_whitespace().count())
            && !ends_terminal(t)
            && !ends_hyphen(t)
            && !ends_function_word(t)
            && !t.ends_with([',', ';', '–', '—', '-']))
}

/// Whether `b`, after blank lines, is a heading that opens a section: a
/// short title-like line followed at once (no blank line) by a line that
/// opens a sentence. The blank lines are the space set above a heading, so
/// the paragraph before ended there, even where its last line looks full
/// or ends without a stop (an item of a list, "in Appendix A."). Not
/// after a line that cannot end anything: a hyphen, a comma, "of the".
fn opens_section(p: &Pair) -> bool {
    let (at, bt) = (p.a.trimmed(), p.b.trimmed());
    let Some(next) = p.next else {
        return false;
    };
    let cut_short = ends_hyphen(at)
        || ends_dangling(at)
        || ends_function_word(at)
        || at.ends_with([',', ';', '–', '—']);
    !cut_short
        && heading_like(bt)
        && p.widths.fraction(p.k + 1) < 0.75
        && next.no == p.b.no + 1
        && !next.page_break
        && opens_sentence(next.trimmed())
}

/// A line that can open a sentence: a capital, a figure, or a name from
/// code (`core::mem::forget can be used …`).
fn opens_sentence(s: &str) -> bool {
    starts_upper(s) || starts_code_word(s)
}

/// A heading that is a name from code (`cargo::warning=MESSAGE`,
/// `repr(transparent)`): one word without final punctuation, opening with
/// a code word, between the end of a sentence and a line that opens one.
fn code_heading(p: &Pair) -> bool {
    ends_terminal(p.a.trimmed())
        && code_name_line(p.b.trimmed())
        && p.next.is_some_and(|n| opens_sentence(n.trimmed()))
}

/// A line of one name heading the sentence after it, which names it
/// ("lto" / "The lto setting controls …"), after a line that can end a
/// paragraph (not a hyphen, a comma, "of the").
fn names_heading(p: &Pair) -> bool {
    let at = p.a.trimmed();
    let cut_short = ends_hyphen(at)
        || ends_dangling(at)
        || ends_function_word(at)
        || at.ends_with([',', ';', '–', '—']);
    !cut_short
        && p.next
            .is_some_and(|n| n.no == p.b.no + 1 && names_next(at, p.b.trimmed(), n.trimmed()))
}

/// A heading, in any case, under a paragraph of one short line: the
/// paragraph `a` is one line that stopped short of the measure and leads
/// on to nothing (a list of names after "See also:", a title), and `b` is
/// a short label of a few words ("for and range", "Nesting and labels")
/// over the body text that opens a sentence right under it. `a` ended
/// there, and `b` heads what follows ("… and the RFC" / "Nesting and
/// labels" / "It's possible to …").
fn heading_under_line(p: &Pair) -> bool {
    let (at, bt) = (p.a.trimmed(), p.b.trimmed());
    let Some(next) = p.next else {
        return false;
    };
    p.a_lines == 1
        && !cut_short(at)
        && p.short()
        && label_line(bt)
        && p.widths.fraction(p.k + 1) < 0.6
        && next.no == p.b.no + 1
        && !next.page_break
        && opens_sentence(next.trimmed())
        && (ends_terminal(next.trimmed()) || p.widths.fraction(p.k + 2) >= 0.5)
}

/// A label of a few words that opens a paragraph and stops well short of
/// the measure ("See also", "C-like") over a line in lower case: the
/// label ended there, and the line under it (a list of names, a sentence
/// opening on a name from code) is a paragraph of its own. A heading or a
/// title wrapped over two lines fills a third of its measure or more
/// before it wraps ("The members and exclude" / "fields"), and a drop
/// capital is one letter.
fn label_over_lower(p: &Pair) -> bool {
    let (at, bt) = (p.a.trimmed(), p.b.trimmed());
    p.a_lines == 1
        && heading_like(at)
        && at.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && starts_lower(bt)
        && p.short()
        && p.widths.fraction(p.k) * 3.0 < 1.0
}

/// A label that the line right under it repeats ([`label_named_under`]:
/// "while let" / "Similar to if let, while let can …") heads that line:
/// the paragraph before ended at the label, after the end of a sentence
/// or a line that stopped short and leads on to nothing. The line under
/// it fills half the measure or more, as body text does.
fn label_over_naming_line(p: &Pair) -> bool {
    let (at, bt) = (p.a.trimmed(), p.b.trimmed());
    let Some(next) = p.next else {
        return false;
    };
    next.no == p.b.no + 1
        && !next.page_break
        && p.widths.fraction(p.k + 2) >= 0.5
        && (ends_terminal(at) || (!cut_short(at) && p.short()))
        && label_named_under(at, bt, next.trimmed())
}

/// The line under such a label, a paragraph of that one line, opens a
/// paragraph of its own.
fn naming_line_under_label(p: &Pair) -> bool {
    p.a_lines == 1
        && p.widths.fraction(p.k + 1) >= 0.5
        && label_named_under("", p.a.trimmed(), p.b.trimmed())
}

/// A line that cannot end a paragraph: it ends in a hyphen, a comma, a
/// word that leads on ("of the", "and").
fn cut_short(at: &str) -> bool {
    ends_hyphen(at)
        || ends_dangling(at)
        || ends_function_word(at)
        || at.ends_with([',', ';', '–', '—'])
}

/// A short label line: one to six words, no final punctuation, nothing
/// that leads on (a colon, a comma, a hyphen, "of").
fn label_line(s: &str) -> bool {
    (1..=6).contains(&s.split_whitespace().count())
        && !ends_terminal(s)
        && !cut_short(s)
        && !s.ends_with([':', '-'])
        && !is_bullet(s)
}

/// A line that is one name from code and nothing else (`repr(align(n))`).
fn code_name_line(s: &str) -> bool {
    s.split_whitespace().count() == 1
        && starts_code_word(s)
        && !ends_terminal(s)
        && !s.ends_with([',', ';'])
}

/// Between adjacent lines: evidence that a paragraph ended after `a`.
fn breaks(p: &Pair) -> bool {
    let (at, bt) = (p.a.trimmed(), p.b.trimmed());
    // Two titles a contents page lists are two headings.
    if p.a.heading != p.b.heading || p.a.apart != p.b.apart || (p.a.listed && p.b.listed) {
        return true;
    }
    // The PDF's geometry shows the line ending its paragraph (stopping short
    // where the next word would have fitted, or before a paragraph's gap).
    if is_bullet(bt) || p.a.ends {
        return true;
    }
    if p.item_goes_on && !ends_hyphen(at) {
        return false;
    }
    // The PDF's geometry shows the line full and the next one not starting
    // a paragraph: what the text's measure can only estimate.
    if ends_hyphen(at) || ends_dangling(at) || p.a.runs_on {
        return false;
    }
    let short = p.short();
    // Capitals are wider than lower case, so a line in capitals holds fewer
    // letters than the measure: inside a run of them, a sentence that goes
    // on goes on, however short its line looks.
    if is_caps_line(at) && is_caps_line(bt) && !ends_terminal(at) {
        return false;
    }
    // Inside a run of capitals a sentence can end on a full line: the
    // paragraph goes on unless the line stops clearly short of the next.
    // (Not after a heading in capitals: a passage's line holds more words.)
    if is_caps_line(at)
        && is_caps_line(bt)
        && at.split_whitespace().count() >= 6
        && at.chars().count() * 10 >= bt.chars().count() * 9
    {
        return false;
    }
    // A heading in capitals over its text ("6. A WORD TO THE WORKERS OF
    // THE REGION" / "You work for …"): a line in capitals that leads on to
    // nothing, then a sentence in mixed case. A lead-in in capitals runs on
    // into lower case ("… WE LIVE IN DANGEROUS" / "times.").
    if is_caps_line(at) && !is_caps_line(bt) && caps_heading_over(at, bt) {
        return true;
    }
    // A run of capital lines is one paragraph (or one heading): it breaks
    // from mixed-case text, and inside only where a line stopped short.
    if is_caps_line(bt) && !is_caps_line(at) && (is_caps_leadin(bt) || ends_terminal(at) || short) {
        return true;
    }
    // And the run ends where a sentence in capitals is followed by one that is not.
    if is_caps_line(at) && !is_caps_line(bt) && ends_terminal(at) && starts_upper(bt) {
        return true;
    }
    // A line that ends a sentence short of the measure ends its paragraph,
    // whatever comes next.
    // (Not after an abbreviation when the next line goes on in lower case:
    // "in the U.S." / "as well as".)
    let abbreviation = at
        .split_whitespace()
        .last()
        .is_some_and(|w| w.trim_end_matches('.').contains('.'));
    // Without final punctuation, the line must also be clearly shorter
    // than the next: lines of a narrow column beside a picture stop short
    // together.
    let shorter_than_next = p.widths.fraction(p.k) < 0.85 * p.widths.fraction(p.k + 1);
    let ends = if ends_terminal(at) {
        !(abbreviation && starts_lower(bt)) && !goes_on_in_lower_case(at, bt)
    } else {
        starts_upper(bt) && shorter_than_next
    };
    if short && ends {
        return true;
    }
    if code_heading(p)
        || names_heading(p)
        || heading_under_line(p)
        || label_over_lower(p)
        || label_over_naming_line(p)
        || naming_line_under_label(p)
    {
        return true;
    }
    // A one-line paragraph that can be a heading, before a line that
    // opens a sentence (with a code word too: `core::mem::forget can …`).
    let heading_before = p.a_lines == 1
        && (title_like(at) && p.widths.fraction(p.k) < 0.9
            || (heading_like(at) || code_name_line(at)) && p.widths.fraction(p.k) < 0.75);
    if !starts_upper(bt) {
        return heading_before && starts_code_word(bt);
    }
    if heading_before {
        return true;
    }
    if heading_after_item(p) || one_line_item_ends(p) {
        return true;
    }
    if !ends_terminal(at) {
        return false;
    }
    // A short title-like line after the end of a sentence, followed by a
    // line that opens a sentence: a heading.
    let heading = p.widths.fraction(p.k + 1) < 0.75
        && heading_like(bt)
        && p.next
            .is_some_and(|n| opens_sentence(n.trimmed()) || n.page_break);
    // A clause ending in a colon before a new sentence: a paragraph that
    // introduces what follows (a list, a quotation, an example). A full
    // line that falls short of the measure by the text's indent: the first
    // line of the next paragraph.
    heading
        || at.ends_with(':')
        || p.b.indented()
        || (p.next.is_some() && p.widths.indented(p.k + 1))
}

/// A clause that ends in a colon or a name ending in `!` (`panic!`) before
/// a line that goes on in lower case with an article or a conjunction
/// ("… three ways of filling the gap:" / "a decisions book, an annual
/// letter …"; "… it could call panic!" / "and crash the program"): the
/// sentence goes on. Not before another word ("This expression:" / "is a
/// block that …"): where an example was left out of the text, the next
/// paragraph may open on a verb or "which"; nor where the line reads as
/// code (`the --release flag`, `a = b;`).
fn goes_on_in_lower_case(at: &str, bt: &str) -> bool {
    const ON: &[&str] = &["a", "an", "the", "and", "or", "but", "nor", "then"];
    let first = bt.split_whitespace().next().unwrap_or_default();
    at.ends_with([':', '!'])
        && ON.contains(&first)
        && bt.split_whitespace().count() >= 3
        && !bt.contains(['{', '}', ';', '=', '$', '`'])
        && !bt.contains(" --")
}

#[cfg(test)]
mod tests;
