//! Numbers in running text: labels such as "Listing 3-1" whose hyphen
//! stays, ranges such as "1871-1919" that take an en dash, and groups of
//! three digits.

/// Numbers written "3-1", "3-2", "3-4" in a text: the left numbers of
/// labels ("Listing 3-1", "Table 3-2"), where the hyphen is not a range's
/// dash. A left number that is ever followed by one no larger than itself
/// ("3-1") numbers things; a range runs upwards ("3-4", "1871-1919").
#[derive(Debug, Default)]
pub struct Labels {
    lefts: rustc_hash::FxHashSet<u64>,
}

impl Labels {
    /// Notes the labels of one run of text.
    pub fn scan(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(off) = text.get(i..).unwrap_or_default().find('-') {
            let at = i + off;
            i = at + 1;
            let left = text
                .get(..at)
                .unwrap_or_default()
                .rsplit(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("");
            let right = text
                .get(at + 1..)
                .unwrap_or_default()
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("");
            let glued = at > left.len() && b[at - left.len() - 1].is_ascii_alphanumeric();
            if left.is_empty() || right.is_empty() || glued || left.len() > 4 || right.len() > 4 {
                continue;
            }
            if !ascending(left, right) {
                self.lefts.insert(left.parse().unwrap_or(0));
            }
        }
    }

    pub(super) fn label(&self, left: &str) -> bool {
        left.parse().is_ok_and(|n: u64| self.lefts.contains(&n))
    }
}

/// Whether "left-right" counts upwards, reading "1914-18" as 1914 to 1918.
fn ascending(left: &str, right: &str) -> bool {
    let (l, r): (u64, u64) = (left.parse().unwrap_or(0), right.parse().unwrap_or(0));
    if right.len() < left.len() {
        let tail: u64 = left
            .get(left.len() - right.len()..)
            .unwrap_or_default()
            .parse()
            .unwrap_or(0);
        return r > tail;
    }
    r > l
}

/// Whether exactly three digits follow (then no more digits): "000" of "10 000".
pub(super) fn digit_group_follows(after: &[char]) -> bool {
    after.len() >= 3
        && after[..3].iter().all(char::is_ascii_digit)
        && !after.get(3).is_some_and(char::is_ascii_digit)
}

/// Whether a hyphen between digits joins two plain numbers ("18-29", "1871-1919"),
/// not a name with a number ("COVID-19").
/// Labels ("Listing 3-1") and numbers that count down keep their hyphen.
pub(super) fn number_range(before: &[char], after: &[char], labels: &Labels) -> bool {
    let left: Vec<&char> = before
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace() && **c != '(')
        .collect();
    let left_ok = left
        .iter()
        .all(|c| c.is_ascii_digit() || ",.$".contains(**c));
    let right: Vec<&char> = after.iter().take_while(|c| c.is_alphanumeric()).collect();
    // `before` runs backwards from the hyphen: the left number reversed.
    let l: String = left
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .map(|c| **c)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    let r: String = right.iter().map(|c| **c).collect();
    let counts_up = l.is_empty() || r.is_empty() || (ascending(&l, &r) && !labels.label(&l));
    left_ok
        && counts_up
        && right.iter().all(|c| c.is_ascii_digit())
        && !after.get(right.len()).is_some_and(|c| *c == '-')
}
