"""Speed of typo detection as an editor and an archivist feel it.

    python -m bench.typo_speed [--repeat 5] [--compiled]

- start-up: `corpusfix check` of a one-line file in a fresh process (imports, word list, language
  model, similarity tables), median wall time;
- one 10,000-character article (real news paragraphs from ../shared/data/news-clean-dev with three
  typos put in), every detector, warm: median of the analysis time;
- throughput is `python -m bench.throughput` (whole pipeline, all detectors).
"""

from __future__ import annotations

import argparse
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


def article(chars: int = 10_000) -> str:
    paras: list[str] = []
    for p in news_paragraphs():
        if sum(len(x) for x in paras) >= chars:
            break
        paras.append(p.replace(" ", ""))
    text = "\n\n".join(paras)[:chars]
    # Three damaged words so that the detector has real work to do, not just clean text.
    return text.replace("发展", "发屐", 1).replace("经济", "经齐", 1).replace("记者", "记著", 1)


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
    starts = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        cmd = [sys.executable, "-m", "corpusfix", "check", str(one)]
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
        starts.append(time.perf_counter() - t0)
    print(f"start-up (check of one line, fresh process): median {statistics.median(starts):.2f} s")
    text = article()
    settings = Settings()
    suggest(build_document(text, name="warm"), settings)  # warm-up: tables loaded
    times, found = [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = len(suggest(build_document(text, name="a"), settings))
        times.append(time.perf_counter() - t0)
    print(
        f"{len(text):,}-character article, all detectors, warm: median "
        f"{statistics.median(times):.3f} s ({found} findings)"
    )


if __name__ == "__main__":
    main()
