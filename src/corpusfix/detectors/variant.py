"""Stray traditional or variant characters in simplified text (OpenCC t2s, phrase-aware).

Only in a simplified document: an article written in traditional characters is left alone.
OpenCC's conversions are one-to-many in places (髮/發 → 发, 乾/幹 → 干): every change is a
suggestion for a person to decide, never a silent rewrite, and the ambiguous ones say so.
"""

from __future__ import annotations

from collections.abc import Iterator

from corpusfix.core.document import Document
from corpusfix.core.suggestion import Draft
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.registry import register
from corpusfix.detectors.script import conversions

# Characters whose simplified form depends on the meaning (OpenCC picks one).
AMBIGUOUS = frozenset("乾幹髮發後著麵麪裏裡鍾鐘歷曆臺檯颱餘瞭藉係繫準隻衹製蘋鬆範薹")


@register
class VariantDetector:
    id = "normalize.variant"
    kinds = frozenset({"variant"})
    order = 52
    needs_context = False
    requires: tuple[str, ...] = ()
    slow = False
    needs_model = False

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        seen = conversions(text)
        if not seen.found or seen.traditional:
            return
        for start, old, new in seen.found:
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
                message_id="variant.traditional",
                params={"old": old, "new": new, "ambiguous": "1" if ambiguous else ""},
                evidence={**context(text, start, start + len(old)), "converter": "OpenCC t2s"},
            )
