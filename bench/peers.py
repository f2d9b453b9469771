#!/usr/bin/env python3
"""Whole-process timings of zinepress against its peers (issue 8), with the targets.

  1. EPUB per seed: `zinepress build SOURCE --format epub` vs
     `pandoc -f markdown -t epub3 SOURCE` (pandoc gets the seed file itself).
  2. Reading PDF per seed: zinepress's reading copy alone vs Typst on the same
     text, page, margins and font (bench/typst_compare.py).
  3. Booklet imposition of socialism-from-below's reading PDF (A5, built by
     zinepress): `zinepress impose SLUG.pdf --layout booklet-letter` vs
     `pdfimpose saddle --signature 2x1 --group 0 SLUG.pdf`, whole processes on
     the same file, timed with hyperfine (`-N`, 3 warm-up runs) when it is
     installed; and, when `cargo bench` has run, criterion's
     `impose+write-imposed` figure (imposing zinepress's own typeset pages, in
     process) next to the same pdfimpose time.
  4. The example library, cold (a fresh --out folder) and again with nothing
     changed (same folder: the incremental cache finds every zine up to date).
  5. A synthetic library of --big zines (the seeds' files and [[zine]] tables
     repeated under new slugs) built with --jobs 1 and --jobs 2 under
     `/usr/bin/time -v`: wall time and peak resident memory. Scaling medians
     come from a smaller --scale library run --scale-runs times.

Times are medians of --runs runs (default 5) unless said otherwise. The
machine is small and shared, so expect noise; every raw run is kept in --json.

Usage: bench/peers.py [--runs N] [--big N] [--big-runs N] [--scale N]
                      [--scale-runs N] [--skip-big] [--json] [--zinepress BIN]
       bench/peers.py --from-json SAVED.json      (the table of a saved run)
"""

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import typst_compare  # noqa: E402

BOOKLET_SEED = "socialism-from-below"
BOOKLET_LAYOUT = "booklet-letter"
MIB = 1024 * 1024


def run_timed(cmd, runs, before=None, **kw):
    """Median wall seconds of `cmd` over `runs` runs, and the raw runs."""
    times = []
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, **kw)
        times.append(time.perf_counter() - t)
        if r.returncode != 0:
            raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{r.stderr}")
    return statistics.median(times), times


def hyperfine_medians(cmds, runs, cwd):
    """Median wall seconds of each command and the raw runs, from `hyperfine
    -N` (no shell, so no shell start-up is counted) with 3 warm-up runs; falls
    back to run_timed when hyperfine is not installed."""
    if not shutil.which("hyperfine"):
        return [run_timed(c, runs, cwd=cwd) for c in cmds], "python subprocess"
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = ["hyperfine", "-N", "-w", "3", "-r", str(max(runs, 2)), "--export-json", out.name]
        args += [" ".join(shlex.quote(str(x)) for x in c) for c in cmds]
        r = subprocess.run(args, capture_output=True, text=True, cwd=cwd)
        if r.returncode != 0:
            raise SystemExit(f"hyperfine failed:\n{r.stderr[-2000:]}")
        results = json.loads(Path(out.name).read_text())["results"]
    return [(statistics.median(x["times"]), x["times"]) for x in results], "hyperfine -N"


def time_v(cmd, **kw):
    """Wall seconds and peak RSS (bytes) from /usr/bin/time -v."""
    r = subprocess.run(["/usr/bin/time", "-v"] + [str(c) for c in cmd], capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{r.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) * 1024
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", r.stderr).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return secs, rss


def fresh(path):
    def f():
        shutil.rmtree(path, ignore_errors=True)
    return f


def criterion_seconds(bench_id):
    """Median point estimate of a criterion bench, if `cargo bench` has run."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    est = target / "criterion" / bench_id.replace("/", "_") / "new" / "estimates.json"
    if not est.exists():
        return None
    return json.loads(est.read_text())["median"]["point_estimate"] / 1e9


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def synthetic_library(dest, n):
    """A project with n zines: the seeds' files and tables under new slugs."""
    cfg = tomllib.loads((ROOT / "zinepress.toml").read_text(encoding="utf-8"))
    seeds = cfg["zine"]
    dest = Path(dest)
    (dest / "sources").mkdir(parents=True, exist_ok=True)
    for d in ("fonts", "layouts", "covers"):
        if (ROOT / d).exists() and not (dest / d).exists():
            # Copies, not links: zinepress refuses sources that lead outside the project.
            shutil.copytree(ROOT / d, dest / d)
    lines = ["[project]"] + [f"{k} = {toml_value(v)}" for k, v in cfg.get("project", {}).items()] + [""]
    for i in range(n):
        seed = seeds[i % len(seeds)]
        src = Path(seed["source"])
        slug = f"{seed.get('slug') or src.stem}-{i:04d}"
        new_src = f"sources/{slug}{src.suffix}"
        shutil.copyfile(ROOT / src, dest / new_src)
        lines.append("[[zine]]")
        table = dict(seed, source=new_src, slug=slug)
        lines += [f"{k} = {toml_value(v)}" for k, v in table.items()] + [""]
    (dest / "zinepress.toml").write_text("\n".join(lines), encoding="utf-8")
    return dest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big", type=int, default=1000, help="zines in the synthetic library (default 1000)")
    ap.add_argument("--big-runs", type=int, default=1, help="runs of the big library per --jobs value (default 1)")
    ap.add_argument("--scale", type=int, default=100, help="zines in the library timed for 1->2 job scaling (default 100)")
    ap.add_argument("--scale-runs", type=int, default=3)
    ap.add_argument("--skip-big", action="store_true", help="skip the synthetic libraries")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--zinepress", default=typst_compare.default_bin())
    ap.add_argument("--from-json", metavar="FILE", help="print the table of a saved --json report instead of measuring")
    a = ap.parse_args()
    if a.from_json:
        report(json.loads(Path(a.from_json).read_text()))
        return
    zp = a.zinepress
    work = Path(tempfile.mkdtemp(prefix="zp-peers-"))
    log = lambda *m: print(*m, file=sys.stderr, flush=True)
    seeds = typst_compare.seeds()
    res = {"runs": a.runs, "work": str(work)}

    # 1. EPUB per seed.
    log("EPUB vs pandoc …")
    res["epub"] = []
    for slug, src in seeds:
        out = work / "epub" / slug
        t_zp, zp_runs = run_timed([zp, "-C", ROOT, "build", ROOT / src, "--format", "epub", "--out", out], a.runs, before=fresh(out))
        t_pd, pd_runs = run_timed(["pandoc", "-f", "markdown", "-t", "epub3", ROOT / src, "-o", work / f"{slug}.pandoc.epub"], a.runs)
        res["epub"].append({"slug": slug, "zinepress": t_zp, "pandoc": t_pd, "zinepress_runs": zp_runs, "pandoc_runs": pd_runs})

    # 2. Reading PDF per seed.
    log("reading PDF vs Typst …")
    res["reading_pdf"] = [typst_compare.compare(zp, slug, src, work / "typst", a.runs) for slug, src in seeds]

    # 3. Booklet imposition: both tools on the same reading PDF.
    log("imposition vs pdfimpose …")
    imp_dir = work / "imposition"
    imp_dir.mkdir()
    reading_pdf = imp_dir / f"{BOOKLET_SEED}.pdf"
    shutil.copy(work / "typst" / f"{BOOKLET_SEED}.zinepress.pdf", reading_pdf)
    zp_impose = [zp, "-C", ROOT, "impose", reading_pdf.name, "--layout", BOOKLET_LAYOUT]
    pdfimpose = ["pdfimpose", "saddle", "--signature", "2x1", "--group", "0", reading_pdf.name, "--output", "pdfimpose.pdf"]
    ((t_zp, zp_runs), (t_pi, pi_runs)), method = hyperfine_medians([zp_impose, pdfimpose], a.runs, imp_dir)
    crit = criterion_seconds(f"impose+write-imposed-{BOOKLET_LAYOUT}/{BOOKLET_SEED}")
    res["imposition"] = {"zinepress_impose": t_zp, "pdfimpose": t_pi, "criterion_impose_write": crit, "timer": method,
                         "runs": {"zinepress_impose": zp_runs, "pdfimpose": pi_runs}}

    # 4. Example library, cold and unchanged.
    log("example library …")
    cold, warm = [], []
    for _ in range(a.runs):
        out = work / "lib"
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run([zp, "-C", ROOT, "build", "--out", out], check=True, capture_output=True)
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run([zp, "-C", ROOT, "build", "--out", out], check=True, capture_output=True)
        warm.append(time.perf_counter() - t)
    res["library"] = {"cold": statistics.median(cold), "unchanged": statistics.median(warm), "cold_runs": cold, "unchanged_runs": warm,
                      "pandoc_five_epubs": sum(e["pandoc"] for e in res["epub"])}

    # 5. Synthetic libraries.
    if not a.skip_big:
        src = dict(seeds)[BOOKLET_SEED]
        single = time_v([zp, "-C", ROOT, "build", ROOT / src, "--jobs", "1", "--out", work / "single"])
        res["single_zine_peak_rss"] = {"slug": BOOKLET_SEED, "seconds": single[0], "rss": single[1]}
        for name, n, runs in (("scale", a.scale, a.scale_runs), ("big", a.big, a.big_runs)):
            log(f"{n}-zine library …")
            lib = synthetic_library(work / f"lib{n}", n)
            entry = {"zines": n, "runs": runs}
            for jobs in (1, 2):
                walls, rsss = [], []
                for _ in range(runs):
                    out = work / f"out{n}"
                    shutil.rmtree(out, ignore_errors=True)
                    w, rss = time_v([zp, "-C", lib, "build", "--jobs", str(jobs), "--out", out])
                    walls.append(w)
                    rsss.append(rss)
                    log(f"  jobs {jobs}: {w:.1f}s, {rss / MIB:.0f} MiB")
                entry[f"jobs{jobs}"] = {"seconds": statistics.median(walls), "peak_rss": max(rsss), "runs": walls, "rss_runs": rsss}
                shutil.rmtree(work / f"out{n}", ignore_errors=True)
            res[name] = entry

    if a.json:
        print(json.dumps(res, indent=2))
    else:
        report(res)


def report(res):
    n = res["runs"]
    print(f"zinepress vs peers: wall seconds, median of {n} runs unless noted\n")
    print(f"{'benchmark':44} {'zinepress':>10} {'peer':>10} {'ratio':>8}  target               met")
    print("-" * 96)
    row = lambda name, z, p, ratio, target, ok: print(f"{name:44} {z:>10} {p:>10} {ratio:>8}  {target:20} {ok}")
    for e in res["epub"]:
        r = e["pandoc"] / e["zinepress"]
        row(f"EPUB {e['slug']} (pandoc)", f"{e['zinepress']:.3f}", f"{e['pandoc']:.3f}", f"{r:.1f}x", ">= 20x faster", "yes" if r >= 20 else "NO")
    for e in res["reading_pdf"]:
        z, t = e["zinepress"], e["typst"]
        r = t["seconds"] / z["seconds"]
        row(f"reading PDF {e['slug']} (Typst)", f"{z['seconds']:.3f}", f"{t['seconds']:.3f}", f"{r:.1f}x", ">= 5x faster", "yes" if r >= 5 else "NO")
        r2 = t["seconds"] / z["stage_seconds"]
        row("  typeset+pdf stages only", f"{z['stage_seconds']:.3f}", f"{t['seconds']:.3f}", f"{r2:.1f}x", ">= 5x faster", "yes" if r2 >= 5 else "NO")
    im = res["imposition"]
    if "zinepress_impose" in im:
        r = im["pdfimpose"] / im["zinepress_impose"]
        row(f"imposition {BOOKLET_SEED} (pdfimpose)", f"{im['zinepress_impose']:.4f}", f"{im['pdfimpose']:.3f}", f"{r:.1f}x", ">= 50x faster", "yes" if r >= 50 else "NO")
    else:  # a report saved before `zinepress impose` existed
        r = im["pdfimpose"] / im["difference"] if im["difference"] > 0 else float("inf")
        row(f"imposition {BOOKLET_SEED}: process diff", f"{im['difference']:.3f}", f"{im['pdfimpose']:.3f}", f"{r:.1f}x", ">= 50x faster", "yes" if r >= 50 else "NO")
    if im["criterion_impose_write"]:
        c = im["criterion_impose_write"]
        r = im["pdfimpose"] / c
        row("  criterion impose+write_imposed", f"{c:.4f}", f"{im['pdfimpose']:.3f}", f"{r:.0f}x", ">= 50x faster", "yes" if r >= 50 else "NO")
    lib = res["library"]
    r = lib["pandoc_five_epubs"] / lib["cold"]
    row("example library cold (pandoc: 5 EPUBs)", f"{lib['cold']:.3f}", f"{lib['pandoc_five_epubs']:.3f}", f"{r:.2f}x", "< 1/5 of pandoc", "yes" if r >= 5 else "NO")
    r = lib["unchanged"] / lib["cold"]
    row("example library unchanged (vs cold)", f"{lib['unchanged']:.3f}", f"{lib['cold']:.3f}", f"{r:.2f}", "< 1/20 of cold", "yes" if r < 0.05 else "NO")
    if "big" in res:
        s = res["single_zine_peak_rss"]
        print(f"\npeak RSS, one zine ({s['slug']}, --jobs 1): {s['rss'] / MIB:.1f} MiB in {s['seconds']:.2f}s")
        for name in ("scale", "big"):
            e = res[name]
            j1, j2 = e["jobs1"], e["jobs2"]
            sp = j1["seconds"] / j2["seconds"]
            print(f"{e['zines']}-zine library ({'median of ' + str(e['runs']) if e['runs'] > 1 else '1 run'} per setting):")
            for j, x in ((1, j1), (2, j2)):
                per = x["peak_rss"] / MIB / j
                print(f"  --jobs {j}: {x['seconds']:8.1f}s  {e['zines'] / x['seconds']:6.1f} zines/s  peak RSS {x['peak_rss'] / MIB:6.1f} MiB"
                      f" = {per:5.1f} MiB per zine in flight (target < 40)  {'yes' if per < 40 else 'NO'}")
            print(f"  speed-up 1 -> 2 jobs: {sp:.2f}x (target near-linear, ~2x)  {'yes' if sp >= 1.8 else 'NO'}")


if __name__ == "__main__":
    main()
