#!/usr/bin/env bash
# Whole-process comparison of flowready with the alternatives, in one run (hyperfine).
#
#   benches/compare.sh            # full run (markdown-it-py alone takes ~1 min)
#   QUICK=1 benches/compare.sh    # fewer runs, for a smoke check
#
# Measures, on the 10,000-flow matrix: the `flowready` CLI end to end (release build,
# `check --format json`, output discarded), a markdown-it-py gate, a naive line-split
# Python gate, Node markdown-it (when npm is available), raw pulldown-cmark event
# iteration and a memchr scan (the floor); then the CLI on the seed next to bare process
# start, the CLI's peak RSS (/usr/bin/time -v) for `check` and `gate --format sarif`,
# the in-process stages (`stages`: parse + evaluate next to raw pulldown-cmark), and a
# scaling run: every command and format at 10k, 20k, 40k and 80k flows (SCALE=0 skips
# it). Prints medians, ratios and budgets, and writes them to target/bench-results/.
#
# Prerequisites it installs when missing: hyperfine (apt), markdown-it-py (PyPI, into a
# venv under target/), markdown-it (npm, under target/; optional).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DATA=$TARGET/bench-data
OUT=$TARGET/bench-results
BIN=$TARGET/release
TODAY=2026-12-01
mkdir -p "$DATA" "$OUT"

if [[ -n "${QUICK:-}" ]]; then FAST_RUNS=5; SLOW_RUNS=1; WARMUP=1; else FAST_RUNS=30; SLOW_RUNS=3; WARMUP=3; fi

echo "== prerequisites" >&2
if ! command -v hyperfine >/dev/null; then
  apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 hyperfine >/dev/null
fi
VENV=$TARGET/bench-venv
if ! "$VENV/bin/python" -c 'import markdown_it' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'markdown-it-py>=3,<5'
fi
PY=$VENV/bin/python
NODE_DIR=$TARGET/bench-node
HAVE_NODE=
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [[ -d $NODE_DIR/node_modules/markdown-it ]] || (mkdir -p "$NODE_DIR" && cd "$NODE_DIR" && npm install --no-audit --no-fund --silent markdown-it@14 >/dev/null 2>&1); then
    HAVE_NODE=1
  fi
fi

echo "== build (release)" >&2
cargo build --release -q -p flowready-cli -p flowready-benches --bins

echo "== inputs" >&2
SEED=$ROOT/../shared/seed/Product_Quality_Flow_Coverage_Matrix_v1.md
if [[ -f ${FLOWREADY_SEED:-$SEED} ]]; then
  cp "${FLOWREADY_SEED:-$SEED}" "$DATA/seed.md"
  SOURCE="seed rows"
else
  "$BIN/gen-matrix" 15 --builtin -o "$DATA/seed.md"
  SOURCE="built-in templates (seed not found)"
fi
for n in 1000 10000; do "$BIN/gen-matrix" "$n" -o "$DATA/flows-$n.md"; done
M10=$DATA/flows-10000.md
echo "inputs from $SOURCE: $(wc -c <"$DATA/seed.md") B seed tier, $(wc -c <"$M10") B 10k tier" >&2

CLI="$BIN/flowready check --format json --today $TODAY"
FAST=(-n flowready "$CLI $M10"
      -n flowready-gate "$BIN/flowready gate --today $TODAY $M10"
      -n line-split-py "$PY benches/alt/gate_split.py $M10"
      -n pulldown-cmark-iter "$BIN/pulldown-iter $M10"
      -n memchr-scan "$BIN/memchr-scan $M10")
if [[ -n $HAVE_NODE ]]; then
  FAST+=(-n node-markdown-it "env NODE_PATH=$NODE_DIR/node_modules node benches/alt/gate_markdown_it.mjs $M10")
fi

echo "== hyperfine: 10k flows (fast tools)" >&2
hyperfine -N -i --style basic --warmup "$WARMUP" --runs "$FAST_RUNS" --export-json "$OUT/fast.json" "${FAST[@]}" >&2
echo "== hyperfine: 10k flows (markdown-it-py)" >&2
hyperfine -N -i --style basic --warmup 1 --runs "$SLOW_RUNS" --export-json "$OUT/slow.json" \
  -n markdown-it-py "$PY benches/alt/gate_markdown_it.py $M10" >&2
echo "== hyperfine: seed" >&2
hyperfine -N -i --style basic --warmup "$WARMUP" --runs "$((FAST_RUNS * 2))" --export-json "$OUT/seed.json" \
  -n flowready-seed "$CLI $DATA/seed.md" \
  -n process-start "$BIN/flowready --version" >&2

echo "== peak RSS" >&2
/usr/bin/time -v $CLI "$M10" >/dev/null 2>"$OUT/time-v.txt" || true
RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time-v.txt")
/usr/bin/time -v "$BIN/flowready" gate --format sarif --today "$TODAY" "$M10" >/dev/null 2>"$OUT/time-v-sarif.txt" || true
RSS_SARIF_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time-v-sarif.txt")

echo "== in process (stages)" >&2
"$BIN/stages" "$M10" "$([[ -n ${QUICK:-} ]] && echo 5 || echo 21)" | tee "$OUT/stages.txt" >&2

SIZES=()
if [[ ${SCALE:-1} != 0 ]]; then
  echo "== scaling: every command and format at 10k, 20k, 40k, 80k flows" >&2
  SIZES=(10000 20000 40000 80000)
  if [[ -n ${QUICK:-} ]]; then SCALE_RUNS=1; SCALE_WARMUP=0; else SCALE_RUNS=3; SCALE_WARMUP=1; fi
  for n in "${SIZES[@]}"; do
    m=$DATA/flows-$n.md
    [[ -f $m && $n == 10000 ]] || "$BIN/gen-matrix" "$n" -o "$m"
    # The same matrix without its Broad UAT Decision section (the last one): `decision`
    # then writes the whole section from scratch.
    sed '/^## Broad UAT Decision/,$d' "$m" >"$DATA/flows-$n-nodecision.md"
    F="$BIN/flowready"
    hyperfine -N -i --style basic --warmup "$SCALE_WARMUP" --runs "$SCALE_RUNS" \
      --export-json "$OUT/scale-$n.json" \
      -n check-json "$F check --format json --today $TODAY $m" \
      -n check-text "$F check --today $TODAY $m" \
      -n gate-text "$F gate --today $TODAY $m" \
      -n gate-json "$F gate --format json --today $TODAY $m" \
      -n gate-junit "$F gate --format junit --today $TODAY $m" \
      -n gate-sarif "$F gate --format sarif --today $TODAY $m" \
      -n gate-github "$F gate --format github --today $TODAY $m" \
      -n diff "$F diff --today $TODAY $m $m" \
      -n decision "$F decision --today $TODAY $m" \
      -n decision-no-section "$F decision --today $TODAY $DATA/flows-$n-nodecision.md" >&2
  done
fi

"${PYTHON:-python3}" - "$OUT" "$M10" "$RSS_KB" "$SOURCE" "$RSS_SARIF_KB" "${SIZES[*]}" <<'PY' | tee "$OUT/summary.md"
import json, os, re, sys
out, m10, rss_kb, source = sys.argv[1], sys.argv[2], int(sys.argv[3] or 0), sys.argv[4]
rss_sarif_kb, sizes = int(sys.argv[5] or 0), [int(n) for n in sys.argv[6].split()]
med = {}
for f in ("fast.json", "slow.json", "seed.json"):
    for r in json.load(open(os.path.join(out, f)))["results"]:
        med[r["command"]] = (r["median"], r["mean"], r["stddev"] or 0.0)
size = os.path.getsize(m10)
print(f"10,000-flow matrix: {size:,} bytes ({source})\n")
print("| command | median | mean ± σ | flowready is … × faster |")
print("|---|---:|---:|---:|")
fr = med["flowready"][0]
for name, (m, mean, sd) in sorted(med.items(), key=lambda kv: -kv[1][0]):
    ratio = "" if name in ("flowready", "flowready-seed", "process-start") else f"{m / fr:.1f}×"
    print(f"| {name} | {m * 1000:.1f} ms | {mean * 1000:.1f} ± {sd * 1000:.1f} ms | {ratio} |")
rss = rss_kb * 1024
print(f"\npeak RSS of the CLI on the 10k matrix: {rss_kb / 1024:.1f} MiB = {rss / size:.2f}× the input")
checks = [
    ("CLI ≥ 100× faster than markdown-it-py", med["markdown-it-py"][0] / fr, ">=", 100),
    ("CLI ≥ 5× faster than the line-split script", med["line-split-py"][0] / fr, ">=", 5),
    ("peak RSS ≤ 4× input", rss / size, "<=", 4),
    ("CLI on the seed (ms, well under 10)", med["flowready-seed"][0] * 1000, "<=", 10),
]
stages = open(os.path.join(out, "stages.txt")).read()
ms = lambda label: (lambda m: float(m.group(1)) / (1000 if m.group(2) == "µs" else 1))(
    re.search(label + r" ([0-9.]+) (ms|µs)", stages))
in_process = ms(r"parse\+evaluate") / ms("pulldown")
print(f"\nin process (stages): {stages.strip()}")
checks += [
    ("parse + evaluate vs raw pulldown-cmark, in process (×)", in_process, "<=", 1.0),
    ("check --format json vs pulldown-iter, whole process (×)", fr / med["pulldown-cmark-iter"][0], "<=", 1.5),
    ("check --format json vs line-split script (× faster)", med["line-split-py"][0] / fr, ">=", 1.0),
    ("gate (text) vs check --format json (×)", med["flowready-gate"][0] / fr, "<=", 1.3),
    ("peak RSS, check, over input (×)", rss / size, "<=", 2.5),
    ("peak RSS, gate --format sarif, over input (×)", rss_sarif_kb * 1024 / size, "<=", 3),
]
if sizes:
    scale = {}
    for n in sizes:
        for r in json.load(open(os.path.join(out, f"scale-{n}.json")))["results"]:
            scale.setdefault(r["command"], {})[n] = r["median"]
    print("\n## Scaling (medians; per-flow cost in µs)\n")
    print("| command | " + " | ".join(f"{n // 1000}k" for n in sizes) + " | µs/flow at " +
          " / ".join(f"{n // 1000}k" for n in sizes) + f" | {sizes[-1] // 1000}k / {sizes[0] // 1000}k |")
    print("|---|" + "---:|" * (len(sizes) + 2))
    worst = 0.0
    for name, t in scale.items():
        ratio = t[sizes[-1]] / t[sizes[0]]
        worst = max(worst, ratio)
        print(f"| {name} | " + " | ".join(f"{t[n] * 1000:.0f} ms" for n in sizes) + " | " +
              " / ".join(f"{t[n] / n * 1e6:.1f}" for n in sizes) + f" | {ratio:.1f}× |")
    checks.append((f"scaling, worst {sizes[-1] // 1000}k / {sizes[0] // 1000}k (×)", worst, "<=", 9))
print("\n| budget | measured | met |\n|---|---:|---|")
for name, value, op, limit in checks:
    ok = value >= limit if op == ">=" else value <= limit
    print(f"| {name} | {value:.2f} | {'yes' if ok else 'NO'} |")
print(f"\nprocess start (`flowready --version`): {med['process-start'][0] * 1000:.2f} ms; "
      f"CLI on the seed: {med['flowready-seed'][0] * 1000:.2f} ms")
print(f"CLI vs raw pulldown-cmark process: {fr / med['pulldown-cmark-iter'][0]:.2f}×; "
      f"vs memchr floor: {fr / med['memchr-scan'][0]:.2f}×")
PY
