"""Bounded memo tables for the typo check's pure scoring functions (window of text → score).

The same windows come back again and again in an archive: a name, a term, a set phrase, and
every common confusion in its usual context. The scores are pure functions of the window and
the loaded models, so a memo changes no finding (``bench.typo_dump`` is byte-identical, and
tests/test_typo_memo.py runs a real text with the memo on and off). A table that reaches ``CAP``
entries is emptied, not trimmed: memory stays flat however large the input (a full table of
65,536 windows is 15–22 MB, measured with tracemalloc; six tables, so ~100 MB at most; the
detector's runs and evaluate's sites have smaller caps of their own, ~17 and ~19 MB), and
emptying costs nothing per lookup, where an LRU's bookkeeping costs on every hit.

Left out of the compiled build (setup.py): the tests switch the memo off by setting ``CAP``
here, and only a miss calls ``store``.
"""

from __future__ import annotations

from typing import TypeVar

CAP = 1 << 16  # entries a table holds at most; 0: memo off (tests)

K = TypeVar("K")
V = TypeVar("V")


def store(table: dict[K, V], key: K, value: V, cap: int = CAP) -> None:
    """Remember ``value`` for ``key`` in ``table``, emptying a full table first.

    ``cap``: a smaller bound for a table of bigger entries (never above ``CAP``)."""
    limit = min(cap, CAP)
    if len(table) >= limit:
        table.clear()
    if limit > 0:
        table[key] = value
