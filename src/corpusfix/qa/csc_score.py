"""Strict sentence-level scoring of spelling correction (SIGHAN conventions).

A changed sentence counts as a right correction only if it equals the gold sentence as a whole;
as a right detection only if the set of changed positions equals the gold's (same length only).
Precision is over sentences the tool changed, recall over sentences with errors; the share of
error-free sentences that the tool changed is reported on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CscScore:
    lines: int
    with_errors: int
    changed: int
    detected: int
    corrected: int
    clean: int
    clean_changed: int

    @staticmethod
    def _prf(ok: int, changed: int, total: int) -> tuple[float, float, float]:
        p = ok / changed if changed else 0.0
        r = ok / total if total else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def detection(self) -> tuple[float, float, float]:
        return self._prf(self.detected, self.changed, self.with_errors)

    @property
    def correction(self) -> tuple[float, float, float]:
        return self._prf(self.corrected, self.changed, self.with_errors)

    @property
    def false_alarm_rate(self) -> float | None:
        return self.clean_changed / self.clean if self.clean else None

    def summary(self) -> str:
        dp, dr, df = self.detection
        cp, cr, cf = self.correction
        text = f"lines {self.lines}  changed {self.changed}"
        if self.with_errors:
            text += f"  detection P {dp:.3f} R {dr:.3f} F1 {df:.3f}"
            text += f"  correction P {cp:.3f} R {cr:.3f} F1 {cf:.3f}"
        fa = self.false_alarm_rate
        if fa is not None:
            text += f"  clean changed {self.clean_changed}/{self.clean} = {fa:.4f}"
        return text


def score_lines(rows: Sequence[tuple[str, str]], hypothesis: Sequence[str]) -> CscScore:
    """Score ``hypothesis`` (one output line per row) against (wrong, right) rows."""
    if len(hypothesis) != len(rows):
        raise ValueError(f"{len(hypothesis)} output lines for {len(rows)} gold lines")
    with_errors = changed = detected = corrected = clean = clean_changed = 0
    for (src, gold), out in zip(rows, hypothesis, strict=True):
        has_error = src != gold
        with_errors += has_error
        if not has_error:
            clean += 1
            clean_changed += out != src
        if out == src:
            continue
        changed += 1
        if len(src) == len(gold) == len(out):
            want = {i for i, (a, b) in enumerate(zip(src, gold, strict=True)) if a != b}
            got = {i for i, (a, b) in enumerate(zip(src, out, strict=True)) if a != b}
            detected += bool(want) and want == got
        corrected += has_error and out == gold
    return CscScore(len(rows), with_errors, changed, detected, corrected, clean, clean_changed)
