"""The character models a typo check scores with: the shipped one, and optionally the user's.

A ``TypoModels`` is built once per run (``shipped_models()``, or ``with_user(lm)`` for a model
of the user's own archive beside it) and asked for the change an edit makes to the log10
probability of the characters around it. With two models the per-character probabilities are
mixed half and half: the user's archive knows its names and register, the shipped model the rest.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from corpusfix.detectors.typos import memo
from corpusfix.lm import vector
from corpusfix.lm.model import CharLM
from corpusfix.paths import resource_path

SHIPPED = "laws-lexicon.charlm"
# Characters of context on each side: the model's order less one, so that every n-gram that
# holds the edited characters is counted, and no character that the edit cannot change.
CONTEXT = 4
VECTOR_MIN = 8  # fewer candidates are scored faster one by one than by numpy's set-up


class TypoModels:
    def __init__(self, shipped: CharLM, user: CharLM | None = None) -> None:
        self.shipped = shipped
        self.user = user
        self.context = min(CONTEXT, shipped.order - 1)
        self._vectors: list[Any] | None = None  # vector.VectorLM per model, made on first use
        self._memo: dict[tuple[str, int], float] = {}  # (text, skip) → logprob (memo.py)
        # candidates._fitting's: (left, character, right) → what fits there better
        self.fitting_memo: dict[tuple[str, str, str], tuple[tuple[str, float], ...]] = {}
        # The detector's (run → its loose characters and sites) and scoring.evaluate's (site
        # and options → the finalists): typed there (this module is imported by both).
        self.run_memo: dict[Any, Any] = {}
        self.evaluate_memo: dict[Any, Any] = {}
        self.scored_with: object = None  # the word model those two hold scores of

    def memo_tables(self) -> list[dict[Any, Any]]:
        """The memo tables (tests: their size stays bounded; emptied to switch the memo off)."""
        return [self._memo, self.fitting_memo, self.run_memo, self.evaluate_memo]

    def with_user(self, user: CharLM | None) -> TypoModels:
        """These models with ``user`` beside the shipped one (None: the shipped one alone)."""
        return TypoModels(self.shipped, user)

    @property
    def sha256(self) -> str:
        """Digest of the user's model, empty without one (for log headers)."""
        return self.user.sha256 if self.user is not None else ""

    def logprob(self, text: str, skip: int) -> float:
        """log10 P of text[skip:] given text[:skip] (and nothing before it)."""
        key = (text, skip)
        found = self._memo.get(key)
        if found is None:
            found = self._logprob(text, skip)
            memo.store(self._memo, key, found)
        return found

    def _logprob(self, text: str, skip: int) -> float:
        own = self.shipped.score(text)[skip:]
        if self.user is None:
            return sum(own)
        theirs = self.user.score(text)[skip:]
        return sum(_mix(a, b) for a, b in zip(own, theirs, strict=True))

    def gain(self, run: str, start: int, end: int, text: str) -> float:
        """How much more likely the model finds run with run[start:end] replaced by ``text``.

        Only the edit and ``context`` characters on each side are scored: the n-grams outside
        them are the same on both sides of the comparison.
        """
        k = self.context
        a = max(0, start - k)
        left, right = run[a:start], run[end : end + k]
        skip = len(left)
        return self.logprob(left + text + right, skip) - self.logprob(
            left + run[start:end] + right, skip
        )

    def logprobs(self, run: str) -> list[float]:
        """log10 P of each character of ``run`` given those before it (none before run[0])."""
        own = self.shipped.score(run)
        if self.user is None:
            return own
        theirs = self.user.score(run)
        return [_mix(a, b) for a, b in zip(own, theirs, strict=True)]

    def substitution_gains(self, run: str, edits: list[tuple[int, str]]) -> list[float]:
        """``gain(run, i, i + 1, c)`` for each (i, c), all at once where numpy is there."""
        if not edits:
            return []
        if not vector.available():
            return [self.gain(run, i, i + 1, c) for i, c in edits]
        import numpy as np  # type: ignore[import-not-found,unused-ignore]  # wheel builds lack it

        k = self.context
        width = 2 * k + 1
        codes = [ord(c) for c in run]
        pad = [vector.PAD] * k
        padded = pad + codes + pad
        rows = np.empty((2 * len(edits), width), dtype=np.int64)
        scored = np.zeros((len(edits), width), dtype=bool)
        for n, (i, c) in enumerate(edits):
            window = padded[i : i + width]  # run[i - k : i + k + 1], padded
            rows[2 * n] = window
            window[k] = ord(c)
            rows[2 * n + 1] = window
            scored[n, k : k + 1 + min(k, len(run) - 1 - i)] = True
        # The right padding is never scored; the left padding keeps no context (as gain does).
        logp = self._vector_logprobs(rows)
        before, after = logp[0::2], logp[1::2]
        gains = np.where(scored, after - before, 0.0).sum(axis=1)
        return [float(g) for g in gains]

    def _vector_logprobs(self, rows: Any) -> Any:
        import numpy as np

        if self._vectors is None:
            models = [self.shipped] + ([self.user] if self.user is not None else [])
            self._vectors = [vector.VectorLM(m) for m in models]
        own = self._vectors[0].logprobs(rows)
        if len(self._vectors) == 1:
            return own
        theirs = self._vectors[1].logprobs(rows)
        return np.log10(0.5 * np.power(10.0, own) + 0.5 * np.power(10.0, theirs))

    def rank(self, left: str, chars: list[str], right: str) -> list[tuple[float, str]]:
        """``chars`` by log10 P(char, right | left), best first."""
        return self.rank_many([(left, chars, right)])[0]

    def rank_many(
        self, asks: list[tuple[str, list[str], str]], ordered: bool = True
    ) -> list[list[tuple[float, str]]]:
        """``rank(left, chars, right)`` for each ask. The asks numpy scores (VECTOR_MIN or more
        characters) go in one array per shape: numpy's set-up, not the lookups, is most of the
        cost of one ask. Each row is scored and summed on its own, as in a batch of one, so
        the scores are the same to the bit whatever else is in the batch. ``ordered=False``:
        each ask's (score, char) in no particular order (for a caller that sorts them anew)."""
        out: list[list[tuple[float, str]]] = [[] for _ in asks]
        shapes: dict[tuple[int, int], list[int]] = {}
        use_vector = vector.available()
        for n, (left, chars, right) in enumerate(asks):
            if not use_vector or len(chars) < VECTOR_MIN:
                skip = len(left)
                out[n] = [(self.logprob(left + c + right, skip), c) for c in chars]
            else:
                shapes.setdefault((len(left), len(right)), []).append(n)
        if shapes:
            import numpy as np

            for (skip, _), which in shapes.items():
                # One row per character: its ask's context with the character at ``skip``.
                contexts = [[ord(c) for c in asks[n][0] + " " + asks[n][2]] for n in which]
                codes = np.repeat(
                    np.array(contexts, dtype=np.int64), [len(asks[n][1]) for n in which], axis=0
                )
                codes[:, skip] = [ord(c) for n in which for c in asks[n][1]]
                logp = self._vector_logprobs(codes)
                total = logp[:, skip].copy()
                for col in range(skip + 1, logp.shape[1]):  # in order, as sum() adds them
                    total += logp[:, col]
                at = 0
                for n in which:
                    chars = asks[n][1]
                    part = total[at : at + len(chars)]
                    out[n] = [(float(t), c) for t, c in zip(part, chars, strict=True)]
                    at += len(chars)
        if ordered:
            for scored in out:
                scored.sort(reverse=True)
        return out


def _mix(a: float, b: float) -> float:
    return math.log10(0.5 * 10.0**a + 0.5 * 10.0**b)


@lru_cache(maxsize=1)
def shipped_models() -> TypoModels:
    return TypoModels(CharLM.load(resource_path("lm", SHIPPED)))


@lru_cache(maxsize=4)
def models_with(user: CharLM | None) -> TypoModels:
    """The shipped model with ``user`` beside it, one object per user model: the typo check's
    memoised scores are keyed by the models, so every document of a run must get the same one."""
    return shipped_models().with_user(user)
