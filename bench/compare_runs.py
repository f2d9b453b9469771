#!/usr/bin/env python3
"""Compares two runs of bench/repair_score.py --json, group by group (dev and each held-out batch).

Usage: bench/compare_runs.py BEFORE.json AFTER.json [--markdown] [--down-heldout]

A group is the dev set or one held-out batch, as bench/corpus/heldout.txt's section lines
("# Added at stop N (batch K), never tuned on:") divide it. For each group it prints the
items both runs have, mean paragraph F1, mean heading F1, the notes found/linked/expected
and left in the body, and the footnoted items meeting every target of issue 22 (word F1
>= 0.998, paragraph F1 >= 0.95, every note linked, none in the body), before -> after.
Then it names the dev items whose word or paragraph F1 went down. Held-out items that
went down are counted per group; --down-heldout names them (names and figures only:
never open a held-out item's output).
Exit status: 0, or 2 on a usage error.
"""

import argparse
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "corpus" / "heldout.txt"
# Sections of heldout.txt written before the batches were numbered in their header line.
EARLY_BATCHES = {30: "batch 3", 31: "batch 4"}
EPS = 1e-9


def heldout_groups(path=HELDOUT):
    """text id -> group name, from heldout.txt's section lines."""
    groups, current = {}, "held out, stops 28–29"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*Added at stop (\d+)(?:\s*\((batch \d+)\))?", line)
            if m:
                stop = int(m.group(1))
                current = m.group(2) or EARLY_BATCHES.get(stop, "held out, stops 28–29")
            continue
        groups[line] = current
    return groups


def meets_targets(r):
    return (r["notes_expected"] > 0 and r["error"] is None and r["word_f1"] >= 0.998
            and r["par_f1"] >= 0.95 and r["notes_linked"] == r["notes_expected"] and r["notes_in_body"] == 0)


def summary(rows):
    n = len(rows) or 1
    footnoted = [r for r in rows if r["notes_expected"] > 0]
    return {
        "items": len(rows),
        "word": sum(r["word_f1"] for r in rows) / n,
        "par": sum(r["par_f1"] for r in rows) / n,
        "head": sum(r["heading_f1"] for r in rows) / n,
        "notes": "/".join(str(sum(r[k] for r in rows)) for k in ("notes_found", "notes_linked", "notes_expected")),
        "in_body": sum(r["notes_in_body"] for r in rows),
        "meet": f"{sum(meets_targets(r) for r in footnoted)} of {len(footnoted)}",
    }


def load(path):
    try:
        return {r["id"]: r for r in json.loads(Path(path).read_text(encoding="utf-8"))["items"]}
    except (OSError, ValueError, KeyError) as e:
        print(f"compare_runs: {path}: not a repair_score.py --json run ({e})", file=sys.stderr)
        sys.exit(2)


def group_of(r, held):
    return held.get(r["text"], "dev") if r["set"] == "heldout" else "dev"


def order_key(name):
    if name == "dev":
        return (0, 0)
    m = re.match(r"batch (\d+)", name)
    return (1, int(m.group(1)) if m else 0)


def went_down(a, b):
    return bool(b["word_f1"] < a["word_f1"] - EPS or b["par_f1"] < a["par_f1"] - EPS or (b["error"] and not a["error"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--markdown", action="store_true", help="print the groups as a Markdown table")
    ap.add_argument("--down-heldout", action="store_true", help="name held-out items that went down")
    a = ap.parse_args()
    before, after = load(a.before), load(a.after)
    held = heldout_groups()
    common = sorted(set(before) & set(after))
    groups = collections.defaultdict(list)
    for i in common:
        groups[group_of(after[i], held)].append(i)
    names = sorted(groups, key=order_key)
    if a.markdown:
        print("| group | par F1 | heading F1 | notes f/l/e | in body | meet every target |")
        print("| --- | --- | --- | --- | --- | --- |")
    for g in names:
        sa = summary([before[i] for i in groups[g]])
        sb = summary([after[i] for i in groups[g]])
        if a.markdown:
            print(f"| {g} ({sa['items']}) | {sa['par']:.4f} → {sb['par']:.4f} | {sa['head']:.4f} → {sb['head']:.4f} "
                  f"| {sa['notes']} → {sb['notes']} | {sa['in_body']} → {sb['in_body']} | {sa['meet']} → {sb['meet']} |")
        else:
            up = sum(after[i]["par_f1"] > before[i]["par_f1"] + EPS for i in groups[g])
            down = sum(went_down(before[i], after[i]) for i in groups[g])
            print(f"{g:22} {sa['items']:4} items  word {sa['word']:.4f}->{sb['word']:.4f}  par {sa['par']:.4f}->{sb['par']:.4f}"
                  f"  head {sa['head']:.4f}->{sb['head']:.4f}  notes {sa['notes']}->{sb['notes']}"
                  f"  in body {sa['in_body']}->{sb['in_body']}  meet {sa['meet']}->{sb['meet']}  par up {up}  down {down}")
    for i in common:
        b, c = before[i], after[i]
        if went_down(b, c) and (group_of(c, held) == "dev" or a.down_heldout):
            print(f"down: {i} ({group_of(c, held)}) word {b['word_f1']:.4f}->{c['word_f1']:.4f} "
                  f"par {b['par_f1']:.4f}->{c['par_f1']:.4f}" + (f" error {c['error']}" if c["error"] else ""))
    only = sorted(set(before) ^ set(after))
    if only:
        print(f"({len(only)} items are in one run only and are not compared)")


if __name__ == "__main__":
    main()
