"""The functions of ``flowready``: each converts its arguments, calls the core once and
wraps the result. No rule lives here; every decision is the core's."""

from __future__ import annotations

import os
import sys

from . import _native
from ._enums import Level, Priority, Subpath
from ._errors import UnknownSubpathError
from ._results import Evidence, Explanation, Matrix, MatrixDiff, Report, _loads

__all__ = [
    "decision_section",
    "diff",
    "evaluate",
    "evaluate_json",
    "evaluate_with_evidence_json",
    "explain",
    "load",
    "merge_evidence",
    "parse",
    "read_evidence",
    "schemas",
    "subpath",
    "subpaths",
]

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Any, Iterable, Optional, Union

    #: A matrix: a parsed ``Matrix`` or the document text.
    _MatrixSource = Union[Matrix, str]
    #: One piece of evidence: an ``Evidence``, a report's path, or a report's bytes.
    _EvidenceSource = Union[Evidence, str, os.PathLike[str], bytes]
    _DateLike = Union[datetime.date, str]
    _LevelLike = Union[Level, str]
    _PriorityLike = Union[Priority, str]


def parse(text: str) -> Matrix:
    """Parses a matrix document. Never raises for the document's content: problems are
    findings (``matrix.findings``)."""
    return Matrix(_native.parse(text), text)


def load(path: Union[str, os.PathLike[str]]) -> Matrix:
    """Reads and parses a matrix file. A missing file raises ``FileNotFoundError`` (an
    unreadable one another ``OSError``); bytes that are not UTF-8 are a finding
    (``FR001``), like everything else wrong with a document."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "replace")
        return Matrix(_native.parse_bytes(data), text, os.fspath(path))
    return Matrix(_native.parse(text), text, os.fspath(path))


def _text(matrix: _MatrixSource) -> str:
    if isinstance(matrix, Matrix):
        return matrix.text
    if isinstance(matrix, str):
        return matrix
    raise TypeError(
        f"expected a flowready.Matrix or the document text (str), got {type(matrix).__name__}"
    )


def _options(
    *,
    today: Optional[_DateLike] = None,
    min_level: Optional[_LevelLike] = None,
    strict: bool = False,
    scope: Optional[_PriorityLike] = None,
    flows: Optional[Iterable[str]] = None,
    expiry_warning_days: Optional[int] = None,
) -> _native.NativeOptions:
    """Builds the core's options; every value is checked by the core (``OptionsError``)."""
    options: dict[str, Any] = {}
    if today is not None:
        # A date object can only come from an imported `datetime`: no need to import it.
        dt = sys.modules.get("datetime")
        if dt is not None and isinstance(today, dt.datetime):
            today = today.date()
        if dt is not None and isinstance(today, dt.date):
            today = today.isoformat()
        options["today"] = today
    if min_level is not None:
        options["min_level"] = min_level
    if strict:
        options["strict"] = strict
    if scope is not None and not (isinstance(scope, str) and scope.lower() == "all"):
        options["scope"] = scope
    if flows is not None:
        options["flows"] = [flows] if isinstance(flows, str) else list(flows)
    if expiry_warning_days is not None:
        options["expiry_warning_days"] = expiry_warning_days
    import json

    try:
        text = json.dumps(options)
    except TypeError:
        text = json.dumps({k: repr(v) for k, v in options.items()})
    return _native.options_from_json(text)


def _native_evidence(evidence: Union[_EvidenceSource, Iterable[_EvidenceSource]]) -> _native.NativeEvidence:
    items: list[_EvidenceSource]
    if isinstance(evidence, (Evidence, str, bytes, bytearray, os.PathLike)):
        items = [evidence]
    else:
        items = list(evidence)
    read = [e if isinstance(e, Evidence) else read_evidence(e) for e in items]
    if len(read) == 1:
        return read[0]._native
    return _native.merge_evidence([e._native for e in read])


def evaluate(
    matrix_or_text: _MatrixSource,
    *,
    today: Optional[_DateLike] = None,
    min_level: Optional[_LevelLike] = None,
    strict: bool = False,
    scope: Optional[_PriorityLike] = None,
    flows: Optional[Iterable[str]] = None,
    evidence: Union[_EvidenceSource, Iterable[_EvidenceSource], None] = None,
    expiry_warning_days: Optional[int] = None,
) -> Report:
    """Evaluates a matrix: the decision per flow, the findings and the scoped gate.

    - ``today``: a ``datetime.date`` or ``"YYYY-MM-DD"`` to judge expiry against
      (without it expiry is not judged); a bad value raises ``OptionsError``.
    - ``min_level``: the gate threshold (``Level.L3`` or ``"L3"``; default: what the
      document states, else ``L3``).
    - ``strict``: turn every warning into an error.
    - ``scope``: gate only flows of this priority (``"P0"``); ``flows``: only these IDs.
    - ``evidence``: test reports (paths, bytes or ``Evidence``, one or several): each
      flow claiming readiness must then have every required subpath covered.

    The GIL is released while the core works.
    """
    options = _options(
        today=today,
        min_level=min_level,
        strict=strict,
        scope=scope,
        flows=flows,
        expiry_warning_days=expiry_warning_days,
    )
    ev = None if evidence is None else _native_evidence(evidence)
    if isinstance(matrix_or_text, Matrix):
        return Report(_native.evaluate(matrix_or_text._native, options, ev))
    return Report(_native.evaluate_text(_text(matrix_or_text), options, ev))


def read_evidence(
    path_or_bytes: Union[str, os.PathLike[str], bytes, bytearray],
    format: Optional[str] = None,
    *,
    name: Optional[str] = None,
) -> Evidence:
    """Reads one test report: Playwright JSON, JUnit XML or flowready evidence JSON,
    detected from the content unless ``format`` (``"playwright"``, ``"junit"``,
    ``"flowready"``) says. A path is read from disk (``FileNotFoundError`` if missing);
    bytes are read as they are, named ``name`` in errors. A report that cannot be read
    raises ``EvidenceError`` with ``source``, ``line`` and ``column``."""
    if isinstance(path_or_bytes, (bytes, bytearray)):
        data = bytes(path_or_bytes)
        label = name or "<bytes>"
    else:
        label = name or os.fspath(path_or_bytes)
        with open(path_or_bytes, "rb") as f:
            data = f.read()
    return Evidence(_native.read_evidence(label, data, format))


def merge_evidence(*evidence: Evidence) -> Evidence:
    """Several reports' evidence as one, in order (nothing is deduplicated)."""
    return Evidence(_native.merge_evidence([e._native for e in evidence]))


def decision_section(matrix_or_text: _MatrixSource, report: Report) -> str:
    """The ``Broad UAT Decision`` section that ``flowready decision --write`` would put
    into the document, for ``report`` (an evaluation of the same document)."""
    return _native.decision_section(_text(matrix_or_text), report._native)


def explain(
    matrix: _MatrixSource,
    flow_id: str,
    *,
    today: Optional[_DateLike] = None,
    min_level: Optional[_LevelLike] = None,
    strict: bool = False,
) -> Explanation:
    """Explains one flow: its verdict, findings, gap tasks and what would make it ready.
    An unknown ID raises ``UnknownFlowError`` with the nearest ID as a suggestion."""
    options = _options(today=today, min_level=min_level, strict=strict)
    return Explanation(_loads(_native.explain(_text(matrix), options, flow_id)))


def diff(
    old: _MatrixSource,
    new: _MatrixSource,
    *,
    today: Optional[_DateLike] = None,
    min_level: Optional[_LevelLike] = None,
    strict: bool = False,
) -> MatrixDiff:
    """Compares two versions of a matrix, both judged with the same options."""
    options = _options(today=today, min_level=min_level, strict=strict)
    return MatrixDiff(_loads(_native.diff(_text(old), _text(new), options)))


def schemas() -> dict[str, Any]:
    """The JSON Schemas of the model, the report, the options and the evidence:
    ``{"matrix": …, "report": …, "options": …, "evidence": …}``."""
    value: dict[str, Any] = _loads(_native.schemas())
    return value


def evaluate_json(text: str, options_json: str = "{}") -> str:
    """The JSON twin: the core's ``evaluate_json`` (options JSON in, report JSON out)."""
    return _native.evaluate_json(text, options_json)


def evaluate_with_evidence_json(text: str, options_json: str, evidence_json: str) -> str:
    """The JSON twin with evidence: the core's ``evaluate_with_evidence_json``."""
    return _native.evaluate_with_evidence_json(text, options_json, evidence_json)


def subpaths() -> list[Subpath]:
    """Every subpath, in matrix column order."""
    return [Subpath(s) for s in _native.subpaths()]


def subpath(name: str) -> Subpath:
    """The subpath ``name`` means (``"negative"``, ``"@negative"``, ``"env"``); anything
    else raises ``UnknownSubpathError`` with the nearest name as a suggestion."""
    found, suggestion = _native.subpath(name)
    if found is not None:
        return Subpath(found)
    hint = f"; did you mean `{suggestion}`?" if suggestion else ""
    names = "`, `".join(_native.subpaths())
    raise UnknownSubpathError(
        f"unknown subpath `{name}`{hint} (subpaths: `{names}`)",
        subpath=name,
        suggestion=suggestion,
    )
