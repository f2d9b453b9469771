//! Glyph runs on a PDF page, with the text each glyph stands for, so that
//! the text extracts exactly as it was written.

use super::PdfFonts;
use crate::typeset::fonts::{Fonts, ShapedGlyph};
use crate::typeset::page::GlyphRun;
use anyhow::{anyhow, Result};
use krilla::color::rgb;
use krilla::geom::{Point, Transform};
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};

pub(super) fn draw_run(
    surface: &mut Surface,
    run: &GlyphRun,
    fonts: &Fonts,
    pdf_fonts: &PdfFonts,
) -> Result<()> {
    if run.glyphs.is_empty() {
        return Ok(());
    }
    let glyphs: Vec<KrillaGlyph> = glyph_texts(run)
        .into_iter()
        .map(|(g, text_range)| KrillaGlyph {
            glyph_id: GlyphId::new(g.id as u32),
            text_range,
            x_advance: g.advance,
            x_offset: g.x_offset,
            y_offset: g.y_offset,
            y_advance: 0.0,
            location: None,
        })
        .collect();
    let font = pdf_fonts.get(fonts, run.face).ok_or_else(|| {
        anyhow!(
            "{}: the PDF writer cannot read this font; name another one in zinepress.toml [fonts]",
            fonts.face_of(run.face).file.display()
        )
    })?;
    surface.set_fill(Some(Fill {
        paint: rgb::Color::black().into(),
        ..Default::default()
    }));
    // An expanded line's glyphs are scaled horizontally about the run's start.
    let scaled = run.hscale != 1.0;
    if scaled {
        surface.push_transform(&Transform::from_row(
            run.hscale, 0.0, 0.0, 1.0, run.x, run.y,
        ));
    }
    let at = if scaled {
        Point::from_xy(0.0, 0.0)
    } else {
        Point::from_xy(run.x, run.y)
    };
    surface.draw_glyphs(at, &glyphs, font, &run.text, run.size, false);
    if scaled {
        surface.pop();
    }
    Ok(())
}

/// Each glyph with the text it shows, for the PDF's text extraction. A
/// glyph's text runs from its cluster to the next cluster of the run, in
/// either direction (a right-to-left run's clusters go down). In a cluster of
/// as many glyphs as characters (a letter and its marks) each glyph shows its
/// own character, the base first: right-to-left shaping puts the marks
/// before their base, and an extractor would find the cluster's text at the
/// raised mark, apart from its word. Glyphs keep their place on the page:
/// offsets make up for the new order.
pub(super) fn glyph_texts(run: &GlyphRun) -> Vec<(ShapedGlyph, std::ops::Range<usize>)> {
    let mut clusters: Vec<usize> = run.glyphs.iter().map(|g| g.cluster).collect();
    clusters.sort_unstable();
    clusters.dedup();
    let cluster_end = |c: usize| {
        clusters
            .get(clusters.partition_point(|&x| x <= c))
            .copied()
            .unwrap_or(run.text.len())
            .max(c)
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
        let (start, end) = (group[0].cluster, cluster_end(group[0].cluster));
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
