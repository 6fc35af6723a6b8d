"""A suggestion is plain data: the CLI, the app, batch and the change log all use the same thing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from corpusfix.core.choices import parse_kinds
from corpusfix.core.kinds import DETECTED_KINDS, FLAG_ONLY_KINDS

# The kinds live in core/kinds.py; these names stay for the many modules that import them here.
KINDS = DETECTED_KINDS
__all__ = ["FLAG_ONLY_KINDS", "KINDS", "Draft", "Suggestion", "parse_kinds"]


@dataclass(frozen=True, init=False)
class Suggestion:
    """Replace ``text[start:end]`` by ``replacement`` (``None``: flag only).

    Offsets are code points into the decoded original text. ``candidates`` holds the
    alternatives best first; ``replacement`` is always ``candidates[0]`` when there are any.
    """

    id: str
    kind: str
    detector: str
    start: int
    end: int
    replacement: str | None
    confidence: float
    message: str
    line: int = 0
    evidence: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=True)
    candidates: tuple[str, ...] = ()
    # The message as an id plus parameters (core/messages.py): the app and the report render it
    # in the UI language; ``message`` stays the engine's text (logs, JSON).
    message_id: str = ""
    params: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    def __init__(
        self,
        id: str,
        kind: str,
        detector: str,
        start: int,
        end: int,
        replacement: str | None,
        confidence: float,
        message: str,
        line: int = 0,
        evidence: Mapping[str, Any] | None = None,
        candidates: tuple[str, ...] = (),
        message_id: str = "",
        params: Mapping[str, str] | None = None,
    ) -> None:
        # Frozen: the fields go straight into the instance dict, as object.__setattr__ would put
        # them, at a third of the cost (a PDF page gives a suggestion for every line).
        self.__dict__.update(
            id=id,
            kind=kind,
            detector=detector,
            start=start,
            end=end,
            replacement=replacement,
            confidence=confidence,
            message=message,
            line=line,
            evidence={} if evidence is None else evidence,
            candidates=candidates,
            message_id=message_id,
            params={} if params is None else params,
        )

    @property
    def flag_only(self) -> bool:
        return self.replacement is None

    def overlaps(self, other: Suggestion) -> bool:
        """Two edits conflict when their spans share a character, or both insert at one point."""
        if self.start == self.end == other.start == other.end:
            return True
        return self.start < other.end and other.start < self.end

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "detector": self.detector,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "replacement": self.replacement,
            "confidence": self.confidence,
            "message": self.message,
            "evidence": dict(self.evidence),
        }
        if len(self.candidates) > 1:
            data["candidates"] = list(self.candidates)
        return data


@dataclass(frozen=True, init=False)
class Draft:
    """What a detector emits; the pipeline turns drafts into numbered suggestions."""

    kind: str
    start: int
    end: int
    replacement: str | None
    confidence: float
    message: str
    evidence: Mapping[str, Any] = field(default_factory=dict, hash=False)
    candidates: tuple[str, ...] = ()
    message_id: str = ""
    params: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        replacement: str | None,
        confidence: float,
        message: str,
        evidence: Mapping[str, Any] | None = None,
        candidates: tuple[str, ...] = (),
        message_id: str = "",
        params: Mapping[str, str] | None = None,
    ) -> None:
        self.__dict__.update(
            kind=kind,
            start=start,
            end=end,
            replacement=replacement,
            confidence=confidence,
            message=message,
            evidence={} if evidence is None else evidence,
            candidates=candidates,
            message_id=message_id,
            params={} if params is None else params,
        )
