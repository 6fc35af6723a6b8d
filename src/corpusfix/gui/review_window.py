"""QA review mode (`corpusfix review PATH`): every change of a fix or batch output, approve or
revert, then regenerate the clean files and logs. The engine part is corpusfix.qa.review."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Mapping

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpusfix.core.changelog import LogRecord
from corpusfix.core.labels import detector_name, evidence_text, kind_name, state_name
from corpusfix.core.messages import render_text
from corpusfix.gui import font_size
from corpusfix.gui.diff_view import DiffView
from corpusfix.gui.i18n import plural, ui_language
from corpusfix.qa.review import APPROVED, REVERTED, ReviewFile, ReviewSet

FILE_COLUMNS = ("file", "changes", "kinds", "lowest confidence", "reviewed")
CHANGE_COLUMNS = (
    "id", "kind", "detector", "confidence", "decision", "verdict", "change", "why", "evidence",
)  # fmt: skip


def _evidence(evidence: object, lang: str = "en") -> str:
    """Readable evidence (context, why, what is missing…), not a raw dict."""
    return evidence_text(evidence if isinstance(evidence, Mapping) else {}, lang)


class NumberItem(QTableWidgetItem):
    """Sorts by its number, not its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        try:
            return float(self.text()) < float(other.text())
        except ValueError:
            return super().__lt__(other)


class ReviewWindow(QMainWindow):
    def __init__(
        self, review: ReviewSet, reviewer: str | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__()
        self.settings = settings or QSettings("corpusfix", "corpusfix")
        self.review = review
        self.reviewer = reviewer or getpass.getuser() or "qa"
        self.setWindowTitle(self.tr("corpusfix — QA review"))
        self.current: ReviewFile | None = None
        self._zh = ui_language() == "zh"
        self._original_of: tuple[str, str] = ("", "")  # (file, its original text)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.files = QTableWidget(0, len(FILE_COLUMNS))
        self.files.setHorizontalHeaderLabels([self.tr(c) for c in FILE_COLUMNS])
        self.files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.itemSelectionChanged.connect(self._file_selected)
        split.addWidget(self.files)
        right = QWidget()
        rv = QVBoxLayout(right)
        self.summary = QLabel()
        rv.addWidget(self.summary)
        self.diff = DiffView()
        rv.addWidget(self.diff, 3)
        self.changes = QTableWidget(0, len(CHANGE_COLUMNS))
        self.changes.setHorizontalHeaderLabels([self.tr(c) for c in CHANGE_COLUMNS])
        self.changes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The diff follows the selected change (keys, mouse, F8 and verdicts alike).
        self.changes.itemSelectionChanged.connect(self._change_selected)
        rv.addWidget(self.changes, 2)
        split.addWidget(right)
        split.setSizes([420, 980])
        self.setCentralWidget(split)
        self._actions()
        self._font_step(None)
        self._fill_files()
        self.resize(1400, 860)

    def _actions(self) -> None:
        specs: list[tuple[str, str, Callable[[], object]]] = [
            ("&Approve change", "Ctrl+Return", lambda: self.set_current(APPROVED)),
            ("&Revert change", "Ctrl+Backspace", lambda: self.set_current(REVERTED)),
            ("Approve all in &file", "Ctrl+Shift+A", lambda: self.set_file(APPROVED)),
            ("Revert this &kind in file", "Ctrl+Shift+K", self.revert_kind_in_file),
            ("Approve everything &unreviewed", "Ctrl+Shift+Return", self.approve_rest),
            ("&Next change", "F8", lambda: self.step_change(1)),
            ("&Previous change", "Shift+F8", lambda: self.step_change(-1)),
            ("Next f&ile", "Ctrl+PgDown", lambda: self.step_file(1)),
            ("Previous fi&le", "Ctrl+PgUp", lambda: self.step_file(-1)),
            ("&Save (regenerate clean files)", "Ctrl+S", self.save),
            ("&Larger text", "Ctrl++", lambda: self._font_step(1)),
            ("&Smaller text", "Ctrl+-", lambda: self._font_step(-1)),
            ("N&ormal text size", "Ctrl+0", lambda: self._font_step(0)),
        ]
        menu = self.menuBar().addMenu(self.tr("&Review"))
        self.review_actions: dict[str, QAction] = {}
        for text, keys, slot in specs:
            act = QAction(self.tr(text), self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            menu.addAction(act)
            self.addAction(act)
            self.review_actions[keys] = act

    def _font_step(self, delta: int | None) -> None:
        """The app's reading font size (None: as remembered) on the diff and both tables."""
        size = (
            font_size.stored(self.settings)
            if delta is None
            else font_size.step(self.settings, delta)
        )
        font_size.apply(size, self.diff, self.changes, self.files)

    # ----- files -----
    def _fill_files(self) -> None:
        self.files.setSortingEnabled(False)
        self.files.setRowCount(len(self.review.files))
        for row, f in enumerate(self.review.files):
            self.files.setItem(row, 0, QTableWidgetItem(f.rel))
            self.files.setItem(row, 1, NumberItem(str(len(f.changes))))
            kinds = [kind_name(k, ui_language()) for k in f.kinds()]
            self.files.setItem(
                row, 2, QTableWidgetItem("、".join(kinds) if self._zh else ", ".join(kinds))
            )
            self.files.setItem(row, 3, NumberItem(f"{f.lowest_confidence():.2f}"))
            self.files.setItem(row, 4, NumberItem(str(f.reviewed())))
        self.files.setSortingEnabled(True)
        self.files.resizeColumnsToContents()
        if self.files.rowCount():
            self.files.selectRow(0)

    def _file_selected(self) -> None:
        rows = self.files.selectionModel().selectedRows()
        if not rows:
            return
        item = self.files.item(rows[0].row(), 0)
        if item is not None:
            self.show_file(self.review.by_rel(item.text()))

    def show_file(self, f: ReviewFile) -> None:
        self.current = f
        if "jsonl_field" not in f.log.header:
            self.diff.show_diff(self._original(f), self._applied_view())
        self._fill_changes()
        if self.changes.rowCount():
            self.changes.selectRow(0)

    def _change_selected(self) -> None:
        rec = self.selected_change()
        if rec is not None and not self.diff.show_record(rec.id):
            self.diff.show_offset(rec.start)  # reverted: where it was

    def _fill_changes(self) -> None:
        f = self.current
        if f is None:
            return
        changes = f.changes
        lang = ui_language()
        self.changes.setRowCount(len(changes))
        for row, r in enumerate(changes):
            before = r.before.replace("\n", "⏎")
            after = str(r.after).replace("\n", "⏎") or "∅"  # a deletion, visibly
            values = (
                r.id, kind_name(r.kind, lang), detector_name(r.detector, lang),
                f"{float(r.confidence):.2f}", state_name(r.decision, lang),
                state_name(r.verdict, lang) if r.verdict else "", f"{before} → {after}",
                render_text(r.message, lang), _evidence(r.evidence, lang),
            )  # fmt: skip
            for col, value in enumerate(values):
                self.changes.setItem(row, col, QTableWidgetItem(str(value)))
        self.changes.resizeColumnsToContents()
        reverted = sum(1 for r in changes if r.verdict == REVERTED)
        self.summary.setText(
            plural(
                len(changes),
                self.tr("{0}: {1} change, {2} reviewed, {3} reverted"),
                self.tr("{0}: {1} changes, {2} reviewed, {3} reverted"),
            ).format(f.rel, len(changes), f.reviewed(), reverted)
        )
        self._update_reviewed_column()

    # ----- verdicts -----
    def selected_change(self) -> LogRecord | None:
        if self.current is None:
            return None
        rows = self.changes.selectionModel().selectedRows()
        if not rows:
            return None
        return self.current.changes[rows[0].row()]

    def set_current(self, verdict: str) -> None:
        rec = self.selected_change()
        if rec is None or self.current is None:
            return
        row = self.changes.currentRow()
        self.current.set_verdict(rec.id, verdict, self.reviewer)
        self._verdicts_changed(min(row + 1, self.changes.rowCount() - 1))

    def _verdicts_changed(self, row: int | None = None) -> None:
        """Show the new verdicts; the diff stays where it was, then follows the selected row."""
        if self.current is None:
            return
        row = self.changes.currentRow() if row is None else row
        if "jsonl_field" not in self.current.log.header:
            self.diff.show_diff(self._original(self.current), self._applied_view())
        self._fill_changes()
        if 0 <= row < self.changes.rowCount():
            self.changes.selectRow(row)
            self._change_selected()  # (the same row again emits no selection change)

    def _original(self, f: ReviewFile) -> str:
        """The original's text, read once per file (every verdict redraws the diff)."""
        if self._original_of[0] != f.rel:
            self._original_of = (f.rel, f.original_text())
        return self._original_of[1]

    def _applied_view(self) -> list[LogRecord]:
        assert self.current is not None
        return [r for r in self.current.log.records if r.verdict != REVERTED]

    def set_file(self, verdict: str) -> None:
        if self.current is None:
            return
        for r in self.current.changes:
            self.current.set_verdict(r.id, verdict, self.reviewer)
        self._verdicts_changed()

    def revert_kind_in_file(self) -> None:
        rec = self.selected_change()
        if rec is None or self.current is None:
            return
        self.review.set_kind(rec.kind, REVERTED, self.reviewer, [self.current])
        self._verdicts_changed()

    def approve_rest(self) -> None:
        for f in self.review:
            for r in f.changes:
                if not r.verdict:
                    f.set_verdict(r.id, APPROVED, self.reviewer)
        self._verdicts_changed()
        self._update_reviewed_column()

    def _update_reviewed_column(self) -> None:
        for row in range(self.files.rowCount()):
            name, count = self.files.item(row, 0), self.files.item(row, 4)
            if name is not None and count is not None:
                count.setText(str(self.review.by_rel(name.text()).reviewed()))

    def step_change(self, delta: int) -> None:
        n = self.changes.rowCount()
        if n:  # the diff follows the selection
            self.changes.selectRow((self.changes.currentRow() + delta) % n)

    def step_file(self, delta: int) -> None:
        n = self.files.rowCount()
        if n:
            self.files.selectRow((self.files.currentRow() + delta) % n)

    def save(self) -> list[str]:
        errors = self.review.save(report_lang=ui_language())
        if self.current is not None:
            self.show_file(self.current)
        self.statusBar().showMessage(
            "; ".join(errors) if errors else self.tr("Clean files and change logs regenerated"),
            8000,
        )
        return errors

    def unsaved(self) -> int:
        return sum(1 for f in self.review if f.changed)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self.unsaved():
            answer = self.ask_save(self.unsaved())
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            errors = self.save() if answer == QMessageBox.StandardButton.Save else []
            if errors:
                # not saved (a log or clean file changed since the export): say so and stay open,
                # so that closing is a decision (Discard) rather than a silent loss
                self.warn_not_saved(errors)
                event.ignore()
                return
        event.accept()

    def warn_not_saved(self, errors: list[str]) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), "\n".join(errors))

    def ask_save(self, n: int) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self,
            self.tr("Unsaved verdicts"),
            plural(
                n,
                self.tr("The verdicts on {0} file are not saved. Regenerate it now?"),
                self.tr("The verdicts on {0} files are not saved. Regenerate them now?"),
            ).format(n),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
