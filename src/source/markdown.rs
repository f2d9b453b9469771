//! Markdown sources: pulldown-cmark events walked into document blocks.

use crate::document::{Block, Inline, Note};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// Deepest nesting of block quotes and lists accepted.
pub const MAX_NESTING: usize = 64;

/// Blocks and notes read from Markdown, with the source line of each block.
#[derive(Debug, Default, Clone)]
pub struct MarkdownDoc {
    pub blocks: Vec<Block>,
    /// 1-based line (relative to the text) where each block starts.
    pub lines: Vec<usize>,
    pub notes: Vec<Note>,
}

/// Parses CommonMark (with footnotes) into blocks. Footnote labels are
/// renumbered 1, 2, 3 … in order of first reference.
pub fn parse(text: &str) -> Result<MarkdownDoc, String> {
    // References whose note text was lost get a placeholder definition, so
    // they read back as note references; the placeholder notes are dropped.
    let owned;
    let text = match missing_definitions(text) {
        missing if missing.is_empty() => text,
        missing => {
            owned = format!("{text}\n\n{}", missing.iter().map(|l| format!("[^{l}]: {LOST}\n\n")).collect::<String>());
            owned.as_str()
        }
    };
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_STRIKETHROUGH;
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);

    let mut out = MarkdownDoc::default();
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut note_texts: HashMap<u32, Vec<Inline>> = HashMap::new();
    // Stack of open containers; the bottom one collects top-level blocks.
    let mut blocks_stack: Vec<Vec<Block>> = vec![Vec::new()];
    let mut inline_stack: Vec<Vec<Inline>> = Vec::new();
    let mut list_stack: Vec<(bool, u32, Vec<Vec<Inline>>)> = Vec::new();
    let mut footnote: Option<u32> = None;
    let mut image: Option<(String, String)> = None;
    let mut depth = 0usize;
    let mut divs: Vec<String> = Vec::new();
    let mut spans: Vec<bool> = Vec::new();
    let number_of = |numbers: &mut HashMap<String, u32>, label: &str| -> u32 {
        if let Some(&n) = numbers.get(label) {
            return n;
        }
        let n = label.parse::<u32>().ok().filter(|&n| n > 0).unwrap_or_else(|| numbers.values().max().copied().unwrap_or(0) + 1);
        numbers.insert(label.to_string(), n);
        n
    };

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell => inline_stack.push(Vec::new()),
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } => inline_stack.push(Vec::new()),
                Tag::Image { dest_url, .. } => {
                    image = Some((dest_url.to_string(), String::new()));
                    inline_stack.push(Vec::new());
                }
                Tag::BlockQuote(_) => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Err(format!("line {}: block quotes and lists nest deeper than {MAX_NESTING} levels", line_of(range.start)));
                    }
                    blocks_stack.push(Vec::new());
                }
                Tag::List(start) => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Err(format!("line {}: block quotes and lists nest deeper than {MAX_NESTING} levels", line_of(range.start)));
                    }
                    list_stack.push((start.is_some(), start.unwrap_or(1) as u32, Vec::new()));
                }
                Tag::FootnoteDefinition(label) => {
                    footnote = Some(number_of(&mut numbers, &label));
                    blocks_stack.push(Vec::new());
                }
                Tag::CodeBlock(_) => inline_stack.push(Vec::new()),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph => {
                    let content = inline_stack.pop().unwrap_or_default();
                    if !list_stack.is_empty() && !inline_stack.is_empty() {
                        // A loose list item's paragraph: the item collects it.
                        if let Some(item) = inline_stack.last_mut() {
                            if !item.is_empty() {
                                item.push(Inline::Text(" ".into()));
                            }
                            item.extend(content);
                        }
                    } else if content.len() == 1 && matches!(content[0], Inline::Text(ref t) if t.is_empty()) {
                    } else {
                        let block = match take_image(&content) {
                            Some(img) => img,
                            None => Block::Paragraph(content),
                        };
                        let top = footnote.is_none() && blocks_stack.len() == 1;
                        push_block(&mut blocks_stack, &mut out.lines, block, line_of(range.start), top);
                    }
                }
                TagEnd::Heading(level) => {
                    let content = inline_stack.pop().unwrap_or_default();
                    let level = match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        HeadingLevel::H4 => 4,
                        HeadingLevel::H5 => 5,
                        HeadingLevel::H6 => 6,
                    };
                    let top = blocks_stack.len() == 1;
                    push_block(&mut blocks_stack, &mut out.lines, Block::Heading { level, content }, line_of(range.start), top);
                }
                TagEnd::Item => {
                    let content = inline_stack.pop().unwrap_or_default();
                    if let Some(list) = list_stack.last_mut() {
                        list.2.push(content);
                    }
                }
                TagEnd::List(_) => {
                    depth = depth.saturating_sub(1);
                    if let Some((ordered, start, items)) = list_stack.pop() {
                        let block = Block::List { ordered, start, items };
                        if let Some(parent_item) = inline_stack.last_mut().filter(|_| !list_stack.is_empty()) {
                            // Nested list: flatten into the parent item as text.
                            parent_item.push(Inline::LineBreak);
                            parent_item.push(Inline::Text(crate::document::block_text(&block)));
                        } else {
                            let top = blocks_stack.len() == 1;
                            push_block(&mut blocks_stack, &mut out.lines, block, line_of(range.start), top);
                        }
                    }
                }
                TagEnd::BlockQuote(_) => {
                    depth = depth.saturating_sub(1);
                    let inner = blocks_stack.pop().unwrap_or_default();
                    let top = blocks_stack.len() == 1;
                    let (inner, attribution) = take_attribution(inner);
                    push_block(&mut blocks_stack, &mut out.lines, Block::Quote { blocks: inner, attribution }, line_of(range.start), top);
                }
                TagEnd::FootnoteDefinition => {
                    let inner = blocks_stack.pop().unwrap_or_default();
                    if let Some(n) = footnote.take() {
                        let mut content = Vec::new();
                        for b in inner {
                            if let Block::Paragraph(p) = b {
                                if !content.is_empty() {
                                    content.push(Inline::Text(" ".into()));
                                }
                                content.extend(p);
                            }
                        }
                        note_texts.insert(n, content);
                    }
                }
                TagEnd::Emphasis => wrap(&mut inline_stack, Inline::Emph),
                TagEnd::Strong => wrap(&mut inline_stack, Inline::Strong),
                TagEnd::Strikethrough => wrap(&mut inline_stack, |c| Inline::Emph(c)),
                TagEnd::Link => {
                    let content = inline_stack.pop().unwrap_or_default();
                    if let Some(top) = inline_stack.last_mut() {
                        top.extend(content);
                    }
                }
                TagEnd::Image => {
                    let alt_inlines = inline_stack.pop().unwrap_or_default();
                    if let Some((src, _)) = image.take() {
                        let alt = crate::document::plain_text(&alt_inlines);
                        if let Some(top) = inline_stack.last_mut() {
                            top.push(Inline::Link { url: format!("image:{src}"), content: vec![Inline::Text(alt)] });
                        }
                    }
                }
                TagEnd::CodeBlock => {
                    let content = inline_stack.pop().unwrap_or_default();
                    let text = crate::document::plain_text(&content);
                    let lines: Vec<Vec<Inline>> = text.trim_end().lines().map(|l| vec![Inline::Text(l.to_string())]).collect();
                    let top = blocks_stack.len() == 1;
                    push_block(&mut blocks_stack, &mut out.lines, Block::Verse { stanzas: vec![lines], attribution: None }, line_of(range.start), top);
                }
                _ => {}
            },
            Event::Text(t) => push_text(&mut inline_stack, &t),
            Event::Code(t) => {
                if let Some(top) = inline_stack.last_mut() {
                    top.push(Inline::Code(t.to_string()));
                }
            }
            Event::SoftBreak => push_text(&mut inline_stack, " "),
            Event::HardBreak => {
                if let Some(top) = inline_stack.last_mut() {
                    top.push(Inline::LineBreak);
                }
            }
            Event::FootnoteReference(label) => {
                let n = number_of(&mut numbers, &label);
                if let Some(top) = inline_stack.last_mut() {
                    top.push(Inline::NoteRef(n));
                }
            }
            Event::Rule => {
                let top = blocks_stack.len() == 1;
                push_block(&mut blocks_stack, &mut out.lines, Block::Rule, line_of(range.start), top);
            }
            Event::Html(h) if inline_stack.is_empty() => {
                // `<div class="verse">` … `</div>` around blocks.
                for tag in h.split('\n').map(str::trim).filter(|t| !t.is_empty()) {
                    if let Some(class) = tag.strip_prefix("<div class=\"").and_then(|t| t.strip_suffix("\">")) {
                        depth += 1;
                        if depth > MAX_NESTING {
                            return Err(format!("line {}: blocks nest deeper than {MAX_NESTING} levels", line_of(range.start)));
                        }
                        divs.push(class.to_string());
                        blocks_stack.push(Vec::new());
                    } else if tag == "</div>" && !divs.is_empty() {
                        depth = depth.saturating_sub(1);
                        let class = divs.pop().unwrap_or_default();
                        let inner = blocks_stack.pop().unwrap_or_default();
                        let top = blocks_stack.len() == 1;
                        push_block(&mut blocks_stack, &mut out.lines, div_block(&class, inner), line_of(range.start), top);
                    }
                }
            }
            Event::InlineHtml(h) if h.as_ref() == "<span class=\"smallcaps\">" => {
                spans.push(true);
                inline_stack.push(Vec::new());
            }
            Event::InlineHtml(h) if h.as_ref() == "</span>" && spans.pop().is_some() => wrap(&mut inline_stack, Inline::SmallCaps),
            Event::Html(h) | Event::InlineHtml(h) => push_text(&mut inline_stack, &strip_tags(&h)),
            _ => {}
        }
    }
    out.blocks = blocks_stack.into_iter().next().unwrap_or_default();
    let lost = vec![Inline::Text(LOST.to_string())];
    let mut notes: Vec<Note> = note_texts.into_iter().filter(|(_, c)| *c != lost).map(|(number, content)| Note { number, content }).collect();
    notes.sort_by_key(|n| n.number);
    out.notes = notes;
    Ok(out)
}

/// Placeholder text of a note whose text was lost.
const LOST: &str = "\u{E00F}";

/// Labels referenced as `[^label]` but never defined.
fn missing_definitions(text: &str) -> Vec<String> {
    let mut defined = std::collections::HashSet::new();
    let mut used = Vec::new();
    for (at, _) in text.match_indices("[^") {
        // `match_indices` gives char boundaries: the split always succeeds.
        let Some((before, from)) = text.split_at_checked(at) else { continue };
        let Some((label, after)) = from.strip_prefix("[^").and_then(|f| f.split_once(']')) else { continue };
        let escaped = before.ends_with('\\');
        if !label.is_empty() && !label.contains(char::is_whitespace) && !escaped {
            let line = before.rsplit_once('\n').map_or(before, |(_, line)| line);
            if after.starts_with(':') && line.trim().is_empty() {
                defined.insert(label.to_string());
            } else if !used.iter().any(|u: &String| u == label) {
                used.push(label.to_string());
            }
        }
    }
    used.into_iter().filter(|l| !defined.contains(l)).collect()
}

/// A last paragraph "— Name" inside a quote, verse or epigraph is its attribution.
fn take_attribution(mut blocks: Vec<Block>) -> (Vec<Block>, Option<Vec<Inline>>) {
    if let Some(Block::Paragraph(p)) = blocks.last() {
        if let Some(Inline::Text(t)) = p.first() {
            if let Some(rest) = t.strip_prefix("— ") {
                let mut attr = p.clone();
                attr[0] = Inline::Text(rest.to_string());
                blocks.pop();
                return (blocks, Some(attr));
            }
        }
    }
    (blocks, None)
}

/// The block a `<div class="…">` stands for.
fn div_block(class: &str, inner: Vec<Block>) -> Block {
    let split_lines = |p: &Vec<Inline>| -> Vec<Vec<Inline>> {
        p.split(|i| *i == Inline::LineBreak).map(|l| l.to_vec()).collect()
    };
    match class {
        "verse" => {
            let (inner, attribution) = take_attribution(inner);
            let stanzas = inner.iter().filter_map(|b| if let Block::Paragraph(p) = b { Some(split_lines(p)) } else { None }).collect();
            Block::Verse { stanzas, attribution }
        }
        "epigraph" => {
            let (blocks, attribution) = take_attribution(inner);
            Block::Epigraph { blocks, attribution }
        }
        "signoff" => Block::SignOff(inner.iter().filter_map(|b| if let Block::Paragraph(p) = b { Some(split_lines(p)) } else { None }).flatten().collect()),
        "colophon" => Block::Aside { kind: crate::document::AsideKind::Colophon, blocks: inner },
        _ => Block::Aside { kind: crate::document::AsideKind::Bio, blocks: inner },
    }
}

fn push_block(stack: &mut [Vec<Block>], lines: &mut Vec<usize>, block: Block, line: usize, top: bool) {
    if top {
        lines.push(line);
    }
    if let Some(last) = stack.last_mut() {
        last.push(block);
    }
}

fn push_text(stack: &mut [Vec<Inline>], text: &str) {
    let Some(top) = stack.last_mut() else { return };
    if let Some(Inline::Text(prev)) = top.last_mut() {
        prev.push_str(text);
    } else {
        top.push(Inline::Text(text.to_string()));
    }
}

fn wrap(stack: &mut Vec<Vec<Inline>>, make: impl Fn(Vec<Inline>) -> Inline) {
    let content = stack.pop().unwrap_or_default();
    if let Some(top) = stack.last_mut() {
        top.push(make(content));
    }
}

/// A paragraph that holds only an image becomes an image block.
fn take_image(content: &[Inline]) -> Option<Block> {
    match content {
        [Inline::Link { url, content }] if url.starts_with("image:") => Some(Block::Image {
            src: url.strip_prefix("image:").unwrap_or_default().to_string(),
            alt: crate::document::plain_text(content),
            caption: None,
        }),
        _ => None,
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_notes() {
        let doc = parse("# Title\n\nSome *text*.[^a]\n\n[^a]: The note.\n").unwrap();
        assert_eq!(doc.blocks.len(), 2);
        assert!(matches!(&doc.blocks[0], Block::Heading { level: 1, .. }));
        match &doc.blocks[1] {
            Block::Paragraph(p) => assert!(p.contains(&Inline::NoteRef(1))),
            other => panic!("{other:?}"),
        }
        assert_eq!(doc.notes.len(), 1);
        assert_eq!(doc.lines, vec![1, 3]);
    }

    #[test]
    fn lists_and_quotes() {
        let doc = parse("- a\n- b\n\n> quoted\n").unwrap();
        assert!(matches!(&doc.blocks[0], Block::List { ordered: false, items, .. } if items.len() == 2));
        assert!(matches!(&doc.blocks[1], Block::Quote { .. }));
    }

    #[test]
    fn divs_spans_and_lost_notes() {
        let md = "<div class=\"verse\">\n\nA\\\nB\n\n— Poet\n\n</div>\n\nA <span class=\"smallcaps\">lead</span> in.[^3]\n\n> Q.\n>\n> — Who\n";
        let doc = parse(md).unwrap();
        assert!(matches!(&doc.blocks[0], Block::Verse { stanzas, attribution: Some(_) } if stanzas[0].len() == 2));
        match &doc.blocks[1] {
            Block::Paragraph(p) => {
                assert_eq!(p[1], Inline::SmallCaps(vec![Inline::Text("lead".into())]));
                assert_eq!(p.last(), Some(&Inline::NoteRef(3)));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&doc.blocks[2], Block::Quote { attribution: Some(_), .. }));
        assert!(doc.notes.is_empty());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = ">".repeat(100) + " x";
        assert!(parse(&text).is_err());
    }

    #[test]
    fn image_paragraph_becomes_image_block() {
        let doc = parse("![A cat](cat.png)\n").unwrap();
        assert!(matches!(&doc.blocks[0], Block::Image { src, alt, .. } if src == "cat.png" && alt == "A cat"));
    }
}
