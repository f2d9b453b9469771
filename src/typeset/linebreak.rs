//! Knuth-Plass total-fit line breaking over boxes, glue and penalties.
//!
//! The breaker sees only widths; what the boxes hold is the caller's. It runs
//! up to three passes: a strict one, a looser one, and an emergency one that
//! accepts any ratio, so a paragraph always gets breaks. Callers make every
//! box narrower than the measure (by adding break points inside over-wide
//! words) so that no line overflows.
//!
//! Two refinements of microtypography (see `microtype`): boxes may stretch
//! and shrink by a share of their width (font expansion), counted with the
//! glue's stretch and shrink in one adjustment ratio; and a line may reach
//! past the measure by the amounts its first and last characters hang into
//! the margins (character protrusion).

use super::microtype::Hangs;

/// One element of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    Box {
        width: f32,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    /// A possible break costing `penalty`; `width` is added when the line
    /// breaks here (a hyphen). `flagged` marks hyphen breaks.
    Penalty {
        width: f32,
        penalty: f32,
        flagged: bool,
    },
}

/// Penalties at or above this never break; at or below `-INFINITY_PENALTY` always.
pub const INFINITY_PENALTY: f32 = 10000.0;

/// How a paragraph (or a forced line) ends: no break before the finishing
/// glue, which fills the rest of the line, then a forced break.
pub const FORCED_BREAK: [Item; 3] = [
    Item::Penalty {
        width: 0.0,
        penalty: INFINITY_PENALTY,
        flagged: false,
    },
    Item::Glue {
        width: 0.0,
        stretch: 1e5,
        shrink: 0.0,
    },
    Item::Penalty {
        width: 0.0,
        penalty: -INFINITY_PENALTY,
        flagged: false,
    },
];

/// Penalties from this one up to `INFINITY_PENALTY` are breaks of last resort,
/// taken only in the emergency pass (words joined by a no-break space that
/// together are wider than the measure).
pub const LAST_RESORT_PENALTY: f32 = 9000.0;

/// Parameters of the breaker.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub line_penalty: f32,
    /// Extra demerits for two hyphenated lines in a row.
    pub double_hyphen_demerits: f32,
    /// Extra demerits for lines of very different tightness in a row.
    pub adjacent_demerits: f32,
    /// Extra demerits when the last line is shorter than `short_last_line` (share of the measure).
    pub short_last_demerits: f32,
    pub short_last_line: f32,
    /// Stretch available on every line beyond the glue's (ragged right).
    pub ragged_stretch: f32,
    /// Extra demerits when the last full line of a paragraph ends hyphenated.
    pub final_hyphen_demerits: f32,
    /// Share of a box's width it may stretch or shrink (font expansion).
    pub expansion: f32,
    /// Largest adjustment ratio of the first pass (TeX's tolerance 200 is
    /// a ratio of about 1.26); a paragraph that cannot be set within it
    /// gets a second pass at ratio 6.
    pub tolerance: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            line_penalty: 10.0,
            double_hyphen_demerits: 10000.0,
            adjacent_demerits: 5000.0,
            short_last_demerits: 8000.0,
            short_last_line: 0.12,
            ragged_stretch: 0.0,
            final_hyphen_demerits: 5000.0,
            expansion: 0.0,
            tolerance: 2.0,
        }
    }
}

/// A chosen line: items `start..end` (the break item at `end` excluded) and
/// its adjustment ratio (negative: shrunk, positive: stretched).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub ratio: f32,
    /// The line ends at a flagged (hyphen) penalty.
    pub hyphenated: bool,
    /// How far the line reaches into the left and the right margin.
    pub hang_left: f32,
    pub hang_right: f32,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    position: usize,
    line: usize,
    fitness: u8,
    total_width: f32,
    total_stretch: f32,
    total_shrink: f32,
    /// Width of the boxes before the break (what font expansion scales).
    total_box: f32,
    /// How far the next line may hang into the left margin.
    hang_left: f32,
    /// The adjustment ratio of the line ending here.
    ratio: f32,
    demerits: f32,
    /// How many lines in a row end hyphenated, this one included.
    hyphen_run: u8,
    prev: Option<usize>,
}

/// Longest run of hyphenated lines allowed outside the emergency pass.
const MAX_HYPHEN_RUN: u8 = 2;

/// Breaks `items` into lines of width `measure`. The last item should be a
/// forced break (penalty `-INFINITY_PENALTY`), preceded by finishing glue.
pub fn break_lines(items: &[Item], measure: f32, params: &Params) -> Vec<Line> {
    break_lines_hanging(items, measure, params, &Hangs::default())
}

/// Like [`break_lines`], with lines reaching into the margins by `hangs`.
pub fn break_lines_hanging(
    items: &[Item],
    measure: f32,
    params: &Params,
    hangs: &Hangs,
) -> Vec<Line> {
    if items.is_empty() {
        return Vec::new();
    }
    for tolerance in [params.tolerance, 6.0f32.max(params.tolerance)] {
        if let Some(lines) = run(items, measure, params, hangs, tolerance, false) {
            return lines;
        }
    }
    run(items, measure, params, hangs, f32::INFINITY, true).unwrap_or_else(|| {
        vec![Line {
            start: 0,
            end: items.len(),
            ratio: 0.0,
            hyphenated: false,
            hang_left: 0.0,
            hang_right: 0.0,
        }]
    })
}

fn badness(ratio: f32) -> f32 {
    if ratio < -1.0 {
        f32::INFINITY
    } else {
        (100.0 * ratio.abs().powi(3)).min(INFINITY_PENALTY)
    }
}

fn fitness_class(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

fn run(
    items: &[Item],
    measure: f32,
    p: &Params,
    hangs: &Hangs,
    tolerance: f32,
    emergency: bool,
) -> Option<Vec<Line>> {
    let mut nodes: Vec<Node> = vec![Node {
        position: 0,
        line: 0,
        fitness: 1,
        total_width: 0.0,
        total_stretch: 0.0,
        total_shrink: 0.0,
        total_box: 0.0,
        hang_left: hangs.left(0),
        ratio: 0.0,
        demerits: 0.0,
        hyphen_run: 0,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];
    // The nodes still active after a break; one buffer, swapped with `active`.
    let mut still_active: Vec<usize> = Vec::new();
    let (mut tw, mut ty, mut tz, mut tb) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);

    for (i, item) in items.iter().enumerate() {
        let (is_break, pen_width, penalty, flagged) = match *item {
            Item::Box { .. } => (false, 0.0, 0.0, false),
            Item::Glue { .. } => (
                i > 0 && matches!(items[i - 1], Item::Box { .. }),
                0.0,
                0.0,
                false,
            ),
            Item::Penalty {
                width,
                penalty,
                flagged,
            } => (
                penalty < INFINITY_PENALTY && (emergency || penalty < LAST_RESORT_PENALTY),
                width,
                penalty,
                flagged,
            ),
        };
        if is_break {
            let forced = penalty <= -INFINITY_PENALTY;
            // Best candidate per (fitness class, hyphen run), so that a path
            // kept for its low demerits can't force a third hyphen in a row.
            let mut best: [Option<(f32, usize, f32)>; 12] = [None; 12];
            still_active.clear();
            let mut rescue: Option<(f32, usize, f32)> = None;
            for &a in &active {
                let node = nodes[a];
                let width = tw - node.total_width + pen_width;
                let expand = p.expansion * (tb - node.total_box + pen_width.max(0.0));
                let stretch = ty - node.total_stretch + p.ragged_stretch + expand;
                let shrink = tz - node.total_shrink + expand;
                let measure = measure + node.hang_left + hangs.right(i);
                let ratio = if width < measure {
                    if stretch > 0.0 {
                        (measure - width) / stretch
                    } else {
                        f32::INFINITY
                    }
                } else if width > measure {
                    if shrink > 0.0 {
                        (measure - width) / shrink
                    } else {
                        f32::NEG_INFINITY
                    }
                } else {
                    0.0
                };
                let too_tight = ratio < -1.0;
                if !too_tight && !forced {
                    still_active.push(a);
                }
                let run = if flagged { node.hyphen_run + 1 } else { 0 };
                let feasible = !too_tight
                    && (ratio <= tolerance || emergency)
                    && (run <= MAX_HYPHEN_RUN || emergency);
                if feasible {
                    let bad = badness(ratio);
                    let mut d = (p.line_penalty + bad).powi(2);
                    if penalty >= 0.0 {
                        d += penalty * penalty;
                    } else if !forced {
                        d -= penalty * penalty;
                    }
                    if flagged && node.hyphen_run > 0 {
                        d += p.double_hyphen_demerits;
                    }
                    if forced && node.hyphen_run > 0 {
                        d += p.final_hyphen_demerits;
                    }
                    let fit = fitness_class(ratio);
                    if (fit as i8 - node.fitness as i8).abs() > 1 {
                        d += p.adjacent_demerits;
                    }
                    if forced && node.line > 0 {
                        // `width` is the natural width: the finishing glue has none.
                        if width < measure * p.short_last_line {
                            d += p.short_last_demerits;
                        }
                    }
                    let total = node.demerits + d;
                    let slot = &mut best[fit as usize * 3 + run.min(MAX_HYPHEN_RUN) as usize];
                    if slot.is_none_or(|(dm, _, _)| total < dm) {
                        *slot = Some((total, a, ratio));
                    }
                } else if emergency
                    && rescue.is_none_or(|(dm, r, _)| {
                        (node.position, -node.demerits) > (nodes[r].position, -dm)
                    })
                {
                    // The latest break: the overfull line holds as little as
                    // possible (one box too wide for any line, when it can).
                    rescue = Some((node.demerits, a, ratio.max(-1.0)));
                }
            }
            std::mem::swap(&mut active, &mut still_active);
            if best.iter().all(Option::is_none) && active.is_empty() {
                // Nothing fits: break anyway at the least bad place (emergency only).
                if let Some(r) = rescue {
                    best[3] = Some(r);
                }
            }
            // Totals after the break: skip following glue and non-forced penalties.
            let (mut aw, mut ay, mut az) = (tw, ty, tz);
            let mut hang_left = 0.0;
            for (j, next) in items.iter().enumerate().skip(i) {
                match *next {
                    Item::Box { .. } => {
                        hang_left = hangs.left(j);
                        break;
                    }
                    Item::Glue {
                        width,
                        stretch,
                        shrink,
                    } => {
                        aw += width;
                        ay += stretch;
                        az += shrink;
                    }
                    Item::Penalty { penalty, .. } => {
                        if penalty <= -INFINITY_PENALTY && !std::ptr::eq(next, item) {
                            break;
                        }
                    }
                }
            }
            for (key, slot) in best.iter().enumerate() {
                if let Some((demerits, from, ratio)) = *slot {
                    nodes.push(Node {
                        position: i,
                        line: nodes[from].line + 1,
                        fitness: (key / 3) as u8,
                        total_width: aw,
                        total_stretch: ay,
                        total_shrink: az,
                        total_box: tb,
                        hang_left,
                        ratio,
                        demerits,
                        hyphen_run: if flagged {
                            nodes[from].hyphen_run.saturating_add(1)
                        } else {
                            0
                        },
                        prev: Some(from),
                    });
                    active.push(nodes.len() - 1);
                }
            }
            if active.is_empty() {
                return None;
            }
        }
        if let Item::Glue {
            width,
            stretch,
            shrink,
        } = *item
        {
            tw += width;
            ty += stretch;
            tz += shrink;
        } else if let Item::Box { width } = *item {
            tw += width;
            tb += width;
        }
    }
    // The best node at the end.
    let last = items.len() - 1;
    let end = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].position == last)
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    let mut breaks = Vec::new();
    let mut cur = Some(end);
    while let Some(n) = cur {
        if nodes[n].prev.is_some() {
            breaks.push(n);
        }
        cur = nodes[n].prev;
    }
    breaks.reverse();
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0usize;
    let mut hang_left = nodes[0].hang_left;
    for n in breaks {
        let node = nodes[n];
        // Without microtypography, the ratio as it always was computed;
        // with it, the breaker's (glue and expansion share it).
        let hang_right = hangs.right(node.position);
        let ratio = if p.expansion == 0.0 && hang_left == 0.0 && hang_right == 0.0 {
            line_ratio(items, start, node.position, measure, p.ragged_stretch)
        } else {
            // An emergency line with nothing to stretch is set as it is.
            if node.ratio.is_finite() {
                node.ratio.max(-1.0)
            } else {
                0.0
            }
        };
        lines.push(Line {
            start,
            end: node.position,
            ratio,
            hyphenated: node.hyphen_run > 0,
            hang_left,
            hang_right,
        });
        hang_left = node.hang_left;
        start = node.position + 1;
        while start < items.len()
            && matches!(items[start], Item::Glue { .. } | Item::Penalty { .. })
            && !is_forced(&items[start])
        {
            start += 1;
        }
    }
    Some(lines)
}

fn is_forced(item: &Item) -> bool {
    matches!(item, Item::Penalty { penalty, .. } if *penalty <= -INFINITY_PENALTY)
}

/// The adjustment ratio of items `start..end` set at `measure`.
pub fn line_ratio(
    items: &[Item],
    start: usize,
    end: usize,
    measure: f32,
    extra_stretch: f32,
) -> f32 {
    let (mut w, mut y, mut z) = (0.0f32, extra_stretch, 0.0f32);
    for item in &items[start..end] {
        match *item {
            Item::Box { width } => w += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                w += width;
                y += stretch;
                z += shrink;
            }
            Item::Penalty { .. } => {}
        }
    }
    if let Some(Item::Penalty { width, .. }) = items.get(end) {
        w += width;
    }
    if w < measure {
        if y > 0.0 {
            (measure - w) / y
        } else {
            0.0
        }
    } else if z > 0.0 {
        ((measure - w) / z).max(-1.0)
    } else {
        0.0
    }
}

/// Natural width of items `start..end` plus the break's width, with glue set at `ratio`.
pub fn set_width(items: &[Item], start: usize, end: usize, ratio: f32) -> f32 {
    let mut w = 0.0;
    for item in &items[start..end] {
        match *item {
            Item::Box { width } => w += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                w += width
                    + if ratio >= 0.0 {
                        ratio * stretch
                    } else {
                        ratio * shrink
                    }
            }
            Item::Penalty { .. } => {}
        }
    }
    if let Some(Item::Penalty { width, .. }) = items.get(end) {
        w += width;
    }
    w
}

#[cfg(test)]
mod tests;
