"""The rows of the side-by-side diff (original | clean), found near a place on demand.

A row is a stretch of the original: a line, or the lines a change spans (no change is cut;
a change may end where a row starts, so a run of deleted lines or joins stays many short
rows). Blank unchanged lines are left out. Rows are found from the text and the sorted
changes around an offset, never for the whole article: a 3.5 MB article has tens of
thousands of rows, and listing them all at every decision stalled the window (issue 17).
Pure Python, no Qt: the app's Changes tab and QA review's diff use it.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from corpusfix.core.changelog import LogRecord
from corpusfix.core.session import ReviewSession, is_applied


class DiffChange(NamedTuple):
    """One applied change: original offsets, the text that replaces them, its record's id."""

    start: int
    end: int
    after: str
    id: str


@dataclass(frozen=True)
class Row:
    """A stretch of the original and its changes (indices into the sorted changes)."""

    start: int
    end: int
    first: int  # index of its first change
    last: int  # one past its last change
    line: int  # 1-based line of its start


def sorted_changes(changes: Iterable[DiffChange]) -> list[DiffChange]:
    """In text order (by start, then end; the tuples' own order, which is fast to sort)."""
    return sorted(changes)


def changes_of(records: Iterable[LogRecord]) -> list[DiffChange]:
    """The applied records as changes, in text order."""
    return sorted_changes(
        DiffChange(r.start, r.end, r.after or "", r.id) for r in records if r.applied
    )


def session_changes(
    session: ReviewSession, step: int = 500, known: dict[str, DiffChange] | None = None
) -> Iterator[list[DiffChange]]:
    """The session's applied changes (what ``ReviewSession.edits`` gives), ``step`` findings
    at a time: the app gathers a big session's between event-loop turns. ``known`` keeps the
    changes made last time, reused when unchanged (thousands of new objects at every opening
    brought on the garbage collector's full passes, a stall of their own)."""
    logged = session.logged()
    decisions = session.decisions
    known = {} if known is None else known
    for i in range(0, len(logged), step):
        out = []
        for s in logged[i : i + step]:
            d = decisions[s.id]
            if is_applied(d.state) and d.text is not None:
                c = known.get(s.id)
                if c is None or c.start != s.start or c.end != s.end or c.after != d.text:
                    c = known[s.id] = DiffChange(s.start, s.end, d.text, s.id)
                out.append(c)
        yield out


class RowIndex:
    """Rows of ``text`` with ``changes`` (sorted by start), computed near an offset."""

    def __init__(self, text: str, changes: Sequence[DiffChange]) -> None:
        self.text = text
        self.changes = changes
        # (map/itemgetter/accumulate: no Python-level loop over thousands of changes)
        self._starts = list(map(operator.itemgetter(0), changes))
        # the furthest end among the changes up to each one (overlaps are allowed for)
        self._reach = list(itertools.accumulate(map(operator.itemgetter(1), changes), max))
        self.rows_made = 0  # rows computed in all (the work done, for tests)

    # ----- cuts: line starts no change straddles -----
    def _straddled(self, p: int) -> int:
        """The furthest end of the changes that start before p, if it lies past p (else -1)."""
        i = bisect.bisect_left(self._starts, p) - 1
        return self._reach[i] if i >= 0 and self._reach[i] > p else -1

    def _line_start(self, p: int) -> int:
        """The start of the line holding offset p."""
        return self.text.rfind("\n", 0, p) + 1

    def _is_end(self, p: int) -> bool:
        return p >= len(self.text)

    def cut_at(self, offset: int) -> int:
        """The start of the row holding ``offset`` (an offset past the last line: the last row)."""
        p = self._line_start(min(max(offset, 0), len(self.text)))
        if self._is_end(p) and p > 0:  # the text ends with a line break: no row starts there
            p = self._line_start(p - 1)
        while self._straddled(p) != -1:  # back to a line start before that change
            p = self._line_start(self._starts[bisect.bisect_left(self._starts, p) - 1])
        return p

    def _next_cut(self, p: int) -> int:
        """The first cut after p (the text's length when there is none)."""
        nl = self.text.find("\n", p)
        q = len(self.text) if nl == -1 else nl + 1
        while not self._is_end(q) and (end := self._straddled(q)) != -1:
            # the first line start at or after that end
            q = end if self.text[end - 1] == "\n" else self.text.find("\n", end) + 1
            if q == 0 or end >= len(self.text):
                q = len(self.text)
        return min(q, len(self.text))

    def _prev_cut(self, p: int) -> int:
        """The last cut before p (p > 0)."""
        return self.cut_at(p - 1)

    # ----- rows -----
    def _row(self, a: int, b: int, line: int) -> Row | None:
        """The row [a, b), or None for a blank stretch without changes."""
        first = bisect.bisect_left(self._starts, a)
        last = len(self.changes) if b >= len(self.text) else bisect.bisect_left(self._starts, b)
        if last == first and not self.text[a:b].strip():
            return None
        self.rows_made += 1
        return Row(a, b, first, last, line)

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def rows_after(self, a: int, chars: int, most: int) -> list[Row]:
        """Rows from the cut ``a`` on: until ``chars`` characters or ``most`` rows."""
        out: list[Row] = []
        line = self.line_of(a)
        size = 0
        if not self.text:  # an empty text: one row, for insertions at its start
            row = self._row(0, 0, 1)
            return [row] if row else []
        while a < len(self.text) and size < chars and len(out) < most:
            b = self._next_cut(a)
            row = self._row(a, b, line)
            if row is not None:
                out.append(row)
                size += b - a
            line += self.text.count("\n", a, b)
            a = b
        return out

    def rows_before(self, b: int, chars: int, most: int) -> list[Row]:
        """Rows that end at or before the cut ``b``, nearest last, as far as the budget goes."""
        out: list[Row] = []
        size = 0
        line = self.line_of(b)
        while b > 0 and size < chars and len(out) < most:
            a = self._prev_cut(b)
            line -= self.text.count("\n", a, b)
            row = self._row(a, b, line)
            if row is not None:
                out.append(row)
                size += b - a
            b = a
        out.reverse()
        return out

    def around(self, offset: int, chars: int, most: int) -> list[Row]:
        """The row holding ``offset`` and the rows around it, ``chars``/``most`` each side."""
        a = self.cut_at(offset)
        return self.rows_before(a, chars, most) + self.rows_after(a, chars, most + 1)

    def row_start_of_change(self, n: int) -> int:
        """Where the row that shows change n starts."""
        c = self.changes[n]
        return self.cut_at(c.start)

    def has_rows_before(self, a: int) -> bool:
        return bool(self.rows_before(a, 1, 1))

    def has_rows_after(self, b: int) -> bool:
        return bool(self.rows_after(b, 1, 1))


def all_rows(text: str, changes: Sequence[DiffChange]) -> list[Row]:
    """Every row, first to last (for small texts and tests)."""
    index = RowIndex(text, changes)
    return index.rows_after(0, len(text) + 1, len(text) + 2)
