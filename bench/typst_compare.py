#!/usr/bin/env python3
"""zinepress's reading PDF next to Typst's, on the same text, page, margins and font.

For each seed (every `[[zine]]` of zinepress.toml, or the sources given):
  1. `zinepress normalize SOURCE` gives the repaired text as CommonMark;
     bench/md2typst.py turns it into Typst markup, set on A5 with the margins
     of layouts/reading-a5.toml (top 16mm, bottom 20mm, inside 18mm, outside
     16mm), Linux Libertine O from fonts/ at 10.5/13.5pt, justified, hyphenated,
     first-line indent 1.2em (zinepress's), page numbers;
  2. Typst (the `typst` Python package) compiles it: `typst.compile(...)` to
     PDF bytes, timed inside a fresh Python process for every run (Typst
     memoizes across calls in one process, so repeated in-process compiles
     would be mostly cache hits), Python start-up and import not counted;
  3. zinepress builds the reading copy only: `zinepress -C TMP build SOURCE
     --format pdf --json` in a temporary project that mirrors this one but sets
     `layouts = []`, so nothing but SLUG.pdf is made. Timed as a whole process
     (wall clock), plus the `typeset` + `pdf` stage seconds from `--json`;
  4. bench/spacing.py measures both PDFs.

Every time is the median of --runs runs (default 5). The Typst markup and both
PDFs are kept in --work (default a temporary folder; printed).

Usage: bench/typst_compare.py [--runs N] [--json] [--work DIR] [--zinepress BIN] [SOURCE...]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import md2typst  # noqa: E402
import spacing  # noqa: E402

PREAMBLE = """#set page(width: 148mm, height: 210mm, margin: (top: 16mm, bottom: 20mm, inside: 18mm, outside: 16mm), numbering: "1")
#set text(font: "Linux Libertine O", size: 10.5pt, lang: "en", hyphenate: true, top-edge: 0.8em, bottom-edge: -0.2em)
#set par(justify: true, first-line-indent: 1.2em, leading: 3pt, spacing: 3pt)
#show heading: set block(above: 13.5pt, below: 13.5pt)
"""

FONT_SIZE = 10.5


def default_bin():
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    return str(Path(target) / "release" / "zinepress")


def reading_only_project(tmp):
    """A project beside the real one (same sources, fonts, layouts, covers and
    [[zine]] tables) whose imposed-layout list is empty."""
    proj = Path(tmp) / "reading-only"
    proj.mkdir(parents=True, exist_ok=True)
    for d in ("sources", "fonts", "layouts", "covers"):
        if (ROOT / d).exists() and not (proj / d).exists():
            # Copies, not links: zinepress refuses sources that lead outside the project.
            shutil.copytree(ROOT / d, proj / d)
    cfg = (ROOT / "zinepress.toml").read_text(encoding="utf-8") if (ROOT / "zinepress.toml").exists() else "[project]\n"
    out, in_project, done = [], False, False
    for line in cfg.splitlines():
        s = line.strip()
        if s.startswith("["):
            if in_project and not done:
                out.append("layouts = []")
                done = True
            in_project = s == "[project]"
        if s.startswith("layouts"):
            # Zine tables may ask for layouts of their own: drop them too.
            continue
        out.append(line)
    if not done:
        if "[project]" in cfg:
            out.append("layouts = []")
        else:
            out.insert(0, "[project]\nlayouts = []\n")
    (proj / "zinepress.toml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return proj


def seeds():
    """(slug, source path relative to the project) for every zine of zinepress.toml."""
    import tomllib

    cfg = tomllib.loads((ROOT / "zinepress.toml").read_text(encoding="utf-8"))
    out = []
    for z in cfg.get("zine", []):
        slug = z.get("slug") or Path(z["source"]).stem
        out.append((slug, z["source"]))
    return out


def time_zinepress(binary, proj, source, out_dir, runs):
    walls, stages = [], []
    for _ in range(runs):
        shutil.rmtree(out_dir, ignore_errors=True)
        t = time.perf_counter()
        r = subprocess.run([binary, "-C", str(proj), "build", str(proj / source), "--format", "pdf", "--out", str(out_dir), "--json"],
                           capture_output=True, text=True)
        walls.append(time.perf_counter() - t)
        if r.returncode != 0:
            raise SystemExit(f"zinepress failed on {source}: {r.stderr}")
        z = json.loads(r.stdout)["zines"][0]
        outs = [Path(o["path"]).name for o in z["outputs"]]
        assert outs == [f"{z['slug']}.pdf"], f"expected only the reading copy, got {outs}"
        stages.append(z["stages"].get("typeset", 0) + z["stages"].get("pdf", 0))
    return statistics.median(walls), statistics.median(stages), walls


TYPST_RUN = """
import sys, time, typst
t = time.perf_counter()
pdf, warnings = typst.compile_with_warnings(sys.argv[1], font_paths=[sys.argv[2]], ignore_system_fonts=True)
elapsed = time.perf_counter() - t
open(sys.argv[3], "wb").write(pdf)
print(elapsed)
for w in warnings:
    print(w, file=sys.stderr)
"""


def time_typst(typ, pdf_out, runs):
    """Typst's compile time, each run in a fresh Python process: Typst memoizes
    across calls in one process, so a second in-process compile of the same
    file is mostly cache hits. The Python start-up and import are not counted."""
    times, warnings = [], ""
    for _ in range(runs):
        r = subprocess.run([sys.executable, "-c", TYPST_RUN, str(typ), str(ROOT / "fonts"), str(pdf_out)], capture_output=True, text=True, check=True)
        times.append(float(r.stdout.strip()))
        warnings = r.stderr.strip()
    return statistics.median(times), times, [w for w in warnings.splitlines() if w]


def typst_family():
    import typst

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(ROOT / "fonts")])
    return sorted({f.family for f in fonts.fonts()})


def compare(binary, slug, source, work, runs):
    proj = reading_only_project(work)
    md = subprocess.run([binary, "-C", str(ROOT), "normalize", str(ROOT / source)], capture_output=True, text=True, check=True).stdout
    typ = Path(work) / f"{slug}.typ"
    typ.write_text(PREAMBLE + "\n" + md2typst.convert(md) + "\n", encoding="utf-8")
    typst_pdf = Path(work) / f"{slug}.typst.pdf"
    t_typst, typst_runs, warnings = time_typst(typ, typst_pdf, runs)
    out_dir = Path(work) / f"zp-{slug}"
    t_zp, t_zp_stages, zp_runs = time_zinepress(binary, proj, source, out_dir, runs)
    zp_pdf = Path(work) / f"{slug}.zinepress.pdf"
    shutil.copy(out_dir / f"{slug}.pdf", zp_pdf)
    return {
        "slug": slug,
        "runs": runs,
        "zinepress": dict(spacing.analyse(str(zp_pdf), FONT_SIZE, skip_pages=1), seconds=t_zp, stage_seconds=t_zp_stages, all_runs=zp_runs),
        "typst": dict(spacing.analyse(str(typst_pdf), FONT_SIZE), seconds=t_typst, all_runs=typst_runs, warnings=warnings),
    }


def f(v, spec):
    return "n/a" if v is None else format(v, spec)


def print_table(results):
    head = f"{'seed':30} {'engine':9} {'pages':>5} {'just.':>5} {'median':>7} {'p95':>6} {'loose%':>6} {'ladders':>7} {'time s':>7}  stages s"
    print(head)
    print("-" * len(head))
    for r in results:
        for eng in ("zinepress", "typst"):
            e = r[eng]
            st = f(e.get("stage_seconds"), ".3f") if eng == "zinepress" else "-"
            loose = None if e["loose_line_share"] is None else 100 * e["loose_line_share"]
            print(f"{r['slug'] if eng == 'zinepress' else '':30} {eng:9} {e['pages']:>5} {e['justified_lines']:>5} "
                  f"{f(e['median_gap_em'], '.3f'):>7} {f(e['p95_gap_em'], '.3f'):>6} {f(loose, '.1f'):>6} {e['hyphen_ladders']:>7} "
                  f"{f(e['seconds'], '.3f'):>7}  {st}")
        zp, ty = r["zinepress"], r["typst"]
        print(f"{'':30} {'ratio':9} Typst time / zinepress time: process {ty['seconds'] / zp['seconds']:.1f}x, "
              f"typeset+pdf stages {ty['seconds'] / zp['stage_seconds']:.1f}x")
    print(f"\nmedian of {results[0]['runs']} runs each; gaps in em of {FONT_SIZE}pt; "
          "zinepress time = whole `build --format pdf` process for the reading copy only; Typst time = typst.compile() in a fresh process (start-up and import not counted)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", nargs="*", help="sources relative to the project (default: every [[zine]])")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--work", help="folder for the .typ files and PDFs (default: a new temporary folder)")
    ap.add_argument("--zinepress", default=default_bin(), help="the release binary (default $CARGO_TARGET_DIR/release/zinepress)")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="zp-typst-")
    Path(work).mkdir(parents=True, exist_ok=True)
    todo = [(Path(s).stem, s) for s in a.sources] if a.sources else seeds()
    results = [compare(a.zinepress, slug, src, work, a.runs) for slug, src in todo]
    if a.json:
        print(json.dumps({"typst_families": typst_family(), "work": work, "results": results}, indent=2))
    else:
        print(f"Typst sees the font family: {', '.join(typst_family())}; files in {work}\n")
        print_table(results)


if __name__ == "__main__":
    main()
