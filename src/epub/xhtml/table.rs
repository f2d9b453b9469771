//! Tables to XHTML: a caption, header cells with `scope="col"`, body and
//! footer rows filled out to the table's width, alignment as a class.

use super::{align_class, Writer};
use crate::document::{Cell, Table};

impl Writer<'_> {
    pub(super) fn table(&mut self, t: &Table, out: &mut String) {
        let columns = t.columns();
        out.push_str("<table>\n");
        if let Some(c) = t.caption.as_deref().filter(|c| !c.is_empty()) {
            out.push_str("<caption>");
            self.inlines(c, true, out);
            out.push_str("</caption>\n");
        }
        for (tag, rows) in [("thead", &t.head), ("tbody", &t.body), ("tfoot", &t.foot)] {
            if rows.is_empty() {
                continue;
            }
            out.push_str(&format!("<{tag}>\n"));
            for row in rows.iter() {
                self.row(t, row, columns, tag == "thead", out);
            }
            out.push_str(&format!("</{tag}>\n"));
        }
        out.push_str("</table>\n");
    }

    fn row(&mut self, t: &Table, row: &[Cell], columns: usize, head: bool, out: &mut String) {
        out.push_str("<tr>");
        for i in 0..columns {
            let class = align_class(t.alignment(i))
                .map(|c| format!(" class=\"{c}\""))
                .unwrap_or_default();
            let open = if head {
                format!("<th scope=\"col\"{class}>")
            } else {
                format!("<td{class}>")
            };
            out.push_str(&open);
            if let Some(cell) = row.get(i) {
                self.inlines(cell, true, out);
            }
            out.push_str(if head { "</th>" } else { "</td>" });
        }
        out.push_str("</tr>\n");
    }
}
