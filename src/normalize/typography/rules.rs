//! A language's typography rules (quotes, apostrophes, dashes, spaces
//! around punctuation), taken apart once per run of text.

use super::{is_space, trailing_word};
use crate::lang::{DashSpacing, Locale};

/// The rules of one language, taken apart once per run.
pub(super) struct Rules<'a> {
    pub(super) primary: [&'a str; 2],
    pub(super) nested: [&'a str; 2],
    pub(super) apostrophe: &'a str,
    pub(super) elisions: &'a [String],
    /// The space inside primary marks, when the language has one.
    pub(super) inside: Option<char>,
    /// The primary marks as single characters (for marks already in the text).
    pub(super) primary_open: Option<char>,
    pub(super) primary_close: Option<char>,
    pub(super) nested_open: Option<char>,
    pub(super) nested_close: Option<char>,
    /// Marks written in the source that are decided again as opening or closing.
    pub(super) extra_double: Vec<char>,
    pub(super) high: &'a str,
    pub(super) space_before_high: &'a str,
    pub(super) dash: &'a str,
    pub(super) dash_spacing: DashSpacing,
    pub(super) digit_group: &'a str,
    pub(super) percent: &'a str,
    pub(super) abbreviations: &'a [String],
    /// Quotation marks are paired in turn, not by the spaces around them.
    pub(super) pairs: bool,
}

impl<'a> Rules<'a> {
    pub(super) fn new(l: &'a Locale) -> Rules<'a> {
        let single = |s: &str| {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        };
        let q = &l.quotes;
        let p = &l.punctuation;
        // Low and reversed marks ( „ ” “ ) the language uses are decided again like ", “ and ”.
        let extra_double = q
            .primary
            .iter()
            .filter_map(|m| single(m))
            .filter(|c| matches!(c, '„' | '”' | '“'))
            .collect();
        Rules {
            primary: [&q.primary[0], &q.primary[1]],
            nested: [&q.nested[0], &q.nested[1]],
            apostrophe: &q.apostrophe,
            elisions: &q.elisions,
            inside: single(&q.inside),
            primary_open: single(&q.primary[0]),
            primary_close: single(&q.primary[1]),
            nested_open: single(&q.nested[0]),
            nested_close: single(&q.nested[1]),
            extra_double,
            high: &p.high,
            space_before_high: &p.space_before_high,
            dash: &p.dash,
            dash_spacing: p.dash_spacing,
            digit_group: &p.digit_group,
            percent: &p.percent,
            abbreviations: &p.abbreviations,
            pairs: !l.word_spaces,
        }
    }

    pub(super) fn is_double_quote(&self, c: char) -> bool {
        matches!(c, '"' | '“' | '”') || self.extra_double.contains(&c)
    }

    /// An opening primary mark, with the language's space after it.
    pub(super) fn open(&self, out: &mut Vec<char>) {
        out.extend(self.primary[0].chars());
        if let Some(inside) = self.inside {
            out.push(inside);
        }
    }

    /// A closing primary mark, with the language's space before it (when
    /// something stands before it, in this run or the one before).
    pub(super) fn close(&self, out: &mut Vec<char>, before: Option<char>) {
        if let Some(inside) = self.inside {
            while out.last().is_some_and(|c| is_space(*c)) {
                out.pop();
            }
            if !out.is_empty() || before.is_some_and(|b| !b.is_whitespace()) {
                out.push(inside);
            }
        }
        out.extend(self.primary[1].chars());
    }

    /// `c`, one of the marks that take a space before them: the space is put
    /// in (or replaces the one written), except inside web addresses and
    /// times ("http://", "10:30") and between two such marks ("?!").
    pub(super) fn high_punctuation(
        &self,
        out: &mut Vec<char>,
        c: char,
        prev: Option<char>,
        next: Option<char>,
    ) {
        let token = trailing_word(out);
        let web = token.contains("://")
            || token.starts_with("http")
            || token.starts_with("www.")
            || token.contains('@')
            || next == Some('/');
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let after_mark = prev.is_none_or(|p| self.high.contains(p) || "([{".contains(p));
        if self.space_before_high.is_empty() || web || between_digits || after_mark {
            out.push(c);
            return;
        }
        while out.last().is_some_and(|c| is_space(*c)) {
            out.pop();
        }
        out.extend(self.space_before_high.chars());
        out.push(c);
    }
}
