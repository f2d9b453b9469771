//! The repair report: what each pass changed, removed, or doubts, by line.

use serde::Serialize;
use std::collections::BTreeMap;

/// One repair or doubt at a source line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repair {
    /// 1-based line in the source file (0 when not tied to a line).
    pub line: usize,
    /// The repair class ("hyphen joined", "page number removed").
    pub class: String,
    pub detail: String,
}

/// Everything the repair did, for `zinepress check` and the build report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub repairs: Vec<Repair>,
    pub removed: Vec<Repair>,
    /// Text moved from where it stood (notes from a page's foot to their reference).
    pub moved: Vec<Repair>,
    pub doubts: Vec<Repair>,
}

impl Report {
    pub fn repaired(&mut self, line: usize, class: &str, detail: impl Into<String>) {
        self.repairs.push(Repair {
            line,
            class: class.to_string(),
            detail: detail.into(),
        });
    }
    /// Text taken out of the essay: every such line is listed by `check`.
    pub fn removed(&mut self, line: usize, class: &str, text: &str) {
        self.removed.push(Repair {
            line,
            class: class.to_string(),
            detail: text.trim().to_string(),
        });
    }
    /// Text moved within the essay: every such move is listed by `check`.
    pub fn moved(&mut self, line: usize, class: &str, detail: impl Into<String>) {
        self.moved.push(Repair {
            line,
            class: class.to_string(),
            detail: detail.into(),
        });
    }
    pub fn doubt(&mut self, line: usize, class: &str, detail: impl Into<String>) {
        self.doubts.push(Repair {
            line,
            class: class.to_string(),
            detail: detail.into(),
        });
    }
    pub fn merge(&mut self, other: Report) {
        self.repairs.extend(other.repairs);
        self.removed.extend(other.removed);
        self.moved.extend(other.moved);
        self.doubts.extend(other.doubts);
    }

    /// Counts per class over repairs and removals.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for r in self.repairs.iter().chain(&self.removed).chain(&self.moved) {
            *counts.entry(r.class.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// Short warnings for the build log: doubts and removals, one line each.
    pub fn warnings(&self) -> Vec<String> {
        self.doubts
            .iter()
            .map(|d| match d.line {
                0 => format!("{}: {}", d.class, d.detail),
                line => format!("line {line}: {}: {}", d.class, d.detail),
            })
            .collect()
    }
}
