"""Which replacements to consider for a suspect character, and how alike they are."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from corpusfix.detectors.typos import memo, tables
from corpusfix.detectors.typos.charmodels import TypoModels
from corpusfix.detectors.typos.tables import WILDCARD
from corpusfix.lexicon import word_frequencies

INSERT_PRIOR = 0.6
DOUBLED_PRIOR = 0.6
HOMOPHONE_PRIOR = 0.9
SAME_SYLLABLE = 0.8  # phonetic.tsv: 1.0 same syllable and tone, 0.8 other tone, 0.5 fuzzy
# Candidates from context: per neighbour, the characters of the most frequent words it forms;
# of those, the few the character model and the channel like best are scored like the others.
CONTEXT_POOL = 6
CHANNEL_POOL = 6  # the characters the measured channel most often read as this one
CONTEXT_TOP = 3
# Characters each side the pool is ranked on: the candidates that survive are scored on the
# model's whole window later; two a side keeps the ranking cheap (it runs at every suspect).
RANK_CONTEXT = 2
# Only where the character model finds the character itself surprising (mean log10 per
# character of it and the two after it, given the two before): 99 % of the misread characters
# of the OCR tune half, 62 % of the unexplained characters of clean tune sentences.
SURPRISE = -2.5
CONTEXT_MIN_LOGPROB = -5.0  # rarer characters are seldom what was meant (unigram log10)
# A character that completes a common word of three or four characters (秘书长, 共同富裕) is a
# candidate even when it neither looks nor sounds like the one written: print OCR at low
# resolution reads characters as ones of no likeness at all (筷书长, 共同富格). Source
# "word-fill", weights of their own; only where few characters fill the gap (a word with many
# fills is no evidence for any of them).
# What the measured OCR channel read as this character (tables.ocr_channel().read_as()) is a
# candidate like a look-alike where it makes a word with a neighbour, whatever the glyph table
# says: the measurement saw tesseract make that slip. Source "ocr-channel", weights of their own.
CHANNEL_SOURCE = "ocr-channel"
CHANNEL_PRIOR = 0.5
FILL_SOURCE = "word-fill"
FILL_PRIOR = 0.3
MAX_FILLS = 3


class Alike(NamedTuple):
    char: str
    prior: float  # 0–1: how likely the one is mistaken for the other
    source: str  # "look-alike", "sound-alike", "user"
    rank: int = 0  # place in the look-alike list (1 = most alike), 0 if not listed
    sounds_alike: bool = False


@lru_cache(maxsize=16384)
def table_alikes(ch: str) -> dict[str, Alike]:
    out: dict[str, Alike] = {}
    sound = tables.phonetic().get(ch)
    for c, s in sound.items():
        if s >= SAME_SYLLABLE:  # a fuzzy reading (zh/z, an/ang) only distracts: measured
            out[c] = Alike(c, s * 0.9, "sound-alike", sounds_alike=True)
    for rank, (c, s) in enumerate(tables.visual().get(ch).items(), 1):
        # Glyph similarity of 0.70 is where real look-alikes start (庄/压 0.74, 土/士 0.98).
        prior = min(1.0, max(0.0, (s - 0.6) / 0.35))
        if c not in out or out[c].prior < prior:
            out[c] = Alike(c, prior, "look-alike", rank, c in sound)
        else:
            out[c] = Alike(c, out[c].prior, out[c].source, rank, True)
    return out


def channel_prob(seen: str, meant: str) -> float:
    """P(seen | meant): how likely ``meant`` comes out as ``seen`` (OCR, typing, dictation).

    The one place the typo check reads the channel: the measured tesseract channel
    (tables.channel_prob: counts of resources/similarity/ocr_channel.tsv, the glyph and sound
    tables as priors for the pairs it never saw, never zero); the ranking of candidates from
    context reads its log10, memoised (tables.log_channel_prob).
    """
    return tables.channel_prob(seen, meant)


@lru_cache(maxsize=1 << 15)
def _partners(side: int, neighbour: str) -> tuple[str, ...]:
    """Common characters that make a word with ``neighbour`` on its right (side 0) or left (1),
    those of the most frequent words first."""
    completing = tables.completions()[side].get(neighbour)
    if not completing:
        return ()
    freq = word_frequencies()
    unigram = tables.language_model().unigram
    # Ties broken by the character: a set's order changes with each process's string hashing,
    # and the same text must give the same findings in every run (and in the compiled build).
    if side == 0:
        ranked = sorted(completing, key=lambda c: (-freq.get(neighbour + c, 0), c))
    else:
        ranked = sorted(completing, key=lambda c: (-freq.get(c + neighbour, 0), c))
    common = [c for c in ranked[: CONTEXT_POOL * 2] if unigram(c) > CONTEXT_MIN_LOGPROB]
    return tuple(common[:CONTEXT_POOL])


@lru_cache(maxsize=1 << 14)
def _misread_from(seen: str) -> tuple[str, ...]:
    """The characters the measured channel read as ``seen`` most often (the counts only:
    tables.channel_candidates also ranks every look-alike by its prior, which costs more than
    the rest of the ranking here)."""
    counts = tables.ocr_channel().read_as().get(seen, {})
    return tuple(sorted(counts, key=lambda m: (-counts[m], m))[:CHANNEL_POOL])


def from_context(run: str, i: int, models: TypoModels, known: set[str]) -> list[Alike]:
    """What fits at run[i] by its context, whether or not it looks or sounds like run[i].

    The pool: characters that make a frequent word with a neighbour (a real word either way:
    the slip itself may be one). A noisy channel decides which are worth scoring: c is kept
    where P(c | left) P(right | c) P(run[i] | c) beats the same for run[i] as written; the
    CONTEXT_TOP best that ``known`` (the table
    candidates already there) lacks come back with source "context".
    """
    left, ch, right = context_key(run, i)
    found = _fitting(models, left, ch, right)
    return [Alike(c, p, "context") for c, p in found if c not in known][:CONTEXT_TOP]


def context_key(run: str, i: int) -> tuple[str, str, str]:
    """(left, character, right): what ``from_context`` at run[i] depends on, with the models."""
    k = RANK_CONTEXT
    return run[max(0, i - k) : i], run[i], run[i + 1 : i + 1 + k]


# Memoised per window (models.fitting_memo, bounded: memo.py): a pure function of five
# characters and the models, and the same unexplained windows (a name, a rare term) come back
# again and again in an archive.
def _fitting(models: TypoModels, left: str, ch: str, right: str) -> tuple[tuple[str, float], ...]:
    """(character, channel probability) of what beats ``ch`` between ``left`` and ``right``."""
    key = (left, ch, right)
    found = models.fitting_memo.get(key)
    if found is None:
        found = _fitting_many(models, [key])[0]
        memo.store(models.fitting_memo, key, found)
    return found


def prefetch(models: TypoModels, keys: list[tuple[str, str, str]]) -> None:
    """Work out ``_fitting`` for many windows at once (``context_key``s), into the memo: the
    character model ranks all their pools in one numpy call per shape (TypoModels.rank_many)."""
    memo_ = models.fitting_memo
    todo = [k for k in dict.fromkeys(keys) if k not in memo_]
    for key, found in zip(todo, _fitting_many(models, todo), strict=True):
        memo.store(memo_, key, found)


def _fitting_many(
    models: TypoModels, keys: list[tuple[str, str, str]]
) -> list[tuple[tuple[str, float], ...]]:
    out: list[tuple[tuple[str, float], ...]] = [() for _ in keys]
    log_channel = tables.log_channel_prob  # math.log10(channel_prob(seen, meant)), memoised
    asks: list[tuple[str, list[str], str]] = []
    where: list[tuple[int, float]] = []  # (index in keys, the original's score) per ask
    for n, (left, ch, right) in enumerate(keys):
        original = models.logprob(left + ch + right, len(left))
        if original > SURPRISE * (1 + len(right)):
            continue
        original += log_channel(ch, ch)
        pool = list(_partners(0, left[-1])) if left else []
        if right:
            pool += _partners(1, right[0])
        # And what the measured channel says ``ch`` is a misreading of, word or no word.
        pool += _misread_from(ch)
        asks.append((left, [c for c in dict.fromkeys(pool) if c != ch], right))
        where.append((n, original))
    keep = CONTEXT_TOP + 2  # room for those the tables offer already
    prob = tables.channel_prob
    for (n, original), ranked in zip(where, models.rank_many(asks, ordered=False), strict=True):
        ch = keys[n][1]
        # P(ch | c) <= 1, so its log10 only lowers a score: a character whose model score
        # alone does not beat the original's never beats it, and those that do come first
        # in the order below whatever is left out (the same finding, fewer channel lookups).
        scored = [(lp + log_channel(ch, c), c) for lp, c in ranked if lp > original]
        scored.sort(reverse=True)
        out[n] = tuple((c, prob(ch, c)) for post, c in scored[:keep] if post > original)
    return out


def word_forming(run: str, i: int, confusions: dict[str, str]) -> list[Alike]:
    """Alikes of run[i] that make a word with its neighbours: two characters, or three or four."""
    ch = run[i]
    fits = _fits(0, run[i - 1], ch) if i > 0 else ()
    if i + 1 < len(run):
        fits += _fits(1, run[i + 1], ch)
    found = {a.char: a for a in fits}
    for a in _long_fits(run, i):
        found.setdefault(a.char, a)
    right = confusions.get(ch)
    if right is not None and len(right) == 1:
        words = tables.words()
        if (i > 0 and run[i - 1] + right in words) or (
            i + 1 < len(run) and right + run[i + 1] in words
        ):
            found[right] = Alike(right, 1.0, "user")
    return list(found.values())


# Memoised per character pair, a pure function of the shipped tables: the same pairs come back
# all the time in any Chinese text, and the intersection is the costly part of finding sites.
# Bounded: at most some 16 MB however large the archive.
@lru_cache(maxsize=1 << 16)
def _fits(side: int, neighbour: str, ch: str) -> tuple[Alike, ...]:
    """Alikes of ``ch`` that make a word with ``neighbour``: on its right (side 0), left (1)."""
    completing = tables.completions()[side].get(neighbour)
    if not completing:
        return ()
    alikes = table_alikes(ch)
    found = tuple(a for c, a in alikes.items() if c in completing)
    measured = tuple(_measured(c) for c in _misread_from(ch) if c in completing and c not in alikes)
    return found + measured


def _measured(c: str) -> Alike:
    return Alike(c, CHANNEL_PRIOR, CHANNEL_SOURCE)


def _long_fits(run: str, i: int) -> list[Alike]:
    """Alikes of run[i] that make a common word of three or four characters with its neighbours.

    设计帅 → 设计师, 一拍即台 → 一拍即合: the longer word is the evidence where no
    two-character word forms.
    """
    patterns = tables.long_word_patterns()
    out: list[Alike] = []
    n = len(run)
    for length in (3, 4):
        for a in range(max(0, i - length + 1), min(i, n - length) + 1):
            fill = patterns.get(run[a:i] + WILDCARD + run[i + 1 : a + length])
            if fill:  # the alikes are looked up only where some word fits
                alikes = table_alikes(run[i])
                out += [alikes[c] for c in fill if c in alikes]
                measured = _misread_from(run[i])
                out += [_measured(c) for c in fill if c in measured and c not in alikes]
                if len(fill) <= MAX_FILLS:
                    out += [
                        _filled(c)
                        for c in fill
                        if c not in alikes and c not in measured and c != run[i]
                    ]
    return out


def _filled(c: str) -> Alike:
    return Alike(c, FILL_PRIOR, FILL_SOURCE)


def insertions(run: str, i: int) -> list[tuple[int, str]]:
    """Characters whose insertion next to run[i] completes a four-character expression.

    贯彻落|会议 → 贯彻落实. Shorter words do not count: a two-character word alone would make
    almost any single character look incomplete. Never at the edge of a run: the evidence
    would be on one side only (处|⏎理 is a column break, not a dropped character).
    """
    by_prefix, by_suffix = tables.four_char_index()
    lm = tables.language_model()
    out: list[tuple[int, str]] = []
    # Nothing is missing between two characters that the model knows as a word (建成投|用: 投用).
    if i >= 2 and i + 1 < len(run):
        found = by_prefix.get(run[i - 2 : i + 1])
        if found and run[i : i + 2] not in lm:
            out += [(i + 1, x) for x in found]
    if i > 0 and i + 3 <= len(run):
        found = by_suffix.get(run[i : i + 3])
        if found and run[i - 1 : i + 1] not in lm:
            out += [(i, x) for x in found]
    return out


def doubled(run: str, i: int, cover: list[int]) -> bool:
    """run[i] is a character written twice where a four-character expression has it once.

    贯彻彻落实 → 贯彻落实, 实事求求是 → 实事求是 (求求 is a word of its own, so the copies may
    sit just outside the stretch that no word explains). The expression must hold the character
    with a neighbour on each side; copies inside a longer word (天天向上) are left alone.
    """
    ch = run[i]
    if i > 0 and run[i - 1] == ch:
        first = i - 1
    elif i + 1 < len(run) and run[i + 1] == ch:
        first = i
    else:
        return False
    if cover[first] > 2 or cover[first + 1] > 2:
        return False
    words = tables.words()
    once = run[:first] + run[first + 1 :]  # the copy left is at ``first``
    return any(
        s >= 0 and s + 4 <= len(once) and once[s : s + 4] in words for s in (first - 2, first - 1)
    )
