"""What a document extracted from another format (a PDF) carries beside its text.

No PDF library here: the document model, the change log and the detectors read this, and only
``core/sources.py`` calls the extractor.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpusfix.core.loading import sha256_hex


@dataclass(frozen=True)
class Extraction:
    extractor: str  # name and versions, as the change log records them
    text_sha256: str  # of the extracted text, UTF-8
    pages: int
    # (start, end, reason): paragraphs that geometry places in a page's margins, or jump lines
    furniture: tuple[tuple[int, int, str], ...] = ()
    headlines: tuple[tuple[int, int], ...] = ()  # paragraphs set larger than the body


def text_sha256(text: str) -> str:
    return sha256_hex(text.encode("utf-8", errors="surrogatepass"))
