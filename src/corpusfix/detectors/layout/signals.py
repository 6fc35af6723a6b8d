"""Signals the layout detectors share: open endings, separators, column width, words across."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from corpusfix.core.document import Document, Paragraph, Role
from corpusfix.core.suggestion import Draft
from corpusfix.detectors.context import DetectContext
from corpusfix.lexicon import word_across

__all__ = ["word_across"]

# A paragraph that ends with one of these has finished its sentence (or opens a list: ：).
CLOSERS = "。！？!?；;…」』”’）)》】：:—"
LEADING_SPACE = re.compile(r"[ \t\u3000\u00a0]*")
TRAILING_SPACE = re.compile(r"[ \t\u3000\u00a0]*$")
_SPACES = " \t\u3000\u00a0"
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
OPEN_QUOTES = "“‘「『《（("
# Characters a Chinese sentence cannot end on: a break right after one is surely mid-sentence.
NO_END_CHARS = set("的地得和与及或并而且对把被向从在以为于将让使给由跟同比离自按据经")
# Paragraph-level deletions by earlier detectors (duplicate, furniture) carry this evidence key.
DELETES_PARAGRAPH = "deletes_paragraph"


def stripped_end(doc: Document, p: Paragraph) -> int:
    """Offset just past the paragraph's last non-space character."""
    text, end = doc.text, p.end
    while end > p.start and text[end - 1] in _SPACES:
        end -= 1
    return end


def content_start(doc: Document, p: Paragraph) -> int:
    """Offset of the paragraph's first non-space character (after its indent)."""
    m = LEADING_SPACE.match(doc.text, p.start, p.end)
    return m.end() if m else p.start


def last_char(doc: Document, p: Paragraph) -> str:
    end = stripped_end(doc, p)
    return doc.text[end - 1] if end > p.start else ""


def is_open(doc: Document, p: Paragraph) -> bool:
    """The paragraph stops mid-sentence (no closing punctuation at its end)."""
    ch = last_char(doc, p)
    return bool(ch) and ch not in CLOSERS


def deletion_span(doc: Document, index: int) -> tuple[int, int]:
    """The span that deletes paragraph ``index``: it plus the separator after it (before it when
    it is the last paragraph), so that no blank lines pile up."""
    paras = doc.paragraphs
    p = paras[index]
    if index + 1 < len(paras):
        return p.start, paras[index + 1].start
    if index > 0:
        return paras[index - 1].end, p.end
    return p.start, p.end


# The detectors that delete whole paragraphs (their drafts alone carry DELETES_PARAGRAPH): the
# others' drafts are not read (on PDF text the merge detector has one a line).
PARAGRAPH_DELETERS = frozenset({"layout.duplicate", "layout.furniture"})


def deleted_paragraphs(ctx: DetectContext) -> dict[int, Draft]:
    """Paragraph index → the draft that deletes the whole paragraph (duplicate or furniture)."""
    out: dict[int, Draft] = {}
    for det_id, drafts in ctx.found.items():
        if det_id not in PARAGRAPH_DELETERS:
            continue
        for d in drafts:
            idx = d.evidence.get(DELETES_PARAGRAPH)
            if isinstance(idx, int):
                out[idx] = d
    return out


def display_width(s: str) -> float:
    """Column width in full-width cells: ASCII takes half a cell in Chinese print."""
    ascii_chars = sum(1 for ch in s if ord(ch) < 128)
    return len(s) - ascii_chars / 2


def column_width(doc: Document, paras: Sequence[Paragraph]) -> float | None:
    """The column-line width in characters, learned from the short fragments column breaks leave.

    Short body paragraphs that stop mid-sentence are usually one column line; when at least two
    share a width (±1 cell), that width is the column's.
    """
    widths = []
    text, body = doc.text, Role.BODY
    for p in paras:
        if p.role is body:
            end = stripped_end(doc, p)  # once: is_open's test and the width read the same end
            if end > p.start and text[end - 1] not in CLOSERS:
                w = len(text[p.start : end].strip())
                if 6 <= w <= 30:
                    widths.append(w)
    if len(widths) < 2:
        return None
    counts: Counter[int] = Counter()
    for w in widths:
        for d in (-1, 0, 1):
            counts[w + d] += 1
    mid = sorted(widths)[len(widths) // 2]
    best, n = max(counts.items(), key=lambda kv: (kv[1], -abs(kv[0] - mid), -kv[0]))
    return float(best) if n >= 2 else None
