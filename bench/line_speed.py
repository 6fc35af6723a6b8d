"""Speed of the layout detectors (line repair included) on pdftotext output, one core.

    python -m bench.line_speed [--mb 4] [--half tune]

Reads the pdftotext pages that ``bench.pdf_pages`` cached (``CORPUSFIX_PDFPAGES``, default
../cache/pdfpages beside the checkout) and times ``merge,duplicate,truncation,split,furniture``:
the pages one by one, then one article of about MB megabytes and one of a quarter of that (their
Han characters shifted copy by copy, so that the big text does not repeat itself), to show the
time is linear in size; then the CPU time of each detector on the pages. MB are megabytes of
UTF-8. The build of the document counts here ("with document build": line repair reads the
text line by line).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench.common import ROOT
from bench.layout_timing import article, print_per_detector, print_rows
from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document

KINDS = frozenset({"merge", "duplicate", "truncation", "split", "furniture"})
CACHE = Path(os.environ.get("CORPUSFIX_PDFPAGES") or ROOT.parent / "cache" / "pdfpages")


def pages(half: str) -> list[str]:
    folder = CACHE / half
    files = sorted(p for p in folder.glob("p*.txt") if not p.name.endswith(".ocr.txt"))
    if not files:
        sys.exit(f"no pdftotext pages under {folder}: run python -m bench.pdf_pages first")
    return [p.read_text("utf-8") for p in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--half", choices=("tune", "report"), default="tune")
    args = ap.parse_args()
    texts = pages(args.half)
    suggest(build_document(texts[0]), Settings(only=KINDS))  # warm-up: lexicon, regexes
    small, big = article(texts, args.mb / 4), article(texts, args.mb)
    print(f"detectors: {', '.join(sorted(KINDS))}; CPU time")
    print_rows(
        [
            (f"{len(texts)} pages, one by one", texts),
            (f"one {len(small.encode()) / 1e6:.1f} MB article", [small]),
            (f"one {len(big.encode()) / 1e6:.1f} MB article", [big]),
        ],
        KINDS,
    )
    print_per_detector(texts, KINDS)


if __name__ == "__main__":
    main()
