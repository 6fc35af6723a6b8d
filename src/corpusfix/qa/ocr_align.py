"""Align an OCR engine's reading of a line to the line's source text, character by character.

Whitespace is dropped from both sides; punctuation and symbols are left out of the comparison
and the source's are kept, so punctuation differences vanish. What remains (Han, letters, digits;
compared after NFKC, so １ = 1) is aligned by difflib's SequenceMatcher (no autojunk): equal and
same-length replaced runs map character to character; an insertion, a deletion or a replaced
run of another length changes the line's length (``length_changed``). The OCR's extra characters
go with the source character before them; a run's missing ones stand as nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def is_content(ch: str) -> bool:
    """Han, letters and digits: what alignment compares; the rest is punctuation or space."""
    return is_han(ch) or unicodedata.category(ch)[0] in "LN"


def han(s: str) -> str:
    return "".join(c for c in s if is_han(c))


@dataclass(frozen=True)
class Aligned:
    wrong: str  # the OCR's reading, with the source's punctuation
    right: str  # the source without whitespace
    length_changed: bool
    similarity: float  # SequenceMatcher ratio of the compared characters
    pairs: tuple[tuple[str, str], ...]  # (seen, meant) of every one-to-one mapped character


def align(source: str, ocr: str) -> Aligned:
    """The OCR's reading of ``source`` with the source's punctuation and no whitespace."""
    right = "".join(source.split())
    src_idx = [i for i, c in enumerate(right) if is_content(c)]
    src = [right[i] for i in src_idx]
    got = [c for c in ocr if is_content(c)]
    sm = SequenceMatcher(
        None,
        [unicodedata.normalize("NFKC", c) for c in src],
        [unicodedata.normalize("NFKC", c) for c in got],
        autojunk=False,
    )
    out = list(src)  # out[k]: what stands for the k-th content character of the source
    pairs: list[tuple[str, str]] = []
    changed_len = False
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            pairs += zip(src[i1:i2], src[i1:i2], strict=True)
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            out[i1:i2] = got[j1:j2]
            pairs += zip(got[j1:j2], src[i1:i2], strict=True)
            continue
        changed_len = True
        piece = "".join(got[j1:j2])
        if op == "insert":
            if i1 > 0:
                out[i1 - 1] += piece
            elif out:
                out[0] = piece + out[0]
            continue
        # a replaced run of another length, or a deletion: one to one, the rest to the last
        n = min(i2 - i1, j2 - j1)
        for k in range(i2 - i1):
            out[i1 + k] = got[j1 + k] if k < n else ""
        if j2 - j1 > n and i2 > i1:
            out[i2 - 1] += piece[n:]
    chars = list(right)
    for k, i in enumerate(src_idx):
        chars[i] = out[k]
    return Aligned("".join(chars), right, changed_len, sm.ratio(), tuple(pairs))


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
