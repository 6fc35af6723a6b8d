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
