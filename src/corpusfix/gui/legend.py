"""The colour legend of the kinds (their names in the UI language)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from corpusfix.core.labels import kind_explanation, kind_name
from corpusfix.gui.colors import KIND_COLORS
from corpusfix.gui.flow_layout import FlowLayout
from corpusfix.gui.i18n import ui_language


class Legend(QWidget):
    def __init__(self) -> None:
        super().__init__()
        lang = ui_language()
        layout = FlowLayout(self)  # wraps when narrow
        layout.setContentsMargins(2, 2, 2, 2)
        self.labels: dict[str, QLabel] = {}
        for kind, color in KIND_COLORS.items():
            label = QLabel(f" {kind_name(kind, lang)} ")
            label.setToolTip(kind_explanation(kind, lang))
            label.setStyleSheet(f"background:{color}; border-radius:3px")
            layout.addWidget(label)
            self.labels[kind] = label
