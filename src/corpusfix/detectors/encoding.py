"""Stretches of a second encoding inside one file.

The loader keeps bytes that the file's dominant encoding cannot decode as lone surrogates, so
nothing is lost. Each such run is reported; where another Chinese encoding decodes the run
cleanly, that decoding is the suggested repair.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpusfix.core.document import Document
from corpusfix.core.loading import CHINESE_ENCODINGS
from corpusfix.core.suggestion import Draft
from corpusfix.core.text_classes import HAN_RE
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.registry import register

# Runs of kept bytes, with ASCII characters that the decoder may have split off inside them.
# (Two foreign bytes can happen to form a valid UTF-8 letter such as һ: up to two non-Han
# characters between kept bytes belong to the run.)
_KEPT_RUN = re.compile("[\udc80-\udcff](?:[^\u3400-\u9fff\n\r]{0,2}[\udc80-\udcff])*")


def raw_bytes(run: str) -> bytes:
    return run.encode("utf-8", errors="surrogateescape")


@register
class MixedEncodingDetector:
    id = "normalize.mixed-encoding"
    kinds = frozenset({"encoding"})
    order = 5
    needs_context = False
    requires: tuple[str, ...] = ()
    slow = False
    needs_model = False

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        for m in _KEPT_RUN.finditer(doc.text):
            data = raw_bytes(m.group())
            repaired: str | None = None
            source = ""
            for enc in CHINESE_ENCODINGS:
                if enc == doc.encoding:
                    continue
                try:
                    candidate = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                if HAN_RE.search(candidate):
                    repaired, source = candidate, enc
                    break
            hex_bytes = data[:16].hex(" ")
            yield Draft(
                kind="encoding",
                start=m.start(),
                end=m.end(),
                replacement=repaired,
                confidence=0.9 if repaired is not None else 0.0,
                message=(
                    f"{len(data)} bytes in {source}, not {doc.encoding}: decode them as {source}"
                    if repaired is not None
                    else f"{len(data)} bytes that are not {doc.encoding}; kept as they are"
                ),
                message_id="encoding.bytes_decoded"
                if repaired is not None
                else "encoding.bytes_kept",
                params={"n": str(len(data)), "encoding": doc.encoding}
                | ({"source": source} if repaired is not None and source else {}),
                evidence={"bytes": hex_bytes, "file_encoding": doc.encoding, "as": source},
            )
