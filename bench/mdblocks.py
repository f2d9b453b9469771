#!/usr/bin/env python3
"""Reads the CommonMark (with footnotes) that truth texts and `zinepress normalize` use
into blocks and notes, and turns text into the normalised words the corpus scorer compares.

A document is a list of body blocks (headings, paragraphs, list items, quoted paragraphs,
code) and a dict of notes (label -> list of paragraphs). Each block keeps its inline
Markdown (`md`), and `words()` gives its normalised words with the note references found
in it. The parser is forgiving: any text gives some blocks, never an exception.

Word normalisation (the metric's definition, see bench/README.md):
  - NFKC (ligatures and the ellipsis become plain letters and dots);
  - typographic quotes become ' and ", U+2010/U+2011 become "-", U+00AD is removed;
  - dashes (em, en, figure, horizontal bar, minus, and "--") separate words, except that
    an en or figure dash between digits is a hyphen ("7–1" and "7-1" are one word);
  - YAML front matter is not text: its title is a level-1 heading, its other values
    paragraphs, its keys no words;
  - a word is a run of non-space characters; characters that are neither letters nor
    digits are stripped from its two ends (so inner hyphens, apostrophes, dots and
    slashes stay: general-purpose, don't, U.S, example.org/path);
  - what is left empty (a lone dash, a bullet, an asterisk) is not a word.
"""

import html
import re
import unicodedata

QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-",
})
DASHES = re.compile("[\u2012\u2013\u2014\u2015\u2212]|--+")
# A dash between digits joins a range or a number ("Listing 7-1", "7–1"): typography
# may set either, and they are the same word.
DIGIT_RANGE = re.compile("(?<=[0-9])[\u2012\u2013](?=[0-9])")
REF = re.compile(r"\[\^([^\]\s]+)\]")
SENT_OPEN, SENT_CLOSE = "\x01", "\x02"


class Block:
    """One body block: kind is 'h' (heading), 'p' (paragraph), 'li' (list item),
    'code'; quote is the block-quote depth; md the inline Markdown."""

    __slots__ = ("kind", "level", "quote", "md", "marker")

    def __init__(self, kind, md, level=0, quote=0, marker=""):
        self.kind, self.md, self.level, self.quote, self.marker = kind, md, level, quote, marker

    def __repr__(self):
        return f"Block({self.kind!r}, {self.md[:40]!r}, level={self.level}, quote={self.quote})"


class Doc:
    def __init__(self):
        self.blocks = []
        self.notes = {}  # label -> [paragraph md]
        self.note_order = []


# ---------------------------------------------------------------- block parsing

HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
ITEM = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)(.*)$")
NOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
HTML_LINE = re.compile(r"^ {0,3}</?[A-Za-z][A-Za-z0-9-]*(\s[^>]*)?/?>\s*$")
QUOTE = re.compile(r"^ {0,3}> ?")


def _starts_block(line):
    return bool(HEADING.match(line) or FENCE.match(line) or QUOTE.match(line)
                or NOTE_DEF.match(line) or BREAK.match(line) or HTML_LINE.match(line)
                or _interrupting_item(line))


def _interrupting_item(line):
    m = ITEM.match(line)
    if not m or not m.group(4).strip():
        return False
    marker = m.group(2)
    return marker in "-*+" or marker[:-1] == "1"


def parse(text):
    """Parses Markdown text into a Doc (never raises on odd input)."""
    doc = Doc()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _front_matter(lines, doc)
    _parse_lines(lines, doc, 0)
    return doc


FRONT_FIELD = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):[ \t]*(.*)$")


def _front_matter(lines, doc):
    """YAML front matter (`---` ... `---` at the very top, as `zinepress normalize`
    prints the title it found): its keys are not the text's words. The title is the
    document's heading (`# Title` in a truth text), every other value a paragraph."""
    if not lines or lines[0].strip() != "---":
        return lines
    try:
        end = next(k for k in range(1, len(lines)) if lines[k].strip() in ("---", "..."))
    except StopIteration:
        return lines
    fields = [FRONT_FIELD.match(l) for l in lines[1:end] if l.strip()]
    if not fields or not all(fields):
        return lines
    for m in fields:
        value = m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if value:
            doc.blocks.append(Block("h", value, level=1) if m.group(1) == "title" else Block("p", value))
    return lines[end + 1:]


def _parse_lines(lines, doc, quote):
    i, n = 0, len(lines)
    while i < n:
        line = lines[i].expandtabs(4)
        if not line.strip():
            i += 1
            continue
        m = FENCE.match(line)
        if m:
            fence = m.group(1)
            body = []
            i += 1
            while i < n and not lines[i].strip().startswith(fence):
                body.append(lines[i])
                i += 1
            i += 1
            if any(l.strip() for l in body):
                doc.blocks.append(Block("code", "\n".join(body), quote=quote))
            continue
        m = NOTE_DEF.match(line)
        if m and quote == 0:
            label, paras, cur = m.group(1), [], [m.group(2)]
            i += 1
            while i < n:
                l = lines[i].expandtabs(4)
                if not l.strip():
                    # A blank line ends the note unless indented text follows.
                    j = i + 1
                    while j < n and not lines[j].strip():
                        j += 1
                    if j < n and lines[j].startswith("    "):
                        paras.append(" ".join(x.strip() for x in cur if x.strip()))
                        cur = []
                        i = j
                        continue
                    break
                if l.startswith("  ") or not _starts_block(l):
                    cur.append(l.strip())
                    i += 1
                    continue
                break
            paras.append(" ".join(x.strip() for x in cur if x.strip()))
            paras = [p for p in paras if p]
            if label not in doc.notes:
                doc.note_order.append(label)
                doc.notes[label] = paras
            else:
                doc.notes[label].extend(paras)
            continue
        m = HEADING.match(line)
        if m:
            doc.blocks.append(Block("h", (m.group(2) or "").strip(), level=len(m.group(1)), quote=quote))
            i += 1
            continue
        if BREAK.match(line):
            i += 1
            continue
        if HTML_LINE.match(line):
            i += 1
            continue
        if QUOTE.match(line):
            inner = []
            while i < n and lines[i].strip():
                l = lines[i]
                if QUOTE.match(l):
                    inner.append(QUOTE.sub("", l, count=1))
                elif _starts_block(l):
                    break
                else:
                    inner.append(l)  # lazy continuation
                i += 1
                # A quote continues over a line that is only ">".
            _parse_lines(inner, doc, quote + 1)
            continue
        m = ITEM.match(line)
        if m and m.group(4).strip():
            indent = len(m.group(1)) + len(m.group(2)) + len(m.group(3))
            marker = m.group(2)
            cur = [m.group(4)]
            i += 1
            while i < n and lines[i].strip():
                l = lines[i].expandtabs(4)
                if ITEM.match(l) or (not l.startswith(" " * min(indent, 4)) and _starts_block(l)):
                    break
                cur.append(l.strip())
                i += 1
            doc.blocks.append(Block("li", " ".join(cur), quote=quote, marker=marker))
            # Indented paragraphs after a blank line continue the item: own blocks.
            while i < n:
                j = i
                while j < n and not lines[j].strip():
                    j += 1
                if j < n and j > i and lines[j].startswith(" " * max(2, min(indent, 4))) and not ITEM.match(lines[j]):
                    cur = []
                    i = j
                    while i < n and lines[i].strip() and not ITEM.match(lines[i]):
                        cur.append(lines[i].strip())
                        i += 1
                    doc.blocks.append(Block("p", " ".join(cur), quote=quote))
                else:
                    break
            continue
        # A paragraph: lines up to a blank line or the start of another block.
        cur = [line]
        i += 1
        while i < n and lines[i].strip() and not _starts_block(lines[i].expandtabs(4)):
            cur.append(lines[i])
            i += 1
        md = "\n".join(l.strip() if not l.rstrip().endswith("\\") else l.strip() for l in cur)
        doc.blocks.append(Block("p", md, quote=quote))


# ---------------------------------------------------------------- inline to plain text

INLINE = re.compile(
    r"(?P<code>`+)(?P<codebody>.*?[^`])(?P=code)(?!`)"
    r"|(?P<img>!\[(?P<alt>(?:\\.|[^\]\\])*)\]\([^)]*\))"
    r"|(?P<ref>\[\^(?P<label>[^\]\s]+)\])"
    r"|(?P<link>\[(?P<ltext>(?:\\.|[^\]\\])*)\]\((?P<url>[^)]*)\))"
    r"|(?P<auto><(?P<aurl>(?:https?|ftp|mailto):[^>\s]*)>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<esc>\\(?P<ec>[!-/:-@\[-`{-~]))"
    r"|(?P<hard>\\\n)",
    re.S)


def plain(md):
    """Inline Markdown to plain text; note references become SENT_OPEN label SENT_CLOSE,
    set off by spaces."""
    out, pos = [], 0
    for m in INLINE.finditer(md):
        out.append(_strip_marks(md[pos:m.start()]))
        pos = m.end()
        if m.group("code"):
            out.append(m.group("codebody").strip())
        elif m.group("img"):
            pass
        elif m.group("ref"):
            out.append(f" {SENT_OPEN}{m.group('label')}{SENT_CLOSE} ")
        elif m.group("link"):
            out.append(plain(m.group("ltext")))
        elif m.group("auto"):
            out.append(m.group("aurl"))
        elif m.group("tag"):
            pass
        elif m.group("esc"):
            out.append(m.group("ec"))
        elif m.group("hard"):
            out.append(" ")
    out.append(_strip_marks(md[pos:]))
    return html.unescape("".join(out))


def _strip_marks(s):
    s = s.replace("*", "").replace("~~", "")
    # Underscores mark emphasis only at word edges (snake_case words keep theirs).
    return re.sub(r"(?<![0-9A-Za-z])_+|_+(?![0-9A-Za-z])", "", s)


def norm_word(tok, fold=False):
    t = unicodedata.normalize("NFKC", tok).translate(QUOTES).replace("\u00ad", "")
    a, b = 0, len(t)
    while a < b and not t[a].isalnum():
        a += 1
    while b > a and not t[b - 1].isalnum():
        b -= 1
    t = t[a:b]
    return t.casefold() if fold else t


def words_refs(md, fold=False):
    """The normalised words of inline Markdown, and its note references as
    (label, number of words before it)."""
    text = DASHES.sub(" ", DIGIT_RANGE.sub("-", unicodedata.normalize("NFKC", plain(md))))
    words, refs = [], []
    for tok in text.split():
        if tok.startswith(SENT_OPEN) and tok.endswith(SENT_CLOSE):
            refs.append((tok[1:-1], len(words)))
            continue
        w = norm_word(tok, fold)
        if w:
            words.append(w)
    return words, refs


def words(md, fold=False):
    return words_refs(md, fold)[0]


def block_words(block, fold=False):
    """A block's words; an ordered list item's number is one of them (it is printed)."""
    if block.kind == "code":
        return words_refs(block.md.replace("`", " "), fold)
    w, r = words_refs(block.md, fold)
    if block.kind == "li" and block.marker[:-1].isdigit():
        w = [block.marker[:-1]] + w
        r = [(label, k + 1) for label, k in r]
    return w, r


if __name__ == "__main__":
    import sys
    d = parse(open(sys.argv[1], encoding="utf-8").read())
    for b in d.blocks:
        print(b.kind, b.level, b.quote, " ".join(block_words(b)[0])[:100])
    for k in d.note_order:
        print("NOTE", k, " ".join(words(" ".join(d.notes[k])))[:100])
