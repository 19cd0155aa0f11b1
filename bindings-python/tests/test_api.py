"""The Python API against the installed wheel: results, enums, errors, helpers, threads."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import sysconfig
import threading
from pathlib import Path

import pytest

import flowready
from flowready import Decision, Level, Priority, Severity, Status

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXAMPLE = ROOT / "examples" / "matrix.md"
PANTRY = HERE / "example_uat" / "matrix.md"
TODAY = "2026-12-01"


@pytest.fixture(scope="module")
def report() -> flowready.Report:
    return flowready.evaluate(flowready.load(EXAMPLE), today=TODAY)


def test_the_installed_wheel_is_tested_not_the_source_tree():
    purelib = Path(sysconfig.get_paths()["purelib"]).resolve()
    assert Path(flowready.__file__).resolve().is_relative_to(purelib), flowready.__file__
    assert Path(flowready._native.__file__).resolve().is_relative_to(purelib)


def test_evaluate_gives_typed_results(report: flowready.Report):
    assert report.ready == ["FLOW-NOTES-SIGNIN-001", "FLOW-NOTES-EDIT-001", "FLOW-NOTES-SEARCH-001"]
    assert report.accepted_gap == ["FLOW-NOTES-SHARE-001"]
    assert report.blocked == ["FLOW-NOTES-EXPORT-001"]
    assert report.decision[Decision.BLOCKED] == ["FLOW-NOTES-EXPORT-001"]
    assert len(report) == 5 and report.summary.flows == 5
    flow = report.flow("FLOW-NOTES-EXPORT-001")
    assert flow.decision is Decision.BLOCKED and not flow.ready
    assert flow.priority is Priority.P1 and flow.level is Level.L2
    assert flow.status is Status.NEEDS_FIXTURE
    assert flow.reasons and flow.reasons[0].cell == "Status"
    assert isinstance(flow.reasons[0].line, int)
    assert report.min_level is Level.L3
    assert report.options["today"] == TODAY
    assert not report.gate.passed and not report.passed
    assert report.gate.blocked == ["FLOW-NOTES-EXPORT-001"]
    assert [f.id for f in report] == [f.id for f in report.flows]
    assert report.coverage is None and flow.coverage is None


def test_reprs_say_what_an_object_is(report: flowready.Report):
    assert repr(report).startswith("Report(5 flows: 3 ready, 1 accepted_gap, 1 blocked")
    assert "FLOW-NOTES-EXPORT-001: blocked" in repr(report.flow("FLOW-NOTES-EXPORT-001"))
    assert repr(report.gate) == "Gate(scope=all, failed: 5 flows, 1 blocked)"
    finding = flowready.parse("no table here").findings[0]
    assert repr(finding).startswith("Finding(FR002 error at 1:1")


def test_to_json_is_the_cores_bytes_and_to_dict_its_value(report: flowready.Report):
    text = EXAMPLE.read_bytes().decode("utf-8")
    twin = flowready.evaluate_json(text, json.dumps({"today": TODAY}))
    assert report.to_json() == twin
    assert report.to_dict() == json.loads(twin)
    flow = report.flow("FLOW-NOTES-SHARE-001")
    assert flow.to_dict() == json.loads(twin)["flows"][2]
    assert json.loads(flow.to_json()) == flow.to_dict()
    assert report.gate.to_dict() == json.loads(twin)["gate"]
    assert flowready.evaluate(text, today=datetime.date(2026, 12, 1)) == report


def test_today_accepts_dates_strings_and_datetimes():
    text = EXAMPLE.read_text(encoding="utf-8")
    a = flowready.evaluate(text, today=datetime.date(2026, 12, 1))
    b = flowready.evaluate(text, today="2026-12-01")
    c = flowready.evaluate(text, today=datetime.datetime(2026, 12, 1, 23, 59))
    assert a.to_json() == b.to_json() == c.to_json()


@pytest.mark.parametrize(
    "options",
    [
        {"today": "2026-13-01"},
        {"today": "yesterday"},
        {"today": 20261201},
        {"min_level": "L9"},
        {"scope": "high"},
        {"expiry_warning_days": -1},
    ],
)
def test_bad_options_raise_an_options_error(options):
    with pytest.raises(flowready.OptionsError) as e:
        flowready.evaluate("# x", **options)
    assert isinstance(e.value, ValueError) and isinstance(e.value, flowready.FlowreadyError)
    assert e.value.code == "options"
    assert " at line 1 column" not in str(e.value)


def test_bad_today_message_names_the_value():
    with pytest.raises(ValueError, match="`2026-02-30` is not a YYYY-MM-DD date"):
        flowready.evaluate("# x", today="2026-02-30")


def test_options_are_applied():
    text = EXAMPLE.read_text(encoding="utf-8")
    p0 = flowready.evaluate(text, today=TODAY, scope="P0")
    assert p0.gate.scope == "P0" and p0.gate.passed
    assert flowready.evaluate(text, today=TODAY, scope=Priority.P0).to_json() == p0.to_json()
    one = flowready.evaluate(text, today=TODAY, flows="FLOW-NOTES-EDIT-001")
    assert one.gate.flows == ["FLOW-NOTES-EDIT-001"]
    unknown = flowready.evaluate(text, today=TODAY, flows=["FLOW-NOPE-001"])
    assert unknown.gate.unknown_flows == ["FLOW-NOPE-001"] and not unknown.passed
    l5 = flowready.evaluate(text, today=TODAY, min_level=Level.L5)
    assert l5.min_level is Level.L5 and "FLOW-NOTES-EDIT-001" in l5.blocked
    assert flowready.evaluate(text, min_level="L5").to_json() == flowready.evaluate(text, min_level=Level.L5).to_json()


def test_a_missing_file_is_file_not_found(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        flowready.load(tmp_path / "nope.md")
    with pytest.raises(FileNotFoundError):
        flowready.read_evidence(tmp_path / "nope.xml")
    with pytest.raises(FileNotFoundError):
        flowready.evaluate("# x", evidence=str(tmp_path / "nope.json"))


def test_a_non_matrix_text_gives_findings_not_an_exception():
    matrix = flowready.parse("# Shopping list\n\n- eggs\n- flour\n")
    codes = [f.code for f in matrix.findings]
    assert "FR002" in codes
    assert matrix.findings[0].severity is Severity.ERROR
    assert matrix.flow_ids == [] and len(matrix) == 0
    report = flowready.evaluate(matrix)
    assert report.summary.flows == 0 and report.summary.errors >= 1
    assert not report.passed


def test_invalid_utf8_is_a_finding(tmp_path: Path):
    path = tmp_path / "m.md"
    path.write_bytes(PANTRY.read_bytes() + b"\n\xff\xfe broken\n")
    matrix = flowready.load(path)
    assert matrix.findings[0].code == "FR001"
    assert "FLOW-PANTRY-ADD-001" in matrix.flow_ids


def test_a_malformed_junit_file_is_an_evidence_error_with_a_line(tmp_path: Path):
    path = tmp_path / "cut.xml"
    path.write_bytes(b'<testsuites>\n<testsuite name="s">\n<testcase name="a @FLOW-A-001">')
    with pytest.raises(flowready.EvidenceError) as e:
        flowready.read_evidence(path)
    err = e.value
    assert err.source == str(path) and err.line == 3 and err.column is not None
    assert err.kind == "syntax" and err.code == "evidence"
    assert isinstance(err, ValueError) and isinstance(err, flowready.FlowreadyError)
    assert "is the report truncated?" in str(err)
    with pytest.raises(flowready.EvidenceError) as e2:
        flowready.read_evidence(b"<html><body/></html>", name="page.html")
    assert e2.value.source == "page.html" and e2.value.kind == "shape"


def test_unknown_evidence_formats(tmp_path: Path):
    with pytest.raises(flowready.UnknownFormatError) as e:
        flowready.read_evidence(b"<testsuites/>", "yaml")
    assert e.value.format == "yaml" and isinstance(e.value, ValueError)
    with pytest.raises(flowready.EvidenceError) as e2:
        flowready.read_evidence(b"plain text")
    assert e2.value.kind == "unknown_format"


def test_unknown_flows_are_lookup_errors_with_a_suggestion(report: flowready.Report):
    with pytest.raises(flowready.UnknownFlowError) as e:
        report.flow("FLOW-NOTES-EXPRT-001")
    assert isinstance(e.value, LookupError)
    assert e.value.suggestion == "FLOW-NOTES-EXPORT-001" and e.value.flow == "FLOW-NOTES-EXPRT-001"
    assert "did you mean `FLOW-NOTES-EXPORT-001`?" in str(e.value)
    with pytest.raises(LookupError):
        flowready.explain(flowready.load(EXAMPLE), "FLOW-NOTES-EDT-001")


def test_require_ready_raises_flow_not_ready_with_reasons(report: flowready.Report):
    assert report.require_ready("FLOW-NOTES-SIGNIN-001").decision is Decision.READY
    assert report.require_ready("FLOW-NOTES-SHARE-001").decision is Decision.ACCEPTED_GAP
    with pytest.raises(flowready.FlowNotReady) as e:
        report.require_ready("FLOW-NOTES-SHARE-001", allow_accepted_gap=False)
    with pytest.raises(flowready.FlowNotReady) as e:
        report.require_ready("FLOW-NOTES-EXPORT-001")
    err = e.value
    assert err.flow_id == "FLOW-NOTES-EXPORT-001" and err.reasons
    assert err.reasons == report.flow("FLOW-NOTES-EXPORT-001").reasons
    assert "EXPORT-FIX-LARGE-NOTEBOOK-FIXTURE-001" in str(err)
    assert not isinstance(err, (ValueError, LookupError, RuntimeError))


def test_uat_step_runs_ready_flows_and_refuses_blocked_ones(report: flowready.Report):
    ran = []
    with flowready.uat_step(report, "FLOW-NOTES-EDIT-001") as flow:
        ran.append(flow.id)
    assert ran == ["FLOW-NOTES-EDIT-001"]
    with pytest.raises(flowready.FlowNotReady, match="needs_fixture"):
        with flowready.uat_step(report, "FLOW-NOTES-EXPORT-001"):
            ran.append("should not run")
    import unittest

    with pytest.raises(unittest.SkipTest) as skipped:
        with flowready.uat_step(report, "FLOW-NOTES-EXPORT-001", on_blocked="skip"):
            ran.append("should not run")
    assert isinstance(skipped.value, flowready.FlowSkipped)
    assert isinstance(skipped.value, flowready.FlowNotReady)
    with pytest.raises(AssertionError):
        with flowready.uat_step(report, "FLOW-NOTES-EXPORT-001", on_blocked="fail"):
            ran.append("should not run")
    assert ran == ["FLOW-NOTES-EDIT-001"]


def test_levels_are_ordered_and_the_rest_are_strings():
    assert Level.L3 < Level.L4 and Level.L5 >= Level.L0 and not Level.L2 > Level.L3
    assert sorted([Level.L4, Level.L0, Level.L3]) == [Level.L0, Level.L3, Level.L4]
    assert max(Level) is Level.L5
    assert Status.BLOCKED == "blocked" and isinstance(Status.BLOCKED, str)
    assert Decision("accepted_gap") is Decision.ACCEPTED_GAP
    assert f"{Severity.WARNING}" == "warning" and str(Priority.P0) == "P0"
    assert Priority("p1") is Priority.P1 and Priority("P12").value == "P12"
    assert json.dumps([Level.L3, Decision.READY]) == '["L3", "ready"]'
    with pytest.raises(ValueError):
        Level("L9")


def test_explain_diff_schemas_and_decision_section(report: flowready.Report):
    matrix = flowready.load(EXAMPLE)
    ex = flowready.explain(matrix, "FLOW-NOTES-EXPORT-001", today=TODAY)
    assert ex.flow.decision is Decision.BLOCKED and ex.to_make_ready
    # "or set the status to `needs_…`" makes the document consistent, not the flow ready.
    assert not any("status to `needs_" in step for step in ex.to_make_ready)
    assert ex.to_make_consistent == ex.to_dict()["to_make_consistent"]
    newer = matrix.text.replace("| L2 | needs_fixture |", "| L3 | needs_fixture |")
    d = flowready.diff(matrix, newer)
    assert [c["id"] for c in d.changed] == ["FLOW-NOTES-EXPORT-001"]
    assert set(flowready.schemas()) == {"matrix", "report", "options", "evidence"}
    section = flowready.decision_section(matrix, report)
    assert section.startswith("## Broad UAT Decision")
    assert "`FLOW-NOTES-EXPORT-001`" in section
    assert matrix.title and matrix.flows[0]["id"] == "FLOW-NOTES-SIGNIN-001"
    assert json.loads(matrix.to_json())["flows"][0]["id"] == "FLOW-NOTES-SIGNIN-001"


def test_subpaths_come_from_the_core():
    assert [s.value for s in flowready.subpaths()] == [
        "happy", "empty", "blocked", "recovery", "negative", "cleanup", "fixture", "environment",
    ]
    assert flowready.subpath("@Negative") is flowready.Subpath.NEGATIVE
    assert flowready.subpath("env") is flowready.Subpath.ENVIRONMENT
    with pytest.raises(flowready.UnknownSubpathError, match="did you mean `recovery`"):
        flowready.subpath("recovry")


def test_evidence_from_paths_bytes_and_objects(tmp_path: Path):
    text = PANTRY.read_text(encoding="utf-8")
    doc = {
        "format": "flowready-evidence",
        "version": 1,
        "tests": [
            {"name": "a", "outcome": "passed", "flows": [{"flow": "FLOW-PANTRY-ADD-001", "subpaths": ["happy", "empty"]}], "uat_rows": ["UAT-PANTRY-ADD-001"], "source": "ev.json"},
            {"name": "b", "outcome": "failed", "reason": "boom", "flows": [{"flow": "FLOW-PANTRY-ADD-001", "subpaths": ["negative"]}], "source": "ev.json"},
        ],
    }
    path = tmp_path / "ev.json"
    path.write_text(json.dumps(doc))
    ev = flowready.read_evidence(path)
    assert len(ev) == 2 and ev.tests[1].outcome is flowready.Outcome.FAILED
    assert ev.tests[0].flows[0].subpaths == [flowready.Subpath.HAPPY, flowready.Subpath.EMPTY]
    by_path = flowready.evaluate(text, today=TODAY, evidence=path)
    by_obj = flowready.evaluate(text, today=TODAY, evidence=ev)
    by_list = flowready.evaluate(text, today=TODAY, evidence=[str(path)])
    assert by_path.to_json() == by_obj.to_json() == by_list.to_json()
    flow = by_obj.flow("FLOW-PANTRY-ADD-001")
    assert flow.decision is Decision.BLOCKED
    cov = flow.coverage
    assert cov is not None and cov.judged
    assert cov.subpaths[flowready.Subpath.NEGATIVE].state is flowready.CoverageState.FAILED
    assert cov.uncovered() == {flowready.Subpath.NEGATIVE: flowready.CoverageState.FAILED}
    assert by_obj.coverage is not None and by_obj.coverage.tests == 2
    merged = ev + ev
    assert len(merged) == 4
    assert len(flowready.merge_evidence(ev, ev, ev)) == 6
    twin = flowready.evaluate_with_evidence_json(text, json.dumps({"today": TODAY}), path.read_text())
    assert twin == by_path.to_json()


def _threaded(call):
    """Runs `call` in a thread while this thread waits for it to start; with a switch
    interval far longer than the test, the waiting thread can only run before the call
    returns if the call released the GIL. Returns whether it did."""
    started = threading.Event()
    done = threading.Event()

    def work():
        started.set()
        call()
        done.set()

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        t = threading.Thread(target=work)
        t.start()
        started.wait()
        ran_during_call = not done.is_set()
        t.join()
    finally:
        sys.setswitchinterval(old)
    return ran_during_call


@pytest.fixture(scope="module")
def big_text() -> str:
    text = PANTRY.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| FLOW-PANTRY-ADD-001")]
    more = "\n".join(rows[0].replace("FLOW-PANTRY-ADD-001", f"FLOW-PANTRY-ADD-{i:04d}") for i in range(2000, 6000))
    return text.replace(rows[0], rows[0] + "\n" + more)


def test_parse_and_evaluate_release_the_gil(big_text: str):
    assert _threaded(lambda: flowready.parse(big_text))
    matrix = flowready.parse(big_text)
    assert _threaded(lambda: flowready.evaluate(matrix, today=TODAY))
    assert _threaded(lambda: flowready.evaluate(big_text, today=TODAY))


def test_reading_evidence_releases_the_gil():
    cases = "".join(
        f'<testcase name="t{i}"><properties><property name="flow" value="FLOW-A-{i:04d}"/></properties></testcase>'
        for i in range(30000)
    )
    xml = f"<testsuites><testsuite>{cases}</testsuite></testsuites>".encode()
    assert _threaded(lambda: flowready.read_evidence(xml))


def test_threads_evaluate_concurrently_with_the_same_results(big_text: str):
    results: list[str] = []
    lock = threading.Lock()

    def work():
        r = flowready.evaluate(big_text, today=TODAY).to_json()
        with lock:
            results.append(r)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and len(set(results)) == 1


def test_the_uat_runner_example_refuses_a_blocked_flow():
    script = HERE.parent / "examples" / "uat_runner.py"
    ok = subprocess.run(
        [sys.executable, str(script), str(EXAMPLE), "FLOW-NOTES-SIGNIN-001", "--today", TODAY],
        capture_output=True, text=True, check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "running UAT for FLOW-NOTES-SIGNIN-001" in ok.stdout
    refused = subprocess.run(
        [sys.executable, str(script), str(EXAMPLE), "FLOW-NOTES-SIGNIN-001", "FLOW-NOTES-EXPORT-001", "--today", TODAY],
        capture_output=True, text=True, check=False,
    )
    assert refused.returncode == 1
    assert "refusing to start UAT: flow `FLOW-NOTES-EXPORT-001` is blocked" in refused.stderr
    assert "needs_fixture" in refused.stderr


def test_import_loads_no_heavy_modules():
    # What `import flowready` adds to a bare interpreter: none of these (they would cost
    # more than flowready itself; they are imported on first use instead).
    code = "import sys; before = set(sys.modules); import flowready; print(' '.join(sorted(set(sys.modules) - before)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    added = set(out.stdout.split())
    assert "flowready._native" in added
    assert not added & {"unittest", "pytest", "typing", "json", "re", "datetime"}, added
