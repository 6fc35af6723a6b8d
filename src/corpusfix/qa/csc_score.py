"""Scoring of spelling correction: strict sentence level (SIGHAN conventions) and character level.

Sentence level: a changed sentence counts as a right correction only if it equals the gold sentence
as a whole; as a right detection only if the set of changed positions equals the gold's (same
length only). Precision is over sentences the tool changed, recall over sentences with errors; the
share of error-free sentences that the tool changed is reported on its own.

Character level (what an editor feels: one right fix in a line with two slips is worth having):
precision is, of the characters the tool changed, the share that became the gold character; recall
is, of the gold's wrong characters, the share mended. Positions are those of the tool's input.
Where input, gold and output have one length, character i of each is compared. Otherwise each of
gold and output is aligned to the input by difflib's SequenceMatcher (no autojunk): equal and
same-length replaced runs map character to character; an insertion, deletion or unequal
replacement is a "length slip" (gold side) or a "length edit" (tool side), counted apart: a length
edit is right only if it spans the same input characters as a length slip and writes what the gold
writes there. Recall over substitutions only and over all slips are both reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class CscScore:
    lines: int
    with_errors: int
    changed: int
    detected: int
    corrected: int
    clean: int
    clean_changed: int
    chars: CharScore | None = None

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
        if self.chars is not None and (self.with_errors or self.chars.changed):
            text += f"  | {self.chars.summary()}"
        return text


@dataclass(frozen=True)
class CharScore:
    changed: int  # characters the tool changed (a length edit counts its longer side)
    right: int  # of those, the ones that became the gold character
    wrong: int  # substituted characters in the gold (same-position slips)
    mended: int  # of those, the ones the tool mended
    length_slips: int  # gold characters in insertions / deletions / unequal runs
    length_mended: int
    length_lines: int  # lines whose input and gold differ in length

    @property
    def precision(self) -> float:
        return self.right / self.changed if self.changed else 0.0

    @property
    def recall(self) -> float:
        """Over substituted characters, the slips a one-for-one corrector can mend."""
        return self.mended / self.wrong if self.wrong else 0.0

    @property
    def recall_all(self) -> float:
        total = self.wrong + self.length_slips
        return (self.mended + self.length_mended) / total if total else 0.0

    def summary(self) -> str:
        text = f"chars changed {self.changed} P {self.precision:.3f} R {self.recall:.3f}"
        if self.length_lines:
            text += (
                f" (R with {self.length_slips} length slips in {self.length_lines} lines "
                f"{self.recall_all:.3f})"
            )
        return text


@dataclass
class _Alignment:
    """How one string maps onto the input: position → character, and the runs that don't map."""

    one_to_one: dict[int, str]
    runs: dict[tuple[int, int], str]  # input span (i1, i2) → what stands there instead


def _align(src: str, other: str) -> _Alignment:
    if len(src) == len(other):
        return _Alignment(dict(enumerate(other)), {})
    one: dict[int, str] = {}
    runs: dict[tuple[int, int], str] = {}
    sm = SequenceMatcher(None, src, other, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            one.update(zip(range(i1, i2), other[j1:j2], strict=True))
        else:
            runs[(i1, i2)] = other[j1:j2]
    return _Alignment(one, runs)


def one_to_one(src: str, other: str) -> dict[int, str]:
    """Position in ``src`` → the character of ``other`` there, as the character level aligns
    them (positions in insertions, deletions and unequal runs left out)."""
    return _align(src, other).one_to_one


def _run_size(span: tuple[int, int], text: str) -> int:
    return max(span[1] - span[0], len(text))


def char_counts(src: str, gold: str, out: str) -> tuple[int, int, int, int, int, int]:
    """(changed, right, wrong, mended, length_slips, length_mended) for one line."""
    g, o = _align(src, gold), _align(src, out)
    changed = right = wrong = mended = 0
    for i, c in enumerate(src):
        got, want = o.one_to_one.get(i), g.one_to_one.get(i)
        if got is not None and got != c:
            changed += 1
            right += want is not None and got == want
        if want is not None and want != c:
            wrong += 1
            mended += got == want
    slips = sum(_run_size(span, text) for span, text in g.runs.items())
    fixed = 0
    for span, text in o.runs.items():
        size = _run_size(span, text)
        changed += size
        if g.runs.get(span) == text:
            right += size
            fixed += size
    return changed, right, wrong, mended, slips, fixed


def score_lines(rows: Sequence[tuple[str, str]], hypothesis: Sequence[str]) -> CscScore:
    """Score ``hypothesis`` (one output line per row) against (wrong, right) rows."""
    if len(hypothesis) != len(rows):
        raise ValueError(f"{len(hypothesis)} output lines for {len(rows)} gold lines")
    with_errors = changed = detected = corrected = clean = clean_changed = 0
    per_line = [
        char_counts(src, gold, out) for (src, gold), out in zip(rows, hypothesis, strict=True)
    ]
    t = [sum(counts[k] for counts in per_line) for k in range(6)]
    length_lines = sum(len(src) != len(gold) for src, gold in rows)
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
    c = CharScore(t[0], t[1], t[2], t[3], t[4], t[5], length_lines)
    return CscScore(len(rows), with_errors, changed, detected, corrected, clean, clean_changed, c)
