"""Build resources/lm/laws-lexicon.charlm, the shipped character model: public-domain laws text
and the lexicon's words.

    python scripts/build_charlm.py [--corpus ../shared/corpora/laws-zh/laws-zh.txt.xz]
                                   [--lexicon resources/lexicon/words.tsv | none]
                                   [--order 5] [--max-ngrams 2000000] [--out PATH]

The corpus (18.3 M characters of PRC laws, regulations, judicial interpretations and guiding
cases) is public domain under art. 5(1) of the PRC Copyright Law; see its README and
resources/README.md. It is streamed from the .xz file, never unpacked to disk. The lexicon (jieba's
words, MIT) adds the word-internal n-grams of everyday Chinese (lexicon_lines). The header's
training digest digests the sha256 of the .xz file and of words.tsv, so a rebuild from the same
inputs gives the same bytes (about 26 minutes on a loaded 2-core machine, 4 unloaded). Never point this at ../shared/data (evaluation data, never shipped).
"""

from __future__ import annotations

import argparse
import hashlib
import lzma
import math
import random
import sys
import time
from pathlib import Path

from corpusfix.core.files import atomic_write
from corpusfix.lm.build import CharLMBuilder
from corpusfix.lm.defaults import DEFAULT_MAX_NGRAMS, DEFAULT_ORDER

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "laws-zh" / "laws-zh.txt.xz"
OUT = ROOT / "resources" / "lm" / "laws-lexicon.charlm"
LIMIT_MB = 30
LEXICON = ROOT / "resources" / "lexicon" / "words.tsv"
LEXICON_MIN_FREQ = 3  # jieba lists many one-off strings with frequency 1-2
WORDS_PER_LINE = 40


def lexicon_lines(path: Path) -> list[str]:
    """The lexicon's words as training lines: the word-internal n-grams of everyday Chinese.

    The laws text alone knows 3,727 characters and little of news or speech (越来越, 痘痘).
    Each word is repeated 1 + floor(log10 frequency) times, the words are shuffled with a fixed
    seed (the same bytes each build) and joined by spaces: a space is a character of its own in
    the model, so no n-gram across two words is ever made up.
    """
    words: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, freq = line.rstrip("\n").partition("\t")
            f = int(freq)
            if f >= LEXICON_MIN_FREQ:
                words += [word] * (1 + int(math.log10(f)))
    random.Random(15).shuffle(words)
    return [" ".join(words[i : i + WORDS_PER_LINE]) for i in range(0, len(words), WORDS_PER_LINE)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--order", type=int, default=DEFAULT_ORDER)
    ap.add_argument("--max-ngrams", type=int, default=DEFAULT_MAX_NGRAMS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument(
        "--lexicon",
        type=Path,
        default=LEXICON,
        help="also train on the lexicon's words (resources/lexicon/words.tsv); 'none' for laws only",
    )
    args = ap.parse_args()
    if "shared/data" in args.corpus.resolve().as_posix():
        sys.exit("build_charlm: evaluation data never builds a shipped resource")
    start = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - start:6.0f} s] {message}", file=sys.stderr, flush=True)

    digest = hashlib.sha256(args.corpus.read_bytes()).hexdigest()
    with CharLMBuilder(args.order, max_ngrams=args.max_ngrams, log=log) as builder:
        builder.add_source(digest)
        with lzma.open(args.corpus, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                builder.add_text(line)
                if n % 50_000 == 0:
                    log(f"{n:,} lines read")
        if args.lexicon.name != "none":
            builder.add_source(hashlib.sha256(args.lexicon.read_bytes()).hexdigest())
            builder.add_lines(lexicon_lines(args.lexicon))
            log(f"lexicon words from {args.lexicon}")
        data = builder.build()
    size_mb = len(data) / 2**20
    if size_mb > LIMIT_MB:
        sys.exit(
            f"build_charlm: {size_mb:.1f} MB is over the {LIMIT_MB} MB limit; lower --max-ngrams"
        )
    atomic_write(args.out, data)
    log(f"{args.out}: {size_mb:.1f} MB, n-grams {builder.header['ngrams']}, sha256 "
        f"{hashlib.sha256(data).hexdigest()}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
