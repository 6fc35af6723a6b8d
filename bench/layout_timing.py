"""CPU time of the layout detectors, in all and per detector (bench.layout --speed, bench.line_speed).

CPU time of this process (``time.process_time``), not wall time: on a shared machine the wall
clock counts the other processes' turns too; per core, the CPU time is what a core of its own
would take. Each figure is the median of ``repeat`` runs.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence

from corpusfix.api import Settings, suggest
from corpusfix.core.document import Document, build_document
from corpusfix.core.suggestion import Draft
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.pipeline import detectors_to_run


def shifted(text: str, k: int) -> str:
    """The text with its Han characters moved ``k`` steps along: a big article made of copies
    does not repeat itself (the layout and its damage stay, the duplicate index sees new text)."""
    if k == 0:
        return text
    return "".join(
        chr(0x4E00 + (ord(c) - 0x4E00 + 97 * k) % 0x5200) if "\u4e00" <= c <= "\u9fff" else c
        for c in text
    )


def article(pages: Sequence[str], mb: float) -> str:
    """One article of about ``mb`` megabytes: the pages in order, then shifted copies of them."""
    out: list[str] = []
    size, k = 0, 0
    while size < mb * 1e6:
        for page in pages:
            out.append(shifted(page, k))
            size += len(out[-1].encode()) + 2
            if size >= mb * 1e6:
                break
        k += 1
    return "\n\n".join(out)


def timed_run(
    texts: Sequence[str], kinds: frozenset[str], repeat: int = 3
) -> tuple[float, float, float]:
    """(MB, build seconds, detection seconds through ``suggest``), medians of ``repeat`` runs."""
    settings = Settings(only=kinds)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    builds, detects = [], []
    for _ in range(repeat):
        build = detect = 0.0
        for t in texts:
            t0 = time.process_time()
            doc = build_document(t)
            t1 = time.process_time()
            suggest(doc, settings)
            detect += time.process_time() - t1
            build += t1 - t0
        builds.append(build)
        detects.append(detect)
    return mb, statistics.median(builds), statistics.median(detects)


def per_detector(texts: Sequence[str], kinds: frozenset[str], repeat: int = 3) -> dict[str, float]:
    """CPU seconds of each detector the kinds need (medians), run as the pipeline runs them."""
    docs: list[Document] = [build_document(t) for t in texts]
    plan = detectors_to_run(kinds)
    runs: list[dict[str, float]] = []
    for _ in range(repeat):
        spent = dict.fromkeys((d.id for d in plan), 0.0)
        for doc in docs:
            found: dict[str, list[Draft]] = {}
            for det in plan:
                seen = {d: found[d] for d in det.requires if d in found}
                t0 = time.process_time()
                found[det.id] = list(det.detect(doc, DetectContext(found=seen)))
                spent[det.id] += time.process_time() - t0
        runs.append(spent)
    return {d.id: statistics.median(r[d.id] for r in runs) for d in plan}


def print_rows(rows: Sequence[tuple[str, Sequence[str]]], kinds: frozenset[str]) -> None:
    for label, texts in rows:
        mb, build, detect = timed_run(texts, kinds)
        print(
            f"{label}: {mb:.2f} MB; layout detectors {mb / detect:.1f} MB/s per core "
            f"({detect:.2f} CPU s), with document build {mb / (build + detect):.1f} MB/s "
            "(median of 3)"
        )


def print_per_detector(texts: Sequence[str], kinds: frozenset[str]) -> None:
    mb = sum(len(t.encode()) for t in texts) / 1e6
    spent = per_detector(texts, kinds)
    parts = ", ".join(
        f"{d} {s:.3f} s ({mb / s:.0f} MB/s)"
        for d, s in sorted(spent.items(), key=lambda ds: -ds[1])
    )
    print(f"per detector on {mb:.2f} MB (CPU s, median of 3): {parts}")
