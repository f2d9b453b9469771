#!/usr/bin/env python3
"""The Typst kinds of the generality corpus (bench/make_corpus.py): a truth text's Markdown
as a Typst document on each kind's page set-up (running heads, folios, footnotes, floating
captions and pull quotes), and its compilation with the `typst` Python package. The kinds
are described in make_corpus.KINDS and bench/README.md.
"""

import hashlib
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import md2typst  # noqa: E402
import mdblocks  # noqa: E402

FONT_PATHS = [str(ROOT / "fonts"), "/usr/share/fonts/truetype/dejavu"]

FONTS = ["Linux Libertine O", "DejaVu Serif", "New Computer Modern", "Libertinus Serif", "DejaVu Sans"]
SIZES = [9.5, 10, 10.5, 11]

CAPTIONS = [
    "Members of the reading group outside the old library, spring 1987.",
    "The print shop in the basement of the co-op, before the fire.",
    "A meeting in the union hall; the banner was made by the sewing circle.",
    "The first issue, folded and stapled by hand on the kitchen table.",
    "Marchers crossing the river bridge on the second day of the strike.",
    "Volunteers sorting donated books for the prison library project.",
    "The duplicator that printed every leaflet of that winter.",
    "Children at the free school painting the mural on the east wall.",
]
CREDITS = ["PHOTO: MARIA KOWALSKI", "STEVE ODUYA", "COURTESY OF THE EASTSIDE ARCHIVE",
           "PHOTO: J. R. MENDES", "DRAWING BY ANA LUZ", "PHOTO: THE AUTHOR"]
SUBTITLES = ["A pamphlet of the reading circle", "Notes for a study group",
             "Reprinted from the winter bulletin", "Second edition, revised"]


def stable_hash(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()



def typst_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


CAPS_WORD = re.compile(r"\b[A-Z]{8,}\b")


def soften_capitals(md):
    """Typst does not hyphenate words in capitals; a block mostly in capitals gets a soft
    hyphen in the middle of each long word (after a vowel), so its lines can break there
    as a pamphlet's would (PAR-TIES)."""
    letters = [c for c in mdblocks.plain(md) if c.isalpha()]
    if len(letters) < 20 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return md

    def split(m):
        w = m.group(0)
        mid = len(w) // 2
        for d in range(len(w) // 2 - 2):
            for k in (mid + d, mid - d):
                if 3 <= k <= len(w) - 3 and w[k - 1] in "AEIOU" and w[k] not in "AEIOU":
                    return w[:k] + "\u00ad" + w[k:]
        return w
    return CAPS_WORD.sub(split, md)


def typst_inline(md, notes):
    t = md2typst.inline(soften_capitals(md), notes)
    # Emphasis as function calls in code blocks: `_n_th` does not close in Typst markup,
    # `#{emph[n]}th` does, whatever follows.
    t = re.sub(r"(?<!\\)_((?:\\.|[^_\\])+?)(?<!\\)_", r"#{emph[\1]}", t)
    t = re.sub(r"(?<!\\)\*((?:\\.|[^*\\])+?)(?<!\\)\*", r"#{strong[\1]}", t)
    # A leading enumeration or list marker stays text.
    t = re.sub(r"^(\d+)\.", r"\1\\.", t)
    t = re.sub(r"^([+-]) ", r"\\\1 ", t)
    return t


def body_typst(doc, notes, extras=None):
    """Typst markup for the blocks after the title; extras maps a block index to
    Typst inserted before that block (floats)."""
    out = []
    for i, b in enumerate(doc.blocks):
        if extras and i in extras:
            out.append(extras[i])
        if b.kind == "h" and b.level == 1 and i == 0:
            continue
        if b.kind == "h":
            out.append("=" * max(1, b.level - 1) + " " + typst_inline(b.md, notes))
            continue
        if b.kind == "li":
            marker = b.marker if b.marker[:-1].isdigit() else "-"
            if marker != "-":
                marker = marker[:-1] + "."
            t = marker + " " + typst_inline(b.md, notes)
        elif b.kind == "code":
            t = "#raw(" + typst_str(b.md) + ", block: true)"
        else:
            t = typst_inline(b.md.replace("\\\n", "\x00").replace("\n", " ").replace("\x00", "\\\n"), notes)
        if b.quote:
            t = "#quote(block: true)[" + t + "]"
        out.append(t)
    return "\n\n".join(out)


def title_of(doc):
    if doc.blocks and doc.blocks[0].kind == "h" and doc.blocks[0].level == 1:
        return mdblocks.plain(doc.blocks[0].md).strip()
    return "Untitled"


def item_style(item_id):
    h = int(stable_hash(item_id)[:8], 16)
    return FONTS[h % len(FONTS)], SIZES[(h // 7) % len(SIZES)]


def typst_source(kind, truth_md, item_id, numbering):
    doc = mdblocks.parse(truth_md)
    notes = {k: " ".join(v) for k, v in doc.notes.items()}
    title = title_of(doc)
    font, size = item_style(item_id)
    rng = random.Random(item_id)
    head_title = typst_str(title)
    title_block = (f'#align(center, block(below: 2em, text(size: 1.7em, weight: "bold", hyphenate: false)[{typst_inline(doc.blocks[0].md, notes)}]))\n'
                   if doc.blocks and doc.blocks[0].kind == "h" and doc.blocks[0].level == 1 else "")
    common = (f'#set text(font: {typst_str(font)}, size: {size}pt, lang: "en", hyphenate: true)\n'
              '#show heading: set text(size: 1.1em)\n'
              '#show heading: set block(above: 1.4em, below: 0.8em)\n'
              f'#set footnote(numbering: {typst_str(numbering)})\n'
              '#set footnote.entry(gap: 0.5em)\n')
    extras = None
    if kind == "typst-a5":
        page = ('#set page(width: 148mm, height: 210mm, margin: (top: 22mm, bottom: 22mm, inside: 18mm, outside: 16mm),\n'
                f'  header: context {{ if here().page() > 1 {{ align(center, text(size: 0.85em, style: "italic", {head_title})) }} }},\n'
                '  footer: context align(center, text(size: 0.9em, counter(page).display())))\n'
                '#set par(justify: true, first-line-indent: 0em, spacing: 1em, leading: 0.6em)\n')
    elif kind == "typst-letter2":
        sub = typst_str(SUBTITLES[int(stable_hash(item_id, "sub")[:6], 16) % len(SUBTITLES)])
        page = ('#set page(paper: "us-letter", margin: (top: 1.1in, bottom: 1in, x: 1in),\n'
                f'  header: context {{ if here().page() > 1 {{ align(center, stack(spacing: 0.5em, text(size: 0.9em, weight: "bold", {head_title}), text(size: 0.85em, style: "italic", {sub}))) }} }},\n'
                '  footer: context { let n = counter(page).get().first(); align(if calc.even(n) { left } else { right }, text(size: 0.9em, str(n))) })\n'
                '#set par(justify: true, first-line-indent: 1.5em, spacing: 0.65em, leading: 0.65em)\n')
    elif kind == "typst-notes":
        page = ('#set page(width: 5.5in, height: 8.5in, margin: (top: 0.8in, bottom: 0.75in, inside: 0.7in, outside: 0.6in),\n'
                f'  header: context {{ if here().page() > 1 {{ align(center, text(size: 0.85em, smallcaps({head_title}))) }} }},\n'
                '  footer: context align(center, text(size: 0.9em, counter(page).display())))\n'
                '#set par(justify: true, first-line-indent: 1.2em, spacing: 0.65em, leading: 0.6em)\n')
    elif kind == "typst-captions":
        page = ('#set page(paper: "a4", margin: (top: 25mm, bottom: 25mm, x: 28mm),\n'
                f'  header: context {{ if here().page() > 1 {{ text(size: 0.85em, {head_title}); h(1fr); text(size: 0.85em, counter(page).display()) }} }})\n'
                '#set par(justify: true, first-line-indent: 0em, spacing: 1.1em, leading: 0.65em)\n')
        extras = caption_floats(doc, rng)
    elif kind == "typst-narrow":
        page = ('#set page(width: 105mm, height: 148mm, margin: (top: 15mm, bottom: 12mm, inside: 11mm, outside: 9mm),\n'
                '  header: context { let n = counter(page).get().first(); if n > 1 { set text(size: 0.8em); '
                f'if calc.even(n) {{ str(n); h(1fr); upper({head_title}) }} else {{ upper({head_title}); h(1fr); str(n) }} }} }})\n'
                '#set par(justify: true, first-line-indent: 1em, spacing: 0.6em, leading: 0.55em)\n')
        common = common.replace(f"size: {size}pt", f"size: {min(size, 10) - 1}pt")
    else:
        raise ValueError(kind)
    return page + common + "\n" + title_block + body_typst(doc, notes, extras) + "\n"


def caption_floats(doc, rng):
    """Figure boxes with a caption and a credit in capitals (about one per 450 words) and
    pull quotes that repeat a body sentence (about one per 1,000 words), as floats."""
    extras, words, since_fig, since_pull = {}, 0, 0, 0
    fig_n = 0
    for i, b in enumerate(doc.blocks):
        n = len(mdblocks.block_words(b)[0])
        since_fig += n
        since_pull += n
        if i < 2 or b.kind != "p":
            continue
        if since_fig >= 450:
            since_fig = 0
            cap = CAPTIONS[(fig_n + rng.randrange(3)) % len(CAPTIONS)]
            credit = CREDITS[rng.randrange(len(CREDITS))]
            where = rng.choice(["top", "bottom"])
            height = rng.choice([30, 45, 60])
            if rng.random() < 0.5:
                capline = f'grid(columns: (1fr, auto), column-gutter: 1em, text(size: 0.85em, {typst_str(cap)}), text(size: 0.7em, {typst_str(credit)}))'
            else:
                capline = f'stack(spacing: 0.4em, text(size: 0.85em, {typst_str(cap)}), align(right, text(size: 0.7em, {typst_str(credit)})))'
            extras[i] = (f'#place({where}, float: true, clearance: 1.2em, block(width: 100%, stack(spacing: 0.5em, '
                         f'rect(width: 100%, height: {height}mm, fill: luma(225)), {capline})))')
            fig_n += 1
        elif since_pull >= 1000:
            # A sentence of 8 to 22 words from this paragraph, repeated as a pull quote.
            sents = [s for s in re.split(r"(?<=[.!?])\s+", mdblocks.plain(b.md).strip())
                     if 8 <= len(s.split()) <= 22 and mdblocks.SENT_OPEN not in s]
            if not sents:
                continue
            since_pull = 0
            s = md2typst.escape_text(rng.choice(sents))
            extras[i] = (f'#place({rng.choice(["top", "bottom"])}, float: true, clearance: 1.2em, '
                         'align(center, block(width: 75%, inset: (y: 0.8em), stroke: (y: 0.6pt), '
                         f'text(size: 1.35em, style: "italic", hyphenate: false)[{s}])))')
    return extras


def compile_typst(src, pdf_path):
    import typst
    pdf = typst.compile(src.encode("utf-8"), font_paths=FONT_PATHS, ignore_system_fonts=True, timestamp=0)
    pdf_path.write_bytes(pdf)
