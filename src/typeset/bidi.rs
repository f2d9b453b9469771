//! Reordering a line's pieces for display (UAX #9, rule L2): from the
//! highest level down to the lowest odd one, every sequence of pieces at
//! that level or above is reversed. Pieces are whole words or word parts,
//! each already shaped in its own direction.

use super::paragraph::Part;

/// A line's parts in display order (left to right): pieces at their levels,
/// the room between them at the level of its neighbours, an indent at the
/// paragraph's level `base`.
pub(super) fn reorder(parts: Vec<Part<'_>>, base: u8) -> Vec<Part<'_>> {
    let piece_levels: Vec<Option<u8>> = parts.iter().map(Part::level).collect();
    let levels: Vec<u8> = (0..parts.len())
        .map(|i| match (&parts[i], piece_levels[i]) {
            (_, Some(l)) => l,
            (Part::Skip(_), None) => base,
            _ => {
                let before = piece_levels[..i].iter().rev().flatten().next().copied();
                let after = piece_levels[i + 1..].iter().flatten().next().copied();
                space_level(before, after, base)
            }
        })
        .collect();
    let order = visual_order(&levels);
    let mut slots: Vec<Option<Part>> = parts.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The display order (left to right) of pieces at `levels`, in logical order.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&highest) = levels.iter().max() else {
        return order;
    };
    let lowest_odd = levels
        .iter()
        .copied()
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(highest + 1);
    let mut level = highest;
    while level >= lowest_odd && level > 0 {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

/// The level of a space between pieces at levels `a` and `b` in a paragraph
/// at `base`: theirs when they agree, else the paragraph's (rules N1, N2).
pub fn space_level(a: Option<u8>, b: Option<u8>, base: u8) -> u8 {
    match (a, b) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) if a % 2 == b % 2 && a.min(b) > base => a.min(b),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_stays_and_right_to_left_turns() {
        assert_eq!(visual_order(&[0, 0, 0]), [0, 1, 2]);
        assert_eq!(visual_order(&[1, 1, 1]), [2, 1, 0]);
        assert_eq!(visual_order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn embedded_runs_keep_their_own_order() {
        // Arabic, then two English words, then Arabic, in a right-to-left paragraph.
        assert_eq!(visual_order(&[1, 2, 2, 1]), [3, 1, 2, 0]);
        // Hebrew words inside English text.
        assert_eq!(visual_order(&[0, 1, 1, 0]), [0, 2, 1, 3]);
    }

    #[test]
    fn spaces_take_their_neighbours_level_when_they_agree() {
        assert_eq!(space_level(Some(1), Some(1), 1), 1);
        assert_eq!(space_level(Some(2), Some(2), 1), 2);
        assert_eq!(space_level(Some(2), Some(1), 1), 1);
        assert_eq!(space_level(Some(1), Some(0), 0), 0);
        assert_eq!(space_level(None, Some(1), 1), 1);
    }
}
