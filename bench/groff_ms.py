#!/usr/bin/env python3
"""Sets a truth text with groff's ms macros: the groff-ms kind of the generality corpus.

A typesetter that is neither Typst nor zinepress, with the conventions of a pamphlet set in
troff: paragraphs indented and not spaced (`PD 0`; the first after a heading is not
indented, ms's `.LP`), justified and hyphenated (`.ad b`, `.hy`, English patterns), the
title centred in bold (`.TL`), headings in bold (`.SH`), notes at the page foot with ms's
`.FS/.FE` under a short rule, numbered by ms or marked by symbols or letters. The running
head and folio follow one of three styles (chosen per item from a hash of its id):
  title-head  the short title in italics at the head's left, the folio as "– 7 –" centred
              at the foot
  outer       the short title and the folio on one head line, the folio at the outer corner
              (ms's `.OH/.EH`), no foot
  ms-default  ms's own "- 7 -" centred at the head, the short title in italics centred
              at the foot
The short title is the title before its first colon (a long one cut to whole words). ms
prints no head on page 1. The Markdown is turned into ms by pandoc (which escapes troff's
special characters); only the title, the note marks and the page set-up are our own.
"""

import hashlib
import os
import re
import subprocess
from pathlib import Path

FAMILIES = ["T", "P", "N", "H"]  # Times, Palatino, Century Schoolbook, Helvetica (URW base 35)
# (not Bookman: Debian's groff 1.22.4 maps its roman to the italic font file and back)
SIZES = [(10, 12), (10.5, 12.5), (11, 13.5)]  # point size, leading
# paper name: (groff -P-p length,width, page length, offset, line length, head/foot margins)
PAPERS = {
    "a5": ("a5", "21c", "1.8c", "11.2c", "2c"),
    "half-letter": ("8.5i,5.5i", "8.5i", "0.7i", "4.1i", "0.8i"),
}
FOLIOS = ["title-head", "outer", "ms-default"]
SYMBOLS = ["*", "\\(dg", "\\(dd", "\\(sc", "\\(ps", "**", "\\(dg\\(dg", "\\(dd\\(dd"]


def style(item_id):
    """(family, (size, leading), paper, folio style, footnote format) for an item."""
    h = int(hashlib.sha256(item_id.encode()).hexdigest()[:12], 16)
    return (FAMILIES[h % 4], SIZES[(h // 4) % 3], sorted(PAPERS)[(h // 12) % 2],
            FOLIOS[(h // 24) % 3], (0, 2)[(h // 72) % 2])


def short_title(title, limit=48):
    """The running head's title: the part before the first colon, cut to whole words."""
    t = title.split(": ", 1)[0].strip()
    if len(t) <= limit:
        return t
    out = ""
    for w in t.split():
        if len(out) + len(w) + 1 > limit:
            break
        out = (out + " " + w).strip()
    return out


def pandoc_ms(truth_md):
    """The truth as ms by pandoc (CommonMark with footnotes, no smart quotes)."""
    r = subprocess.run(["pandoc", "-f", "commonmark+footnotes", "-t", "ms"], input=truth_md,
                       capture_output=True, text=True, check=True)
    return r.stdout


def note_mark(k, numbering):
    """The k-th (0-based) note's mark for Typst's numbering names: "*" symbols, "a" letters."""
    if numbering == "*":
        return SYMBOLS[k % len(SYMBOLS)]
    if numbering == "a":
        return "abcdefghijklmnopqrstuvwxyz"[k % 26]
    return None


def mark_notes(body, numbering):
    """ms numbers notes itself (`\\**`); symbols and letters are given to each mark and note."""
    if note_mark(0, numbering) is None:
        return body
    refs, defs = iter(range(10 ** 6)), iter(range(10 ** 6))
    body = re.sub(r"\\\*\*", lambda m: "\\*{" + note_mark(next(refs), numbering) + "\\*}", body)
    return re.sub(r"^\.FS$", lambda m: ".FS " + note_mark(next(defs), numbering), body, flags=re.M)


def ms_source(truth_md, item_id, numbering="1"):
    """The whole ms document of a truth text: our page set-up, then pandoc's body with the
    first level-1 heading made the title."""
    family, (size, lead), paper, folio, ff = style(item_id)
    _, page_len, offset, line_len, margin = PAPERS[paper]
    body = pandoc_ms(truth_md)
    body = re.sub(r"^\.pdfhref O .*\n", "", body, flags=re.M)
    m = re.match(r"\.SH 1\n(.*)\n", body)
    title = ""
    if m:
        title = m.group(1)
        # A title is not hyphenated (\% before each word).
        body = ".TL\n" + " ".join("\\%" + w for w in title.split()) + "\n" + body[m.end():]
    head = short_title(title)
    body = mark_notes(body, numbering)
    folios = {
        "title-head": f".ds LH \\fI{head}\\fP\n.ds CH\n.ds RH\n.ds CF \\(en\\0%\\0\\(en\n",
        "outer": (f".OH '\\fI{head}\\fP''%'\n.EH '%''\\fI{head}\\fP'\n"
                  ".ds LF\n.ds CF\n.ds RF\n"),
        "ms-default": f".ds CH \\- % \\-\n.ds CF \\fI{head}\\fP\n",
    }[folio]
    setup = (f".pl {page_len}\n.nr PO {offset}\n.nr LL {line_len}\n.nr LT {line_len}\n"
             f".nr HM {margin}\n.nr FM {margin}\n"
             f".nr PS {size}p\n.nr VS {lead}p\n.fam {family}\n"
             ".nr PI 1.5m\n.nr PD 0\n.nr FL \\n[LL]\n.nr FPS (\\n[PS] - 1500)\n"
             f".nr FF {ff if numbering == '1' else 0}\n"
             ".nr PSINCR 1p\n.nr GROWPS 3\n"
             + folios +
             ".hy 6\n.ad b\n")
    return setup + body


def compile_ms(src, pdf_path, item_id):
    """groff -ms -Tpdf of an ms document; fonts embedded from the URW base 35."""
    paper = PAPERS[style(item_id)[2]][0]
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    r = subprocess.run(["groff", "-Tpdf", "-ms", "-mpdf", "-Kutf8", f"-P-p{paper}"], input=src.encode("utf-8"),
                       capture_output=True, env=env)
    if r.returncode != 0 or not r.stdout.startswith(b"%PDF"):
        raise RuntimeError(f"groff failed: {r.stderr.decode('utf-8', 'replace').strip()[:500]}")
    # gropdf 1.22.4 stamps the time of the run and ignores SOURCE_DATE_EPOCH: the dates are
    # set to the epoch, digit for digit, so that the xref offsets stay right.
    pdf = re.sub(rb"\(D:\d{14}", b"(D:19700101000000", r.stdout)
    Path(pdf_path).write_bytes(pdf)


def versions():
    """groff's and pandoc's versions, for the corpus's manifest and its item keys."""
    out = {}
    for tool in ("groff", "pandoc"):
        r = subprocess.run([tool, "--version"], capture_output=True, text=True)
        out[tool] = (r.stdout or r.stderr).splitlines()[0].strip() if r.returncode == 0 else "missing"
    return out
