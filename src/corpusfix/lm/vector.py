"""A character model queried for many windows at once with numpy (optional).

``CharLM.score`` walks one text character by character: fine for a few candidates, far too slow
to ask the model about every position of a document times every character the OCR may have
misread there. Here a batch of equally long windows (code points, one row each) is scored in a
handful of ``np.searchsorted`` calls per order: the same trie walk as ``CharLM.score``, one
level for all rows at once, with the same result (tests/test_lm_vector.py).

numpy is optional: ``available()`` says whether it can be used; without it the callers fall
back on ``CharLM.score`` (slower, same numbers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corpusfix.lm.fileformat import CHAR_BITS, QUANT

if TYPE_CHECKING:
    from corpusfix.lm.model import CharLM

# numpy, imported on first use (start-up time: most runs never ask); None where it is missing.
_UNSET: Any = object()
np: Any = _UNSET


def _numpy() -> Any:
    global np
    if np is _UNSET:
        try:
            import numpy  # type: ignore[import-not-found,unused-ignore]  # optional
        except ImportError:  # the pure-Python path is tested by hiding numpy
            np = None
        else:
            np = numpy
    return np


# A code point no model has seen: a window is padded on the left with it. Left of an unknown
# character the model keeps no context, exactly as at the start of a text scored without bos.
PAD = 1

_STEP = -1.0 / QUANT


def available() -> bool:
    return _numpy() is not None


class VectorLM:
    """numpy views of one model's tables (no copy of the keys)."""

    def __init__(self, lm: CharLM) -> None:
        if _numpy() is None:
            raise RuntimeError("numpy is not installed")
        keys, probs, backs = lm.tables()
        self.order = lm.order
        self._unk = float(lm.header["unk_log10"])
        # uint64 keys fit int64 (row < 2^42), and int64 compares with int64 queries fast
        self._keys: list[Any] = [np.frombuffer(k, dtype=np.uint64).astype(np.int64) for k in keys]
        self._probs: list[Any] = [np.asarray(p, dtype=np.int32) for p in probs]
        self._backs: list[Any] = [np.asarray(b, dtype=np.int32) for b in backs]

    def _rows(self, level: int, query: Any) -> Any:
        """Index of each query key in the level's sorted keys, -1 where it is not there."""
        table = self._keys[level]
        if len(table) == 0:
            return np.full(query.shape, -1, dtype=np.int64)
        idx = np.searchsorted(table, query)
        np.minimum(idx, len(table) - 1, out=idx)
        return np.where(table[idx] == query, idx, -1)

    def logprobs(self, cps: Any) -> Any:
        """log10 P(character | those before it in its row) for each cell of ``cps`` (N × W code
        points); the first column has no context (``CharLM.score`` without bos)."""
        cps = np.ascontiguousarray(cps, dtype=np.int64)
        n, w = cps.shape
        order = self.order
        # rows[L][:, s]: row in order L of the L characters from column s (-1: not a chain of
        # n-grams the model holds; the walk stops at the first missing suffix, as score does)
        rows: list[Any] = [None, self._rows(1, cps)]
        for level in range(2, min(order, w) + 1):
            prev = rows[level - 1]
            prefix, suffix = prev[:, :-1], prev[:, 1:]
            ok = (prefix >= 0) & (suffix >= 0)
            key = (np.where(ok, prefix, 0) << CHAR_BITS) | cps[:, level - 1 :]
            rows.append(np.where(ok, self._rows(level, key), -1))
        known = rows[1] >= 0
        # The longest n-gram ending at each column: its probability, and its length.
        q = np.where(known, self._probs[1][np.where(known, rows[1], 0)], 0).astype(np.float64)
        matched = np.ones((n, w), dtype=np.int64)
        for level in range(2, len(rows)):
            r = rows[level]  # column s ends at column s + level - 1
            hit = r >= 0
            p = self._probs[level][np.where(hit, r, 0)]
            cols = q[:, level - 1 :]
            cols[hit] = p[hit]
            matched[:, level - 1 :][hit] = level
        out = q * _STEP
        out[~known] = self._unk
        # Back-offs of the contexts (length j, ending one column before) longer than the match.
        for j in range(1, min(order, len(rows))):
            ctx = rows[j][:, : w - j]  # context of length j for column s + j
            ends = np.arange(j, w)
            use = (ctx >= 0) & (matched[:, ends] <= j)
            b = self._backs[j][np.where(ctx >= 0, ctx, 0)] * _STEP
            out[:, j:] += np.where(use, b, 0.0)
        return out
