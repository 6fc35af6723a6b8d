"""Scoring candidate edits: the language model's gain, the evidence around it, a confidence."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress
from typing import NamedTuple

from corpusfix.detectors.typos import memo, tables
from corpusfix.detectors.typos.candidates import CHANNEL_SOURCE, FILL_SOURCE, channel_prob
from corpusfix.detectors.typos.charmodels import TypoModels
from corpusfix.detectors.typos.gates import SURNAMES
from corpusfix.detectors.typos.lm import LanguageModel
from corpusfix.detectors.typos.weights import WEIGHTS
from corpusfix.lexicon import word_frequencies

WINDOW = 4  # characters of context on each side that the model compares
MAX_OPTIONS = 16  # table candidates; those from context come on top (CONTEXT_TOP a position)
FINALISTS = 3  # options whose full evidence is computed
CONTEXT_FINALISTS = 2  # and of those from context
UNLIKED = (CHANNEL_SOURCE, FILL_SOURCE)  # candidates the glyph and sound tables do not pair
UNLIKED_FINALISTS = 2  # and of those
OWN_SLOTS = ("context", *UNLIKED)
PREFILTER_GAIN = 1.0  # cheap-pass gain an option needs for the full scoring
MIN_GAIN = 1.5  # below this no option has ever been worth reporting (tune halves)
# And below this one only a list item's mend (强企、强链、强具 → 强县: the hand-set parallel rule)
# is: with 2.5 the tune halves' findings at 0.8 or more and typo_dump are the same, with a fifth
# fewer finalists to score on distinct news text (3.0 lost a right character on the real-OCR
# set; docs/decisions.md, helper h3-tput).
MIN_GAIN_SCORED = 2.5
# Replacing a real word needs more than a non-word: the model must prefer the other word some
# thirtyfold. 2.0 (a hundredfold) left same-sounding words with gains of 1.5–2.0 unscored that
# the confidence model then takes (经营主题 → 主体, 心里生活 → 心理): news tune 111 → 116 of 500
# at 0.8, clean tune 7 → 7 of 2,702 (docs/decisions.md, session 15).
MIN_GAIN_REAL_WORD = 1.5
REAL_WORD_SOURCES = ("homophone", "realword")  # edits that replace what the lexicon explains
FUNCTION_LOGPROB = -2.75  # single characters more frequent than this are function words
RARE_LOGPROB = -4.0  # a lone character rarer than this may be a misread one
# Two characters more frequent than this side by side are two words (更大, 更多), not a slip:
# set on the tune halves and a sample of the archive's days before 2025 (docs/decisions.md).
COMMON_LOGPROB = -3.5
_ITEM_BREAK = "、，。；：！？“”‘’（）《》\n"


# Plain tuples, not frozen dataclasses: hundreds of thousands are made per megabyte, and a frozen
# dataclass's __init__ (object.__setattr__ per field) cost more than the scoring around it.
class Edit(NamedTuple):
    start: int  # in the run
    end: int
    text: str
    prior: float  # 0–1: how alike the characters are
    source: str  # look-alike, sound-alike, dropped, homophone, user
    gain: float = 0.0  # log10 units the language model prefers the edit by
    rank: int = 0  # place in the look-alike list, 0 if not listed
    both: bool = False  # looks and sounds alike
    char_gain: float = 0.0  # log10 units the character model prefers the edit by


def applied(edit: Edit, run: str, offset: int = 0) -> str:
    """``run`` (which starts at ``offset`` in the edit's run) with the edit made."""
    return run[: edit.start - offset] + edit.text + run[edit.end - offset :]


class Site(NamedTuple):
    """Where an edit may go: run[lo:hi] inside a run of Han characters."""

    run: str
    lo: int
    hi: int
    before: str  # the text just before the run (list items, 强企、强链、强|具)


class Scored(NamedTuple):
    edit: Edit
    features: dict[str, float]
    confidence: float


@lru_cache(maxsize=16384)
def char_logprob(ch: str) -> float:
    """log10 probability of a character on its own (memoised: asked for every suspect)."""
    return tables.language_model().unigram(ch)


def is_function_char(ch: str) -> bool:
    return char_logprob(ch) > FUNCTION_LOGPROB


def is_rare_char(ch: str) -> bool:
    return char_logprob(ch) < RARE_LOGPROB


def is_common_char(ch: str) -> bool:
    return char_logprob(ch) > COMMON_LOGPROB


def _window(run: str, lo: int, hi: int) -> tuple[int, str, bool, bool]:
    """(start, text, bos, eos) of what the model compares around run[lo:hi]."""
    a, b = max(0, lo - WINDOW), min(len(run), hi + WINDOW)
    return a, run[a:b], a == 0, b == len(run)


def _cheap_pass(window: str, bos: bool, eos: bool, edited: Iterable[str]) -> Iterator[bool]:
    """For each edited window: does its one-segmentation score beat the window's enough?"""
    fast = tables.language_model().score_fast
    base = fast(window, bos, eos)
    for text in edited:
        yield fast(text, bos, eos) - base >= PREFILTER_GAIN


def with_gains(site: Site, options: Sequence[Edit], checked: bool = False) -> list[Edit]:
    """Options with the model's gain, best first by gain and likeness.

    A cheap pass (one segmentation, one call into KenLM) drops the options the model clearly
    dislikes; the survivors are scored on their best segmentation (a Viterbi pass over the
    model's words), which the confidence model was fitted on. ``checked``: the options have
    passed the cheap pass already (``word_swap_gains``).
    """
    ranked = sorted((e for e in options if e.source != "context"), key=lambda e: -e.prior)
    ranked = ranked[:MAX_OPTIONS] + [e for e in options if e.source == "context"]
    a, window, bos, eos = _window(site.run, site.lo, site.hi)
    if not checked:
        edited = (applied(e, window, a) for e in ranked)
        ranked = list(compress(ranked, _cheap_pass(window, bos, eos, edited)))
    if not ranked:
        return []
    score = tables.language_model().score
    before = score(window, bos, eos)
    scored = [
        Edit(e.start, e.end, e.text, e.prior, e.source, gain, e.rank, e.both)
        for e in ranked
        for gain in (score(applied(e, window, a), bos, eos) - before,)
    ]
    scored.sort(key=lambda e: -e.gain - 2.0 * e.prior)
    return scored


def word_swap_gains(run: str, lo: int, hi: int, texts: list[str]) -> tuple[tuple[str, float], ...]:
    """(text, the word model's quick-pass gain) for each of ``texts[:MAX_OPTIONS]``.

    The quick pass for a word swap, in place of the one in ``with_gains``: one segmentation of
    the context, scored with each word as one token. Most same-sounding words fail it (gain <
    PREFILTER_GAIN); asking first spares building the site and its edits, and the survivors are
    not asked again (``checked``).
    """
    a, window, bos, eos = _window(run, lo, hi)
    # A pure function of the window and the model: the same word swaps in the same contexts
    # come back all the time (memo.py).
    lm = tables.language_model()
    key = (window, lo - a, hi - a, bos, eos, tuple(texts[:MAX_OPTIONS]))
    found = lm.passing_memo.get(key)
    if found is None:
        found = _swap_gains(lm, window, lo - a, hi - a, bos, eos, key[5])
        memo.store(lm.passing_memo, key, found)
    return found


def _swap_gains(
    lm: LanguageModel, window: str, lo: int, hi: int, bos: bool, eos: bool, texts: tuple[str, ...]
) -> tuple[tuple[str, float], ...]:
    # The word is a word either way: the context is cut up to it from both sides (backward
    # on the left, forward on the right), once for all the alternatives.
    left = lm.segment_backward(window[:lo])
    right = lm.segment(window[hi:])
    base = lm.score_words(left + lm.tokens(window[lo:hi]) + right, bos, eos)
    return tuple((t, lm.score_words(left + lm.tokens(t) + right, bos, eos) - base) for t in texts)


# Entries of evaluate's memo: a site's finalists with their features are ~2.3 KB (~19 MB).
EVALUATE_MEMO = 1 << 13


def evaluate(
    site: Site,
    options: Sequence[Edit],
    words: frozenset[str],
    models: TypoModels,
    checked: bool = False,
) -> list[Scored]:
    """The finalists with features and confidence, most confident first."""
    if words is not tables.words():
        return _evaluate(site, options, words, models, checked)
    # A pure function of the site, its options and the models, memoised per models (memo.py):
    # the same sites come back in an archive (the detector calls ``fresh_memo`` once a
    # document first). The text before the run counts only where it ends with a list item's
    # mark (``_parallel``).
    before = site.before if site.before.endswith("、") else ""
    key = (site.run, site.lo, site.hi, before, checked, tuple(options))
    found: tuple[Scored, ...] | None = models.evaluate_memo.get(key)
    if found is None:
        found = tuple(_evaluate(site, options, words, models, checked))
        memo.store(models.evaluate_memo, key, found, EVALUATE_MEMO)
    return list(found)


def fresh_memo(models: TypoModels) -> None:
    """Empty the memoised sites and finalists of ``models`` where they hold another word
    model's scores (tests load it again), after loading it: a missing kenlm raises here, as
    the scoring would have, however much is memoised."""
    lm = tables.language_model()
    if models.scored_with is not lm:
        models.run_memo.clear()
        models.evaluate_memo.clear()
        models.scored_with = lm


def _evaluate(
    site: Site, options: Sequence[Edit], words: frozenset[str], models: TypoModels, checked: bool
) -> list[Scored]:
    ranked = with_gains(site, options, checked)
    # The table candidates and those from context compete for the report by confidence, not
    # for a place among the finalists by gain: a context candidate has no likeness to add.
    # Likewise the candidates with no likeness in the tables (measured readings, word fills):
    # slots of their own, else a high-gain one that fits no better pushes a right look-alike
    # out (强具: 器, 空 from the channel ahead of 县).
    tabled = [e for e in ranked if e.source not in OWN_SLOTS][:FINALISTS]
    unliked = [e for e in ranked if e.source in UNLIKED][:UNLIKED_FINALISTS]
    context = [e for e in ranked if e.source == "context"][:CONTEXT_FINALISTS]
    finalists = tabled + unliked + context
    # The character model is asked about the finalists only (it costs more than the cut).
    out = [
        Scored(e, f, confidence(f))
        for e0 in finalists
        if _worth_scoring(e0, site, words)
        for e in (e0._replace(char_gain=models.gain(site.run, e0.start, e0.end, e0.text)),)
        for f in (features(e, ranked, site, words),)
    ]
    out.sort(key=lambda s: -s.confidence)
    return out


def _worth_scoring(edit: Edit, site: Site, words: frozenset[str]) -> bool:
    """Is the option's gain enough for features and a confidence?"""
    if edit.source in REAL_WORD_SOURCES:
        return edit.gain >= MIN_GAIN_REAL_WORD
    return edit.gain >= MIN_GAIN_SCORED or (edit.gain >= MIN_GAIN and _parallel(edit, site, words))


def _known_to_model(run: str, lo: int, hi: int) -> bool:
    """Does the model know a word of 2+ characters that overlaps run[lo:hi] as written?"""
    lm = tables.language_model()
    for i in range(max(0, lo - 3), hi):
        for length in (2, 3, 4):
            j = i + length
            if lo < j <= len(run) and run[i:j] in lm:
                return True
    return False


def formed_word(edit: Edit, site: Site, words: frozenset[str]) -> tuple[str, bool]:
    """(the longest word through the edit, whether every site character is now explained)."""
    run = site.run
    a, b = max(0, site.lo - 3), min(len(run), site.hi + 3)
    fixed = applied(edit, run[a:b], a)
    shift = len(edit.text) - (edit.end - edit.start)
    lo, hi = site.lo - a, site.hi - a + shift
    at, to = edit.start - a, edit.start - a + max(1, len(edit.text))
    cover = [0] * len(fixed)
    longest = ""
    for i in range(len(fixed) - 1):
        for length in (2, 3, 4):
            if i + length <= len(fixed) and fixed[i : i + length] in words:
                for k in range(i, i + length):
                    cover[k] = max(cover[k], length)
                if i < to and at < i + length and length > len(longest):
                    longest = fixed[i : i + length]
    explained = all(cover[k] or is_function_char(fixed[k]) for k in range(lo, hi))
    return longest, explained


def _parallel(edit: Edit, site: Site, words: frozenset[str]) -> bool:
    """The edit makes the run start like the list item before it (强企、强链、强具 → 强县)."""
    if not site.before.endswith("、") or edit.start > 1:
        return False
    item = site.before[:-1]
    for mark in _ITEM_BREAK:
        item = item.rpartition(mark)[2]
    new_start = applied(edit, site.run)[: len(item)]
    return (
        len(item) >= 2
        and len(new_start) == len(item)
        and item[0] == new_start[0]
        and new_start in words
    )


GROUPS = {
    "look-alike": "nonword",
    "sound-alike": "nonword",
    "dropped": "dropped",
    "doubled": "doubled",
    "homophone": "homophone",
    "context": "context",
    "ocr-channel": "measured",  # read as this one by the measured channel (CHANNEL_SOURCE)
    "word-fill": "fill",  # completes a longer word, no likeness (candidates.FILL_SOURCE)
    # the same evidence as a candidate from context: the character model and the channel
    "realword": "context",
    "user": "user",
}


def features(edit: Edit, ranked: list[Edit], site: Site, words: frozenset[str]) -> dict[str, float]:
    """What the confidence is computed from (also shown as evidence)."""
    lm = tables.language_model()
    run, lo, hi = site.run, site.lo, site.hi
    old_logprob = min(map(char_logprob, run[edit.start : edit.end]), default=0.0)
    this = (edit.start, edit.end, edit.text)
    runner_up = max((e.gain for e in ranked if (e.start, e.end, e.text) != this), default=0.0)
    # The gain the site alone explains (a rare word split into single characters scores low
    # anywhere): what is left is what the context adds.
    a, b = min(lo, edit.start), max(hi, edit.end)
    alone = lm.score_fast(applied(edit, run[a:b], a), False, False) - lm.score_fast(
        run[a:b], False, False
    )
    # How common the new characters are: a rare character is seldom the right correction.
    new_logprob = min(map(char_logprob, edit.text), default=0.0)
    word, explained = formed_word(edit, site, words)
    longest = len(word)
    freq = word_frequencies()
    old = run[edit.start : edit.end]
    ratio = math.log10(max(freq.get(edit.text, 1), 1) / max(freq.get(old, 1), 1))
    channel = (
        math.log10(channel_prob(old, edit.text))
        if len(old) == len(edit.text) == 1
        else math.log10(edit.prior)
    )
    f = {
        "sound": float(edit.source == "sound-alike"),
        "both": float(edit.both),
        "top5": float(0 < edit.rank <= 5),
        "top20": float(0 < edit.rank <= 20),
        "gain": round(edit.gain, 3),
        "prior": edit.prior,
        "margin": round(min(edit.gain - runner_up, 5.0), 3),
        "context_gain": round(edit.gain - alone, 3),
        "known_old": float(run[lo:hi] in lm),
        "site_len": float(min(hi - lo, 4)),
        "explained": float(explained),
        "word3": float(longest >= 3),
        "new_logprob": round(new_logprob, 3),
        "old_logprob": round(old_logprob, 3),
        "known": float(_known_to_model(run, lo, hi)),
        "surname_near": float(any(c in SURNAMES for c in run[max(0, lo - 2) : lo + 1])),
        "log_ratio": round(max(-3.0, min(3.0, ratio)), 3),
        "gain3": float(edit.gain >= 3),
        "gain5": float(edit.gain >= 5),
        "gain7": float(edit.gain >= 7),
        "char_gain": round(max(-8.0, min(8.0, edit.char_gain)), 3),
        "char_gain2": float(edit.char_gain >= 2),
        "channel": round(channel, 3),
    }
    # One set of weights per kind of evidence: a homophone swap and a look-alike are different
    # games (the first replaces a real word, the second mends a non-word).
    group = GROUPS.get(edit.source, "user")
    out = dict(zip(_prefixed(group, tuple(f)), f.values(), strict=True))
    out[group] = 1.0
    if _parallel(edit, site, words):
        out["parallel"] = 1.0
    if group in ("dropped", "doubled"):
        out[f"{group}:longest"] = float(longest)
    return out


@lru_cache(maxsize=64)
def _prefixed(group: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """``group:name`` for each feature name (the same few lists every time: made once)."""
    return tuple(f"{group}:{k}" for k in names)


# Set by hand, not fitted: the tune sets have almost no list items and no dropped or doubled
# characters. A list item that, mended, matches its neighbour's pattern is strong evidence
# (强企、强链、强县); a dropped or doubled character must make a fixed expression of four
# characters whole (贯彻落|实, 贯彻彻落实) to count.
PARALLEL_CONFIDENCE = 0.75
EXPRESSION_CAP = 0.97  # a rule set by hand never claims certainty


def _expression_confidence(f: dict[str, float], group: str) -> float:
    # The expression must be complete and leave nothing dangling (真抓实|管 → 真抓实干管: no).
    if f.get(f"{group}:longest", 0.0) < 4 or not f.get(f"{group}:explained"):
        return 0.1
    return min(EXPRESSION_CAP, _logistic(-2.0 + 1.2 * f[f"{group}:gain"]))


def confidence(f: dict[str, float], weights: dict[str, float] | None = None) -> float:
    if "user" in f:
        return 0.95  # the user asked for this pair to be checked
    for group in ("dropped", "doubled"):
        if group in f:
            return _expression_confidence(f, group)
    w = weights or WEIGHTS
    z = w["bias"] + sum(w.get(k, 0.0) * v for k, v in f.items())
    if f.get("parallel") and f.get("nonword:prior", 0.0) >= 0.4:
        return max(PARALLEL_CONFIDENCE, _logistic(z))
    return _logistic(z)


# Set by hand (there is no archive among the evaluation sets): a correction towards a word the
# archive uses at least COMMON_WORD times counts like about 1.5 log10 units more gain.
ARCHIVE_BOOST = 1.5


def boosted(conf: float) -> float:
    conf = min(max(conf, 1e-9), 1 - 1e-9)
    return _logistic(math.log(conf / (1 - conf)) + ARCHIVE_BOOST)


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
