"""Small helpers detectors share for evidence."""

from __future__ import annotations

from typing import Any


def context(text: str, start: int, end: int, width: int = 12) -> dict[str, Any]:
    """Evidence: the text around a span, with the span itself marked by ``|``."""
    left = text[max(0, start - width) : start].replace("\n", "⏎").replace("\r", "")
    mid = text[start:end].replace("\n", "⏎").replace("\r", "")
    right = text[end : end + width].replace("\n", "⏎").replace("\r", "")
    return {"context": f"{left}|{mid}|{right}"}
