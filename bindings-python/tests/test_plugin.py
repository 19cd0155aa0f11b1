"""The pytest plugin in real pytest sessions (subprocesses) of the example UAT suite in
`example_uat/`: the evidence file, the terminal summary and the exit code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import flowready

SUITE = Path(__file__).resolve().parent / "example_uat"
TODAY = "2026-12-01"


class Run:
    def __init__(self, proc: subprocess.CompletedProcess[str], root: Path) -> None:
        self.rc = proc.returncode
        self.out = proc.stdout + proc.stderr
        self.root = root

    def evidence(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.root / "evidence.json").read_text(encoding="utf-8"))
        return data

    def outcomes(self) -> dict[str, str]:
        return {t["name"]: t["outcome"] for t in self.evidence()["tests"]}


def run_suite(
    tmp_path: Path,
    *args: str,
    files: tuple[str, ...] = ("test_add.py", "test_pantry.py", "test_misc.py"),
    env: dict[str, str] | None = None,
    gate: bool = True,
) -> Run:
    root = tmp_path / "suite"
    if not root.exists():
        shutil.copytree(SUITE, root)
    command = [
        sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs",
        "--flowready-evidence", "evidence.json",
        "--flowready-matrix", "matrix.md",
        "--flowready-today", TODAY,
    ]
    if gate:
        command.append("--flowready-gate")
    command += [*args, *files]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PANTRY_", "PYTEST_"))}
    proc = subprocess.run(
        command, cwd=root, capture_output=True, text=True, check=False, env={**clean, **(env or {})}
    )
    return Run(proc, root)


PANTRY = "test_pantry.py::"


def test_a_passing_run_passes_the_gate(tmp_path: Path):
    run = run_suite(tmp_path)
    assert run.rc == 0, run.out
    assert "flowready gate (scope all)" in run.out
    assert "FLOW-PANTRY-ADD-001  ready" in run.out
    assert "FLOW-PANTRY-SYNC-001  ready" in run.out
    assert "flowready gate passed: 3 flows in scope" in run.out
    ev = run.evidence()
    assert ev["format"] == "flowready-evidence" and ev["version"] == 1 and ev["tool"] == "pytest"
    assert ev["unlabelled_tests"] == 1
    outcomes = run.outcomes()
    assert len(outcomes) == 12 == len(ev["tests"])
    assert outcomes[PANTRY + "test_label_too_long_is_refused"] == "xfailed"  # strict xfail
    assert outcomes[PANTRY + "test_label_for_empty_jar"] == "passed"  # non-strict xpass
    assert outcomes[PANTRY + "test_printer_offline"] == "skipped"
    assert Counter(outcomes.values()) == Counter({"passed": 10, "xfailed": 1, "skipped": 1})
    tests = {t["name"]: t for t in ev["tests"]}
    skipped = tests[PANTRY + "test_printer_offline"]
    assert skipped["reason"] == "no printer in this lane"
    assert skipped["flows"] == [{"flow": "FLOW-PANTRY-LABEL-001", "subpaths": ["blocked"]}]
    assert skipped["uat_rows"] == []
    assert skipped["file"] == "test_pantry.py" and isinstance(skipped["line"], int)
    module_only = tests["test_add.py::test_add_jar"]
    assert module_only["flows"] == [{"flow": "FLOW-PANTRY-ADD-001", "subpaths": []}]
    assert module_only["uat_rows"] == ["UAT-PANTRY-ADD-001"]
    sync = tests[PANTRY + "TestSync::test_dropped_connection_resumes"]
    assert sync["flows"] == [{"flow": "FLOW-PANTRY-SYNC-001", "subpaths": ["recovery"]}]
    # The file is evidence the core reads, and gives the same verdict.
    report = flowready.evaluate(flowready.load(run.root / "matrix.md"), today=TODAY, evidence=run.root / "evidence.json")
    assert report.passed and report.ready == ["FLOW-PANTRY-ADD-001", "FLOW-PANTRY-SYNC-001", "FLOW-PANTRY-LABEL-001"]


def test_a_failing_recovery_test_and_a_missing_subpath_fail_the_gate(tmp_path: Path):
    run = run_suite(tmp_path, "-k", "not removing", files=("test_add.py", "test_pantry.py"), env={"PANTRY_FAIL_RECOVERY": "1"})
    assert run.rc == 1, run.out
    assert "FLOW-PANTRY-SYNC-001  blocked  (failed: recovery; missing: cleanup)" in run.out
    assert "flowready gate FAILED: broad UAT may not start: blocked: FLOW-PANTRY-SYNC-001" in run.out
    outcomes = run.outcomes()
    assert outcomes[PANTRY + "TestSync::test_dropped_connection_resumes"] == "failed"
    assert PANTRY + "TestSync::test_removing_a_device_drops_its_copy" not in outcomes
    failed = next(t for t in run.evidence()["tests"] if t["outcome"] == "failed")
    assert "the sync did not resume" in failed["reason"]


def test_the_gate_fails_the_session_even_when_every_test_passed(tmp_path: Path):
    run = run_suite(tmp_path, "-k", "not removing", files=("test_add.py", "test_pantry.py"))
    assert "failed" not in Counter(run.outcomes().values())
    assert run.rc == 1, run.out
    assert "FLOW-PANTRY-SYNC-001  blocked  (missing: cleanup)" in run.out
    assert "the session fails even if every test passed" in run.out


def test_without_the_gate_flag_the_summary_only_warns(tmp_path: Path):
    run = run_suite(tmp_path, "-k", "not removing", files=("test_add.py", "test_pantry.py"), gate=False)
    assert run.rc == 0, run.out
    assert "flowready gate would fail (blocked: FLOW-PANTRY-SYNC-001)" in run.out


def test_scope_gates_one_priority(tmp_path: Path):
    run = run_suite(tmp_path, "--flowready-scope", "P1", "-k", "not removing", files=("test_add.py", "test_pantry.py"))
    assert run.rc == 0, run.out
    assert "flowready gate (scope P1)" in run.out
    assert "FLOW-PANTRY-LABEL-001  ready" in run.out
    assert "FLOW-PANTRY-SYNC-001" not in run.out.split("flowready gate (scope P1)")[1]


def test_a_rerun_that_passes_is_flaky(tmp_path: Path):
    flaky = tmp_path / "flaky"
    flaky.mkdir()
    run = run_suite(tmp_path, "--reruns", "1", env={"PANTRY_FLAKY_DIR": str(flaky)})
    assert run.rc == 0, run.out
    assert run.outcomes()[PANTRY + "test_print_label"] == "flaky"
    report = flowready.evaluate(flowready.load(run.root / "matrix.md"), today=TODAY, evidence=run.root / "evidence.json")
    assert "FR604" in [f.code for f in report.findings]


def test_without_reruns_a_first_failure_fails(tmp_path: Path):
    flaky = tmp_path / "flaky"
    flaky.mkdir()
    run = run_suite(tmp_path, env={"PANTRY_FLAKY_DIR": str(flaky)})
    assert run.rc == 1, run.out
    assert run.outcomes()[PANTRY + "test_print_label"] == "failed"
    assert "FLOW-PANTRY-LABEL-001  blocked  (failed: happy)" in run.out


def test_xdist_merges_worker_evidence_without_loss_or_duplicates(tmp_path: Path):
    flaky = tmp_path / "flaky"
    flaky.mkdir()
    serial = run_suite(tmp_path / "serial", "--reruns", "1", env={"PANTRY_FLAKY_DIR": str(flaky)})
    shutil.rmtree(flaky)
    flaky.mkdir()
    run = run_suite(tmp_path / "xdist", "-n", "2", "--reruns", "1", env={"PANTRY_FLAKY_DIR": str(flaky)})
    assert run.rc == 0, run.out
    ev, ev_serial = run.evidence(), serial.evidence()
    names = [t["name"] for t in ev["tests"]]
    assert len(names) == len(set(names)) == 12
    key = lambda t: t["name"]  # noqa: E731
    assert sorted(ev["tests"], key=key) == sorted(ev_serial["tests"], key=key)
    assert ev["unlabelled_tests"] == ev_serial["unlabelled_tests"] == 1
    assert run.outcomes()[PANTRY + "test_print_label"] == "flaky"
    assert "flowready gate passed: 3 flows in scope" in run.out


def test_xdist_failing_gate(tmp_path: Path):
    run = run_suite(tmp_path, "-n", "2", "-k", "not removing", files=("test_add.py", "test_pantry.py"), env={"PANTRY_FAIL_RECOVERY": "1"})
    assert run.rc == 1, run.out
    assert "FLOW-PANTRY-SYNC-001  blocked  (failed: recovery; missing: cleanup)" in run.out


def test_pytest_junit_xml_carries_the_claims_the_core_reads(tmp_path: Path):
    for family in ("xunit1", "xunit2"):
        run = run_suite(tmp_path / family, "--junitxml", "junit.xml", "-o", f"junit_family={family}")
        assert run.rc == 0, run.out
        from_junit = flowready.read_evidence(run.root / "junit.xml")
        from_plugin = flowready.read_evidence(run.root / "evidence.json")

        def claims(ev: flowready.Evidence) -> Counter[str]:
            return Counter(
                json.dumps([t.outcome.value, [c.to_dict() for c in t.flows], t.uat_rows]) for t in ev.tests
            )

        assert len(from_junit) == len(from_plugin) == 12
        assert claims(from_junit) == claims(from_plugin)
        assert from_junit.unlabelled_tests == from_plugin.unlabelled_tests == 1


def test_an_unknown_subpath_is_a_collection_error_with_a_suggestion(tmp_path: Path):
    run = run_suite(tmp_path, files=("typo/test_typo.py",))
    assert run.rc == 2, run.out
    assert "ERROR collecting typo/test_typo.py" in run.out
    assert "unknown subpath `recovry`; did you mean `recovery`?" in run.out
    assert "flowready gate (scope" not in run.out  # no gate for an interrupted session


def test_markers_need_a_flow_id(tmp_path: Path):
    root = tmp_path / "suite"
    shutil.copytree(SUITE, root)
    (root / "test_bad.py").write_text(
        "import pytest\n\n@pytest.mark.flow()\ndef test_x():\n    pass\n", encoding="utf-8"
    )
    run = run_suite(tmp_path, files=("test_bad.py",))
    assert run.rc == 2, run.out
    assert "`@pytest.mark.flow` needs a flow ID first" in run.out


def test_fixtures_skip_a_test_for_a_blocked_flow(tmp_path: Path):
    root = tmp_path / "suite"
    shutil.copytree(SUITE, root)
    matrix = (root / "matrix.md").read_text(encoding="utf-8")
    (root / "matrix.md").write_text(
        matrix.replace("| L3 | ready_for_broad_uat | pantry/sync | none |", "| L1 | needs_coverage | pantry/sync | `SYNC-GAP-001` |"),
        encoding="utf-8",
    )
    (root / "test_gated.py").write_text(
        "import flowready\n\n"
        "def test_add(flowready_require):\n"
        "    assert flowready_require('FLOW-PANTRY-ADD-001').decision is flowready.Decision.READY\n\n"
        "def test_sync(flowready_require):\n"
        "    flowready_require('FLOW-PANTRY-SYNC-001')\n"
        "    raise AssertionError('must not run')\n\n"
        "def test_sync_step(flowready_report):\n"
        "    with flowready.uat_step(flowready_report, 'FLOW-PANTRY-SYNC-001', on_blocked='skip'):\n"
        "        raise AssertionError('must not run')\n",
        encoding="utf-8",
    )
    run = run_suite(tmp_path, files=("test_gated.py",), gate=False)
    assert run.rc == 0, run.out
    assert "1 passed, 2 skipped" in run.out
    assert "flow `FLOW-PANTRY-SYNC-001` is blocked, so UAT may not start for it" in run.out


def test_the_plugin_is_registered_by_the_entry_point():
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--help"],
        capture_output=True, text=True, check=True, cwd=SUITE,
    )
    for option in ("--flowready-evidence", "--flowready-matrix", "--flowready-gate", "--flowready-scope"):
        assert option in out.stdout
