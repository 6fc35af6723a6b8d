"""The user's choice of kinds and confidence thresholds, from options and policy files alike.

One implementation, so that ``--accept``, ``--only``, ``--min-confidence`` and a batch policy
file accept the same values and refuse the others with the same one-line message.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from corpusfix.core.errors import UsageError
from corpusfix.core.kinds import BY_ID, DETECTED_KINDS


def _prefix(where: str) -> str:
    return f"{where}: " if where else ""


def check_kind(name: str, where: str = "") -> str:
    """``name`` if it is a kind the detectors find; else a UsageError that lists the kinds."""
    if name in DETECTED_KINDS:
        return name
    listed = f"(kinds: {', '.join(DETECTED_KINDS)})"
    if name in BY_ID:  # 'manual': a person decided it already, nothing to detect or accept
        raise UsageError(f"{_prefix(where)}'{name}' is a person's own edit, not a kind {listed}")
    raise UsageError(f"{_prefix(where)}unknown kind '{name}' {listed}")


def kinds_from(names: Iterable[object], where: str = "") -> frozenset[str]:
    """A set of kinds from a list of names; ``["all"]`` is every kind the detectors find."""
    listed = list(names)
    if not all(isinstance(n, str) for n in listed):
        raise UsageError(f"{_prefix(where)}must be a list of kinds")
    clean = [str(n).strip() for n in listed]
    if clean == ["all"]:
        return frozenset(DETECTED_KINDS)
    return frozenset(check_kind(n, where) for n in clean)


def parse_kinds(value: str, where: str = "") -> frozenset[str]:
    """A comma list of kinds (``all`` for every kind); an empty or unknown kind is a UsageError."""
    names = [v.strip() for v in value.split(",") if v.strip()]
    if not names:
        raise UsageError(f"{_prefix(where)}empty list of kinds")
    return kinds_from(names, where)


def parse_confidence(value: object, where: str) -> float:
    """A confidence threshold: a number from 0 to 1 (not a boolean, not NaN)."""
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None or math.isnan(number) or not 0 <= number <= 1:
        raise UsageError(f"{where} must be a number between 0 and 1, not {value!r}")
    return float(number)
