//! Tables in print: column widths from their content, rules above and below
//! the table and under the header, cells aligned as the source asks. A table
//! wider than the measure is set a step smaller; if it is still too wide its
//! cells wrap (words break only when a column is narrower than its longest
//! word), so it never runs past the measure. Its rows break across pages
//! like lines, and a page that starts inside the table repeats the header.

use super::flow::{Body, VLine};
use super::fonts::Style;
use super::page::{Elem, Role};
use super::paragraph::{Align, ParaStyle, SetLine, Setter, TextStyle};
use super::runs::Decoration;
use crate::document::{plain_text, Alignment, Cell, Table};
use std::sync::Arc;

/// Type sizes tried, as fractions of the body size.
const SIZES: [f32; 2] = [0.93, 0.82];

/// Column widths for content of `natural` widths that cannot go below
/// `minimum`, in `avail` points: natural when they fit; else each column
/// keeps its minimum and shares the rest in proportion to what it wants
/// more; else the minimums scaled down (words then break).
pub fn widths(natural: &[f32], minimum: &[f32], avail: f32) -> Vec<f32> {
    let total: f32 = natural.iter().sum();
    if total <= avail {
        return natural.to_vec();
    }
    let min_total: f32 = minimum.iter().sum();
    if min_total <= avail {
        let want = total - min_total;
        let share = if want > 0.0 {
            (avail - min_total) / want
        } else {
            0.0
        };
        return natural
            .iter()
            .zip(minimum)
            .map(|(n, m)| m + (n - m) * share)
            .collect();
    }
    minimum.iter().map(|m| m * avail / min_total).collect()
}

/// A table's lines.
pub fn table_lines(t: &Table, body: &Body, setter: &mut Setter, out: &mut Vec<VLine>) {
    let columns = t.columns();
    if columns == 0 {
        return;
    }
    // The first size at which the table fits, else the smallest.
    let mut chosen = None;
    for (k, f) in SIZES.iter().enumerate() {
        let size = body.size * f;
        let gap = size * 1.2;
        let avail = body.measure - gap * (columns - 1) as f32;
        let (natural, minimum) = measure(t, columns, size, setter);
        if natural.iter().sum::<f32>() <= avail || k + 1 == SIZES.len() {
            chosen = Some((
                size,
                gap,
                widths(&natural, &minimum, avail.max(columns as f32)),
            ));
            break;
        }
    }
    let Some((size, gap, widths)) = chosen else {
        return;
    };
    let leading = body.leading * size / body.size;
    let total: f32 = widths.iter().sum::<f32>() + gap * (columns - 1) as f32;
    let x0 = ((body.measure - total) / 2.0).max(0.0);
    let mut col_x = Vec::with_capacity(columns);
    let mut x = 0.0;
    for w in &widths {
        col_x.push(x);
        x += w + gap;
    }
    let thick = 0.8;
    let thin = 0.4;
    let rule = |y: f32, width: f32| Decoration::Rule {
        x1: 0.0,
        y1: y,
        x2: total,
        y2: y,
        width,
    };
    let start = out.len();

    if let Some(c) = t.caption.as_ref().filter(|c| !c.is_empty()) {
        let ps = ParaStyle {
            measure: total.max(body.measure * 0.5).min(body.measure),
            indent: 0.0,
            align: Align::Center,
            hyphenate: true,
        };
        let from = out.len();
        for line in setter.set(c, TextStyle::new(Style::Italic, size), &ps) {
            out.push(VLine::new(
                line,
                ((body.measure - ps.measure) / 2.0).max(0.0),
                leading,
                0.0,
            ));
        }
        keep_together(&mut out[from..]);
        super::flow::wrap(&mut out[from..], Role::Caption);
    }

    let grid = Grid {
        widths: &widths,
        col_x: &col_x,
        x0,
        size,
        leading,
    };
    // Rows of wrapped cells need air between them.
    let wrapped = widths
        .iter()
        .zip(measure(t, columns, size, setter).0)
        .any(|(w, n)| n > w + size * 0.05);
    let row_gap = if wrapped { size * 0.4 } else { 0.0 };
    let head_from = out.len();
    for (i, row) in t.head.iter().enumerate() {
        grid.row(
            t,
            row,
            Style::Bold,
            setter,
            out,
            if i == 0 { size * 0.5 } else { 0.0 },
        );
    }
    let head_to = out.len();
    // Rules: above the first row, under the header, above a footer, below the table.
    if let Some(first) = out.get_mut(head_from) {
        first.line.decorations.push(rule(-size * 1.05, thick));
    }
    let head: Option<Arc<[VLine]>> = (head_to > head_from).then(|| {
        if let Some(last) = out.get_mut(head_to - 1) {
            last.line.decorations.push(rule(size * 0.55, thin));
            last.break_after = false;
        }
        let mut lines: Vec<VLine> = out[head_from..head_to].to_vec();
        lines[0].space_before = 0.0;
        // The space under the header's rule, which a line at a page top would not get.
        lines.push(VLine::new(
            SetLine::of_runs(Vec::new()),
            0.0,
            size * 0.55,
            0.0,
        ));
        lines.into()
    });
    for (i, row) in t.body.iter().enumerate() {
        let top = if i == 0 && head.is_some() {
            size * 0.55
        } else if i == 0 {
            size * 0.5
        } else {
            row_gap
        };
        let from = out.len();
        grid.row(t, row, Style::Regular, setter, out, top);
        if i == 0 && head.is_none() {
            if let Some(first) = out.get_mut(from) {
                first.line.decorations.push(rule(-size * 1.05, thick));
            }
        }
    }
    for (i, row) in t.foot.iter().enumerate() {
        let from = out.len();
        grid.row(
            t,
            row,
            Style::Regular,
            setter,
            out,
            if i == 0 { size * 0.55 } else { 0.0 },
        );
        if i == 0 && from > head_to {
            if let Some(first) = out.get_mut(from) {
                first.line.decorations.push(rule(-size * 1.0, thin));
            }
        }
    }
    if out.len() > start {
        if let Some(last) = out.last_mut() {
            last.line.decorations.push(rule(size * 0.55, thick));
        }
    }
    for v in &mut out[head_to..] {
        v.head = head.clone();
    }
    if let Some(first) = out.get_mut(start) {
        first.space_before += body.leading * 0.8;
    }
    // The caption and the header stay with the first row.
    if head_to > start {
        for v in &mut out[start..head_to] {
            v.break_after = false;
        }
    }
}

/// Where the columns are and how the cells are set.
struct Grid<'a> {
    widths: &'a [f32],
    col_x: &'a [f32],
    x0: f32,
    size: f32,
    leading: f32,
}

impl Grid<'_> {
    /// One row: each cell set in its column, the row as tall as its tallest cell.
    fn row(
        &self,
        t: &Table,
        row: &[Cell],
        style: Style,
        setter: &mut Setter,
        out: &mut Vec<VLine>,
        space_before: f32,
    ) {
        let cells: Vec<Vec<SetLine>> = (0..self.widths.len())
            .map(|c| {
                let align = match t.alignment(c) {
                    Alignment::Right => Align::Right,
                    Alignment::Center => Align::Center,
                    Alignment::Left | Alignment::Default => Align::Left,
                };
                // A hair of slack: a cell measured on one line stays on one line.
                let ps = ParaStyle {
                    measure: self.widths[c] + self.size * 0.05,
                    indent: 0.0,
                    align,
                    hyphenate: true,
                };
                let mut lines = row
                    .get(c)
                    .map(|cell| setter.set(cell, TextStyle::new(style, self.size), &ps))
                    .unwrap_or_default();
                let cell = Elem::new(Role::Cell(style == Style::Bold));
                for run in lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
                    run.tag.within(&cell);
                }
                lines
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let from = out.len();
        for k in 0..height {
            let mut line = SetLine::of_runs(Vec::new());
            for (c, lines) in cells.iter().enumerate() {
                let Some(l) = lines.get(k) else { continue };
                let dx = self.col_x[c];
                line.runs.extend(l.runs.iter().cloned().map(|mut r| {
                    r.x += dx;
                    r
                }));
                line.decorations
                    .extend(l.decorations.iter().map(|d| d.shifted(dx)));
                line.notes.extend(l.notes.iter().copied());
                line.hyphenated |= l.hyphenated;
            }
            line.width = self.widths.iter().sum();
            out.push(VLine::new(
                line,
                self.x0,
                self.leading,
                if k == 0 { space_before } else { 0.0 },
            ));
        }
        keep_together(&mut out[from..]);
        super::flow::wrap(&mut out[from..], Role::Row);
    }
}

/// Lines that make one unit: a page may end only after the last.
fn keep_together(lines: &mut [VLine]) {
    let n = lines.len();
    for (i, l) in lines.iter_mut().enumerate() {
        l.index_in_block = i;
        l.block_len = n;
        l.break_after = i + 1 == n;
    }
}

/// Each column's width set on one line, and its longest word.
fn measure(t: &Table, columns: usize, size: f32, setter: &mut Setter) -> (Vec<f32>, Vec<f32>) {
    let mut natural = vec![0.0f32; columns];
    let mut minimum = vec![0.0f32; columns];
    let rows = t
        .head
        .iter()
        .map(|r| (r, Style::Bold))
        .chain(t.body.iter().chain(&t.foot).map(|r| (r, Style::Regular)));
    for (row, style) in rows {
        for (c, cell) in row.iter().enumerate().take(columns) {
            let ts = TextStyle::new(style, size);
            let ps = ParaStyle::unhyphenated(1e5, Align::Left);
            let wide = setter
                .set(cell, ts, &ps)
                .iter()
                .map(|l| l.width)
                .fold(0.0, f32::max);
            natural[c] = natural[c].max(wide);
            let word = plain_text(cell)
                .split_whitespace()
                .map(|w| setter.measure_text(ts, w))
                .fold(0.0, f32::max);
            minimum[c] = minimum[c].max(word.min(wide));
        }
    }
    (natural, minimum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fit_or_share_or_shrink() {
        assert_eq!(widths(&[10.0, 20.0], &[5.0, 5.0], 100.0), vec![10.0, 20.0]);
        let w = widths(&[100.0, 50.0], &[20.0, 10.0], 90.0);
        assert!((w.iter().sum::<f32>() - 90.0).abs() < 0.01, "{w:?}");
        assert!(w[0] >= 20.0 && w[1] >= 10.0);
        let w = widths(&[100.0, 100.0], &[60.0, 40.0], 50.0);
        assert!(
            (w.iter().sum::<f32>() - 50.0).abs() < 0.01 && (w[0] - 30.0).abs() < 0.01,
            "{w:?}"
        );
    }

    #[test]
    fn a_wide_table_never_runs_past_the_measure() {
        let fonts = crate::typeset::fonts::Fonts::load(None).unwrap();
        let mut setter = Setter::new(&fonts, "en");
        let cell = |s: &str| vec![crate::document::Inline::Text(s.into())];
        let long = "a long cell of many words that will not fit on one line at all ".repeat(3);
        let t = Table {
            head: vec![vec![
                cell("Name"),
                cell("Description"),
                cell("Verylongunbreakablewordwithoutanyspaces"),
            ]],
            body: (0..40)
                .map(|i| vec![cell(&format!("Row {i}")), cell(&long), cell("12")])
                .collect(),
            align: vec![Alignment::Left, Alignment::Default, Alignment::Right],
            ..Default::default()
        };
        let body = Body {
            size: 10.0,
            leading: 12.5,
            measure: 200.0,
            justify: true,
            align: None,
            list_depth: 0,
        };
        let mut out = Vec::new();
        table_lines(&t, &body, &mut setter, &mut out);
        for v in &out {
            for r in &v.line.runs {
                assert!(
                    v.x + r.x + r.width() <= 200.0 + 0.5,
                    "run `{}` ends at {}",
                    r.text,
                    v.x + r.x + r.width()
                );
                assert!(
                    r.size < 10.0 * 0.9,
                    "a table too wide for the measure is set smaller"
                );
            }
        }
        let heads = out.iter().filter(|v| v.head.is_some()).count();
        assert!(heads > 40, "body lines carry the header to repeat");
        let text: String = out
            .iter()
            .flat_map(|v| v.line.runs.iter().map(|r| r.text.clone() + " "))
            .collect();
        assert_eq!(text.matches("Row").count(), 40, "every row is set");
        assert!(text.contains("39"));
    }
}
