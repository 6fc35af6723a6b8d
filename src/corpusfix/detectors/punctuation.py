"""Half-width punctuation inside Chinese text: ``,;:?!()`` and straight quotes → full width."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpusfix.core.document import Document
from corpusfix.core.suggestion import Draft
from corpusfix.core.text_classes import HAN
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.registry import register

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HAN = re.compile(f"[{HAN}]")
_CJK_AFTER = re.compile(f"[{HAN}“‘《「]")
_CLOSERS = "”’」\r\n"
# Cheap scan first: clean Chinese text has few half-width marks, so context is checked in Python
# only where one occurs (a lookbehind at every character costs 10x more).
_MARKS = re.compile(r"[,;:?!]")
# A parenthesised group with Han inside, or glued to Han on the left.
_PARENS = re.compile(
    f"(\\()([^()\\r\\n]{{0,60}}?[{HAN}][^()\\r\\n]{{0,60}}?)(\\))"
    f"|(?<=[{HAN}])(\\()([^()\\r\\n]{{1,60}})(\\))"
)
_QUOTES = re.compile(f'"([^"\\r\\n]{{0,200}}?[{HAN}][^"\\r\\n]{{0,200}}?)"')
_CONF = {",": 0.97, ";": 0.95, ":": 0.9, "?": 0.95, "!": 0.95, "(": 0.9, ")": 0.9}


def _mark_fix(text: str, at: int) -> int | None:
    """End of the damaged span if the mark at ``at`` sits in Chinese text, else None."""
    if at == 0 or not _HAN.match(text, at - 1):
        return None
    ch = text[at]
    end = at + 1
    if ch in ",;:":
        if end < len(text) and text[end] == " ":
            end += 1  # one space after the mark is part of the damage
        return end if _CJK_AFTER.match(text, end) else None
    # ? and ! also close a sentence: before a closing quote or the end of the line.
    if end == len(text) or text[end] in _CLOSERS or _CJK_AFTER.match(text, end):
        return end
    return None


@register
class PunctuationDetector:
    id = "normalize.punctuation"
    kinds = frozenset({"punctuation"})
    order = 50
    needs_context = False
    requires: tuple[str, ...] = ()
    slow = False
    needs_model = False

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        for m in _MARKS.finditer(text):
            end = _mark_fix(text, m.start())
            if end is not None:
                yield self._draft(text, m.start(), end, FULL[m.group()], m.group())
        for m in _PARENS.finditer(text) if "(" in text else ():
            open_at = m.start(1) if m.group(1) else m.start(4)
            close_at = m.start(3) if m.group(3) else m.start(6)
            yield self._draft(text, open_at, open_at + 1, "（", "(", pair=close_at)
            yield self._draft(text, close_at, close_at + 1, "）", ")", pair=open_at)
        for m in _QUOTES.finditer(text) if '"' in text else ():
            yield self._draft(text, m.start(), m.start() + 1, "“", '"', pair=m.end() - 1)
            yield self._draft(text, m.end() - 1, m.end(), "”", '"', pair=m.start())

    def _draft(
        self, text: str, start: int, end: int, repl: str, ch: str, pair: int | None = None
    ) -> Draft:
        evidence = context(text, start, end)
        if pair is not None:
            evidence["pair_offset"] = pair
        name = {"(": "parenthesis", ")": "parenthesis", '"': "quotation mark"}.get(ch, f"'{ch}'")
        return Draft(
            kind="punctuation",
            start=start,
            end=end,
            replacement=repl,
            confidence=_CONF.get(ch, 0.85),
            message=f"half-width {name} in Chinese text: use {repl}",
            message_id="punctuation.half_width",
            params={"ch": ch, "repl": repl},
            evidence=evidence,
        )
