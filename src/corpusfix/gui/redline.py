"""The article as the app shows it: the original text with every applied change in place.

Each applied change shows its original text (struck out) followed by its new text (inserted), in
the order ``apply_edits`` applies them; the rest is the original. So every original character is
on screen, and positions map both ways: original offsets (the engine's) to Qt document positions
(UTF-16, CRLF shown as one break, inserted text counted), and back. No Qt here: the view uses it.

Typing is composed here too (``compose``): a keystroke on the screen becomes "the original text
from A to B now reads T", the one engine operation for a person's own edits.
"""

from __future__ import annotations

import bisect
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from corpusfix.core.errors import ConflictError
from corpusfix.gui.positions import PositionMap


def qt_len(s: str) -> int:
    """Length in Qt positions: UTF-16 units, a CRLF one break."""
    n = len(s) - s.count("\r\n")
    return n if s.isascii() or max(s) <= "\uffff" else n + sum(1 for c in s if c > "\uffff")


def qt_cut(s: str, k: int) -> int:
    """The smallest code-point index ``i`` with ``qt_len(s[:i]) >= k``."""
    if k <= 0:
        return 0
    n = 0
    for i, c in enumerate(s):
        if c == "\n" and i > 0 and s[i - 1] == "\r":
            continue  # the LF of a CRLF takes no position of its own
        n += 2 if ord(c) > 0xFFFF else 1
        if n >= k:
            return i + 1 + (1 if c == "\r" and s[i + 1 : i + 2] == "\n" else 0)
    return len(s)


class Placed(NamedTuple):  # a tuple: thousands are built per decision on a big article
    """One applied change on screen (offsets into the original; ``after`` its new text)."""

    sid: str
    start: int
    end: int
    after: str
    manual: bool
    struck: tuple[int, int]  # Qt positions of the original text it replaces
    inserted: tuple[int, int]  # Qt positions of its new text

    @property
    def key(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def span(self) -> tuple[int, int]:
        return (self.struck[0], self.inserted[1])


@dataclass(frozen=True)
class Composed:
    """A keystroke as an engine edit: ``original[start:end]`` now reads ``text``."""

    start: int
    end: int
    text: str
    cursor: int  # code points of ``text`` before the caret after the edit
    merged: tuple[str, ...]  # the manual edits it takes in


class Redline:
    def __init__(
        self,
        text: str,
        edits: Iterable[tuple[str, int, int, str, bool]] = (),
        base: PositionMap | None = None,
    ) -> None:
        """``edits``: (id, start, end, new text, manual) of the applied changes; ``base``: the
        text's PositionMap when the caller keeps one (building it reads the whole text)."""
        for _ in self._fill(text, edits, base, 0):
            pass

    @classmethod
    def in_steps(
        cls,
        text: str,
        edits: Iterable[tuple[str, int, int, str, bool]],
        base: PositionMap,
        chunk: int = 500,
    ) -> Generator[None, None, Redline]:
        """The same redline, built ``chunk`` changes at a time (a bulk decision places
        thousands): yields between chunks, returns the redline."""
        red = cls.__new__(cls)
        yield from red._fill(text, edits, base, chunk)
        return red

    def _fill(
        self,
        text: str,
        edits: Iterable[tuple[str, int, int, str, bool]],
        base: PositionMap | None,
        chunk: int,
    ) -> Iterator[None]:
        self.text = text
        self.base = base if base is not None else PositionMap(text)
        ordered = sorted(edits, key=lambda e: (e[1], e[2]))
        self.placed: list[Placed] = []
        shift = 0
        self._pre = [0]  # Qt length of the inserted text of the changes before each one
        to_qt = self.base.to_qt if not self.base.plain else int
        placed, pre = self.placed, self._pre
        for i, (sid, start, end, after, manual) in enumerate(ordered, 1):
            a = to_qt(start) + shift
            b = to_qt(end) + shift if end != start else a
            n = qt_len(after) if after else 0
            placed.append(Placed(sid, start, end, after, manual, (a, b), (b, b + n)))
            shift += n
            pre.append(shift)
            if chunk and i % chunk == 0:
                yield
        self._keys = [p.key for p in self.placed]
        self._ends = [p.end for p in self.placed]
        self._span_ends = [p.inserted[1] for p in self.placed]
        self.by_id = {p.sid: p for p in self.placed}

    @property
    def display(self) -> str:
        """The text on screen (what the view's document holds)."""
        parts: list[str] = []
        pos = 0
        for p in self.placed:
            parts.append(self.text[pos : p.end])
            parts.append(p.after)
            pos = p.end
        parts.append(self.text[pos:])
        return "".join(parts).replace("\r\n", "\n")

    def __len__(self) -> int:
        return self.base.to_qt(len(self.text)) + self._pre[-1]

    # ----- original offsets → screen -----
    def to_qt(self, offset: int) -> int:
        """The position of the original character at ``offset`` (after what is inserted there)."""
        return self.base.to_qt(offset) + self._pre[bisect.bisect_right(self._ends, offset)]

    def insert_at(self, start: int, end: int) -> int:
        """Where the new text of a change at (start, end) goes, among the changes on screen."""
        return self.base.to_qt(end) + self._pre[bisect.bisect_left(self._keys, (start, end))]

    def span_qt(self, sid: str, start: int, end: int) -> tuple[int, int]:
        """Where a finding is on screen: an applied one, its struck and inserted text."""
        placed = self.by_id.get(sid)
        if placed is not None:
            return placed.span
        a = self.to_qt(start)
        if end == start:
            return a, a
        return a, max(a, self.base.to_qt(end) + self._pre[bisect.bisect_left(self._ends, end)])

    def in_range(self, lo: int, hi: int) -> list[Placed]:
        """The changes on screen between Qt positions lo and hi."""
        first = bisect.bisect_left(self._span_ends, lo)
        out = []
        for p in self.placed[first:]:
            if p.struck[0] > hi:
                break
            out.append(p)
        return out

    # ----- screen → original offsets -----
    def from_qt(self, position: int) -> int:
        """The original offset at a screen position (inside a change: its start)."""
        k = bisect.bisect_right(self._span_ends, position)
        if k < len(self.placed) and self.placed[k].struck[0] < position:
            return self.placed[k].start
        return self._base_inverse(position - self._pre[k])

    def _base_inverse(self, q: int) -> int:
        lo, hi = 0, len(self.text)
        while lo < hi:  # the smallest offset at or after Qt position q
            mid = (lo + hi) // 2
            if self.base.to_qt(mid) < q:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def clean_qt(self, offset: int) -> int:
        """Roughly where an original offset is in the clean text (the preview)."""
        k = bisect.bisect_right(self._ends, offset)
        delta = sum(len(p.after) - (p.end - p.start) for p in self.placed[:k])
        return offset + delta

    # ----- typing -----
    def compose(self, p: int, q: int, typed: str) -> Composed:
        """Screen positions [p, q) replaced by ``typed``, as one engine edit.

        Manual edits that the range touches are taken in (typing on after typing is one
        record); a range inside an applied finding's struck or new text is a ConflictError.
        """
        p, q = min(p, q), max(p, q)
        first = bisect.bisect_left(self._span_ends, p)
        merged: list[Placed] = []
        for e in self.placed[first:]:
            s0, s1 = e.span
            if s0 > q:
                break
            if e.manual:
                merged.append(e)
            elif (p < s1 and s0 < q) if p < q else (s0 < p < s1):
                raise ConflictError(
                    f"{e.sid} is decided here: undo or reject {e.sid} to change this text"
                )
        a = min([p] + [e.span[0] for e in merged])
        b = max([q] + [e.span[1] for e in merged])
        start = merged[0].start if merged and merged[0].span[0] == a else self.from_qt(a)
        end = merged[-1].end if merged and merged[-1].span[1] == b else self.from_qt(b)
        before = self._clean_between(a, p, merged)
        after = self._clean_between(q, b, merged)
        merged_ids = tuple(e.sid for e in merged)
        return Composed(start, end, before + typed + after, len(before) + len(typed), merged_ids)

    def _clean_between(self, lo: int, hi: int, merged: list[Placed]) -> str:
        """The clean text shown between screen positions lo and hi (struck text left out)."""
        if lo >= hi:
            return ""
        out: list[str] = []
        pos = lo
        for e in merged:
            s0, (i0, i1) = e.struck[0], e.inserted
            if i1 <= pos or s0 >= hi:
                continue
            if pos < s0:
                out.append(self._original_between(pos, s0))
            a, b = max(pos, i0), min(hi, i1)
            if a < b:
                cut0, cut1 = qt_cut(e.after, a - i0), qt_cut(e.after, b - i0)
                out.append(e.after[cut0:cut1])
            pos = max(pos, i1)
        if pos < hi:
            out.append(self._original_between(pos, hi))
        return "".join(out)

    def _original_between(self, lo: int, hi: int) -> str:
        return self.text[self.from_qt(lo) : self.from_qt(hi)]
