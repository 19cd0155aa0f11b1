#!/usr/bin/env bash
# The Node binding's suite: installs the npm dev dependencies (npm ci), builds the native
# addon (napi build; the generated index.js / index.d.ts must not change), builds the CLI
# (the shard test merges evidence with it), type-checks a typed usage example with
# `tsc --strict`, and runs `node --test` (API, conformance vectors, real Playwright runs in
# Debian's Chromium with the reporter). Idempotent. Last line: `tests: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")"

passed=0
failed=0
check() { # name, command...
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $name"
  else
    failed=$((failed + 1))
    echo "FAILED: $name" >&2
  fi
}

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# Playwright resolves `flowready/reporter` from node_modules, as in a project that
# installed the package: link this package there as itself.
[ -e node_modules/flowready ] || ln -s .. node_modules/flowready

before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
cp index.js index.d.ts "$before/"
npm run build
generated_unchanged() {
  local ok=0
  for f in index.js index.d.ts; do
    if ! cmp -s "$before/$f" "$f"; then
      echo "$f changed when rebuilt; commit the generated file:" >&2
      diff -u "$before/$f" "$f" | head -40 >&2 || true
      ok=1
    fi
    if command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- "$f"; then
      echo "$f differs from the committed file" >&2
      ok=1
    fi
  done
  return $ok
}
check "generated index.js and index.d.ts are committed and unchanged by a rebuild" generated_unchanged

(cd .. && cargo build -q -p flowready-cli)

check "tsc --noEmit --strict on test/types/usage.ts" npx tsc -p test/types

log=$(mktemp)
set +e
node --test --test-reporter=tap test/ 2>&1 | tee "$log"
node_status=${PIPESTATUS[0]}
set -e
p=$(awk '/^# pass /{print $3}' "$log" | tail -n 1)
f=$(awk '/^# fail /{print $3}' "$log" | tail -n 1)
rm -f "$log"
p=${p:-0}
f=${f:-0}
if [ "$node_status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
passed=$((passed + p))
failed=$((failed + f))

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
