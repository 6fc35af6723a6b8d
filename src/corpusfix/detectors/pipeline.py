"""Run the registered detectors over a document and number their findings."""

from __future__ import annotations

from collections.abc import Iterable

from corpusfix.core.document import Document
from corpusfix.core.gc_pause import collector_paused
from corpusfix.core.kinds import ALL_KINDS, FLAG_ONLY_KINDS
from corpusfix.core.suggestion import Draft, Suggestion
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

_KIND_RANK = {k: i for i, k in enumerate(ALL_KINDS)}


def enabled_detectors(
    only: frozenset[str] | None = None, disabled: Iterable[str] = ()
) -> list[Detector]:
    """The detectors whose findings are reported, in running order."""
    off = set(disabled)
    dets = [d for d in DETECTORS.values() if d.id not in off]
    if only is not None:
        dets = [d for d in dets if d.kinds & only]
    return sorted(dets, key=lambda d: (d.order, d.id))


def detectors_to_run(
    only: frozenset[str] | None = None, disabled: Iterable[str] = ()
) -> list[Detector]:
    """The reported detectors and, transitively, those they read from (``requires``).

    A switched-off detector never runs, also when another requires it (the quick pass and a
    missing model switch detectors off because they must not run).
    """
    off = set(disabled)
    chosen = {d.id: d for d in enabled_detectors(only, off)}
    todo = list(chosen.values())
    while todo:
        for dep in todo.pop().requires:
            if dep not in chosen and dep not in off:
                chosen[dep] = DETECTORS[dep]
                todo.append(DETECTORS[dep])
    return sorted(chosen.values(), key=lambda d: (d.order, d.id))


# Running order per (only, disabled), worked out once for the registry as it stands, not per
# document: batch and the benchmarks analyse thousands of small pages, and the sort cost as much
# as a small detector.
_PLANS: dict[
    tuple[frozenset[str] | None, frozenset[str]], tuple[tuple[Detector, ...], tuple[Detector, ...]]
] = {}


def _plan(only: frozenset[str] | None, disabled: Iterable[str]) -> tuple[Detector, ...]:
    key = (only, frozenset(disabled))
    registry = tuple(DETECTORS.values())
    hit = _PLANS.get(key)
    if hit is not None and hit[0] == registry:
        return hit[1]
    if len(_PLANS) > 64:
        _PLANS.clear()
    plan = tuple(detectors_to_run(*key))
    _PLANS[key] = (registry, plan)
    return plan


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
    with collector_paused():
        return _analyze(doc, only, ctx or DetectContext(), disabled)


def _analyze(
    doc: Document,
    only: frozenset[str] | None,
    ctx: DetectContext,
    disabled: Iterable[str],
) -> list[Suggestion]:
    # Each draft with its sort key (position, kind, detector, then the order found: the sort
    # is stable as before); built in one pass, as a key function would cost a call a draft.
    keyed: list[tuple[int, int, int, str, int, Draft]] = []
    found: dict[str, list[Draft]] = {}
    skip = FLAG_ONLY_KINDS if doc.lines_mode else frozenset()
    for det in _plan(only, disabled):
        if doc.lines_mode and det.needs_context:
            continue
        # A detector sees the findings it declares and no others: what it finds never depends
        # on which other detectors happen to run (--only, the quick pass).
        seen = {dep: found[dep] for dep in det.requires if dep in found}
        got = found[det.id] = list(det.detect(doc, ctx.seeing(seen)))
        det_id = det.id
        keyed.extend(
            [
                (d.start, d.end, _KIND_RANK[d.kind], det_id, k, d)
                for k, d in enumerate(got, len(keyed))
                if (only is None or d.kind in only) and d.kind not in skip
            ]
        )
    keyed.sort()
    out = []
    line_of = doc.line_of  # a PDF page gives a suggestion per line: keep the loop lean
    # One (replacement,) tuple per distinct replacement, not per suggestion: the line breaks'
    # few replacements ("", a paragraph break) would make a tuple each for the collector to scan.
    single: dict[str, tuple[str, ...]] = {}
    for n, (start, end, _rank, det_id, _k, d) in enumerate(keyed, 1):
        rep, cands = d.replacement, d.candidates
        if not cands:
            cands = () if rep is None else single.get(rep) or single.setdefault(rep, (rep,))
        # Positional: binding keywords cost as much as the rest of the call.
        out.append(
            Suggestion(
                f"s{n}",
                d.kind,
                det_id,
                start,
                end,
                rep,
                round(d.confidence, 3),
                d.message,
                line_of(start),
                d.evidence,
                cands,
                d.message_id,
                d.params,
            )
        )
    return out
