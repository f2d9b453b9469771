#!/usr/bin/env python3
"""Scores zinepress's text repair on the generality corpus (issues 13 and 22).

For each item of the corpus made by bench/make_corpus.py it runs
`zinepress normalize ITEM/TEXT.txt` (the release binary) and compares the CommonMark it
prints with the item's truth.md: word F1 (case-sensitive, and case-folded for reference),
paragraph F1, and the footnote checks. The definitions are in bench/README.md ("The
scorer"); bench/mdblocks.py holds the parsing and the word normalisation.

Usage: bench/repair_score.py [--corpus /work/corpus-out] [--set dev|heldout|all]
                             [--kind KIND]... [--only ITEM_OR_TEXT]... [--zinepress PATH]
                             [--jobs N] [--json | --markdown] [--diff ITEM]
                             [--min-word-f1 X] [--min-par-f1 Y] [--notes] [--input text|pdf]
Exit status: 0, or 1 when a threshold given is not met by some item (or zinepress failed
on one), 2 on a usage error.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import mdblocks  # noqa: E402

NOTE_WINDOW = 8  # words of a note looked for in the body (see README)


def default_zinepress():
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    return str(Path(target) / "release" / "zinepress")


# ---------------------------------------------------------------- measures

def f1(truth, got):
    """F1 of two multisets (Counters); 1.0 when both are empty."""
    common = sum((truth & got).values())
    nt, ng = sum(truth.values()), sum(got.values())
    if nt == 0 and ng == 0:
        return 1.0
    if common == 0:
        return 0.0
    p, r = common / ng, common / nt
    return 2 * p * r / (p + r)


class Scored:
    """A parsed document with what the measures need."""

    def __init__(self, md):
        self.doc = mdblocks.parse(md)
        self.blocks = []  # (words, refs) per body block
        for b in self.doc.blocks:
            self.blocks.append(mdblocks.block_words(b))
        self.notes = {k: mdblocks.words(" ".join(v)) for k, v in self.doc.notes.items()}

    def words(self, fold=False):
        c = collections.Counter()
        for b in self.doc.blocks:
            c.update(mdblocks.block_words(b, fold)[0])
        for v in self.doc.notes.values():
            c.update(mdblocks.words(" ".join(v), fold))
        return c

    def paragraphs(self):
        c = collections.Counter(("B", tuple(w)) for w, _ in self.blocks if w)
        c.update(("N", tuple(w)) for w in self.notes.values() if w)
        return c

    def headings(self):
        """The headings (the title among them) by their words, case folded: the
        structure a reader navigates by, which paragraph F1 does not see."""
        return collections.Counter(tuple(mdblocks.block_words(b, True)[0]) for b in self.doc.blocks
                                   if b.kind == "h" and mdblocks.block_words(b)[0])

    def ref_sites(self):
        """label -> (block index, words before the reference) for the first reference."""
        sites = {}
        for i, (_, refs) in enumerate(self.blocks):
            for label, k in refs:
                sites.setdefault(label, (i, k))
        return sites


def best_truth_blocks(words, truth):
    """The indices of the truth blocks sharing most words with `words`: all of them where
    several tie, as two paragraphs of the same words do."""
    c = collections.Counter(words)
    best, best_n = set(), 0
    for i, (tw, _) in enumerate(truth.blocks):
        n = sum((c & collections.Counter(tw)).values())
        if n > best_n:
            best, best_n = {i}, n
        elif n == best_n and n > 0:
            best.add(i)
    return best


def contains(seq, sub):
    n = len(sub)
    if n == 0:
        return False
    first = sub[0]
    for i in range(len(seq) - n + 1):
        if seq[i] == first and seq[i:i + n] == sub:
            return True
    return False


def note_checks(truth, got):
    """(expected, found, linked, in_body) for the truth's notes; see bench/README.md."""
    t_sites, g_sites = truth.ref_sites(), got.ref_sites()
    body_stream = []
    for w, _ in got.blocks:
        body_stream.extend(w)
        body_stream.append("\x00")
    unused = dict(got.notes)
    expected = found = linked = in_body = 0
    for label in truth.doc.note_order:
        tw = truth.notes.get(label) or []
        if label not in t_sites or not tw:
            continue
        expected += 1
        match = next((g for g, gw in unused.items() if gw == tw), None)
        if match is not None:
            found += 1
            del unused[match]
            if match in g_sites:
                gi, gk = g_sites[match]
                ti, tk = t_sites[label]
                gwords, twords = got.blocks[gi][0], truth.blocks[ti][0]
                before_ok = (gwords[gk - 1] if gk > 0 else None) == (twords[tk - 1] if tk > 0 else None)
                if before_ok and ti in best_truth_blocks(gwords, truth):
                    linked += 1
        window = tw[1:1 + NOTE_WINDOW] if len(tw) > 4 else tw
        if len(window) >= 3 and contains(body_stream, window):
            in_body += 1
    return expected, found, linked, in_body


def score(truth_md, got_md):
    t, g = Scored(truth_md), Scored(got_md)
    expected, found, linked, in_body = note_checks(t, g)
    tw = t.words()
    return {
        "words": sum(tw.values()),
        "word_f1": f1(tw, g.words()),
        "word_f1_ci": f1(t.words(fold=True), g.words(fold=True)),
        "par_f1": f1(t.paragraphs(), g.paragraphs()),
        "paragraphs": sum(t.paragraphs().values()),
        "heading_f1": f1(t.headings(), g.headings()),
        "headings": sum(t.headings().values()),
        "notes_expected": expected, "notes_found": found, "notes_linked": linked, "notes_in_body": in_body,
    }


# ---------------------------------------------------------------- running zinepress

def run_item(args):
    item, corpus, binary, project, source = args
    # --input pdf: the PDF the item's text was extracted from (for the zinepress-booklet
    # kind, its unimposed pages), read by zinepress with its geometry.
    inp = corpus / (item["pdf"] if source == "pdf" else item["input"])
    if source == "pdf" and item["kind"].startswith("zinepress"):
        # The text input of these kinds has the covers cut (pages 2 to N-1); give the
        # PDF reader the same pages.
        cut = corpus / item["id"] / "doc-pages.pdf"
        if not cut.exists():
            subprocess.run(["qpdf", "--empty", "--pages", str(inp), "2-r2", "--", str(cut)], check=True)
        inp = cut
    truth_md = (corpus / item["truth"]).read_text(encoding="utf-8")
    t0 = time.monotonic()
    try:
        r = subprocess.run([binary, "-C", project, "normalize", str(inp)], capture_output=True, timeout=120)
        secs = time.monotonic() - t0
        out = r.stdout.decode("utf-8", errors="replace")
        err = None if r.returncode == 0 else f"exit {r.returncode}: {r.stderr.decode('utf-8', 'replace').strip()[:300]}"
    except (OSError, subprocess.TimeoutExpired) as e:
        secs, out, err = time.monotonic() - t0, "", str(e)[:300]
    try:
        name = "normalized-pdf.md" if source == "pdf" else "normalized.md"
        (corpus / item["id"] / name).write_text(out, encoding="utf-8")
    except OSError:
        pass
    res = dict(id=item["id"], text=item["text"], kind=item["kind"], variant=item["variant"], set=item["set"],
               seconds=secs, error=err)
    try:
        res.update(score(truth_md, out))
    except Exception as e:  # a scorer bug must not hide the other items
        res.update(score(truth_md, ""), error=f"scorer: {e!r}")
    return res


# ---------------------------------------------------------------- report

def passes(r, a):
    ok = r["error"] is None
    if a.min_word_f1 is not None:
        ok &= r["word_f1"] >= a.min_word_f1
    if a.min_par_f1 is not None:
        ok &= r["par_f1"] >= a.min_par_f1
    if a.notes:
        ok &= r["notes_linked"] == r["notes_expected"] and r["notes_in_body"] == 0
    return ok


def table(results, a):
    head = (f"{'item':48} {'set':7} {'var':4} {'words':>6} {'wordF1':>7} {'wF1ci':>7} {'parF1':>7} "
            f"{'notes f/l/e':>11} {'inbody':>6} {'secs':>5}")
    lines = [head, "-" * len(head)]
    for r in results:
        notes = f"{r['notes_found']}/{r['notes_linked']}/{r['notes_expected']}" if r["notes_expected"] else "-"
        mark = "" if passes(r, a) else "  FAIL" if (a.min_word_f1 or a.min_par_f1 or a.notes or r["error"]) else ""
        lines.append(f"{r['id']:48} {r['set']:7} {r['variant']:4} {r['words']:6d} {r['word_f1']:7.4f} "
                     f"{r['word_f1_ci']:7.4f} {r['par_f1']:7.4f} {notes:>11} {r['notes_in_body']:6d} "
                     f"{r['seconds']:5.2f}{mark}" + (f"  ERROR {r['error']}" if r["error"] else ""))
    lines.append("")
    lines.append(f"{'kind':20} {'items':>5} {'words':>7} {'wordF1 mean':>11} {'min':>7} {'parF1 mean':>10} {'min':>7} "
                 f"{'notes f/l/e':>12} {'inbody':>6} {'pass':>5}")
    groups = collections.defaultdict(list)
    for r in results:
        groups[r["kind"]].append(r)
    groups = dict(sorted(groups.items()))
    groups["ALL"] = results
    for k, rs in groups.items():
        if not rs:
            continue
        n = len(rs)
        nf, nl, ne = (sum(r[f] for r in rs) for f in ("notes_found", "notes_linked", "notes_expected"))
        lines.append(f"{k:20} {n:5d} {sum(r['words'] for r in rs):7d} {sum(r['word_f1'] for r in rs) / n:11.4f} "
                     f"{min(r['word_f1'] for r in rs):7.4f} {sum(r['par_f1'] for r in rs) / n:10.4f} "
                     f"{min(r['par_f1'] for r in rs):7.4f} {f'{nf}/{nl}/{ne}':>12} "
                     f"{sum(r['notes_in_body'] for r in rs):6d} {sum(passes(r, a) for r in rs):5d}")
    return "\n".join(lines)


def markdown(results):
    """The per-item and per-kind tables as Markdown (for bench/README.md)."""
    out = ["| item | set | variant | words | word F1 | word F1 (case-folded) | paragraph F1 | notes found/linked/expected | note texts in body |",
           "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        notes = f"{r['notes_found']}/{r['notes_linked']}/{r['notes_expected']}" if r["notes_expected"] else "–"
        out.append(f"| {r['id']} | {r['set']} | {r['variant']} | {r['words']} | {r['word_f1']:.4f} | "
                   f"{r['word_f1_ci']:.4f} | {r['par_f1']:.4f} | {notes} | {r['notes_in_body']} |")
    out += ["", "| kind | items | words | word F1 mean | min | paragraph F1 mean | min | notes found/linked/expected | in body |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    groups = collections.defaultdict(list)
    for r in results:
        groups[r["kind"]].append(r)
    groups = dict(sorted(groups.items()))
    groups["all"] = results
    for k, rs in groups.items():
        n = len(rs)
        nf, nl, ne = (sum(r[f] for r in rs) for f in ("notes_found", "notes_linked", "notes_expected"))
        out.append(f"| {k} | {n} | {sum(r['words'] for r in rs)} | {sum(r['word_f1'] for r in rs) / n:.4f} | "
                   f"{min(r['word_f1'] for r in rs):.4f} | {sum(r['par_f1'] for r in rs) / n:.4f} | "
                   f"{min(r['par_f1'] for r in rs):.4f} | {nf}/{nl}/{ne} | {sum(r['notes_in_body'] for r in rs)} |")
    return "\n".join(out)


def diff(item, corpus, source="text"):
    """Prints what differs between an item's truth and its normalized.md."""
    t = Scored((corpus / item["truth"]).read_text(encoding="utf-8"))
    name = "normalized-pdf.md" if source == "pdf" else "normalized.md"
    g = Scored((corpus / item["id"] / name).read_text(encoding="utf-8"))
    tw, gw = t.words(), g.words()
    missing, extra = tw - gw, gw - tw
    print(f"== {item['id']}: words missing {sum(missing.values())}, extra {sum(extra.values())}")
    print("missing:", " ".join(f"{w}×{n}" if n > 1 else w for w, n in missing.most_common(80)))
    print("extra:  ", " ".join(f"{w}×{n}" if n > 1 else w for w, n in extra.most_common(80)))
    tp, gp = t.paragraphs(), g.paragraphs()
    print(f"== paragraphs only in the truth ({sum((tp - gp).values())}):")
    for (kind, words), _ in list((tp - gp).items())[:40]:
        print(f"  {kind} {' '.join(words)[:160]}")
    print(f"== paragraphs only in the output ({sum((gp - tp).values())}):")
    for (kind, words), _ in list((gp - tp).items())[:40]:
        print(f"  {kind} {' '.join(words)[:160]}")
    th, gh = t.headings(), g.headings()
    print(f"== headings only in the truth ({sum((th - gh).values())}):")
    for words in (th - gh).elements():
        print(f"  {' '.join(words)[:160]}")
    print(f"== headings only in the output ({sum((gh - th).values())}):")
    for words in (gh - th).elements():
        print(f"  {' '.join(words)[:160]}")


# ---------------------------------------------------------------- choosing items (shared with para_causes.py)

def add_selection_args(ap):
    """The options that choose a corpus and its items."""
    ap.add_argument("--corpus", default="/work/corpus-out")
    ap.add_argument("--set", choices=["dev", "heldout", "all"], default="dev")
    ap.add_argument("--kind", action="append")
    ap.add_argument("--only", action="append", help="an item id or a text id (repeatable)")


def select_items(a, prog, any_set=False):
    """The corpus folder and the manifest's items that the options choose; exits 2 (naming
    what to do) when there is no manifest or no item matches. any_set: ignore --set."""
    corpus = Path(a.corpus)
    manifest = corpus / "manifest.json"
    if not manifest.exists():
        print(f"{prog}: {manifest} not found; make the corpus with bench/make_corpus.py --out {corpus}", file=sys.stderr)
        sys.exit(2)
    items = [i for i in json.loads(manifest.read_text(encoding="utf-8"))["items"]
             if (any_set or a.set == "all" or i["set"] == a.set)
             and (not a.kind or i["kind"] in a.kind)
             and (not a.only or i["id"] in a.only or i["text"] in a.only)]
    if not items:
        print(f"{prog}: no item matches", file=sys.stderr)
        sys.exit(2)
    return corpus, items


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_selection_args(ap)
    ap.add_argument("--zinepress", default=default_zinepress())
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    ap.add_argument("--diff", metavar="ITEM", help="score, then print the differences of this item")
    ap.add_argument("--min-word-f1", type=float)
    ap.add_argument("--min-par-f1", type=float)
    ap.add_argument("--input", choices=["text", "pdf"], default="text",
                    help="feed the item's extracted text (default) or its doc.pdf")
    ap.add_argument("--notes", action="store_true", help="also require every note linked and none in the body")
    a = ap.parse_args()

    if a.diff:
        a.only = [a.diff]
    corpus, items = select_items(a, "repair_score", any_set=bool(a.diff))
    if not Path(a.zinepress).exists():
        print(f"repair_score: {a.zinepress}: no binary; run `cargo build --release` or pass --zinepress PATH", file=sys.stderr)
        sys.exit(2)
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as project:
        # An empty project: no zinepress.toml of the repository applies to the corpus.
        jobs = [(i, corpus, str(Path(a.zinepress).resolve()), project, a.input) for i in items]
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
            results = list(ex.map(run_item, jobs))
    wall = time.monotonic() - t0
    results.sort(key=lambda r: (r["kind"], r["id"]))
    if a.json:
        print(json.dumps({"items": results, "wall_seconds": wall,
                          "zinepress_seconds": sum(r["seconds"] for r in results)}, indent=1))
    elif a.markdown:
        print(markdown(results))
    else:
        print(table(results, a))
        print(f"\n{len(results)} items, zinepress {sum(r['seconds'] for r in results):.1f}s in all, "
              f"wall {wall:.1f}s ({a.jobs} jobs); set {a.set}; input {a.input}; binary {a.zinepress}")
    if a.diff:
        diff(items[0], corpus, a.input)
    failed = [r for r in results if not passes(r, a)]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
