"""A suggestion is plain data: the CLI, the app, batch and the change log all use the same thing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Every kind of damage (SPEC.md). Flag-only kinds carry no replacement: the text is missing.
KINDS = (
    "merge",
    "split",
    "duplicate",
    "truncation",
    "furniture",
    "typo",
    "variant",
    "punctuation",
    "whitespace",
    "encoding",
)
FLAG_ONLY_KINDS = frozenset({"truncation"})


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


def parse_kinds(value: str) -> frozenset[str]:
    """Parse a comma list of kinds (``all`` for every kind); unknown kinds raise ValueError."""
    names = [v.strip() for v in value.split(",") if v.strip()]
    if not names:
        raise ValueError("empty list of kinds")
    if names == ["all"]:
        return frozenset(KINDS)
    unknown = [n for n in names if n not in KINDS]
    if unknown:
        raise ValueError(f"unknown kind '{unknown[0]}' (kinds: {', '.join(KINDS)})")
    return frozenset(names)
