"""The current finding: context, explanation, candidates, a free edit box, the linked original."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from corpusfix.core.kinds import REGISTRY
from corpusfix.core.labels import detector_name, kind_explanation, kind_name, state_name
from corpusfix.core.session import ReviewSession
from corpusfix.core.suggestion import Suggestion
from corpusfix.gui.colors import KIND_COLORS
from corpusfix.gui.i18n import finding_message, ui_language

KIND_EXPLANATIONS = {k.id: k.explanation for k in REGISTRY}


class DetailPane(QScrollArea):
    """Scrolls when the window is short: its texts never squeeze into each other."""

    edit_submitted = Signal(str)
    delete_requested = Signal()  # deleting the text is a choice of its own, never an empty box
    candidate_chosen = Signal(int)
    jump_requested = Signal(int)  # a text offset (the kept original of a duplicate)

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.inner = QWidget()
        self.setWidget(self.inner)
        layout = QVBoxLayout(self.inner)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        form = QFormLayout()
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        form.addRow(self.tr("Why"), self.explanation)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.tr("Detail"), self.message)
        layout.addLayout(form)
        self.context = QTextBrowser()
        self.context.setMaximumHeight(90)
        layout.addWidget(self.context)
        layout.addWidget(QLabel(self.tr("Candidates")))
        self.candidates = QListWidget()
        self.candidates.setMaximumHeight(90)
        self.candidates.itemActivated.connect(
            lambda item: self.candidate_chosen.emit(self.candidates.row(item))
        )
        layout.addWidget(self.candidates)
        layout.addWidget(QLabel(self.tr("Your own text (Return applies it)")))
        row = QHBoxLayout()
        self.edit = QLineEdit()
        self.edit.returnPressed.connect(lambda: self.edit_submitted.emit(self.edit.text()))
        row.addWidget(self.edit, 1)
        self.delete_button = QPushButton(self.tr("Delete text"))
        self.delete_button.setToolTip(self.tr("Delete the marked text"))
        self.delete_button.clicked.connect(self.delete_requested.emit)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        self.original_link = QPushButton()
        self.original_link.setVisible(False)
        self.original_link.clicked.connect(self._jump)
        layout.addWidget(self.original_link)
        layout.addStretch(1)
        self._kept_start = -1
        self.shown_id: str | None = None  # the finding on show (tests check it is the current)

    def show_finding(self, s: Suggestion | None, session: ReviewSession | None) -> None:
        self.original_link.setVisible(False)
        self.shown_id = s.id if s is not None and session is not None else None
        # Flag-only findings have no text to replace: nothing to type, nothing to delete.
        editable = s is not None and session is not None and not s.flag_only
        self.edit.setEnabled(editable)
        self.delete_button.setEnabled(editable and s is not None and s.start < s.end)
        if s is None or session is None:
            self.title.setText(self.tr("No finding selected"))
            for w in (self.explanation, self.message):
                w.setText("")
            self.context.clear()
            self.candidates.clear()
            self.edit.clear()
            return
        color = KIND_COLORS.get(s.kind, "#eee")
        lang = ui_language()
        state = state_name(session.state(s.id).value, lang)
        self.title.setText(
            f'<span style="background:{color}">&nbsp;{html.escape(kind_name(s.kind, lang))}'
            f"&nbsp;</span> {s.id} · {html.escape(detector_name(s.detector, lang))} · "
            f"{self.tr('confidence')} {s.confidence:.2f} · {state}"
        )
        self.explanation.setText(kind_explanation(s.kind, lang))
        self.message.setText(finding_message(s, lang))
        text = session.doc.text
        left = html.escape(text[max(0, s.start - 30) : s.start])
        mid = html.escape(text[s.start : s.end]).replace("\n", "⏎") or "‸"
        right = html.escape(text[s.end : s.end + 30])
        self.context.setHtml(f'{left}<b style="background:{color}">{mid}</b>{right}')
        self.candidates.clear()
        for c in s.candidates:
            self.candidates.addItem(self.candidate_text(s, c))
        if self.candidates.count():
            self.candidates.setCurrentRow(0)
        decided = session.decisions[s.id].text
        self.edit.setText(decided if decided is not None else (s.replacement or ""))
        if "kept_start" in s.evidence:
            self._kept_start = int(s.evidence["kept_start"])
            self.original_link.setText(
                self.tr("Go to the kept original (line {0})").format(s.evidence.get("kept_line"))
            )
            self.original_link.setVisible(True)

    def candidate_text(self, s: Suggestion, candidate: str) -> str:
        """What choosing a candidate does, in words: a join joins, it does not "(delete)"."""
        if candidate:
            return candidate.replace("\n", "⏎")
        if s.kind == "merge":
            return self.tr("Join the lines")
        return self.tr("Delete the marked text")

    def _jump(self) -> None:
        if self._kept_start >= 0:
            self.jump_requested.emit(self._kept_start)
