#!/usr/bin/env bash
# Build every probe configuration, run it, and measure the PDFs. Usage: bash scripts/run_all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
B=$CARGO_TARGET_DIR/release
mkdir -p out/png
# printpdf_probe is built twice (features differ), so copy each build aside before the next.
cargo build --release --features krilla --bin krilla_probe
cargo build --release --features pp --bin printpdf_probe && cp $B/printpdf_probe $B/printpdf_probe_plain
cargo build --release --features pp-text-layout --bin printpdf_probe && cp $B/printpdf_probe $B/printpdf_probe_tl
cargo build --release --features pp-html --bin printpdf_html_probe || echo "printpdf html build FAILED"
$B/krilla_probe out
$B/printpdf_probe_plain out
$B/printpdf_probe_tl out
[ -x $B/printpdf_html_probe ] && $B/printpdf_html_probe out || echo "printpdf html probe FAILED"
# Control (not a printpdf output): printpdf's Form XObject with /FormType 1 and a /BBox patched in by hand,
# to see whether those two dictionary defects are what blanks the imposed page.
qpdf --qdf --object-streams=disable out/printpdf_plain_xobject.pdf - \
  | python3 -c "import sys; d=sys.stdin.buffer.read(); sys.stdout.buffer.write(d.replace(b'/FormType /Type1', b'/FormType 1 /BBox [0 0 420 595]'))" \
  | fix-qdf > out/control_printpdf_plain_xobject_patched.pdf
for f in out/*.pdf; do
  n=$(basename "$f" .pdf)
  echo "######## $n"
  python3 scripts/analyze.py "$f" "out/png/$n"
done 2>&1 | tee out/measurements.txt
