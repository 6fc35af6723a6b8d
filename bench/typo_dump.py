"""Every typo finding on fixed inputs, one per line: proof that a speed change changed nothing.

    python -m bench.typo_dump OUT.txt      # then compare two runs with cmp

Inputs: the tune halves of ocr-faspell-train, news-homophone-dev (--lines) and sighan15 (only
read, never tuned on), and 150 articles of the throughput corpus. Each line: set, start, end,
replacement, confidence (4 decimals), at any confidence the detector reports.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.common import WORK, build_news_corpus
from bench.csc import load_pairs
from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.suggestion import parse_kinds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    kinds = parse_kinds("typo")
    t0 = time.perf_counter()
    lines_out = []
    for name in ("ocr", "news", "sighan"):
        rows = load_pairs(name, "tune")
        text = "\n".join(w for w, _ in rows) + "\n"
        settings = Settings(only=kinds, lines_mode=True)
        doc = build_document(text, name=name, lines_mode=True)
        lines_out += [
            f"{name} {s.start} {s.end} {s.replacement} {s.confidence:.4f}"
            for s in suggest(doc, settings)
        ]
    corpus = WORK / "news-2mb"
    if not corpus.exists():
        build_news_corpus(2, corpus)
    for path in sorted(corpus.rglob("*.txt"))[:150]:
        doc = build_document(path.read_text("utf-8"), name=path.name)
        lines_out += [
            f"{path.name} {s.start} {s.end} {s.replacement} {s.confidence:.4f}"
            for s in suggest(doc, Settings(only=kinds))
        ]
    args.out.write_text("\n".join(lines_out) + "\n", encoding="utf-8")
    print(f"{len(lines_out)} findings -> {args.out} ({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
