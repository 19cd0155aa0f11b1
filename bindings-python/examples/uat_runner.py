"""A UAT runner that refuses to start UAT for a blocked flow.

    python uat_runner.py MATRIX.md FLOW-ID [FLOW-ID …] [--today YYYY-MM-DD]

Evaluates the matrix, then runs each flow's UAT steps only if broad UAT may start for it;
a blocked flow is refused with its reasons and the runner exits 1. Checked with
`mypy --strict`.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from typing import Callable

import flowready


def step_sign_in(flow: flowready.FlowReport) -> None:
    print(f"  running UAT for {flow.id} (level {flow.level}, status {flow.status})")


STEPS: dict[str, Callable[[flowready.FlowReport], None]] = {}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("matrix")
    parser.add_argument("flows", nargs="+")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)
    args = parser.parse_args(argv)

    try:
        matrix = flowready.load(args.matrix)
    except OSError as e:
        print(f"cannot read the matrix: {e}", file=sys.stderr)
        return 2
    for finding in matrix.findings:
        print(f"{args.matrix}:{finding.line}:{finding.column}: {finding.severity}: {finding.message}")

    report = flowready.evaluate(matrix, today=args.today or datetime.date.today())
    refused = 0
    for flow_id in args.flows:
        try:
            with flowready.uat_step(report, flow_id) as flow:
                STEPS.get(flow_id, step_sign_in)(flow)
        except flowready.FlowNotReady as e:
            refused += 1
            print(f"refusing to start UAT: {e}", file=sys.stderr)
            for reason in e.reasons:
                if reason.cell is not None:
                    print(f"    see the `{reason.cell}` cell, line {reason.line}", file=sys.stderr)
        except flowready.UnknownFlowError as e:
            refused += 1
            print(f"error: {e}", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
