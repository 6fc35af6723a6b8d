"""What a batch run accepts by itself: kinds and confidence, from options or a shared TOML file.

Example policy (docs/batch.md):

    accept = ["merge", "duplicate", "punctuation", "whitespace"]
    min_confidence = 0.9

    [min_confidence_by_kind]
    merge = 0.95
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from corpusfix.api import DEFAULT_MIN_CONFIDENCE
from corpusfix.core.choices import check_kind, kinds_from, parse_confidence, parse_kinds
from corpusfix.core.errors import UsageError
from corpusfix.core.reading import read_regular


@dataclass(frozen=True)
class Policy:
    accept: frozenset[str] = frozenset()
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    by_kind: dict[str, float] = field(default_factory=dict)

    def threshold(self, kind: str) -> float:
        return self.by_kind.get(kind, self.min_confidence)

    def to_json(self) -> dict[str, object]:
        return {
            "accept": sorted(self.accept),
            "min_confidence": self.min_confidence,
            "min_confidence_by_kind": dict(sorted(self.by_kind.items())),
        }


def load_policy(path: str | None, accept: str | None, min_confidence: float | None) -> Policy:
    """The policy file's choices (if any), overridden by the options; errors are one line."""
    kinds: frozenset[str] = frozenset()
    conf = DEFAULT_MIN_CONFIDENCE
    by_kind: dict[str, float] = {}
    if path:
        data = _read(path)
        unknown = set(data) - {"accept", "min_confidence", "min_confidence_by_kind"}
        if unknown:
            raise UsageError(f"{path}: unknown policy key '{sorted(unknown)[0]}'")
        raw = data.get("accept", [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            raise UsageError(f"{path}: accept: must be a list of kinds")
        kinds = kinds_from(raw, f"{path}: accept") if raw else frozenset()
        if "min_confidence" in data:
            conf = parse_confidence(data["min_confidence"], f"{path}: min_confidence")
        table = data.get("min_confidence_by_kind", {})
        if not isinstance(table, dict):
            raise UsageError(f"{path}: min_confidence_by_kind must be a table of kind = number")
        for kind, value in table.items():
            check_kind(kind, f"{path}: min_confidence_by_kind")
            by_kind[kind] = parse_confidence(value, f"{path}: min_confidence_by_kind.{kind}")
    if accept is not None:
        kinds = parse_kinds(accept, "--accept")
    if min_confidence is not None:
        conf = parse_confidence(min_confidence, "--min-confidence")
    return Policy(kinds, conf, by_kind)


def _read(path: str) -> dict[str, Any]:
    """The policy file as TOML; anything but a readable TOML file is a one-line error."""
    data = read_regular(path, error=UsageError)  # regular files only: a FIFO would block
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not a valid TOML policy (not UTF-8: {exc.reason})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not a valid TOML policy ({exc})") from None
