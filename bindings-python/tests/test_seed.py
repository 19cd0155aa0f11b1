"""The team's real matrix (beside the repository, when present): Python gives the CLI's
report byte for byte, and the decision the design states."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import flowready

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT.parent / "shared" / "seed" / "Product_Quality_Flow_Coverage_Matrix_v1.md"
TODAY = "2026-12-01"


def _cli() -> Path:
    env = os.environ.get("FLOWREADY_CLI")
    path = Path(env) if env else ROOT / "target" / "debug" / "flowready"
    if not path.exists():
        pytest.skip(f"the flowready CLI is not built ({path})")
    return path


@pytest.fixture(scope="module")
def seed() -> flowready.Matrix:
    if not SEED.exists():
        pytest.skip("the seed matrix is not beside the repository")
    return flowready.load(SEED)


def test_seed_decision_matches_the_design(seed: flowready.Matrix):
    report = flowready.evaluate(seed, today=TODAY)
    assert len(report.ready) == 11
    assert report.accepted_gap == ["FLOW-ACCOUNT-MFA-001"]
    assert sorted(report.blocked) == sorted(
        ["FLOW-BILLING-SAFETY-001", "FLOW-STORAGE-LIFECYCLE-001", "FLOW-HARNESS-PREUAT-001"]
    )


def test_seed_report_is_the_clis_bytes(seed: flowready.Matrix):
    cli = _cli()
    out = subprocess.run(
        [str(cli), "check", str(SEED), "--format", "json", "--today", TODAY],
        capture_output=True, check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    assert flowready.evaluate(seed, today=TODAY).to_json() == out.stdout.decode("utf-8").rstrip("\n")
