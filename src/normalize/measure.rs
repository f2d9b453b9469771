//! How wide a line of extracted text was on the page, roughly: each
//! character's advance in a typical serif face, in ems. Counting characters
//! would make "mmm" and "iii" the same width; a justified line of capitals
//! and wide letters holds fewer characters than one of narrow letters, and
//! telling a full line from one that stopped short needs the difference.
//! Text wrapped by a program at a column (e-mail, plain-text files) is
//! measured in characters instead: the text's own lines say which fits.
//!
//! The measure is local (the widest nearby line), and a text whose
//! paragraphs open with an indent shows it: first lines fall short of the
//! measure by more than other full lines do.

use super::inline::is_marker;
use super::lines::{ends_hyphen, ends_terminal, starts_lower, starts_upper, Line};
use unicode_normalization::char::is_combining_mark;

/// Advance widths of the printable ASCII characters (space to `~`), in
/// thousandths of an em, of a Times-like text face.
const ASCII: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250,
    278, // space ! " # $ % & ' ( ) * + , - . /
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564,
    444, // 0-9 : ; < = > ?
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @ A-O
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469,
    500, // P-Z [ \ ] ^ _
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // ` a-o
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // p-z { | } ~
];

/// The advance of one character, in thousandths of an em.
fn advance(c: char) -> u32 {
    match c {
        ' '..='~' => u32::from(ASCII[c as usize - 32]),
        // A soft hyphen the extraction kept is a hyphen at a line's end.
        '\u{ad}' => 333,
        '‘' | '’' | '‚' | '′' => 333,
        '“' | '”' | '„' | '″' => 444,
        '–' | '•' | '·' => 500,
        '—' | '…' | '™' => 1000,
        c => u32::from(other(c)),
    }
}

/// The advance of a character outside ASCII and the common punctuation.
fn other(c: char) -> u16 {
    match c {
        // The repair's own marks (small capitals, a note reference, a line
        // break) stand for no glyph, but still count as a wide one each:
        // the measure's thresholds (the joined-line share, the margins, the
        // indent) were tuned with them so. Counting them as nothing moved
        // dev text input up on 20 items and down on 17 (stop 43).
        c if is_marker(c) => 1000,
        // Nothing drawn, or drawn over the letter before.
        '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' => 0,
        '\u{fe00}'..='\u{fe0f}' => 0,
        c if is_combining_mark(c) => 0,
        // Spaces of their own widths.
        '\u{a0}' | '\u{2005}' | '\u{2008}' => 250,
        '\u{2000}' | '\u{2002}' | '\u{2007}' => 500,
        '\u{2001}' | '\u{2003}' => 1000,
        '\u{2004}' => 333,
        '\u{2006}' | '\u{2009}' | '\u{202f}' | '\u{205f}' => 200,
        '\u{200a}' => 100,
        // Ligatures of two letters and of three.
        '\u{fb00}'..='\u{fb02}' | '\u{fb05}' | '\u{fb06}' => 556,
        '\u{fb03}' | '\u{fb04}' => 833,
        // A glyph of a font's own (private use), or one the extraction
        // could not read: a letter's width, as far as anyone can tell.
        '\u{e000}'..='\u{f8ff}' | '\u{fffd}' => 500,
        c if c.is_uppercase() => 722,
        c if c.is_alphabetic() && (c as u32) < 0x2E80 => 500,
        // Wide scripts and symbols.
        c if (c as u32) >= 0x2E80 => 1000,
        _ => 500,
    }
}

/// The width of a text in ems.
pub fn width(s: &str) -> f32 {
    s.chars().map(advance).sum::<u32>() as f32 / 1000.0
}

/// The width of a word space, in ems.
pub const SPACE: f32 = 0.25;

/// How line widths are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Characters: text wrapped at a column.
    Chars,
    /// Glyph advances in ems: text set in a proportional face.
    Glyphs,
}

impl Metric {
    fn of(self, s: &str) -> f32 {
        match self {
            Metric::Chars => s.chars().count() as f32,
            Metric::Glyphs => width(s),
        }
    }
    fn space(self) -> f32 {
        match self {
            Metric::Chars => 1.0,
            Metric::Glyphs => SPACE,
        }
    }
}

/// The widths of a text's lines, and what they say about its measure.
#[derive(Debug)]
pub struct Widths {
    pub metric: Metric,
    /// Width of each line (0 for blank lines), by line index.
    w: Vec<f32>,
    /// The non-blank lines, by line index.
    nonblank: Vec<usize>,
    /// The widest a line of the measure can be (wider lines are two joined).
    cap: f32,
    /// With indented paragraphs: how far a full line usually falls short of
    /// the measure, and the indent on top of that.
    indent: Option<(f32, f32)>,
    /// How far short of the measure full lines fall at most, as a share of
    /// it (the error of measuring glyphs by a model face): an indent is read
    /// only from a line that falls short by no more than the indent and that.
    slack: f32,
    /// How far short of the measure full lines usually fall, as a share of
    /// it (the median): where the measure really ends, as far as the
    /// model face can tell.
    shortfall: f32,
}

/// The width of the last of the lines joined into one of width `w`, at a
/// measure of `width`: each line before it was full, falling short of the
/// measure by a tenth at most (its own shortfall and the model face's
/// error), so the last one is at least that wide. A line up to [`JOINED`]
/// times the measure is one line; one wider holds a full line and more
/// (one of 1.15 measures a line and at least 0.25 of one: the end of a
/// sentence a hyphen carried over, "… at com-" / "pile time."); one of
/// 1.5 measures a line and at least 0.6 of one, one of 2.1 measures two
/// full lines.
fn last_part(w: f32, width: f32) -> f32 {
    if width <= 0.0 || w < width * JOINED {
        return w;
    }
    w - width * 0.9 * (w / width - 0.2).floor().max(1.0)
}

/// The widest a line of the measure is read, as a share of it: the measure
/// is the widest width three nearby lines share within 6%, so a line of
/// its own may run past it by that much and again by the model face's
/// error; wider, it is lines an extractor joined.
const JOINED: f32 = 1.12;

fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

fn median(v: &mut [f32]) -> f32 {
    v.sort_unstable_by(f32::total_cmp);
    v[v.len() / 2]
}

impl Widths {
    /// Measures the non-blank lines of a text.
    pub fn new(lines: &[Line], nonblank: &[usize]) -> Widths {
        let mut best: Option<(usize, Widths)> = None;
        for metric in [Metric::Glyphs, Metric::Chars] {
            let w: Vec<f32> = lines
                .iter()
                .map(|l| {
                    if l.blank() {
                        0.0
                    } else {
                        metric.of(l.trimmed())
                    }
                })
                .collect();
            let mut sorted: Vec<f32> = nonblank.iter().map(|&i| w[i]).collect();
            let cap = if sorted.is_empty() {
                0.0
            } else {
                median(&mut sorted).max(sorted[sorted.len() * 3 / 4]) * 4.0 / 3.0
            };
            let mut m = Widths {
                metric,
                w,
                nonblank: nonblank.to_vec(),
                cap,
                indent: None,
                slack: 0.0,
                shortfall: 0.0,
            };
            // A wrapped line's next word did not fit: count the lines where
            // it would have, under this way of measuring.
            let misfits = (0..nonblank.len().saturating_sub(1))
                .filter(|&k| {
                    let (a, b) = (
                        lines[nonblank[k]].trimmed(),
                        lines[nonblank[k + 1]].trimmed(),
                    );
                    !ends_terminal(a)
                        && !ends_hyphen(a)
                        && starts_lower(b)
                        && m.fits(a, b, m.as_read(k), 0.0)
                })
                .count();
            (m.slack, m.shortfall) = m.find_slack(lines);
            m.indent = m.find_indent(lines);
            if best.as_ref().is_none_or(|(n, _)| misfits < *n) {
                best = Some((misfits, m));
            }
        }
        best.map(|b| b.1).expect("two metrics were tried")
    }

    /// The measure around the k-th non-blank line: the widest width that
    /// three or more nearby lines share (within 6%), as justified lines do;
    /// else the widest nearby line. A line or two far wider than their
    /// neighbours (a quotation set wider, the page before a narrow column
    /// beside a picture) does not set the measure. Nor do short lines that
    /// share a width because they share their words (a label repeated,
    /// "See also:"): a width under half the text's usual line is no measure.
    pub fn local(&self, k: usize) -> f32 {
        self.around(k, true)
    }

    /// The measure around the k-th line as the text's indent and slack are
    /// read from it: any width three nearby lines share, however short.
    /// (Those figures are medians over the whole text, where a few labels
    /// weigh little.)
    fn as_read(&self, k: usize) -> f32 {
        self.around(k, false)
    }

    fn around(&self, k: usize, floored: bool) -> f32 {
        if self.nonblank.is_empty() {
            return 0.0;
        }
        let lo = k.saturating_sub(8);
        let hi = (k + 8).min(self.nonblank.len() - 1);
        // At most 17 widths, kept sorted from the widest down as they come.
        let mut buf = [0.0f32; 17];
        let mut len = 0;
        for j in lo..=hi {
            let w = self.w[self.nonblank[j]];
            if !(w > 0.0 && w <= self.cap) || len == buf.len() {
                continue;
            }
            let mut at = len;
            while at > 0 && buf[at - 1] < w {
                buf[at] = buf[at - 1];
                at -= 1;
            }
            buf[at] = w;
            len += 1;
        }
        let near = &buf[..len];
        if near.is_empty() {
            return self.cap;
        }
        let floor = if floored { self.cap * 3.0 / 8.0 } else { 0.0 };
        for (n, &w) in near.iter().enumerate() {
            if w < floor {
                break;
            }
            // `near` runs from the widest down: the lines within 6% below
            // `w` follow it, and those up to 6% above precede it.
            let above = near[..n].iter().filter(|&&x| x <= w * 1.06).count();
            let below = near[n + 1..].iter().take_while(|&&x| x >= w * 0.94).count();
            if above + 1 + below >= 3 {
                return near[n - above];
            }
        }
        near[0]
    }

    /// How much of the measure the k-th non-blank line fills.
    pub fn fraction(&self, k: usize) -> f32 {
        match self.nonblank.get(k) {
            Some(&i) => self.w[i] / self.local(k).max(1e-3),
            None => 1.0,
        }
    }

    /// Whether `b`'s first word would have fitted after `a`, with a margin.
    /// A line wider than the measure is lines an extractor joined at their
    /// hyphens: its last part is what ended where `b` begins.
    fn fits(&self, a: &str, b: &str, width: f32, margin: f32) -> bool {
        last_part(self.metric.of(a), width)
            + self.metric.space()
            + self.metric.of(first_word(b))
            + margin
            < width
    }

    /// Whether line `a` (the k-th non-blank line) stopped short of the
    /// measure: the first word of `b` would have fitted on it. A line that
    /// does not end a sentence must stop clearly short (by 8% of the
    /// measure), as the measure's ragged right may leave a gap. One that
    /// ends a sentence must leave room for the word and a quarter of the
    /// usual shortfall of full lines: the measure is the widest width that
    /// lines share, which the model face puts past where most full lines
    /// end, and a full line ending a sentence before a short word ("… the
    /// cheap copier." / "A leaflet …") would otherwise look short.
    pub fn stopped_short(&self, a: &str, b: &str, k: usize) -> bool {
        self.short_of(a, b, self.local(k))
    }

    /// Whether `a` stopped short of a measure of `width` before `b`.
    fn short_of(&self, a: &str, b: &str, width: f32) -> bool {
        let margin = match (ends_terminal(a), self.metric) {
            (false, _) => width * 0.08,
            (true, Metric::Chars) => 1.0,
            (true, Metric::Glyphs) => width * self.shortfall / 4.0,
        };
        self.fits(a, b, width, margin)
    }

    /// The share of the measure by which lines known to be full (a line
    /// that ends in a hyphen, or runs on into lower case) fall short of it:
    /// nine in ten of them fall short by no more (the slack), and half of
    /// them by no more (the shortfall). Nothing with too few.
    fn find_slack(&self, lines: &[Line]) -> (f32, f32) {
        let text = |k: usize| lines[self.nonblank[k]].trimmed();
        let mut deficits: Vec<f32> = (0..self.nonblank.len().saturating_sub(1))
            .filter(|&k| {
                let (a, b) = (text(k), text(k + 1));
                ends_hyphen(a) || (!ends_terminal(a) && starts_lower(b))
            })
            .map(|k| {
                let width = self.as_read(k).max(1e-3);
                ((width - self.w[self.nonblank[k]]) / width).max(0.0)
            })
            .collect();
        // Text wrapped at a column is ragged: its full lines say nothing.
        if deficits.len() < 10 || self.metric == Metric::Chars {
            return (0.0, 0.0);
        }
        deficits.sort_unstable_by(f32::total_cmp);
        (
            deficits[deficits.len() * 9 / 10].min(0.1),
            deficits[deficits.len() / 2].min(0.1),
        )
    }

    /// Whether the k-th non-blank line, a full line, falls short of the
    /// measure by the text's paragraph indent: the first line of a paragraph.
    pub fn indented(&self, k: usize) -> bool {
        let Some((usual, indent)) = self.indent else {
            return false;
        };
        let i = self.nonblank[k];
        let width = self.as_read(k);
        let deficit = width - self.w[i];
        // Half the indent is enough: the first line's own shortfall
        // varies as much as any line's, so asking for the whole indent
        // misses the paragraphs whose first line ran long. Falling far
        // shorter than that is a short line, which says nothing of an
        // indent.
        deficit >= usual + indent * 0.5 && deficit <= usual + indent * 2.0 + width * self.slack
    }

    /// The paragraph indent, from the lines themselves: how much more the
    /// first lines of clear paragraphs (after a line that ended a sentence
    /// short) fall short of the measure than lines in mid-paragraph do. Only
    /// full lines count (those followed by more of their paragraph).
    fn find_indent(&self, lines: &[Line]) -> Option<(f32, f32)> {
        let text = |k: usize| lines[self.nonblank[k]].trimmed();
        let full = |k: usize| {
            k + 1 < self.nonblank.len()
                && (ends_hyphen(text(k)) || (!ends_terminal(text(k)) || starts_lower(text(k + 1))))
        };
        let mut first = Vec::new();
        let mut middle = Vec::new();
        for k in 1..self.nonblank.len() {
            if !full(k) {
                continue;
            }
            let (a, b) = (text(k - 1), text(k));
            let deficit = self.as_read(k) - self.w[self.nonblank[k]];
            if ends_hyphen(a) || (!ends_terminal(a) && starts_lower(b)) {
                middle.push(deficit);
            } else if ends_terminal(a)
                && starts_upper(b)
                && self.short_of(a, b, self.as_read(k - 1))
            {
                first.push(deficit);
            }
        }
        if first.len() < 5 || middle.len() < 5 {
            return None;
        }
        let usual = median(&mut middle);
        let indent = median(&mut first) - usual;
        let em = match self.metric {
            Metric::Glyphs => 1.0,
            Metric::Chars => 2.0,
        };
        (indent >= em).then_some((usual, indent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_part_of_joined_lines() {
        assert_eq!(last_part(9.0, 10.0), 9.0);
        assert_eq!(last_part(11.0, 10.0), 11.0);
        // A full line and the few words a hyphen carried over.
        assert!((last_part(11.5, 10.0) - 2.5).abs() < 1e-4);
        assert!((last_part(13.0, 10.0) - 4.0).abs() < 1e-4);
        // Two full lines, measured a little wide: the last one is full.
        assert!((last_part(21.0, 10.0) - 12.0).abs() < 1e-4);
        assert!((last_part(24.0, 10.0) - 6.0).abs() < 1e-4);
    }

    fn widths_of(text: &str) -> (Vec<Line>, Widths) {
        let lines = crate::normalize::lines::numbered(text);
        let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].blank()).collect();
        let w = Widths::new(&lines, &nonblank);
        (lines, w)
    }

    #[test]
    fn repeated_labels_set_no_measure() {
        // Body lines of ragged widths, no three alike, among labels that
        // repeat: the labels' width is no measure, the widest line is.
        let text = "A line of the body that runs on for some way.\nSee also:\nstructs\n\
            A longer line of the body that runs on for a good deal further.\nSee also:\n\
            traits\nThe longest line of the body, which runs on further than all the rest do.\n\
            input.\nSee also:\nDrop and traits\nAnother line of the body, of a middling width.";
        let (lines, w) = widths_of(text);
        let at = |t: &str| {
            let k = lines
                .iter()
                .filter(|l| !l.blank())
                .position(|l| l.trimmed() == t);
            k.expect("the line is there")
        };
        let k = at("input.");
        assert!(w.fraction(k + 1) < 0.3, "{}", w.fraction(k + 1));
        assert!(w.stopped_short("input.", "See also:", k));
    }

    #[test]
    fn a_text_of_short_lines_keeps_its_measure() {
        // Every line short, three of them alike: that is the measure.
        let text = "one two three four\nfour three two one\ntwo one four three\nthirteen\n\
            fourteen fifteen\nsixteen seventy\nninety-nine\nand a hundred";
        let (_, w) = widths_of(text);
        assert!((w.fraction(1) - 1.0).abs() < 1e-3, "{}", w.fraction(1));
        assert!(w.fraction(3) < 0.6, "{}", w.fraction(3));
    }

    #[test]
    fn a_line_joined_at_a_hyphen_ends_where_its_last_part_stopped_short() {
        // A measure of justified lines, then one an extractor joined to the
        // next at a hyphen: the words carried over ("… before dawn.") stop well
        // short, and the next sentence opens a paragraph.
        let body = "the printers of the street kept their presses in the back rooms\n\
            of the shops and ran them late into the night when the orders came\n\
            in from the unions and the tenants and the parish halls around it\n\
            and in the morning the bundles went out on the carts to the doors\n";
        let joined =
            "and every one of them was folded and bundled by hand in the shop before dawn.";
        let one = "and every one of them was folded and bundled at the shop door by dawn.";
        let next = "Run the press at half speed for the first hundred sheets of a job.";
        let (lines, w) = widths_of(&format!("{body}{joined}\n{next}"));
        let k = lines.iter().filter(|l| !l.blank()).count() - 2;
        assert!(
            w.fraction(k) > JOINED && w.fraction(k) < 1.2,
            "{}",
            w.fraction(k)
        );
        assert!(w.stopped_short(joined, next, k));
        // A line a little wider than the measure is one line, and full.
        let (_, w) = widths_of(&format!("{body}{one}\n{next}"));
        assert!(
            w.fraction(k) > 1.0 && w.fraction(k) < JOINED,
            "{}",
            w.fraction(k)
        );
        assert!(!w.stopped_short(one, next, k));
    }

    #[test]
    fn wide_and_narrow_letters() {
        assert!(width("mmmm") > 2.0 * width("iiii"));
        assert!((width("A b") - (0.722 + 0.25 + 0.5)).abs() < 1e-4);
        assert_eq!(width(""), 0.0);
        assert!(width("WORKERS") > width("workers"));
    }

    #[test]
    fn characters_that_draw_little_or_nothing() {
        let e = |a: &str, b: &str| (width(a) - width(b)).abs() < 1e-4;
        // A no-break space is a word space; thin spaces are narrower.
        assert!(e("a\u{a0}b", "a b"));
        assert!(width("a\u{2009}b") < width("a b"));
        assert!(e("a\u{2003}b", "a\u{2014}b"));
        // Zero-width characters and combining marks add nothing.
        assert!(e("co\u{200b}operate", "cooperate"));
        assert!(e("word\u{feff}", "word"));
        assert!(e("cafe\u{301}", "cafe"));
        // A ligature is about its letters' width, not a wide glyph.
        assert!(width("\u{fb01}") < 0.7);
        assert!(width("\u{fb03}") < 1.0);
        // A font's own glyph or an unreadable one: a letter ("n"), not a wide glyph.
        assert!(e("\u{f041}", "n"));
        assert!(e("\u{fffd}", "n"));
        // Must not fire: a wide script and a soft hyphen kept at a line's
        // end still count.
        assert!(e("\u{4e00}", "\u{2014}"));
        assert!(width("com\u{ad}") > width("com"));
    }
}
