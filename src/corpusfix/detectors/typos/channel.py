"""The OCR channel: P(seen | meant), measured, with the glyph and sound tables as priors.

The measurement (resources/similarity/ocr_channel.tsv, scripts/build_ocr_channel.py) says for
each character shown to tesseract how often it was shown and which Han characters it was read
as. A user's learned table (``corpusfix lists learn``) adds its counts on top. For a pair the
counts never saw, the prior is the glyph (look-alike) or, weaker, the sound table's score.

    P(seen | meant) = (c(meant → seen) + A · q(seen | meant)) / (n(meant) + A)
    q(seen | meant) = rate · PRIOR_SCALE · max(visual, SOUND_WEIGHT · phonetic, FLOOR)
    P(meant | meant) = (n(meant) − slips(meant) + A · (1 − rate)) / (n(meant) + A)
    A = max(ALPHA, n(meant) · PRIOR_SHARE / (1 − PRIOR_SHARE))

so that the prior keeps at least PRIOR_SHARE of the mass however often a character was shown:
a bigger measurement must not make every pair it did not see (another font's slips) unlikely.

``rate`` is the measured share of characters read as another one. A character never shown has
n = 0: its probabilities are the prior's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

ALPHA = 10.0  # pseudo-counts of the prior
PRIOR_SCALE = 0.04  # a character's 50 look-alikes' scores add up to about 25: q sums to ~rate
SOUND_WEIGHT = 0.3  # print OCR rarely confuses sound-alikes; people's typing does
FLOOR = 0.01  # a pair neither table lists
PRIOR_SHARE = 0.2  # the least share of the prior, however many times a character was shown

Alikes = Callable[[str], Mapping[str, float]]
# (times shown, counts read as, alpha, look-alikes, sound-alikes) of one meant character
_Meant = tuple[int, dict[str, int], float, Mapping[str, float], Mapping[str, float]]


class Channel:
    def __init__(
        self,
        shown: Mapping[str, int],
        seen_as: Mapping[str, Mapping[str, int]],
        visual: Alikes,
        phonetic: Alikes,
    ) -> None:
        self.shown = dict(shown)
        self.seen_as = {m: dict(c) for m, c in seen_as.items()}
        total = sum(self.shown.values())
        slips = sum(sum(c.values()) for c in self.seen_as.values())
        self.rate = slips / total if total else 0.02
        self._visual, self._phonetic = visual, phonetic
        self._read_as: dict[str, dict[str, int]] | None = None
        self._per_meant: dict[str, _Meant] = {}  # meant → its count, row, alpha, alikes

    @classmethod
    def from_tsv(cls, path: Path, visual: Alikes, phonetic: Alikes) -> Channel:
        shown, seen_as = read_counts(path.read_text("utf-8").splitlines())
        return cls(shown, seen_as, visual, phonetic)

    def plus(self, shown: Mapping[str, int], seen_as: Mapping[str, Mapping[str, int]]) -> Channel:
        """This channel with more counts added (a user's learned table)."""
        all_shown = dict(self.shown)
        all_seen = {m: dict(c) for m, c in self.seen_as.items()}
        for m, n in shown.items():
            all_shown[m] = all_shown.get(m, 0) + n
        for m, counts in seen_as.items():
            row = all_seen.setdefault(m, {})
            for s, n in counts.items():
                row[s] = row.get(s, 0) + n
        return Channel(all_shown, all_seen, self._visual, self._phonetic)

    def prior(self, seen: str, meant: str) -> float:
        g = max(
            self._visual(meant).get(seen, 0.0),
            SOUND_WEIGHT * self._phonetic(meant).get(seen, 0.0),
            FLOOR,
        )
        return self.rate * PRIOR_SCALE * g

    def prob(self, seen: str, meant: str) -> float:
        """P(seen | meant): how likely the OCR reads ``seen`` where the print says ``meant``."""
        found = self._per_meant.get(meant)
        if found is None:
            found = self._meant(meant)
        n, row, alpha, visual, phonetic = found
        if seen == meant:
            right = max(n - sum(row.values()), 0)
            return (right + alpha * (1.0 - self.rate)) / (n + alpha)
        # self.prior(seen, meant), written out: the same operations in the same order (so the
        # same float), without looking up the row and both tables again for every pair.
        g = max(visual.get(seen, 0.0), SOUND_WEIGHT * phonetic.get(seen, 0.0), FLOOR)
        return (row.get(seen, 0) + alpha * (self.rate * PRIOR_SCALE * g)) / (n + alpha)

    def _meant(self, meant: str) -> _Meant:
        """What ``prob`` needs of ``meant``, worked out once per character (a few thousand)."""
        n = self.shown.get(meant, 0)
        alpha = max(ALPHA, n * PRIOR_SHARE / (1.0 - PRIOR_SHARE))
        row = self.seen_as.get(meant, {})
        found = (n, row, alpha, self._visual(meant), self._phonetic(meant))
        self._per_meant[meant] = found
        return found

    def read_as(self) -> dict[str, dict[str, int]]:
        """seen → {meant: count}: which characters were read as ``seen``."""
        if self._read_as is None:
            inv: dict[str, dict[str, int]] = {}
            for meant, row in self.seen_as.items():
                for seen, n in row.items():
                    inv.setdefault(seen, {})[meant] = n
            self._read_as = inv
        return self._read_as

    def candidates(self, seen: str, k: int = 20) -> list[tuple[str, float]]:
        """What ``seen`` may stand for, best first, with P(seen | meant).

        First the characters measured as read as ``seen`` (most often first), then its
        look-alikes and sound-alikes by prior, up to ``k``.
        """
        observed = sorted(self.read_as().get(seen, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        out = [m for m, _ in observed[:k]]
        if len(out) < k:
            rest: dict[str, float] = {}
            for table in (self._visual, self._phonetic):
                for m in table(seen):
                    if m not in rest and m not in out and m != seen:
                        rest[m] = self.prior(seen, m)
            out += sorted(rest, key=lambda m: -rest[m])[: k - len(out)]
        return [(m, self.prob(seen, m)) for m in out]


def read_counts(lines: Iterable[str]) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Parse ``meant<TAB>times shown<TAB>seen chars<TAB>counts`` rows (``#`` lines skipped)."""
    shown: dict[str, int] = {}
    seen_as: dict[str, dict[str, int]] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        meant, n, seen, counts = line.rstrip("\n").split("\t")
        shown[meant] = shown.get(meant, 0) + int(n)
        if seen:
            row = seen_as.setdefault(meant, {})
            for s, c in zip(seen, counts.split(","), strict=True):
                row[s] = row.get(s, 0) + int(c)
    return shown, seen_as


def format_counts(shown: Mapping[str, int], seen_as: Mapping[str, Mapping[str, int]]) -> list[str]:
    """The rows read_counts reads, most shown first."""
    rows = []
    for meant, n in sorted(shown.items(), key=lambda kv: (-kv[1], kv[0])):
        top = sorted(seen_as.get(meant, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        seen = "".join(s for s, _ in top)
        rows.append(f"{meant}\t{n}\t{seen}\t{','.join(str(c) for _, c in top)}")
    return rows
