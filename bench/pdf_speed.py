"""PDF input speed: pages per second per core, reading the text layer and rebuilding articles.

    python -m bench.pdf_speed [PDF|FOLDER ...] [--repeat 3] [--fix]

Default input: the benchmark pages of bench.pdf_pages (CORPUSFIX_PDFPAGES or
/work/cache/pdfpages, both halves), else the test PDF in tests/fixtures/pdf. CPU time of this
process (one core), median of the repeats. ``--fix`` also times the whole `fix` (detectors,
policy, clean text and change log rendered in memory). Target (issue 16): >= 2 pages/s per core.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from corpusfix.api import DEFAULT_MIN_CONFIDENCE, document_from, start_session
from corpusfix.core.sources import load_pdf
from corpusfix.export.writer import render

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(os.environ.get("CORPUSFIX_PDFPAGES", "/work/cache/pdfpages"))
ACCEPT = ("merge", "duplicate", "furniture", "split")
HALVES = ("tune", "report")  # the cache also keeps its files by content hash: not those twice


def inputs(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for a in args or [str(PAGES / h) for h in HALVES]:
        p = Path(a)
        found.extend(sorted(p.rglob("*.pdf")) if p.is_dir() else [p] if p.is_file() else [])
    return found or [ROOT / "tests" / "fixtures" / "pdf" / "article.pdf"]


def one_pass(datas: list[tuple[str, bytes]], fix: bool) -> tuple[float, int]:
    pages = 0
    t0 = time.process_time()
    for name, data in datas:
        loaded, extraction = load_pdf(data, name)
        pages += extraction.pages
        if fix:
            doc = document_from(loaded, name=name, extraction=extraction)
            session = start_session(doc)
            session.accept_all(ACCEPT, min_confidence=DEFAULT_MIN_CONFIDENCE)
            render(session, original_name=name)
    return time.process_time() - t0, pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--fix", action="store_true", help="time the whole fix, not the reading only")
    args = ap.parse_args()
    files = inputs(args.paths)
    datas = [(p.name, p.read_bytes()) for p in files]
    one_pass(datas[:1], args.fix)  # imports and first-use costs out of the figure
    runs = [one_pass(datas, args.fix) for _ in range(args.repeat)]
    cpu = statistics.median(t for t, _ in runs)
    pages = runs[0][1]
    what = "read + rebuild + fix" if args.fix else "read + rebuild"
    print(
        f"{len(files)} PDFs, {pages} pages, {what}: {cpu / pages * 1000:.0f} ms CPU per page = "
        f"{pages / cpu:.1f} pages/s per core (median of {args.repeat})"
    )


if __name__ == "__main__":
    main()
