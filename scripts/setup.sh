#!/usr/bin/env bash
# Installs what the tests need beyond Rust itself, idempotently: rustfmt and clippy, the
# wasm32 target, Debian's Chromium (browser tests; never a downloaded browser), and
# wasm-bindgen-cli at exactly the version Cargo.lock pins, into ./.tools.
# scripts/test.sh runs it first; it is safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup component add rustfmt clippy >/dev/null 2>&1 || true
rustup target add wasm32-unknown-unknown >/dev/null

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium"
  apt_get() {
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@"
  }
  if [ "$(id -u)" = 0 ]; then
    apt_get update -q >/dev/null
    apt_get install -y -q chromium >/dev/null
  else
    sudo -n true 2>/dev/null && { sudo apt-get update -q >/dev/null; sudo apt-get install -y -q chromium >/dev/null; } \
      || echo "setup: chromium is missing and cannot be installed without root; browser tests will fail" >&2
  fi
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate's version exactly.
wbv=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -n "$wbv" ]; then
  export PATH="$PWD/.tools/bin:$PATH"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbv" ]; then
    echo "== installing wasm-bindgen-cli $wbv (a few minutes, once)"
    # Not --locked: the lock file of the CLI can name versions the registry lacks.
    cargo install -q wasm-bindgen-cli --version "$wbv" --root "$PWD/.tools"
  fi
fi
