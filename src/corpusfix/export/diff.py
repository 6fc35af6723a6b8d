"""A unified diff people can read in Chinese: changed runs are marked inside the line.

Format (docs/formats.md): ``---``/``+++`` headers and ``@@ -l,n +l,n @@`` hunks as in a
unified diff; inside a hunk, unchanged lines start with a space and changed lines with ``~``, and
each change shows as ``[-removed-]{+inserted+}`` in place (a removed line break as ``⏎``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corpusfix.core.changelog import LogRecord
from corpusfix.export.changes import DELETE, EQUAL, INSERT, applied_changes, char_segments


def _visible(s: str) -> str:
    return s.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")


def inline_diff(
    original: str,
    records: Sequence[LogRecord],
    *,
    name_a: str = "original",
    name_b: str = "clean",
    context: int = 1,
) -> str:
    changes = applied_changes(records)
    out = [f"--- a/{name_a}", f"+++ b/{name_b}"]
    if not changes:
        return "\n".join(out) + "\n"
    lines = original.splitlines(keepends=True)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))

    def line_of(offset: int) -> int:  # 0-based line containing offset
        lo, hi = 0, len(lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    # Group changes whose line ranges (with context) touch into hunks.
    hunks: list[list[int]] = []  # [first line, last line, first change, last change]
    for n, c in enumerate(changes):
        first = max(0, line_of(c.start) - context)
        # A change that removes a line break runs on into the next line: show that line too.
        tail = c.end if c.end > c.start and original[c.end - 1] in "\r\n" else c.end - 1
        last = min(len(lines) - 1, line_of(max(c.start, tail)) + context)
        if hunks and first <= hunks[-1][1] + 1:
            hunks[-1][1] = max(hunks[-1][1], last)
            hunks[-1][3] = n
        else:
            hunks.append([first, last, n, n])

    delta_lines = 0
    ci = 0
    for first, last, c0, c1 in hunks:
        # Lines removed or added by the changes before this hunk shift the new line numbers.
        while ci < c0:
            delta_lines += _newlines(changes[ci].after) - _newlines(
                original[changes[ci].start : changes[ci].end]
            )
            ci += 1
        span_start, span_end = starts[first], starts[last + 1]
        body = _render(original, span_start, span_end, changes[c0 : c1 + 1])
        old_n = last - first + 1
        new_n = old_n + sum(
            _newlines(c.after) - _newlines(original[c.start : c.end]) for c in changes[c0 : c1 + 1]
        )
        kinds = ", ".join(sorted({c.record.kind for c in changes[c0 : c1 + 1]}))
        out.append(f"@@ -{first + 1},{old_n} +{first + 1 + delta_lines},{new_n} @@ {kinds}")
        out.extend(body)
    return "\n".join(out) + "\n"


def _newlines(s: str) -> int:
    return s.count("\n") + s.count("\r") - s.count("\r\n")


def _render(original: str, start: int, end: int, changes: Sequence[Any]) -> list[str]:
    """The hunk's original text with changes marked in place, split into display lines."""
    tokens: list[tuple[str, bool]] = []  # (text, is a change marker)
    pos = start
    for c in changes:
        tokens.append((original[pos : c.start], False))
        for op, seg in char_segments(original[c.start : c.end], c.after):
            if op == EQUAL:
                tokens.append((seg, False))
            elif op == DELETE:
                tokens.append(("[-" + _visible(seg) + "-]", True))
            elif op == INSERT:
                tokens.append(("{+" + _visible(seg) + "+}", True))
        pos = c.end
    tokens.append((original[pos:end], False))
    rows: list[str] = []
    line, marked = "", False
    for text, is_change in tokens:
        pieces = text.splitlines(keepends=True) if not is_change else [text]
        for piece in pieces:
            stripped = piece.rstrip("\r\n")
            line += stripped
            marked = marked or is_change
            if stripped != piece:
                rows.append(("~" if marked else " ") + line)
                line, marked = "", False
    if line:
        rows.append(("~" if marked else " ") + line)
    return rows
