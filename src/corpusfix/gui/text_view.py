"""The article with every finding highlighted in its kind's colour."""

from __future__ import annotations

from collections.abc import Sequence

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
        self._marks: list[QTextEdit.ExtraSelection] = []

    def show_text(self, text: str) -> None:
        self.positions = PositionMap(text)
        self.setPlainText(self.positions.display)

    def highlight(self, suggestions: Sequence[Suggestion], current: Suggestion | None) -> None:
        marks = []
        for s in suggestions:
            marks.append(self._selection(s, KIND_COLORS.get(s.kind, "#eeeeee")))
        if current is not None:
            marks.append(self._selection(current, CURRENT))
        self._marks = marks
        self.setExtraSelections(marks)

    def show_finding(self, s: Suggestion) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.positions.to_qt(s.start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def _selection(self, s: Suggestion, color: str) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        sel.format = fmt
        cursor = QTextCursor(self.document())
        a, b = self.positions.to_qt(s.start), self.positions.to_qt(s.end)
        if a == b:  # an insertion point: mark the character after it
            b = a + 1
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        return sel
