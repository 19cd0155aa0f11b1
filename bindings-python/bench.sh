#!/usr/bin/env bash
# The Python binding's benchmarks, in one run: `flowready.evaluate` on the 1,000- and
# 10,000-flow matrices against the core's parse + evaluate in process (`stages`, rounds
# alternating), and `import flowready` time. Needs the wheel installed in
# bindings-python/.venv (run bindings-python/test.sh first).
#
#   bindings-python/bench.sh                 # ROUNDS=7 RUNS=5 by default
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/bindings-python/.venv/bin/python
DATA=$ROOT/target/bench-data
mkdir -p "$DATA"
cargo build --release -q -p flowready-benches --bins
for n in 1000 10000; do
  [ -f "$DATA/flows-$n.md" ] || target/release/gen-matrix "$n" -o "$DATA/flows-$n.md"
done
echo "== machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
# As after a normal install: bytecode compiled (this environment may set
# PYTHONDONTWRITEBYTECODE, which would make every import compile from source).
SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
"$PY" -m compileall -q "$SITE/flowready"
# Run from /tmp so the source package is not importable.
(cd /tmp && "$PY" "$ROOT/bindings-python/bench.py" --stages "$ROOT/target/release/stages" \
  --rounds "${ROUNDS:-7}" --runs "${RUNS:-5}" "$DATA/flows-1000.md" "$DATA/flows-10000.md")
echo "== import flowready (python -X importtime, cumulative µs of the flowready subtree, 21 fresh processes)"
for _ in $(seq 21); do
  (cd /tmp && "$PY" -X importtime -c 'import flowready' 2>&1 | awk -F'|' '$3 ~ /^ flowready$/ { gsub(/ /, "", $2); print $2 }')
done | sort -n | awk '{ a[NR] = $1 } END { printf "median %.1f ms, min %.1f ms, max %.1f ms\n", a[int((NR + 1) / 2)] / 1000, a[1] / 1000, a[NR] / 1000 }'
echo "== import flowready: CPU time of the import (time.process_time), 21 fresh processes"
for _ in $(seq 21); do
  (cd /tmp && "$PY" -c 'import time; t = time.process_time(); import flowready; print((time.process_time() - t) * 1000)')
done | sort -n | awk '{ a[NR] = $1 } END { printf "median %.1f ms, min %.1f ms, max %.1f ms\n", a[int((NR + 1) / 2)], a[1], a[NR] }'
echo "== machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
