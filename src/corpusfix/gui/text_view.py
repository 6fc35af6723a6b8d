"""The article with every finding highlighted in its kind's colour."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from corpusfix.core.suggestion import Suggestion
from corpusfix.gui.colors import CURRENT, KIND_COLORS
from corpusfix.gui.positions import PositionMap


class ArticleView(QPlainTextEdit):
    def __init__(self) -> None:
        super().__init__()
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont()
        font.setPointSize(12)
        self.setFont(font)
        self.positions = PositionMap("")
        self._findings: list[Suggestion] = []
        self._starts: list[int] = []
        self._current: Suggestion | None = None
        self._painting = False
        # Only what is on screen is highlighted: a 1 MB article has thousands of findings.
        # Scrolling repaints from the event loop, never from inside setExtraSelections: Qt
        # lays blocks out lazily there (after a zoom or resize), which moves the scroll bar,
        # and a nested setExtraSelections frees the selections the outer call still reads
        # (a segfault in QTextCursor::hasComplexSelection).
        self._repaint = QTimer(self)
        self._repaint.setSingleShot(True)
        self._repaint.setInterval(0)
        self._repaint.timeout.connect(self._paint)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._repaint.start())

    def show_text(self, text: str) -> None:
        self.positions = PositionMap(text)
        self.setPlainText(self.positions.display)

    def highlight(self, suggestions: Sequence[Suggestion], current: Suggestion | None) -> None:
        self._findings = sorted(suggestions, key=lambda s: s.start)
        self._starts = [s.start for s in self._findings]
        self._current = current
        self._paint()

    def visible_range(self) -> tuple[int, int]:
        """Code-point offsets of the text on screen, with a margin."""
        top = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        bottom = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
        return max(0, self.positions.from_qt(top) - 2000), self.positions.from_qt(bottom) + 2000

    def _paint(self) -> None:
        if self._painting:  # called back from inside Qt: do it once Qt has returned
            self._repaint.start()
            return
        self._painting = True
        try:
            self._paint_now()
        finally:
            self._painting = False

    def _paint_now(self) -> None:
        lo, hi = self.visible_range()
        first = bisect.bisect_left(self._starts, lo - 500)
        last = bisect.bisect_right(self._starts, hi)
        marks = [
            self._selection(s, KIND_COLORS.get(s.kind, "#eeeeee"))
            for s in self._findings[first:last]
            if s.end >= lo
        ]
        if self._current is not None:
            marks.append(self._selection(self._current, CURRENT))
        self.setExtraSelections(marks)

    def show_finding(self, s: Suggestion) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.positions.to_qt(s.start))
        self.setTextCursor(cursor)
        self.centerCursor()
        self._paint()

    def _selection(self, s: Suggestion, color: str) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        sel.format = fmt
        cursor = QTextCursor(self.document())
        last = max(0, self.document().characterCount() - 1)
        a = min(self.positions.to_qt(s.start), last)
        b = min(self.positions.to_qt(s.end), last)
        if a == b:  # an insertion point: the characters on both sides, as the list shows them
            a, b = max(0, a - 1), min(last, a + 1)
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        return sel
