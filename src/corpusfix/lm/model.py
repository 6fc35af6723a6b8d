"""Querying a character model: log10 P(character | the characters before it)."""

from __future__ import annotations

import os
from array import array
from bisect import bisect_left
from pathlib import Path
from typing import Any

from corpusfix.core.errors import InputError
from corpusfix.core.reading import read_regular
from corpusfix.lm.fileformat import CHAR_BITS, QUANT, decode
from corpusfix.lm.text import BOS, EOS, query_chars

MODEL_MAX_BYTES = 2 << 30  # far above any model the builder writes (its n-gram cap)

_STEP = -1.0 / QUANT


class CharLM:
    """A loaded model. ``score`` walks the text once: each position reuses the rows of the
    n-grams that ended one character before, so a character costs at most ``order`` binary
    searches."""

    def __init__(self, header: dict[str, Any], keys: list[array[int]], probs: list[array[int]],
                 backoffs: list[array[int]]) -> None:  # fmt: skip
        self.header = header
        self.order = int(header["order"])
        self.sha256 = ""
        self._keys = keys
        self._probs = probs
        self._backs = backoffs
        self._unk = float(header["unk_log10"])
        # unigrams by code point: a dict is faster than a search and small (the vocabulary)
        self._uni = {cp: i for i, cp in enumerate(keys[1])}
        self._bos_rows = [0] * self.order  # BOS^j is row 0 of order j (it sorts first)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> CharLM:
        p = Path(path)
        try:  # a regular file only, and never more than a model can be (no FIFO, no device)
            data = read_regular(p, MODEL_MAX_BYTES)
        except OSError as exc:
            raise InputError(f"{p}: cannot read the character model ({exc.strerror})") from None
        return cls.from_bytes(data, str(p))

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "model") -> CharLM:
        import hashlib

        header, tables = decode(data, name)
        lm = cls(header, tables.keys, tables.probs, tables.backoffs)
        lm.sha256 = hashlib.sha256(data).hexdigest()
        return lm

    def tables(self) -> tuple[list[array[int]], list[array[int]], list[array[int]]]:
        """(keys, log10 probabilities, back-offs) per order, as loaded (corpusfix.lm.vector)."""
        return self._keys, self._probs, self._backs

    @property
    def vocab(self) -> frozenset[str]:
        """The characters the model has seen (sentence marks excluded)."""
        return frozenset(chr(cp) for cp in self._keys[1] if chr(cp) not in (BOS, EOS))

    def score(self, text: str, *, bos: bool = False, eos: bool = False) -> list[float]:
        """log10 P of each character of ``text`` given those before it (one value per character,
        plus one for the sentence end if ``eos``). ``bos``: the text starts a sentence (line);
        otherwise the first character has no context."""
        order = self.order
        keys, probs, backs, uni = self._keys, self._probs, self._backs, self._uni
        unk = self._unk
        # rows[j]: row of the j-gram that ended at the previous character (-1: not in the model)
        rows = list(self._bos_rows) if bos else [0] + [-1] * (order - 1)
        out: list[float] = []
        chars = query_chars(text)
        if eos:
            chars += EOS
        for ch in chars:
            cp = ord(ch)
            new = [0] + [-1] * (order - 1)
            r = uni.get(cp, -1)
            if r < 0:
                logp = unk
                matched = 1  # the unknown's value already holds the empty context's back-off
            else:
                q = probs[1][r]
                matched = 1
                if order > 1:
                    new[1] = r
                for j in range(2, order + 1):
                    prow = rows[j - 1]
                    if prow < 0:
                        break
                    table = keys[j]
                    key = prow << CHAR_BITS | cp
                    i = bisect_left(table, key)
                    if i == len(table) or table[i] != key:
                        break
                    q = probs[j][i]
                    matched = j
                    if j < order:
                        new[j] = i
                logp = q * _STEP
            for j in range(matched, order):
                prow = rows[j]
                if prow >= 0:
                    logp += backs[j][prow] * _STEP
            out.append(logp)
            rows = new
        return out

    def logprob(self, context: str, char: str, *, bos: bool = False) -> float:
        """log10 P(char | context); ``bos``: the context starts a sentence."""
        if len(char) != 1:
            raise ValueError("logprob takes one character")
        tail = context[-(self.order - 1) :] if self.order > 1 else ""
        start = bos and len(context) < self.order - 1
        return self.score(tail + char, bos=start)[-1]

    def total(self, text: str, *, bos: bool = False, eos: bool = False) -> float:
        return sum(self.score(text, bos=bos, eos=eos))
