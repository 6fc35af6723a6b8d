"""Mojibake inside good text: UTF-8 bytes that were once decoded as GBK or Latin-1 and saved.

`首届` in UTF-8 read as GBK gives `棣栧眾`; read as Latin-1/cp1252 it gives `é¦–å±Š`. The repair is
the round trip back: encode the stretch as GBK (or cp1252/Latin-1) and decode the bytes as UTF-8.
Ordinary Chinese text almost never survives that round trip, and a repair is only proposed when
the result reads as Chinese far better than the stretch did (the language model decides).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from corpusfix.core.document import Document
from corpusfix.core.suggestion import Draft
from corpusfix.core.text_classes import HAN_RE
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.registry import register
from corpusfix.detectors.typos import tables

# Stretches that could be GBK mojibake: no ASCII, no line breaks, no CJK punctuation that UTF-8
# mojibake cannot produce.
_GBK_RUN = re.compile(r"[^\x00-\x7f\s，。、；：？！“”‘’（）《》\ufffd]{3,}")
# Latin-1/cp1252 mojibake: UTF-8 lead bytes of CJK (E3–E9) show as ã…é, then continuation bytes.
_LATIN_RUN = re.compile(
    "(?:[\u00e3-\u00e9][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2})+"
)
_CP1252_EXTRA = {
    c: bytes([b]) for b in range(0x80, 0xA0) if (c := bytes([b]).decode("cp1252", "ignore"))
}
# Two UTF-8 encoded CJK characters in a row somewhere in the GBK bytes: a cheap test that
# ordinary text fails almost always (the careful per-character search runs only after it).
_UTF8_PAIR = re.compile(rb"[\xe3-\xe9][\x80-\xbf]{2}[\xe3-\xe9][\x80-\xbf]{2}")
MIN_GAIN_PER_CHAR = 1.0  # log10 units per repaired character


def _utf8_prefixes(data: bytes) -> list[int]:
    """Byte counts at which ``data`` decodes as complete UTF-8 (stops at the first error)."""
    dec = codecs.getincrementaldecoder("utf-8")()
    ends = []
    for i in range(len(data)):
        try:
            dec.decode(data[i : i + 1])
        except UnicodeDecodeError:
            break
        if dec.getstate()[0] == b"":
            ends.append(i + 1)
    return ends


def _plausible(old: str, new: str) -> bool:
    if len(new) < 2 or not all(HAN_RE.match(c) or c in "，。、；：？！" for c in new):
        return False
    lm = tables.language_model()
    per_new = lm.score_fast(new, False, False) / len(new)
    per_old = lm.score_fast(old, False, False) / max(1, len(old))
    return per_new - per_old >= MIN_GAIN_PER_CHAR


@register
class MojibakeDetector:
    id = "normalize.mojibake"
    kinds = frozenset({"encoding"})
    order = 6
    needs_context = False
    requires: tuple[str, ...] = ()
    slow = False
    needs_model = True  # the shipped language model (kenlm)

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        # GBK is stateless: a run's bytes are a slice of the whole text's bytes, so no pair of
        # UTF-8 characters in the whole means none in any run (most documents stop here).
        if _UTF8_PAIR.search(text.encode("gbk", errors="replace")):
            for m in _GBK_RUN.finditer(text):
                yield from self._gbk(text, m.start(), m.group())
        for m in _LATIN_RUN.finditer(text):
            data = b"".join(
                bytes([ord(c)]) if ord(c) < 256 else _CP1252_EXTRA.get(c, b"?") for c in m.group()
            )
            try:
                repaired = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if HAN_RE.search(repaired):
                yield self._draft(text, m.start(), m.end(), repaired, "cp1252/Latin-1", 0.95)

    def _gbk(self, text: str, base: int, run: str) -> Iterator[Draft]:
        """The longest stretches of ``run`` whose GBK bytes are complete UTF-8."""
        try:
            if not _UTF8_PAIR.search(run.encode("gbk")):
                return
        except UnicodeEncodeError:
            return
        try:
            char_ends = []
            total = 0
            for c in run:
                total += len(c.encode("gbk"))
                char_ends.append(total)
        except UnicodeEncodeError:
            return
        data = run.encode("gbk")
        starts = [0, *char_ends[:-1]]
        i = 0
        while i < len(run) - 2:
            lead = data[starts[i]]
            if not 0xE3 <= lead <= 0xE9:
                i += 1
                continue
            ends = set(_utf8_prefixes(data[starts[i] :]))
            best = 0
            for j in range(i + 3, len(run) + 1):  # three GBK characters carry two Han characters
                if char_ends[j - 1] - starts[i] in ends:
                    best = j
            if best:
                old = run[i:best]
                new = data[starts[i] : char_ends[best - 1]].decode("utf-8")
                if _plausible(old, new):
                    yield self._draft(text, base + i, base + best, new, "GBK", 0.9)
                    i = best
                    continue
            i += 1

    @staticmethod
    def _draft(text: str, start: int, end: int, new: str, read_as: str, conf: float) -> Draft:
        return Draft(
            kind="encoding",
            start=start,
            end=end,
            replacement=new,
            confidence=conf,
            message=f"mojibake: UTF-8 text once read as {read_as}; it reads '{new}'",
            message_id="encoding.mojibake",
            params={"read_as": read_as, "new": new},
            evidence={**context(text, start, end), "read_as": read_as},
        )
