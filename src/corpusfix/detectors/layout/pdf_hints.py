"""What the PDF extractor saw on the page, as the layout detectors use it.

The extractor (core/pdf_layout.py) never drops text: lines it places in a page's margins
(running heads, footers, page numbers) and jump lines are extracted as paragraphs of their own
and deleted only through ``furniture`` suggestions, so every change is logged.
"""

from __future__ import annotations

from collections.abc import Iterator

from corpusfix.core.document import Document

GEOMETRY_CONFIDENCE = 0.95


def geometry_furniture(doc: Document) -> Iterator[tuple[int, str]]:
    """(paragraph index, reason) of every paragraph the extractor found to be page furniture."""
    if doc.extraction is None or not doc.extraction.furniture:
        return
    reasons = {(s, e): why for s, e, why in doc.extraction.furniture}
    for p in doc.paragraphs:
        why = reasons.get((p.start, p.end))
        if why is not None:
            yield p.index, why


def deletion_spans(doc: Document, indices: list[int]) -> dict[int, tuple[int, int]]:
    """Spans that delete each of ``indices`` with its separator, never two that overlap.

    A paragraph is deleted with the separator after it; the last one of the text with the
    separator before it, which the paragraph before it would also take when that one is
    deleted too (furniture at a PDF's end: a jump line, then the page number). So a run of
    deleted paragraphs at the end gives the separator before it to its first paragraph.
    """
    paras = doc.paragraphs
    wanted = set(indices)
    spans: dict[int, tuple[int, int]] = {}
    first_of_tail = len(paras)
    while first_of_tail - 1 in wanted:
        first_of_tail -= 1
    for i in sorted(wanted):
        p = paras[i]
        end = paras[i + 1].start if i + 1 < len(paras) else p.end
        start = paras[i - 1].end if i == first_of_tail and i > 0 else p.start
        spans[i] = (start, end)
    return spans
