//! Step 2 of reading a PDF: glyphs into lines (shared baselines) and words (gaps),
//! top to bottom; raised small numbers join the line they mark as glued note markers.

use super::glyphs::Glyph;

/// One line of text on a page, with its geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Left and right ends of the inked run.
    pub x0: f64,
    pub x1: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// The size most of its letters are set in.
    pub size: f64,
    /// The font most of its letters are set in.
    pub font: u128,
    /// Nine in ten of its letters at its size are set in bold faces.
    pub bold: bool,
    /// Widest gap between two words, in ems, and where it ends (x): columns show
    /// as wide gaps ending at the same place line after line.
    pub widest_gap: f64,
    pub gap_at: f64,
    /// Bytes at the end of `text` set raised and small, glued to the word
    /// before them: a note marker ("compiles:†"); 0 when there is none.
    pub marker: usize,
    /// Width of the first word, from `x0` to the end of its last glyph: what
    /// would have had to fit at the end of the line above.
    pub first_word: f64,
}

impl Line {
    /// The text without the note marker glued to its end.
    pub fn text_before_marker(&self) -> &str {
        self.text
            .get(..self.text.len().saturating_sub(self.marker))
            .unwrap_or(&self.text)
    }
}

/// A gap wider than this share of the em separates two words.
const WORD_GAP: f64 = 0.15;

/// Groups a page's glyphs into lines, top to bottom.
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    // Rows of glyphs sharing a baseline, in drawing order within each row.
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let mut order: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    order.sort_by(|a, b| a.y.total_cmp(&b.y));
    for g in order {
        match rows.last_mut() {
            Some(row) if (row[0].y - g.y).abs() <= 0.2 * row[0].size.max(g.size) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let rows = attach_raised(rows);
    rows.into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            line_of(&row)
        })
        .collect()
}

/// Rows of a few small glyphs sitting just above a row they overlap
/// horizontally (superscript note markers) join that row.
fn attach_raised(rows: Vec<Vec<&Glyph>>) -> Vec<Vec<&Glyph>> {
    let mut out: Vec<Vec<&Glyph>> = Vec::with_capacity(rows.len());
    let mut pending: Vec<Vec<&Glyph>> = Vec::new();
    for row in rows {
        let size = main_size(&row);
        let raised = |r: &Vec<&Glyph>| {
            let rs = main_size(r);
            let left = row.iter().map(|g| g.x).fold(f64::MAX, f64::min);
            let right = row.iter().map(|g| g.x + g.width).fold(f64::MIN, f64::max);
            rs < size * 0.85
                && r.len() <= 4
                && row[0].y - r[0].y < size * 0.6
                && r.iter().all(|g| g.x >= left - size && g.x <= right + size)
        };
        let (mut keep, mut join): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
        for p in pending.drain(..) {
            if raised(&p) {
                join.push(p)
            } else {
                keep.push(p)
            }
        }
        out.extend(keep);
        let mut row = row;
        for j in join {
            row.extend(j);
        }
        if marker_like(&row) {
            pending.push(row);
        } else {
            out.push(row);
        }
    }
    out.extend(pending);
    out
}

/// A row that could be a note marker alone: a few digits, note symbols or
/// letters (LaTeX sets its `‖` as two bars, `||`).
fn marker_like(row: &[&Glyph]) -> bool {
    row.len() <= 4
        && row.iter().all(|g| {
            g.text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "*†‡§¶‖|".contains(c))
        })
}

/// The size most glyphs of a row are set in (the largest on a tie).
fn main_size(row: &[&Glyph]) -> f64 {
    let mut sizes: Vec<(i64, usize)> = Vec::new();
    for g in row {
        let k = (g.size * 10.0).round() as i64;
        match sizes.iter_mut().find(|(s, _)| *s == k) {
            Some(e) => e.1 += g.text.chars().count(),
            None => sizes.push((k, g.text.chars().count())),
        }
    }
    sizes
        .iter()
        .max_by_key(|(s, n)| (*n, *s))
        .map(|(s, _)| *s as f64 / 10.0)
        .unwrap_or(0.0)
}

/// The gap that separates two words of a row: a share of the em beyond the row's
/// usual gap between letters (letter-spaced running heads spread every letter),
/// which is never more than half an em: on a row of a few glyphs the usual gap
/// can be the word gap itself ("• C", a bullet and a one-letter item).
fn word_gap(row: &[&Glyph], size: f64) -> f64 {
    let mut gaps: Vec<f64> = row
        .windows(2)
        .map(|w| w[1].x - (w[0].x + w[0].width))
        .filter(|g| g.is_finite())
        .collect();
    gaps.sort_by(f64::total_cmp);
    let usual = gaps
        .get(gaps.len() / 3)
        .copied()
        .unwrap_or(0.0)
        .clamp(0.0, 0.5 * size);
    WORD_GAP * size + usual
}

/// A row, sorted left to right, as a line of words.
fn line_of(row: &[&Glyph]) -> Option<Line> {
    let first = row.first()?;
    let size = main_size(row);
    let mut text = String::new();
    let mut widest_gap: f64 = 0.0;
    let mut gap_at = 0.0;
    let threshold = word_gap(row, size);
    let base = row
        .iter()
        .find(|g| (g.size - size).abs() < 0.05)
        .map_or(first.y, |g| g.y);
    let raised = |g: &Glyph| g.size < size * 0.85 && base - g.y > size * 0.15;
    let mut pen = first.x;
    // Where the run of raised glyphs glued to the text before them began.
    let mut marker_from: Option<usize> = None;
    let mut first_word: Option<f64> = None;
    for (i, g) in row.iter().enumerate() {
        let gap = g.x - pen;
        // A raised marker before a figure set on the line ("⁴1973 was"):
        // the space the raise showed, or marker and figure read as one number.
        let after_marker = i > 0
            && raised(row[i - 1])
            && !raised(g)
            && g.text.starts_with(|c: char| c.is_ascii_digit());
        // A raised marker opening the line before a word (troff's note
        // "¹ corner shop is …"): glued to it, as other typesetters set it.
        let opening_marker = i > 0
            && !after_marker
            && !raised(g)
            && gap < size
            && row[..i].iter().all(|h| raised(h));
        if i > 0
            && (gap > threshold.min(threshold * g.size / size + 0.01) || after_marker)
            && !opening_marker
            && !text.ends_with(' ')
        {
            first_word.get_or_insert(pen - first.x);
            text.push(' ');
            if gap / size > widest_gap {
                widest_gap = gap / size;
                gap_at = g.x;
            }
        }
        let glued = i > 0 && !text.ends_with(' ');
        marker_from = match marker_from {
            Some(from) if raised(g) => Some(from),
            _ if raised(g) && glued => Some(text.len()),
            _ => None,
        };
        text.push_str(g.text.trim());
        pen = pen.max(g.x + g.width);
    }
    let mut fonts: Vec<(u128, usize)> = Vec::new();
    for g in row.iter().filter(|g| (g.size - size).abs() < 0.05) {
        match fonts.iter_mut().find(|(f, _)| *f == g.font) {
            Some(e) => e.1 += 1,
            None => fonts.push((g.font, 1)),
        }
    }
    let font = fonts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(f, _)| *f)
        .unwrap_or(0);
    let body: Vec<&&Glyph> = row
        .iter()
        .filter(|g| (g.size - size).abs() < 0.05)
        .collect();
    let bold = body.iter().filter(|g| g.bold).count() * 10 >= body.len() * 9;
    Some(Line {
        x0: first.x,
        x1: pen,
        y: body.first().map(|g| g.y).unwrap_or(first.y),
        size,
        font,
        bold: bold && !body.is_empty(),
        widest_gap,
        gap_at,
        marker: marker_from.map_or(0, |from| text.len() - from),
        first_word: first_word.unwrap_or(pen - first.x),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let w = size * 0.5;
        s.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x + i as f64 * w,
                y,
                width: w,
                size,
                font: 1,
                bold: false,
            })
            .collect()
    }

    #[test]
    fn words_and_lines_from_gaps_and_baselines() {
        let mut g = word("second", 10.0, 30.0, 10.0);
        g.extend(word("First", 10.0, 17.0, 10.0));
        g.extend(word("line", 40.0, 17.2, 10.0));
        let l = lines(&g);
        assert_eq!(
            l.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["First line", "second"]
        );
        assert_eq!(l[0].size, 10.0);
    }

    #[test]
    fn letter_spaced_words_stay_whole() {
        let spaced = |s: &str, x: f64| -> Vec<Glyph> {
            s.chars()
                .enumerate()
                .map(|(i, c)| Glyph {
                    text: c.to_string(),
                    x: x + i as f64 * 7.0,
                    y: 10.0,
                    width: 5.0,
                    size: 10.0,
                    font: 1,
                    bold: false,
                })
                .collect()
        };
        let mut g = spaced("guide", 0.0);
        g.extend(spaced("for", 39.0));
        assert_eq!(lines(&g)[0].text, "guide for");
    }

    #[test]
    fn a_bullet_before_a_one_letter_item_is_a_word_of_its_own() {
        let mut g = word("•", 50.0, 20.0, 10.0);
        g.extend(word("C", 66.0, 20.0, 10.0));
        assert_eq!(lines(&g)[0].text, "• C");
        // Two letters close together stay one word.
        let mut g = word("o", 50.0, 20.0, 10.0);
        g.extend(word("f", 55.5, 20.0, 10.0));
        assert_eq!(lines(&g)[0].text, "of");
    }

    #[test]
    fn a_raised_small_number_is_glued_to_its_word() {
        let mut g = word("winter,", 10.0, 20.0, 10.0);
        g.extend(word("7", 45.0, 16.5, 6.0));
        g.extend(word("and", 52.0, 20.0, 10.0));
        let l = lines(&g);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].text, "winter,7 and");
    }

    #[test]
    fn every_note_symbol_raised_joins_its_word() {
        for mark in ["*", "†", "‡", "§", "¶", "‖", "||"] {
            let mut g = word("meeting.", 10.0, 20.0, 10.0);
            g.extend(word(mark, 50.0, 16.5, 6.0));
            let l = lines(&g);
            assert_eq!(l.len(), 1, "{mark}");
            assert_eq!(l[0].text, format!("meeting.{mark}"));
            assert_eq!(l[0].text_before_marker(), "meeting.");
        }
    }

    #[test]
    fn only_a_raised_mark_at_the_end_is_the_line_s_marker() {
        let mut g = word("compiles:", 10.0, 20.0, 10.0);
        g.extend(word("12", 55.0, 16.5, 6.0));
        assert_eq!(lines(&g)[0].text_before_marker(), "compiles:");
        // A raised mark inside the line, or figures on the line: no marker.
        let mut g = word("winter,", 10.0, 20.0, 10.0);
        g.extend(word("7", 45.0, 16.5, 6.0));
        g.extend(word("and", 52.0, 20.0, 10.0));
        assert_eq!(lines(&g)[0].marker, 0);
        let g = word("at 12:30", 10.0, 20.0, 10.0);
        assert_eq!(lines(&g)[0].text_before_marker(), "at 12:30");
    }

    #[test]
    fn a_raised_marker_opening_a_line_is_glued_to_a_word_set_apart_from_a_figure() {
        // A note that opens with a year: "⁴1973 was …" reads "4 1973 was".
        let mut g = word("4", 10.0, 16.5, 6.0);
        g.extend(word("1973", 13.0, 20.0, 10.0));
        g.extend(word("was", 40.0, 20.0, 10.0));
        assert_eq!(lines(&g)[0].text, "4 1973 was");
        // A figure set on the line before a word stays glued ("4th").
        let mut g = word("4th", 10.0, 20.0, 10.0);
        g.extend(word("was", 30.0, 20.0, 10.0));
        assert_eq!(lines(&g)[0].text, "4th was");
        // Before a word, a raised marker opening the line is glued to it,
        // whatever its case ("¹ corner shop" reads "1corner shop").
        let mut g = word("1", 10.0, 16.5, 6.0);
        g.extend(word("corner", 15.0, 20.0, 10.0));
        g.extend(word("shop", 50.0, 20.0, 10.0));
        assert_eq!(lines(&g)[0].text, "1corner shop");
        // Not a raised mark inside the line, nor a mark on the line.
        let mut g = word("see", 10.0, 20.0, 10.0);
        g.extend(word("2", 25.5, 16.5, 6.0));
        g.extend(word("corner", 32.0, 20.0, 10.0));
        assert_eq!(lines(&g)[0].text, "see2 corner");
        let mut g = word("1", 10.0, 20.0, 10.0);
        g.extend(word("corner", 17.0, 20.0, 10.0));
        assert_eq!(lines(&g)[0].text, "1 corner");
        // Figures of the same size stay one number.
        let g = word("1214", 10.0, 20.0, 10.0);
        assert_eq!(lines(&g)[0].text, "1214");
    }
}
