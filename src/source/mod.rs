//! Reading sources: bytes to text (decoding, line ends), front matter, and the
//! user's cuts (skip a front block, end the text early).

mod decode;
pub mod markdown;
pub mod muse;
pub mod pdf;
mod sniff;

pub use decode::{decode, Decoded};

use crate::error::Error;
use crate::project::ZineEntry;
use std::path::{Path, PathBuf};

/// Largest source accepted by default, in bytes (`max_source_mb` in zinepress.toml).
pub const MAX_SOURCE_BYTES: usize = 20 * 1024 * 1024;

/// Longest line accepted, in bytes: more is not text a person wrote.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: web pastes, PDF extractions (and the text read from a `.pdf`).
    Text,
    /// CommonMark with optional front matter.
    Markdown,
    /// Muse (The Anarchist Library, amusewiki): its `#directives` are read with the text.
    Muse,
}

/// Metadata a source states about itself (Markdown front matter).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    /// A cover image the source names (`cover:`): the path as written,
    /// relative to the source, and the file line that names it.
    pub cover: Option<(String, usize)>,
}

/// A source file, decoded and cut, ready for repair.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    /// The kept text, with `\n` line ends.
    pub text: String,
    /// 1-based line number in the file of the first line of `text`.
    pub first_line: usize,
    pub front_matter: FrontMatter,
    /// The title zinepress.toml or the front matter gives, if any: a first
    /// `# heading` that differs from it is a heading of the text, not its title.
    pub given_title: Option<String>,
    /// Lines the user's cuts removed, as (file line number, text), for `check`.
    pub cut_lines: Vec<(usize, String)>,
    /// What a PDF's geometry shows about the text's lines (empty for text).
    pub geometry: Geometry,
    /// Decoding notes ("decoded as Windows-1252").
    pub warnings: Vec<String>,
    /// Why a `.txt` file was read as Markdown (for `check`), when it was.
    pub format_note: Option<String>,
    /// The text's language (BCP 47): the entry's, the front matter's, else "en".
    pub language: String,
}

/// What a PDF's geometry shows about the lines of its text, as sorted file
/// line numbers: the repair reads these beside the words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Geometry {
    /// The text is a PDF's lines, hard-wrapped at its measure.
    pub pdf: bool,
    /// Lines that reach the measure while their paragraph goes on in the
    /// next line.
    pub runs_on: Vec<usize>,
    /// Lines that end their paragraph: short of the measure where the next
    /// line's first word would have fitted, or before the gap set between
    /// paragraphs.
    pub ends: Vec<usize>,
    /// Lines set larger than the body as headings.
    pub headings: Vec<usize>,
    /// Lines set larger than the body that are no heading (a pull quote):
    /// a paragraph of their own, never joined to the text around them.
    pub apart: Vec<usize>,
    /// Lines at a page's edge, apart from its text: running heads and
    /// feet, folios.
    pub furniture: Vec<usize>,
    /// Lines set smaller than the body below its last line on a page:
    /// foot-of-page notes.
    pub notes: Vec<usize>,
}

impl Source {
    /// Reads and prepares the source of a zine entry.
    pub fn read(path: &Path, entry: &ZineEntry) -> Result<Source, Error> {
        Source::read_limited(path, entry, MAX_SOURCE_BYTES)
    }

    /// Reads a source of at most `max_bytes`.
    pub fn read_limited(path: &Path, entry: &ZineEntry, max_bytes: usize) -> Result<Source, Error> {
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::input(path, None, format!("cannot read the source: {e}")))?;
        if meta.len() > max_bytes as u64 {
            let mb = |b: u64| (b as f64 / (1024.0 * 1024.0)).ceil() as u64;
            return Err(Error::input(
                path,
                None,
                format!("the source is {} MB, over the limit of {} MB; split it into several zines or raise max_source_mb in zinepress.toml", mb(meta.len()), mb(max_bytes as u64)),
            ));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| Error::input(path, None, format!("cannot read the source: {e}")))?;
        Source::from_bytes(path, &bytes, entry)
    }

    /// Prepares a source from bytes; `path` names it and picks the format.
    pub fn from_bytes(path: &Path, bytes: &[u8], entry: &ZineEntry) -> Result<Source, Error> {
        let mut format = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md") | Some("markdown") => Format::Markdown,
            Some("muse") => Format::Muse,
            _ => Format::Text,
        };
        let is_pdf = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let (mut text, warnings, geometry) = if is_pdf {
            let read =
                pdf::read(bytes).map_err(|m| Error::input(path, None, format!("the PDF {m}")))?;
            let geometry = Geometry {
                pdf: true,
                runs_on: read.runs_on,
                ends: read.ends,
                headings: read.headings,
                apart: read.apart,
                furniture: read.furniture,
                notes: read.notes,
            };
            (read.text, read.warnings, geometry)
        } else {
            let Decoded { text, warning } =
                decode(bytes).map_err(|m| Error::input(path, None, m))?;
            (text, warning.into_iter().collect(), Geometry::default())
        };
        let mut format_note = None;
        if format == Format::Text && !is_pdf {
            let marks = sniff::Marks::count(&text);
            if marks.is_markdown() {
                format = Format::Markdown;
                format_note = Some(format!(
                    "read as Markdown: its lines carry Markdown ({})",
                    marks.describe()
                ));
            }
        }
        if format == Format::Markdown && text.contains('\u{0c}') {
            // Page breaks mean nothing to Markdown.
            text = text.replace('\u{0c}', "");
        }
        if text.trim().is_empty() {
            return Err(Error::input(
                path,
                None,
                "the source is empty; put the essay's text in it",
            ));
        }
        if let Some((i, _)) = text
            .split('\n')
            .enumerate()
            .find(|(_, l)| l.len() > MAX_LINE_BYTES)
        {
            return Err(Error::input(
                path,
                Some(i + 1),
                format!(
                    "the line is over {} KB long; this does not look like an essay",
                    MAX_LINE_BYTES / 1024
                ),
            ));
        }
        let (mut front_matter, body, body_line) = if format == Format::Markdown {
            split_front_matter(&text).map_err(|(line, m)| Error::input(path, Some(line), m))?
        } else {
            (FrontMatter::default(), text.as_str(), 1)
        };
        if format == Format::Muse {
            // Muse's `#lang` is its front matter's language.
            front_matter.language = muse::language(body);
        }
        if body.trim().is_empty() {
            return Err(Error::input(path, None, "the source has front matter but no text after it; put the essay below the front matter"));
        }
        let (kept, first_line, cut_lines) =
            apply_cuts(body, body_line, entry).map_err(|m| Error::input(path, None, m))?;
        Ok(Source {
            path: path.to_path_buf(),
            format,
            text: kept,
            first_line,
            given_title: entry.title.clone().or_else(|| front_matter.title.clone()),
            cut_lines,
            geometry,
            warnings,
            format_note,
            language: entry
                .language
                .clone()
                .or_else(|| front_matter.language.clone())
                .unwrap_or_else(|| "en".to_string()),
            front_matter,
        })
    }
}

/// Applies `skip_lines` and the `end_*` options of an entry. Returns the kept
/// text, the file line of its first line, and the removed lines.
fn apply_cuts(
    body: &str,
    body_line: usize,
    entry: &ZineEntry,
) -> Result<(String, usize, Vec<(usize, String)>), String> {
    let lines: Vec<&str> = body.split('\n').collect();
    let skip = entry.skip_lines.unwrap_or(0).min(lines.len());
    let mut end = lines.len();
    if let Some(n) = entry.end_at_line {
        // end_at_line counts file lines.
        end = n.saturating_sub(body_line - 1).clamp(skip, lines.len());
    } else if let Some(phrase) = &entry.end_after {
        let i = lines
            .iter()
            .skip(skip)
            .position(|l| l.contains(phrase.as_str()))
            .ok_or_else(|| {
                format!(
                    "end_after: no line contains \"{phrase}\"; check the phrase in zinepress.toml"
                )
            })?;
        end = skip + i + 1;
    } else if let Some(phrase) = &entry.end_before {
        let i = lines.iter().skip(skip).position(|l| l.trim_start().starts_with(phrase.as_str()))
            .ok_or_else(|| format!("end_before: no line starts with \"{phrase}\"; check the phrase in zinepress.toml"))?;
        end = skip + i;
    }
    let mut cut = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if (i < skip || i >= end) && !l.trim().is_empty() {
            cut.push((body_line + i, l.to_string()));
        }
    }
    let kept = lines[skip..end].join("\n");
    if kept.trim().is_empty() {
        return Err(
            "skip_lines and end_* options leave no text; check them in zinepress.toml".to_string(),
        );
    }
    Ok((kept, body_line + skip, cut))
}

/// Splits Markdown front matter (`+++` TOML or `---` key: value) from the body.
fn split_front_matter(text: &str) -> Result<(FrontMatter, &str, usize), (usize, String)> {
    let first = text.lines().next().unwrap_or_default().trim_end();
    if first != "+++" && first != "---" {
        return Ok((FrontMatter::default(), text, 1));
    }
    let rest = text.split_once('\n').map_or("", |(_, rest)| rest);
    let Some(close) = rest.lines().position(|l| l.trim_end() == first) else {
        return Err((
            1,
            format!(
                "front matter opened with `{first}` is never closed; end it with a `{first}` line"
            ),
        ));
    };
    let inner: Vec<&str> = rest.lines().take(close).collect();
    // The lines with their line ends, so that their lengths add up to a char boundary.
    let consumed: usize = text
        .split_inclusive('\n')
        .take(close + 2)
        .map(str::len)
        .sum();
    let body = text.get(consumed..).unwrap_or_default();
    let mut fm = FrontMatter::default();
    for (i, line) in inner.iter().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(if first == "+++" { '=' } else { ':' }) else {
            return Err((
                i + 2,
                format!(
                    "front matter line `{line}` is not `key {} value`",
                    if first == "+++" { "=" } else { ":" }
                ),
            ));
        };
        let value = value
            .trim()
            .trim_matches('"')
            .trim_matches('\'')
            .to_string();
        match key.trim() {
            "title" => fm.title = Some(value),
            "subtitle" => fm.subtitle = Some(value),
            "author" | "authors" => {
                fm.authors = value
                    .trim_matches(|c| c == '[' || c == ']')
                    .split(',')
                    .map(|a| a.trim().trim_matches('"').to_string())
                    .filter(|a| !a.is_empty())
                    .collect()
            }
            "language" | "lang" => fm.language = Some(value),
            "cover" => fm.cover = Some((value, i + 2)),
            _ => {}
        }
    }
    Ok((fm, body, close + 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> ZineEntry {
        ZineEntry {
            source: "x.txt".into(),
            ..Default::default()
        }
    }

    #[test]
    fn end_after_keeps_the_line_and_lists_the_rest() {
        let e = ZineEntry {
            end_after: Some("Bye".into()),
            ..entry()
        };
        let s = Source::from_bytes(Path::new("x.txt"), b"a\nBye now\ncomment\n", &e).unwrap();
        assert_eq!(s.text, "a\nBye now");
        assert_eq!(s.cut_lines, vec![(3, "comment".to_string())]);
    }

    #[test]
    fn skip_lines_moves_first_line() {
        let e = ZineEntry {
            skip_lines: Some(2),
            ..entry()
        };
        let s = Source::from_bytes(Path::new("x.txt"), b"junk\njunk\ntext\n", &e).unwrap();
        assert_eq!(s.first_line, 3);
        assert!(s.text.starts_with("text"));
    }

    #[test]
    fn missing_phrase_is_an_error() {
        let e = ZineEntry {
            end_before: Some("Comments".into()),
            ..entry()
        };
        let err = Source::from_bytes(Path::new("x.txt"), b"a\nb\n", &e)
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.txt") && err.contains("Comments"), "{err}");
    }

    #[test]
    fn front_matter_is_read() {
        let text = b"---\ntitle: A Zine\nauthor: Ana, Bo\n---\n# Hello\n";
        let s = Source::from_bytes(Path::new("x.md"), text, &entry()).unwrap();
        assert_eq!(s.front_matter.title.as_deref(), Some("A Zine"));
        assert_eq!(s.front_matter.authors, vec!["Ana", "Bo"]);
        assert_eq!(s.text.trim(), "# Hello");
        assert_eq!(s.first_line, 5);
        let text = b"+++\ntitle = \"A Zine\"\ncover = \"img/cover.png\"\n+++\nText.\n";
        let s = Source::from_bytes(Path::new("x.md"), text, &entry()).unwrap();
        assert_eq!(s.front_matter.cover, Some(("img/cover.png".into(), 3)));
    }

    #[test]
    fn an_endless_line_is_an_error_naming_it() {
        let mut text = b"ok\n".to_vec();
        text.extend(std::iter::repeat_n(b'a', MAX_LINE_BYTES + 1));
        let err = Source::from_bytes(Path::new("x.txt"), &text, &entry())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.txt:2:"), "{err}");
    }

    #[test]
    fn a_txt_file_of_markdown_is_read_as_markdown() {
        let s = Source::from_bytes(
            Path::new("x.txt"),
            b"# Title\n\n## **Part one**\n\nText.\n",
            &entry(),
        )
        .unwrap();
        assert_eq!(s.format, Format::Markdown);
        assert!(s.format_note.unwrap().contains("2 `#` headings"));
        let s = Source::from_bytes(
            Path::new("x.txt"),
            b"Title\n\n- a list\n- of points\n",
            &entry(),
        )
        .unwrap();
        assert_eq!(s.format, Format::Text);
        assert!(s.format_note.is_none());
    }

    #[test]
    fn empty_source_is_an_error() {
        assert!(Source::from_bytes(Path::new("x.txt"), b"  \n\n", &entry()).is_err());
    }
}
