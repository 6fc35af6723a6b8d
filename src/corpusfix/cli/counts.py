"""Counts in the command line's English messages: "1 suggestion", "2 suggestions"."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the noun that fits it; ``many`` defaults to ``one`` + "s"."""
    noun = one if n == 1 else (many if many is not None else one + "s")
    return f"{n} {noun}"
