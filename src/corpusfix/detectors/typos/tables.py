"""Shipped tables the typo detector reads, each loaded once on first use.

- the language model (resources/lm/zh_CN.lm);
- look-alikes and sound-alikes per character (resources/similarity/, scripts/build_similarity.py);
- the lexicon's two-character words as "which characters complete a word next to X";
- the measured OCR channel P(seen | meant) (resources/similarity/ocr_channel.tsv, channel.py).
"""

from __future__ import annotations

import gc
import math
from functools import lru_cache
from typing import NamedTuple

from corpusfix.core.gc_pause import collector_paused
from corpusfix.detectors.typos.channel import Channel
from corpusfix.detectors.typos.charmodels import shipped_models
from corpusfix.detectors.typos.lm import LanguageModel
from corpusfix.lexicon import word_frequencies
from corpusfix.paths import resource_path

MIN_WORD_FREQ = 3  # jieba lists many one-off strings with frequency 1–2


@lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    with collector_paused():
        return LanguageModel(resource_path("lm", "zh_CN.lm"), _by_length().short)


class _ByLength(NamedTuple):
    """The lexicon's real words (frequency >= MIN_WORD_FREQ) split by length, in file order
    (most frequent first): each table below reads only the words it needs."""

    two: list[str]
    three: list[str]
    four: list[str]
    short: list[str]  # two, three and four characters: what the language model may know
    words: frozenset[str]  # two characters or more
    longer: list[str]  # five characters or more


@lru_cache(maxsize=1)
def _by_length() -> _ByLength:
    with collector_paused():
        real = [w for w, f in word_frequencies().items() if f >= MIN_WORD_FREQ]
        two = [w for w in real if len(w) == 2]
        three = [w for w in real if len(w) == 3]
        four = [w for w in real if len(w) == 4]
        longer = [w for w in real if len(w) > 4]
        short = two + three + four
        return _ByLength(two, three, four, short, frozenset(short + longer), longer)


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """Words of two or more characters that count as real words."""
    return _by_length().words


# What a two-character slice of text can be, as bit flags: one dictionary lookup per position
# answers all three questions while the text is scanned.
IS_WORD, STARTS_LONGER, HAS_HOMOPHONE = 1, 2, 4


@lru_cache(maxsize=1)
def bigram_flags() -> dict[str, int]:
    """Two-character slice → IS_WORD | STARTS_LONGER (a 3- or 4-character word) | HAS_HOMOPHONE."""
    by_length = _by_length()
    with collector_paused():
        flags = dict.fromkeys(by_length.two, IS_WORD)
        starts = {w[:2] for w in by_length.three}
        starts.update([w[:2] for w in by_length.four])
        for two in starts:
            flags[two] = flags.get(two, 0) | STARTS_LONGER
        for two in homophones():
            flags[two] = flags.get(two, 0) | HAS_HOMOPHONE
        return flags


@lru_cache(maxsize=1)
def three_char_starts() -> frozenset[str]:
    """Three-character prefixes of four-character words."""
    return frozenset(four_char_index()[0])


@lru_cache(maxsize=1)
def long_word_starts() -> frozenset[str]:
    """The first two characters of each word of five characters or more: a slice that starts
    none of them starts no such word (the word cover asks only those)."""
    return frozenset(w[:2] for w in _by_length().longer)


@lru_cache(maxsize=1)
def completions() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(after, before): after[X] = characters Y with XY a word; before[Y] = X with XY a word."""
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    with collector_paused():
        for w in _by_length().two:
            x, y = w[0], w[1]
            after[x] = after.get(x, "") + y
            before[y] = before.get(y, "") + x
        return (
            {k: frozenset(v) for k, v in after.items()},
            {k: frozenset(v) for k, v in before.items()},
        )


class AlikeTable:
    """char → its alikes best first with scores (0–1); lines are parsed on first use."""

    def __init__(self, name: str) -> None:
        self._raw: dict[str, str] = {}
        with resource_path("similarity", name).open(encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    self._raw[line[0]] = line
        self._parsed: dict[str, dict[str, float]] = {}

    def get(self, ch: str) -> dict[str, float]:
        found = self._parsed.get(ch)
        if found is None:
            line = self._raw.get(ch)
            found = {}
            if line is not None:
                _, alikes, scores = line.rstrip("\n").split("\t")
                found = {a: int(s) / 100 for a, s in zip(alikes, scores.split(","), strict=True)}
            self._parsed[ch] = found
        return found


@lru_cache(maxsize=1)
def visual() -> AlikeTable:
    return AlikeTable("visual.tsv")


@lru_cache(maxsize=1)
def phonetic() -> AlikeTable:
    return AlikeTable("phonetic.tsv")


@lru_cache(maxsize=1)
def ocr_channel() -> Channel:
    """The shipped measured channel, glyph and sound tables as priors for pairs it never saw."""
    return Channel.from_tsv(
        resource_path("similarity", "ocr_channel.tsv"), visual().get, phonetic().get
    )


# Memoised per character pair, a pure function of the shipped channel: asked for every candidate
# from context and every finalist, and the same pairs come back all the time.
@lru_cache(maxsize=1 << 16)
def channel_prob(seen: str, meant: str) -> float:
    """P(seen | meant) of the shipped OCR channel."""
    return ocr_channel().prob(seen, meant)


# Its log10, as the candidates from context rank by it: one lookup in place of three calls.
@lru_cache(maxsize=1 << 16)
def log_channel_prob(seen: str, meant: str) -> float:
    """math.log10(channel_prob(seen, meant))."""
    return math.log10(channel_prob(seen, meant))


def channel_candidates(seen: str, k: int = 20) -> list[tuple[str, float]]:
    """The characters ``seen`` may be a misreading of, best first, with P(seen | meant)."""
    return ocr_channel().candidates(seen, k)


@lru_cache(maxsize=1)
def homophones() -> dict[str, str]:
    """Two-character word → its much more frequent same-sounding words, concatenated."""
    out: dict[str, str] = {}
    with resource_path("similarity", "homophones.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                word, _, better = line.rstrip("\n").partition("\t")
                out[word] = better
    return out


@lru_cache(maxsize=1)
def four_char_index() -> tuple[dict[str, str], dict[str, str]]:
    """(by_prefix, by_suffix) of four-character expressions: 贯彻落 → 实…, 彻落实 → 贯…"""
    by_prefix: dict[str, str] = {}
    by_suffix: dict[str, str] = {}
    with collector_paused():
        for w in _by_length().four:
            prefix, suffix = w[:3], w[1:]
            by_prefix[prefix] = by_prefix.get(prefix, "") + w[3]
            by_suffix[suffix] = by_suffix.get(suffix, "") + w[0]
        # The lexicon holds each word once: each set of characters is sorted, none twice.
        return (
            {k: v if len(v) == 1 else "".join(sorted(v)) for k, v in by_prefix.items()},
            {k: v if len(v) == 1 else "".join(sorted(v)) for k, v in by_suffix.items()},
        )


WILDCARD = "*"  # never inside a run of Han characters
LONG_WORD_FREQ = 10  # the rarer long words add memory and start-up time, and few right fixes


@lru_cache(maxsize=1)
def long_word_patterns() -> dict[str, str]:
    """Common words of three or four characters with one character left out → what fills it.

    设计* → 师…, 一拍即* → 合…: the look-alikes of a character that complete a longer word.
    """
    fills: dict[str, str] = {}
    with collector_paused():
        # most frequent first: so is each fill
        common = [w for w, f in word_frequencies().items() if f >= LONG_WORD_FREQ]
        for w in common:
            if 3 <= len(w) <= 4:
                for k in range(len(w)):
                    key = w[:k] + WILDCARD + w[k + 1 :]
                    fills[key] = fills.get(key, "") + w[k]
        return fills


@lru_cache(maxsize=1)
def loaded() -> bool:
    """Load every table now, then exempt what exists from the cyclic garbage collector.

    The tables live as long as the process, and each full collection would walk their hundreds
    of thousands of entries again (about 5 % of the run time on news text, measured).
    """
    with collector_paused():
        language_model()
        shipped_models()
        bigram_flags()
        three_char_starts()
        long_word_starts()
        completions()
        long_word_patterns()
        homophones()
        visual()
        phonetic()
        words()
    # The lists of words by length served only to build the tables (~5 MB): a table built
    # again later (tests clear some caches) splits the word list again.
    _by_length.cache_clear()
    gc.freeze()
    return True
