"""flowready's pytest plugin, loaded by pytest (entry point ``pytest11``) when the
``flowready`` package is installed.

- ``@pytest.mark.flow("FLOW-…", "negative", uat="UAT-…")`` on a test, a class or a module
  (``pytestmark``), repeatable: the flow, subpaths and UAT rows the test proves. Each
  marker becomes ``flow``, ``subpath``… and ``uat_row`` entries of the test's
  ``user_properties`` (what ``record_property`` writes), outer scopes first, so pytest's
  own ``--junitxml`` carries them in the shape flowready's JUnit reader reads. An unknown
  subpath is a collection error with a did-you-mean.
- ``--flowready-evidence PATH`` writes flowready evidence JSON for the run.
- ``--flowready-matrix PATH`` evaluates the matrix at the end of the session with this
  run's evidence and prints a per-flow summary; with ``--flowready-gate`` a failing gate
  makes the session exit non-zero. ``--flowready-scope P0`` gates one priority.
- Fixtures: ``flowready_report`` (the matrix evaluated before any test, without
  evidence) and ``flowready_require`` (skip the calling test unless a flow is ready).

With pytest-xdist, workers only run tests; the controller receives every test's reports
(``pytest_runtest_logreport``) and alone builds the evidence, keyed by node ID, so nothing
is lost or counted twice. With pytest-rerunfailures, a test that passes on a rerun is
``flaky``.
"""

from __future__ import annotations

import datetime
import json
import os
from typing import TYPE_CHECKING, Any, Callable, Generator, Optional, Union

import pytest

import flowready

if TYPE_CHECKING:
    from _pytest.config import Config
    from _pytest.config.argparsing import Parser
    from _pytest.nodes import Collector, Item
    from _pytest.reports import CollectReport, TestReport
    from _pytest.terminal import TerminalReporter

__all__ = [
    "FlowreadyPlugin",
    "flow_properties",
    "flowready_report",
    "flowready_require",
    "pytest_addoption",
    "pytest_configure",
    "pytest_make_collect_report",
]

_PLUGIN_NAME = "flowready-session"
_STASH = pytest.StashKey["FlowreadyPlugin"]()
_REASON_CHARS = 300


def pytest_addoption(parser: Parser) -> None:
    """The plugin's command-line options."""
    group = parser.getgroup("flowready", "flowready: flow coverage evidence and the UAT gate")
    group.addoption(
        "--flowready-evidence",
        metavar="PATH",
        default=None,
        help="write flowready evidence JSON for this run to PATH",
    )
    group.addoption(
        "--flowready-matrix",
        metavar="PATH",
        default=None,
        help="the Product Quality Flow Coverage Matrix to evaluate with this run's evidence",
    )
    group.addoption(
        "--flowready-gate",
        action="store_true",
        default=False,
        help="fail the session when the matrix's gate fails with this run's evidence",
    )
    group.addoption(
        "--flowready-scope",
        metavar="PRIORITY",
        default=None,
        help="gate only flows of this priority (P0, P1, …; default: all)",
    )
    group.addoption(
        "--flowready-today",
        metavar="YYYY-MM-DD",
        default=None,
        help="the day to judge accepted-gap expiry against (default: today, UTC)",
    )
    group.addoption(
        "--flowready-min-level",
        metavar="LEVEL",
        default=None,
        help="the gate threshold (L0…L5; default: what the matrix states, else L3)",
    )


def pytest_configure(config: Config) -> None:
    """Registers the marker and, on the controller (not on xdist workers), the session
    plugin that collects evidence and gates."""
    config.addinivalue_line(
        "markers",
        "flow(flow_id, *subpaths, uat=None): the flow, subpaths and UAT rows a test proves "
        "(flowready); repeatable, also on classes and modules",
    )
    plugin = FlowreadyPlugin(config)
    config.stash[_STASH] = plugin
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(plugin, _PLUGIN_NAME)


def flow_properties(item: Item) -> list[tuple[str, str]]:
    """The ``(name, value)`` properties the item's ``flow`` markers stand for, outer
    scopes (module, class) first. Raises ``flowready.UnknownSubpathError`` (with a
    did-you-mean) for an unknown subpath, and ``pytest.UsageError`` for a malformed
    marker."""
    out: list[tuple[str, str]] = []
    # iter_markers yields the closest scope first.
    for mark in reversed(list(item.iter_markers("flow"))):
        if not mark.args or not isinstance(mark.args[0], str) or not mark.args[0].strip():
            raise pytest.UsageError(
                f"{item.nodeid}: `@pytest.mark.flow` needs a flow ID first, "
                'as in `@pytest.mark.flow("FLOW-…", "happy", uat="UAT-…")`'
            )
        unknown_kwargs = set(mark.kwargs) - {"uat", "uat_row"}
        if unknown_kwargs:
            raise pytest.UsageError(
                f"{item.nodeid}: `@pytest.mark.flow` takes `uat=` only, not "
                + ", ".join(f"`{k}=`" for k in sorted(unknown_kwargs))
            )
        out.append(("flow", mark.args[0].strip()))
        for sub in mark.args[1:]:
            if not isinstance(sub, str):
                raise pytest.UsageError(
                    f"{item.nodeid}: subpaths of `@pytest.mark.flow` are strings, got {sub!r}"
                )
            out.append(("subpath", flowready.subpath(sub).value))
        uat = mark.kwargs.get("uat", mark.kwargs.get("uat_row"))
        rows = [uat] if isinstance(uat, str) else list(uat or [])
        for row in rows:
            out.append(("uat_row", str(row)))
    return out


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: Collector) -> Generator[None, CollectReport, CollectReport]:
    """Adds each collected test's flow properties, and turns a bad ``flow`` marker into a
    collection error of the module that has it."""
    report = yield
    if report.outcome != "passed":
        return report
    problems: list[str] = []
    for node in report.result:
        if not isinstance(node, pytest.Item):
            continue
        try:
            props = flow_properties(node)
        except (flowready.UnknownSubpathError, pytest.UsageError) as e:
            problems.append(f"{node.nodeid}: {e}")
            continue
        node.user_properties.extend(props)
    if problems:
        report.outcome = "failed"
        report.longrepr = "flowready: bad `@pytest.mark.flow` marker\n" + "\n".join(problems)
        report.result = []
    return report


def _first_line(text: str) -> Optional[str]:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:_REASON_CHARS]
    return None


def _failure_reason(report: TestReport) -> Optional[str]:
    crash = getattr(report.longrepr, "reprcrash", None)
    message = getattr(crash, "message", None)
    if isinstance(message, str) and message.strip():
        return _first_line(message)
    return _first_line(report.longreprtext or "")


def _skip_reason(report: TestReport) -> Optional[str]:
    if isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
        reason = str(report.longrepr[2])
        return _first_line(reason.removeprefix("Skipped: "))
    return _first_line(report.longreprtext or "")


class _Attempt:
    """What the reports of one test say so far."""

    __slots__ = ("outcome", "reason", "reran")

    def __init__(self) -> None:
        self.outcome: Optional[str] = None
        self.reason: Optional[str] = None
        self.reran = False


class FlowreadyPlugin:
    """Collects this run's evidence from test reports (on the controller), writes it, and
    evaluates and gates the matrix at the end of the session."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.evidence_path: Optional[str] = config.getoption("flowready_evidence")
        self.matrix_path: Optional[str] = config.getoption("flowready_matrix")
        self.gate: bool = bool(config.getoption("flowready_gate"))
        self.scope: Optional[str] = config.getoption("flowready_scope")
        self.today: str = config.getoption("flowready_today") or (
            datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        )
        self.min_level: Optional[str] = config.getoption("flowready_min_level")
        self.tests: dict[str, dict[str, Any]] = {}
        self.attempts: dict[str, _Attempt] = {}
        self.unlabelled: set[str] = set()
        self.report: Optional[flowready.Report] = None
        self.gate_failed = False
        self.problem: Optional[str] = None
        if self.gate and not self.matrix_path:
            raise pytest.UsageError("--flowready-gate needs --flowready-matrix PATH")
        self._start_report: Optional[flowready.Report] = None

    # -- evidence ----------------------------------------------------------------------

    def pytest_runtest_logreport(self, report: TestReport) -> None:
        """Follows each test's setup, call and teardown (and reruns) to its outcome."""
        attempt = self.attempts.setdefault(report.nodeid, _Attempt())
        outcome: str = report.outcome  # pytest-rerunfailures adds "rerun"
        if outcome == "rerun":
            # pytest-rerunfailures: this attempt failed and the test runs again.
            attempt.reran = True
            attempt.outcome = None
            attempt.reason = None
            return
        if report.when == "setup":
            attempt.outcome = None
            attempt.reason = None
        xfail = hasattr(report, "wasxfail")
        if report.failed:
            if attempt.outcome != "failed":
                attempt.outcome = "failed"
                attempt.reason = _failure_reason(report)
        elif report.skipped:
            if attempt.outcome is None:
                attempt.outcome = "xfailed" if xfail else "skipped"
                attempt.reason = (
                    _first_line(str(getattr(report, "wasxfail", ""))) if xfail else _skip_reason(report)
                ) or None
        elif report.when == "call" and attempt.outcome is None:
            # A non-strict xpass is a pass, as pytest's JUnit XML writes it (a strict
            # xpass is reported failed).
            attempt.outcome = "passed"
        if getattr(report, "rerun", 0):
            attempt.reran = True
        if report.when == "teardown":
            self._record(report, attempt)

    def _record(self, report: TestReport, attempt: _Attempt) -> None:
        outcome = attempt.outcome or "passed"
        if outcome == "passed" and attempt.reran:
            outcome = "flaky"
        flows: list[dict[str, Any]] = []
        uat_rows: list[str] = []
        current: Optional[dict[str, Any]] = None
        shared: list[str] = []
        for name, value in report.user_properties:
            if name == "flow":
                current = next((f for f in flows if f["flow"] == value), None)
                if current is None:
                    current = {"flow": str(value), "subpaths": []}
                    flows.append(current)
            elif name == "subpath":
                target = shared if current is None else current["subpaths"]
                if value not in target:
                    target.append(str(value))
            elif name in ("uat_row", "uat") and value not in uat_rows:
                uat_rows.append(str(value))
        for f in flows:
            f["subpaths"].extend(s for s in shared if s not in f["subpaths"])
        if not flows and not uat_rows:
            self.tests.pop(report.nodeid, None)
            self.unlabelled.add(report.nodeid)
            return
        path, line, _ = report.location
        record: dict[str, Any] = {"name": report.nodeid, "file": path.replace(os.sep, "/")}
        if line is not None:
            record["line"] = line + 1
        record["outcome"] = outcome
        if outcome != "passed" and outcome != "flaky" and attempt.reason:
            record["reason"] = attempt.reason
        record["flows"] = flows
        record["uat_rows"] = uat_rows
        self.tests[report.nodeid] = record

    def evidence(self) -> flowready.Evidence:
        """This run's evidence so far, read back through the core (so it is exactly the
        evidence JSON the core reads)."""
        doc = {
            "format": "flowready-evidence",
            "version": 1,
            "tool": "pytest",
            "tests": list(self.tests.values()),
            "unlabelled_tests": len(self.unlabelled),
        }
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        name = os.path.basename(self.evidence_path) if self.evidence_path else "pytest"
        return flowready.read_evidence(data, "flowready", name=name)

    # -- the gate ----------------------------------------------------------------------

    def _evaluate(self, evidence: Optional[flowready.Evidence]) -> flowready.Report:
        assert self.matrix_path is not None
        return flowready.evaluate(
            flowready.load(self.matrix_path),
            today=self.today,
            min_level=self.min_level,
            scope=self.scope,
            evidence=evidence,
        )

    def start_report(self) -> flowready.Report:
        """The matrix evaluated without evidence (for the fixtures), once per session."""
        if self._start_report is None:
            if not self.matrix_path:
                pytest.skip("flowready: no --flowready-matrix given")
            self._start_report = self._evaluate(None)
        return self._start_report

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: Union[int, pytest.ExitCode]) -> None:
        """Writes the evidence and evaluates (and gates) the matrix."""
        if not self.evidence_path and not self.matrix_path:
            return
        if exitstatus in (
            pytest.ExitCode.INTERRUPTED,
            pytest.ExitCode.INTERNAL_ERROR,
            pytest.ExitCode.USAGE_ERROR,
        ):
            # Collection errors, Ctrl-C: the run proves nothing, and pytest already fails.
            self.problem = "flowready: the session was interrupted; no evidence written and no gate"
            return
        try:
            evidence = self.evidence()
            if self.evidence_path:
                directory = os.path.dirname(os.path.abspath(self.evidence_path))
                os.makedirs(directory, exist_ok=True)
                with open(self.evidence_path, "w", encoding="utf-8") as f:
                    f.write(evidence.to_json())
                    f.write("\n")
            if self.matrix_path:
                self.report = self._evaluate(evidence)
        except (OSError, flowready.FlowreadyError) as e:
            self.problem = f"flowready: {e}"
            if self.gate:
                self.gate_failed = True
                session.exitstatus = pytest.ExitCode.TESTS_FAILED if exitstatus == 0 else exitstatus
            return
        if self.gate and self.report is not None and not self.report.passed:
            self.gate_failed = True
            if exitstatus == pytest.ExitCode.OK:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: TerminalReporter) -> None:
        """A compact per-flow summary: decision, and the subpaths failed or missing."""
        tr = terminalreporter
        if self.problem:
            tr.write_sep("=", "flowready", red=True)
            tr.write_line(self.problem)
            return
        if self.report is None:
            if self.evidence_path:
                tr.write_line(f"flowready: evidence for {len(self.tests)} tests written to {self.evidence_path}")
            return
        report = self.report
        gate = report.gate
        tr.write_sep("=", f"flowready gate (scope {gate.scope})")
        in_scope = set(gate.flows)
        for flow in report.flows:
            if flow.id not in in_scope:
                continue
            tr.write_line(_flow_line(flow))
        for unknown in gate.unknown_flows:
            tr.write_line(f"{unknown}  unknown flow")
        s = report.summary
        counts = f"{len(gate.flows)} flows in scope; {s.ready} ready, {s.accepted_gap} accepted_gap, {s.blocked} blocked overall"
        if self.evidence_path:
            tr.write_line(f"evidence: {len(self.tests)} tests written to {self.evidence_path}")
        if gate.passed:
            tr.write_line(f"flowready gate passed: {counts}", green=True)
        elif self.gate:
            blocked = ", ".join(gate.blocked) or "no flow in scope"
            tr.write_line(
                f"flowready gate FAILED: broad UAT may not start: blocked: {blocked} ({counts}); "
                "the session fails even if every test passed",
                red=True,
                bold=True,
            )
        else:
            tr.write_line(
                f"flowready gate would fail (blocked: {', '.join(gate.blocked) or 'no flow in scope'}); "
                "pass --flowready-gate to fail the session",
                yellow=True,
            )


def _flow_line(flow: flowready.FlowReport) -> str:
    parts = [f"{flow.id}  {flow.decision.value}"]
    coverage = flow.coverage
    if coverage is not None:
        by_state: dict[str, list[str]] = {}
        for sub, state in coverage.uncovered().items():
            by_state.setdefault(state.value, []).append(sub.value)
        for name in ("failed", "missing", "skipped"):
            if name in by_state:
                parts.append(f"{name}: {', '.join(by_state[name])}")
        if coverage.missing_uat_rows:
            parts.append(f"UAT rows without a test: {', '.join(coverage.missing_uat_rows)}")
    if flow.decision is flowready.Decision.BLOCKED and (coverage is None or len(parts) == 1):
        codes = sorted({r.code for r in flow.reasons if r.code})
        first = flow.reasons[0].message if flow.reasons else ""
        parts.append(f"{', '.join(codes)} {first}".strip())
    return "  ".join(parts[:1]) + ("  (" + "; ".join(parts[1:]) + ")" if len(parts) > 1 else "")


def _plugin(config: Config) -> FlowreadyPlugin:
    # Also on xdist workers, where the plugin is not registered (it only serves fixtures).
    return config.stash[_STASH]


@pytest.fixture(scope="session")
def flowready_report(pytestconfig: Config) -> flowready.Report:
    """The ``--flowready-matrix`` evaluated before the tests (no evidence). Tests that
    use it are skipped when no matrix is given."""
    return _plugin(pytestconfig).start_report()


@pytest.fixture
def flowready_require(flowready_report: flowready.Report) -> Callable[[str], flowready.FlowReport]:
    """``flowready_require("FLOW-…")`` skips the calling test, with the flow's reasons,
    unless broad UAT may start for the flow; it returns the flow's verdict."""

    def require(flow_id: str) -> flowready.FlowReport:
        try:
            return flowready_report.require_ready(flow_id)
        except flowready.FlowNotReady as e:
            pytest.skip(str(e))

    return require
