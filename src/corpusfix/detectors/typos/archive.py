"""The archive as its own evidence (batch): what is common across many files.

A form that many files share is the archive's usage, not a slip: a rare local name spelled the
same way in five articles (沙尔沁, 蒙科聚) is left alone. And a correction towards a form the
archive uses hundreds of times (变庄器 → 变压器 ×300) is more likely right. Batch collects this
from a sample of the inputs before the run (`collect`), writes it beside the outputs, and every
worker reads it once (`load`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from corpusfix.core.text_classes import HAN_RUN
from corpusfix.detectors.script import is_traditional

CONSISTENT_FILES = 3  # a suspect stretch in this many files is usage
COMMON_WORD = 20  # a word this frequent in the archive makes a look-alike of it suspect
MAX_ENTRIES = 50_000  # each table keeps its most frequent entries


@dataclass(frozen=True)
class ArchiveEvidence:
    files: int = 0
    stretch_files: dict[str, int] = field(default_factory=dict)  # suspect stretch → files
    word_counts: dict[str, int] = field(default_factory=dict)  # word of 3+ characters → count

    def __reduce__(
        self,
    ) -> tuple[type[ArchiveEvidence], tuple[int, dict[str, int], dict[str, int]]]:
        # The compiled build restores a frozen instance field by field, which frozen forbids.
        return ArchiveEvidence, (self.files, self.stretch_files, self.word_counts)

    def consistent(self, stretch: str) -> bool:
        return self.stretch_files.get(stretch, 0) >= CONSISTENT_FILES

    def common(self, word: str) -> int:
        return self.word_counts.get(word, 0)


def scan(text: str) -> tuple[set[str], Counter[str]]:
    """The stretches no word explains, and the words of three or more characters, in ``text``."""
    from corpusfix.detectors.typos.detector import cover_lengths, stretches

    found: set[str] = set()
    long_words: list[str] = []
    for m in HAN_RUN.finditer(text):
        run = m.group()
        if len(run) < 2:
            continue
        cover = cover_lengths(run, long_words=long_words)
        for lo, hi in stretches(cover):
            if hi - lo >= 2:
                found.add(run[lo:hi])
    return found, Counter(long_words)


@dataclass
class Tally:
    """Raw counts over some files; tallies of parts of an archive add up (parallel collection)."""

    files: int = 0
    stretch_files: Counter[str] = field(default_factory=Counter)
    word_counts: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.files += other.files
        self.stretch_files.update(other.stretch_files)
        self.word_counts.update(other.word_counts)


def tally(texts: Iterable[str]) -> Tally:
    out = Tally()
    for text in texts:
        if is_traditional(text):
            continue  # the typo detector leaves these alone: their stretches are no evidence
        found, counts = scan(text)
        out.files += 1
        out.stretch_files.update(found)
        out.word_counts.update(counts)
    return out


def _top(counts: Counter[str]) -> dict[str, int]:
    # Ties broken by the text itself: the same archive gives the same evidence file (and the
    # same outputs) however the tally was split between processes.
    ranked = sorted(((n, k) for k, n in counts.items() if n >= 2), key=lambda x: (-x[0], x[1]))
    return {k: n for n, k in ranked[:MAX_ENTRIES]}


def finish(t: Tally) -> ArchiveEvidence:
    return ArchiveEvidence(t.files, _top(t.stretch_files), _top(t.word_counts))


def collect(texts: Iterable[str]) -> ArchiveEvidence:
    return finish(tally(texts))


def save(evidence: ArchiveEvidence, path: Path) -> None:
    from corpusfix.core.files import atomic_write

    data = {
        "files": evidence.files,
        "stretch_files": evidence.stretch_files,
        "word_counts": evidence.word_counts,
    }
    atomic_write(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


@lru_cache(maxsize=2)
def load(path: str) -> ArchiveEvidence:
    data = json.loads(Path(path).read_text("utf-8"))
    return ArchiveEvidence(data["files"], data["stretch_files"], data["word_counts"])
