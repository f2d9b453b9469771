//! Reading a `.pdf` source with its geometry: glyphs with positions
//! ([`glyphs`]), lines and words ([`lines`]), and the page layout as the plain
//! text the repair reads best ([`layout`]). What cannot be read (no text layer,
//! glyphs without Unicode, several columns) is an error or a warning naming the file.

pub mod bold;
pub mod ends;
pub mod glyphs;
pub mod layout;
pub mod lines;
pub mod roles;
pub mod starts;
pub mod type3;
pub mod weight;

use hayro_syntax::{LoadPdfError, Pdf};

/// The text of a PDF, and what the reader could not do well.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfText {
    /// Pages of lines, each page ended by a form feed.
    pub text: String,
    /// Warnings for the default output (the caller names the file).
    pub warnings: Vec<String>,
    /// 1-based numbers of the lines of `text` that the geometry shows run on
    /// into the next line's paragraph (see [`layout::PageText::runs_on`]).
    pub runs_on: Vec<usize>,
    /// 1-based numbers of the lines of `text` that the geometry shows end
    /// their paragraph (see [`layout::PageText::ends`]).
    pub ends: Vec<usize>,
    /// 1-based numbers of the lines of `text` set larger than the body:
    /// headings (see [`layout::PageText::headings`]).
    pub headings: Vec<usize>,
    /// 1-based numbers of the lines of `text` set larger than the body that
    /// are no heading: pull quotes (see [`layout::PageText::apart`]).
    pub apart: Vec<usize>,
    /// 1-based numbers of the lines of `text` that are page furniture by
    /// their place: running heads and feet, folios (see
    /// [`layout::PageText::furniture`]).
    pub furniture: Vec<usize>,
    /// 1-based numbers of the lines of `text` set smaller than the body
    /// below its last line on their page: foot-of-page notes (see
    /// [`layout::PageText::notes`]).
    pub notes: Vec<usize>,
}

/// Reads the text of a PDF. The error says what is wrong and what to do; the
/// caller names the file.
pub fn read(bytes: &[u8]) -> Result<PdfText, String> {
    if !bytes.starts_with(b"%PDF-")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(
            "is not a PDF (it does not start with %PDF-); give the PDF itself, or its text as .txt"
                .into(),
        );
    }
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err("stops before its end (no %%EOF): it looks cut short, e.g. by an interrupted download; get the whole file again, or repair it with `qpdf IN.pdf repaired.pdf`".into());
    }
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => "is encrypted (it needs a password to open); decrypt it first, e.g. `qpdf --decrypt --password=PASSWORD IN.pdf plain.pdf`".to_string(),
        LoadPdfError::Invalid => "is damaged: its pages cannot be found; repair it with `qpdf IN.pdf repaired.pdf`, or extract its text with `pdftotext` and give the .txt".to_string(),
    })?;
    let raw = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| glyphs::read_pages(&pdf)))
        .map_err(|_| "could not be read (the PDF reader failed on it); extract its text with `pdftotext` and give the .txt".to_string())?;
    if raw.is_empty() {
        return Err("has no pages; there is no text to read".into());
    }
    let pages: Vec<Vec<lines::Line>> = raw.iter().map(|p| lines::lines(&p.glyphs)).collect();
    let mapped: usize = raw.iter().map(|p| p.glyphs.len() - p.unmapped).sum();
    let unmapped: usize = raw.iter().map(|p| p.unmapped).sum();
    let images: usize = raw.iter().map(|p| p.images).sum();
    if mapped == 0 {
        return Err(if unmapped > 0 {
            format!("draws {unmapped} letters but its fonts do not say which letters they are (no Unicode map); run OCR on it (e.g. `ocrmypdf --force-ocr IN.pdf ocr.pdf`) and give the result")
        } else if images > 0 {
            "has no text layer (its pages are pictures, e.g. a scan); run OCR first (e.g. `ocrmypdf IN.pdf ocr.pdf`) and give the result".to_string()
        } else {
            "has no text on any page; there is nothing to read".to_string()
        });
    }
    let mut warnings = Vec::new();
    if unmapped > 0 {
        warnings.push(format!(
            "{unmapped} of its {} letters have no Unicode mapping in the PDF's fonts and are missing from the text (on {}); run OCR on it (e.g. `ocrmypdf --force-ocr`) for those",
            mapped + unmapped,
            page_list(raw.iter().map(|p| p.unmapped > 0))
        ));
    }
    let textless = page_list(raw.iter().map(|p| p.images > 0 && p.glyphs.is_empty()));
    if !textless.is_empty() {
        warnings.push(format!("{textless}: pictures without a text layer and their words are missing; run OCR first (e.g. `ocrmypdf IN.pdf ocr.pdf`)"));
    }
    let Some(body) = roles::body_of(&pages) else {
        return Err("has no text on any page; there is nothing to read".into());
    };
    let columns = page_list(pages.iter().map(|p| several_columns(p, &body)));
    if !columns.is_empty() {
        warnings.push(format!("{columns}: set in several columns, it seems; zinepress reads one column, so lines there may be out of order; check the text, or extract it with `pdftotext` and give the .txt"));
    }
    let edges: Vec<(Option<f64>, Option<f64>)> =
        pages.iter().map(|p| layout::edges(p, &body)).collect();
    let texts: Vec<layout::PageText> = pages
        .iter()
        .enumerate()
        .map(|(k, p)| layout::page_text_in(p, &body, borrowed_right(&edges, k, body.size)))
        .collect();
    let (text, runs_on) = join_pages(&texts);
    Ok(PdfText {
        text,
        warnings,
        runs_on,
        ends: rows_of(&texts, |p| &p.ends),
        headings: rows_of(&texts, |p| &p.headings),
        apart: rows_of(&texts, |p| &p.apart),
        furniture: furniture_of(&texts),
        notes: rows_of(&texts, |p| &p.notes),
    })
}

/// The right edge of justified text for page `k` (of the pages' left and
/// right edges, `edges`) where its own lines do not show the document's:
/// the one most pages with the same left edge (within a point) share, where
/// at least two do (inside and outside margins give odd and even pages
/// their own), for a page whose lines show no right edge, or one clearly
/// (by `em`) left of it: a page taken up by a block set in on both sides (a
/// long quotation) has most of its lines end at the block's edge. `None`
/// where the page's own edge stands.
fn borrowed_right(edges: &[(Option<f64>, Option<f64>)], k: usize, em: f64) -> Option<f64> {
    let (Some(left), own) = edges[k] else {
        return None;
    };
    let rights: Vec<f64> = edges
        .iter()
        .filter_map(|&(l, r)| l.filter(|l| (l - left).abs() <= 1.0).and(r))
        .collect();
    let agree = |x: f64| rights.iter().filter(|r| (**r - x).abs() <= 1.0).count();
    let best = rights.iter().copied().max_by_key(|&x| agree(x))?;
    (agree(best) >= 2 && own.is_none_or(|o| best > o + em)).then_some(best)
}

/// The pages' texts as one, and the 1-based numbers of the lines the geometry
/// shows run on into the next. Across a page break too: a page that ends on
/// a full line before a page that starts without an indent goes on with the
/// same paragraph. Where paragraphs are marked by space, the next page's top
/// shows nothing, and the full line is the evidence alone: a justified
/// paragraph's last line is set short, and reaches the measure by chance.
fn join_pages(pages: &[layout::PageText]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut runs_on = Vec::new();
    let mut first = 1;
    for (n, p) in pages.iter().enumerate() {
        runs_on.extend(p.runs_on.iter().map(|r| first + r));
        let next_open = pages.get(n + 1).is_some_and(|q| q.open_start);
        if let Some(r) = p.full_end.filter(|_| next_open) {
            runs_on.push(first + r);
        }
        // The form feed sits at the start of the next page's first line.
        first += p.text.matches('\n').count();
        text.push_str(&p.text);
    }
    (text, runs_on)
}

/// The 1-based numbers, in the pages' joined text, of the pages' furniture:
/// their feet, and their heads but the first page's (where the title page
/// was cut, the head of the first page left is the only place the title is
/// printed, and the repair takes it for the title).
fn furniture_of(pages: &[layout::PageText]) -> Vec<usize> {
    let mut out = rows_of(pages, |p| &p.foot);
    if let Some(first) = pages.first() {
        let len = first.text.matches('\n').count();
        out.extend(rows_of(pages, |p| &p.head).into_iter().filter(|&r| r > len));
    }
    out.sort_unstable();
    out
}

/// The 1-based numbers, in the pages' joined text, of some of their lines
/// (`rows` picks a page's 0-based rows: its headings, its furniture).
fn rows_of(
    pages: &[layout::PageText],
    rows: impl Fn(&layout::PageText) -> &Vec<usize>,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut first = 1;
    for p in pages {
        out.extend(rows(p).iter().map(|r| first + r));
        first += p.text.matches('\n').count();
    }
    out
}

/// Whether most body lines of a page have a wide gap (over an em) ending at the
/// same place: a gutter between columns, not a loose justified line.
fn several_columns(page: &[lines::Line], body: &roles::Body) -> bool {
    let body_lines: Vec<&lines::Line> = page
        .iter()
        .filter(|l| (l.size - body.size).abs() <= body.size * 0.06 && l.text.len() > 3)
        .collect();
    let mut ends: Vec<f64> = body_lines
        .iter()
        // A contents line's page number sits apart at one place too.
        .filter(|l| l.widest_gap > 1.0 && !ends_in_number(&l.text))
        .map(|l| l.gap_at)
        .collect();
    ends.sort_by(f64::total_cmp);
    let Some(&middle) = ends.get(ends.len() / 2) else {
        return false;
    };
    let aligned = ends
        .iter()
        .filter(|x| (**x - middle).abs() <= body.size)
        .count();
    body_lines.len() >= 6 && aligned * 2 > body_lines.len()
}

/// Whether a line's last word is a number (a contents line's page).
fn ends_in_number(text: &str) -> bool {
    text.rsplit(' ')
        .next()
        .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
}

/// The pages where `flags` is true, as "page 2" or "pages 2, 5, 7"; empty for none.
fn page_list(flags: impl Iterator<Item = bool>) -> String {
    let pages: Vec<String> = flags
        .enumerate()
        .filter(|(_, f)| *f)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    match pages.len() {
        0 => String::new(),
        1 => format!("page {}", pages[0]),
        _ => format!("pages {}", pages.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_and_garbage_are_errors_not_panics() {
        assert!(read(b"hello").unwrap_err().contains("not a PDF"));
        assert!(read(b"%PDF-1.7\n garbage \x00\xff")
            .unwrap_err()
            .contains("cut short"));
        assert!(read(b"%PDF-1.7\n garbage \x00\xff\n%%EOF\n").is_err());
        assert!(read(b"").is_err());
    }

    fn line(text: &str, widest_gap: f64, gap_at: f64) -> lines::Line {
        lines::Line {
            text: text.into(),
            x0: 10.0,
            x1: 300.0,
            y: 0.0,
            size: 10.0,
            font: 1,
            bold: false,
            widest_gap,
            gap_at,
            marker: 0,
            first_word: 40.0,
        }
    }

    #[test]
    fn a_gutter_is_a_wide_gap_at_one_place() {
        let body = roles::Body {
            size: 10.0,
            leading: 12.0,
        };
        let gutter: Vec<lines::Line> = (0..8)
            .map(|i| line("left words right words", 1.6, 150.0 + i as f64))
            .collect();
        assert!(several_columns(&gutter, &body));
        let loose: Vec<lines::Line> = (0..8)
            .map(|i| line("loose justified line here", 1.1, 40.0 + 30.0 * i as f64))
            .collect();
        assert!(!several_columns(&loose, &body));
        let contents: Vec<lines::Line> = (0..8)
            .map(|_| line("Running the meeting 3", 5.0, 280.0))
            .collect();
        assert!(!several_columns(&contents, &body));
    }

    #[test]
    fn page_lists_are_one_based() {
        assert_eq!(page_list([false, true, true].into_iter()), "pages 2, 3");
        assert_eq!(page_list([true, false].into_iter()), "page 1");
        assert_eq!(page_list([false].into_iter()), "");
    }

    fn page(
        text: &str,
        runs_on: Vec<usize>,
        full_end: Option<usize>,
        open_start: bool,
    ) -> layout::PageText {
        layout::PageText {
            text: text.into(),
            runs_on,
            full_end,
            open_start,
            ends: vec![],
            indents: 3,
            spaces: 0,
            headings: vec![],
            apart: vec![],
            head: vec![],
            foot: vec![],
            notes: vec![],
        }
    }

    #[test]
    fn a_page_without_a_right_edge_borrows_the_one_its_left_edge_shares() {
        let edges = [
            (Some(50.0), Some(300.0)),
            (Some(60.0), Some(310.0)),
            (Some(50.0), Some(300.4)),
            (Some(50.0), None),
            (Some(60.0), None),
            (None, None),
        ];
        assert!(borrowed_right(&edges, 3, 10.0).is_some_and(|r| (r - 300.0).abs() <= 1.0));
        // One page with that left edge is no agreement; a page with its
        // own edge, or without a left edge, borrows nothing.
        assert_eq!(borrowed_right(&edges, 4, 10.0), None);
        assert_eq!(borrowed_right(&edges, 0, 10.0), None);
        assert_eq!(borrowed_right(&edges, 5, 10.0), None);
    }

    #[test]
    fn a_page_taken_up_by_a_block_set_in_borrows_the_document_s_right_edge() {
        let edges = [
            (Some(50.0), Some(300.0)),
            (Some(50.0), Some(272.0)),
            (Some(50.0), Some(300.4)),
            (Some(50.0), Some(299.0)),
        ];
        // Its lines end at the block's edge, an em and more short of the others'.
        assert!(borrowed_right(&edges, 1, 10.0).is_some_and(|r| (r - 300.0).abs() <= 1.0));
        // Not a page whose edge differs by less (a line hanging a stop).
        assert_eq!(borrowed_right(&edges, 3, 10.0), None);
    }

    #[test]
    fn a_full_page_end_runs_on_into_a_page_that_opens_without_an_indent() {
        let pages = [
            page(
                "Head\n\nfull line one\nfull line two\n\n3\n\u{c}",
                vec![2],
                Some(3),
                false,
            ),
            page("Head\n\ngoes on here.\n\u{c}", vec![], None, true),
            page("Head\n\nA new paragraph\n\u{c}", vec![], None, false),
        ];
        let (text, runs_on) = join_pages(&pages);
        assert_eq!(text.lines().nth(3), Some("full line two"));
        assert_eq!(runs_on, vec![3, 4]);
        // Where paragraphs are marked by space, the top of a page shows
        // nothing: the full line is the evidence alone.
        let mut spaced: Vec<layout::PageText> = pages
            .iter()
            .map(|p| layout::PageText {
                indents: 0,
                spaces: 3,
                ..p.clone()
            })
            .collect();
        assert_eq!(join_pages(&spaced).1, vec![3, 4]);
        // A page that ends on a short line ends its paragraph.
        spaced[0].full_end = None;
        assert_eq!(join_pages(&spaced).1, vec![3]);
    }

    #[test]
    fn heading_rows_are_numbered_in_the_joined_text() {
        let pages = [
            layout::PageText {
                headings: vec![0],
                ..page("Title\n\nbody\n\u{c}", vec![], None, false)
            },
            layout::PageText {
                headings: vec![2],
                ..page("Head\n\nA Section\n\nbody\n\u{c}", vec![], None, false)
            },
        ];
        assert_eq!(rows_of(&pages, |p| &p.headings), vec![1, 6]);
        let (text, _) = join_pages(&pages);
        assert_eq!(text.lines().nth(5), Some("A Section"));
    }

    #[test]
    fn the_first_page_keeps_its_head_the_others_lose_theirs() {
        let pages = [
            layout::PageText {
                head: vec![0],
                foot: vec![4],
                ..page("The Title\n\nbody\n\n1\n\u{c}", vec![], None, false)
            },
            layout::PageText {
                head: vec![0],
                foot: vec![4],
                ..page("The Title\n\nbody\n\n2\n\u{c}", vec![], None, false)
            },
        ];
        assert_eq!(furniture_of(&pages), vec![5, 6, 10]);
        let (text, _) = join_pages(&pages);
        assert_eq!(text.lines().nth(5), Some("\u{c}The Title"));
    }
}
