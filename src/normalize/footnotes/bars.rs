//! LaTeX's double bar (`‖`), a note mark, as an extractor may give it: two
//! ASCII bars set apart, the second alone on the line after the first
//! ("… anything.)|" / "|", and "|" / "|If the feature …"). The two are put
//! back together, so that the reference and the note's opening read "||".

use super::super::lines::Line;

/// Sets each bar alone on its line beside the bar it was split from: on
/// the next line when that opens with one bar before a note's text (a
/// capital or a quotation mark), else at the end of the line above when
/// that ends with one bar glued to a word or a stop. A bar that has
/// neither stays where it is (a table's rule, a pipe in code).
pub fn join_split_bars(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trimmed() != "|" {
            i += 1;
            continue;
        }
        let down = lines
            .get(i + 1)
            .is_some_and(|n| opens_with_one_bar(n.trimmed()));
        let up = i > 0 && ends_with_one_bar(lines[i - 1].text.trim_end());
        if down {
            let t = lines[i + 1].trimmed().to_string();
            lines[i + 1].text = format!("|{t}");
        } else if up {
            lines[i - 1].text = format!("{}|", lines[i - 1].text.trim_end());
        } else {
            i += 1;
            continue;
        }
        let gone = lines.remove(i);
        if gone.page_break {
            if let Some(n) = lines.get_mut(i) {
                n.page_break = true;
            }
        }
    }
}

/// "|If the feature …": one bar glued to what opens a sentence.
fn opens_with_one_bar(t: &str) -> bool {
    t.strip_prefix('|')
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_uppercase() || "“\"‘(".contains(c))
}

/// "… drop anything.)|": one bar glued to a word or its punctuation.
fn ends_with_one_bar(t: &str) -> bool {
    let mut cs = t.chars().rev();
    cs.next() == Some('|')
        && cs
            .next()
            .is_some_and(|c| c.is_alphanumeric() || ".,;:!?”’\")".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lines::numbered;

    fn texts(ls: &[Line]) -> Vec<&str> {
        ls.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_bar_alone_goes_back_to_its_pair() {
        let mut ls = numbered(
            "never drop anything.)|\n|\nPattern matching.\n|\n|If the feature is accepted.\n",
        );
        join_split_bars(&mut ls);
        assert_eq!(
            texts(&ls),
            [
                "never drop anything.)||",
                "Pattern matching.",
                "||If the feature is accepted.",
                ""
            ]
        );
    }

    #[test]
    fn a_bar_alone_with_no_pair_stays() {
        // A table's rule, a pipe between words, a bar before lower case.
        let text = "a | b\n|\n| c | d |\nthe shell pipe\n|\n|grep the output\n";
        let mut ls = numbered(text);
        let n = ls.len();
        join_split_bars(&mut ls);
        assert_eq!(ls.len(), n);
    }
}
