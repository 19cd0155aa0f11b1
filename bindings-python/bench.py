"""`flowready.evaluate` in process against the Rust core in process, for BENCHMARKS.md.

    python bench.py --stages target/release/stages FILE [FILE …] [--rounds 7] [--runs 5]

For each matrix, ROUNDS rounds alternate the core (the `stages` bin: median of RUNS
`flowready::check` calls, parse + evaluate) with Python (median of RUNS calls of
`flowready.evaluate(text, today=…)` from a `str`: building the options, handing the text
to the core, and wrapping the report, whose JSON is read lazily). Alternating keeps a
shared machine's load changes from favouring one side. Prints the median over rounds of
each, their ratio, and (not part of the ratio) `evaluate` of a parsed `Matrix`,
`Report.to_json()` and `evaluate(...).to_dict()` (every flow as Python values).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import time
from typing import Callable

import flowready

TODAY = "2026-12-01"


def median_ms(runs: int, call: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def core_ms(stages: str, path: str, runs: int) -> float:
    out = subprocess.run([stages, path, str(runs)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"parse\+evaluate ([0-9.]+) (ms|µs)", out)
    if m is None:
        raise SystemExit(f"unexpected stages output: {out!r}")
    value = float(m.group(1))
    return value / 1000.0 if m.group(2) == "µs" else value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--stages", required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for path in args.files:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        matrix = flowready.parse(text)
        report = flowready.evaluate(text, today=TODAY)
        median_ms(2, lambda: flowready.evaluate(text, today=TODAY))  # warm-up
        core, py = [], []
        for _ in range(args.rounds):
            core.append(core_ms(args.stages, path, args.runs))
            py.append(median_ms(args.runs, lambda: flowready.evaluate(text, today=TODAY)))
        c, p = statistics.median(core), statistics.median(py)
        parsed = median_ms(args.runs * 3, lambda: flowready.evaluate(matrix, today=TODAY))
        to_json = median_ms(args.runs * 3, report.to_json)
        to_dict = median_ms(args.runs, lambda: flowready.evaluate(text, today=TODAY).to_dict())
        print(
            f"{len(report)} flows: core parse+evaluate {c:.2f} ms | python evaluate(text) {p:.2f} ms "
            f"| ratio {p / c:.2f}x | rounds core {min(core):.1f}–{max(core):.1f}, python {min(py):.1f}–{max(py):.1f} ms"
        )
        print(
            f"  also: evaluate(parsed Matrix) {parsed:.2f} ms | Report.to_json() {to_json:.2f} ms "
            f"| evaluate(text).to_dict() {to_dict:.2f} ms"
        )


if __name__ == "__main__":
    main()
