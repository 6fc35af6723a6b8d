"""Speed of the layout detectors (line repair included) on pdftotext output, one core.

    python -m bench.line_speed [--mb 4] [--half tune]

Reads the pdftotext pages that ``bench.pdf_pages`` cached (``CORPUSFIX_PDFPAGES``, default
../cache/pdfpages beside the checkout) and times ``merge,duplicate,truncation,split,furniture``:
the pages one by one, then one article of about MB megabytes and one of a quarter of that (their
Han characters shifted copy by copy, so that the big text does not repeat itself), to show the
time is linear in size. MB are megabytes of UTF-8.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from bench.common import ROOT
from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document

KINDS = frozenset({"merge", "duplicate", "truncation", "split", "furniture"})
CACHE = Path(os.environ.get("CORPUSFIX_PDFPAGES") or ROOT.parent / "cache" / "pdfpages")


def _shifted(text: str, k: int) -> str:
    if k == 0:
        return text
    return "".join(
        chr(0x4E00 + (ord(c) - 0x4E00 + 97 * k) % 0x5200) if "\u4e00" <= c <= "\u9fff" else c
        for c in text
    )


def pages(half: str) -> list[str]:
    folder = CACHE / half
    files = sorted(p for p in folder.glob("p*.txt") if not p.name.endswith(".ocr.txt"))
    if not files:
        sys.exit(f"no pdftotext pages under {folder}: run python -m bench.pdf_pages first")
    return [p.read_text("utf-8") for p in files]


def run(texts: list[str], settings: Settings) -> tuple[float, float]:
    """(MB, CPU seconds of document build + detection), median of three runs.

    CPU time of this process, not wall time: on a shared machine the wall clock counts the
    other processes' turns too; per core, the CPU time is what a core of its own would take.
    """
    mb = sum(len(t.encode()) for t in texts) / 1e6
    times = []
    for _ in range(3):
        t0 = time.process_time()
        for t in texts:
            suggest(build_document(t), settings)
        times.append(time.process_time() - t0)
    return mb, statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--half", choices=("tune", "report"), default="tune")
    args = ap.parse_args()
    texts = pages(args.half)
    settings = Settings(only=KINDS)
    suggest(build_document(texts[0]), settings)  # warm-up: lexicon, regexes
    page_text = "\n\n".join(texts)
    unit = len(page_text.encode()) / 1e6

    def article(mb: float) -> str:
        reps = max(1, round(mb / unit))
        return "\n\n".join(_shifted(page_text, k) for k in range(reps))

    rows = [
        (f"{len(texts)} pages, one by one", texts),
        ("one article, a quarter of the size", [article(args.mb / 4)]),
        ("one article", [article(args.mb)]),
    ]
    for label, batch in rows:
        mb, secs = run(batch, settings)
        print(f"{label}: {mb:.2f} MB in {secs:.2f} CPU s: {mb / secs:.2f} MB/s per core")


if __name__ == "__main__":
    main()
