"""Zero-width characters anywhere; stray spaces between Han characters inside body paragraphs.

Spaces in headlines, subheads and bylines are layout and stay. A paragraph's leading indent is
layout too (merges remove it when they join).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpusfix.core.document import Document, Role
from corpusfix.core.suggestion import Draft
from corpusfix.core.text_classes import HAN
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.registry import register

_ZERO_WIDTH = re.compile("[\u200b\u200c\u2060\ufeff]+")
_CJK_PUNCT = "，。、；：？！“”‘’《》（）「」"
_CJK = f"{HAN}{_CJK_PUNCT}"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACES = re.compile("[ \u00a0\u3000]+")
# A dateline keeps its space: 本报讯 …, 新华社北京1月1日电 …
_DATELINE = re.compile(r"(?:本报讯|讯|电)$")


@register
class WhitespaceDetector:
    id = "normalize.whitespace"
    kinds = frozenset({"whitespace"})
    order = 51
    needs_context = False
    requires: tuple[str, ...] = ()
    slow = False
    needs_model = False

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        for m in _ZERO_WIDTH.finditer(text):
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in m.group()}))
            yield Draft(
                kind="whitespace",
                start=m.start(),
                end=m.end(),
                replacement="",
                confidence=0.99,
                message=f"invisible zero-width character ({names}): remove",
                message_id="whitespace.zero_width",
                params={"names": names},
                evidence=context(text, m.start(), m.end()),
            )
        for m in _SPACES.finditer(text):
            # Only spaces with Chinese on both sides (cheap scan, then look at the neighbours).
            if m.start() == 0 or m.end() == len(text):
                continue
            if not (_CJK_CHAR.match(text, m.start() - 1) and _CJK_CHAR.match(text, m.end())):
                continue
            para = doc.paragraph_at(m.start())
            if para is None or para.role is not Role.BODY or m.start() == para.start:
                continue
            head = text[para.start : m.start()]
            if len(head) <= 30 and _DATELINE.search(head):
                continue
            full_width = "\u3000" in m.group()
            between_han = text[m.start() - 1] not in _CJK_PUNCT and text[m.end()] not in _CJK_PUNCT
            yield Draft(
                kind="whitespace",
                start=m.start(),
                end=m.end(),
                replacement="",
                confidence=0.92 if between_han else 0.85,
                message=(
                    "full-width space inside a body paragraph: remove"
                    if full_width
                    else "stray space between Chinese characters: remove"
                ),
                message_id="whitespace.full_width" if full_width else "whitespace.stray",
                evidence=context(text, m.start(), m.end()),
            )
