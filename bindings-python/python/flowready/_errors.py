"""flowready's exceptions: one base class, mapped from the core's error codes in one place.

Problems in a matrix are findings (data in ``Report.findings``), never exceptions. These
exceptions are for misuse: options the core cannot read, a report it cannot read, a flow
ID the matrix does not have, and a flow that is not ready when a UAT step requires it.
A missing file is Python's own ``FileNotFoundError``.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Optional, Sequence

    from ._results import FlowReport, Reason

__all__ = [
    "EvidenceError",
    "FlowNotReady",
    "FlowreadyError",
    "OptionsError",
    "UnknownFlowError",
    "UnknownFormatError",
    "UnknownSubpathError",
]


class FlowreadyError(Exception):
    """The base class of every error flowready raises.

    ``code`` is the core's stable name for the kind of error (``options``,
    ``evidence``, ``unknown_flow``, ``unknown_format``, ``serialize``) or, for errors
    raised by the Python package itself, ``flow_not_ready`` / ``unknown_subpath``.
    """

    code: str = "flowready"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class OptionsError(FlowreadyError, ValueError):
    """Options the core cannot read: a bad ``today``, an unknown level or priority, a
    value of the wrong type."""

    code = "options"


class UnknownFormatError(FlowreadyError, ValueError):
    """An evidence format name that is not ``playwright``, ``junit`` or ``flowready``."""

    code = "unknown_format"

    def __init__(self, message: str, *, format: Optional[str] = None) -> None:
        super().__init__(message)
        self.format = format


class EvidenceError(FlowreadyError, ValueError):
    """A test report that cannot be read (not well-formed, not the format, too large).

    ``source`` names the report; ``line`` and ``column`` (1-based) say where, when the
    reader knows; ``kind`` is ``syntax``, ``shape``, ``unknown_format`` or ``too_large``.
    """

    code = "evidence"

    def __init__(
        self,
        message: str,
        *,
        source: str = "",
        line: Optional[int] = None,
        column: Optional[int] = None,
        byte: Optional[int] = None,
        kind: str = "syntax",
    ) -> None:
        super().__init__(message)
        self.source = source
        self.line = line
        self.column = column
        self.byte = byte
        self.kind = kind


class UnknownFlowError(FlowreadyError, LookupError):
    """A flow ID the matrix (or report) does not have. ``suggestion`` is the nearest ID,
    when one is close; the message then ends with "did you mean `…`?".

    It is a ``LookupError`` (not a ``KeyError``, whose message Python quotes), so
    ``except LookupError`` catches it alongside a missing key.
    """

    code = "unknown_flow"

    def __init__(
        self, message: str, *, flow: str = "", suggestion: Optional[str] = None
    ) -> None:
        super().__init__(message)
        self.flow = flow
        self.suggestion = suggestion


class UnknownSubpathError(FlowreadyError, ValueError):
    """A subpath name that is not one of ``happy``, ``empty``, ``blocked``,
    ``recovery``, ``negative``, ``cleanup``, ``fixture``, ``environment``."""

    code = "unknown_subpath"

    def __init__(
        self, message: str, *, subpath: str = "", suggestion: Optional[str] = None
    ) -> None:
        super().__init__(message)
        self.subpath = subpath
        self.suggestion = suggestion


class FlowNotReady(FlowreadyError):
    """A UAT step required a flow that the gate does not let through.

    ``flow`` is the flow's verdict (``FlowReport``) and ``reasons`` its reasons; the
    message lists them.
    """

    code = "flow_not_ready"

    def __init__(self, flow: FlowReport) -> None:
        super().__init__(_not_ready_message(flow.id, flow.decision.value, flow.reasons))
        self.flow = flow
        self.flow_id = flow.id

    @property
    def reasons(self) -> list[Reason]:
        """Why the flow is not ready."""
        return self.flow.reasons


def _not_ready_message(flow_id: str, decision: str, reasons: Sequence[Reason]) -> str:
    lines = [f"flow `{flow_id}` is {decision}, so UAT may not start for it"]
    for r in reasons:
        code = f"{r.code}: " if r.code else ""
        fix = f" (fix: {r.fix})" if r.fix else ""
        lines.append(f"  - {code}{r.message}{fix}")
    return "\n".join(lines)


def _without_json_position(message: str) -> str:
    """``… at line 1 column 23`` → ``…``."""
    head, sep, tail = message.rpartition(" at line ")
    words = tail.split(" ")
    if sep and len(words) == 3 and words[1] == "column" and words[0].isdigit() and words[2].isdigit():
        return head
    return message


def _from_core(code: str, message: str, details: dict[str, Any]) -> FlowreadyError:
    """Builds the exception for one core error (called by the native module)."""
    if code == "options":
        # The options JSON is built by this package, so a position in it means nothing
        # to the caller.
        return OptionsError(_without_json_position(message))
    if code == "evidence":
        return EvidenceError(
            message,
            source=details.get("source") or "",
            line=details.get("line"),
            column=details.get("column"),
            byte=details.get("byte"),
            kind=details.get("kind") or "syntax",
        )
    if code == "unknown_flow":
        return UnknownFlowError(
            message, flow=details.get("flow") or "", suggestion=details.get("suggestion")
        )
    if code == "unknown_format":
        return UnknownFormatError(message, format=details.get("format"))
    error = FlowreadyError(message)
    error.code = code
    return error
