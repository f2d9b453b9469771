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

With --typography it measures instead of timing (issue 16): for every seed
and for the reading copy and the booklet layouts (layouts/reading-a5.toml,
booklet-a4.toml, booklet-letter.toml; the booklets' pages taken unimposed from
`build --proof`), Typst sets the same text on the layout's page, margins, font
size and leading, and the table gives per seed and layout: the share of body
lines ending in a hyphen, the median and 95th-percentile word gap (em), loose
lines (a gap over 0.5 em), runs of three hyphenated lines, and the font
expansion zinepress used (percentiles over justified lines, in percent; read
from the horizontal scaling of the text in the PDF). --check then exits 1
unless, everywhere, the hyphen share and the p95 gap are at most Typst's, no
line is loose, no three hyphens follow each other and no expansion passes the
layout's limit.

Usage: bench/typst_compare.py [--runs N] [--json] [--work DIR] [--zinepress BIN] [SOURCE...]
       bench/typst_compare.py --typography [--check] [--json] [--work DIR] [SOURCE...]
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

# The example essays (NOTES.md): the demo zines are left out of --typography.
SEEDS = ("towards-autonomous-solidarity", "for-dissent-and-diversity", "beyond-activism",
         "a-critique-of-ally-politics", "socialism-from-below")


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
        # The preview page's cover thumbnail (SLUG.cover.*) comes with any build that has a cover picture.
        outs = [n for n in (Path(o["path"]).name for o in z["outputs"]) if not n.startswith(f"{z['slug']}.cover.")]
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


TYPO_LAYOUTS = ("reading-a5", "booklet-a4", "booklet-letter")

# Page sizes by name, in points (the names layouts/*.toml use).
PAGES = {
    "a4": (595.28, 841.89), "a5": (419.53, 595.28), "a6": (297.64, 419.53), "a7": (209.76, 297.64),
    "letter": (612.0, 792.0), "half-letter": (396.0, 612.0),
}
UNITS = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0}


def length_pt(v):
    v = str(v).strip()
    for unit, k in UNITS.items():
        if v.endswith(unit):
            return float(v[: -len(unit)]) * k
    return float(v)


def layout_page(name):
    """(width, height, font size, leading, margins (top, bottom, inner, outer), expansion limit %) of a layout."""
    import tomllib

    lay = tomllib.loads((ROOT / "layouts" / f"{name}.toml").read_text(encoding="utf-8"))
    page = lay["page"].strip().lower()
    if page in PAGES:
        w, h = PAGES[page]
    else:
        w, h = (length_pt(x) for x in page.split("x"))
    m = lay["margins"]
    margins = tuple(length_pt(m[k]) for k in ("top", "bottom", "inner", "outer"))
    limit = lay.get("typography", {}).get("expansion", 0.02)
    return w, h, float(lay["font_size"]), float(lay["leading"]), margins, 100 * float(limit)


def typst_preamble(name):
    w, h, size, leading, (top, bottom, inner, outer), _ = layout_page(name)
    return (f'#set page(width: {w:.2f}pt, height: {h:.2f}pt, margin: (top: {top:.2f}pt, bottom: {bottom:.2f}pt, '
            f'inside: {inner:.2f}pt, outside: {outer:.2f}pt), numbering: "1")\n'
            f'#set text(font: "Linux Libertine O", size: {size}pt, lang: "en", hyphenate: true, top-edge: 0.8em, bottom-edge: -0.2em)\n'
            f'#set par(justify: true, first-line-indent: 1.2em, leading: {leading - size:.2f}pt, spacing: {leading - size:.2f}pt)\n'
            f'#show heading: set block(above: {leading}pt, below: {leading}pt)\n')


def expansions(pdf):
    """Horizontal scalings of the text in a PDF, one per line (page, baseline), in percent off 100.

    zinepress draws an expanded line's runs under a `sx 0 0 1 x y cm` with sx != 1
    (krilla joins it to the page's flip: `sx 0 0 -1 x h-y cm`)."""
    import re

    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True, check=True).stdout
    per_line = {}
    num = rb"(-?[0-9.]+)"
    pat = re.compile(rb"(?<![0-9.])" + rb"\s+".join([num] * 6) + rb"\s+cm\b")
    for page, stream in enumerate(qdf.split(b"%% Contents for page ")):
        for m in pat.finditer(stream):
            a, b, c, d, e, f_ = (float(x) for x in m.groups())
            if b == 0 and c == 0 and abs(d) == 1 and a != 1 and abs(a - 1) < 0.2:
                per_line.setdefault((page, round(f_, 1)), (a - 1) * 100)
    return list(per_line.values())


def typo_row(binary, slug, source, layout, work, md):
    w, h, size, leading, _, limit = layout_page(layout)
    typ = Path(work) / f"{slug}.{layout}.typ"
    typ.write_text(typst_preamble(layout) + "\n" + md2typst.convert(md) + "\n", encoding="utf-8")
    typst_pdf = Path(work) / f"{slug}.{layout}.typst.pdf"
    r = subprocess.run([sys.executable, "-c", TYPST_RUN, str(typ), str(ROOT / "fonts"), str(typst_pdf)], capture_output=True, text=True, check=True)
    zp_pdf = Path(work) / "zp" / (f"{slug}.pdf" if layout == "reading-a5" else f"{slug}.{layout}.pages.pdf")
    zp = spacing.analyse(str(zp_pdf), size, skip_pages=1)
    ty = spacing.analyse(str(typst_pdf), size)
    ex = expansions(str(zp_pdf))
    # Lines set at their natural width have no scaling in the PDF.
    ex = sorted(abs(x) for x in ex) + [0.0] * max(0, zp["justified_lines"] - len(ex))
    ex.sort()
    return {
        "slug": slug, "layout": layout, "limit_percent": limit,
        "zinepress": zp, "typst": ty,
        "expansion_percent": {"p50": spacing.percentile(ex, 0.5), "p95": spacing.percentile(ex, 0.95), "max": ex[-1] if ex else 0.0},
    }


def typography(binary, todo, work):
    out = Path(work) / "zp"
    shutil.rmtree(out, ignore_errors=True)
    layouts = [x for l in TYPO_LAYOUTS[1:] for x in ("--layout", l)]
    r = subprocess.run([binary, "-C", str(ROOT), "build", *[str(ROOT / s) for _, s in todo], "--format", "pdf", "--proof", "--force", "-q", "--out", str(out), *layouts],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"zinepress build failed: {r.stderr}")
    rows = []
    for slug, source in todo:
        md = subprocess.run([binary, "-C", str(ROOT), "normalize", str(ROOT / source)], capture_output=True, text=True, check=True).stdout
        for layout in TYPO_LAYOUTS:
            rows.append(typo_row(binary, slug, source, layout, work, md))
    return rows


def typo_failures(row):
    zp, ty, ex = row["zinepress"], row["typst"], row["expansion_percent"]
    what = f"{row['slug']} {row['layout']}"
    fails = []
    if zp["hyphenated_share"] > ty["hyphenated_share"]:
        fails.append(f"{what}: {100 * zp['hyphenated_share']:.1f}% of lines hyphenated, Typst {100 * ty['hyphenated_share']:.1f}%")
    if zp["p95_gap_em"] > ty["p95_gap_em"]:
        fails.append(f"{what}: p95 word gap {zp['p95_gap_em']:.3f} em, Typst {ty['p95_gap_em']:.3f} em")
    if zp["loose_lines"]:
        fails.append(f"{what}: {zp['loose_lines']} loose lines")
    if zp["hyphen_ladders"]:
        fails.append(f"{what}: {zp['hyphen_ladders']} runs of three hyphenated lines")
    if ex["max"] > row["limit_percent"] + 1e-3:
        fails.append(f"{what}: expansion {ex['max']:.2f}% over the limit {row['limit_percent']:.2f}%")
    return fails


def print_typography(rows):
    head = (f"{'seed':30} {'layout':15} {'hyph% zp':>8} {'Typst':>6} {'p95 zp':>7} {'Typst':>6} {'med zp':>6} {'Typst':>6} "
            f"{'loose':>5} {'3-hyph':>6} {'exp p50':>7} {'p95':>5} {'max':>5}")
    print(head)
    print("-" * len(head))
    for r in rows:
        zp, ty, ex = r["zinepress"], r["typst"], r["expansion_percent"]
        print(f"{r['slug']:30} {r['layout']:15} {100 * zp['hyphenated_share']:>8.1f} {100 * ty['hyphenated_share']:>6.1f} "
              f"{zp['p95_gap_em']:>7.3f} {ty['p95_gap_em']:>6.3f} {zp['median_gap_em']:>6.3f} {ty['median_gap_em']:>6.3f} "
              f"{zp['loose_lines']:>5} {zp['hyphen_ladders']:>6} {ex['p50']:>7.2f} {ex['p95']:>5.2f} {ex['max']:>5.2f}")
    print("\nhyph%: body lines ending in a hyphen; gaps in em of the layout's body size; loose: lines with a gap > 0.5 em; "
          "3-hyph: runs of three hyphenated lines; exp: |font expansion| of justified lines, percent")


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
    ap.add_argument("--typography", action="store_true", help="measure hyphens, gaps and expansion per seed and layout instead of timing")
    ap.add_argument("--check", action="store_true", help="with --typography: exit 1 where zinepress does worse than Typst")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="zp-typst-")
    Path(work).mkdir(parents=True, exist_ok=True)
    todo = [(Path(s).stem, s) for s in a.sources] if a.sources else seeds()
    if a.typography:
        # The example essays: the zines built into reading copies and booklets (not the minizine or demo).
        todo = [(slug, src) for slug, src in todo if a.sources or slug in SEEDS]
        rows = typography(a.zinepress, todo, work)
        if a.json:
            print(json.dumps({"work": work, "results": rows}, indent=2))
        else:
            print(f"files in {work}\n")
            print_typography(rows)
        fails = [x for r in rows for x in typo_failures(r)]
        if a.check and fails:
            print("\n".join(["", "worse than Typst or over a limit:"] + fails), file=sys.stderr)
            return 1
        return 0
    results = [compare(a.zinepress, slug, src, work, a.runs) for slug, src in todo]
    if a.json:
        print(json.dumps({"typst_families": typst_family(), "work": work, "results": results}, indent=2))
    else:
        print(f"Typst sees the font family: {', '.join(typst_family())}; files in {work}\n")
        print_table(results)


if __name__ == "__main__":
    sys.exit(main())
