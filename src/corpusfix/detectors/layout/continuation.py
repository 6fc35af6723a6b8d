"""Joins across a block boundary, doubted where the character model reads another block on better.

pdftotext reads the boxes of some pages out of order (stacked boxes with aligned columns as one
column): a column's last line, cut mid-sentence, is then followed by another story's block,
and width, punctuation and title evidence all say "wrap". The character model can tell: it
scores how much the next block's first characters gain from the line's last ones, and compares
that with every other block's start on the page. Where another start fits better by
``MARGIN`` (log10), the join is doubted: its confidence drops below the default
--min-confidence, so it is suggested but not applied.

Off for OCR-like text: OCR misreads characters at line ends, and the model's judgement with
them (on the tune pages read by tesseract the doubt cost more right breaks than it saved).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from corpusfix.core.errors import CorpusfixError
from corpusfix.detectors.layout.column import Line
from corpusfix.detectors.layout.line_roles import LineRole
from corpusfix.lm import vector
from corpusfix.lm.text import query_chars

if TYPE_CHECKING:
    from corpusfix.detectors.layout.lines import Break
    from corpusfix.lm.model import CharLM

CHARS = 4  # characters scored on each side of the break (the shipped model's order less one)
# log10 margin by which another block's start must fit better, fitted on the tune pages of
# bench.pdf_layout (docs/decisions.md, session 10): 2.2 doubts 12 wrong joins and no right one.
MARGIN = 2.2
WINDOW = 40  # block starts looked at on each side of the break (a page holds 20-60 blocks)
DOUBTED = 0.6  # below the default --min-confidence (0.8)
# A sentence end before the break: the model says nothing about what follows it.
_ENDS = frozenset("。！？!?；;：:…”’」』）)》")
# OCR reads CJK punctuation as ASCII, often with a space (祝贺 !, (上接第16版 ), 我们,): on the
# tune pages this marks 4.6-10 % of tesseract's lines and none of pdftotext's.
_OCR_PUNCT = re.compile(
    r"[\u4e00-\u9fff，。、“”（）] ?[,!?;:()]|[,!?;:()] ?[\u4e00-\u9fff]"
    r"|[\u4e00-\u9fff] [!?;:)，。、]"
)
OCR_SHARE = 0.02  # marks per line from which a text is OCR (under half the least seen)


def ocr_like(text: str, groups: Sequence[Sequence[Line]]) -> bool:
    """OCR output, not an extraction: a line kept its first-line indent (pdftotext drops it), or
    ASCII punctuation stands among Han characters on many lines."""
    if any(ln.indented for g in groups for ln in g):
        return True
    lines = text.count("\n") + 1
    return len(_OCR_PUNCT.findall(text)) >= OCR_SHARE * lines


def doubt(cross: dict[tuple[int, int], Break], text: str, groups: Sequence[Sequence[Line]]) -> None:
    """Lower the confidence of cross-block wraps that another block's start continues better
    (in place); ``text``, ``groups``: the document's text and its blocks' lines."""
    asked = [
        key
        for key, b in cross.items()
        if b.wrap and b.confidence > DOUBTED and b.a.text[-1] not in _ENDS
    ]
    if not asked or ocr_like(text, groups):
        return
    starts = [b.b for b in cross.values() if b.b.role is LineRole.TEXT]
    if len(starts) < 2:
        return
    try:
        from corpusfix.detectors.typos.charmodels import shipped_models

        lm = shipped_models().shipped
    except (OSError, ValueError, CorpusfixError):  # no model to ask: the joins stand as decided
        return
    where = {id(ln): n for n, ln in enumerate(starts)}
    # (break, the block starts near it): out-of-order reading stays on its page, and the time
    # stays linear in the text's length.
    pairs: list[tuple[tuple[int, int], list[int]]] = []
    for key in asked:
        b = cross[key]
        at = where.get(id(b.b))
        if at is None:
            continue
        span = range(max(0, at - WINDOW), min(len(starts), at + WINDOW + 1))
        pairs.append((key, [n for n in span if starts[n].para != b.a.para]))
    heads = [ln.text[:CHARS] for ln in starts]
    lefts = [cross[key].a.text[-CHARS:] for key, _ in pairs]
    gains = _gains(lm, lefts, heads, [near for _, near in pairs])
    for (key, near), row in zip(pairs, gains, strict=True):
        b = cross[key]
        own = best = None
        for n, gain in zip(near, row, strict=True):
            if starts[n] is b.b:
                own = gain
            elif best is None or gain > best:
                best = gain
        if own is not None and best is not None and best - own >= MARGIN:
            cross[key] = b._replace(
                confidence=DOUBTED,
                reason=f"{b.reason}; but another block's start reads on better",
            )


def _gains(
    lm: CharLM, lefts: Sequence[str], heads: Sequence[str], near: Sequence[Sequence[int]]
) -> list[list[float]]:
    """For each left context and each head it is paired with: log10 P(head | left) less
    log10 P(head) (what the left context adds). All at once with numpy where it is there."""
    if not vector.available():
        alone = {n: sum(lm.score(heads[n])) for ns in near for n in ns}
        return [
            [sum(lm.score(left + heads[n])[len(left) :]) - alone[n] for n in ns]
            for left, ns in zip(lefts, near, strict=True)
        ]
    import numpy as np

    vlm = _vector(lm)
    width = 2 * CHARS
    pad = vector.PAD
    head_cps = np.full((len(heads), CHARS), pad, dtype=np.int64)
    mask = np.zeros((len(heads), CHARS), dtype=bool)
    for n, h in enumerate(heads):
        head_cps[n, : len(h)] = [ord(c) for c in query_chars(h)]
        mask[n, : len(h)] = True
    index = np.array([n for ns in near for n in ns], dtype=np.int64)
    if not len(index):
        return [[] for _ in near]
    # One batch: the heads alone first (no context before them: PAD, as CharLM.score scores a
    # text's start), then each head after its left context.
    rows = np.full((len(heads) + len(index), width), pad, dtype=np.int64)
    rows[: len(heads), CHARS:] = head_cps
    k = len(heads)
    for left, ns in zip(lefts, near, strict=True):
        cps = [ord(c) for c in query_chars(left)]
        rows[k : k + len(ns), CHARS - len(cps) : CHARS] = cps
        k += len(ns)
    rows[len(heads) :, CHARS:] = head_cps[index]
    masks = np.concatenate([mask, mask[index]])
    logp = np.where(masks, vlm.logprobs(rows)[:, CHARS:], 0.0).sum(axis=1)
    alone, joined = logp[: len(heads)], logp[len(heads) :]
    gain = (joined - alone[index]).tolist()
    out = []
    k = 0
    for ns in near:
        out.append(gain[k : k + len(ns)])
        k += len(ns)
    return out


@lru_cache(maxsize=1)
def _vector(lm: CharLM) -> vector.VectorLM:
    return vector.VectorLM(lm)
