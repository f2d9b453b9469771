//! Tables: rows of cells separated by `|` (body), `||` (header) or `|||`
//! (footer), in any order, and a `|+ caption +|` line.

use super::lines::{caption, separators};
use crate::document::{Cell, Inline, Table};

/// Which part of the table a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Body,
    Head,
    Foot,
}

/// A row split into its part and the text of its cells. `mixed` is set when
/// the row's separators are not all alike (the longest decides the part).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub part: Part,
    pub cells: Vec<&'a str>,
    pub mixed: bool,
}

/// Splits a trimmed row; bars at its edges only frame it.
pub fn split(row: &str) -> Row<'_> {
    let seps = separators(row);
    let widest = seps.iter().map(|s| s.1).max().unwrap_or(1);
    let part = match widest {
        1 => Part::Body,
        2 => Part::Head,
        _ => Part::Foot,
    };
    let mixed = seps.iter().any(|s| s.1 != widest);
    let mut cells = Vec::new();
    let mut from = 0;
    for (k, (at, len)) in seps.iter().enumerate() {
        if !(k == 0 && *at == 0) {
            cells.push(row.get(from..*at).unwrap_or_default().trim());
        }
        from = at + len;
    }
    if from < row.len() || seps.is_empty() {
        cells.push(row.get(from..).unwrap_or_default().trim());
    }
    Row { part, cells, mixed }
}

/// Builds a table from its lines, as (file line, trimmed text); `cell` reads
/// a cell's markup. Returns the table and its warnings (line, message).
pub fn build(
    lines: &[(usize, &str)],
    cell: &mut dyn FnMut(&str, usize) -> Vec<Inline>,
) -> (Table, Vec<(usize, String)>) {
    let mut table = Table::default();
    let mut warnings = Vec::new();
    let mut width: Option<usize> = None;
    for &(line, text) in lines {
        if let Some(c) = caption(text) {
            let content = cell(c, line);
            match &mut table.caption {
                Some(existing) => {
                    existing.push(Inline::Text(" ".into()));
                    existing.extend(content);
                }
                None => table.caption = Some(content),
            }
            continue;
        }
        let row = split(text);
        if row.mixed {
            warnings.push((
                line,
                "this table row mixes |, || and |||; it is read as one row of the widest kind"
                    .to_string(),
            ));
        }
        match width {
            Some(w) if row.cells.len() != w => warnings.push((
                line,
                format!("this table row has {} cells where the rows above have {w}; a stray `|` splits a cell, a missing one joins two", row.cells.len()),
            )),
            None => width = Some(row.cells.len()),
            _ => {}
        }
        let cells: Vec<Cell> = row.cells.iter().map(|c| cell(c, line)).collect();
        match row.part {
            Part::Body => table.body.push(cells),
            Part::Head => table.head.push(cells),
            Part::Foot => table.foot.push(cells),
        }
    }
    (table, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_into_parts() {
        assert_eq!(
            split("a | b | c"),
            Row {
                part: Part::Body,
                cells: vec!["a", "b", "c"],
                mixed: false
            }
        );
        assert_eq!(
            split("|| Name || Year ||"),
            Row {
                part: Part::Head,
                cells: vec!["Name", "Year"],
                mixed: false
            }
        );
        assert_eq!(
            split("Total ||| 12"),
            Row {
                part: Part::Foot,
                cells: vec!["Total", "12"],
                mixed: false
            }
        );
        assert_eq!(
            split("body | |"),
            Row {
                part: Part::Body,
                cells: vec!["body", ""],
                mixed: false
            }
        );
        assert_eq!(
            split("a | b || c"),
            Row {
                part: Part::Head,
                cells: vec!["a", "b", "c"],
                mixed: true
            }
        );
    }

    #[test]
    fn a_table_with_caption_and_a_ragged_row() {
        let lines = [
            (1, "Year || Groups"),
            (2, "1871 | 12"),
            (3, "1917 | 40 | stray"),
            (4, "|+ Counted *groups* +|"),
            (5, "All ||| 52"),
        ];
        let mut read = |s: &str, _| vec![Inline::Text(s.to_string())];
        let (t, w) = build(&lines, &mut read);
        assert_eq!(t.head.len(), 1);
        assert_eq!(t.body.len(), 2);
        assert_eq!(t.foot.len(), 1);
        assert_eq!(t.columns(), 3);
        assert_eq!(
            t.caption,
            Some(vec![Inline::Text("Counted *groups*".into())])
        );
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, 3);
    }
}
