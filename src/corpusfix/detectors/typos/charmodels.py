"""The character models a typo check scores with: the shipped one, and optionally the user's.

A ``TypoModels`` is built once per run (``shipped_models()``, or ``with_user(lm)`` for a model
of the user's own archive beside it) and asked for the change an edit makes to the log10
probability of the characters around it. With two models the per-character probabilities are
mixed half and half: the user's archive knows its names and register, the shipped model the rest.
"""

from __future__ import annotations

import math
from functools import lru_cache

from corpusfix.lm.model import CharLM
from corpusfix.paths import resource_path

SHIPPED = "laws-lexicon.charlm"
# Characters of context on each side: the model's order less one, so that every n-gram that
# holds the edited characters is counted, and no character that the edit cannot change.
CONTEXT = 4


class TypoModels:
    def __init__(self, shipped: CharLM, user: CharLM | None = None) -> None:
        self.shipped = shipped
        self.user = user
        self.context = min(CONTEXT, shipped.order - 1)

    def with_user(self, user: CharLM | None) -> TypoModels:
        """These models with ``user`` beside the shipped one (None: the shipped one alone)."""
        return TypoModels(self.shipped, user)

    @property
    def sha256(self) -> str:
        """Digest of the user's model, empty without one (for log headers)."""
        return self.user.sha256 if self.user is not None else ""

    def logprob(self, text: str, skip: int) -> float:
        """log10 P of text[skip:] given text[:skip] (and nothing before it)."""
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

    def rank(self, left: str, chars: list[str], right: str) -> list[tuple[float, str]]:
        """``chars`` by log10 P(char, right | left), best first."""
        skip = len(left)
        scored = [(self.logprob(left + c + right, skip), c) for c in chars]
        scored.sort(reverse=True)
        return scored


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
