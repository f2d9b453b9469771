#!/usr/bin/env python3
"""Counts the wrong paragraph boundaries of zinepress's text repair on the
generality corpus, by cause.

It reads each item's truth (truth.md), its input (the extracted .txt) and the
output that `bench/repair_score.py` left beside them (normalized.md; run the
scorer first, with the binary you want to look at). The body words of truth and
output are aligned (notes are left out: their boundaries are the scorer's notes
figures); where the two agree on a run of words, every place where one has a
block boundary and the other not is a wrong boundary. Each is given a cause from
the kind of the truth blocks around it and from the input line the boundary
falls on (its length against the text's measure, and what follows it: a page
break, a blank line, or the next line).

    merge:heading     a heading run into the text before or after it
    merge:list        list items run together or into a paragraph
    merge:quote       a block quote run into its neighbours
    merge:code        a code block run into its neighbours
    merge:body/page   two paragraphs joined across a page break
    merge:body/blank  two paragraphs joined although a blank line parted them
    merge:body/full   two paragraphs joined where the first ends on a full line
    merge:body/short  two paragraphs joined although the first ends on a short line
    split:heading     a heading (or title) cut in two
    split:list, split:quote, split:code
    split:body/page   a paragraph cut at a page break
    split:body/blank  a paragraph cut at a blank line of the input
    split:body/full-sentence   cut after a full line that ends a sentence
    split:body/short-sentence  cut after a short line that ends a sentence
    split:body/mid-sentence    cut after a line that does not end a sentence
    unaligned         the boundary's words are not found in the input

Boundaries inside runs where the words themselves differ are not counted (the
word figures cover those).
"""

import argparse
import collections
import difflib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mdblocks  # noqa: E402
import repair_score  # noqa: E402

SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]*_`]*$")


def body_stream(md):
    """(words, ends, block index per word, blocks) of a Markdown text's body."""
    doc = mdblocks.parse(md)
    words, ends, owner, blocks = [], [], [], []
    for b in doc.blocks:
        w = mdblocks.block_words(b)[0]
        if not w:
            continue
        blocks.append(b)
        words += w
        ends += [False] * (len(w) - 1) + [True]
        owner += [len(blocks) - 1] * len(w)
    return words, ends, owner, blocks


def input_lines(text):
    """The input's words, the line of each, and per line: its length and what follows it."""
    lines = text.split("\n")
    words, line_of = [], []
    for i, line in enumerate(lines):
        for w in mdblocks.words(line.replace("\f", " ")):
            words.append(w)
            line_of.append(i)
    lengths = [len(line.replace("\f", "").strip()) for line in lines]
    return words, line_of, lines, lengths


def measure(lengths):
    """The text's usual full-line length: the 80th percentile of its non-empty lines."""
    ls = sorted(n for n in lengths if n)
    return ls[int(len(ls) * 0.8)] if ls else 0


def gap_after(lines, a, b):
    """What parts input line a from line b (b > a): page, blank or line."""
    between = lines[a + 1:b + 1]
    if any("\f" in ln for ln in between):
        return "page"
    if any(not ln.strip() for ln in lines[a + 1:b]):
        return "blank"
    return "line"


def kind_of(block):
    if block.kind == "h":
        return "heading"
    if block.quote:
        return "quote"
    if block.kind == "li":
        return "list"
    if block.kind == "code":
        return "code"
    return "body"


def causes(truth_md, out_md, input_text):
    """A list of (cause, context) for one item's wrong paragraph boundaries."""
    return [(cause, ctx) for cause, ctx, _, _ in boundaries(truth_md, out_md, input_text)]


def boundaries(truth_md, out_md, input_text):
    """The wrong paragraph boundaries of one item as (cause, context, index of the
    boundary's last word in the output's body words, whether the truth ends a block there)."""
    tw, te, tb, tblocks = body_stream(truth_md)
    gw, ge, gb, gblocks = body_stream(out_md)
    iw, iline, lines, lengths = input_lines(input_text)
    full = measure(lengths)
    to_input = {}
    for a, b, n in difflib.SequenceMatcher(None, tw, iw, autojunk=False).get_matching_blocks():
        for k in range(n):
            to_input[a + k] = b + k
    found = []
    for a, b, n in difflib.SequenceMatcher(None, tw, gw, autojunk=False).get_matching_blocks():
        for k in range(n - 1):
            i, j = a + k, b + k
            if te[i] == ge[j]:
                continue
            merge = te[i]
            k1, k2 = kind_of(tblocks[tb[i]]), kind_of(tblocks[tb[i + 1]])
            if merge:
                kinds = {k1, k2} - {"body"}
                kind = "heading" if "heading" in kinds else (sorted(kinds)[0] if kinds else "body")
                ctx = " ".join(tw[max(0, i - 5):i + 1]) + " || " + " ".join(tw[i + 1:i + 6])
            else:
                kind = k1
                ctx = " ".join(gw[max(0, j - 5):j + 1]) + " || " + " ".join(gw[j + 1:j + 6])
            cause = ("merge:" if merge else "split:") + kind
            if kind == "body":
                if i not in to_input or i + 1 not in to_input:
                    cause = "unaligned"
                else:
                    la, lb = iline[to_input[i]], iline[to_input[i + 1]]
                    gap = gap_after(lines, la, lb) if lb > la else "line"
                    long_line = lengths[la] >= 0.85 * full
                    if gap != "line":
                        cause += "/" + gap
                    elif merge:
                        cause += "/full" if long_line else "/short"
                    elif SENTENCE_END.search(lines[la].rstrip()):
                        cause += "/full-sentence" if long_line else "/short-sentence"
                    else:
                        cause += "/mid-sentence"
            found.append((cause, ctx, j, merge))
    return found


# The boundaries a line-width decision makes: whether a line that fills the measure ends
# its paragraph (merged where it did, split where it did not, after a sentence's end).
FULL_LINE = ("merge:body/full", "split:body/full-sentence")


def ceiling(truth_md, out_md, input_text, fix):
    """Paragraph F1 of the output, and what it would be with every wrong boundary whose
    cause is in `fix` (a tuple of causes; None: every cause) set right."""
    t, g = repair_score.Scored(truth_md), repair_score.Scored(out_md)
    now = repair_score.f1(t.paragraphs(), g.paragraphs())
    gw, ge, _, _ = body_stream(out_md)
    for cause, _, j, ends in boundaries(truth_md, out_md, input_text):
        if fix is None or cause in fix:
            ge[j] = ends
    fixed = collections.Counter({k: n for k, n in g.paragraphs().items() if k[0] == "N"})
    block = []
    for w, e in zip(gw, ge):
        block.append(w)
        if e:
            fixed[("B", tuple(block))] += 1
            block = []
    if block:
        fixed[("B", tuple(block))] += 1
    return now, repair_score.f1(t.paragraphs(), fixed)


def print_ceilings(corpus, items, source):
    """Per item: paragraph F1 now, with every full-line boundary right, with every boundary right."""
    rows = []
    for it in sorted(items, key=lambda i: (i["kind"], i["id"])):
        args = ((corpus / it["truth"]).read_text(encoding="utf-8"),
                (corpus / it["id"] / ("normalized-pdf.md" if source == "pdf" else "normalized.md")).read_text(encoding="utf-8"),
                (corpus / it["input"]).read_text(encoding="utf-8", errors="replace"))
        now, full = ceiling(*args, FULL_LINE)
        rows.append((it["id"], it.get("notes", 0) > 0, now, full, ceiling(*args, None)[1]))
    print(f"{'item':48} {'now':>6} {'full':>6} {'all':>6}   (paragraph F1: now, every full-line boundary right, every boundary right)")
    for r in rows:
        print(f"{r[0]:48} {r[2]:6.4f} {r[3]:6.4f} {r[4]:6.4f}{'  footnoted' if r[1] else ''}")
    for name, sel in (("all items", rows), ("footnoted", [r for r in rows if r[1]])):
        if sel:
            print(f"{name:16} n={len(sel):3}  mean " + "  ".join(f"{sum(r[k] for r in sel) / len(sel):.4f}" for k in (2, 3, 4))
                  + "   >= 0.95: " + " ".join(str(sum(r[k] >= 0.95 for r in sel)) for k in (2, 3, 4)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    repair_score.add_selection_args(ap)
    ap.add_argument("--examples", type=int, default=0, metavar="N", help="print N examples of each cause")
    ap.add_argument("--per-item", action="store_true", help="print the counts of each item")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--input", choices=["text", "pdf"], default="text",
                    help="whose output to read: normalized.md (text) or normalized-pdf.md (pdf); "
                         "the input lines are the extracted text's in both")
    ap.add_argument("--ceiling", action="store_true",
                    help="print per item the paragraph F1 now, with every full-line boundary "
                         "(" + ", ".join(FULL_LINE) + ") set right, and with every boundary set right")
    a = ap.parse_args()
    corpus, items = repair_score.select_items(a, "para_causes")
    if a.ceiling:
        print_ceilings(corpus, items, a.input)
        return
    total, per, examples = collections.Counter(), {}, collections.defaultdict(list)
    for it in sorted(items, key=lambda i: (i["kind"], i["id"])):
        out = corpus / it["id"] / ("normalized-pdf.md" if a.input == "pdf" else "normalized.md")
        if not out.exists():
            print(f"para_causes: {out} not found; run bench/repair_score.py on this item first", file=sys.stderr)
            sys.exit(2)
        found = causes((corpus / it["truth"]).read_text(encoding="utf-8"), out.read_text(encoding="utf-8"),
                       (corpus / it["input"]).read_text(encoding="utf-8", errors="replace"))
        c = collections.Counter(cause for cause, _ in found)
        per[it["id"]] = c
        total += c
        for cause, ctx in found:
            examples[cause].append(f"{it['id']}: {ctx}")
    if a.json:
        print(json.dumps({"total": total, "items": per, "examples": examples}, indent=1))
        return
    if a.per_item:
        for item, c in per.items():
            print(f"{item:48} {sum(c.values()):4}  " + ", ".join(f"{k} {n}" for k, n in c.most_common()))
        print()
    print(f"{'cause':28} {'count':>5}")
    for cause, n in total.most_common():
        print(f"{cause:28} {n:5}")
    print(f"{'all':28} {sum(total.values()):5}   ({len(items)} items, set {a.set})")
    if a.examples:
        for cause, n in total.most_common():
            print(f"\n## {cause}")
            for e in examples[cause][:a.examples]:
                print("  " + e)


if __name__ == "__main__":
    main()
