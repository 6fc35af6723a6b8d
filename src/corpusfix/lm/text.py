"""How text becomes the model's characters: the same rule when counting and when scoring."""

from __future__ import annotations

import re

# Sentence (line) boundaries. Control characters never reach the model (they become spaces), so
# these two can never be confused with text; BOS sorts before every other character.
BOS = "\x02"
EOS = "\x03"

_SPACE_RUN = re.compile(r"[\s\x00-\x1f\x7f]+")
_SPACE_ONE = re.compile(r"[\s\x00-\x1f\x7f]")


def normalize_line(line: str) -> str:
    """A training line: whitespace and control runs become one space, ends stripped."""
    return _SPACE_RUN.sub(" ", line).strip()


def query_chars(text: str) -> str:
    """Text to score, one character for one: each whitespace or control character is a space."""
    return _SPACE_ONE.sub(" ", text)
