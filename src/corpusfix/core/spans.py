"""The applied suggestions of a session, indexed by span for conflict queries in O(log n).

Applied spans are normally pairwise free of overlaps (accept and edit refuse a conflict). Sorted
by (start, end), such spans satisfy ``a.end <= b.start`` for every neighbour pair, so starts and
ends are both sorted and the spans that can overlap a query are one contiguous run, found by
bisection. Only ``ReviewSession.restore`` can make applied spans overlap; the index counts
overlapping neighbour pairs and, while there are any, answers by a scan (exact, only slower).
Overlap itself is always decided by ``Suggestion.overlaps``: one definition of a conflict.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from corpusfix.core.suggestion import Suggestion


class SpanIndex:
    """Suggestions keyed by (start, end, rank); ``rank`` orders answers like the session's list."""

    def __init__(self) -> None:
        self._keys: list[tuple[int, int, int]] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._items: list[Suggestion] = []
        self._bad = 0  # neighbour pairs that overlap (only after restoring overlapping spans)

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, rank: int, s: Suggestion) -> None:
        key = (s.start, s.end, rank)
        i = bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            return
        prev = self._items[i - 1] if i > 0 else None
        nxt = self._items[i] if i < len(self._items) else None
        self._bad += _ov(prev, s) + _ov(s, nxt) - _ov(prev, nxt)
        self._keys.insert(i, key)
        self._starts.insert(i, s.start)
        self._ends.insert(i, s.end)
        self._items.insert(i, s)

    def remove(self, rank: int, s: Suggestion) -> None:
        key = (s.start, s.end, rank)
        i = bisect_left(self._keys, key)
        if i == len(self._keys) or self._keys[i] != key:
            return
        prev = self._items[i - 1] if i > 0 else None
        nxt = self._items[i + 1] if i + 1 < len(self._items) else None
        self._bad -= _ov(prev, s) + _ov(s, nxt) - _ov(prev, nxt)
        del self._keys[i], self._starts[i], self._ends[i], self._items[i]

    def overlapping(self, s: Suggestion) -> list[int]:
        """Ranks of the indexed suggestions that overlap ``s``, in rank order."""
        # Any overlap has start <= s.end and end >= s.start (closed bounds also catch the
        # zero-width cases); the exact test is Suggestion.overlaps.
        hi = bisect_right(self._starts, s.end)
        lo = bisect_left(self._ends, s.start, 0, hi) if self._bad == 0 else 0
        keys, items = self._keys, self._items
        return sorted(keys[i][2] for i in range(lo, hi) if items[i].overlaps(s))


def _ov(a: Suggestion | None, b: Suggestion | None) -> int:
    return int(a is not None and b is not None and a.overlaps(b))
