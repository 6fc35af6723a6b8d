"""Export, shortcuts and encoding dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpusfix.core.batch_layout import LOG_SUFFIX, REPORT_SUFFIX
from corpusfix.core.loading import normalize_encoding
from corpusfix.core.session import ReviewSession
from corpusfix.export.writer import ExportResult, default_clean, write_outputs

OUT_ENCODINGS = ("same as the input", "utf-8", "gb18030", "big5")


class ExportDialog(QDialog):
    """Clean text, change log and report, exactly as `corpusfix fix` writes them."""

    def __init__(
        self, session: ReviewSession, article: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export clean text"))
        self.session = session
        self.article = article
        self.exported: ExportResult | None = None
        stem = default_clean(article)  # a PDF's clean text is name.clean.txt
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.clean_path = QLineEdit(str(stem))
        self.log_path = QLineEdit(str(stem) + LOG_SUFFIX)
        self.report_path = QLineEdit(str(stem.with_suffix(REPORT_SUFFIX)))
        self.write_report = QCheckBox(self.tr("Write the HTML report"))
        self.write_report.setChecked(True)
        self.encoding = QComboBox()
        self.encoding.addItems([self.tr(OUT_ENCODINGS[0]), *OUT_ENCODINGS[1:]])
        form.addRow(self.tr("Clean text"), self.clean_path)
        form.addRow(self.tr("Change log"), self.log_path)
        form.addRow(self.tr("Report"), self.report_path)
        form.addRow("", self.write_report)
        form.addRow(self.tr("Encoding"), self.encoding)
        layout.addLayout(form)
        pending = session.undecided()
        self.note = QLabel(
            self.tr("{0} findings are still undecided; they are logged as pending.").format(pending)
            if pending
            else self.tr("Every finding has been decided.")
        )
        layout.addWidget(self.note)
        self.error = QLabel()
        self.error.setStyleSheet("color:#a00")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def export(self) -> None:
        from corpusfix.core.errors import CorpusfixError

        enc_index = self.encoding.currentIndex()
        out_encoding = None if enc_index == 0 else normalize_encoding(OUT_ENCODINGS[enc_index])
        try:
            self.exported = write_outputs(
                self.session,
                input_path=self.article,
                out=Path(self.clean_path.text()),
                changelog=Path(self.log_path.text()),
                report=Path(self.report_path.text()) if self.write_report.isChecked() else None,
                out_encoding=out_encoding,
            )
        except CorpusfixError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class ShortcutsDialog(QDialog):
    def __init__(
        self, actions: Sequence[tuple[str, QAction]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        table = QTableWidget(len(actions), 3)
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut"), "id"])
        for row, (aid, action) in enumerate(actions):
            table.setItem(row, 0, QTableWidgetItem(action.text().replace("&", "")))
            table.setItem(row, 1, QTableWidgetItem(action.shortcut().toString()))
            table.setItem(row, 2, QTableWidgetItem(aid))
        table.resizeColumnsToContents()
        layout.addWidget(table)
        self.table = table
        self.resize(560, 600)
