"""Shared helpers for benchmarks: where the evaluation data is, timing, building corpora."""

from __future__ import annotations

import argparse
import lzma
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout; CORPUSFIX_SHARED names it for a checkout elsewhere (a git
# worktree of an older commit, to measure it against this one).
SHARED_DATA = Path(os.environ.get("CORPUSFIX_SHARED") or ROOT.parent / "shared") / "data"
WORK = ROOT / "bench" / "_work"


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(
            f"benchmark data not found: {path} (it lives in ../shared/data beside the repo; "
            "set CORPUSFIX_SHARED to its folder for a checkout elsewhere)"
        )
    return path


def news_paragraphs() -> list[str]:
    src = require(SHARED_DATA / "news-clean-dev" / "pku_test.utf8")
    return [ln.strip() for ln in src.read_text("utf-8").splitlines() if ln.strip()]


def _write_articles(bodies: Iterator[list[str]], target_mb: float, out: Path) -> list[Path]:
    """Each body as a blank-line separated article file, until target_mb is written."""
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    total = n = 0
    while total < target_mb * 1e6:  # the next body is asked for only while one is needed
        body = next(bodies)
        data = ("\n\n".join(body) + "\n").encode("utf-8")
        path = out / f"{n // 1000:03d}" / f"article-{n:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        files.append(path)
        total += len(data)
        n += 1
    return files


def build_news_corpus(target_mb: float, out: Path, seed: int = 7) -> list[Path]:
    """Articles of 8–30 real news paragraphs, blank-line separated, until target_mb is reached."""
    paras = news_paragraphs()
    rng = random.Random(seed)

    def bodies() -> Iterator[list[str]]:
        while True:
            k = rng.randint(8, 30)
            start = rng.randrange(len(paras))
            yield [paras[(start + i) % len(paras)] for i in range(k)]

    return _write_articles(bodies(), target_mb, out)


def build_distinct_corpus(target_mb: float, out: Path, seed: int = 7) -> list[Path]:
    """Like ``build_news_corpus``, but no paragraph twice: the news paragraphs once each, then
    the archive-cctv paragraphs in order (evaluation data, read only). The news corpus repeats a
    0.5 MB text forty times in 20 MB, which flatters any memo of the typo check's scores."""
    paras = news_paragraphs()
    path = require(SHARED_DATA / "archive-cctv" / "cctv-news.txt.xz")
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        # the day headers (《新闻联播》 (YYYYMMDD)) are no article text
        paras += [ln.strip() for ln in fh if ln.strip() and not ln.startswith("《新闻联播》 (")]
    paras = list(dict.fromkeys(paras))  # the archive has no exact repeats; the news may
    rng = random.Random(seed)

    def bodies() -> Iterator[list[str]]:
        at = 0
        while True:
            if at >= len(paras):
                sys.exit(f"ran out of distinct paragraphs before {target_mb} MB: ask for less")
            k = rng.randint(8, 30)
            yield paras[at : at + k]
            at += k

    return _write_articles(bodies(), target_mb, out)


def timed_cpu(fn: Callable[[], object], repeat: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run: on a shared machine the CPU time is the steadier one."""
    times = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t0, time.process_time() - c0))
    return times


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def add_compiled_option(ap: argparse.ArgumentParser) -> None:
    ap.add_argument(
        "--compiled",
        action="store_true",
        help="measure the build whose typo detector is compiled by mypyc, as wheels ship it "
        "(built in a temporary folder by scripts/build_compiled.py)",
    )


def rerun_compiled(args: argparse.Namespace, module: str) -> None:
    """With --compiled: build the compiled package, run this benchmark again on it, exit."""
    if not args.compiled:
        return
    # Outside the repository: mypy skips files in git-ignored folders such as bench/_work.
    with tempfile.TemporaryDirectory(prefix="corpusfix-compiled-") as tmp:
        build = [sys.executable, str(ROOT / "scripts" / "build_compiled.py"), tmp]
        src = subprocess.run(build, check=False, capture_output=True, text=True)
        if src.returncode != 0:
            sys.exit(src.stderr.strip())
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([src.stdout.strip(), str(ROOT)])}
        argv = [a for a in sys.argv[1:] if a != "--compiled"]
        cmd = [sys.executable, "-m", module, *argv]
        code = subprocess.run(cmd, env=env, check=False).returncode
    sys.exit(code)
