//! Finding a note's reference in the body: the marker glued to the end of
//! a word or punctuation ("winter,1", "open2", "hall*", "return.cd").

use super::{Marker, DOUBLE_BAR};

/// Where the reference `m` sits in a body line: the byte range of the marker
/// glued to the end of a word or punctuation ("winter,1", "open2", "hall*").
pub(super) fn find_ref(line: &str, m: &Marker, from: usize) -> Option<(usize, usize)> {
    let text = line.get(from..).unwrap_or_default();
    let glued_after = |start: usize| -> bool {
        let before: Vec<char> = text
            .get(..start)
            .unwrap_or_default()
            .chars()
            .rev()
            .take(3)
            .collect();
        match before.first() {
            Some(c) if c.is_alphabetic() => {
                before.iter().take_while(|c| c.is_alphabetic()).count() >= 2
            }
            Some(c) => {
                ".,;:!?”’\")".contains(*c)
                    && before
                        .get(1)
                        .is_some_and(|c| c.is_alphanumeric() || ".,;:!?”’\")".contains(*c))
            }
            None => false,
        }
    };
    let ends_token = |end: usize| {
        let mut after = text.get(end..).unwrap_or_default().chars();
        let (next, then) = (after.next(), after.next());
        // "rs:2:5", "2.5": a number that goes on after punctuation is not a marker.
        let goes_on =
            next.is_some_and(|c| ".,:".contains(c)) && then.is_some_and(|c| c.is_ascii_digit());
        !goes_on && next.is_none_or(|c| c.is_whitespace() || ".,;:!?”’\")—–".contains(c))
    };
    match m {
        Marker::Number(v) => {
            let digits = v.to_string();
            let mut at = 0;
            while let Some(f) = text.get(at..).unwrap_or_default().find(&digits) {
                let s = at + f;
                let e = s + digits.len();
                let digit = |c: char| c.is_ascii_digit();
                let after = text.get(e..).unwrap_or_default();
                let lone_before = !text.get(..s).unwrap_or_default().ends_with(digit);
                let lone = lone_before && !after.starts_with(digit);
                // Two references set together ("stories.34"): the first is
                // the run's start when the run is it and the next number.
                let run = after.len() - after.trim_start_matches(digit).len();
                let first_of_two = lone_before
                    && after.get(..run) == Some(&(v + 1).to_string())
                    && { glued_after(s) && ends_token(e + run) };
                // The second: right after the first, placed already.
                let second_of_two = s == 0
                    && from > 0
                    && line.get(..from).unwrap_or_default().ends_with(digit)
                    && !after.starts_with(digit)
                    && ends_token(e);
                if (lone && glued_after(s) && ends_token(e)) || first_of_two || second_of_two {
                    return Some((from + s, from + e));
                }
                at = e;
            }
            None
        }
        // "‖" as itself or as LaTeX's two bars.
        Marker::Symbol(sym) if sym == "‖" => {
            find_symbol(line, sym, from).or_else(|| find_symbol(line, DOUBLE_BAR, from))
        }
        Marker::Symbol(sym) => find_symbol(line, sym, from),
        Marker::Letter(l) => {
            // Only after punctuation: "winter,a" (a letter glued to a word is a word).
            let pat: Vec<char> = text.chars().collect();
            // Marks set together ("return.cd"): the second is the letter
            // right after the reference placed last, which ends the token.
            if from > 0 && pat.first() == Some(l) && pat.get(1).is_none_or(|c| c.is_whitespace()) {
                let before = line.get(..from).unwrap_or_default().chars().last();
                if before.is_some_and(|p| p as u32 + 1 == *l as u32) {
                    return Some((from, from + l.len_utf8()));
                }
            }
            let mut byte = 0;
            for (k, &c) in pat.iter().enumerate() {
                if c == *l
                    && k > 0
                    && ".,;:!?”’\")".contains(pat[k - 1])
                    && letters_end_token(&pat[k..])
                {
                    return Some((from + byte, from + byte + c.len_utf8()));
                }
                byte += c.len_utf8();
            }
            None
        }
    }
}

/// Where the symbol reference `sym` sits in a body line, from byte `from`:
/// glued to what stands before it, and not part of a longer run of its mark.
fn find_symbol(line: &str, sym: &str, from: usize) -> Option<(usize, usize)> {
    let text = line.get(from..).unwrap_or_default();
    let mut at = 0;
    while let Some(f) = text.get(at..).unwrap_or_default().find(sym) {
        let s = at + f;
        let e = s + sym.len();
        // "**" is not "*", but two marks set together ("stories.‡§")
        // are two references.
        let mark = sym.chars().next().unwrap_or('*');
        let exact = !text.get(..s).unwrap_or_default().ends_with(mark)
            && !text.get(e..).unwrap_or_default().starts_with(mark);
        if exact
            // Glued to what stands before it on the line (the last
            // reference placed, for marks set together).
            && line
                .get(..from + s)
                .unwrap_or_default()
                .chars()
                .last()
                .is_some_and(|c| !c.is_whitespace())
        {
            return Some((from + s, from + e));
        }
        at = e;
    }
    None
}

/// Whether the letters from a letter reference on (`run[0]`) end its token:
/// the letter alone ("winter,a and"), or two or three marks set together,
/// each the next letter ("return.cd They"; not a word after a full stop
/// with no space, "end.of").
fn letters_end_token(run: &[char]) -> bool {
    let n = run.iter().take_while(|c| !c.is_whitespace()).count();
    n == 1
        || (n <= 3
            && run[..n]
                .windows(2)
                .all(|w| w[0] as u32 + 1 == w[1] as u32 && w[1].is_ascii_lowercase()))
}
