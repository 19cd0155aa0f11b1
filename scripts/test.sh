#!/usr/bin/env bash
# Runs every test flowready has: formatting, lints, the Rust test suites, and benches
# compiled. Idempotent; safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== cargo test"
cargo test --workspace
echo "== benches compile"
cargo bench --workspace --no-run
