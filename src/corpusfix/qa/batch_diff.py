"""The readable diff (`--diff` format) for a whole batch output, for git or terminal reviewers."""

from __future__ import annotations

from pathlib import Path

from corpusfix.export.diff import inline_diff
from corpusfix.qa.review import ReviewSet


def batch_diff(review: ReviewSet) -> str:
    parts = []
    for f in review:
        if not f.changes:
            continue
        text = f.original_text()
        if "jsonl_field" in f.log.header:
            continue  # offsets are per article; the report shows JSON Lines changes
        parts.append(inline_diff(text, f.log.records, name_a=f.rel, name_b=f.rel))
    return "".join(parts)


def write_batch_diff(review: ReviewSet, out: Path) -> None:
    from corpusfix.core.files import atomic_write

    atomic_write(out, batch_diff(review).encode("utf-8", errors="replace"))
