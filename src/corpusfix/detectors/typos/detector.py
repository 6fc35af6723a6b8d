"""Typos: OCR look-alikes, homophones and dropped characters in Chinese text.

Two kinds of site are checked, both only where the text is not gated (titles in 《》, the user's
words, names and places, anything that is not Han):

- a stretch the lexicon cannot explain — characters that belong to no word of two or more
  characters with their neighbours (变庄器, 强具, 落会议) and are not frequent single-character
  words (的, 在): candidates are look-alikes and sound-alikes that complete a word with a
  neighbour, and characters whose insertion completes a fixed expression;
- a two-character word that has a much more frequent homophone (敌方/地方, 领到/领导).

The language model compares the text around the site with and without each candidate; the best
candidate per site is reported with a confidence from a logistic model over the model's gain,
how alike the characters are, and the kind of evidence (weights in scoring.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from itertools import compress, islice, repeat
from operator import add, not_

from corpusfix.core.document import Document
from corpusfix.core.suggestion import Draft
from corpusfix.core.text_classes import HAN_RUN
from corpusfix.detectors._context import context
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.registry import register
from corpusfix.detectors.script import is_traditional
from corpusfix.detectors.typos import memo, realword, tables
from corpusfix.detectors.typos.archive import COMMON_WORD
from corpusfix.detectors.typos.candidates import (
    DOUBLED_PRIOR,
    HOMOPHONE_PRIOR,
    INSERT_PRIOR,
    context_key,
    doubled,
    from_context,
    insertions,
    prefetch,
    word_forming,
)
from corpusfix.detectors.typos.charmodels import TypoModels, models_with
from corpusfix.detectors.typos.gates import Spans, looks_like_name, protected_spans
from corpusfix.detectors.typos.scoring import (
    PREFILTER_GAIN,
    Edit,
    Scored,
    Site,
    boosted,
    evaluate,
    formed_word,
    fresh_memo,
    is_common_char,
    is_function_char,
    is_rare_char,
    word_swap_gains,
)


def cover_lengths(
    run: str, homophone_at: list[int] | None = None, long_words: list[str] | None = None
) -> list[int]:
    """For each character, the length of the longest lexicon word around it (0: none).

    ``homophone_at`` collects where a two-character word with a more frequent homophone starts;
    ``long_words`` the words of three and four characters, as often as they occur.
    """
    flags = tables.bigram_flags()
    is_word, starts_longer, has_homophone = (
        tables.IS_WORD,
        tables.STARTS_LONGER,
        tables.HAS_HOMOPHONE,
    )
    n = len(run)
    cover = [0] * n
    longer = []
    # The flags of every two-character slice in one pass at C speed (run[i] + run[i + 1] is
    # the slice run[i : i + 2]); the loop visits only the slices that are flagged.
    found = list(map(flags.get, map(add, run, islice(run, 1, None)), repeat(0)))
    for i in compress(range(n - 1), found):
        f = found[i]
        if f & is_word:
            cover[i] = cover[i + 1] = 2
        if f & starts_longer:
            longer.append(i)
        if f & has_homophone and homophone_at is not None:
            homophone_at.append(i)
    if longer:
        words = tables.words()
        starts3 = tables.three_char_starts()
        for i in longer:
            if i + 3 > n:
                continue
            three = run[i : i + 3]
            if three in words:
                for k in range(i, i + 3):
                    if cover[k] < 3:
                        cover[k] = 3
                if long_words is not None:
                    long_words.append(three)
            if three in starts3 and i + 4 <= n and run[i : i + 4] in words:
                for k in range(i, i + 4):
                    cover[k] = 4
                if long_words is not None:
                    long_words.append(run[i : i + 4])
    if 0 in cover:
        _cover_longest(run, cover)
    return cover


LONGEST_WORD = 7  # 安提瓜和巴布达: the lexicon's longer words are names and set phrases


def _cover_longest(run: str, cover: list[int]) -> None:
    """Words of five to LONGEST_WORD characters that cover a character no shorter word explains.

    阿尔及利亚 is one word, though 及 stands alone between 阿尔 and 利亚 (an 尔 "dropped" there
    made 阿尔及尔); only the few unexplained characters are looked at."""
    words, starts, n = tables.words(), tables.long_word_starts(), len(run)
    for i in [k for k in range(n) if not cover[k]]:
        if cover[i]:
            continue  # covered by a long word found for an earlier character
        # The words through run[i] start at most LONGEST_WORD - 1 before it, and only where
        # a long word starts with those two characters (most places: none).
        for a in range(max(0, i - LONGEST_WORD + 1), i + 1):
            if run[a : a + 2] not in starts:
                continue
            for size in range(max(5, i - a + 1), min(LONGEST_WORD, n - a) + 1):
                if run[a : a + size] in words:
                    for k in range(a, a + size):
                        cover[k] = max(cover[k], size)


def stretches(cover: list[int]) -> Iterator[tuple[int, int]]:
    """Maximal runs of characters that no word explains."""
    i, n = 0, len(cover)
    while i < n:
        if cover[i]:
            i += 1
            continue
        j = i
        while j < n and not cover[j]:
            j += 1
        yield i, j
        i = j


_SAME_TWICE = re.compile(r"(?=(.)\1)")  # overlapping: 彻彻彻 has two pairs
REPORT_FLOOR = 0.6  # below this a finding costs an editor more time than it saves
# A word swap the word model's quick pass does not reject (gain ≥ RESCUE_FLOOR, below
# PREFILTER_GAIN) is scored in full where the character model prefers it by CHAR_RESCUE_GAIN.
RESCUE_FLOOR = 0.5
CHAR_RESCUE_GAIN = 1.0
LOOSE_LIMIT = 3  # a character this often outside any word in one document is the author's usage
# Text around these findings is not what it seems until they are applied: no typo is sought there.
LAYOUT_GATES = ("merge", "duplicate", "split")


@register
class TypoDetector:
    id = "typo.lexicon-lm"
    kinds = frozenset({"typo"})
    order = 60
    needs_context = False
    requires = ("layout.duplicate", "layout.merge", "layout.split")  # for LAYOUT_GATES
    slow = True  # about 0.5 MB/s: the app shows the other findings first
    needs_model = True  # the shipped language model (kenlm)

    def detect(self, doc: Document, ctx: DetectContext) -> Iterator[Draft]:
        text = doc.text
        if is_traditional(text):
            return  # the lexicon and the model are simplified Chinese: nothing to go on here
        tables.loaded()
        models = models_for(ctx)
        fresh_memo(models)
        words = tables.words()  # the user's words are gated below, never edited
        gated = Spans(protected_spans(text, ctx.wordlist) + _layout_spans(ctx))
        confusions = dict(ctx.confusions)
        yield from self._user_confusions(text, confusions, gated)
        # A run's loose characters and sites are a pure function of the run, the tables and
        # the models (with no confusions of the user's to add): memoised per models (memo.py),
        # as the same runs come back in an archive. ``runs``: (start, run, index in ``misses``
        # or -1 where memoised); ``misses``: the runs first seen here, worked out below.
        table: dict[str, RunSites] | None = models.run_memo
        if confusions or (realword.ENABLED and models.user is not None):
            table = None
        runs: list[tuple[int, str, int]] = []
        known: list[RunSites | None] = []
        misses: list[tuple[int, str, list[int], list[int]]] = []
        first_miss: dict[str, int] = {}
        miss_loose: list[str] = []
        loose_parts: list[str] = []
        for m in HAN_RUN.finditer(text):
            run = m.group()
            if len(run) >= 2 and not gated.covers(m.start(), m.end()):
                entry = table.get(run) if table is not None else None
                n = -1
                if entry is not None:
                    loose_parts.append(entry[0])
                elif run in first_miss:
                    n = first_miss[run]
                    loose_parts.append(miss_loose[n])
                else:
                    homophone_at: list[int] = []
                    cover = cover_lengths(run, homophone_at)
                    n = first_miss[run] = len(misses)
                    misses.append((m.start(), run, cover, homophone_at))
                    miss_loose.append(_loose(run, cover))
                    loose_parts.append(miss_loose[n])
                runs.append((m.start(), run, n))
                known.append(entry)
        # The document as its own evidence: a character that stands outside any word again and
        # again (管绿、护绿、增绿) is the author's usage, not a slip. Lines are independent.
        loose: Counter[str] = Counter()
        if not doc.lines_mode:  # the loose characters, counted in one go
            loose = Counter("".join(loose_parts))
        # The stretches worth a look, and the windows whose candidates from context they need:
        # those are worked out for a block of runs at once (candidates.prefetch), then each
        # run is scored as before.
        plans = [self._plan(run, cover, confusions) for _, run, cover, _ in misses]
        worked: list[RunSites | None] = [None] * len(misses)
        block_end = 0
        for (base, run, n), entry in zip(runs, known, strict=True):
            if entry is None:
                entry = worked[n]
            if entry is None:
                if n == block_end:
                    block_end = _prefetch_block(models, misses, plans, n)
                _, _, cover, homophone_at = misses[n]
                sites = self._sites(run, cover, homophone_at, confusions, models, plans[n])
                found = tuple((lo, hi, tuple(edits), ok) for lo, hi, edits, ok in sites)
                entry = worked[n] = (miss_loose[n], found)
                if table is not None:
                    memo.store(table, run, entry, RUN_MEMO)
            for lo, hi, options, checked in entry[1]:
                if gated.overlaps(base + lo, base + hi):
                    continue
                site = Site(run, lo, hi, text[max(0, base - 12) : base])
                scored = evaluate(site, options, words, models, checked)
                if not scored:
                    continue
                conf, archive_note = scored[0].confidence, ""
                if ctx.archive is not None:
                    if ctx.archive.consistent(_trim(run[lo:hi])):
                        continue  # the archive spells it this way in many files
                    word, _ = formed_word(scored[0].edit, site, words)
                    count = ctx.archive.common(word) if len(word) >= 3 else 0
                    if count >= COMMON_WORD:
                        conf, archive_note = boosted(conf), f"{word} ×{count} in the archive"
                if conf < REPORT_FLOOR:
                    continue
                best = scored[0].edit
                if any(loose[c] >= LOOSE_LIMIT for c in run[best.start : best.end]):
                    continue
                if self._recurs(doc, text, base + lo, base + hi):
                    continue  # a stretch repeated unchanged is a local name, not a slip
                draft = self._draft(text, base, run, scored, _trim(run[lo:hi]))
                if archive_note:
                    evidence = {**draft.evidence, "archive": archive_note}
                    draft = replace(draft, confidence=conf, evidence=evidence)
                yield draft

    @staticmethod
    def _plan(run: str, cover: list[int], confusions: dict[str, str]) -> list[Stretch]:
        """The stretches of ``run`` that are no name, each with whether it is a lone common
        character and the positions whose candidates are sought."""
        out = []
        for lo, hi in stretches(cover):
            if looks_like_name(run, lo, hi):
                continue
            # A lone common character between words is a word of its own (说, 将): only a
            # doubled character next to it is worth a look. So are two very common ones side by
            # side (作出|更大|贡献: 更 and 大 are words of their own, not a slip for 重大).
            if hi - lo == 1:
                lone = not is_rare_char(run[lo]) and run[lo] not in confusions
            else:
                lone = hi - lo == 2 and all(
                    is_common_char(c) and c not in confusions for c in run[lo:hi]
                )
            at = [
                i
                for i in range(lo, lo if lone else hi)
                if not is_function_char(run[i]) or run[i] in confusions
            ]
            out.append((lo, hi, lone, at))
        return out

    def _sites(
        self,
        run: str,
        cover: list[int],
        homophone_at: list[int],
        confusions: dict[str, str],
        models: TypoModels,
        plan: list[Stretch] | None = None,
    ) -> Iterator[tuple[int, int, list[Edit], bool]]:
        """(lo, hi, options, whether the options have passed the cheap pass already).

        ``plan``: ``_plan``'s stretches of this run (worked out here when not given)."""
        if plan is None:
            plan = self._plan(run, cover, confusions)
        pairs = [m.start() for m in _SAME_TWICE.finditer(run)]  # most runs have none
        for lo, hi, lone, positions in plan:
            twice = [
                i
                for p in pairs
                if lo - 3 <= p < hi + 2
                for i in (p, p + 1)
                if lo - 2 <= i < hi + 2 and doubled(run, i, cover)
            ]
            if lone and not twice:
                continue
            options: dict[tuple[int, int, str], Edit] = {
                (i, i + 1, ""): Edit(i, i + 1, "", DOUBLED_PRIOR, "doubled") for i in twice
            }
            by_context = hi - lo >= CONTEXT_MIN_STRETCH
            for i in positions:
                alikes = word_forming(run, i, confusions)
                if by_context:
                    alikes += from_context(run, i, models, {a.char for a in alikes})
                for a in alikes:
                    options[(i, i + 1, a.char)] = Edit(
                        i, i + 1, a.char, a.prior, a.source, rank=a.rank, both=a.sounds_alike
                    )
                for at, x in insertions(run, i):
                    options.setdefault((at, at, x), Edit(at, at, x, INSERT_PRIOR, "dropped"))
            if options:
                # The site spans every edit, so that the gates see them all (实事求求|是).
                edits = options.values()
                first = min(lo, *(e.start for e in edits))
                last = max(hi, *(e.end for e in edits))
                yield first, last, list(edits), False
        # Misreadings that the lexicon explains (a real word, or a word by chance): the measured
        # channel's candidates, scored by the character model in one batch per run. Only with
        # the user's own model (the shipped one cannot tell them apart), and off by default
        # until a refit makes it pay for its time (docs/typos.md).
        if realword.ENABLED and models.user is not None:
            near_homophone = [k for i in homophone_at for k in (i, i + 1)]
            for i, meant in realword.candidates(run, cover, models, near_homophone).items():
                swaps = [Edit(i, i + 1, m, realword.PRIOR, realword.SOURCE) for m in meant]
                yield i, i + 1, swaps, False
        homophones = tables.homophones()
        for i in homophone_at:
            if cover[i] != 2 or cover[i + 1] != 2:
                continue  # inside a longer word: that word vouches for both characters
            better = homophones.get(run[i : i + 2])
            if better:
                alts = [better[k : k + 2] for k in range(0, len(better), 2)]
                # The word model cannot tell some same-sounding words apart (名位/名为 by the
                # words around them): where its quick pass prefers the swap only a little, the
                # character model may tell them apart, and the scoring weighs both.
                gains = word_swap_gains(run, i, i + 2, alts)
                alts = [w for w, g in gains if g >= PREFILTER_GAIN] + [
                    w
                    for w, g in gains
                    if RESCUE_FLOOR <= g < PREFILTER_GAIN
                    and models.gain(run, i, i + 2, w) >= CHAR_RESCUE_GAIN
                ]
                if alts:
                    swaps = [Edit(i, i + 2, w, HOMOPHONE_PRIOR, "homophone") for w in alts]
                    yield i, i + 2, swaps, True

    @staticmethod
    def _recurs(doc: Document, text: str, start: int, end: int) -> bool:
        if doc.lines_mode or end - start < 2:
            return False
        return text.count(text[start:end]) >= 2

    def _draft(self, text: str, base: int, run: str, scored: list[Scored], site: str) -> Draft:
        edit = scored[0].edit
        start, end = base + edit.start, base + edit.end
        old = run[edit.start : edit.end]
        rivals = [
            s.edit.text
            for s in scored[1:]
            if (s.edit.start, s.edit.end) == (edit.start, edit.end) and s.confidence >= 0.05
        ]
        if not old:
            what = f"a character seems dropped here: '{edit.text}'"
            message_id = "typo.dropped"
        elif not edit.text:
            what = f"'{old}' seems written twice here: delete one"
            message_id = "typo.doubled"
        else:
            what = f"'{old}' looks like a typo for '{edit.text}'"
            message_id = "typo.swap"
        gain = f"{edit.gain:.1f}"
        return Draft(
            kind="typo",
            start=start,
            end=end,
            replacement=edit.text,
            confidence=scored[0].confidence,
            message=f"{what} ({edit.source}; the language model prefers it by {gain})",
            message_id=message_id,
            # (a dropped character has no old text, a doubled one no new text)
            params={"source": edit.source, "gain": gain}
            | ({"old": old} if old else {})
            | ({"new": edit.text} if edit.text else {}),
            evidence={
                **context(text, start, end),
                "source": edit.source,
                "site": site,
                "lm_gain": round(edit.gain, 2),
                "prior": round(edit.prior, 2),
                "features": dict(scored[0].features),  # memoised: not to share
            },
            candidates=(edit.text, *rivals[:4]),
        )

    def _user_confusions(
        self, text: str, confusions: dict[str, str], gated: Spans
    ) -> Iterator[Draft]:
        """The user's confusion pairs of two or more characters: always reported."""
        for wrong, right in confusions.items():
            if len(wrong) < 2:
                continue
            at = text.find(wrong)
            while at != -1:
                if not gated.overlaps(at, at + len(wrong)):
                    yield Draft(
                        kind="typo",
                        start=at,
                        end=at + len(wrong),
                        replacement=right,
                        confidence=0.9,
                        message=f"'{wrong}' is on your list of confusions: '{right}'",
                        message_id="typo.user_confusion",
                        params={"wrong": wrong, "right": right},
                        evidence={**context(text, at, at + len(wrong)), "source": "user"},
                    )
                at = text.find(wrong, at + 1)


# (lo, hi, a lone common character, the positions whose candidates are sought)
Stretch = tuple[int, int, bool, list[int]]
# Candidates from context are sought in stretches of two or more characters only: at a lone
# rare character none became a finding at 0.8 or more on the tune halves (0 of 918 such sites;
# 7 findings from context came from longer stretches), and one in five sites is such a
# character on distinct news text (docs/decisions.md, helper h3-tput).
CONTEXT_MIN_STRETCH = 2
PREFETCH_BLOCK = 2048  # windows a block of runs asks for at most (well under memo.CAP)


def _prefetch_block(
    models: TypoModels,
    runs: list[tuple[int, str, list[int], list[int]]],
    plans: list[list[Stretch]],
    first: int,
) -> int:
    """Work out the candidates from context of runs[first:end] in one go; return ``end``.

    A block, not the whole document: the memo must still hold a block's windows when its runs
    are scored (a table is emptied when full)."""
    keys: list[tuple[str, str, str]] = []
    end = first
    while end < len(runs) and (end == first or len(keys) < PREFETCH_BLOCK):
        run = runs[end][1]
        keys += [
            context_key(run, i)
            for lo, hi, _, at in plans[end]
            if hi - lo >= CONTEXT_MIN_STRETCH
            for i in at
        ]
        end += 1
    if keys:
        prefetch(models, keys)
    return end


# What a run gives the document, memoised: its characters that no word explains, its sites
# (lo, hi, options, checked). Plain tuples: the collector stops walking those with no sites.
RunSites = tuple[str, tuple[tuple[int, int, tuple[Edit, ...], bool], ...]]


RUN_MEMO = 1 << 15  # runs the memo holds at most (~0.5 KB each on distinct news: ~17 MB)


def _loose(run: str, cover: list[int]) -> str:
    """The characters of ``run`` that no word explains."""
    return "".join(compress(run, map(not_, cover)))


def models_for(ctx: DetectContext) -> TypoModels:
    """The character models of this run: the shipped one, and the user's where one is given."""
    return models_with(ctx.user_lm)


def _trim(site: str) -> str:
    """The suspect stretch without function words at its edges (和变庄器 → 变庄器)."""
    while len(site) > 1 and is_function_char(site[0]):
        site = site[1:]
    while len(site) > 1 and is_function_char(site[-1]):
        site = site[:-1]
    return site


def _layout_spans(ctx: DetectContext, margin: int = 2) -> list[tuple[int, int]]:
    """Around column breaks and stray lines found earlier: that text is not what it seems yet."""
    return [
        (d.start - margin, d.end + margin)
        for drafts in ctx.found.values()
        for d in drafts
        if d.kind in LAYOUT_GATES
    ]
