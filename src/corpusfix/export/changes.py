"""Applied changes as character-level segments, shared by the diff and the HTML report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from corpusfix.core.changelog import LogRecord

EQUAL, DELETE, INSERT = 0, -1, 1


@dataclass(frozen=True)
class Change:
    start: int  # original offsets
    end: int
    after: str
    record: LogRecord

    @property
    def before_len(self) -> int:
        return self.end - self.start


def applied_changes(records: Iterable[LogRecord]) -> list[Change]:
    out = [Change(r.start, r.end, r.after or "", r) for r in records if r.applied]
    return sorted(out, key=lambda c: (c.start, c.end))


_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0  # the default 1 s silently degrades long diffs (GUIDE.md)


def char_segments(before: str, after: str) -> list[tuple[int, str]]:
    """Character-level diff of one change, so 变庄器→变压器 marks only 庄→压."""
    if not before or not after:
        segs = [(DELETE, before)] if before else []
        return [*segs, (INSERT, after)] if after else segs
    diffs = _DMP.diff_main(before, after, False)
    _DMP.diff_cleanupSemantic(diffs)
    return [(op, text) for op, text in diffs if text]


def offset_map(changes: Sequence[Change]) -> list[tuple[int, int]]:
    """(original offset, delta) after each change, to map original offsets to clean offsets."""
    delta = 0
    out = []
    for c in changes:
        delta += len(c.after) - c.before_len
        out.append((c.end, delta))
    return out


def row_cuts(text: str, changes: Sequence[Change]) -> list[int]:
    """Line starts where the original can be cut into rows without splitting a change."""
    cuts = [0]
    i = 0
    pos = text.find("\n")
    while pos != -1:
        cut = pos + 1
        while i < len(changes) and changes[i].end < cut:
            i += 1
        covered = any(c.start < cut <= c.end for c in changes[i : i + 3])
        if not covered and cut < len(text):
            cuts.append(cut)
        pos = text.find("\n", cut)
    return cuts
