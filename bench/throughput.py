"""Foundation benchmark: load + detect + export throughput on a ≥ 50 MB news corpus, one core.

    python -m bench.throughput [--mb 50] [--repeat 3] [--only KINDS] [--report] [--compiled]

Prints MB/s per core (median of the repeats). The corpus is built from
../shared/data/news-clean-dev into bench/_work (not committed).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from bench.common import (
    WORK,
    add_compiled_option,
    build_news_corpus,
    median,
    rerun_compiled,
    timed,
)
from corpusfix.api import DEFAULT_MIN_CONFIDENCE, Settings, document_from, start_session
from corpusfix.build_info import typo_detector_build
from corpusfix.core.loading import decode, read_input
from corpusfix.core.suggestion import parse_kinds
from corpusfix.export.writer import render, write_outputs


def run_in_memory(datas: list[tuple[str, bytes]], settings: Settings) -> int:
    """The engine alone: decode, detect, decide by policy, render clean text and change log."""
    n = 0
    for name, data in datas:
        doc = document_from(decode(data, name=name), name=name)
        session = start_session(doc, settings)
        session.accept_all(min_confidence=DEFAULT_MIN_CONFIDENCE)
        render(session, original_name=name)
        n += len(session.suggestions)
    return n


def run(files: list[Path], out_dir: Path, settings: Settings, report: bool) -> int:
    """End to end: read each file, analyse, write clean text and log atomically (fsync)."""
    n = 0
    for path in files:
        loaded = decode(read_input(path), name=str(path))
        doc = document_from(loaded, name=path.name)
        session = start_session(doc, settings)
        session.accept_all(min_confidence=DEFAULT_MIN_CONFIDENCE)
        target = out_dir / path.name
        write_outputs(
            session,
            input_path=path,
            out=target,
            report=target.with_suffix(".html") if report else None,
        )
        n += len(session.suggestions)
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default=None, help="kinds to detect (default: every detector)")
    ap.add_argument("--report", action="store_true", help="also write HTML reports")
    ap.add_argument("--engine-only", action="store_true", help="skip the end-to-end runs")
    add_compiled_option(ap)
    args = ap.parse_args()
    rerun_compiled(args, "bench.throughput")
    corpus = WORK / f"news-{args.mb:g}mb"
    if not corpus.exists():
        build_news_corpus(args.mb, corpus)
    files = sorted(corpus.rglob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    settings = Settings(only=parse_kinds(args.only) if args.only else None)
    datas = [(f.name, f.read_bytes()) for f in files]
    found = run_in_memory(datas[:50], settings)  # warm-up: imports, regex compilation
    engine = timed(lambda: run_in_memory(datas, settings), args.repeat)
    e2e: list[float] = []
    if not args.engine_only:
        out_dir = Path(tempfile.mkdtemp(prefix="corpusfix-bench-"))
        try:
            e2e = timed(lambda: run(files, out_dir, settings, args.report), args.repeat)
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)
    print(
        f"corpus {size / 1e6:.1f} MB in {len(files)} files; detectors: {args.only or 'all'}; "
        f"report: {args.report}; warm-up suggestions: {found}; build: {typo_detector_build()}"
    )
    for label, times in (("engine (in memory)", engine), ("end to end (files, fsync)", e2e)):
        if not times:
            continue
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(
            f"{label}: {size / 1e6 / median(times):.2f} MB/s per core "
            f"(median of {len(times)} runs: {runs} s)"
        )


if __name__ == "__main__":
    main()
