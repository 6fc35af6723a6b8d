"""The word-trigram language model (KenLM binary), scoring raw Chinese text.

The model works on words; the text is segmented by the model itself: a Viterbi pass over all
segmentations into words the model knows (single characters always allowed), keeping the best
path into every position. Both sides of a comparison are scored the same way, so the difference
says which reading the model finds more plausible.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corpusfix.core.errors import ModelError
from corpusfix.detectors.typos import memo
from corpusfix.detectors.typos.model_file import open_model

MAX_WORD = 4  # longer words are rare in the model and cost more lookups


class LanguageModel:
    def __init__(self, path: Path, known: Iterable[str] = ()) -> None:
        kenlm = _kenlm()
        self._model = open_model(path, kenlm.Model)
        self._new_state = kenlm.State
        # The lexicon's words the model knows too: one set lookup answers what would otherwise
        # take a set lookup and a call into KenLM, for every slice tried. (filter with the
        # model's own method: no Python frame per word, a tenth of the start-up.)
        short = [w for w in known if len(w) <= MAX_WORD]
        self._known = frozenset(filter(self._model.__contains__, short))
        # Two-character starts of the longer words: most positions need no 3- or 4-slice.
        self._long_starts = frozenset([w[:2] for w in self._known if len(w) > 2])
        # (text, bos, eos) → score, per way of scoring (memo.py: bounded, pure functions)
        self._best_memo: dict[tuple[str, bool, bool], float] = {}
        self._fast_memo: dict[tuple[str, bool, bool], float] = {}
        # scoring.word_swap_gains': (window, lo, hi, bos, eos, same-sounding words) → their gains
        self.passing_memo: dict[
            tuple[str, int, int, bool, bool, tuple[str, ...]], tuple[tuple[str, float], ...]
        ]
        self.passing_memo = {}

    def memo_tables(self) -> list[dict[Any, Any]]:
        """The memo tables (tests: their size stays bounded; emptied to switch the memo off)."""
        return [self._best_memo, self._fast_memo, self.passing_memo]

    def __contains__(self, word: str) -> bool:
        return word in self._model

    def unigram(self, word: str) -> float:
        """log10 probability of ``word`` with no context."""
        return float(self._model.score(word, False, False))

    def segment(self, text: str) -> list[str]:
        """Forward maximum matching on the words the model knows (single characters always)."""
        known = self._known
        long_starts = self._long_starts
        out: list[str] = []
        append = out.append
        i, n = 0, len(text)
        while i < n:
            # A slice cut short by the end of the text is a shorter slice; known holds only
            # words, so the test still picks the longest word that starts here.
            two = text[i : i + 2]
            if two in long_starts:
                word = text[i : i + 4]
                if word not in known:
                    word = text[i : i + 3]
                    if word not in known:
                        word = two if two in known else text[i]
            else:
                word = two if two in known else text[i]
            append(word)
            i += len(word)
        return out

    def segment_backward(self, text: str) -> list[str]:
        """Backward maximum matching: the words that end where ``text`` ends come out whole."""
        known = self._known
        out: list[str] = []
        j = len(text)
        while j > 0:
            for length in (4, 3, 2):
                if j - length >= 0 and text[j - length : j] in known:
                    break
            else:
                length = 1
            out.append(text[j - length : j])
            j -= length
        out.reverse()
        return out

    def tokens(self, word: str) -> list[str]:
        """``word`` as the model's tokens: itself if known, else its characters."""
        return [word] if word in self._known else list(word)

    def score_words(self, words: list[str], bos: bool, eos: bool) -> float:
        """log10 probability of these tokens."""
        # Positional arguments: keyword parsing cost more than the lookup on short windows.
        return float(self._model.score(" ".join(words), bos, eos))

    def score_fast(self, text: str, bos: bool, eos: bool) -> float:
        """log10 probability of ``text`` in its forward-maximum-matching segmentation."""
        key = (text, bos, eos)
        found = self._fast_memo.get(key)
        if found is None:
            found = self.score_words(self.segment(text), bos, eos)
            memo.store(self._fast_memo, key, found)
        return found

    def score(self, text: str, bos: bool, eos: bool) -> float:
        """log10 probability of the best segmentation of ``text``."""
        key = (text, bos, eos)
        found = self._best_memo.get(key)
        if found is None:
            found = self._best(text, bos, eos)
            memo.store(self._best_memo, key, found)
        return found

    def _best(self, text: str, bos: bool, eos: bool) -> float:
        """``score`` itself: a Viterbi pass over the segmentations into words the model knows."""
        model = self._model
        known = self._known
        long_starts = self._long_starts
        base_score = model.BaseScore
        new_state = self._new_state
        n = len(text)
        start = new_state()
        if bos:
            model.BeginSentenceWrite(start)
        else:
            model.NullContextWrite(start)
        best: list[tuple[float, Any] | None] = [None] * (n + 1)
        best[0] = (0.0, start)
        out = new_state()  # a state is kept only when its path wins; else it is reused
        for i in range(n):
            here = best[i]
            if here is None:
                continue
            base, state = here
            two = text[i : i + 2]
            longer = two in long_starts
            for length in range(1, min(MAX_WORD, n - i) + 1):
                if length == 1:
                    word = text[i]
                elif length == 2:
                    word = two
                    if word not in known:
                        continue
                else:
                    if not longer:
                        break
                    word = text[i : i + length]
                    if word not in known:
                        continue
                value = base + base_score(state, word, out)
                there = best[i + length]
                if there is None or value > there[0]:
                    best[i + length] = (value, out)
                    out = new_state()
        last = best[n]
        assert last is not None  # single characters always extend the path
        total, state = last
        if eos:
            total += model.BaseScore(state, "</s>", new_state())
        return total


def _kenlm() -> Any:
    """The kenlm module; its absence (a platform without a kenlm-ex wheel) is a one-line error."""
    try:
        # importlib, not an import statement: compiled by mypyc, an import statement takes a
        # module blocked in sys.modules (None) for a module, where Python raises ImportError.
        kenlm = importlib.import_module("kenlm")
    except ImportError as exc:
        raise ModelError(
            f"the typo and mojibake checks need the kenlm module ({exc}): "
            "pip install kenlm-ex, or leave them out with --only"
        ) from None
    return kenlm
