"""The word-trigram language model (KenLM binary), scoring raw Chinese text.

The model works on words; the text is segmented by the model itself: a Viterbi pass over all
segmentations into words the model knows (single characters always allowed), keeping the best
path into every position. Both sides of a comparison are scored the same way, so the difference
says which reading the model finds more plausible.
"""

from __future__ import annotations

from pathlib import Path

import kenlm

MAX_WORD = 4  # longer words are rare in the model and cost more lookups


class LanguageModel:
    def __init__(self, path: Path, known: frozenset[str] = frozenset()) -> None:
        self._model = kenlm.Model(str(path))
        # Words worth asking the model about; a Python set answers "no" ten times faster.
        self._known = known

    def __contains__(self, word: str) -> bool:
        return word in self._model

    def unigram(self, word: str) -> float:
        """log10 probability of ``word`` with no context."""
        return float(self._model.score(word, bos=False, eos=False))

    def segment(self, text: str) -> list[str]:
        """Forward maximum matching on the words the model knows (single characters always)."""
        known = self._known
        model = self._model
        out = []
        i, n = 0, len(text)
        while i < n:
            for length in range(min(MAX_WORD, n - i), 1, -1):
                word = text[i : i + length]
                if word in known and word in model:
                    break
            else:
                length = 1
            out.append(text[i : i + length])
            i += length
        return out

    def score_fast(self, text: str, bos: bool, eos: bool) -> float:
        """log10 probability of ``text`` in its forward-maximum-matching segmentation."""
        return float(self._model.score(" ".join(self.segment(text)), bos=bos, eos=eos))

    def score(self, text: str, bos: bool, eos: bool) -> float:
        """log10 probability of the best segmentation of ``text``."""
        model = self._model
        known = self._known
        base_score = model.BaseScore
        new_state = kenlm.State
        n = len(text)
        start = kenlm.State()
        if bos:
            model.BeginSentenceWrite(start)
        else:
            model.NullContextWrite(start)
        best: list[tuple[float, kenlm.State] | None] = [None] * (n + 1)
        best[0] = (0.0, start)
        for i in range(n):
            here = best[i]
            if here is None:
                continue
            base, state = here
            for length in range(1, min(MAX_WORD, n - i) + 1):
                word = text[i : i + length]
                if length > 1 and (word not in known or word not in model):
                    continue
                out = new_state()
                value = base + base_score(state, word, out)
                there = best[i + length]
                if there is None or value > there[0]:
                    best[i + length] = (value, out)
        last = best[n]
        assert last is not None  # single characters always extend the path
        total, state = last
        if eos:
            total += model.BaseScore(state, "</s>", kenlm.State())
        return total
