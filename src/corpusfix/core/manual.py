"""A person's own edit typed in the article (or made by find/replace), as a change record.

A manual edit is a suggestion of kind ``manual`` (detector ``manual``) that is born decided:
``decision: "edited"``, ``after`` the person's text, ``by`` the person. No detector finds it, so
``--only``/``--accept`` never take it; replaying applies it like any ``edited`` record.
"""

from __future__ import annotations

from collections.abc import Container

from corpusfix.core.document import Document
from corpusfix.core.errors import ConflictError
from corpusfix.core.kinds import MANUAL
from corpusfix.core.suggestion import Suggestion

DETECTOR = "manual"
MESSAGE = "edited by hand"
PREFIX = "m"  # detector ids are s1, s2…: manual ones never collide with them


def is_manual(s: Suggestion) -> bool:
    return s.kind == MANUAL


def next_id(taken: Container[str], count: int) -> str:
    """The next free manual id (``count``: how many manual records exist)."""
    n = count + 1
    while f"{PREFIX}{n}" in taken:
        n += 1
    return f"{PREFIX}{n}"


def manual_record(doc: Document, sid: str, start: int, end: int, text: str) -> Suggestion:
    """The record of "``doc.text[start:end]`` now reads ``text``" (offsets in the original)."""
    if not 0 <= start <= end <= len(doc.text):
        raise ConflictError(
            f"an edit at {start}–{end} is outside the text ({len(doc.text)} characters)"
        )
    return Suggestion(
        id=sid,
        kind=MANUAL,
        detector=DETECTOR,
        start=start,
        end=end,
        replacement=text,
        confidence=1.0,
        message=MESSAGE,
        line=doc.line_of(start),
    )
