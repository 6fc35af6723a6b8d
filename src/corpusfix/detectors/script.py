"""Simplified or traditional: which characters OpenCC t2s would convert, once per text.

The variant detector suggests the conversions in a simplified document; a document written in
traditional characters is left alone by it and by the typo detector, whose lexicon and language
model are simplified Chinese (in a traditional article every character would look suspect).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import opencc

from corpusfix.core.text_classes import HAN_RUN

# Above this share of converted characters the text is traditional, not stray characters in
# simplified text.
TRADITIONAL_SHARE = 0.05


@lru_cache(maxsize=1)
def converter() -> opencc.OpenCC:
    try:
        return opencc.OpenCC("t2s")
    except Exception:  # older wheels want the file name
        return opencc.OpenCC("t2s.json")


class Conversions(NamedTuple):
    found: tuple[tuple[int, str, str], ...]  # (start, traditional, simplified)
    han: int  # Han characters in the text

    @property
    def traditional(self) -> bool:
        return sum(len(old) for _, old, _ in self.found) > TRADITIONAL_SHARE * self.han


# One text: the detectors of a document ask in turn; more would keep closed articles (up to
# 64 MB each) alive in the app.
@lru_cache(maxsize=1)
def conversions(text: str) -> Conversions:
    conv = converter()
    # Nothing to convert in most documents: one call over all the runs (kept apart by line
    # breaks, as in the text) instead of one per run. Only Han text goes to OpenCC: the rest
    # may hold undecodable bytes kept as surrogates, which it cannot encode.
    runs = HAN_RUN.findall(text)
    han_text = "\n".join(runs)
    if conv.convert(han_text) == han_text:
        return Conversions((), sum(map(len, runs)))
    found: list[tuple[int, str, str]] = []
    han = 0
    for m in HAN_RUN.finditer(text):
        run = m.group()
        han += len(run)
        simple = conv.convert(run)
        if simple == run:
            continue
        if len(simple) != len(run):  # phrase conversions that change length: per character
            simple = "".join(c2 if len(c2 := conv.convert(c)) == 1 else c for c in run)
        i = 0
        while i < len(run):
            if run[i] == simple[i]:
                i += 1
                continue
            j = i
            while j < len(run) and run[j] != simple[j]:
                j += 1
            found.append((m.start() + i, run[i:j], simple[i:j]))
            i = j
    return Conversions(tuple(found), han)


def is_traditional(text: str) -> bool:
    return conversions(text).traditional
