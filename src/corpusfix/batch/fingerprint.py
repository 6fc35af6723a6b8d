"""Article and paragraph fingerprints for duplicates across an archive.

Exact: an 8-byte hash of the text with whitespace and punctuation removed. Near-identical: the
8 smallest hashes of consecutive sentence pairs form a sketch; articles that share two sketch
entries are compared by the Jaccard overlap of their sentence sets. All of it is stored in the
run's SQLite state, so memory does not grow with the archive.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass

_NOISE = re.compile(r"[\s\u3000\u200b\ufeff\W_]+")
_SENTENCE = re.compile(r"[。！？!?；;]+")
_SPACE = re.compile(r"\s+")
SKETCH = 8
MIN_PARAGRAPH = 20


def h64(text: str) -> int:
    """A signed 64-bit hash (SQLite INTEGER) that is the same on every machine and run."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def normalize(text: str) -> str:
    return _NOISE.sub("", text)


@dataclass(frozen=True)
class ArticlePrint:
    exact: int
    length: int  # normalized characters
    sentences: tuple[int, ...]  # sorted unique sentence hashes
    paragraphs: tuple[int, ...]  # hashes of long body paragraphs
    pairs: tuple[int, ...] = ()  # sorted hashes of consecutive sentence pairs

    @property
    def sketch(self) -> tuple[int, ...]:
        """Bottom-8 of the sentence pairs: sentences that recur across an archive (boilerplate,
        quotations) would make every article a candidate; pairs of them rarely recur."""
        return (self.pairs or self.sentences)[:SKETCH]


def fingerprint(text: str, paragraph_texts: list[str]) -> ArticlePrint:
    norm = normalize(text)
    # Sentences are cut after removing line breaks, so a column break inside one changes nothing.
    flat = _SPACE.sub("", text)
    parts = [s for s in (normalize(x) for x in _SENTENCE.split(flat)) if len(s) >= 8]
    sentences = sorted({h64(s) for s in parts})
    pairs = sorted({h64(a + "|" + b) for a, b in itertools.pairwise(parts)})
    paras = sorted(
        {h64(n) for n in (normalize(p) for p in paragraph_texts) if len(n) >= MIN_PARAGRAPH}
    )
    return ArticlePrint(h64(norm), len(norm), tuple(sentences), tuple(paras), tuple(pairs))


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
