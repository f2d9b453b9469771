#!/usr/bin/env python3
"""Word-spacing check of a typeset PDF (issue 5).

Reads the word boxes from `pdftotext -bbox-layout FILE.pdf -` and measures the
gaps between adjacent words on *justified* lines, in ems of the body font size.

Which lines count (heuristics, the same for any PDF, so zinepress and Typst are
measured alike):
  * body lines: the line box height is within 0.6 pt of the most common line
    height in the document (drops headings, footnotes, title-page lines, and
    running heads and folios when they are set in another size);
  * not page furniture: a line whose nearest neighbouring line on the page is
    more than 1.8 body pitches away (running heads, folios, lone lines) is
    dropped;
  * justified: the line starts within 2.5 em of the text's left edge (indent
    allowed; or up to 0.3 em left of it, where an opening quote hangs into the
    margin) and its right edge reaches the text's right edge within 1 pt (or
    hangs past it, as Typst's hanging punctuation does). The text edges are the
    most common left and right edges of body lines, taken separately for odd
    and even pages (inside and outside margins differ). Last lines of
    paragraphs fall short of the right edge and so are left out.

Reported: the number of justified lines and gaps; the median and 95th
percentile gap (in em); the share of justified lines with any gap wider than
0.5 em ("loose lines"); the share of body lines ending in a hyphen; and
"hyphen ladders": runs of 3 or more consecutive
body lines (reading order, across page breaks) ending in a hyphen.

Usage: bench/spacing.py FILE.pdf [--font-size 10.5] [--json]
"""

import argparse
import json
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

NS = "{http://www.w3.org/1999/xhtml}"
HYPHENS = ("-", "\u2010", "\u00ad")


def read_lines(pdf):
    """Pages of lines; a line is (xMin, yMin, xMax, yMax, [words]), a word (xMin, xMax, text)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True, capture_output=True).stdout
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter(NS + "page"):
        lines = []
        for line in page.iter(NS + "line"):
            words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "") for w in line.iter(NS + "word")]
            if not words:
                continue
            box = tuple(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            lines.append(box + (words,))
        lines.sort(key=lambda l: (round(l[1], 1), l[0]))
        pages.append(lines)
    return pages


def mode(values, step):
    """The most common value after rounding to `step` (ties: the larger value)."""
    counts = Counter(round(v / step) * step for v in values)
    if not counts:
        return None
    best = max(counts.values())
    return max(v for v, c in counts.items() if c == best)


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = (len(sorted_values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


MARKERS = ("•", "–", "-", "*")


def analyse(pdf, font_size=10.5, edge_tolerance=1.0, loose_em=0.5, skip_pages=0):
    # Covers (a pattern of letters, a title) are not body text: callers skip them.
    pages = read_lines(pdf)[skip_pages:]
    all_lines = [l for p in pages for l in p]
    body_height = mode([l[3] - l[1] for l in all_lines], 0.1)
    is_body = lambda l: abs((l[3] - l[1]) - body_height) <= 0.6

    # Body pitch: the most common distance between consecutive body lines.
    steps = []
    for p in pages:
        tops = [l[1] for l in p if is_body(l)]
        steps += [b - a for a, b in zip(tops, tops[1:]) if b - a > 0.5]
    pitch = mode(steps, 0.1) or body_height * 1.2

    def isolated(p, i):
        y = p[i][1]
        near = [abs(o[1] - y) for j, o in enumerate(p) if j != i]
        return not near or min(near) > 1.8 * pitch

    body = []  # (page index, line) in reading order
    for pi, p in enumerate(pages):
        for i, l in enumerate(p):
            if is_body(l) and not isolated(p, i):
                body.append((pi, l))

    # Text edges per page parity.
    edges = {}
    for parity in (0, 1):
        ls = [l for pi, l in body if pi % 2 == parity]
        edges[parity] = (mode([l[0] for l in ls], 0.25), mode([l[2] for l in ls], 0.25))

    em = font_size
    gaps, loose, justified = [], 0, 0
    for pi, l in body:
        left, right = edges[pi % 2]
        if left is None or right is None:
            continue
        if l[0] > left + 2.5 * em or l[0] < left - 0.3 * em or l[2] < right - edge_tolerance:
            continue
        words = l[4]
        if len(words) < 2:
            continue
        # The space after a list marker is the hanging indent, not a word gap.
        if words[0][2] in MARKERS or (words[0][2].endswith(".") and words[0][2][:-1].isdigit()):
            words = words[1:]
            if len(words) < 2:
                continue
        g = [(b[0] - a[1]) / em for a, b in zip(words, words[1:])]
        justified += 1
        gaps += g
        if max(g) > loose_em:
            loose += 1

    # Hyphen ladders over body lines in reading order.
    ladders, run, longest, hyphenated = 0, 0, 0, 0
    for _, l in body:
        if l[4][-1][2].endswith(HYPHENS) and len(l[4][-1][2]) > 1:
            hyphenated += 1
            run += 1
            longest = max(longest, run)
            if run == 3:
                ladders += 1
        else:
            run = 0

    gaps.sort()
    return {
        "file": pdf,
        "font_size": font_size,
        "pages": len(pages),
        "body_lines": len(body),
        "justified_lines": justified,
        "gaps": len(gaps),
        "median_gap_em": statistics.median(gaps) if gaps else None,
        "p95_gap_em": percentile(gaps, 0.95),
        "max_gap_em": gaps[-1] if gaps else None,
        "loose_line_share": loose / justified if justified else None,
        "loose_lines": loose,
        "hyphenated_lines": hyphenated,
        "hyphenated_share": hyphenated / len(body) if body else None,
        "hyphen_ladders": ladders,
        "longest_hyphen_run": longest,
        "text_edges": {("odd" if k == 0 else "even") + "_pages": v for k, v in edges.items()},
    }


def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf")
    ap.add_argument("--font-size", type=float, default=10.5, help="body font size in points (default 10.5)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--skip-pages", type=int, default=0, help="leading pages to leave out (a cover)")
    a = ap.parse_args()
    r = analyse(a.pdf, a.font_size, skip_pages=a.skip_pages)
    if a.json:
        print(json.dumps(r, indent=2))
        return
    print(f"{r['file']}: {r['pages']} pages, {r['body_lines']} body lines, {r['justified_lines']} justified, {r['gaps']} gaps")
    print(f"  median gap   {fmt(r['median_gap_em'], '.3f')} em")
    print(f"  95th pct gap {fmt(r['p95_gap_em'], '.3f')} em   (max {fmt(r['max_gap_em'], '.3f')} em)")
    print(f"  loose lines  {fmt(r['loose_line_share'] and 100 * r['loose_line_share'], '.1f')}% ({r['loose_lines']} with a gap > 0.5 em)")
    print(f"  hyphenated   {fmt(r['hyphenated_share'] and 100 * r['hyphenated_share'], '.1f')}% of body lines ({r['hyphenated_lines']})")
    print(f"  hyphen runs of 3+ lines: {r['hyphen_ladders']} (longest run {r['longest_hyphen_run']})")


if __name__ == "__main__":
    sys.exit(main())
