#!/usr/bin/env bash
# The Python binding's benchmarks, in one run: `flowready.evaluate` on the 1,000- and
# 10,000-flow matrices next to the core's parse + evaluate in process (`stages`), and
# `import flowready` time. Needs the wheel installed in .venv (run test.sh first).
#
#   bindings-python/bench.sh          # RUNS=21 by default
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-21}
PY=bindings-python/.venv/bin/python
DATA=target/bench-data
mkdir -p "$DATA"
cargo build --release -q -p flowready-benches --bins
for n in 1000 10000; do
  [ -f "$DATA/flows-$n.md" ] || target/release/gen-matrix "$n" -o "$DATA/flows-$n.md"
done
for n in 1000 10000; do
  echo "== $n flows"
  echo "core (stages):   $(target/release/stages "$DATA/flows-$n.md" "$RUNS")"
  echo "python:          $(cd /tmp && "$OLDPWD/$PY" "$OLDPWD/bindings-python/bench.py" "$OLDPWD/$DATA/flows-$n.md" --runs "$RUNS")"
done
echo "== import flowready (python -X importtime, cumulative µs, 15 fresh processes)"
for _ in $(seq 15); do
  (cd /tmp && "$OLDPWD/$PY" -X importtime -c 'import flowready' 2>&1 | awk -F'|' '$3 ~ /^ flowready$/ { gsub(/ /, "", $2); print $2 }')
done | sort -n | awk '{ a[NR] = $1 } END { print "median " a[int((NR + 1) / 2)] " µs, min " a[1] " µs, max " a[NR] " µs" }'
