#!/usr/bin/env bash
# Runs every test flowready has: formatting, lints, the Rust test suites (unit, property,
# conformance vectors, seed, CLI snapshots, evidence), and the benches compiled.
# Idempotent; safe to rerun. Ends with one line: `tests: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."

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
     END { printf "tests: %d passed, %d failed\n", p, f; exit (f > 0) }' "$log"
