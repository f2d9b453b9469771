#!/usr/bin/env python3
"""Full example builds by two or more zinepress binaries, interleaved.

    python3 bench/build_compare.py RUNS BASE_BIN OTHER_BIN...

Run in the project folder. Each round builds the whole example library once
with each binary into a fresh folder (`build --out DIR --json`), so a load
that comes and goes on a shared machine falls on all of them alike. Prints
each binary's median wall time, its runs, the median seconds of each stage
summed over the zines (from the JSON report), and each binary's median over
the first one's.
"""
import collections
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs, bins = int(sys.argv[1]), sys.argv[2:]
    walls = collections.defaultdict(list)
    stages = collections.defaultdict(lambda: collections.defaultdict(list))
    work = tempfile.mkdtemp(prefix="zp-compare-")
    for _ in range(runs):
        for i, b in enumerate(bins):
            out = f"{work}/out-{i}"
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            r = subprocess.run([b, "build", "--out", out, "--json"], capture_output=True, text=True)
            walls[b].append(time.perf_counter() - start)
            if r.returncode != 0:
                sys.exit(f"{b} failed: {r.stderr[-500:]}")
            total = collections.Counter()
            for z in json.loads(r.stdout).get("zines", []):
                total.update(z.get("stages", {}))
            for k, v in total.items():
                stages[b][k].append(v)
    shutil.rmtree(work, ignore_errors=True)
    for b in bins:
        w = walls[b]
        print(f"{b}: median {statistics.median(w):.2f} s, runs {' '.join(f'{x:.2f}' for x in w)}")
        print("  stages:", ", ".join(f"{k} {statistics.median(v):.2f}" for k, v in sorted(stages[b].items())))
    base = statistics.median(walls[bins[0]])
    for b in bins[1:]:
        print(f"{b} / {bins[0]}: {statistics.median(walls[b]) / base:.3f}")


if __name__ == "__main__":
    main()
