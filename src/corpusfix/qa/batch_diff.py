"""The readable diff (`--diff` format) for a whole batch output, for git or terminal reviewers."""

from __future__ import annotations

from pathlib import Path

from corpusfix.core.errors import UsageError
from corpusfix.core.files import atomic_write, check_outputs, resolves_inside
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
    """Write the diff; never over a file of the review (original, clean text, log, state)."""
    check_outputs([("--diff", out)], review.paths())
    if review.outdir is not None and resolves_inside(out, review.outdir):
        raise UsageError(
            f"{out}: inside the batch output {review.outdir}, where verify would call it an "
            "extra file; write the diff elsewhere"
        )
    atomic_write(out, batch_diff(review).encode("utf-8", errors="replace"))
