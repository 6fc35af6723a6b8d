"""The main window: tabs of open articles, menus, shortcuts, drag and drop, recent files."""

from __future__ import annotations

import getpass
import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDateTime, QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
)

from corpusfix.api import Settings, run_header, wordlist_entry
from corpusfix.config import add_to_user_wordlist, app_engine_settings, export_list, import_list
from corpusfix.core.errors import CorpusfixError
from corpusfix.core.review_state import Autosave
from corpusfix.gui import font_size
from corpusfix.gui.actions import ACTIONS, translated
from corpusfix.gui.dialogs import ExportDialog, ShortcutsDialog
from corpusfix.gui.document_tab import DocumentTab
from corpusfix.gui.file_dialogs import open_file, open_files, save_file
from corpusfix.gui.i18n import plural
from corpusfix.gui.lists_dialog import ListsDialog
from corpusfix.lexicon import word_frequencies

MAX_RECENT = 10
MIN_WIDTH, MIN_HEIGHT = 760, 520  # a laptop's half screen (defect 9: it was ~1,076 px)
ENCODINGS = ("utf-8", "gb18030", "big5", "big5hkscs", "utf-16")
MENUS = {
    "file": "&File",
    "edit": "&Edit",
    "review": "&Review",
    "view": "&View",
    "lists": "&Lists",
    "help": "&Help",
}


def local_time(iso: str) -> str:
    """An autosave's UTC time stamp on the editor's own clock (2026-12-02 15:49 in Beijing
    for 07:49Z), written the same in every locale."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso or "?"
    return moment.toLocalTime().toString("yyyy-MM-dd HH:mm")


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        # Load the word list before the window shows: building its big dict in the analysis
        # thread would hold the GIL for 100 ms stretches and freeze the window.
        word_frequencies()
        self.setWindowTitle("corpusfix")
        self.settings = settings or QSettings("corpusfix", "corpusfix")
        self.reviewer = str(self.settings.value("reviewer", getpass.getuser() or "editor"))
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        # With no article open the window says what to do, not a blank grey area.
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setText(self._empty_text())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self._show_tabs_or_hint())
        self.setCentralWidget(self.stack)
        self.setAcceptDrops(True)
        self.hint = QLabel(self.tr("F8 next finding · Ctrl+Enter accept · Ctrl+Backspace reject"))
        self.statusBar().addPermanentWidget(self.hint)
        self.actions_by_id: dict[str, QAction] = {}
        self.last_error = ""  # the last file that could not be opened, and why
        self.open_failures: list[str] = []  # those of the last opening (several files)
        self._build_menus()
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.resize(1400, 860)
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def _empty_text(self) -> str:
        return "<p>" + "</p><p>".join(
            (
                self.tr("<b>No article open.</b>"),
                self.tr("Open one with Ctrl+O, or drop text files here."),
                self.tr("F8 goes to the next finding, Ctrl+Enter accepts it, Ctrl+Backspace "
                        "rejects it; Ctrl+? lists every shortcut, F1 opens the guide."),
            )
        ) + "</p>"  # fmt: skip

    def _show_tabs_or_hint(self) -> None:
        self.stack.setCurrentWidget(self.tabs if self.tabs.count() else self.empty)

    # ----- menus and shortcuts -----
    def _build_menus(self) -> None:
        self.menu_titles = {key: self.tr(label) for key, label in MENUS.items()}
        menus = {key: self.menuBar().addMenu(title) for key, title in self.menu_titles.items()}
        self.recent_menu = menus["file"].addMenu(self.tr("Open &Recent"))
        for spec in ACTIONS:
            action = QAction(translated(spec), self)
            action.setShortcut(QKeySequence(spec.shortcut))
            # Window-wide: next/previous and decisions work from anywhere in the window.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(self._slot(spec.slot))
            menus[spec.id.split(".")[0]].addAction(action)
            self.addAction(action)
            self.actions_by_id[spec.id] = action
        self._refresh_recent()

    def _slot(self, slot: str) -> Callable[[], None]:
        """A window method, or ``tab:METHOD[:ARG]`` run on the current document tab."""
        if not slot.startswith("tab:"):
            return cast(Callable[[], None], getattr(self, slot))
        _, method, *arg = slot.split(":")
        args = [int(a) for a in arg]
        return lambda: self._on_tab(method, *args)

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_files():
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.open_paths([Path(p)]))

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        return [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]

    def _remember(self, path: Path) -> None:
        items = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue("recent", items[:MAX_RECENT])
        self._refresh_recent()

    def start_folder(self) -> str:
        """Where file dialogs open: the folder of the article opened last, while it exists
        (an editor works through one issue's folder), else Qt's choice (the working folder)."""
        for item in self.recent_files():
            folder = Path(item).parent
            if folder.is_dir():
                return str(folder)
        return ""

    # ----- opening -----
    def engine_settings(self, encoding: str | None = None) -> Settings:
        return app_engine_settings(encoding)

    def open_paths(self, paths: list[Path], encoding: str | None = None) -> list[DocumentTab]:
        tabs = []
        self.open_failures = []  # this opening's: each named until the next opening
        for path in paths:
            tab = DocumentTab(path, self.engine_settings(encoding), self.reviewer)
            tab.status.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
            tab.failed.connect(lambda msg, t=tab: self._open_failed(t, msg))
            tab.loaded.connect(self._loaded_status)
            # Recent files: only what opened (a binary file dropped by mistake does not stay)
            tab.previewed.connect(lambda p=path: self._remember(p))
            tab.loaded.connect(lambda p=path: self._remember(p))
            tab.ask_restore = self.ask_restore
            self._apply_font_size(tab, font_size.stored(self.settings))
            index = self.tabs.addTab(tab, path.name)
            self.tabs.setTabToolTip(index, str(path))
            self.tabs.setCurrentIndex(index)
            tab.start()
            tabs.append(tab)
        self._show_tabs_or_hint()
        return tabs

    def _loaded_status(self) -> None:
        """An article is ready: its progress message goes, but not the files of the same
        opening that could not be opened (a later load cleared them: they vanished unsaid)."""
        if self.open_failures:
            self.statusBar().showMessage(self.last_error, 15000)
        else:
            self.statusBar().clearMessage()

    def _open_failed(self, tab: DocumentTab, message: str) -> None:
        """A file that cannot be read (binary, wrong encoding): its one-line reason, no tab."""
        for prefix in (f"{tab.path}: ", f"{tab.path.name}: "):  # the reason names it already
            message = message.removeprefix(prefix)
        self.open_failures.append(self.tr("Could not open {0}: {1}").format(tab.path.name, message))
        text = " · ".join(self.open_failures)
        index = self.tabs.indexOf(tab)
        if index >= 0:
            self.tabs.removeTab(index)
        self._show_tabs_or_hint()
        self.last_error = text
        self.statusBar().showMessage(text, 15000)
        if not self.tabs.count():
            shown = f"<p style='color:#a00'>{html.escape(text)}</p>"
            self.empty.setText(shown + self._empty_text())

    def open_dialog(self) -> None:
        names = open_files(
            self,
            self.tr("Open articles"),
            self.start_folder(),
            self.tr("Text and PDF (*.txt *.pdf);;All files (*)"),
        )
        self.open_paths([Path(n) for n in names])

    def encoding_dialog(self, tab: DocumentTab) -> QInputDialog:
        """Pick an encoding; the one the article was read with comes first selected."""
        dialog = QInputDialog(self)
        title = self.tr("Reopen with encoding")
        dialog.setWindowTitle(title)
        dialog.setLabelText(self.tr("Encoding of {0}:").format(tab.path.name))
        dialog.setComboBoxItems(list(ENCODINGS))
        dialog.setComboBoxEditable(True)
        detected = tab.session.doc.encoding.replace("_", "-") if tab.session else ENCODINGS[0]
        if detected not in ENCODINGS:
            dialog.setComboBoxItems([detected, *ENCODINGS])
        dialog.setTextValue(detected)
        # Wide enough for the whole title (window managers cut it to the dialog's width):
        # QInputDialog sizes itself to its layout, so the width goes on its field.
        title_width = dialog.fontMetrics().horizontalAdvance(title) * 2 + 120
        field = dialog.findChild(QComboBox)
        if field is not None:
            field.setMinimumWidth(max(320, title_width))
        return dialog

    def reopen_with_encoding(self) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        dialog = self.encoding_dialog(tab)
        if dialog.exec() and (enc := dialog.textValue().strip()):
            self.reopen_tab(tab, enc)

    def reopen_tab(self, tab: DocumentTab, encoding: str) -> DocumentTab:
        index = self.tabs.indexOf(tab)
        self.tabs.removeTab(index)
        (new,) = self.open_paths([tab.path], encoding)
        return new

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.open_paths([p for p in paths if p.is_file()])
        event.acceptProposedAction()

    # ----- the current tab -----
    def current_tab(self) -> DocumentTab | None:
        w = self.tabs.currentWidget()
        return w if isinstance(w, DocumentTab) else None

    def _on_tab(self, method: str, *args: int) -> None:
        tab = self.current_tab()
        if tab is not None:
            getattr(tab, method)(*args)

    def next_article(self) -> None:
        self._step_article(1)

    def previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, delta: int) -> None:
        if self.tabs.count() > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + delta) % self.tabs.count())

    # ----- font size -----
    def larger_font(self) -> None:
        self._font_step(1)

    def smaller_font(self) -> None:
        self._font_step(-1)

    def normal_font(self) -> None:
        self._font_step(0)

    def _font_step(self, delta: int) -> None:
        size = font_size.step(self.settings, delta)
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, DocumentTab):
                self._apply_font_size(tab, size)
        self.statusBar().showMessage(self.tr("Font size {0} pt").format(size), 3000)

    @staticmethod
    def _apply_font_size(tab: DocumentTab, size: int) -> None:
        font_size.apply(size, tab.article, tab.diff, tab.detail)
        font_size.apply_step(size, tab.tree)

    def add_to_wordlist(self) -> None:
        tab = self.current_tab()
        if tab is None or tab.current is None or tab.session is None:
            return
        word = wordlist_entry(tab.session.doc, tab.current)
        if word:
            # Undo takes the word back off the list with the decision (not one already there)
            added = add_to_user_wordlist(word) > 0
            tab.ignore_all_like(feed_wordlist=False, added_word=word if added else None)
            self.statusBar().showMessage(
                self.tr("'{0}' added to your word list").format(word), 5000
            )

    # ----- the user's lists -----
    def import_words(self) -> None:
        self._import_list("words")

    def export_words(self) -> None:
        self._export_list("words")

    def import_confusions(self) -> None:
        self._import_list("confusions")

    def export_confusions(self) -> None:
        self._export_list("confusions")

    def _import_list(self, which: str, path: str | None = None) -> int | None:
        if path is None:
            path = open_file(
                self,
                self.tr("Import list"),
                self.start_folder(),
                self.tr("Text files (*.txt);;All files (*)"),
            )
        if not path:
            return None
        try:
            added = import_list(which, path)
        except CorpusfixError as exc:
            QMessageBox.warning(self, "corpusfix", str(exc))
            return None
        done = plural(
            added,
            self.tr("{0} entry added; reopen to re-check"),
            self.tr("{0} entries added; reopen to re-check"),
        )
        self.statusBar().showMessage(done.format(added))
        return added

    def _export_list(self, which: str, path: str | None = None) -> int | None:
        if path is None:
            where = str(Path(self.start_folder() or ".") / f"{which}.txt")
            path = save_file(self, self.tr("Export list"), where, self.tr("Text files (*.txt)"))
        if not path:
            return None
        try:
            count = export_list(which, path)
        except CorpusfixError as exc:  # e.g. the path is the list itself: the one-line reason
            QMessageBox.warning(self, "corpusfix", str(exc))
            return None
        done = plural(
            count, self.tr("{0} entry written to {1}"), self.tr("{0} entries written to {1}")
        )
        self.statusBar().showMessage(done.format(count, path))
        return count

    def save_review(self) -> None:
        tab = self.current_tab()
        if tab is not None and (path := tab.save()) is not None:
            self.statusBar().showMessage(self.tr("Review saved to {0}").format(path), 5000)

    def export_dialog(self) -> ExportDialog | None:
        tab = self.current_tab()
        if tab is None or tab.session is None:
            return None
        dialog = ExportDialog(tab.session, tab.path, self, header=_model_header(tab.settings))
        dialog.accepted.connect(lambda: self._exported(tab, dialog))
        dialog.open()
        return dialog

    def _exported(self, tab: DocumentTab, dialog: ExportDialog) -> None:
        """What was exported is kept: the review is saved too, so closing asks nothing."""
        if dialog.exported is None:
            return
        tab.save()
        self.statusBar().showMessage(
            self.tr("Exported to {0}").format(dialog.clean_path.text()), 8000
        )

    def manage_lists(self) -> ListsDialog:
        dialog = ListsDialog(self)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(list(self.actions_by_id.items()), self, self.menu_titles)
        dialog.open()
        return dialog

    def show_guide(self) -> QTextBrowser:
        """The user guide (Chinese on a Chinese system), shipped with the program."""
        from PySide6.QtCore import QLocale

        from corpusfix.paths import docs_dir

        zh = QLocale.system().language() == QLocale.Language.Chinese
        path = docs_dir() / ("guide.zh.md" if zh else "guide.en.md")
        viewer = QTextBrowser()
        viewer.setWindowTitle(self.tr("User guide"))
        viewer.setSearchPaths([str(path.parent)])
        viewer.setMarkdown(path.read_text("utf-8"))
        viewer.setOpenExternalLinks(False)
        viewer.anchorClicked.connect(lambda url: QDesktopServices.openUrl(url))
        viewer.resize(900, 800)
        # Quitting the main window ends the app, guide or not (it kept a window-less process
        # running); Esc closes the guide as it closes a dialog.
        viewer.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), viewer)
        close.activated.connect(viewer.close)
        viewer.show()
        self._guide = viewer
        return viewer

    # ----- closing -----
    def close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def close_tab(self, index: int) -> bool:
        tab = self.tabs.widget(index)
        if isinstance(tab, DocumentTab) and not self.confirm_close([tab]):
            return False
        self.tabs.removeTab(index)
        self._show_tabs_or_hint()
        return True

    def confirm_close(self, tabs: list[DocumentTab]) -> bool:
        """Ask before losing undecided or unsaved work; saving keeps it for next time."""
        open_work = [t for t in tabs if t.session is not None and t.dirty]
        if not open_work:
            return True
        answer = self.ask_save(len(open_work))
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        for t in open_work:
            if answer == QMessageBox.StandardButton.Save:
                t.save()
            else:
                t.discard_autosave()  # the person chose to lose these decisions
        return True

    def ask_restore(self, saved: Autosave) -> bool | None:
        """An autosave was left behind (crash, kill): offer every decision back.

        CORPUSFIX_AUTORESTORE=yes|no answers without asking (scripted runs, tests). Where no
        one can see the question (offscreen: screenshots, tests), None: keep it for later.
        """
        preset = os.environ.get("CORPUSFIX_AUTORESTORE", "").strip().lower()
        if preset in ("yes", "no"):
            return preset == "yes"
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            return None
        question = plural(
            saved.decisions,
            self.tr(
                "corpusfix was closed without saving the review of {0}: {1} decision, made at "
                "{2}. Restore it?"
            ),
            self.tr(
                "corpusfix was closed without saving the review of {0}: {1} decisions, the "
                "last at {2}. Restore them?"
            ),
        )
        answer = QMessageBox.question(
            self,
            self.tr("Restore the review?"),
            question.format(saved.article.name, saved.decisions, local_time(saved.saved_at)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_save(self, n: int) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self,
            self.tr("Unsaved review"),
            plural(
                n,
                self.tr("{0} article has decisions that are not saved. Save the review?"),
                self.tr("{0} articles have decisions that are not saved. Save the review?"),
            ).format(n),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        tabs = [self.tabs.widget(i) for i in range(self.tabs.count())]
        if not self.confirm_close([t for t in tabs if isinstance(t, DocumentTab)]):
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        event.accept()


def _model_header(settings: Settings) -> dict[str, str]:
    """The log header keys naming the learned table and the archive model the analysis used."""
    try:
        return run_header(settings)
    except CorpusfixError:  # replaced by a bad file since: the analysis reported it already
        return {}
