"""Speed of typo detection as an editor and an archivist feel it.

    python -m bench.typo_speed [--repeat 5] [--compiled]

- start-up: `corpusfix check` of a one-line file in a fresh process (imports, word list, language
  model, similarity tables), median wall and CPU time (the child's user + system time), and
  where a fresh process spends it (imports, then the first check: the tables load on first use);
- one 10,000-character article (real news paragraphs from ../shared/data/news-clean-dev with three
  typos put in), every detector, warm: median of the analysis time;
- throughput is `python -m bench.throughput` (whole pipeline, all detectors).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from bench.common import (
    ROOT,
    WORK,
    add_compiled_option,
    news_paragraphs,
    rerun_compiled,
)
from corpusfix.api import Settings, suggest
from corpusfix.build_info import typo_detector_build
from corpusfix.core.document import build_document


def article(chars: int = 10_000, part: int = 0) -> str:
    """The ``part``-th article of ``chars`` characters: consecutive news paragraphs, none shared
    with another part (a repeated text would only measure the typo check's memo)."""
    paras: list[str] = []
    parts = 0
    for p in news_paragraphs():
        if sum(len(x) for x in paras) >= chars:
            if parts == part:
                break
            paras, parts = [], parts + 1
        paras.append(p.replace(" ", ""))
    text = "\n\n".join(paras)[:chars]
    # Three damaged words so that the detector has real work to do, not just clean text.
    return text.replace("发展", "发屐", 1).replace("经济", "经齐", 1).replace("记者", "记著", 1)


def _child(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a child process; CPU is its user + system time (Unix)."""
    try:
        import resource
    except ImportError:  # Windows: no rusage of children
        resource = None  # type: ignore[assignment]
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
    wall = time.perf_counter() - t0
    if resource is None or before is None:
        return wall, float("nan")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# Run in a fresh interpreter: the phases of a first check, each as (wall, CPU) seconds.
_PHASES = """
import json, sys, time
w, c = time.perf_counter(), time.process_time()
out = {}
def lap(name):
    global w, c
    out[name] = (time.perf_counter() - w, time.process_time() - c)
    w, c = time.perf_counter(), time.process_time()
from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
lap("imports")
suggest(build_document(open(sys.argv[1], encoding="utf-8").read(), name="one"), Settings())
lap("first check")
suggest(build_document(open(sys.argv[1], encoding="utf-8").read(), name="one"), Settings())
lap("second check")
print(json.dumps(out))
"""


def _phases(path: object) -> str:
    cmd = [sys.executable, "-c", _PHASES, str(path)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return proc.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    add_compiled_option(ap)
    args = ap.parse_args()
    rerun_compiled(args, "bench.typo_speed")
    print(f"build: {typo_detector_build()}")
    WORK.mkdir(parents=True, exist_ok=True)
    one = WORK / "one-line.txt"
    one.write_text("厂里生产的特高压变庄器装备运往各地。\n", encoding="utf-8")
    starts, cpus = [], []
    for _ in range(args.repeat):
        cmd = [sys.executable, "-m", "corpusfix", "check", str(one)]
        wall, cpu = _child(cmd)
        starts.append(wall)
        cpus.append(cpu)
    print(
        f"start-up (check of one line, fresh process): median {statistics.median(starts):.2f} s "
        f"wall, {statistics.median(cpus):.2f} s CPU"
    )
    phases = [json.loads(_phases(one)) for _ in range(args.repeat)]
    print(
        "  in a fresh process, median wall/CPU s: "
        + ", ".join(
            f"{k} {statistics.median(p[k][0] for p in phases):.2f}/"
            f"{statistics.median(p[k][1] for p in phases):.2f}"
            for k in phases[0]
        )
    )
    settings = Settings()
    suggest(build_document(article(), name="warm"), settings)  # warm-up: tables loaded
    # Each run a new article (parts 1, 2, ...): warm tables, but no window scored before. Then
    # the last one again, as the app's re-analysis of an edited article finds it.
    times, found, cpus = [], [], []
    texts = [article(part=k + 1) for k in range(args.repeat)]
    for k, text in enumerate([*texts, texts[-1]]):
        t0, c0 = time.perf_counter(), time.process_time()
        n = len(suggest(build_document(text, name=f"a{k}"), settings))
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        found.append(n)
    print(
        f"10,000-character article, all detectors, warm (a new article each run): median "
        f"{statistics.median(times[:-1]):.3f} s wall, {statistics.median(cpus[:-1]):.3f} s CPU "
        f"(runs: {', '.join(f'{t:.3f}' for t in times[:-1])} s; findings {found[:-1]})"
    )
    print(
        f"the last article again: {times[-1]:.3f} s wall, {cpus[-1]:.3f} s CPU "
        f"({found[-1]} findings)"
    )


if __name__ == "__main__":
    main()
