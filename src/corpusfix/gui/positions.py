"""Code-point offsets (the engine's) to Qt document positions (UTF-16, CRLF shown as one break)."""

from __future__ import annotations

import bisect


class PositionMap:
    def __init__(self, text: str) -> None:
        # Each CRLF loses one position in Qt; each astral character gains one (a surrogate pair).
        self.display = text.replace("\r\n", "\n")
        self._crlf = [i for i in range(len(text) - 1) if text[i] == "\r" and text[i + 1] == "\n"]
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, offset: int) -> int:
        return (
            offset
            - bisect.bisect_right(self._crlf, offset - 1)
            + bisect.bisect_left(self._astral, offset)
        )
