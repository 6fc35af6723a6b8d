"""Small helpers detectors share for evidence."""

from __future__ import annotations

from typing import Any


def context(text: str, start: int, end: int, width: int = 12) -> dict[str, Any]:
    """Evidence: the text around a span, with the span itself marked by ``|``."""
    return {"context": context_text(text, start, end, width)}


def context_text(text: str, start: int, end: int, width: int = 12) -> str:
    """The ``context`` evidence string itself (for evidence built as one dict)."""
    a = max(0, start - width)
    if not a <= start <= end:
        return f"{_flat(text[a:start])}|{_flat(text[start:end])}|{_flat(text[end : end + width])}"
    # One slice and one replace for the whole window (every line break of a PDF page gets
    # evidence); a CR is dropped, which shifts the cut points, so that case goes piece by piece.
    window = text[a : end + width]
    i, j = start - a, end - a
    if "\r" in window:
        return f"{_flat(window[:i])}|{_flat(window[i:j])}|{_flat(window[j:])}"
    if "\n" in window:
        window = window.replace("\n", "⏎")
    return f"{window[:i]}|{window[i:j]}|{window[j:]}"


def _flat(s: str) -> str:
    return s.replace("\n", "⏎").replace("\r", "")
