//! The rest of a running head seen on too few pages to be counted: a
//! subtitle ("Second edition, revised") set under a head that was found
//! (the title repeated at the top of a later page) and parted from the
//! page's text by the space below the head.

use crate::normalize::lines::{ends_hyphen, ends_terminal, starts_upper, Line};

/// The lines that finish a running-head block: for each head removed at
/// the top of a page (`heads`, line indices), up to two lines set directly
/// under it (no blank line between) that read as a subtitle, when a blank
/// line follows them and text after that. A heading at the top of a page
/// has the space above it, not below, so it is never taken.
pub(super) fn head_block_tail(lines: &[Line], heads: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for &h in heads {
        let mut block = Vec::new();
        let mut i = h + 1;
        while i < lines.len() && block.len() < 2 && !lines[i].blank() && !lines[i].page_break {
            if heads.contains(&i) || !subtitle_like(lines[i].trimmed()) {
                block.clear();
                break;
            }
            block.push(i);
            i += 1;
        }
        let blank_then_text =
            i < lines.len() && lines[i].blank() && lines[i..].iter().any(|l| !l.blank());
        if blank_then_text && (i >= lines.len() || !heads.contains(&i)) {
            out.extend(block);
        }
    }
    out
}

/// A short line that can be a subtitle: it opens with a capital, holds a
/// few words and ends without a stop or a mark that leads on.
fn subtitle_like(s: &str) -> bool {
    let words = s.split_whitespace().count();
    starts_upper(s)
        && (1..=10).contains(&words)
        && !ends_terminal(s)
        && !ends_hyphen(s)
        && !s.ends_with([',', ';', ':', '–', '—'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lines::numbered;

    #[test]
    fn a_subtitle_under_a_head_goes_with_it() {
        let l = numbered("Notes on Print\nSecond edition, revised\n\nWhat the archive shows.");
        assert_eq!(head_block_tail(&l, &[0]), vec![1]);
    }

    #[test]
    fn a_heading_or_the_text_under_a_head_stays() {
        // A heading has the space above it.
        let l = numbered("Notes on Print\n\nWhat to keep\nIf there is a lesson here.");
        assert!(head_block_tail(&l, &[0]).is_empty());
        // A line of text runs on with no blank line after it.
        let l = numbered("Notes on Print\nWhat the archive shows\nmore than anything.");
        assert!(head_block_tail(&l, &[0]).is_empty());
        // A sentence is no subtitle.
        let l = numbered("Notes on Print\nIt ended there.\n\nThe next page.");
        assert!(head_block_tail(&l, &[0]).is_empty());
    }
}
