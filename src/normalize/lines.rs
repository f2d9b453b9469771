//! Line structure: tell hard-wrapped text from one-paragraph-per-line pastes,
//! and group lines into paragraphs from the evidence a human reader uses.

/// One source line (trailing whitespace removed; leading spaces kept).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based line number in the source file.
    pub no: usize,
    pub text: String,
}

impl Line {
    pub fn new(no: usize, text: &str) -> Line {
        Line {
            no,
            text: text.trim_end().to_string(),
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

/// Decides the layout of a whole text from its line lengths.
pub fn layout(lines: &[Line]) -> Layout {
    let mut lens: Vec<usize> = lines.iter().filter(|l| !l.blank()).map(Line::len).collect();
    if lens.len() < 6 {
        return Layout::PerLine;
    }
    let long = lens.iter().filter(|&&n| n > 100).count();
    // Pasted paragraphs end their lines with sentences; wrapped lines mostly run on.
    let closed = lines
        .iter()
        .filter(|l| !l.blank() && (ends_terminal(l.trimmed()) || title_like(l.trimmed())))
        .count();
    lens.sort_unstable();
    let p90 = lens[lens.len() * 9 / 10];
    let median = lens[lens.len() / 2];
    if long * 20 < lens.len() && p90 >= 30 && median * 10 >= p90 * 6 && closed * 10 < lens.len() * 6
    {
        Layout::Wrapped { width: p90 }
    } else {
        Layout::PerLine
    }
}

/// The end of `s` without closing quotes, brackets and glued note numbers.
fn end_core(s: &str) -> &str {
    let s = s.trim_end();
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

/// Whether a line or paragraph ends a sentence.
pub fn ends_terminal(s: &str) -> bool {
    end_core(s).ends_with(['.', '!', '?', '…', ':'])
}

/// Whether the text ends mid-word with a hyphen ("pro-").
pub fn ends_hyphen(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['-', '\u{ad}']) && t.chars().rev().nth(1).is_some_and(|c| c.is_alphanumeric())
}

pub fn starts_lower(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
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

/// Groups lines (blank lines kept, furniture already blanked) into paragraphs.
pub fn group(lines: &[Line], layout: Layout) -> Vec<Para> {
    let kinds = mark_kinds(lines, layout);
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].blank()).collect();
    let mut paras: Vec<Para> = Vec::new();
    let mut cur: Option<Para> = None;
    for (k, &i) in nonblank.iter().enumerate() {
        let b = &lines[i];
        let kind = kinds[i];
        let join = match (&cur, layout) {
            (None, _) => false,
            (Some(p), _) if p.kind != kind => false,
            (Some(p), _) if kind == ParaKind::Verse || kind == ParaKind::Fragments => {
                // Verse keeps blank-separated stanzas apart; fragments run on.
                kind == ParaKind::Fragments || nonblank[k - 1] + 1 == i
            }
            (Some(p), Layout::PerLine) => {
                let a = p.lines.last().map(|l| l.trimmed()).unwrap_or_default();
                (ends_hyphen(a) || (!ends_terminal(a) && starts_lower(b.trimmed())))
                    && !is_bullet(b.trimmed())
            }
            (Some(p), Layout::Wrapped { .. }) => {
                let a = p.lines.last().expect("paragraphs are never empty");
                let gap = nonblank[k - 1] + 1 < i;
                let width = local_width(lines, &nonblank, k);
                if gap {
                    continues(a, b, p.lines.len(), width)
                } else {
                    !breaks(a, b, p.lines.len(), width)
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

/// The widest line around the k-th non-blank line: the local measure.
fn local_width(lines: &[Line], nonblank: &[usize], k: usize) -> usize {
    let lo = k.saturating_sub(4);
    let hi = (k + 4).min(nonblank.len() - 1);
    (lo..=hi)
        .map(|j| lines[nonblank[j]].len())
        .max()
        .unwrap_or(0)
}

/// Across blank lines: a paragraph cut by a page break continues.
fn continues(a: &Line, b: &Line, a_lines: usize, width: usize) -> bool {
    let (at, bt) = (a.trimmed(), b.trimmed());
    if is_caps_leadin(bt) || is_bullet(bt) || (a_lines == 1 && title_like(at)) {
        return false;
    }
    if introduces_speech(at) {
        return false;
    }
    // A full line without final punctuation runs on, even into a capital
    // ("… teachers at Queen Victoria" / "Public School …"): the next word
    // did not fit, so the line was wrapped, not ended.
    let first = bt
        .split_whitespace()
        .next()
        .map(|w| w.chars().count())
        .unwrap_or(0);
    let full = a_lines > 1 && a.len() + 1 + first + 3 >= width;
    ends_hyphen(at)
        || (!ends_terminal(at)
            && (full
                || starts_lower(bt)
                || ends_function_word(at)
                || at.ends_with([',', '–', '—'])))
}

/// Between adjacent lines: evidence that a paragraph ended.
fn breaks(a: &Line, b: &Line, a_lines: usize, width: usize) -> bool {
    let (at, bt) = (a.trimmed(), b.trimmed());
    if is_caps_leadin(bt) || is_bullet(bt) {
        return true;
    }
    if ends_hyphen(at) || !starts_upper(bt) {
        return false;
    }
    if a_lines == 1 && title_like(at) && a.len() + 8 < width {
        return true;
    }
    if !ends_terminal(at) {
        return false;
    }
    // The next line's first word would have fitted: the line ended early.
    let first = bt
        .split_whitespace()
        .next()
        .map(|w| w.chars().count())
        .unwrap_or(0);
    // A margin of three characters allows for the ragged right of the measure.
    b.indented() || a.len() + 1 + first + 3 < width
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

/// Marks lines that belong to verse blocks or fragment runs.
fn mark_kinds(lines: &[Line], layout: Layout) -> Vec<ParaKind> {
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
        if l.len() <= 24 && !is_bullet(l.trimmed()) {
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
            let listy = block
                .iter()
                .any(|l| is_bullet(l.trimmed()) || is_caps_leadin(l.trimmed()));
            if short && caps * 4 >= n * 3 && open * 2 >= n && !listy {
                for k in kinds.iter_mut().take(end).skip(start) {
                    *k = ParaKind::Verse;
                }
            }
        }
        start = end;
    }
    kinds
}

#[cfg(test)]
mod page_break_tests {
    use super::*;

    #[test]
    fn a_full_line_runs_on_across_a_page_break_into_a_capital() {
        let text = "When the tenants launched a rent strike, the teachers at Queen Victoria\nthe teachers of the neighbourhood school came out and joined them on the\nline, and then the parents followed them too, and then everyone at Queen\n\n22\n\nVictoria Public School came out in solidarity with the strike as well.\n";
        let mut lines: Vec<Line> = text
            .lines()
            .enumerate()
            .map(|(i, l)| Line::new(i + 1, l))
            .collect();
        // The page number is furniture, blanked before grouping.
        lines[4] = Line::new(5, "");
        let paras = group(&lines, Layout::Wrapped { width: 72 });
        assert_eq!(paras.len(), 1, "{paras:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.split('\n')
            .enumerate()
            .map(|(i, l)| Line::new(i + 1, l))
            .collect()
    }

    fn texts(paras: &[Para]) -> Vec<String> {
        paras
            .iter()
            .map(|p| {
                p.lines
                    .iter()
                    .map(|l| l.trimmed())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    const WRAPPED: &str =
        "This is a line of hard wrapped text that goes on to about seventy chars\n\
and it continues here with more words so that the measure is the same\n\
and it ends here.\n\
A new paragraph starts after a short line that ended with a full stop,\n\
then a page break puts a blank line inside the paragraph, which\n\
\n\
continues here in lower case and runs to the end of this sentence now.\n\
\x20Then an indented line opens another paragraph after a full stop and\n\
it goes on.";

    #[test]
    fn detects_layouts() {
        assert!(matches!(layout(&lines(WRAPPED)), Layout::Wrapped { .. }));
        let paste = format!(
            "{}\n{}\n{}\n{}\n{}\n{}",
            "x".repeat(300),
            "y".repeat(200),
            "short",
            "z".repeat(250),
            "w".repeat(180),
            "v".repeat(400)
        );
        assert_eq!(layout(&lines(&paste)), Layout::PerLine);
    }

    #[test]
    fn groups_wrapped_paragraphs() {
        let l = lines(WRAPPED);
        let p = group(&l, layout(&l));
        assert_eq!(p.len(), 3, "{:#?}", texts(&p));
        assert!(texts(&p)[1].contains("which continues here"));
    }

    #[test]
    fn helpers() {
        assert!(ends_terminal("years.2"));
        assert!(ends_terminal("“collapsing.”"));
        assert!(!ends_terminal("in 2016"));
        assert!(ends_hyphen("pro-"));
        assert!(is_caps_leadin(
            " THERE CAN BE LITTLE DOUBT THAT WE LIVE IN DANGEROUS"
        ));
        assert!(title_like(
            "Polarized Politics: Danger from the Right, Openings for the Left"
        ));
        assert!(!title_like("the end of a sentence."));
        assert!(is_bullet("  • Learn to respect"));
    }
}
