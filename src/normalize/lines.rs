//! Line structure: tell hard-wrapped text from one-paragraph-per-line pastes,
//! and group lines into paragraphs from the evidence a human reader uses.

/// One source line (trailing whitespace removed; leading spaces kept).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based line number in the source file.
    pub no: usize,
    pub text: String,
    /// A page break (a form feed, a page number or a running head, since
    /// removed) comes just before this line.
    pub page_break: bool,
    /// The source's geometry (a PDF's) shows this line reaching the measure
    /// with the next line going on with its paragraph.
    pub runs_on: bool,
    /// The source's geometry shows this line ending its paragraph: it stops
    /// short of the measure where the next line's first word would have
    /// fitted, or the gap set between paragraphs follows it.
    pub ends: bool,
    /// The source's geometry shows this line set larger than the body: a
    /// heading, a paragraph of its own (with the heading lines next to it).
    pub heading: bool,
    /// A contents page lists this line, whole, as an entry's title: a
    /// section's heading (set as one with `heading`).
    pub listed: bool,
    /// The source's geometry shows this line set larger than the body but
    /// no heading (a pull quote): a paragraph of its own.
    pub apart: bool,
    /// The source's geometry shows this line at a page's edge, apart from
    /// the text: a running head or foot, a folio.
    pub furniture: bool,
    /// The source's geometry shows this line set smaller than the body
    /// below its last line on a page: a foot-of-page note's.
    pub foot: bool,
}

/// A hard-wrapped test text of three paragraphs: one ended by a short line
/// after a full stop, one cut by a page break's blank line, one opened by an
/// indent.
#[cfg(test)]
pub const WRAPPED: &str =
    "This is a line of hard wrapped text that goes on to about seventy chars\n\
and it continues here with more words so that the measure is the same\n\
and it ends here.\n\
A new paragraph starts after a short line that ended with a full stop,\n\
then a page break puts a blank line inside the paragraph, which\n\
\n\
continues here in lower case and runs to the end of this sentence now.\n\
\x20Then an indented line opens another paragraph after a full stop and\n\
it goes on.";

/// A test text's lines, numbered from 1, as the repair reads a source.
#[cfg(test)]
pub fn numbered(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| Line::new(i + 1, l))
        .collect()
}

impl Line {
    /// A source line; a form feed in it marks a page break before it.
    pub fn new(no: usize, text: &str) -> Line {
        let page_break = text.contains('\u{0c}');
        let text = if page_break {
            text.replace('\u{0c}', "")
        } else {
            text.to_string()
        };
        Line {
            no,
            text: text.trim_end().to_string(),
            page_break,
            runs_on: false,
            ends: false,
            heading: false,
            listed: false,
            apart: false,
            furniture: false,
            foot: false,
        }
    }
    pub fn blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
    pub fn indented(&self) -> bool {
        self.text.starts_with([' ', '\t'])
    }
    pub fn len(&self) -> usize {
        self.trimmed().chars().count()
    }
}

/// How the text was laid out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Layout {
    /// Hard-wrapped lines of about `width` characters (PDF extractions, e-mail).
    Wrapped { width: usize },
    /// One paragraph per line, with or without blank lines between (web pastes).
    PerLine,
}

/// What a paragraph is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    Prose,
    /// Several short lines that start with capitals: a poem or lyrics.
    Verse,
    /// A run of very short fragments: a pull quote or sidebar broken up.
    Fragments,
}

/// Lines that belong to one paragraph.
#[derive(Debug, Clone)]
pub struct Para {
    pub kind: ParaKind,
    pub lines: Vec<Line>,
}

impl Para {
    pub fn first_line(&self) -> usize {
        self.lines.first().map(|l| l.no).unwrap_or(0)
    }
}

/// The layout of a text whose lines are known to be a page's lines (a
/// PDF's, read with their geometry): hard-wrapped at the measure its line
/// lengths show, even where most of its lines end sentences (short
/// paragraphs, notes set small and long) and the lengths alone would say
/// one paragraph per line.
pub fn wrapped_layout(lines: &[Line]) -> Layout {
    match layout(lines) {
        Layout::PerLine => {
            let mut lens: Vec<usize> = lines.iter().filter(|l| !l.blank()).map(Line::len).collect();
            lens.sort_unstable();
            let median = lens.get(lens.len() / 2).copied().unwrap_or(0);
            let measure: Vec<usize> = lens.into_iter().filter(|&n| n * 2 <= median * 3).collect();
            let width = measure.get(measure.len() * 9 / 10).copied().unwrap_or(0);
            Layout::Wrapped {
                width: width.max(1),
            }
        }
        wrapped => wrapped,
    }
}

/// Decides the layout of a whole text from its line lengths.
/// Lines a PDF's geometry shows as notes at a page's foot are set to
/// their own measure, and do not count.
pub fn layout(lines: &[Line]) -> Layout {
    let lines: Vec<&Line> = lines.iter().filter(|l| !l.foot).collect();
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.blank())
        .map(|l| l.len())
        .collect();
    if lens.len() < 6 {
        return Layout::PerLine;
    }
    lens.sort_unstable();
    let median = lens[lens.len() / 2];
    // Lines far over the usual length are two lines an extractor joined at a
    // hyphen, not pasted paragraphs, unless there are many of them and
    // they hold much of the text.
    let long = lens
        .iter()
        .filter(|&&n| n > 100 && n * 10 > median * 22)
        .count();
    // Pasted paragraphs end their lines with sentences; wrapped lines mostly run on.
    let closed = lines
        .iter()
        .filter(|l| !l.blank() && (ends_terminal(l.trimmed()) || title_like(l.trimmed())))
        .count();
    let measure: Vec<usize> = lens
        .iter()
        .copied()
        .filter(|&n| n * 2 <= median * 3)
        .collect();
    let p90 = measure[measure.len() * 9 / 10];
    // Most wrapped lines come close to the measure.
    let near = measure.iter().filter(|&&n| n * 100 >= p90 * 85).count();
    // Notes set smaller at the page feet have longer lines: where they are
    // over a tenth of the lines, they set that measure, and the body's
    // lines fall short of it. The body's own measure is that of the lines
    // not much longer than the median line.
    let body: Vec<usize> = measure
        .iter()
        .copied()
        .filter(|&n| n * 100 <= median * 115)
        .collect();
    let body_p90 = body.get(body.len() * 9 / 10).copied().unwrap_or(p90);
    let near_body = measure
        .iter()
        .filter(|&&n| n * 100 >= body_p90 * 85)
        .count();
    let (p90, near) = if near * 10 >= text_lines_of(&lens) * 4 || !wide_in_runs(&lines, median) {
        (p90, near)
    } else {
        (body_p90, near_body)
    };
    let text_lines = text_lines_of(&lens);
    // No page's measure runs to 160 characters: longer lines are paragraphs.
    let measured =
        (30..=160).contains(&p90) && median * 10 >= p90 * 6 && near * 10 >= text_lines * 4;
    // Hyphenated lines joined one after another make a few very long lines
    // too; they hold a small share of the text, where pasted paragraphs
    // hold most of it.
    let long_chars: usize = lens
        .iter()
        .filter(|&&n| n > 100 && n * 10 > median * 22)
        .sum();
    let joined = long * 20 < lens.len() || long_chars * 4 < lens.iter().sum::<usize>();
    if joined && measured && closed * 10 < lens.len() * 6 {
        Layout::Wrapped { width: p90 }
    } else if let Some(width) = wrapped_among_short(&lines) {
        Layout::Wrapped { width }
    } else {
        Layout::PerLine
    }
}

/// The measure of a wrapped text most of whose lines are short (headings,
/// one-sentence paragraphs, labels over examples left out): the longest
/// lines still stop at one measure, and most of those that reach it run
/// on into the next line without ending a sentence, as a wrapped line does
/// and a pasted paragraph never does. At least 40 lines, 15% of them
/// within 85% of the measure (its 90th percentile, 30 to 160 characters),
/// and 60% of them ending no sentence.
fn wrapped_among_short(lines: &[&Line]) -> Option<usize> {
    let text: Vec<&Line> = lines
        .iter()
        .copied()
        .filter(|l| !l.blank() && l.len() > 3)
        .collect();
    // A short text's few lines cannot show a measure among short ones.
    if text.len() < 40 {
        return None;
    }
    let mut lens: Vec<usize> = text.iter().map(|l| l.len()).collect();
    lens.sort_unstable();
    let cap = lens[lens.len() * 9 / 10];
    let near: Vec<&&Line> = text.iter().filter(|l| l.len() * 100 >= cap * 85).collect();
    let runs_on = near.iter().filter(|l| !ends_terminal(l.trimmed())).count();
    ((30..=160).contains(&cap)
        && near.len() >= 8
        && near.len() * 100 >= text.len() * 15
        && runs_on * 10 >= near.len() * 6)
        .then_some(cap)
}

/// Whether the lines much longer than the `median` line come in runs, as
/// notes set smaller do at the page feet (most of them next to another),
/// not one by one, as pasted paragraphs between short headings do.
fn wide_in_runs(lines: &[&Line], median: usize) -> bool {
    let wide: Vec<bool> = lines
        .iter()
        .filter(|l| !l.blank())
        .map(|l| l.len() * 100 > median * 115)
        .collect();
    let n = wide.iter().filter(|&&w| w).count();
    let paired = (0..wide.len())
        .filter(|&i| {
            wide[i] && ((i > 0 && wide[i - 1]) || wide.get(i + 1).copied().unwrap_or(false))
        })
        .count();
    n > 0 && paired * 2 >= n
}

/// Lines of a word or less (page numbers, a note's marker alone) are no
/// lines of text: they do not count against the measure.
fn text_lines_of(lens: &[usize]) -> usize {
    lens.iter().filter(|&&n| n > 3).count()
}

/// The end of `s` without closing quotes, brackets and glued note numbers.
fn end_core(s: &str) -> &str {
    let s = without_note_reference(s.trim_end());
    let no_digits = s.trim_end_matches(|c: char| c.is_ascii_digit());
    let s = if no_digits.len() < s.len()
        && no_digits.ends_with(['.', '!', '?', '”', '"', ')', ':', ';', ','])
    {
        no_digits
    } else {
        s
    };
    s.trim_end_matches(['”', '"', '’', '\'', ')', ']', '*', '_'])
}

/// `s` without a note reference marked at its end (`day.` + note 2): the
/// sentence ends where it would without the reference.
fn without_note_reference(mut s: &str) -> &str {
    use super::inline::{NOTE_END, NOTE_START};
    while let (Some(_), Some(at)) = (s.strip_suffix(NOTE_END), s.rfind(NOTE_START)) {
        s = s.get(..at).unwrap_or_default().trim_end();
    }
    s
}

/// Abbreviations whose full stop ends no sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "st.", "prof.", "e.g.", "i.e.", "cf.", "vs.", "no.", "vol.",
    "pp.", "p.",
];

/// Whether a line or paragraph ends a sentence: not with an initial ("R. L.")
/// or an abbreviation ("Dr.").
pub fn ends_terminal(s: &str) -> bool {
    let core = end_core(s);
    if !core.ends_with(['.', '!', '?', '…', ':']) {
        return false;
    }
    let last = core
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or(core)
        .trim_start_matches(['(', '“', '"', '‘']);
    // A URL cut at a line end ("https://www." / "example.org/…").
    if last.ends_with("://") || last.to_lowercase().ends_with("www.") {
        return false;
    }
    let initial =
        last.len() == 2 && last.starts_with(|c: char| c.is_uppercase()) && last.ends_with('.');
    !(initial || ABBREVIATIONS.contains(&last.to_lowercase().as_str()))
}

/// Whether the text ends mid-word with a hyphen ("pro-").
pub fn ends_hyphen(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['-', '\u{ad}']) && t.chars().rev().nth(1).is_some_and(|c| c.is_alphanumeric())
}

/// Whether `line` continues the sentence of `prev`, the line above it: it
/// starts in lower case after a line that ends without final punctuation
/// or with a hyphen, or goes on with capitals a word in capitals cut by a
/// hyphen (`PAR-` / `TIES`). Such a line is never page furniture.
pub fn continues_sentence(prev: &str, line: &str) -> bool {
    let (p, l) = (prev.trim(), line.trim());
    if p.is_empty() || l.is_empty() {
        return false;
    }
    let caps = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    };
    let cut_word = p
        .trim_end_matches(['-', '\u{ad}'])
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    let next_word = l.split_whitespace().next().unwrap_or_default();
    (starts_lower(l) && (ends_hyphen(p) || !ends_terminal(p)))
        || (ends_hyphen(p) && caps(cut_word) && caps(next_word))
}

/// Takes back from `removed` (line indices, sorted, with their classes) every
/// line that continues the sentence of the nearest line above it that stays.
pub fn keep_continuing<C>(lines: &[Line], removed: &mut Vec<(usize, C)>) {
    let gone: std::collections::HashSet<usize> = removed.iter().map(|r| r.0).collect();
    removed.retain(|&(i, _)| {
        let prev = (0..i)
            .rev()
            .find(|&k| !lines[k].blank() && !gone.contains(&k));
        !prev.is_some_and(|k| continues_sentence(&lines[k].text, &lines[i].text))
    });
}

pub fn starts_lower(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A line that opens with a name from code: a first word in lower case
/// with `::`, `_`, `.`, `=` or `(` inside it (`core::mem::forget`,
/// `crates.io`, `rustc-env=VAR`). Such a word opens a sentence or a
/// heading as a capital does, since code keeps its case. Not an
/// abbreviation (`e.g.`, `i.e.`).
pub fn starts_code_word(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or_default();
    // An attribute or a quoted name: `#[repr(C)]`, `` `foo::bar` ``.
    let first = first.trim_start_matches(['#', '[', '`']);
    let core = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    if !core.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    let abbreviation = core.split('.').all(|part| part.chars().count() <= 2);
    !abbreviation && core.contains(['_', '.', '=', '(']) || core.contains("::")
}

/// Whether a line of one name ("overflow-checks", "lto") is the heading
/// of the sentence after it, which names it among its first words ("The
/// overflow-checks setting controls …"): the heading of a definition, as
/// manuals set their settings and options. A word that ends a sentence
/// or leads on (a comma, a hyphen) is no name, and neither is the last
/// word of a heading wrapped over two lines, which the sentence names with
/// the line before it ("The members and exclude" / "fields" / "The
/// members and exclude fields define …").
pub fn names_next(prev: &str, line: &str, next: &str) -> bool {
    let name = line.trim();
    let one_name = name.split_whitespace().count() == 1
        && name.chars().count() >= 2
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '(' | ')'))
        && name.chars().next().is_some_and(char::is_alphabetic)
        && name.chars().last().is_some_and(char::is_alphanumeric);
    let before = prev.split_whitespace().last().unwrap_or_default();
    let wrapped = !before.is_empty() && next.contains(&format!("{before} {name}"));
    one_name
        && !wrapped
        && starts_upper(next)
        && next
            .split_whitespace()
            .take(5)
            .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == name)
}

/// Whether a short label of a few words, in any case, heads the line
/// under it, which repeats it among its first words: a manual's heading
/// of a construct or a term ("while let" / "Similar to if let, while let
/// can …"; "while let patterns" / "let patterns in a while condition …";
/// "C-like" / "enum can also be used as C-like enums."). Its last two
/// words (or its one word) must come again, in order, among the first
/// eight words under it. A label that leads on (a comma, "of the", a
/// colon) or ends a sentence is no heading, and neither is the last word
/// of a heading wrapped over two lines (see [`names_next`]).
pub fn label_named_under(prev: &str, label: &str, under: &str) -> bool {
    let label = label.trim();
    let words: Vec<String> = label.split_whitespace().map(bare_word).collect();
    if !(1..=4).contains(&words.len())
        || !label.chars().any(char::is_alphabetic)
        || ends_terminal(label)
        || ends_hyphen(label)
        || ends_function_word(label)
        || label.ends_with([',', ';', ':', '–', '—', '-', '('])
        || is_bullet(label)
        || words.iter().any(|w| w.is_empty())
    {
        return false;
    }
    let key = &words[words.len().saturating_sub(2)..];
    // A lone word must be a word, not a letter or a figure.
    if key.len() == 1 && key[0].chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return false;
    }
    let first: Vec<String> = under.split_whitespace().take(8).map(bare_word).collect();
    let before = prev.split_whitespace().last().unwrap_or_default();
    let wrapped = !before.is_empty() && under.contains(&format!("{before} {label}"));
    !wrapped && first.windows(key.len()).any(|w| w == key)
}

/// A word in lower case without the punctuation around it ("let," to
/// "let", "“C-like”" to "c-like").
fn bare_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether paragraph `a` is a heading over paragraph `b`, which opens
/// with a name from code: `a` is short and opens with a capital
/// ("Dependencies" / "crates.io is …"), or is that one name itself
/// ("repr(align(n))" / "repr(align(n)) forces …"). A paragraph ending
/// without a stop before lower case is otherwise read as cut in two.
pub fn heads_code_paragraph(a: &str, b: &str) -> bool {
    let a = a.trim();
    let short_title = starts_upper(a) && a.split_whitespace().count() <= 12;
    let code_name = a.split_whitespace().count() == 1 && starts_code_word(a);
    (short_title || code_name) && starts_code_word(b)
}

pub fn starts_upper(s: &str) -> bool {
    s.trim_start()
        .trim_start_matches(['“', '"', '‘', '\'', '('])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Words that cannot end a sentence: a paragraph ending with one continues.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
    "but", "nor", "that", "which", "who", "whose", "as", "into", "than", "is", "are", "was",
    "were", "be", "its", "their", "our", "his", "her", "my", "your", "this", "these", "those",
    "such", "very", "not", "if", "when", "while", "because",
];

pub fn ends_function_word(s: &str) -> bool {
    let last = s.split_whitespace().last().unwrap_or_default();
    FUNCTION_WORDS.contains(&last.to_lowercase().as_str())
}

/// A line set entirely in capitals, opening a section ("THERE CAN BE LITTLE DOUBT").
pub fn is_caps_leadin(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 12 && s.split_whitespace().nth(2).is_some()
}

/// A bullet or numbered-list marker at the start of a line.
pub fn is_bullet(s: &str) -> bool {
    let t = s.trim_start();
    let mut cs = t.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some('•' | '◦' | '▪' | '‣' | '●'), Some(w), _) => w.is_whitespace(),
        (Some('-' | '*'), Some(' '), Some(c)) => c.is_uppercase(),
        _ => false,
    }
}

/// A short line in title case without final punctuation.
pub fn title_like(s: &str) -> bool {
    let t = s.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 14
        || !starts_upper(t)
        || ends_terminal(t)
        || t.ends_with([',', ';', '-', '–', '—'])
    {
        return false;
    }
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let caps = long.iter().filter(|w| starts_upper(w)).count();
    !long.is_empty() && caps * 2 >= long.len()
}

const SPEECH: &[&str] = &[
    "wrote",
    "writes",
    "argued",
    "argues",
    "explains",
    "explained",
    "notes",
    "noted",
    "says",
    "said",
    "put it",
    "declared",
    "remarks",
    "observes",
    "insists",
    "adds",
];

/// "…, she wrote," — a comma that introduces a quotation.
pub fn introduces_speech(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(',') && {
        let tail: String = t
            .chars()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        SPEECH.iter().any(|v| tail.contains(v))
    }
}

#[cfg(test)]
mod tests;
