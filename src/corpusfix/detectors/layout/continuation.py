"""Joins across a block boundary, doubted where the character model reads another block on better.

pdftotext reads the boxes of some pages out of order (stacked boxes with aligned columns as one
column): a column's last line, cut mid-sentence, is then followed by another story's block,
and width, punctuation and title evidence all say "wrap". The character model can tell: it
scores how much the next block's first characters gain from the line's last ones, and compares
that with every other block's start on the page. Where another start fits better by
``MARGIN`` (log10), the join is doubted: its confidence drops below the default
--min-confidence, so it is suggested but not applied.

Off for OCR-like text: its line widths are noisy (characters dropped and added), its characters
too, and the model's judgement with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from corpusfix.core.errors import CorpusfixError
from corpusfix.detectors.layout.column import FULL_SLACK, Line
from corpusfix.detectors.layout.line_roles import LineRole

if TYPE_CHECKING:
    from corpusfix.detectors.layout.lines import Break

CHARS = 4  # characters scored on each side of the break (the shipped model's order less one)
# log10 margin by which another block's start must fit better, fitted on the tune pages of
# bench.pdf_layout (docs/decisions.md, session 10): 2.2 doubts 12 wrong joins and no right one.
MARGIN = 2.2
DOUBTED = 0.6  # below the default --min-confidence (0.8)
# A sentence end before the break: the model says nothing about what follows it.
_ENDS = frozenset("。！？!?；;：:…”’」』）)》")
# Share of full text lines that hit their column width exactly: pdftotext's justified columns
# do (0.87 or more on every tune page); OCR drops and adds characters, so its lines do not.
MIN_EXACT = 0.8


def justified(groups: Sequence[Sequence[Line]], widths: Sequence[float | None]) -> bool:
    """The measured blocks' full lines hit their width exactly (an extraction, not OCR), and no
    line kept its indent (OCR does; pdftotext drops it)."""
    full = exact = 0
    for g, w in zip(groups, widths, strict=True):
        if w is None:
            continue
        for ln in g:
            if ln.indented:
                return False
            if ln.role is LineRole.TEXT and w - FULL_SLACK <= ln.width <= w + 0.5:
                full += 1
                exact += abs(ln.width - w) <= 0.5
    return full > 0 and exact >= MIN_EXACT * full


def doubt(cross: dict[tuple[int, int], Break]) -> None:
    """Lower the confidence of cross-block wraps that another block's start continues better
    (in place)."""
    asked = [
        key
        for key, b in cross.items()
        if b.wrap and b.confidence > DOUBTED and b.a.text[-1] not in _ENDS
    ]
    if not asked:
        return
    starts = [b.b for b in cross.values() if b.b.role is LineRole.TEXT]
    if len(starts) < 2:
        return
    try:
        from corpusfix.detectors.typos.charmodels import shipped_models

        lm = shipped_models().shipped
    except (OSError, ValueError, CorpusfixError):  # no model to ask: the joins stand as decided
        return
    heads = [ln.text[:CHARS] for ln in starts]
    alone = [sum(lm.score(h)) for h in heads]
    for key in asked:
        b = cross[key]
        left = b.a.text[-CHARS:]
        own = best = None
        for ln, head, base in zip(starts, heads, alone, strict=True):
            if ln.para == b.a.para:
                continue
            gain = sum(lm.score(left + head)[len(left) :]) - base
            if ln is b.b:
                own = gain
            elif best is None or gain > best:
                best = gain
        if own is not None and best is not None and best - own >= MARGIN:
            cross[key] = b._replace(
                confidence=DOUBTED,
                reason=f"{b.reason}; but another block's start reads on better",
            )
