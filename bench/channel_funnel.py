"""Does the measured OCR channel propose the right character where the glyph/sound tables don't?

    python -m bench.channel_funnel [--half tune] [--path /work/cache/ocr-dev] [--table TSV]

Per wrong character of the real-OCR dev set (substitutions on lines whose length the OCR kept,
both characters Han): is the right character among
- the old tables: the 50 look-alikes (resources/similarity/visual.tsv) or the sound-alikes;
- the channel's top K measured readings: characters that tesseract, shown them in the channel's
  own fonts and damage (scripts/build_ocr_channel.py), read as the wrong one (K = 5, 20, 50);
- the channel's top K candidates (measured first, then the tables' by prior);
- either the old tables or the measured readings.
Measures only; nothing is fitted here. The dev set's fonts and damage are not the channel's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.csc import OCR_DEV, ocr_dev_pairs
from corpusfix.detectors.typos import tables
from corpusfix.detectors.typos.channel import Channel
from corpusfix.qa.ocr_align import is_han


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--half", choices=("tune", "report", "all"), default="tune")
    ap.add_argument("--path", type=Path, default=OCR_DEV)
    ap.add_argument("--table", type=Path, default=None, help="another ocr_channel.tsv")
    args = ap.parse_args()
    visual, phonetic = tables.visual(), tables.phonetic()
    channel = (
        Channel.from_tsv(args.table, visual.get, phonetic.get)
        if args.table
        else tables.ocr_channel()
    )
    pairs = [
        (w, r)
        for wrong, right in ocr_dev_pairs(args.half, args.path)
        if len(wrong) == len(right)
        for w, r in zip(wrong, right, strict=True)
        if w != r and is_han(w) and is_han(r)
    ]
    n = len(pairs)
    old = [r in visual.get(w) or r in phonetic.get(w) for w, r in pairs]
    print(f"{args.half} half: {n} wrong Han characters (substitutions)")
    print(f"  old tables (50 look-alikes + sound-alikes): {sum(old) / n:.1%} have the right one")
    read_as = channel.read_as()
    for k in (5, 20, 50):
        measured = [
            r in sorted(read_as.get(w, {}), key=lambda m, w=w: -read_as[w][m])[:k] for w, r in pairs
        ]
        cands = [r in {m for m, _ in channel.candidates(w, k)} for w, r in pairs]
        either = [a or b for a, b in zip(old, measured, strict=True)]
        print(
            f"  K={k:2d}: measured readings {sum(measured) / n:.1%}, channel candidates "
            f"{sum(cands) / n:.1%}, old tables or measured {sum(either) / n:.1%}"
        )


if __name__ == "__main__":
    main()
