"""flowready: may broad UAT start for a flow? Reads a Product Quality Flow Coverage
Matrix, applies its gate rules (and, with test reports, checks every required subpath's
evidence), and answers per flow: ready, accepted_gap or blocked, with reasons.

    >>> import flowready
    >>> report = flowready.evaluate(flowready.load("matrix.md"), today="2026-12-01")
    >>> report.flow("FLOW-NOTES-SIGNIN-001").decision
    <Decision.READY: 'ready'>
    >>> report.require_ready("FLOW-NOTES-EXPORT-001")   # raises FlowNotReady, with reasons

The rules live in the Rust core; this package converts and calls. ``Report.to_json()`` is
the core's JSON byte for byte. The pytest plugin (``flowready.pytest_plugin``) is loaded
by pytest when the package is installed.
"""

from __future__ import annotations

from . import _native
from ._api import (
    decision_section,
    diff,
    evaluate,
    evaluate_json,
    evaluate_with_evidence_json,
    explain,
    load,
    merge_evidence,
    parse,
    read_evidence,
    schemas,
    subpath,
    subpaths,
)
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
from ._errors import (
    EvidenceError,
    FlowNotReady,
    FlowreadyError,
    OptionsError,
    UnknownFlowError,
    UnknownFormatError,
    UnknownSubpathError,
)
from ._results import (
    Coverage,
    Evidence,
    Explanation,
    Finding,
    FlowClaim,
    FlowCoverage,
    FlowReport,
    Gate,
    Matrix,
    MatrixDiff,
    Reason,
    Report,
    Span,
    SubpathCoverage,
    Summary,
    TestRecord,
    TestRef,
)
from ._uat import uat_step

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._skip import FlowSkipped

__version__: str = _native.CORE_VERSION

__all__ = [
    "Coverage",
    "CoverageState",
    "Decision",
    "Evidence",
    "EvidenceError",
    "Explanation",
    "Finding",
    "FlowClaim",
    "FlowCoverage",
    "FlowNotReady",
    "FlowReport",
    "FlowSkipped",
    "FlowreadyError",
    "Gate",
    "Level",
    "Matrix",
    "MatrixDiff",
    "OptionsError",
    "Outcome",
    "Priority",
    "Reason",
    "Report",
    "Severity",
    "Span",
    "Status",
    "Subpath",
    "SubpathCoverage",
    "Summary",
    "TestRecord",
    "TestRef",
    "UnknownFlowError",
    "UnknownFormatError",
    "UnknownSubpathError",
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
    "uat_step",
]


def __getattr__(name: str) -> Any:
    # `FlowSkipped` subclasses unittest.SkipTest; importing unittest would double the
    # cost of `import flowready`, so it is loaded on first use.
    if name == "FlowSkipped":
        from ._skip import FlowSkipped

        return FlowSkipped
    raise AttributeError(f"module 'flowready' has no attribute {name!r}")
