#!/usr/bin/env python3
"""Converts the CommonMark that `zinepress normalize` prints into simple Typst markup.

Handles what the normalizer emits: `# Title` (a title block and a page break),
`##`… headings (`=`, `==`, …), paragraphs, `*emph*`, `**strong**`, `` `code` ``,
`[text](url)` (kept as text), footnotes (`[^n]` references become
`#footnote[...]` with the `[^n]: ...` definition's text), ordered and
unordered lists, `>` block quotes (`#quote(block: true)`), hard line breaks
(`\\` at a line end), `* * *` rules and images (dropped). All literal text is
escaped for Typst.

Usage: bench/md2typst.py FILE.md > FILE.typ   (the body only; see typst_compare.py for the preamble)
"""

import re
import sys

# Characters with a meaning in Typst markup; escaped with a backslash.
TYPST_SPECIAL = set("\\#$*_`<>@[]~=")


def escape_text(t):
    out = []
    for i, c in enumerate(t):
        nxt = t[i + 1] if i + 1 < len(t) else ""
        if c in TYPST_SPECIAL:
            out.append("\\" + c)
        elif c == "/" and nxt in "/*":  # `//` and `/*` start comments
            out.append("\\/")
        elif c == "-" and nxt in "-?":  # `--`, `---` dashes, `-?` soft hyphen
            out.append("\\-")
        elif c == "." and t[i:i + 3] == "...":  # `...` is an ellipsis shorthand
            out.append("\\.")
        elif c in "'\"":  # keep straight quotes straight, as zinepress received them
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def inline(md, notes):
    """Markdown inline text to Typst markup."""
    out, i, text = [], 0, []

    def flush():
        if text:
            out.append(escape_text("".join(text)))
            text.clear()

    while i < len(md):
        c = md[i]
        if c == "\\" and i + 1 < len(md):
            if md[i + 1] == "\n":
                flush()
                out.append(" \\\n")
            else:
                text.append(md[i + 1])
            i += 2
            continue
        m = re.match(r"\[\^([^\]]+)\]", md[i:])
        if m:
            flush()
            body = notes.get(m.group(1))
            if body is not None:
                out.append("#footnote[" + inline(body, notes) + "]")
            i += m.end()
            continue
        m = re.match(r"!?\[((?:\\.|[^\]\\])*)\]\(([^)]*)\)", md[i:])
        if m:
            flush()
            if not md[i] == "!":
                out.append(inline(m.group(1), notes))
            i += m.end()
            continue
        m = re.match(r"\*\*((?:\\.|[^*\\]|\*(?!\*))+?)\*\*", md[i:])
        if m:
            flush()
            out.append("*" + inline(m.group(1), notes) + "*")
            i += m.end()
            continue
        m = re.match(r"\*((?:\\.|[^*\\])+?)\*", md[i:])
        if m:
            flush()
            out.append("_" + inline(m.group(1), notes) + "_")
            i += m.end()
            continue
        m = re.match(r"`([^`]*)`", md[i:])
        if m:
            flush()
            out.append("#raw(" + '"' + m.group(1).replace("\\", "\\\\").replace('"', '\\"') + '")')
            i += m.end()
            continue
        text.append(c)
        i += 1
    flush()
    return "".join(out)


def blocks(lines):
    """Splits lines into blank-line separated blocks (quote lines stay together)."""
    cur = []
    for line in lines:
        if line.strip() == "" or line.strip() == ">":
            if line.strip() == ">" and cur and cur[0].startswith(">"):
                cur.append(line)
                continue
            if cur:
                yield cur
                cur = []
        else:
            if cur and (cur[0].startswith(">") != line.startswith(">")):
                yield cur
                cur = []
            cur.append(line)
    if cur:
        yield cur


def convert(md, title_page=True):
    lines = md.split("\n")
    notes, body = {}, []
    for line in lines:
        m = re.match(r"\[\^([^\]]+)\]:\s?(.*)", line)
        if m:
            notes[m.group(1)] = m.group(2)
        else:
            body.append(line)
    return convert_blocks(body, notes, title_page)


def convert_blocks(lines, notes, title_page=False):
    out = []
    for block in blocks(lines):
        first = block[0]
        text = "\n".join(block)
        if first.startswith(">"):
            inner = [re.sub(r"^> ?", "", l) for l in block]
            out.append("#quote(block: true)[\n" + convert_blocks(inner, notes) + "\n]")
            continue
        m = re.match(r"(#{1,6}) (.*)", first)
        if m and len(block) == 1:
            level = len(m.group(1))
            if level == 1 and title_page:
                out.append("#align(center + horizon, text(size: 2em)[" + inline(m.group(2), notes) + "])\n#pagebreak()")
            else:
                out.append("=" * max(1, level - 1) + " " + inline(m.group(2), notes))
            continue
        if re.fullmatch(r"\s*(\* ?){3,}\s*", text):
            out.append("#align(center)[\\*]")
            continue
        if all(re.match(r"(\d+\. |- )", l) for l in block):
            items = []
            for l in block:
                m = re.match(r"(\d+)\. (.*)", l)
                items.append(f"{m.group(1)}. " + inline(m.group(2), notes) if m else "- " + inline(l[2:], notes))
            out.append("\n".join(items))
            continue
        if re.fullmatch(r"!\[.*\]\(.*\)", text):
            continue
        para = inline(text.replace("\\\n", "\x00").replace("\n", " ").replace("\x00", "\\\n"), notes)
        # A paragraph that starts like a list or heading marker stays a paragraph.
        para = re.sub(r"^(\d+)\.", r"\1\\.", para)
        para = re.sub(r"^([+-]) ", r"\\\1 ", para)
        out.append(para)
    return "\n\n".join(out)


if __name__ == "__main__":
    src = open(sys.argv[1], encoding="utf-8").read() if len(sys.argv) > 1 else sys.stdin.read()
    sys.stdout.write(convert(src) + "\n")
