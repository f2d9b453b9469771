#!/usr/bin/env python3
"""How well the cues a text gives separate paragraph ends from wrapped lines, at the
boundaries where a line that ends a sentence is followed by one that opens with a
capital, on the generality corpus.

For each such pair of adjacent input lines (no blank line or page break between them)
it records the truth (does a block of truth.md end there?), zinepress's decision (does a
block of the output that bench/repair_score.py left beside the input end there? run the
scorer first) and cues read from the text alone, much as src/normalize/measure.rs
reads them, but simpler (furniture and notes are not removed first):

    room     how much room the next line's first word would have left on the line, as a
             share of the local measure (the 90th percentile of the widths of the 17
             lines around it), in glyph widths of a Times-like face; > 0: it would
             have fitted
    bdef     how far the next line falls short of the measure (an indent shows here)
    cont     the next line goes on into the line after it (ends in a hyphen, or runs
             on into lower case): it is full, so its shortfall is an indent or noise
    lines    lines of the output's paragraph before the boundary

It prints, per bin of each cue, how many pairs there are, how many are paragraph ends,
how many zinepress gets wrong, and how many the best constant choice per bin would get
wrong (what that cue alone could do). Bins where zinepress is already near the per-bin
best say the cue is used up.
"""

import argparse
import collections
import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import para_causes  # noqa: E402
import repair_score  # noqa: E402

SENTENCE_END = para_causes.SENTENCE_END
OPENS = re.compile(r"[\"'“‘(]?[A-Z0-9]")

# Advance widths of printable ASCII (space to ~), thousandths of an em, Times-like.
ASCII = [250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
         500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
         921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
         556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
         333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
         500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541]


def width(s):
    """A text's width in ems."""
    total = 0
    for c in s:
        if " " <= c <= "~":
            total += ASCII[ord(c) - 32]
        elif c in "‘’":
            total += 333
        elif c in "“”":
            total += 444
        elif c in "—…":
            total += 1000
        else:
            total += 722 if c.isupper() else 500
    return total / 1000


def block_ends(words, ends, iw):
    """Input word index -> whether the other text's block ends after the aligned word
    (None where the word and the next are not aligned side by side)."""
    out = {}
    for a, b, n in difflib.SequenceMatcher(None, words, iw, autojunk=False).get_matching_blocks():
        for k in range(n - 1):
            out[b + k] = ends[a + k]
    return out


def paragraph_lines(gw, ge, iw, iline):
    """Input line -> lines of the output paragraph it belongs to, up to and including it."""
    out, start = {}, None
    for a, b, n in difflib.SequenceMatcher(None, gw, iw, autojunk=False).get_matching_blocks():
        for k in range(n):
            line = iline[b + k]
            if start is None:
                start = line
            out[line] = line - start + 1
            if ge[a + k]:
                start = None
    return out


def pairs(item, corpus):
    text = (corpus / item["input"]).read_text(encoding="utf-8", errors="replace")
    truth = (corpus / item["truth"]).read_text(encoding="utf-8")
    out = (corpus / item["id"] / "normalized.md").read_text(encoding="utf-8")
    iw, iline, lines, _ = para_causes.input_lines(text)
    tw, te, _, _ = para_causes.body_stream(truth)
    gw, ge, _, _ = para_causes.body_stream(out)
    t_end, g_end = block_ends(tw, te, iw), block_ends(gw, ge, iw)
    lines = [ln.replace("\f", "").strip() for ln in lines]
    widths = [width(ln) for ln in lines]
    nonblank = [i for i, ln in enumerate(lines) if ln]
    last_word = {}
    for j, line in enumerate(iline):
        last_word[line] = j
    plines = paragraph_lines(gw, ge, iw, iline)
    for k in range(len(nonblank) - 1):
        a, b = nonblank[k], nonblank[k + 1]
        if b != a + 1 or "\f" in text.split("\n")[b]:
            continue
        if not SENTENCE_END.search(lines[a]) or not OPENS.match(lines[b]) or a not in last_word:
            continue
        j = last_word[a]
        if j not in t_end or j not in g_end:
            continue
        near = sorted(widths[nonblank[x]] for x in range(max(0, k - 8), min(len(nonblank), k + 9)))
        measure = near[int(len(near) * 0.9) - (1 if len(near) > 1 else 0)] or 1.0
        room = (measure - widths[a] - 0.25 - width(lines[b].split()[0])) / measure
        c = nonblank[k + 2] if k + 2 < len(nonblank) else None
        cont = c == b + 1 and (lines[b].endswith("-") or (not SENTENCE_END.search(lines[b]) and lines[c][:1].islower()))
        yield dict(truth=t_end[j], got=g_end[j], room=room, bdef=1 - widths[b] / measure, cont=cont,
                   lines=plines.get(a, 0))


def table(name, rows, key, bins):
    print(f"\n{name}")
    print(f"  {'bin':>16} {'pairs':>6} {'ends':>6} {'wrong':>6} {'best':>6}")
    tot_wrong = tot_best = 0
    for lo, hi in zip(bins, bins[1:]):
        sel = [r for r in rows if lo <= key(r) < hi]
        if not sel:
            continue
        ends = sum(r["truth"] for r in sel)
        wrong = sum(r["truth"] != r["got"] for r in sel)
        best = min(ends, len(sel) - ends)
        tot_wrong += wrong
        tot_best += best
        print(f"  [{lo:+6.2f},{hi:+6.2f}) {len(sel):6} {ends:6} {wrong:6} {best:6}")
    print(f"  {'all':>16} {len(rows):6} {sum(r['truth'] for r in rows):6} {tot_wrong:6} {tot_best:6}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    repair_score.add_selection_args(ap)
    a = ap.parse_args()
    corpus, items = repair_score.select_items(a, "para_cues")
    rows = []
    for it in items:
        if not (corpus / it["id"] / "normalized.md").exists():
            print(f"para_cues: no normalized.md for {it['id']}; run bench/repair_score.py first", file=sys.stderr)
            sys.exit(2)
        rows += list(pairs(it, corpus))
    print(f"{len(rows)} pairs (a line ending a sentence, the next opening with a capital), "
          f"{sum(r['truth'] for r in rows)} paragraph ends, zinepress wrong on {sum(r['truth'] != r['got'] for r in rows)}")
    table("room for the next word (share of the measure)", rows, lambda r: r["room"],
          [-9, -0.1, -0.05, -0.03, -0.01, 0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2, 9])
    full = [r for r in rows if r["room"] < 0.05]
    table("room < 0.05: the next line's shortfall, where it goes on (full)", [r for r in full if r["cont"]],
          lambda r: r["bdef"], [-9, -0.02, 0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 9])
    table("room < 0.05: lines of the paragraph so far", full, lambda r: r["lines"], [0, 1, 2, 3, 4, 5, 6, 8, 12, 999])


if __name__ == "__main__":
    main()
