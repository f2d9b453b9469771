//! Which lines each opening block tag of a Muse body encloses, settled once
//! for the whole body so that reading stays linear however the tags are
//! broken: a tag never closed encloses what is left of its parent (a
//! `<verse>`, up to the next heading or tag; a `<comment>`, nothing).

use super::blocks::Line;
use super::lines::{Kind, Tag};

/// Where the lines an opening tag encloses end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// Closed by the tag on line index `.0`.
    Closed(usize),
    /// Never closed: the block ends before line index `.0`.
    Open(usize),
}

/// Settles which lines every opening tag encloses (see the module comment),
/// and lists the note texts `(secondary, number)` outside code and comments.
pub fn extents(lines: &[Line]) -> (Vec<Option<Extent>>, Vec<(bool, u32)>) {
    let n = lines.len();
    // next[i]: the first line at or after i that `is` holds for (n if none).
    let next = |is: &dyn Fn(&Kind) -> bool| -> Vec<usize> {
        let mut v = vec![n; n + 1];
        for i in (0..n).rev() {
            v[i] = if is(&lines[i].kind) { i } else { v[i + 1] };
        }
        v
    };
    let comment_close = next(&|k| *k == Kind::Close(Tag::Comment));
    let example_close = next(&|k| *k == Kind::Close(Tag::Example));
    let fence_close = next(&|k| *k == Kind::FenceClose);
    let verse_close = next(&|k| *k == Kind::Close(Tag::Verse));
    // What ends a verse that is never closed: a heading or another tag.
    let verse_break = next(&|k| {
        matches!(
            k,
            Kind::Heading(_) | Kind::Open(_) | Kind::Close(_) | Kind::FenceOpen
        ) && *k != Kind::Close(Tag::Verse)
    });
    let mut extent = vec![None; n];
    let mut defined = Vec::new();
    let mut open: Vec<(Tag, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        match &lines[i].kind {
            Kind::Open(Tag::Comment) => {
                let j = comment_close[i + 1];
                if j < n {
                    extent[i] = Some(Extent::Closed(j));
                    i = j + 1;
                } else {
                    extent[i] = Some(Extent::Open(i + 1));
                    i += 1;
                }
                continue;
            }
            Kind::Open(Tag::Example) | Kind::FenceOpen => {
                let j = if lines[i].kind == Kind::FenceOpen {
                    fence_close[i + 1]
                } else {
                    example_close[i + 1]
                };
                extent[i] = Some(if j < n {
                    Extent::Closed(j)
                } else {
                    Extent::Open(n)
                });
                i = j + 1;
                continue;
            }
            Kind::Open(Tag::Verse) => {
                let (j, b) = (verse_close[i + 1], verse_break[i + 1]);
                if j < b {
                    extent[i] = Some(Extent::Closed(j));
                    i = j + 1;
                } else {
                    extent[i] = Some(Extent::Open(b));
                    i = b;
                }
                continue;
            }
            Kind::Open(tag) => open.push((*tag, i)),
            Kind::Close(tag) => {
                if let Some(k) = open.iter().rposition(|(t, _)| t == tag) {
                    for (_, inner) in open.drain(k + 1..) {
                        extent[inner] = Some(Extent::Open(i));
                    }
                    if let Some((_, at)) = open.pop() {
                        extent[at] = Some(Extent::Closed(i));
                    }
                }
            }
            Kind::Note {
                secondary, number, ..
            } => defined.push((*secondary, *number)),
            _ => {}
        }
        i += 1;
    }
    for (_, at) in open {
        extent[at] = Some(Extent::Open(n));
    }
    (extent, defined)
}
