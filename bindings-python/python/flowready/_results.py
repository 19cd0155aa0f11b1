"""Typed views of the core's results.

Each object wraps the core's JSON value for it (a ``dict`` read from the core's own
serialisation) and exposes it as typed attributes; ``to_dict()`` returns that value and
``to_json()`` writes it. ``Report.to_json()`` returns the core's bytes unchanged, so it
is identical to ``flowready::evaluate_json`` (and to the CLI's ``--format json``).

A ``Report`` reads the core's JSON lazily: ``evaluate`` costs what the core costs, and
``report.flow(id)`` / ``report.require_ready(id)`` read one flow without converting the
whole report.
"""

from __future__ import annotations

from ._enums import (
    CoverageState,
    Decision,
    Level,
    Outcome,
    Priority,
    Severity,
    Status,
    Subpath,
)
from ._errors import FlowNotReady

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Iterator, Optional

    from . import _native

__all__ = [
    "Coverage",
    "Evidence",
    "Explanation",
    "FlowClaim",
    "FlowCoverage",
    "FlowReport",
    "Finding",
    "Gate",
    "Matrix",
    "MatrixDiff",
    "Reason",
    "Report",
    "Span",
    "SubpathCoverage",
    "Summary",
    "TestRecord",
    "TestRef",
]


def _dumps(value: Any) -> str:
    import json  # on first use: `json` (and the `re` it imports) would slow `import flowready`

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _loads(text: str) -> Any:
    import json

    return json.loads(text)


def _opt_level(v: Optional[str]) -> Optional[Level]:
    return None if v is None else Level(v)


def _opt_priority(v: Optional[str]) -> Optional[Priority]:
    return None if v is None else Priority(v)


def _opt_status(v: Optional[str]) -> Optional[Status]:
    return None if v is None else Status(v)


class _View:
    """A typed view of one JSON object of the core's output."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def to_dict(self) -> dict[str, Any]:
        """The object as the core's JSON value (a copy)."""
        copied: dict[str, Any] = _loads(_dumps(self._data))
        return copied

    def to_json(self) -> str:
        """The object as compact JSON, keys in the core's order."""
        return _dumps(self._data)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _View)
        return self._data == other._data

    def __hash__(self) -> int:
        return hash(self.to_json())


class Span(_View):
    """Where in the document: byte range and 1-based line and column."""

    __slots__ = ()

    @property
    def start(self) -> int:
        """Byte offset of the first byte."""
        return int(self._data["start"])

    @property
    def end(self) -> int:
        """Byte offset past the last byte."""
        return int(self._data["end"])

    @property
    def line(self) -> int:
        """1-based line."""
        return int(self._data["line"])

    @property
    def column(self) -> int:
        """1-based column, in Unicode scalar values."""
        return int(self._data["column"])

    def __repr__(self) -> str:
        return f"Span({self.start}..{self.end}, line={self.line}, column={self.column})"


class Finding(_View):
    """One diagnostic: a stable code, a severity, a message and help, and where."""

    __slots__ = ()

    @property
    def code(self) -> str:
        """The stable code, ``FR101``."""
        return str(self._data["code"])

    @property
    def rule(self) -> str:
        """The rule's name, ``ready-below-threshold``."""
        return str(self._data["rule"])

    @property
    def severity(self) -> Severity:
        """``error``, ``warning`` or ``info``."""
        return Severity(self._data["severity"])

    @property
    def message(self) -> str:
        """What is wrong."""
        return str(self._data["message"])

    @property
    def help(self) -> str:
        """How to fix it."""
        return str(self._data["help"])

    @property
    def flow(self) -> Optional[str]:
        """The flow it is about, if any."""
        v = self._data.get("flow")
        return None if v is None else str(v)

    @property
    def line(self) -> int:
        """1-based line."""
        return int(self._data["line"])

    @property
    def column(self) -> int:
        """1-based column, in Unicode scalar values."""
        return int(self._data["column"])

    @property
    def span(self) -> Span:
        """The byte span."""
        return Span(self._data["span"])

    def __repr__(self) -> str:
        return (
            f"Finding({self.code} {self.severity.value} at {self.line}:{self.column}"
            f"{f' [{self.flow}]' if self.flow else ''}: {self.message})"
        )


class Reason(_View):
    """Why a flow got its decision: one rule, one cell, and what would change it."""

    __slots__ = ()

    @property
    def code(self) -> Optional[str]:
        """The finding code behind the reason, if it comes from a finding."""
        v = self._data.get("code")
        return None if v is None else str(v)

    @property
    def message(self) -> str:
        """What holds."""
        return str(self._data["message"])

    @property
    def cell(self) -> Optional[str]:
        """The column of the cell involved, if one."""
        v = self._data.get("cell")
        return None if v is None else str(v)

    @property
    def line(self) -> int:
        """1-based line of the cell (or row)."""
        return int(self._data["line"])

    @property
    def column(self) -> int:
        """1-based column of the cell (or row)."""
        return int(self._data["column"])

    @property
    def fix(self) -> Optional[str]:
        """What would change the decision, if anything should."""
        v = self._data.get("fix")
        return None if v is None else str(v)

    def __repr__(self) -> str:
        code = f"{self.code} " if self.code else ""
        return f"Reason({code}at {self.line}:{self.column}: {self.message})"


class TestRef(_View):
    """A test that claims a subpath, as coverage lists it."""

    __slots__ = ()
    __test__ = False  # not a pytest test class

    @property
    def name(self) -> str:
        """The test's name."""
        return str(self._data["name"])

    @property
    def file(self) -> Optional[str]:
        """The test's file, when known."""
        v = self._data.get("file")
        return None if v is None else str(v)

    @property
    def outcome(self) -> Outcome:
        """How it ended."""
        return Outcome(self._data["outcome"])

    @property
    def reason(self) -> Optional[str]:
        """Why it failed or was skipped, when known."""
        v = self._data.get("reason")
        return None if v is None else str(v)

    @property
    def source(self) -> Optional[str]:
        """The report it came from."""
        v = self._data.get("source")
        return None if v is None else str(v)

    def __repr__(self) -> str:
        return f"TestRef({self.name!r}, {self.outcome.value})"


class SubpathCoverage(_View):
    """The evidence for one subpath of one flow."""

    __slots__ = ()

    @property
    def state(self) -> CoverageState:
        """``passed``, ``flaky``, ``failed``, ``skipped``, ``missing`` or ``waived``."""
        return CoverageState(self._data["state"])

    @property
    def required(self) -> bool:
        """True when the flow's matrix cell for the subpath is filled."""
        return bool(self._data["required"])

    @property
    def tests(self) -> list[TestRef]:
        """The tests that claim it."""
        return [TestRef(t) for t in self._data.get("tests", [])]

    @property
    def waiver(self) -> Optional[dict[str, Any]]:
        """The accepted-gap register row that approves a skip, if any."""
        v = self._data.get("waiver")
        return None if v is None else dict(v)

    def __repr__(self) -> str:
        req = "required" if self.required else "optional"
        return f"SubpathCoverage({self.state.value}, {req}, {len(self._data.get('tests', []))} tests)"


class FlowCoverage(_View):
    """The evidence for one flow, per subpath."""

    __slots__ = ()

    @property
    def judged(self) -> bool:
        """True when the gate judged the flow on its evidence (in scope, claims
        readiness)."""
        return bool(self._data["judged"])

    @property
    def subpaths(self) -> dict[Subpath, SubpathCoverage]:
        """Coverage per subpath, in subpath order."""
        return {Subpath(k): SubpathCoverage(v) for k, v in self._data["subpaths"].items()}

    @property
    def missing_uat_rows(self) -> list[str]:
        """UAT rows the flow lists that no test names."""
        return [str(r) for r in self._data.get("missing_uat_rows", [])]

    def uncovered(self) -> dict[Subpath, CoverageState]:
        """Required subpaths whose state does not cover them (failed, skipped, missing)."""
        out: dict[Subpath, CoverageState] = {}
        for name, cov in self._data["subpaths"].items():
            state = CoverageState(cov["state"])
            if cov["required"] and not state.covers:
                out[Subpath(name)] = state
        return out

    def __repr__(self) -> str:
        states = ", ".join(f"{k}={v['state']}" for k, v in self._data["subpaths"].items())
        return f"FlowCoverage(judged={self.judged}, {states})"


class Coverage(_View):
    """Evidence coverage of a report: per flow and subpath, plus what did not map."""

    __slots__ = ()

    @property
    def tests(self) -> int:
        """Labelled tests read."""
        return int(self._data["tests"])

    @property
    def unlabelled_tests(self) -> int:
        """Tests that named no flow and no UAT row."""
        return int(self._data.get("unlabelled_tests", 0))

    @property
    def flows(self) -> dict[str, FlowCoverage]:
        """Coverage per flow ID."""
        return {k: FlowCoverage(v) for k, v in self._data["flows"].items()}

    @property
    def unknown_flows(self) -> list[dict[str, Any]]:
        """Flows named by tests that the matrix does not have."""
        return [dict(v) for v in self._data.get("unknown_flows", [])]

    @property
    def unmapped_uat_rows(self) -> list[dict[str, Any]]:
        """UAT rows named by tests that none of their flows lists."""
        return [dict(v) for v in self._data.get("unmapped_uat_rows", [])]

    def __repr__(self) -> str:
        return f"Coverage({self.tests} tests, {len(self._data['flows'])} flows)"


class FlowReport(_View):
    """One flow's verdict."""

    __slots__ = ("_coverage",)

    def __init__(
        self, data: dict[str, Any], coverage: Optional[dict[str, Any]] = None
    ) -> None:
        super().__init__(data)
        self._coverage = coverage

    @property
    def id(self) -> str:
        """The flow ID."""
        return str(self._data["id"])

    @property
    def priority(self) -> Optional[Priority]:
        """Its priority."""
        return _opt_priority(self._data.get("priority"))

    @property
    def level(self) -> Optional[Level]:
        """Its level, if readable."""
        return _opt_level(self._data.get("level"))

    @property
    def status(self) -> Optional[Status]:
        """Its status, if readable."""
        return _opt_status(self._data.get("status"))

    @property
    def decision(self) -> Decision:
        """The computed decision."""
        return Decision(self._data["decision"])

    @property
    def reasons(self) -> list[Reason]:
        """Why."""
        return [Reason(r) for r in self._data["reasons"]]

    @property
    def line(self) -> int:
        """1-based line of the flow's row."""
        return int(self._data["line"])

    @property
    def coverage(self) -> Optional[FlowCoverage]:
        """The flow's evidence coverage, when the report was made with evidence."""
        return None if self._coverage is None else FlowCoverage(self._coverage)

    @property
    def ready(self) -> bool:
        """True when broad UAT may start for it: ``ready`` or ``accepted_gap``."""
        return self.decision.may_start

    def __repr__(self) -> str:
        return (
            f"FlowReport({self.id}: {self.decision.value}, "
            f"level={self._data.get('level')}, status={self._data.get('status')}, "
            f"{len(self._data['reasons'])} reasons)"
        )


class Gate(_View):
    """The answer to "may broad UAT start for this scope?"."""

    __slots__ = ()

    @property
    def scope(self) -> str:
        """``all``, or the priority gated (``P0``)."""
        return str(self._data["scope"])

    @property
    def flows(self) -> list[str]:
        """The flows in scope, in document order."""
        return [str(f) for f in self._data["flows"]]

    @property
    def unknown_flows(self) -> list[str]:
        """Requested flows (the ``flows`` option) the matrix does not have."""
        return [str(f) for f in self._data["unknown_flows"]]

    @property
    def blocked(self) -> list[str]:
        """In-scope flows that are blocked."""
        return [str(f) for f in self._data["blocked"]]

    @property
    def passed(self) -> bool:
        """True when every in-scope flow is ready or accepted_gap (and the scope is not
        empty)."""
        return bool(self._data["passed"])

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        verdict = "passed" if self.passed else "failed"
        return (
            f"Gate(scope={self.scope}, {verdict}: {len(self._data['flows'])} flows, "
            f"{len(self._data['blocked'])} blocked)"
        )


class Summary(_View):
    """Counts of flows per decision and findings per severity."""

    __slots__ = ()

    @property
    def flows(self) -> int:
        """Flows in the matrix."""
        return int(self._data["flows"])

    @property
    def ready(self) -> int:
        """Flows ready."""
        return int(self._data["ready"])

    @property
    def accepted_gap(self) -> int:
        """Flows ready with accepted gaps."""
        return int(self._data["accepted_gap"])

    @property
    def blocked(self) -> int:
        """Flows blocked."""
        return int(self._data["blocked"])

    @property
    def errors(self) -> int:
        """Error findings."""
        return int(self._data["errors"])

    @property
    def warnings(self) -> int:
        """Warning findings."""
        return int(self._data["warnings"])

    @property
    def infos(self) -> int:
        """Info findings."""
        return int(self._data["infos"])

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v}" for k, v in self._data.items())
        return f"Summary({inner})"


class Report:
    """Everything flowready concludes about a matrix: the decision per flow with its
    reasons, every finding, the counts, the scoped gate and (with evidence) coverage.

    ``to_json()`` is the core's JSON, byte for byte.
    """

    __slots__ = ("_native", "_data_cache", "_text")

    def __init__(self, native: _native.NativeReport, text: Optional[str] = None) -> None:
        self._native = native
        self._data_cache: Optional[dict[str, Any]] = None
        self._text = text

    @property
    def _data(self) -> dict[str, Any]:
        if self._data_cache is None:
            self._data_cache = _loads(self._native.to_json())
        return self._data_cache

    def to_json(self) -> str:
        """The report JSON: the same bytes as the core's ``evaluate_json`` (no trailing
        newline)."""
        return self._native.to_json()

    def to_dict(self) -> dict[str, Any]:
        """The report JSON as Python values."""
        value: dict[str, Any] = _loads(self._native.to_json())
        return value

    @property
    def version(self) -> int:
        """The report format's version."""
        return int(self._data["version"])

    @property
    def options(self) -> dict[str, Any]:
        """The options as applied (``today``, ``min_level``, ``min_level_source``,
        ``strict``, ``expiry_warning_days``)."""
        return dict(self._data["options"])

    @property
    def min_level(self) -> Level:
        """The threshold applied."""
        return Level(self._data["options"]["min_level"])

    @property
    def ready(self) -> list[str]:
        """Flows ready for broad UAT, in document order."""
        return [str(f) for f in self._data["decision"]["ready"]]

    @property
    def accepted_gap(self) -> list[str]:
        """Flows ready with accepted gaps, in document order."""
        return [str(f) for f in self._data["decision"]["accepted_gap"]]

    @property
    def blocked(self) -> list[str]:
        """Flows blocked or not ready, in document order."""
        return [str(f) for f in self._data["decision"]["blocked"]]

    @property
    def decision(self) -> dict[Decision, list[str]]:
        """The computed decision: flow IDs per bucket."""
        d = self._data["decision"]
        return {Decision(k): [str(f) for f in v] for k, v in d.items()}

    @property
    def flows(self) -> list[FlowReport]:
        """Every flow's verdict, in document order."""
        cov = self._coverage_flows()
        return [FlowReport(f, cov.get(f["id"])) for f in self._data["flows"]]

    @property
    def findings(self) -> list[Finding]:
        """Every finding, in document order."""
        return [Finding(f) for f in self._data["findings"]]

    @property
    def summary(self) -> Summary:
        """Counts: ``flows``, ``ready``, ``accepted_gap``, ``blocked``, ``errors``,
        ``warnings``, ``infos``."""
        return Summary(self._data["summary"])

    @property
    def gate(self) -> Gate:
        """The scoped gate."""
        return Gate(self._data["gate"])

    @property
    def passed(self) -> bool:
        """True when the gate passed (every in-scope flow ready or accepted)."""
        return self._native.gate_passed

    @property
    def coverage(self) -> Optional[Coverage]:
        """Evidence coverage per flow and subpath, when evidence was given."""
        e = self._data.get("evidence")
        return None if e is None else Coverage(e)

    def _coverage_flows(self) -> dict[str, Any]:
        e = self._data.get("evidence")
        return {} if e is None else dict(e["flows"])

    def flow(self, flow_id: str) -> FlowReport:
        """The verdict of one flow. An ID the report does not have raises
        ``UnknownFlowError`` (a ``LookupError``) with the nearest ID as a suggestion."""
        data = _loads(self._native.flow_json(flow_id))
        coverage = _loads(self._native.coverage_json(flow_id))
        return FlowReport(data, coverage)

    def require_ready(self, flow_id: str, *, allow_accepted_gap: bool = True) -> FlowReport:
        """The flow's verdict if broad UAT may start for it; else raises ``FlowNotReady``
        carrying the flow's reasons. ``allow_accepted_gap=False`` also refuses
        ``accepted_gap`` flows."""
        flow = self.flow(flow_id)
        if flow.decision is Decision.BLOCKED or (
            not allow_accepted_gap and flow.decision is Decision.ACCEPTED_GAP
        ):
            raise FlowNotReady(flow)
        return flow

    def __iter__(self) -> Iterator[FlowReport]:
        return iter(self.flows)

    def __len__(self) -> int:
        return int(self._data["summary"]["flows"])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        s = self._data["summary"]
        g = self._data["gate"]
        verdict = "passed" if g["passed"] else "failed"
        return (
            f"Report({s['flows']} flows: {s['ready']} ready, {s['accepted_gap']} accepted_gap, "
            f"{s['blocked']} blocked; {s['errors']} errors, {s['warnings']} warnings; "
            f"gate {g['scope']} {verdict})"
        )


class FlowClaim(_View):
    """One flow a test proves, and which of its subpaths."""

    __slots__ = ()

    @property
    def flow(self) -> str:
        """The flow ID."""
        return str(self._data["flow"])

    @property
    def subpaths(self) -> list[Subpath]:
        """The subpaths proved."""
        return [Subpath(s) for s in self._data.get("subpaths", [])]

    def __repr__(self) -> str:
        return f"FlowClaim({self.flow}: {', '.join(self._data.get('subpaths', []))})"


class TestRecord(_View):
    """One test's result and what it proves."""

    __slots__ = ()
    __test__ = False  # not a pytest test class

    @property
    def name(self) -> str:
        """The test's name."""
        return str(self._data["name"])

    @property
    def file(self) -> Optional[str]:
        """Its file, when known."""
        v = self._data.get("file")
        return None if v is None else str(v)

    @property
    def line(self) -> Optional[int]:
        """Its 1-based line, when known."""
        v = self._data.get("line")
        return None if v is None else int(v)

    @property
    def outcome(self) -> Outcome:
        """How it ended."""
        return Outcome(self._data["outcome"])

    @property
    def reason(self) -> Optional[str]:
        """Why it failed or was skipped, when known."""
        v = self._data.get("reason")
        return None if v is None else str(v)

    @property
    def flows(self) -> list[FlowClaim]:
        """The flows (and subpaths) it proves."""
        return [FlowClaim(c) for c in self._data.get("flows", [])]

    @property
    def uat_rows(self) -> list[str]:
        """The UAT rows it proves."""
        return [str(r) for r in self._data.get("uat_rows", [])]

    @property
    def source(self) -> Optional[str]:
        """The report it was read from."""
        v = self._data.get("source")
        return None if v is None else str(v)

    def __repr__(self) -> str:
        return f"TestRecord({self.name!r}, {self.outcome.value}, {self.flows!r})"


class Evidence:
    """Test evidence read from one or more reports (Playwright JSON, JUnit XML,
    flowready evidence JSON). ``to_json()`` is flowready evidence JSON."""

    __slots__ = ("_native", "_data_cache")

    def __init__(self, native: _native.NativeEvidence) -> None:
        self._native = native
        self._data_cache: Optional[dict[str, Any]] = None

    @property
    def _data(self) -> dict[str, Any]:
        if self._data_cache is None:
            self._data_cache = _loads(self._native.to_json())
        return self._data_cache

    def to_json(self) -> str:
        """flowready evidence JSON (version 1), as the core writes it."""
        return self._native.to_json()

    def to_dict(self) -> dict[str, Any]:
        """The evidence JSON as Python values."""
        value: dict[str, Any] = _loads(self._native.to_json())
        return value

    @property
    def tool(self) -> Optional[str]:
        """The tool that wrote the reports, when known."""
        v = self._data.get("tool")
        return None if v is None else str(v)

    @property
    def tests(self) -> list[TestRecord]:
        """Every labelled test, in report order."""
        return [TestRecord(t) for t in self._data["tests"]]

    @property
    def unlabelled_tests(self) -> int:
        """Tests read but dropped because they named no flow and no UAT row."""
        return int(self._data.get("unlabelled_tests", 0))

    def __len__(self) -> int:
        return len(self._native)

    def __add__(self, other: Evidence) -> Evidence:
        if not isinstance(other, Evidence):
            return NotImplemented
        from . import _native

        return Evidence(_native.merge_evidence([self._native, other._native]))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Evidence):
            return NotImplemented
        return self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        return f"Evidence({len(self)} tests, {self.unlabelled_tests} unlabelled)"


class Matrix:
    """A parsed matrix document. Findings of parsing are data (``findings``), never
    exceptions. The model's view is built from the core's model JSON
    (``to_dict()``), read on first use."""

    __slots__ = ("_native", "_text", "_model", "_findings", "path")

    def __init__(
        self, native: _native.ParsedMatrix, text: str, path: Optional[str] = None
    ) -> None:
        self._native = native
        self._text = text
        self._model: Optional[dict[str, Any]] = None
        self._findings: Optional[list[dict[str, Any]]] = None
        self.path = path

    @property
    def text(self) -> str:
        """The document text."""
        return self._text

    def _data(self) -> dict[str, Any]:
        if self._model is None:
            self._model = _loads(self._native.to_json())
        return self._model

    def to_json(self) -> str:
        """The model as JSON (the core's ``parse_json``)."""
        return self._native.to_json()

    def to_dict(self) -> dict[str, Any]:
        """The model JSON as Python values."""
        value: dict[str, Any] = _loads(self._native.to_json())
        return value

    @property
    def title(self) -> Optional[str]:
        """The document's first heading."""
        v = self._data().get("title")
        return None if v is None else str(v)

    @property
    def findings(self) -> list[Finding]:
        """Problems found while reading the document (structure, vocabulary)."""
        if self._findings is None:
            self._findings = _loads(self._native.findings_json())
        return [Finding(f) for f in self._findings]

    @property
    def flow_ids(self) -> list[str]:
        """Every flow ID, in document order."""
        return [str(f["id"]) for f in self._data()["flows"]]

    @property
    def flows(self) -> list[dict[str, Any]]:
        """Every flow row as the model JSON has it (``id``, ``priority``, ``level``,
        ``status``, ``uat_rows``, ``cells``, …)."""
        return [dict(f) for f in self._data()["flows"]]

    def __len__(self) -> int:
        return len(self._data()["flows"])

    def __repr__(self) -> str:
        where = f" {self.path!r}" if self.path else ""
        return f"Matrix({where.strip() or '<text>'}, {len(self._text)} chars)"


class Explanation(_View):
    """Why one flow got its decision and what would make it ready."""

    __slots__ = ()

    @property
    def flow(self) -> FlowReport:
        """The flow's verdict."""
        return FlowReport(self._data["flow"])

    @property
    def declared(self) -> Optional[Decision]:
        """The decision the document declares for it, if any."""
        v = self._data.get("declared")
        return None if v is None else Decision(v)

    @property
    def findings(self) -> list[Finding]:
        """The flow's findings."""
        return [Finding(f) for f in self._data.get("findings", [])]

    @property
    def gap_tasks(self) -> list[dict[str, Any]]:
        """The flow's gap tasks (``id``, ``closed``, ``span``)."""
        return [dict(t) for t in self._data.get("gap_tasks", [])]

    @property
    def to_make_ready(self) -> list[str]:
        """What would make the flow ready."""
        return [str(s) for s in self._data.get("to_make_ready", [])]

    @property
    def to_make_consistent(self) -> list[str]:
        """What would make the document consistent without making the flow ready (a
        finding's other way out, such as setting the status to ``needs_coverage``; fixes of
        warnings and of declared-decision drift)."""
        return [str(s) for s in self._data.get("to_make_consistent", [])]

    def __repr__(self) -> str:
        f = self._data["flow"]
        return f"Explanation({f['id']}: {f['decision']}, {len(self.to_make_ready)} steps to ready)"


class MatrixDiff(_View):
    """How two versions of a matrix differ: flows added, removed, changed."""

    __slots__ = ()

    @property
    def added(self) -> list[dict[str, Any]]:
        """Flows only in the new version."""
        return [dict(f) for f in self._data["added"]]

    @property
    def removed(self) -> list[dict[str, Any]]:
        """Flows only in the old version."""
        return [dict(f) for f in self._data["removed"]]

    @property
    def changed(self) -> list[dict[str, Any]]:
        """Flows whose level, status or decision changed (``id``, ``old``, ``new``,
        ``changed``)."""
        return [dict(f) for f in self._data["changed"]]

    def __repr__(self) -> str:
        return (
            f"MatrixDiff({len(self._data['added'])} added, {len(self._data['removed'])} removed, "
            f"{len(self._data['changed'])} changed)"
        )
