"""Stray traditional or variant characters in simplified text (OpenCC t2s, phrase-aware).

Only in a simplified document: an article written in traditional characters is left alone.
OpenCC's conversions are one-to-many in places (髮/發 → 发, 乾/幹 → 干): every change is a
suggestion for a person to decide, never a silent rewrite, and the ambiguous ones say so.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import opencc

from corpusfix.core.document import Document
from corpusfix.core.suggestion import Draft
from corpusfix.core.text_classes import HAN_RUN
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.registry import register

# Above this share of converted characters the text is traditional, not stray characters in
# simplified text.
TRADITIONAL_SHARE = 0.05
# Characters whose simplified form depends on the meaning (OpenCC picks one).
AMBIGUOUS = frozenset("乾幹髮發後著麵麪裏裡鍾鐘歷曆臺檯颱餘瞭藉係繫準隻衹製蘋鬆範薹")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    try:
        return opencc.OpenCC("t2s")
    except Exception:  # older wheels want the file name
        return opencc.OpenCC("t2s.json")


@register
class VariantDetector:
    id = "normalize.variant"
    kinds = frozenset({"variant"})
    order = 52
    needs_context = False

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        conv = _converter()
        # Nothing to convert in most documents: one call over all the runs (kept apart by line
        # breaks, as in the text) instead of one per run. Only Han text goes to OpenCC: the rest
        # may hold undecodable bytes kept as surrogates, which it cannot encode.
        han_text = "\n".join(HAN_RUN.findall(text))
        if conv.convert(han_text) == han_text:
            return
        found: list[tuple[int, str, str]] = []  # (start, old, new)
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
        if not found or sum(len(old) for _, old, _ in found) > TRADITIONAL_SHARE * han:
            return
        for start, old, new in found:
            if any(w in text[max(0, start - 4) : start + len(old) + 4] for w in ctx.wordlist):
                continue
            ambiguous = any(c in AMBIGUOUS for c in old)
            yield Draft(
                kind="variant",
                start=start,
                end=start + len(old),
                replacement=new,
                confidence=0.6 if ambiguous else 0.9,
                message=(
                    f"traditional '{old}' in simplified text: '{new}'"
                    + (
                        " (check the meaning: this character has several simplified forms)"
                        if ambiguous
                        else ""
                    )
                ),
                evidence={**context(text, start, start + len(old)), "converter": "OpenCC t2s"},
            )
