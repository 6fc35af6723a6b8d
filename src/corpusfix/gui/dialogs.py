"""Export, shortcuts and encoding dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpusfix.core.batch_layout import LOG_SUFFIX, REPORT_SUFFIX
from corpusfix.core.loading import normalize_encoding
from corpusfix.core.session import ReviewSession
from corpusfix.export.writer import ExportResult, default_clean, write_outputs
from corpusfix.gui.file_dialogs import save_file
from corpusfix.gui.i18n import plural, ui_language

OUT_ENCODINGS = ("same as the input", "utf-8", "gb18030", "big5")
ID_ROLE = Qt.ItemDataRole.UserRole
MAX_PATH_WIDTH = 900  # px: a long path field, not one wider than a screen


class ExportDialog(QDialog):
    """Clean text, change log and report, exactly as `corpusfix fix` writes them."""

    def __init__(
        self,
        session: ReviewSession,
        article: Path,
        parent: QWidget | None = None,
        header: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export clean text"))
        self.session = session
        self.article = article
        self.header = header or {}  # what the analysis used besides the article (--lm)
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
        form.addRow(self.tr("Clean text"), self._path_row(self.clean_path))
        form.addRow(self.tr("Change log"), self._path_row(self.log_path))
        form.addRow(self.tr("Report"), self._path_row(self.report_path))
        form.addRow("", self.write_report)
        form.addRow(self.tr("Encoding"), self.encoding)
        layout.addLayout(form)
        pending = session.undecided()
        self.note = QLabel(
            plural(
                pending,
                self.tr("{0} finding is still undecided; it is logged as pending."),
                self.tr("{0} findings are still undecided; they are logged as pending."),
            ).format(pending)
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
        buttons.accepted.connect(self.confirm_and_export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _path_row(self, edit: QLineEdit) -> QWidget:
        """A path field wide enough for its whole path, with a Browse button beside it."""
        width = edit.fontMetrics().horizontalAdvance(edit.text()) + 24
        edit.setMinimumWidth(min(max(width, 360), MAX_PATH_WIDTH))
        edit.setToolTip(edit.text())
        edit.textChanged.connect(edit.setToolTip)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(lambda: self._browse(edit))
        box.addWidget(browse)
        return row

    def _browse(self, edit: QLineEdit) -> None:
        path = save_file(self, self.tr("Save as"), edit.text())
        if path:
            edit.setText(path)

    def plan(self) -> str:
        """What will be written where (the confirmation's text)."""
        lines = [
            self.tr("Clean text: {0}").format(self.clean_path.text()),
            self.tr("Change log: {0}").format(self.log_path.text()),
        ]
        if self.write_report.isChecked():
            lines.append(self.tr("Report: {0}").format(self.report_path.text()))
        existing = [
            p
            for p in (self.clean_path, self.log_path, self.report_path)
            if p.text()
            and Path(p.text()).exists()
            and (p is not self.report_path or self.write_report.isChecked())
        ]
        if existing:
            replaced = plural(
                len(existing),
                self.tr("{0} of these files exists and will be replaced."),
                self.tr("{0} of these files exist and will be replaced."),
            )
            lines.append(replaced.format(len(existing)))
        lines.append(self.note.text())
        return "\n".join(lines)

    def ask_confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Export these files?"),
            text,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return answer == QMessageBox.StandardButton.Save

    def confirm_and_export(self) -> bool:
        """The Save button: say what will be written where, then write it."""
        if not self.ask_confirm(self.plan()):
            return False
        self.export()
        return self.exported is not None

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
                extra_header=self.header,
                report_lang=ui_language(),
            )
        except CorpusfixError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class ShortcutsDialog(QDialog):
    def __init__(
        self,
        actions: Sequence[tuple[str, QAction]],
        parent: QWidget | None = None,
        menus: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        menus = menus or {}
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        table = QTableWidget(len(actions), 3)
        # The third column names the menu (in the UI language); the action's id is its data.
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut"), self.tr("Menu")])
        for row, (aid, action) in enumerate(actions):
            table.setItem(row, 0, QTableWidgetItem(action.text().replace("&", "")))
            table.setItem(row, 1, QTableWidgetItem(action.shortcut().toString()))
            menu = QTableWidgetItem(menus.get(aid.split(".")[0], "").replace("&", ""))
            menu.setData(ID_ROLE, aid)
            table.setItem(row, 2, menu)
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table)
        self.table = table
        # As wide as its columns, whatever the font (a fixed 560 px cut them off on a desktop
        # set to a large font), but no wider than the screen.
        width = (
            table.verticalHeader().sizeHint().width()
            + table.horizontalHeader().length()
            + table.verticalScrollBar().sizeHint().width()
            + 2 * table.frameWidth()
        )
        margins = layout.contentsMargins()
        width += margins.left() + margins.right()
        screen = self.screen().availableGeometry()
        self.resize(
            min(width, screen.width()), min(max(600, self.sizeHint().height()), screen.height())
        )
