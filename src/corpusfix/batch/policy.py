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

from corpusfix.api import DEFAULT_MIN_CONFIDENCE
from corpusfix.core.errors import UsageError
from corpusfix.core.reading import read_regular
from corpusfix.core.suggestion import KINDS, parse_kinds


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


def _confidence(value: object, where: str) -> float:
    if not isinstance(value, int | float) or not 0 <= float(value) <= 1:
        raise UsageError(f"{where} must be a number between 0 and 1")
    return float(value)


def load_policy(path: str | None, accept: str | None, min_confidence: float | None) -> Policy:
    kinds: frozenset[str] = frozenset()
    conf = DEFAULT_MIN_CONFIDENCE
    by_kind: dict[str, float] = {}
    if path:
        try:
            data = tomllib.loads(read_regular(path, error=UsageError).decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: not a valid TOML policy ({exc})") from None
        unknown = set(data) - {"accept", "min_confidence", "min_confidence_by_kind"}
        if unknown:
            raise UsageError(f"{path}: unknown policy key '{sorted(unknown)[0]}'")
        raw = data.get("accept", [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            raise UsageError(f"{path}: 'accept' must be a list of kinds")
        try:
            kinds = parse_kinds(",".join(str(k) for k in raw)) if raw else frozenset()
        except ValueError as exc:
            raise UsageError(f"{path}: {exc}") from None
        if "min_confidence" in data:
            conf = _confidence(data["min_confidence"], f"{path}: min_confidence")
        for kind, value in dict(data.get("min_confidence_by_kind", {})).items():
            if kind not in KINDS:
                raise UsageError(f"{path}: unknown kind '{kind}' in min_confidence_by_kind")
            by_kind[kind] = _confidence(value, f"{path}: min_confidence_by_kind.{kind}")
    if accept is not None:
        try:
            kinds = parse_kinds(accept)
        except ValueError as exc:
            raise UsageError(f"--accept: {exc}") from None
    if min_confidence is not None:
        conf = _confidence(min_confidence, "--min-confidence")
    return Policy(kinds, conf, by_kind)
