"""Helpers for UAT runners: refuse to start a UAT step for a flow the gate blocks."""

from __future__ import annotations

from contextlib import contextmanager
from ._errors import FlowNotReady

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterator, Literal

    from ._results import FlowReport, Report

__all__ = ["uat_step"]

@contextmanager
def uat_step(
    report: Report,
    flow_id: str,
    *,
    on_blocked: Literal["raise", "skip", "fail"] = "raise",
    allow_accepted_gap: bool = True,
) -> Iterator[FlowReport]:
    """Runs a UAT step only if broad UAT may start for ``flow_id``; yields its verdict.

    For a blocked flow the body does not run, and the message lists the flow's reasons:

    - ``on_blocked="raise"`` (default) raises ``FlowNotReady``;
    - ``"skip"`` raises ``FlowSkipped`` (a ``FlowNotReady`` that is also a
      ``unittest.SkipTest``, so pytest and unittest report the step as skipped);
    - ``"fail"`` raises a ``FlowNotReady`` that is also an ``AssertionError``, so test
      runners count the step as failed.

    An unknown flow ID raises ``UnknownFlowError`` (with a did-you-mean).
    """
    try:
        flow = report.require_ready(flow_id, allow_accepted_gap=allow_accepted_gap)
    except FlowNotReady as e:
        if on_blocked == "skip":
            from ._skip import FlowSkipped

            raise FlowSkipped(e.flow) from None
        if on_blocked == "fail":
            raise _FlowNotReadyFailure(e.flow) from None
        raise
    yield flow


class _FlowNotReadyFailure(FlowNotReady, AssertionError):
    """``FlowNotReady`` that test runners count as a failed assertion."""
