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
from functools import lru_cache
from typing import TYPE_CHECKING

from corpusfix.core.errors import CorpusfixError
from corpusfix.detectors.layout.column import FULL_SLACK, Line
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


def doubt(
    cross: dict[tuple[int, int], Break],
    groups: Sequence[Sequence[Line]],
    widths: Sequence[float | None],
) -> None:
    """Lower the confidence of cross-block wraps that another block's start continues better
    (in place); ``groups`` and ``widths``: the blocks' lines and column widths."""
    asked = [
        key
        for key, b in cross.items()
        if b.wrap and b.confidence > DOUBTED and b.a.text[-1] not in _ENDS
    ]
    if not asked or not justified(groups, widths):
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
