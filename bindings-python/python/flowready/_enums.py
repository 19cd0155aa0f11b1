"""The matrix's vocabulary as enums. Every value is the string the report JSON uses, and
every enum is also a ``str`` (``Status.BLOCKED == "blocked"``), so values compare with
and serialise as plain strings. ``Level`` is ordered (``Level.L3 < Level.L4``)."""

from __future__ import annotations

import enum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Optional, TypeVar

    _E = TypeVar("_E", bound="_StrEnum")

__all__ = [
    "CoverageState",
    "Decision",
    "Level",
    "Outcome",
    "Priority",
    "Severity",
    "Status",
    "Subpath",
]


class _StrEnum(str, enum.Enum):
    """``str`` and ``Enum`` (``enum.StrEnum`` exists only from Python 3.11)."""

    def __new__(cls: type[_E], value: str) -> _E:
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Level(_StrEnum):
    """A coverage level, ``L0`` (journey written down) to ``L5`` (cleanup, audit and
    rollback evidence). Levels are ordered and cumulative."""

    L0 = "L0"
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"
    L4 = "L4"
    L5 = "L5"

    @property
    def rank(self) -> int:
        """0 for ``L0`` … 5 for ``L5``."""
        return int(self.value[1:])

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Level):
            return self.rank < other.rank
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if isinstance(other, Level):
            return self.rank <= other.rank
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if isinstance(other, Level):
            return self.rank > other.rank
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if isinstance(other, Level):
            return self.rank >= other.rank
        return NotImplemented


class Status(_StrEnum):
    """A flow's declared status."""

    READY_FOR_BROAD_UAT = "ready_for_broad_uat"
    BLOCKED = "blocked"
    ACCEPTED_GAP = "accepted_gap"
    NEEDS_COVERAGE = "needs_coverage"
    NEEDS_DESIGN = "needs_design"
    NEEDS_CONTRACT = "needs_contract"
    NEEDS_FIXTURE = "needs_fixture"
    NEEDS_ENV_FIX = "needs_env_fix"


class Decision(_StrEnum):
    """The computed Broad UAT Decision for a flow."""

    READY = "ready"
    ACCEPTED_GAP = "accepted_gap"
    BLOCKED = "blocked"

    @property
    def may_start(self) -> bool:
        """True for ``ready`` and ``accepted_gap``: broad UAT may start."""
        return self is not Decision.BLOCKED


class Priority(_StrEnum):
    """A priority, ``P0`` (most critical), ``P1``, … . Values beyond ``P9`` that the
    core accepts (``P10``) are made on demand."""

    P0 = "P0"
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"
    P5 = "P5"
    P6 = "P6"
    P7 = "P7"
    P8 = "P8"
    P9 = "P9"

    @classmethod
    def _missing_(cls, value: Any) -> Optional[Priority]:
        if isinstance(value, str):
            upper = value.strip().upper()
            if upper in cls._value2member_map_:
                member = cls._value2member_map_[upper]
                assert isinstance(member, Priority)
                return member
            digits = upper[1:]
            if upper.startswith("P") and 1 <= len(digits) <= 2 and digits.isascii() and digits.isdigit():
                member = str.__new__(cls, upper)
                member._name_ = upper
                member._value_ = upper
                return cls._value2member_map_.setdefault(upper, member)  # type: ignore[return-value]
        return None


class Severity(_StrEnum):
    """How serious a finding is."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Subpath(_StrEnum):
    """A path through a flow that test evidence must cover."""

    HAPPY = "happy"
    EMPTY = "empty"
    BLOCKED = "blocked"
    RECOVERY = "recovery"
    NEGATIVE = "negative"
    CLEANUP = "cleanup"
    FIXTURE = "fixture"
    ENVIRONMENT = "environment"


class Outcome(_StrEnum):
    """How one test ended, in flowready evidence."""

    PASSED = "passed"
    FLAKY = "flaky"
    FAILED = "failed"
    SKIPPED = "skipped"
    XFAILED = "xfailed"


class CoverageState(_StrEnum):
    """The evidence state of one subpath of one flow."""

    PASSED = "passed"
    FLAKY = "flaky"
    FAILED = "failed"
    SKIPPED = "skipped"
    MISSING = "missing"
    WAIVED = "waived"

    @property
    def covers(self) -> bool:
        """True when the state lets a flow be ready: passed, flaky or waived."""
        return self in (CoverageState.PASSED, CoverageState.FLAKY, CoverageState.WAIVED)
