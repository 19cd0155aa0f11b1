#!/usr/bin/env bash
# Runs every test flowready has: formatting, lints, docs, the Rust test suites (unit,
# property, conformance vectors, seed, CLI snapshots, evidence), the benches compiled, and
# each binding's own suite (bindings-*/test.sh: Python, Node, WASM and browser tests).
# Installs what is missing first (scripts/setup.sh). Idempotent; safe to rerun.
# Ends with one line: `tests: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export PATH="$PWD/.tools/bin:$PATH"
# The Python binding's Rust tests embed an interpreter; its libpython has no RUNPATH.
pylib=$(python3 -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR") or "")')
export LD_LIBRARY_PATH="${pylib}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
echo "== benches compile"
cargo bench --workspace --no-run
echo "== cargo test"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
CI=true cargo test --workspace 2>&1 | tee "$log"
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;?$/) p += $i; if ($(i+1) ~ /^failed;?$/) f += $i } }
     END { printf "rust: %d passed, %d failed\n", p, f }' "$log" > "$log.sum"
cat "$log.sum"

# Each binding's suite ends with its own `tests: N passed, N failed` line.
status=0
for suite in bindings-*/test.sh; do
  [ -f "$suite" ] || continue
  echo "== $suite"
  if ! bash "$suite" 2>&1 | tee "$log"; then
    status=1
  fi
  line=$(grep -E '^tests: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
  if [ -z "$line" ]; then
    echo "$suite printed no result line" >&2
    line="tests: 0 passed, 1 failed"
  fi
  echo "${suite%%/*}: ${line#tests: }" >> "$log.sum"
done

echo "== summary"
cat "$log.sum"
awk '{ for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed,?$/) p += $i; if ($(i+1) ~ /^failed,?$/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p, f; exit (f > 0) }' "$log.sum" || status=1
rm -f "$log.sum"
exit $status
