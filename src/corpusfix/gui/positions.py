"""Code-point offsets (the engine's) to Qt document positions (UTF-16, CRLF shown as one break)."""

from __future__ import annotations

import bisect
import re

_CRLF = re.compile("\r\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class PositionMap:
    def __init__(self, text: str) -> None:
        # Each CRLF loses one position in Qt; each astral character gains one (a surrogate pair).
        self.display = text.replace("\r\n", "\n")
        self._crlf = [m.start() for m in _CRLF.finditer(text)]
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self.plain = not self._crlf and not self._astral  # offsets are positions as they are

    def from_qt(self, position: int) -> int:
        """The inverse, close enough for finding what is on screen (off by the few astral)."""
        return position + bisect.bisect_right(self._crlf, position + len(self._crlf))

    def to_qt(self, offset: int) -> int:
        return (
            offset
            - bisect.bisect_right(self._crlf, offset - 1)
            + bisect.bisect_left(self._astral, offset)
        )
