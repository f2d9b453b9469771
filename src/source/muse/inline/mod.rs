//! Inline Muse markup: `*em*`, `**strong**`, `***both***`, `=code=`, the
//! tags `<em>`, `<strong>`, `<code>`, `<sup>`, `<sub>`, `<del>`, `<sc>`,
//! `<br>` and `<verbatim>`, `~~` (a non-breaking space), links and images
//! `[[target][description]]`, and note references `[1]` and `{1}`.
//!
//! Asterisks open where the character before is not a letter or digit and
//! the one after is not a space, and close the other way round, with the
//! same number of asterisks; unmatched ones stay as written. A tag that
//! opens or closes nothing is left out with a warning (it holds no words).

use super::notes::Notes;
use crate::document::Inline;

/// Where a run of text stands, which decides the note references it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The text: `[1]` and `{1}` refer to notes.
    Body,
    /// A note's text: only `{1}` refers to a (secondary) note.
    Note,
    /// A secondary note's text, or a directive: no references.
    Plain,
}

/// Where references are registered and warnings go, and the line they name.
pub struct Sink<'a> {
    pub notes: &'a mut Notes,
    pub warnings: &'a mut Vec<(usize, String)>,
    pub line: usize,
}

impl Sink<'_> {
    fn warn(&mut self, message: String) {
        self.warnings.push((self.line, message));
    }
}

/// The images a run names: `[[file.png 50 r][caption]]` → `file.png`.
pub fn is_image_target(target: &str) -> bool {
    let file = target
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    !file.contains("://")
        && [".png", ".jpg", ".jpeg", ".gif", ".webp"]
            .iter()
            .any(|ext| file.ends_with(ext) && file.len() > ext.len())
}

/// Parses one paragraph's (or line's) text; line ends are spaces.
pub fn parse(text: &str, scope: Scope, sink: &mut Sink) -> Vec<Inline> {
    let mut p = InlineParser {
        text,
        scope,
        out: Builder::default(),
        closers: closers(text),
        next_closer: 0,
        after_break: false,
    };
    p.run(sink);
    p.out.finish(sink)
}

/// The span a tag or a run of asterisks stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Emph,
    Strong,
    Sup,
    Sub,
    Del,
    SmallCaps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Root,
    /// A run of one to three asterisks.
    Stars(usize),
    Tag(Span, &'static str),
}

struct Frame {
    open: Open,
    content: Vec<Inline>,
}

/// Inlines being built: a stack of open spans and the text not yet pushed.
struct Builder {
    frames: Vec<Frame>,
    buf: String,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder {
            frames: vec![Frame {
                open: Open::Root,
                content: Vec::new(),
            }],
            buf: String::new(),
        }
    }
}

impl Builder {
    fn flush(&mut self) {
        if !self.buf.is_empty() {
            let text = std::mem::take(&mut self.buf);
            self.top().push(Inline::Text(text));
        }
    }

    fn top(&mut self) -> &mut Vec<Inline> {
        &mut self
            .frames
            .last_mut()
            .expect("the root frame is never popped")
            .content
    }

    fn push(&mut self, inline: Inline) {
        self.flush();
        self.top().push(inline);
    }

    fn open(&mut self, open: Open) {
        self.flush();
        self.frames.push(Frame {
            open,
            content: Vec::new(),
        });
    }

    /// The open frame `open` is in, above the root.
    fn find(&self, open: Open) -> Option<usize> {
        self.frames
            .iter()
            .rposition(|f| f.open == open)
            .filter(|&i| i > 0)
    }

    /// Closes the frame at `at`, undoing the frames opened inside it.
    fn close(&mut self, at: usize, sink: &mut Sink) {
        self.flush();
        while self.frames.len() > at + 1 {
            let f = self.frames.pop().expect("frame above at");
            self.undo(f, sink);
        }
        let f = self.frames.pop().expect("frame at");
        let inline = match f.open {
            Open::Stars(1) | Open::Tag(Span::Emph, _) => Inline::Emph(f.content),
            Open::Stars(2) | Open::Tag(Span::Strong, _) => Inline::Strong(f.content),
            Open::Stars(_) => Inline::Emph(vec![Inline::Strong(f.content)]),
            Open::Tag(Span::Sup, _) => Inline::Superscript(f.content),
            Open::Tag(Span::Sub, _) => Inline::Subscript(f.content),
            Open::Tag(Span::Del, _) => Inline::Strike(f.content),
            Open::Tag(Span::SmallCaps, _) => Inline::SmallCaps(f.content),
            Open::Root => unreachable!("the root frame is never closed"),
        };
        self.top().push(inline);
    }

    /// A frame never closed: asterisks stay as written, a tag is left out.
    fn undo(&mut self, f: Frame, sink: &mut Sink) {
        match f.open {
            Open::Stars(n) => self.top().push(Inline::Text("*".repeat(n))),
            Open::Tag(_, name) => {
                sink.warn(format!("<{name}> is never closed; the tag is left out"))
            }
            Open::Root => {}
        }
        self.top().extend(f.content);
    }

    fn finish(mut self, sink: &mut Sink) -> Vec<Inline> {
        self.flush();
        while self.frames.len() > 1 {
            let f = self.frames.pop().expect("frame");
            self.undo(f, sink);
        }
        let mut out = merge_text(self.frames.pop().map(|f| f.content).unwrap_or_default());
        if let Some(Inline::Text(t)) = out.first_mut() {
            *t = t.trim_start().to_string();
        }
        if let Some(Inline::Text(t)) = out.last_mut() {
            *t = t.trim_end().to_string();
        }
        out.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
        out
    }
}

/// Joins neighbouring text runs (also inside spans).
fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let inline = match inline {
            Inline::Emph(c) => Inline::Emph(merge_text(c)),
            Inline::Strong(c) => Inline::Strong(merge_text(c)),
            other => other,
        };
        match (out.last_mut(), inline) {
            (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(&b),
            (_, inline) => out.push(inline),
        }
    }
    out
}

/// Byte offsets of every `=` that may close a code span, in order.
fn closers(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    (1..b.len())
        .filter(|&j| {
            b[j] == b'='
                && !b[j - 1].is_ascii_whitespace()
                && b[j - 1] != b'='
                && b.get(j + 1)
                    .is_none_or(|n| *n != b'=' && !is_word_byte(text, j + 1))
        })
        .collect()
}

/// Whether the character at byte `at` is a letter or digit.
fn is_word_byte(text: &str, at: usize) -> bool {
    text.get(at..)
        .unwrap_or_default()
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
}

struct InlineParser<'t> {
    text: &'t str,
    scope: Scope,
    out: Builder,
    closers: Vec<usize>,
    next_closer: usize,
    /// Just after a `<br>`: the white space that follows is dropped.
    after_break: bool,
}

impl InlineParser<'_> {
    fn run(&mut self, sink: &mut Sink) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if self.after_break && (c == b' ' || c == b'\n') {
                i += 1;
                continue;
            }
            self.after_break = false;
            let next = match c {
                b'\n' => {
                    self.out.buf.push(' ');
                    i + 1
                }
                b'<' => self.tag(i, sink),
                b'*' => self.stars(i, sink),
                b'=' => self.code_span(i),
                b'[' if bytes.get(i + 1) == Some(&b'[') => self.link(i, sink),
                b'[' => self.note_ref(i, false, sink),
                b'{' => self.note_ref(i, true, sink),
                b'~' if bytes.get(i + 1) == Some(&b'~') => {
                    self.out.buf.push('\u{a0}');
                    i + 2
                }
                _ => {
                    let end = text
                        .get(i..)
                        .unwrap_or_default()
                        .find(['\n', '<', '*', '=', '[', '{', '~'])
                        .map_or(text.len(), |k| i + k.max(1));
                    let end = (i + 1..=end)
                        .find(|&e| text.is_char_boundary(e))
                        .unwrap_or(text.len());
                    self.out.buf.push_str(text.get(i..end).unwrap_or_default());
                    end
                }
            };
            // Every branch moves on, so the loop ends.
            i = next.max(i + 1);
        }
    }

    fn literal(&mut self, from: usize, to: usize) -> usize {
        self.out
            .buf
            .push_str(self.text.get(from..to).unwrap_or_default());
        to
    }

    /// `<tag>` at `i`; returns where to go on.
    fn tag(&mut self, i: usize, sink: &mut Sink) -> usize {
        let text = self.text;
        let Some(len) = text
            .get(i..)
            .unwrap_or_default()
            .char_indices()
            .take(16)
            .find(|(_, c)| *c == '>')
            .map(|(k, _)| k + 1)
        else {
            return self.literal(i, i + 1);
        };
        let raw = text.get(i..i + len).unwrap_or_default();
        let inner = raw.get(1..raw.len() - 1).unwrap_or_default();
        let after = i + len;
        match inner.trim_end_matches('/').trim() {
            "br" => {
                self.out.push(Inline::LineBreak);
                self.after_break = true;
                return after;
            }
            "verbatim" | "code" => {
                let close = format!("</{inner}>");
                let Some(k) = text.get(after..).unwrap_or_default().find(&close) else {
                    sink.warn(format!("<{inner}> is never closed; the tag is left out"));
                    return after;
                };
                let content = text
                    .get(after..after + k)
                    .unwrap_or_default()
                    .replace('\n', " ");
                if inner == "code" {
                    self.out.push(Inline::Code(content));
                } else {
                    self.out.buf.push_str(&content);
                }
                return after + k + close.len();
            }
            _ => {}
        }
        // Language switches (`<[fr]>…</[fr]>`) keep their text.
        if inner.trim_start_matches('/').starts_with('[') && inner.ends_with(']') {
            return after;
        }
        let (closing, name) = match inner.strip_prefix('/') {
            Some(n) => (true, n),
            None => (false, inner),
        };
        let Some((span, name)) = span_of(name) else {
            return self.literal(i, i + 1);
        };
        if !closing {
            self.out.open(Open::Tag(span, name));
        } else if let Some(at) = self.out.find(Open::Tag(span, name)) {
            self.out.close(at, sink);
        } else {
            sink.warn(format!("</{name}> closes nothing; the tag is left out"));
        }
        after
    }

    /// A run of asterisks at `i`.
    fn stars(&mut self, i: usize, sink: &mut Sink) -> usize {
        let text = self.text;
        let n = text
            .get(i..)
            .unwrap_or_default()
            .bytes()
            .take_while(|b| *b == b'*')
            .count();
        let end = i + n;
        let before = text.get(..i).unwrap_or_default().chars().next_back();
        let after = text.get(end..).unwrap_or_default().chars().next();
        if n <= 3 {
            let can_close = before.is_some_and(|c| !c.is_whitespace())
                && after.is_none_or(|c| !c.is_alphanumeric());
            let can_open = after.is_some_and(|c| !c.is_whitespace())
                && before.is_none_or(|c| !c.is_alphanumeric());
            if can_close {
                if let Some(at) = self.out.find(Open::Stars(n)) {
                    self.out.close(at, sink);
                    return end;
                }
            }
            if can_open {
                self.out.open(Open::Stars(n));
                return end;
            }
        }
        self.literal(i, end)
    }

    /// `=code=` at `i`, else a literal `=`.
    fn code_span(&mut self, i: usize) -> usize {
        let text = self.text;
        let before = text.get(..i).unwrap_or_default().chars().next_back();
        let after = text.get(i + 1..).unwrap_or_default().chars().next();
        let can_open = after.is_some_and(|c| !c.is_whitespace() && c != '=')
            && before.is_none_or(|c| !c.is_alphanumeric() && c != '=');
        while self
            .closers
            .get(self.next_closer)
            .is_some_and(|&j| j <= i + 1)
        {
            self.next_closer += 1;
        }
        match self.closers.get(self.next_closer) {
            Some(&j) if can_open => {
                self.out.push(Inline::Code(
                    text.get(i + 1..j).unwrap_or_default().replace('\n', " "),
                ));
                j + 1
            }
            _ => self.literal(i, i + 1),
        }
    }

    /// `[[target]]` or `[[target][description]]` at `i`.
    fn link(&mut self, i: usize, sink: &mut Sink) -> usize {
        let text = self.text;
        let start = i + 2;
        let Some(k) = text
            .get(start..)
            .unwrap_or_default()
            .find([']', '[', '\n'])
            .map(|k| start + k)
        else {
            return self.literal(i, start);
        };
        if text.as_bytes()[k] != b']' || k == start {
            return self.literal(i, start);
        }
        let target = text.get(start..k).unwrap_or_default().trim();
        let (desc, end) = match text.as_bytes().get(k + 1) {
            Some(b']') => (None, k + 2),
            Some(b'[') => match text.get(k + 2..).unwrap_or_default().find("]]") {
                Some(m) => (
                    Some(text.get(k + 2..k + 2 + m).unwrap_or_default()),
                    k + 2 + m + 2,
                ),
                None => return self.literal(i, start),
            },
            _ => return self.literal(i, start),
        };
        let content = desc
            .map(|d| parse(d, self.scope, sink))
            .filter(|c| !c.is_empty());
        if is_image_target(target) {
            let src = target
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            let alt = content
                .as_deref()
                .map(crate::document::plain_text)
                .unwrap_or_default();
            self.out.push(Inline::Image {
                src,
                alt,
                title: None,
            });
        } else {
            let content = content.unwrap_or_else(|| vec![Inline::Text(target.to_string())]);
            self.out.push(Inline::link(target, content));
        }
        end
    }

    /// `[12]` or `{12}` at `i`: a note reference when the scope allows it
    /// and the note has a text; else the characters as written.
    fn note_ref(&mut self, i: usize, secondary: bool, sink: &mut Sink) -> usize {
        let text = self.text;
        let close = if secondary { b'}' } else { b']' };
        let digits = text
            .get(i + 1..)
            .unwrap_or_default()
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let end = i + 1 + digits;
        if digits == 0 || digits > 9 || text.as_bytes().get(end) != Some(&close) {
            return self.literal(i, i + 1);
        }
        let number: u32 = text
            .get(i + 1..end)
            .unwrap_or_default()
            .parse()
            .unwrap_or(0);
        let allowed = match self.scope {
            Scope::Body => true,
            Scope::Note => secondary,
            Scope::Plain => false,
        };
        if allowed && sink.notes.defined(secondary, number) {
            let id = sink.notes.reference(secondary, number);
            self.out.push(Inline::NoteRef(id));
        } else {
            if allowed {
                let shown = if secondary {
                    format!("{{{number}}}")
                } else {
                    format!("[{number}]")
                };
                sink.warn(format!("{shown} looks like a note reference, but no note {shown} has a text; it is kept as written"));
            }
            self.literal(i, end + 1);
        }
        end + 1
    }
}

/// The span of an inline tag name (`em`, `strong`, …), with the name as a static string.
fn span_of(name: &str) -> Option<(Span, &'static str)> {
    Some(match name {
        "em" => (Span::Emph, "em"),
        "i" => (Span::Emph, "i"),
        "strong" => (Span::Strong, "strong"),
        "b" => (Span::Strong, "b"),
        "sup" => (Span::Sup, "sup"),
        "sub" => (Span::Sub, "sub"),
        "del" => (Span::Del, "del"),
        "sc" => (Span::SmallCaps, "sc"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
