#!/usr/bin/env bash
# The WASM binding's suite: installs what it needs (npm ci; never a downloaded browser),
# builds the package (cargo -> wasm-bindgen -> npm binaryen wasm-opt), checks the
# committed .d.ts files and type-checks them, checks the size budget of the lean module
# (fails above 150 KiB gzipped), clippy of the lean feature set, runs every
# conformance vector and the API tests through the Node build and the lean module
# (node --test), and the
# browser tests in Debian's Chromium (@playwright/test). Last line: `tests: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PWD/../.tools/bin:$PWD/node_modules/.bin:$PATH"

passed=0
failed=0
ok() { passed=$((passed + $1)); }
ko() { failed=$((failed + $1)); }

echo "== npm ci"
# Skipped when node_modules was installed from this very lock file.
if ! cmp -s package-lock.json node_modules/.installed-lock.json 2>/dev/null; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.installed-lock.json
fi

echo "== cargo build -p flowready-cli (the browser tests compare with the CLI)"
(cd .. && cargo build -q -p flowready-cli)

echo "== npm run build"
npm run build

echo "== generated declarations are committed and current"
types_ok=1
for pair in "pkg/node/flowready_wasm.d.ts types/flowready_wasm.d.ts" "www/pkg/flowready_wasm.d.ts types/flowready_wasm_web.d.ts" "www/pkg/flowready_wasm_lean.d.ts types/flowready_wasm_lean.d.ts"; do
  set -- $pair
  if ! diff -u "$2" "$1"; then
    echo "$2 is stale: run \`npm run build:types\` and commit it" >&2
    types_ok=0
  fi
done
if [ $types_ok = 1 ] && tsc --noEmit -p types/tsconfig.json; then ok 1; echo "types: ok"; else ko 1; echo "types: FAILED" >&2; fi

echo "== budget: the lean .wasm (what <flow-readiness> loads on every page) gzipped"
# The complete module (evidence readers, explain, diff, the decision section) is loaded
# only by pages that use them; its size is printed, not budgeted (BENCHMARKS.md).
limit=$((150 * 1024))
size() { printf '%d B raw, %d B gzipped = %s KiB' "$(wc -c < "$1")" "$(gzip -9 -c "$1" | wc -c)" "$(gzip -9 -c "$1" | wc -c | awk '{ printf "%.1f", $1 / 1024 }')"; }
gz=$(gzip -9 -c www/pkg/flowready_wasm_lean_bg.wasm | wc -c)
printf 'budget: flowready_wasm_lean_bg.wasm %s (limit 150 KiB): ' "$(size www/pkg/flowready_wasm_lean_bg.wasm)"
if [ "$gz" -le "$limit" ]; then echo ok; ok 1; else echo "OVER by $(( gz - limit )) B"; ko 1; fi
echo "complete module: flowready_wasm_bg.wasm $(size www/pkg/flowready_wasm_bg.wasm) (loaded on demand, not budgeted)"

echo "== cargo clippy, lean feature set (the default build is the workspace's)"
if (cd .. && cargo clippy -q -p flowready-wasm --no-default-features -- -D warnings); then ok 1; else ko 1; echo "clippy (lean): FAILED" >&2; fi

echo "== node --test (vectors and API through the Node build)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
node --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$log" test/ || true
p=$(awk '/^# pass /{print $3}' "$log" | tail -n 1)
f=$(awk '/^# fail /{print $3}' "$log" | tail -n 1)
if [ -z "$p" ]; then echo "node --test printed no summary" >&2; ko 1; else ok "$p"; ko "${f:-0}"; fi
echo "node: ${p:-0} passed, ${f:-?} failed"

echo "== browser tests (Chromium $(chromium --version 2>/dev/null | awk '{print $2}'))"
rm -f test-results/results.json
playwright test || true
if [ -f test-results/results.json ]; then
  read -r bp bf bs < <(node -e '
    const s = require("./test-results/results.json").stats;
    console.log(s.expected + s.flaky, s.unexpected, s.skipped);')
  ok "$bp"; ko "$bf"
  echo "browser: $bp passed, $bf failed, $bs skipped"
  [ -f test-results/first-render.json ] && echo "first render (team's matrix): $(cat test-results/first-render.json)"
else
  echo "playwright wrote no results" >&2
  ko 1
fi

echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
