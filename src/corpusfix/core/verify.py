"""Integrity checks: does a clean file equal the replay of its log on its original?"""

from __future__ import annotations

from pathlib import Path

from corpusfix.core.changelog import read_changelog, replay
from corpusfix.core.errors import CorpusfixError
from corpusfix.core.loading import sha256_hex


def first_difference(a: bytes, b: bytes) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def verify_file(original: Path, clean: Path, log_path: Path) -> list[str]:
    """One line per integrity problem; an empty list means intact."""
    problems: list[str] = []
    for label, p in (("original", original), ("clean file", clean), ("change log", log_path)):
        if not p.is_file():
            what = "is not a regular file" if p.exists() else "is missing"
            problems.append(f"{p}: {label} {what}")
    if problems:
        return problems
    try:
        # the same parser and replay as `apply`: a log one refuses, the other reports, in the
        # same words (a malformed log, a log of another original, one that lost records)
        log = read_changelog(log_path)
        original_bytes = original.read_bytes()
        clean_bytes = clean.read_bytes()
        expected = replay(original_bytes, log, str(log_path))
    except CorpusfixError as exc:
        problems.append(str(exc))
        return problems
    except OSError as exc:
        problems.append(f"{exc.filename or log_path}: cannot read ({exc.strerror or exc})")
        return problems
    if log.header.get("clean_sha256") not in (None, sha256_hex(clean_bytes)):
        problems.append(f"{clean}: sha256 differs from the one recorded in the change log")
    if expected != clean_bytes:
        at = first_difference(expected, clean_bytes)
        problems.append(
            f"{clean}: differs from the replay of its change log at byte {at} "
            f"({len(clean_bytes)} bytes, replay gives {len(expected)})"
        )
    return problems
