#!/usr/bin/env python3
"""How long `zinepress watch` takes from saving a source to the rebuilt files.

Copies this repository's example project to a temp folder, starts
`target/release/zinepress watch` on it (EPUB, reading PDF and the project's
booklets: the default build), waits for the first build, then edits one essay
N times (an editor's save: written to a temporary name, renamed over the
source) and times each, from the rename to the line that ends the rebuild.
Prints each time, then the median and the worst, and the build's own time
from zinepress's summary line (the rest is the debounce and the watcher).

    cargo build --release && python3 bench/watch.py [--runs N] [--source sources/X]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target"), "release", "zinepress")
DEADLINE = 120.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--source", default="sources/towards-autonomous-solidarity.txt", help="the essay to edit (relative to the project)")
    args = ap.parse_args()
    if not os.path.exists(BINARY):
        sys.exit(f"{BINARY}: build it first with cargo build --release")

    tmp = tempfile.mkdtemp(prefix="zinepress-bench-watch-")
    try:
        project = os.path.join(tmp, "project")
        os.makedirs(project)
        for part in ["zinepress.toml", "sources", "covers", "layouts", "fonts"]:
            src = os.path.join(REPO, part)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(project, part))
            elif os.path.exists(src):
                shutil.copy(src, os.path.join(project, part))
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        proc = subprocess.Popen([BINARY, "watch"], cwd=project, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines = []  # (time seen, line)
        cond = threading.Condition()

        def read():
            for line in proc.stderr:
                with cond:
                    lines.append((time.monotonic(), line.rstrip("\n")))
                    cond.notify_all()

        threading.Thread(target=read, daemon=True).start()

        def wait_for(start, pred, what):
            end = time.monotonic() + DEADLINE
            with cond:
                while True:
                    for t, line in lines[start:]:
                        if pred(line):
                            return t, line
                    left = end - time.monotonic()
                    if left <= 0 or proc.poll() is not None:
                        sys.exit(f"no {what} within {DEADLINE}s:\n" + "\n".join(l for _, l in lines))
                    cond.wait(left)

        wait_for(0, lambda l: "Ctrl-C stops" in l, "first build")
        path = os.path.join(project, args.source)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        words = len(text.split())
        latencies, builds = [], []
        for i in range(args.runs):
            with cond:
                mark = len(lines)
            text += f"\nA paragraph added by the benchmark, edit number {i + 1}.\n"
            tmp_file = path + ".swp"
            with open(tmp_file, "w", encoding="utf-8") as f:
                f.write(text)
            saved = time.monotonic()
            os.rename(tmp_file, path)
            t, line = wait_for(mark, lambda l: " failed in " in l, "rebuild")
            if " 0 failed" not in line:
                sys.exit("a rebuild failed:\n" + "\n".join(l for _, l in lines[mark:]))
            latencies.append(t - saved)
            builds.append(float(line.rsplit(" in ", 1)[1].rstrip("s")))
            print(f"edit {i + 1}: {latencies[-1]:.3f}s from save to rebuilt ({line})")
        proc.send_signal(2)
        proc.wait(timeout=DEADLINE)
        print(f"{args.source} ({words} words), {args.runs} edits, {os.cpu_count()} cores:")
        print(f"  save to rebuilt: median {statistics.median(latencies):.3f}s, worst {max(latencies):.3f}s")
        print(f"  of which the build: median {statistics.median(builds):.3f}s, worst {max(builds):.3f}s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
