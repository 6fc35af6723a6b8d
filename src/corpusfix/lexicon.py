"""The shipped word list with frequencies (resources/lexicon/words.tsv), loaded once on demand."""

from __future__ import annotations

from functools import lru_cache

from corpusfix.paths import resource_path


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, int]:
    freq: dict[str, int] = {}
    with resource_path("lexicon", "words.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, count = line.rstrip("\n").partition("\t")
            freq[word] = int(count)
    return freq


def is_word(text: str, min_freq: int = 1) -> bool:
    return word_frequencies().get(text, 0) >= min_freq
