//! Plain-text repair: lines to paragraphs. Furniture out, hard wraps undone,
//! line-end hyphens decided, capitals lead-ins restored; then notes and
//! structure (see `structure`).

use super::enumerate;
use super::footnotes;
use super::furniture;
use super::hyphen::{self, Decision, Evidence};
use super::inline::{SC_END, SC_START};
use super::leadin::{normal_case, CaseMap};
use super::lines::{self, ends_hyphen, is_bullet, is_caps_leadin, Layout, Line, Para, ParaKind};
use super::notes::FoundNote;
use super::pages;
use super::paragraphs;
use super::structure::{self, Item};
use super::{Normalized, Report};
use crate::source::Geometry;
use contents::{strip_contents_page, strip_toc};
use rejoin::rejoin;

mod contents;
mod rejoin;

/// Repairs plain text into blocks.
/// `geometry` holds what a PDF's geometry shows about the lines (which run
/// on, which are set larger, which sit at a page's edge, which are notes set
/// smaller at a page's foot); empty for text.
pub fn repair(
    text: &str,
    first_line: usize,
    geometry: &Geometry,
    language: &str,
    report: &mut Report,
) -> Normalized {
    let mut lines: Vec<Line> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| Line::new(first_line + i, l))
        .collect();
    let has = |list: &[usize], no: usize| list.binary_search(&no).is_ok();
    for l in lines.iter_mut() {
        l.runs_on = has(&geometry.runs_on, l.no);
        l.ends = has(&geometry.ends, l.no);
        l.heading = has(&geometry.headings, l.no);
        l.apart = has(&geometry.apart, l.no);
        l.furniture = has(&geometry.furniture, l.no);
        l.foot = has(&geometry.notes, l.no);
    }
    if !geometry.pdf {
        footnotes::join_split_bars(&mut lines);
        footnotes::split_joined_notes(&mut lines);
    }
    let layout = if geometry.pdf {
        lines::wrapped_layout(&lines)
    } else {
        lines::layout(&lines)
    };
    report.repaired(
        0,
        "layout",
        match layout {
            Layout::Wrapped { width } => format!("hard-wrapped at about {width} characters"),
            Layout::PerLine => "one paragraph per line".to_string(),
        },
    );
    strip_contents_page(&mut lines, report);
    let before: Vec<(usize, String)> = lines
        .iter()
        .filter(|l| !l.blank())
        .map(|l| (l.no, l.trimmed().to_string()))
        .collect();
    let pages = pages::find(&lines);
    pages::strip(&mut lines, &pages, report);
    pages::strip_placed(&mut lines, report);
    join_lone_bullets(&mut lines);
    let evidence = Evidence::from_lines(lines.iter().map(|l| l.trimmed())).with_language(language);
    // Before the notes leave the body: a note's lines lose hyphens too.
    // A PDF's lines are its own: no extractor joined two of them, so a
    // long line is one set smaller (a note), with no seam to repair.
    if !geometry.pdf {
        restore_hyphens(&mut lines, layout, &evidence, report);
    }
    let foot = footnotes::extract(&mut lines, &pages, report);
    super::refsplit::join_split_references(&mut lines);
    strip_toc(&mut lines, report);
    furniture::strip_lines(&mut lines, layout, !pages.breaks.is_empty(), report);
    let cases = CaseMap::from_lines(lines.iter().map(|l| l.trimmed()));
    let mut paras = paragraphs::group(&lines, layout);
    let kept: std::collections::HashSet<usize> =
        lines.iter().filter(|l| !l.blank()).map(|l| l.no).collect();
    let removed: Vec<&str> = before
        .iter()
        .filter(|(no, _)| !kept.contains(no))
        .map(|(_, t)| t.as_str())
        .collect();
    join_wrapped_title(&mut paras, &removed);
    let gone: Vec<usize> = before
        .iter()
        .filter(|(no, _)| !kept.contains(no))
        .map(|(no, _)| *no)
        .collect();
    let page_starts: Vec<usize> = lines
        .iter()
        .filter(|l| l.page_break)
        .map(|l| l.no)
        .collect();
    let mut ends: Vec<(usize, usize)> = paras
        .iter()
        .map(|p| p.lines.last().map_or((0, 0), |l| (l.no, l.len())))
        .collect();
    let mut items: Vec<Item> = paras
        .iter()
        .map(|p| unwrap(p, layout, &evidence, &cases, report))
        .collect();
    // Pull quotes and blurbs that repeat the body.
    let texts: Vec<String> = items.iter().map(|i| i.text.clone()).collect();
    // List items repeat each other by nature ("• Available to all developers"),
    // a heading is repeated where the body refers to its section, and a
    // paragraph that starts mid-sentence was cut off by a page break.
    // A paragraph a PDF sets larger than the body, no heading (a pull
    // quote), is set apart by the geometry.
    let large: Vec<bool> = paras
        .iter()
        .map(|p| p.lines.iter().all(|l| l.apart))
        .collect();
    let repeats: Vec<usize> = furniture::repeated(&texts, &large)
        .into_iter()
        .filter(|&i| {
            !items[i].bullet
                && !furniture::continues_a_sentence(&items[i].text)
                && enumerate::marker(&items[i].text).is_none()
                && !lines::title_like(&items[i].text)
                && (large[i]
                    || (!at_body_measure(&paras[i], layout)
                        && set_apart(&lines, &paras[i], first_line)))
        })
        .collect();
    for &i in repeats.iter().rev() {
        ends.remove(i);
        let item = items.remove(i);
        report.removed(
            item.line,
            "repeated text removed (pull quote or blurb)",
            &item.text,
        );
    }
    let cut_between = |a_end: usize, b_start: usize| {
        gone.iter().any(|&n| n > a_end && n < b_start) || page_starts.contains(&b_start)
    };
    let measure = match layout {
        Layout::Wrapped { width } => Some(width),
        Layout::PerLine => None,
    };
    rejoin(&mut items, &ends, measure, cut_between, &evidence, report);
    let foot: Vec<FoundNote> = foot
        .into_iter()
        .map(|n| {
            let para = Para {
                kind: ParaKind::Prose,
                lines: n.lines,
            };
            let text = unwrap(
                &para,
                Layout::PerLine,
                &evidence,
                &cases,
                &mut Report::default(),
            )
            .text;
            FoundNote {
                number: n.number,
                text,
                line: para.first_line(),
            }
        })
        .collect();
    structure::build(items, layout, foot, report)
}

/// Lines longer than the measure are two lines an extractor joined, and
/// where it joined them at a compound's own hyphen it dropped the hyphen:
/// put it back where the document's evidence says so.
fn restore_hyphens(lines: &mut [Line], layout: Layout, evidence: &Evidence, report: &mut Report) {
    let Layout::Wrapped { width } = layout else {
        return;
    };
    // Lines set smaller (notes) have a measure of their own.
    let measures = super::footlines::local_measures(lines, width);
    for (l, width) in lines.iter_mut().zip(measures) {
        if l.len() * 10 <= width * 11 {
            continue;
        }
        // The first line of the two ended near the measure.
        let seam = width * 3 / 4..width * 6 / 5;
        let lead = l.text.chars().take_while(|c| c.is_whitespace()).count();
        let (text, restored) =
            hyphen::restore(&l.text, evidence, seam.start + lead..seam.end + lead);
        for word in restored {
            report.repaired(l.no, "lost hyphen restored", word);
        }
        l.text = text;
    }
}

/// Whether a paragraph's lines are set to the body's measure: a pull quote
/// is set larger, so its lines hold fewer characters; a paragraph of two
/// lines or more whose first line reaches the measure is body text, and a
/// repeat in it is the author's.
fn at_body_measure(p: &Para, layout: Layout) -> bool {
    let Layout::Wrapped { width } = layout else {
        return false;
    };
    p.lines.len() >= 2 && p.lines[0].len() * 100 >= width * 85
}

/// Whether a paragraph that repeats the body is set apart from it, as a
/// pull quote or a blurb is: in lines of its own measure (more than one
/// line, or short fragments), or at a page's edge, where floats go
/// (nothing but blank or removed lines between it and a page break, or
/// the text's start or end). A single line of prose in the middle of a
/// page is the author saying a sentence twice, and stays.
fn set_apart(lines: &[Line], p: &Para, first_line: usize) -> bool {
    if p.lines.len() > 1 || p.kind != ParaKind::Prose {
        return true;
    }
    let index = |l: Option<&Line>| {
        l.and_then(|l| l.no.checked_sub(first_line))
            .filter(|&i| i < lines.len())
    };
    let (Some(a), Some(b)) = (index(p.lines.first()), index(p.lines.last())) else {
        return false;
    };
    // Above: blank or removed lines back to one that opened the page.
    let top = lines[a].page_break
        || lines[..a]
            .iter()
            .rev()
            .find(|l| !l.blank() || l.page_break)
            .is_none_or(|l| l.blank());
    // Below: blank or removed lines down to the next page's first line.
    let bottom = lines[b + 1..]
        .iter()
        .find(|l| !l.blank() || l.page_break)
        .is_none_or(|l| l.page_break);
    top || bottom
}

/// A title set over two or three lines ("Against the Grain: Notes on
/// Radical" / "Print Shops") reads as short lines that each look like a
/// heading of their own. Where a running head (removed as furniture)
/// repeats the title whole, the first one-line paragraphs whose words make
/// up that head, and no fewer of them, are one title.
fn join_wrapped_title(paras: &mut Vec<Para>, removed: &[&str]) {
    let heads: Vec<Vec<String>> = removed.iter().map(|t| head_words(t)).collect();
    for n in [2, 3] {
        let Some(first) = paras.get(..n) else {
            return;
        };
        if !first
            .iter()
            .all(|p| p.lines.len() == 1 && p.kind == ParaKind::Prose)
        {
            return;
        }
        let joined: Vec<String> = first
            .iter()
            .flat_map(|p| head_words(p.lines[0].trimmed()))
            .collect();
        if joined.len() >= 2 && heads.contains(&joined) {
            let rest: Vec<Line> = paras.drain(1..n).flat_map(|p| p.lines).collect();
            paras[0].lines.extend(rest);
            return;
        }
    }
}

/// The words of a line in lower case, without a page number at either end.
fn head_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let number = |w: &String| w.chars().all(|c| c.is_ascii_digit());
    if w.last().is_some_and(number) {
        w.pop();
    }
    if w.first().is_some_and(number) {
        w.remove(0);
    }
    w
}

/// A list's bullet that an extractor set on a line of its own, its item's
/// text after a blank line ("•" / "" / "Nothing that plugs in …"), goes
/// back before its text, where other items of the list, set whole, stand
/// just above or below it. A bullet alone between paragraphs with no list
/// beside it is an ornament and stays.
fn join_lone_bullets(lines: &mut [Line]) {
    let lone = |l: &Line| matches!(l.trimmed(), "•" | "◦" | "▪" | "‣" | "●");
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].blank()).collect();
    for (k, &i) in nonblank.iter().enumerate() {
        let Some(&j) = nonblank.get(k + 1) else {
            continue;
        };
        if !lone(&lines[i]) || j > i + 2 || lone(&lines[j]) || lines::is_bullet(&lines[j].text) {
            continue;
        }
        let list_above = k > 0 && lines::is_bullet(&lines[nonblank[k - 1]].text);
        let list_below = nonblank[k + 2..]
            .iter()
            .take(6)
            .any(|&n| lines::is_bullet(&lines[n].text));
        if list_above || list_below {
            let mark = lines[i].trimmed().to_string();
            lines[j].text = format!("{mark} {}", lines[j].trimmed());
            lines[i].text.clear();
        }
    }
}

/// One paragraph's lines joined into text.
fn unwrap(p: &Para, layout: Layout, ev: &Evidence, cases: &CaseMap, report: &mut Report) -> Item {
    let mut texts: Vec<String> = p.lines.iter().map(|l| l.trimmed().to_string()).collect();
    let mut leadin = false;
    // A paragraph all in capitals (a demand, a warning) keeps them: the
    // lead-in is only the capitals that open a paragraph in mixed case.
    // Two lines in capitals open a passage in capitals, never a lead-in:
    // the lead-in is a line's worth of words before the text goes on in
    // mixed case.
    let all_caps = texts.len() > 1 && texts[..2].iter().all(|t| paragraphs::is_caps_line(t));
    // A lead-in opens text that goes on: a line in capitals alone is a heading.
    if p.kind == ParaKind::Prose && texts.len() > 1 && is_caps_leadin(&texts[0]) && !all_caps {
        leadin = true;
        let words = texts[0].split_whitespace().count();
        texts[0] = format!("{SC_START}{}", normal_case(&texts[0], cases, true));
        report.repaired(
            p.first_line(),
            "capitals lead-in set in small capitals",
            format!("{words} words"),
        );
        if ends_hyphen(&texts[0]) && texts.len() > 1 {
            let next = &texts[1];
            let cut = next.find(char::is_whitespace).unwrap_or(next.len());
            // `find` gives a char boundary: the split always succeeds.
            let (word, rest) = next.split_at_checked(cut).unwrap_or((next, ""));
            texts[1] = format!("{word}{SC_END}{rest}");
        } else {
            texts[0].push(SC_END);
        }
    }
    let bullet = is_bullet(&texts[0]);
    if bullet {
        texts[0] = texts[0]
            .trim_start_matches(['•', '◦', '▪', '‣', '●', '*', '-', '–'])
            .trim_start()
            .to_string();
    }
    let verse_lines = if p.kind == ParaKind::Verse {
        texts.clone()
    } else {
        Vec::new()
    };
    let mut out = String::new();
    for (i, t) in texts.iter().enumerate() {
        if i == 0 {
            out.push_str(t);
            continue;
        }
        if out.ends_with('\u{ad}') {
            out.pop();
            out.push_str(t);
            report.repaired(p.lines[i].no, "soft hyphen joined", "");
        } else if ends_hyphen(&out) && p.kind != ParaKind::Verse {
            let left = out
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .to_string();
            let right = t.split_whitespace().next().unwrap_or_default();
            let v = ev.decide(&left, right);
            let shown = hyphen::join(&left, right, v.decision);
            match v.decision {
                Decision::Join => {
                    out.pop();
                    report.repaired(
                        p.lines[i].no,
                        "hyphen joined",
                        format!("{left}{right} → {shown}"),
                    );
                }
                Decision::Keep => report.repaired(
                    p.lines[i].no,
                    "hyphen kept",
                    format!("{left}{right} ({})", v.reason),
                ),
            }
            if v.weak {
                report.doubt(
                    p.lines[i].no,
                    "hyphen",
                    format!("{left}{right} → {shown} ({})", v.reason),
                );
            }
            out.push_str(t);
        } else if url_cut(&out, t) {
            out.push_str(t);
            report.repaired(p.lines[i].no, "URL joined", "");
        } else {
            out.push(' ');
            out.push_str(t);
        }
    }
    if p.lines.len() > 1 && matches!(layout, Layout::Wrapped { .. }) && p.kind == ParaKind::Prose {
        report.repaired(
            p.first_line(),
            "hard wrap undone",
            format!("{} lines", p.lines.len()),
        );
    }
    let out = out.replace('\u{ad}', "");
    Item {
        line: p.first_line(),
        text: out,
        kind: p.kind,
        leadin,
        bullet,
        set_as_heading: p.lines.iter().all(|l| l.heading),
        listed: p.lines.iter().all(|l| l.listed),
        verse_lines,
    }
}

/// Whether `text` ends with a URL cut at a line end that `next` goes on
/// with ("https://www." / "example.org/path", "…/millstreet/" / "archive").
fn url_cut(text: &str, next: &str) -> bool {
    let tok = text.split_whitespace().last().unwrap_or_default();
    let right = next.split_whitespace().next().unwrap_or_default();
    let url = tok.contains("://") || tok.to_lowercase().starts_with("www.");
    let goes_on = right
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    let cut = tok.ends_with(['/', '_', '~'])
        || tok.to_lowercase().ends_with("www.")
        || (tok.ends_with(['.', '?', '=', '&', '#']) && right.contains(['/', '.']));
    url && goes_on && cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Inline};

    #[test]
    fn urls_cut_at_a_line_end() {
        assert!(url_cut("a list at https://www.", "example.org/x for"));
        assert!(url_cut("at https://example.org/", "millstreet/archive for"));
        assert!(!url_cut("see https://example.org.", "The next"));
        assert!(!url_cut("see https://example.org.", "then more"));
        assert!(!url_cut("a path/", "and so"));
    }

    #[test]
    fn unwraps_and_joins_hyphens() {
        let mut r = Report::default();
        let n = repair(
            "Title\n\nThis was pro-\nduced by hand.\n\n22\n\nAnother one here.",
            1,
            &Geometry::default(),
            "en",
            &mut r,
        );
        assert_eq!(n.found.title.as_deref(), Some("Title"));
        assert_eq!(
            n.blocks[0],
            Block::Paragraph(vec![Inline::Text("This was produced by hand.".into())])
        );
        assert_eq!(r.removed.len(), 1);
    }

    /// The paragraphs of a repaired text, as plain text.
    fn paragraphs(text: &str, geometry: &Geometry) -> Vec<String> {
        repair(text, 1, geometry, "en", &mut Report::default())
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { content, .. } | Block::Paragraph(content) => {
                    crate::document::plain_text(content)
                }
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_pdf_s_long_line_has_no_seam_to_take_a_lost_hyphen_back() {
        let text = "The first line of the text runs on here\n\
                    and the second line of it runs as far\n\
                    as the first, and so does the third one:\n\
                    we set one line in a smaller type, which reimplements the trait for us.\n\
                    Then the text goes on at the measure and\n\
                    it ends here, after a few lines of it.";
        let p = paragraphs(text, &Geometry::default()).join(" ");
        assert!(p.contains("re-implements"), "{p}");
        let pdf = Geometry {
            pdf: true,
            ..Geometry::default()
        };
        let p = paragraphs(text, &pdf).join(" ");
        assert!(p.contains(" reimplements "), "{p}");
    }

    #[test]
    fn a_heading_set_large_in_lower_case_is_no_paragraph_s_rest() {
        let text = "The Title\n\nThe loop runs over each element in turn, and we see\n\
                    what the text has to say about them in Rust\n\nfor loops\n\n\
                    for and range\n\nThe for in construct can be used to iterate\n\
                    through an iterator, one of the easiest ways to make one.";
        let pdf = Geometry {
            pdf: true,
            headings: vec![6, 8],
            ..Geometry::default()
        };
        let p = paragraphs(text, &pdf);
        assert!(p.contains(&"for loops".to_string()), "{p:?}");
        assert!(p.contains(&"for and range".to_string()), "{p:?}");
        // Without the geometry, in a text whose blank lines do not part
        // paragraphs, a line in lower case after one without a stop goes
        // on with it.
        let p = paragraphs(text, &Geometry::default());
        assert!(!p.contains(&"for loops".to_string()), "{p:?}");
    }
}
