"""``FlowSkipped``: kept apart because it subclasses ``unittest.SkipTest``, and importing
``unittest`` costs more than the rest of ``import flowready``; it is loaded on first use."""

from __future__ import annotations

import unittest

from ._errors import FlowNotReady

__all__ = ["FlowSkipped"]


class FlowSkipped(FlowNotReady, unittest.SkipTest):
    """A ``FlowNotReady`` that test runners (pytest, unittest) report as a skip."""
