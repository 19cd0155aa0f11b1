"""`flowready.evaluate` in process, for BENCHMARKS.md: medians of timed calls on each
matrix given, next to the same document's parse + evaluate in the Rust core (the `stages`
bin, run by bench.sh in the same run).

    python bench.py FILE [FILE …] [--runs N]

Each timed call is what a user pays: `flowready.evaluate(text, today=…)` from a `str`,
including building the options, handing the text to the core, and wrapping the report
(the Report reads the core's JSON lazily). Also timed: `evaluate` of an already parsed
`Matrix`, `Report.to_json()`, and `Report.to_dict()` (every flow as Python values).
"""

from __future__ import annotations

import argparse
import statistics
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    for path in args.files:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        matrix = flowready.parse(text)
        report = flowready.evaluate(text, today=TODAY)
        median_ms(2, lambda: flowready.evaluate(text, today=TODAY))  # warm-up
        evaluate = median_ms(args.runs, lambda: flowready.evaluate(text, today=TODAY))
        parsed = median_ms(args.runs, lambda: flowready.evaluate(matrix, today=TODAY))
        to_json = median_ms(args.runs, report.to_json)
        to_dict = median_ms(max(3, args.runs // 3), lambda: flowready.evaluate(text, today=TODAY).to_dict())
        print(
            f"{path}: evaluate(text) {evaluate:.2f} ms | evaluate(Matrix) {parsed:.2f} ms | "
            f"to_json {to_json:.2f} ms | evaluate+to_dict {to_dict:.2f} ms | "
            f"{len(report)} flows"
        )


if __name__ == "__main__":
    main()
