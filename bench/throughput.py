"""Foundation benchmark: load + detect + export throughput on a ≥ 50 MB news corpus, one core.

    python -m bench.throughput [--mb 50] [--repeat 3] [--only KINDS] [--report] [--compiled]
                               [--distinct] [--engine-only]

Prints MB/s per core (median of the repeats), by wall and by CPU time. The corpus is built from
../shared/data/news-clean-dev into bench/_work (not committed); it repeats that 0.5 MB text, so
``--distinct`` builds one without a repeated paragraph (the news once, then archive-cctv), where
memoised scores are not flattered by repeats. With typo detection on, ``jieba.lcut`` is timed on
the same texts in the same run (issue 15: the check at ≥ 0.75× jieba's speed); jieba is a
benchmark-only dependency (the dev extras), skipped with a message where it is absent.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import tempfile
from pathlib import Path

from bench.common import (
    WORK,
    add_compiled_option,
    build_distinct_corpus,
    build_news_corpus,
    median,
    rerun_compiled,
    timed_cpu,
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


def jieba_lcut() -> object | None:
    """jieba.lcut, loaded and warmed up (its dictionary), or None where jieba is absent."""
    try:
        jieba = importlib.import_module("jieba")
    except ImportError:
        return None
    jieba.setLogLevel(60)  # no "Building prefix dict" chatter
    jieba.initialize()
    return jieba.lcut


def run_jieba(lcut: object, texts: list[str]) -> int:
    assert callable(lcut)
    return sum(len(lcut(t)) for t in texts)


def _line(label: str, size: int, times: list[tuple[float, float]]) -> tuple[float, float]:
    wall = median([w for w, _ in times])
    cpu = median([c for _, c in times])
    runs = ", ".join(f"{w:.2f}/{c:.2f}" for w, c in times)
    print(
        f"{label}: {size / 1e6 / wall:.2f} MB/s per core, {size / 1e6 / cpu:.2f} MB/s per CPU "
        f"second (median of {len(times)} runs, wall/CPU s: {runs})"
    )
    return size / 1e6 / wall, size / 1e6 / cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default=None, help="kinds to detect (default: every detector)")
    ap.add_argument("--report", action="store_true", help="also write HTML reports")
    ap.add_argument("--engine-only", action="store_true", help="skip the end-to-end runs")
    ap.add_argument(
        "--distinct",
        action="store_true",
        help="a corpus with no paragraph twice (news-clean-dev once, then archive-cctv)",
    )
    add_compiled_option(ap)
    args = ap.parse_args()
    rerun_compiled(args, "bench.throughput")
    if args.distinct:
        corpus = WORK / f"distinct-{args.mb:g}mb"
        if not corpus.exists():
            build_distinct_corpus(args.mb, corpus)
    else:
        corpus = WORK / f"news-{args.mb:g}mb"
        if not corpus.exists():
            build_news_corpus(args.mb, corpus)
    files = sorted(corpus.rglob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    kinds = parse_kinds(args.only) if args.only else None
    settings = Settings(only=kinds)
    datas = [(f.name, f.read_bytes()) for f in files]
    found = run_in_memory(datas[:50], settings)  # warm-up: imports, regex compilation
    engine = timed_cpu(lambda: run_in_memory(datas, settings), args.repeat)
    e2e: list[tuple[float, float]] = []
    if not args.engine_only:
        out_dir = Path(tempfile.mkdtemp(prefix="corpusfix-bench-"))
        try:
            e2e = timed_cpu(lambda: run(files, out_dir, settings, args.report), args.repeat)
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)
    print(
        f"corpus {corpus.name}: {size / 1e6:.1f} MB in {len(files)} files; detectors: "
        f"{args.only or 'all'}; report: {args.report}; warm-up suggestions: {found}; "
        f"build: {typo_detector_build()}"
    )
    speed = _line("engine (in memory)", size, engine)
    if e2e:
        _line("end to end (files, fsync)", size, e2e)
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(f"peak memory (max RSS) after the runs: {peak:.0f} MiB")
    except ImportError:  # Windows
        pass
    if kinds is None or "typo" in kinds:
        lcut = jieba_lcut()
        if lcut is None:
            print("jieba.lcut: not compared (jieba is not installed: pip install -e '.[dev]')")
            return
        texts = [t.decode("utf-8") for _, t in datas]
        ref = _line(
            "jieba.lcut (same texts)", size, timed_cpu(lambda: run_jieba(lcut, texts), args.repeat)
        )
        print(
            f"typo-checking engine / jieba.lcut: {speed[0] / ref[0]:.2f}× by wall, "
            f"{speed[1] / ref[1]:.2f}× by CPU time"
        )


if __name__ == "__main__":
    main()
