"""The colour legend of the kinds."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from corpusfix.gui.colors import KIND_COLORS


class Legend(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        for kind, color in KIND_COLORS.items():
            label = QLabel(f" {kind} ")
            label.setStyleSheet(f"background:{color}; border-radius:3px")
            layout.addWidget(label)
        layout.addStretch(1)
