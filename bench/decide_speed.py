"""Deciding costs little next to detecting: `fix --accept all` against `check` on one file.

    python -m bench.decide_speed [--sizes 2000,4000,8000,16000] [--repeat 3]

The file is '很长的一行文字,没有换行' repeated N times (one line, one punctuation suggestion per
repetition: N suggestions that all get accepted). Each command runs in a fresh process, as a user
runs it; the table gives the median wall and CPU time of each and their ratios (CPU time is the
steadier figure on a shared machine). Issue 18.16: accepting was quadratic, 105 s against 4.2 s
for `check` at N = 16,000; the aim is a ratio of at most 1.5 at every N.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import WORK

UNIT = "很长的一行文字,没有换行"


def _run(args: list[str], ok: tuple[int, ...]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "corpusfix", *args],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in ok:
        sys.exit(f"corpusfix {' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu


def _medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def measure(n: int, repeat: int, work: Path) -> tuple[tuple[float, float], tuple[float, float]]:
    """Medians (wall, CPU) of check and of fix --accept all on the N-repetition file."""
    src = work / f"line-{n}.txt"
    src.write_text(UNIT * n, encoding="utf-8")
    out = work / f"line-{n}.clean.txt"
    check = [_run(["check", str(src)], ok=(0, 1)) for _ in range(repeat)]
    fix = [
        _run(["fix", str(src), "-o", str(out), "--accept", "all"], ok=(0,)) for _ in range(repeat)
    ]
    return _medians(check), _medians(fix)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2000,4000,8000,16000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = WORK / "decide_speed"
    work.mkdir(parents=True, exist_ok=True)
    print(f"median of {args.repeat}; seconds; ratio = fix / check")
    print(
        f"{'N':>6} | {'check':>6} {'fix':>6} {'ratio':>5} (wall) | {'check':>6} {'fix':>6} {'ratio':>5} (CPU)"
    )
    for n in (int(x) for x in args.sizes.split(",")):
        (cw, cc), (fw, fc) = measure(n, args.repeat, work)
        print(
            f"{n:>6} | {cw:>6.2f} {fw:>6.2f} {fw / cw:>5.2f}        | {cc:>6.2f} {fc:>6.2f} {fc / cc:>5.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
