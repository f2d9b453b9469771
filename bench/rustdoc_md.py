#!/usr/bin/env python3
"""Turns chapters of the Rust documentation installed with the toolchain (mdBook HTML under
`rustup doc --path`) into clean prose Markdown: the truth texts of the generality corpus.

Kept: headings, paragraphs, list items (nested lists flattened, one block per item),
block quotes, notes and warnings (as paragraphs), emphasis and strong emphasis. Inline
code is kept as plain words; links as their text. Dropped: code blocks and listings with
their captions, tables, images, footnote markers and definitions, "Filename:" lines,
navigation, and any block that is left without a letter. Every block is one line, blocks
are separated by a blank line; Markdown's special characters in the text are escaped.

Usage: bench/rustdoc_md.py FILE.html [FILE.html...] > TEXT.md
"""

import html.parser
import re
import sys

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote"}
SKIP_TAGS = {"pre", "table", "script", "style", "nav", "figure", "figcaption", "svg", "sup", "button", "aside", "img"}
SKIP_CLASSES = {"footnote-definition", "filename", "footnote-reference", "ferris", "ferris-explain",
                "hidden", "header-in-summary", "mdbook-help-container", "listing", "footnote-definitions",
                "rule-link", "grammar-container", "grammar-railroad", "railroad", "popup-container",
                "uncovered-rules-popup", "alert-title", "playground"}


def escape_md(t):
    """Escapes characters that would be read as Markdown syntax."""
    t = re.sub(r"([\\`*_\[\]<>])", r"\\\1", t)
    t = re.sub(r"^(#{1,6}|[-+]|\d+[.)])(?=\s|$)", lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], t)
    return t


class Converter(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = False
        self.skip = 0  # depth inside skipped elements
        self.stack = []  # open tags (tag, skipped?)
        self.blocks = []  # (kind, text, quote)
        self.cur = None  # [kind, parts]
        self.quote = 0

    # Each text run goes to the innermost open block; a block opened inside another (a
    # paragraph inside a list item) first closes the outer one's text.
    def _open_block(self, kind):
        self._close_block()
        self.cur = [kind, []]

    def _close_block(self):
        if self.cur is None:
            return
        kind, parts = self.cur
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        text = re.sub(r"\*\*\s*\*\*|\*\s*\*(?!\*)", "", text).strip()
        if re.search(r"[A-Za-z]", text) and not re.match(r"(Filename|Listing \d)", text):
            self.blocks.append((kind, text, self.quote))
        self.cur = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.in_main = True
            return
        if not self.in_main or tag in ("br", "hr", "img", "input", "wbr", "meta", "link"):
            if tag == "br" and self.cur is not None and not self.skip:
                self.cur[1].append(" ")
            return
        classes = set((a.get("class") or "").split())
        skipped = bool(self.skip) or tag in SKIP_TAGS or bool(classes & SKIP_CLASSES) or "display: none" in (a.get("style") or "")
        if tag == "a" and a.get("class") == "header":
            skipped = bool(self.skip)
        self.stack.append((tag, skipped))
        if skipped:
            self.skip += 1
            return
        if tag in ("ul", "ol", "div", "section"):
            self._close_block()
        if tag == "blockquote":
            self._close_block()
            self.quote += 1
            return
        if tag in BLOCK_TAGS:
            kind = "h" + tag[1] if tag[0] == "h" and tag[1:].isdigit() else ("li" if tag == "li" else "p")
            self._open_block(kind)
            return
        if self.cur is None:
            return
        if tag in ("em", "i"):
            self.cur[1].append("*")
        elif tag in ("strong", "b"):
            self.cur[1].append("**")

    def handle_endtag(self, tag):
        if tag == "main":
            self._close_block()
            self.in_main = False
            return
        if not self.in_main:
            return
        # Pop to the matching open tag (tolerates unclosed elements).
        while self.stack:
            t, skipped = self.stack.pop()
            if skipped:
                self.skip -= 1
            if t == tag:
                break
        else:
            return
        if skipped:
            return
        if tag == "blockquote":
            self._close_block()
            self.quote = max(0, self.quote - 1)
        elif tag in BLOCK_TAGS or tag in ("ul", "ol", "div", "section"):
            self._close_block()
        elif self.cur is not None and tag in ("em", "i"):
            self.cur[1].append("*")
        elif self.cur is not None and tag in ("strong", "b"):
            self.cur[1].append("**")

    def handle_data(self, data):
        if not self.in_main or self.skip:
            return
        if self.cur is None:
            if not data.strip():
                return
            self._open_block("p")
        self.cur[1].append(escape_md(data) if not re.match(r"^\s*$", data) else data)


def convert_files(paths):
    """Returns (title, markdown) for the chapters read in order."""
    blocks = []
    for p in paths:
        c = Converter()
        with open(p, encoding="utf-8") as f:
            c.feed(f.read())
        c.close()
        c._close_block()
        blocks.extend(c.blocks)
    title, out = None, []
    for kind, text, quote in blocks:
        text = _fix_emphasis(text)
        if not text:
            continue
        if kind.startswith("h"):
            level = int(kind[1])
            if title is None:
                title = text
                out.append("# " + text)
            else:
                out.append("#" * min(6, max(2, level + 1 if level == 1 else level)) + " " + text)
        elif kind == "li":
            out.append(("> " * quote) + "- " + text)
        else:
            out.append(("> " * quote) + text)
    return title, "\n\n".join(out) + "\n"


def _fix_emphasis(text):
    """Moves spaces out of emphasis markers and drops unbalanced ones, so that the
    Markdown reads back as the same words."""
    parts = re.split(r"(?<!\\)(\*\*|\*)", text)
    # Empty emphasis (a marker, nothing but spaces, the same marker) goes.
    i = 0
    while i + 2 < len(parts):
        if parts[i] in ("*", "**") and not parts[i + 1].strip() and parts[i + 2] == parts[i]:
            del parts[i:i + 3]
            i = max(0, i - 2)
        else:
            i += 1
    # Drop a marker kind entirely when it does not pair up.
    for mark in ("**", "*"):
        if parts.count(mark) % 2:
            parts = [p for p in parts if p != mark]
    out, open_ = [], {"*": False, "**": False}
    for i, p in enumerate(parts):
        if p in ("*", "**"):
            if not open_[p]:
                # Opening: the following text must not start with a space.
                nxt = parts[i + 1] if i + 1 < len(parts) else ""
                if nxt.startswith(" "):
                    out.append(" ")
                    parts[i + 1] = nxt.lstrip()
                out.append(p)
            else:
                if out and out[-1].endswith(" "):
                    out[-1] = out[-1].rstrip()
                    out.append(p)
                    out.append(" ")
                else:
                    out.append(p)
            open_[p] = not open_[p]
        else:
            out.append(p)
    text = "".join(out)
    return re.sub(r"\s+", " ", text).strip()


if __name__ == "__main__":
    title, md = convert_files(sys.argv[1:])
    sys.stdout.write(md)
