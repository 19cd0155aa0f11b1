#!/usr/bin/env bash
# The Python binding's suite: builds the wheel as `pip install ./bindings-python` does
# (PEP 517, maturin), installs it into a fresh-ish
# venv (bindings-python/.venv, created when missing) with pytest, pytest-xdist,
# pytest-rerunfailures and mypy, and runs, against the installed wheel (never the source
# tree):
#   - pytest on tests/ (API, errors, threads, conformance vectors, seed, the plugin in
#     real pytest sessions);
#   - the same API and vector tests under Python 3.9 when a 3.9 interpreter is present
#     (the wheel is abi3 for 3.9+);
#   - type checks: the installed package matches its sources, `mypy --strict` on the
#     package and on the UAT-runner example, and `python -m mypy.stubtest flowready`.
# Idempotent and safe to rerun. Last line: `tests: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
ROOT=$(cd .. && pwd)

PYTHON=${PYTHON:-python3}
VENV=$HERE/.venv
if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi
PY=$VENV/bin/python
"$PY" -m pip install -q 'maturin>=1.9.4,<2' 'pytest>=8' pytest-xdist pytest-rerunfailures mypy

echo "== pip wheel ./bindings-python (PEP 517: what \`pip install ./bindings-python\` builds)"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# The same build a user's `pip install ./bindings-python` runs: pip's isolated build
# environment with maturin from the package index, a release build of the native module.
"$PY" -m pip wheel -q --no-deps --wheel-dir "$OUT/dist" "$HERE"
WHEEL=$(ls "$OUT"/dist/flowready-*.whl)
"$PY" -m pip install -q --force-reinstall --no-deps "$WHEEL"
echo "installed $(basename "$WHEEL")"

echo "== the CLI (for the seed test)"
(cd "$ROOT" && cargo build -q -p flowready-cli)
export FLOWREADY_CLI=$ROOT/target/debug/flowready

passed=0
failed=0
count() { # $1 = junit xml
  "$PY" - "$1" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root)
t = sum(int(s.get("tests", 0)) for s in suites)
f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
sk = sum(int(s.get("skipped", 0)) for s in suites)
print(t - f - sk, f)
PYEOF
}
run_pytest() { # $1 = python, rest = pytest args; run from tests/ so python/ is not importable
  local py=$1; shift
  local xml=$OUT/junit-$RANDOM.xml
  local status=0
  (cd "$HERE/tests" && "$py" -m pytest -p no:cacheprovider -q --junitxml "$xml" "$@") || status=1
  if [ -f "$xml" ]; then
    read -r p f < <(count "$xml")
  else
    p=0; f=1
  fi
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
}
check() { # $1 = name, rest = command
  local name=$1; shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name" >&2; failed=$((failed + 1)); fi
}

echo "== pytest (Python $("$PY" -c 'import platform; print(platform.python_version())'))"
run_pytest "$PY" -n 2

PY39=
for cand in python3.9 "$HOME"/.pyenv/versions/3.9*/bin/python3.9; do
  if "$cand" -c 'import sys; assert sys.version_info[:2] == (3, 9)' >/dev/null 2>&1; then
    PY39=$cand
    break
  fi
done
if [ -n "$PY39" ]; then
  echo "== pytest on Python 3.9 (API and vectors)"
  V39=$HERE/.venv39
  if ! "$V39/bin/python" -c 'import sys' >/dev/null 2>&1; then rm -rf "$V39"; "$PY39" -m venv "$V39"; fi
  "$V39/bin/python" -m pip install -q 'pytest>=8'
  "$V39/bin/python" -m pip install -q --force-reinstall --no-deps "$WHEEL"
  run_pytest "$V39/bin/python" test_api.py test_vectors.py
else
  echo "== no Python 3.9 interpreter: skipping the 3.9 run"
fi

SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
check "the wheel holds the package as committed" diff -r -x __pycache__ -x '*.so' "$HERE/python/flowready" "$SITE/flowready"
MYPY_CACHE=$VENV/mypy-cache
check "mypy --strict flowready" bash -c "cd '$OUT' && '$PY' -m mypy --strict --cache-dir '$MYPY_CACHE' -p flowready"
check "mypy --strict examples/uat_runner.py" bash -c "cd '$HERE/examples' && '$PY' -m mypy --strict --cache-dir '$MYPY_CACHE' uat_runner.py"
check "stubtest flowready" bash -c "cd '$OUT' && '$PY' -m mypy.stubtest flowready"

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
