//! Glyph runs on a PDF page, with the text each glyph stands for, so that
//! the text extracts exactly as it was written.

use crate::typeset::fonts::ShapedGlyph;
use crate::typeset::page::GlyphRun;

/// Each glyph with the text it shows, for the PDF's text extraction. A
/// glyph's text runs from its cluster to the next cluster of the run, in
/// either direction (a right-to-left run's clusters go down). In a cluster of
/// as many glyphs as characters (a letter and its marks) each glyph shows its
/// own character, the base first: right-to-left shaping puts the marks
/// before their base, and an extractor would find the cluster's text at the
/// raised mark, apart from its word. Glyphs keep their place on the page:
/// offsets make up for the new order.
pub(super) fn glyph_texts(run: &GlyphRun) -> Vec<(ShapedGlyph, std::ops::Range<usize>)> {
    // In a run whose clusters never go down (left to right), the next
    // cluster up is the next group's: no sorted list of them is needed.
    let ascending = run.glyphs.windows(2).all(|w| w[0].cluster <= w[1].cluster);
    let mut clusters: Vec<usize> = Vec::new();
    if !ascending {
        clusters = run.glyphs.iter().map(|g| g.cluster).collect();
        clusters.sort_unstable();
        clusters.dedup();
    }
    // The end of the text of the group of glyphs `..next` at cluster `c`.
    let cluster_end = |c: usize, next: usize| {
        let up = if ascending {
            run.glyphs.get(next).map(|g| g.cluster)
        } else {
            clusters.get(clusters.partition_point(|&x| x <= c)).copied()
        };
        up.unwrap_or(run.text.len()).max(c)
    };
    let mut out = Vec::with_capacity(run.glyphs.len());
    let mut pen = 0.0f32;
    let mut i = 0;
    while i < run.glyphs.len() {
        let mut j = i + 1;
        while j < run.glyphs.len() && run.glyphs[j].cluster == run.glyphs[i].cluster {
            j += 1;
        }
        let group = &run.glyphs[i..j];
        let (start, end) = (group[0].cluster, cluster_end(group[0].cluster, j));
        let text = run.text.get(start..end).unwrap_or_default();
        // The characters are listed only for a cluster of several glyphs
        // (a glyph of its own shows the cluster's text as it is).
        let chars: Vec<(usize, char)> = if group.len() > 1 {
            text.char_indices().collect()
        } else {
            Vec::new()
        };
        if group.len() > 1 && chars.len() == group.len() {
            // Where each glyph is drawn now, then the base first and the rest in order.
            let mut x = pen;
            let placed: Vec<f32> = group
                .iter()
                .map(|g| {
                    let at = x + g.x_offset;
                    x += g.advance;
                    at
                })
                .collect();
            let base = group.iter().position(|g| g.advance != 0.0).unwrap_or(0);
            let order = std::iter::once(base).chain((0..group.len()).filter(|k| *k != base));
            let mut new_pen = pen;
            for (n, k) in order.enumerate() {
                let (offset, c) = chars[n];
                out.push((
                    ShapedGlyph {
                        x_offset: placed[k] - new_pen,
                        ..group[k].clone()
                    },
                    start + offset..start + offset + c.len_utf8(),
                ));
                new_pen += group[k].advance;
            }
            pen = x;
        } else {
            for g in group {
                out.push((g.clone(), start..end));
                pen += g.advance;
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::fonts::{FaceId, Style};

    fn run(text: &str, clusters: &[usize]) -> GlyphRun {
        GlyphRun {
            x: 0.0,
            y: 0.0,
            face: FaceId::primary(Style::Regular),
            size: 10.0,
            glyphs: clusters
                .iter()
                .enumerate()
                .map(|(id, &cluster)| ShapedGlyph {
                    id: id as u16 + 1,
                    advance: 0.5,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    cluster,
                })
                .collect(),
            text: text.to_string(),
            tag: Default::default(),
            hscale: 1.0,
        }
    }

    fn ranges(run: &GlyphRun) -> Vec<std::ops::Range<usize>> {
        glyph_texts(run).into_iter().map(|(_, r)| r).collect()
    }

    #[test]
    fn a_left_to_right_run_takes_each_text_up_to_the_next_cluster() {
        // "ffi" as one ligature glyph, then "x".
        assert_eq!(ranges(&run("ffix", &[0, 3])), vec![0..3, 3..4]);
    }

    #[test]
    fn a_right_to_left_run_takes_each_text_up_to_the_next_cluster_above() {
        // Clusters going down: the glyph at 3 ends at the text's end.
        assert_eq!(ranges(&run("ffix", &[3, 0])), vec![3..4, 0..3]);
    }
}
