"""The find / replace bar under the article (Ctrl+F, Ctrl+H): it only asks; the tab does it."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class FindBar(QWidget):
    find_requested = Signal(str, bool)  # text, backwards
    replace_requested = Signal(str, str)  # the current match
    replace_all_requested = Signal(str, str)
    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText(self.tr("Find in the text"))
        self.find_box.returnPressed.connect(self._next)
        self.replace_box = QLineEdit()
        self.replace_box.setPlaceholderText(self.tr("Replace with"))
        self.replace_box.returnPressed.connect(self._replace)
        self.replace_label = QLabel(self.tr("Replace"))
        buttons = []
        for label, slot in (
            (self.tr("Next"), self._next),
            (self.tr("Previous"), self._previous),
        ):
            b = QPushButton(label)
            b.clicked.connect(slot)
            buttons.append(b)
        self.replace_button = QPushButton(self.tr("Replace"))
        self.replace_button.clicked.connect(self._replace)
        self.replace_all_button = QPushButton(self.tr("Replace All"))
        self.replace_all_button.clicked.connect(self._replace_all)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close_bar)
        row.addWidget(QLabel(self.tr("Find")))
        row.addWidget(self.find_box, 2)
        for b in buttons:
            row.addWidget(b)
        row.addWidget(self.replace_label)
        row.addWidget(self.replace_box, 2)
        row.addWidget(self.replace_button)
        row.addWidget(self.replace_all_button)
        row.addWidget(close)
        # Tab from what to find goes to what replaces it, then the buttons (not Next first)
        chain = [self.find_box, self.replace_box, self.replace_button, self.replace_all_button]
        chain += [*buttons, close]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.setVisible(False)

    def open_find(self, replace: bool, text: str = "") -> None:
        for w in (self.replace_label, self.replace_box, self.replace_button):
            w.setVisible(replace)
        self.replace_all_button.setVisible(replace)
        self.setVisible(True)
        if text:
            self.find_box.setText(text)
        box = self.replace_box if replace and self.find_box.text() else self.find_box
        box.setFocus()
        box.selectAll()

    def close_bar(self) -> None:
        self.setVisible(False)
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def _next(self) -> None:
        self.find_requested.emit(self.find_box.text(), False)

    def _previous(self) -> None:
        self.find_requested.emit(self.find_box.text(), True)

    def _replace(self) -> None:
        self.replace_requested.emit(self.find_box.text(), self.replace_box.text())

    def _replace_all(self) -> None:
        self.replace_all_requested.emit(self.find_box.text(), self.replace_box.text())
