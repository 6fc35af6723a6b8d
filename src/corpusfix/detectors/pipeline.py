"""Run the registered detectors over a document and number their findings."""

from __future__ import annotations

from collections.abc import Iterable

from corpusfix.core.document import Document
from corpusfix.core.suggestion import FLAG_ONLY_KINDS, KINDS, Draft, Suggestion
from corpusfix.detectors import (  # noqa: F401  (registration)
    encoding,
    layout,
    mojibake,
    punctuation,
    typos,
    variant,
    whitespace,
)
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.registry import DETECTORS, Detector

_KIND_RANK = {k: i for i, k in enumerate(KINDS)}


def enabled_detectors(
    only: frozenset[str] | None = None, disabled: Iterable[str] = ()
) -> list[Detector]:
    off = set(disabled)
    dets = [d for d in DETECTORS.values() if d.id not in off]
    if only is not None:
        dets = [d for d in dets if d.kinds & only]
    return sorted(dets, key=lambda d: (d.order, d.id))


def _with_requirements(dets: list[Detector]) -> list[Detector]:
    """Add the detectors that the chosen ones read from (``requires``), in running order."""
    chosen = {d.id: d for d in dets}
    todo = list(dets)
    while todo:
        for dep in getattr(todo.pop(), "requires", ()):
            if dep not in chosen and dep in DETECTORS:
                chosen[dep] = DETECTORS[dep]
                todo.append(DETECTORS[dep])
    return sorted(chosen.values(), key=lambda d: (d.order, d.id))


def analyze(
    doc: Document,
    *,
    only: frozenset[str] | None = None,
    ctx: DetectContext | None = None,
    disabled: Iterable[str] = (),
) -> list[Suggestion]:
    """All suggestions for ``doc``, sorted by position, with stable ids ``s1, s2, …``.

    Ids depend only on the text and the settings, so two runs agree (SPEC: identical output).
    """
    ctx = ctx or DetectContext()
    drafts: list[tuple[Draft, str]] = []
    for det in _with_requirements(enabled_detectors(only, disabled)):
        if doc.lines_mode and det.needs_context:
            continue
        found = list(det.detect(doc, ctx))
        ctx.found[det.id] = found
        drafts.extend((d, det.id) for d in found)
    if only is not None:
        drafts = [(d, i) for d, i in drafts if d.kind in only]
    if doc.lines_mode:
        drafts = [(d, i) for d, i in drafts if d.kind not in FLAG_ONLY_KINDS]
    drafts.sort(key=lambda di: (di[0].start, di[0].end, _KIND_RANK[di[0].kind], di[1]))
    out = []
    for n, (d, det_id) in enumerate(drafts, 1):
        out.append(
            Suggestion(
                id=f"s{n}",
                kind=d.kind,
                detector=det_id,
                start=d.start,
                end=d.end,
                replacement=d.replacement,
                confidence=round(d.confidence, 3),
                message=d.message,
                line=doc.line_of(d.start),
                evidence=d.evidence,
                candidates=d.candidates or ((d.replacement,) if d.replacement is not None else ()),
            )
        )
    return out
