"""Pure Python against the compiled build, alternating, on a machine whose speed drifts.

    python -m bench.compare_builds [--mb 5] [--pairs 3]

Builds the compiled copy (scripts/build_compiled.py), then runs `bench.throughput --engine-only
--repeat 1` pure, compiled, pure, compiled… in fresh processes, so that both builds see the same
drift. Prints each build's median MB/s and the median of the pairwise speed ratios — the figure
to quote when absolute speeds move by tens of per cent within an hour (docs/speed.md).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

from bench.common import ROOT

_TIME = re.compile(r"engine \(in memory\): [\d.]+ MB/s per core \(median of 1 runs: ([\d.]+) s\)")
_SIZE = re.compile(r"corpus ([\d.]+) MB")


def one_run(mb: float, pythonpath: str | None) -> tuple[float, float]:
    """(MB, seconds) of one engine run in a fresh process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pythonpath, str(ROOT)) if p)
    cmd = [sys.executable, "-m", "bench.throughput", "--mb", f"{mb:g}", "--repeat", "1"]
    out = subprocess.run(
        [*cmd, "--engine-only"], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    size, secs = _SIZE.search(out), _TIME.search(out)
    if size is None or secs is None:
        sys.exit(f"unexpected benchmark output:\n{out}")
    return float(size.group(1)), float(secs.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--pairs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="corpusfix-compiled-") as tmp:
        build = [sys.executable, str(ROOT / "scripts" / "build_compiled.py"), tmp]
        proc = subprocess.run(build, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.exit(proc.stderr.strip())
        compiled = proc.stdout.strip()
        pure_t, comp_t = [], []
        for k in range(args.pairs):
            mb, t_pure = one_run(args.mb, None)
            _, t_comp = one_run(args.mb, compiled)
            pure_t.append(t_pure)
            comp_t.append(t_comp)
            print(f"pair {k + 1}: pure {t_pure:.2f} s, compiled {t_comp:.2f} s", flush=True)
    ratios = [p / c for p, c in zip(pure_t, comp_t, strict=True)]
    print(
        f"{mb:.1f} MB, engine, median of {args.pairs}: pure Python "
        f"{mb / statistics.median(pure_t):.2f} MB/s, compiled {mb / statistics.median(comp_t):.2f}"
        f" MB/s; compiled is {statistics.median(ratios):.2f}x (pairwise ratios "
        f"{', '.join(f'{r:.2f}' for r in ratios)})"
    )


if __name__ == "__main__":
    main()
