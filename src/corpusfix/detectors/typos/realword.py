"""Slips that make real words: OCR misreadings inside text the lexicon explains (质量 read 岳量).

The stretch search only looks where no word explains a character; a misreading that forms
another word (or a character the lexicon pairs with a neighbour by chance) is never a stretch.
Here every explained character that the measured OCR channel has seen as a misreading of
something else is a position, and each character it was misread from a candidate: the
character model scores all of them in one batch (corpusfix.lm.vector, numpy), and a candidate
goes on to the word model and the confidence only where the noisy channel prefers it:

    gain(char model, 4 characters each side) + log10 P(seen | meant) − log10 P(seen | seen)
    > MARGIN
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from corpusfix.detectors.typos import tables
from corpusfix.detectors.typos.charmodels import TypoModels
from corpusfix.detectors.typos.gates import SURNAMES

# Off by default: measured on the report halves at 0.8 it mends nothing more yet (the weights of
# candidates from context hold the few right ones back) and makes a 10,000-character article
# about ten times slower with a user's model (docs/typos.md). On for a refit (bench.csc_fit).
ENABLED = False
SOURCE = "realword"
POOL = 6  # the characters the channel most often misread as the one written
# Noisy-channel margin a candidate needs (log10), set on the tune halves (docs/typos.md).
MARGIN = 1.0
PRIOR = 0.5  # no glyph table pairs them: the channel feature carries the likeness
PER_POSITION = 1  # the best candidate per position goes on to the word model
MIN_SEEN = 2
LOOK_ALIKES = 5
LOOK_ALIKE_MIN = 0.8  # a confusion the channel saw once is as likely noise of the measurement


@lru_cache(maxsize=1 << 14)
def misread_from(seen: str) -> tuple[tuple[str, float], ...]:
    """(meant, log10 P(seen | meant) − log10 P(seen | seen)) for what ``seen`` may stand for."""
    channel = tables.ocr_channel()
    counts = channel.read_as().get(seen, {})
    kept = sorted((m for m in counts if counts[m] >= MIN_SEEN), key=lambda m: (-counts[m], m))
    kept = kept[:POOL]
    # And the closest glyphs: the measurement is small (50,000 characters shown), the glyph
    # table pairs what it never saw (its prior is in channel.prob).
    for m, score in list(tables.visual().get(seen).items())[:LOOK_ALIKES]:
        if score >= LOOK_ALIKE_MIN and m not in kept:
            kept.append(m)
    stay = math.log10(channel.prob(seen, seen))
    return tuple((m, math.log10(channel.prob(seen, m)) - stay) for m in kept)


def positions(run: str, cover: list[int], skip: Iterable[int]) -> list[tuple[int, str, float]]:
    """(i, meant, channel cost) for the explained characters of ``run`` the channel knows."""
    blocked = set(skip)
    out = []
    for i, ch in enumerate(run):
        if not cover[i] or i in blocked:
            continue
        # A name's characters are explained by chance (王明): never rewritten here.
        if ch in SURNAMES or (i > 0 and run[i - 1] in SURNAMES):
            continue
        for meant, cost in misread_from(ch):
            out.append((i, meant, cost))
    return out


def candidates(
    run: str, cover: list[int], models: TypoModels, skip: Iterable[int] = ()
) -> dict[int, list[str]]:
    """Position → the candidates the noisy channel prefers to what is written, best first."""
    found = positions(run, cover, skip)
    if not found:
        return {}
    gains = models.substitution_gains(run, [(i, m) for i, m, _ in found])
    best: dict[int, list[tuple[float, str]]] = {}
    for (i, meant, cost), gain in zip(found, gains, strict=True):
        post = gain + cost
        if post > MARGIN:
            best.setdefault(i, []).append((post, meant))
    return {
        i: [m for _, m in sorted(opts, reverse=True)[:PER_POSITION]] for i, opts in best.items()
    }
