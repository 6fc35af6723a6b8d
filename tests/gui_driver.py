"""Drive the real main window with real user events, in a process of its own.

A segfault in Qt must not take the test run down with it, and the autosave test needs a
process it can SIGKILL: the GUI tests start this module with ``python -m tests.gui_driver``.

    soak --seed S --actions N     a fixed-seed random user (tests/test_gui_soak.py, bench)
    zoom-filter --rounds N        resize, zoom with Ctrl+wheel, type and clear the filter
    decide ARTICLE                three decisions by keyboard and one edit typed in the article,
                                  print them, then wait (to be killed)
    restore                       start as a user would, print the decisions the tab holds

The soak's user resizes, zooms (Ctrl+wheel), types in and clears the filter (Ctrl+L or a
click), sets the ≥ confidence box, presses F8/Shift+F8 and arrows in the tree, clicks rows,
accepts/rejects/edits/undoes/redoes, makes bulk decisions (Ctrl+Alt+Return / A / Backspace),
types in the article, finds and replaces (Ctrl+F, Ctrl+H, one or all), toggles the clean preview
(F9), switches views, steps through the Changes tab (Alt+N/P), changes the font size
(Ctrl++ / Ctrl+- / Ctrl+0), switches document tabs and exports (Ctrl+E; `verify` must pass).

Every step checks the invariant: the findings tree's current row, the detail pane, the
article's current mark and the target of a decision are one finding. Exit 0 when all held;
1 with a message when one did not; a crash shows as a signal.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from corpusfix.gui.findings_model import ID_ROLE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the application starts
faulthandler.enable()

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "sample-article.txt"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier


class InvariantError(Exception):
    """The invariant did not hold."""


def app() -> QApplication:
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])


def wait_until(done: Callable[[], bool], timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise InvariantError("timed out waiting for the analysis")
        QTest.qWait(20)


def activate(window: QWidget) -> None:
    """Make the window the active one, as a click on it would: without an active window Qt
    sends no key to a shortcut (F8, Ctrl+Return, Ctrl+Z… would silently do nothing)."""
    window.activateWindow()
    if not QTest.qWaitForWindowActive(window, 5000):
        raise InvariantError("the main window never became active: no shortcut would work")


def open_window(articles: list[Path], config: Path):  # type: ignore[no-untyped-def]
    """The main window on the articles, each analysed."""
    os.environ["CORPUSFIX_CONFIG_DIR"] = str(config)
    app()
    from corpusfix.gui.main_window import MainWindow

    window = MainWindow(QSettings(str(config / "settings.ini"), QSettings.Format.IniFormat))
    window.reviewer = "editor"
    window.ask_save = lambda n: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.resize(1400, 860)
    window.show()
    QTest.qWaitForWindowExposed(window)
    activate(window)
    tabs = window.open_paths(articles)
    loaded: list[object] = []
    for tab in tabs:
        tab.loaded.connect(lambda t=tab: loaded.append(t))
    wait_until(lambda: len(loaded) == len(tabs), timeout=300)  # a loaded machine is slow
    return window, tabs


def type_text(widget: QWidget, text: str) -> None:
    """Key events carrying the characters (what an input method delivers)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, NONE, ch))


def ctrl_wheel(widget: QWidget, delta: int) -> None:
    """Ctrl+wheel over the widget: Qt's text views zoom."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, delta),
        Qt.MouseButton.NoButton, CTRL, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def tree_id(tab) -> str | None:  # type: ignore[no-untyped-def]
    index = tab.tree.currentIndex()
    return index.data(ID_ROLE) if index.isValid() else None


def check(tab) -> None:  # type: ignore[no-untyped-def]
    """The tree's current row, the detail pane, the article and the decision target agree."""
    selected = tree_id(tab)
    target = tab.current.id if tab.current is not None else None
    shown = getattr(tab.detail, "shown_id", target)  # (older code: not recorded)
    marked = tab.article._current.id if tab.article._current is not None else None
    if not selected == target == shown == marked:
        raise InvariantError(
            f"tree {selected}, decision target {target}, detail {shown}, article {marked}"
        )
    on_diff = tab.views.currentWidget() is tab.diff and tab.session is not None
    if on_diff and tab.diff.count != len(tab.session.edits()):
        raise InvariantError(
            f"the Changes tab shows {tab.diff.count} changes, the session has "
            f"{len(tab.session.edits())}"
        )
    article = tab.article
    if not getattr(article, "previewing", True) and article.toPlainText() != (
        article.positions.display
    ):
        raise InvariantError("the article's text is not the session's (original + decisions)")
    if tab.current is not None:
        s = tab.current
        if tab.detail.edit.isEnabled() == s.flag_only:
            raise InvariantError(f"{s.id}: the edit box is {'on' if s.flag_only else 'off'}")
        if not tab.proxy.filter.matches(s, tab.session):
            raise InvariantError(f"{s.id} is current but the filter hides it")


class NestedPaint:
    """Fails the run when the article's setExtraSelections runs inside itself."""

    def __init__(self) -> None:
        from corpusfix.gui.text_view import ArticleView

        self.depth = 0
        self.nested = 0
        original = ArticleView.setExtraSelections

        def guarded(view, marks):  # type: ignore[no-untyped-def]
            self.nested += self.depth > 0
            self.depth += 1
            try:
                original(view, marks)
            finally:
                self.depth -= 1

        ArticleView.setExtraSelections = guarded  # type: ignore[method-assign]


class Monkey:
    """A fixed-seed random user: only what a person can do with the keyboard and mouse."""

    def __init__(self, window, seed: int) -> None:  # type: ignore[no-untyped-def]
        self.window = window
        self.rng = random.Random(seed)
        self.counts: dict[str, int] = {}
        self.actions: list[tuple[str, Callable[[], None], int]] = [
            ("resize", self.resize, 4),
            ("zoom", self.zoom, 5),
            ("type filter", self.type_filter, 6),
            ("clear filter", self.clear_filter, 4),
            ("F8", lambda: self.key(Qt.Key.Key_F8), 8),
            ("Shift+F8", lambda: self.key(Qt.Key.Key_F8, SHIFT), 5),
            ("arrows in tree", self.arrows, 12),
            ("click in tree", self.click_tree, 5),
            ("accept", self.accept, 6),
            ("reject", self.reject, 5),
            ("edit", self.edit, 4),
            ("empty edit", self.empty_edit, 2),
            ("undo", lambda: self.key(Qt.Key.Key_Z, CTRL), 5),
            ("redo", lambda: self.key(Qt.Key.Key_Z, CTRL | SHIFT), 3),
            ("scroll article", self.scroll, 4),
            ("switch view", self.switch_view, 2),
            ("switch tab", self.switch_tab, 2),
            ("undecided only", self.toggle_undecided, 1),
            ("accept all of kind", lambda: self.bulk(Qt.Key.Key_Return, CTRL | ALT), 1),
            ("accept all shown", lambda: self.bulk(Qt.Key.Key_A, CTRL | ALT), 1),
            ("reject all shown", lambda: self.bulk(Qt.Key.Key_Backspace, CTRL | ALT), 1),
            ("type in article", self.type_in_article, 5),
            ("find/replace", self.find_replace, 3),
            ("preview", lambda: self.key(Qt.Key.Key_F9), 1),
            ("confidence", self.confidence, 2),
            ("step change", self.step_change, 2),
            ("font size", self.font_size, 2),
            ("export", self.export, 1),
        ]
        self.exports = 0
        self.reactivated = 0

    @property
    def tab(self):  # type: ignore[no-untyped-def]
        return self.window.current_tab()

    def run(self, n: int, on_step: Callable[[int], None] | None = None) -> None:
        names = [a[0] for a in self.actions]
        funcs = {a[0]: a[1] for a in self.actions}
        weights = [a[2] for a in self.actions]
        for i in range(n):
            name = self.rng.choices(names, weights)[0]
            self.counts[name] = self.counts.get(name, 0) + 1
            funcs[name]()
            QApplication.processEvents()
            if QApplication.activeWindow() is None:  # a dialog closed: what a window manager
                self.reactivated += 1  # does (Xvfb has none; X gave the focus to the root)
                activate(self.window)
            try:
                check(self.tab)
            except InvariantError as exc:
                raise InvariantError(f"step {i} ({name}): {exc}") from None
            if on_step is not None:
                on_step(i)

    # ----- actions -----
    def key(self, key: Qt.Key, mods: Qt.KeyboardModifier = NONE) -> None:
        # a person waits while a progress dialog is up (a long undo, say): keys pressed then go
        # to the dialog, not to the window's shortcuts
        end = time.monotonic() + 120
        while isinstance(QApplication.activeModalWidget(), QProgressDialog):
            if time.monotonic() > end:
                raise InvariantError("a progress dialog stayed open for two minutes")
            QApplication.processEvents()
        focus = QApplication.focusWidget() or self.window
        QTest.keyClick(focus if focus.window() is self.window else self.window, key, mods)

    def bulk(self, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
        """A bulk decision by its shortcut, run to its end (a long one has a progress dialog);
        it may decide only pending findings it was asked for: of the current one's kind at
        ≥ the confidence box (Ctrl+Alt+Return), or those the list shows."""
        tab = self.tab
        session = tab.session
        if session is None:
            return
        if key == Qt.Key.Key_Return:
            kind, floor = (tab.current.kind if tab.current else None), tab.min_conf.value()
            allowed = {
                s.id for s in session.suggestions if s.kind == kind and s.confidence >= floor - 1e-9
            }
        else:
            allowed = {s.id for s in tab.visible_findings()}
        allowed &= {s.id for s in session.pending()}
        depth = len(session._undo)
        self.key(key, mods)
        run = getattr(tab, "bulk", None)
        end = time.monotonic() + 120
        while (run is not None and run.running) or getattr(tab, "busy", False):
            if time.monotonic() > end:
                raise InvariantError("a bulk decision did not finish")
            QApplication.processEvents()
        if len(session._undo) > depth:
            decided = {sid for sid, _, _ in session._undo[-1]}
            if not decided <= allowed:
                raise InvariantError(f"the bulk decision also decided {sorted(decided - allowed)}")

    def resize(self) -> None:
        self.window.resize(self.rng.randrange(700, 1900), self.rng.randrange(450, 1200))

    def zoom(self) -> None:
        ctrl_wheel(self.tab.article.viewport(), self.rng.choice((120, -120, 240, -240)))

    def type_filter(self) -> None:
        box = self.tab.filter_box
        if self.rng.random() < 0.5:
            self.key(Qt.Key.Key_L, CTRL)  # the filter's own key
        else:
            box.setFocus()
        if not box.hasFocus():
            raise InvariantError("Ctrl+L did not put the keyboard in the filter")
        if self.rng.random() < 0.2:  # kind names in Chinese, as an input method gives them
            type_text(box, self.rng.choice(("错别字", "重复", "段")))
            return
        QTest.keyClicks(box, self.rng.choice(("e", "r", "ge", "merge", "typo", "du", "a", "x")))

    def confidence(self) -> None:
        """Up/Down in the filter's ≥ box (what Ctrl+Alt+Return accepts at or above)."""
        box = self.tab.min_conf
        box.setFocus()
        key = self.rng.choice((Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp))
        for _ in range(self.rng.randrange(1, 5)):
            QTest.keyClick(box, key)

    def clear_filter(self) -> None:
        box = self.tab.filter_box
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_A, CTRL)
        QTest.keyClick(box, Qt.Key.Key_Backspace)

    def arrows(self) -> None:
        tree = self.tab.tree
        tree.setFocus()
        key = self.rng.choice(
            (Qt.Key.Key_Down,) * 4 + (Qt.Key.Key_Up,) * 3 + (Qt.Key.Key_PageDown, Qt.Key.Key_Home)
        )
        for _ in range(self.rng.randrange(1, 4)):
            QTest.keyClick(tree, key)

    def click_tree(self) -> None:
        tree = self.tab.tree
        index = tree.indexAt(QPoint(20, self.rng.randrange(0, max(1, tree.viewport().height()))))
        if index.isValid():
            rect = tree.visualRect(index)
            QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, NONE, rect.center())

    def _decision(self, act: Callable[[], None]) -> None:
        """Decide, and check the decision went to the finding that was shown."""
        tab = self.tab
        before = tab.detail.shown_id
        undo_depth = len(tab.session._undo) if tab.session is not None else 0
        act()
        if tab.session is not None and len(tab.session._undo) > undo_depth:
            changed = {sid for sid, _, _ in tab.session._undo[-1]}
            if before not in changed:
                raise InvariantError(
                    f"the decision went to {sorted(changed)}, the pane showed {before}"
                )

    def accept(self) -> None:
        if self.rng.random() < 0.5:
            self._decision(lambda: self.key(Qt.Key.Key_Return, CTRL))
        else:
            self.tab.tree.setFocus()
            self._decision(lambda: QTest.keyClick(self.tab.tree, Qt.Key.Key_Return))

    def reject(self) -> None:
        if self.rng.random() < 0.5:
            self._decision(lambda: self.key(Qt.Key.Key_Backspace, CTRL))
        else:
            self.tab.tree.setFocus()
            self._decision(lambda: QTest.keyClick(self.tab.tree, Qt.Key.Key_Delete))

    def edit(self) -> None:
        def act() -> None:
            self.key(Qt.Key.Key_Return, CTRL | SHIFT)  # focus the box
            box = self.tab.detail.edit
            if box.isEnabled() and box.hasFocus():
                box.clear()
                type_text(box, self.rng.choice("压县实的了"))
                QTest.keyClick(box, Qt.Key.Key_Return)

        self._decision(act)

    def empty_edit(self) -> None:
        tab = self.tab
        self.key(Qt.Key.Key_Return, CTRL | SHIFT)
        box = tab.detail.edit
        if box.isEnabled() and box.hasFocus():
            depth = len(tab.session._undo)
            box.clear()
            QTest.keyClick(box, Qt.Key.Key_Return)
            if len(tab.session._undo) != depth:
                raise InvariantError("Return in an empty box changed a decision")
            if not tab.tree.hasFocus():
                raise InvariantError("after Return the keyboard is not back in the findings list")

    def type_in_article(self) -> None:
        """Click somewhere in the article, then type, Backspace, Delete or Return there."""
        view = self.tab.article
        point = QPoint(
            self.rng.randrange(0, max(1, view.viewport().width())),
            self.rng.randrange(0, max(1, view.viewport().height())),
        )
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, NONE, point)
        if self.rng.random() < 0.3:  # a selection to type over
            QTest.keyClick(view, Qt.Key.Key_Right, SHIFT)
        for _ in range(self.rng.randrange(1, 4)):
            what = self.rng.choice(("text", "text", "Backspace", "Delete", "Return"))
            if what == "text":
                type_text(view, self.rng.choice(("压", "实", "a", "的了", "，")))
            else:
                key = {"Backspace": Qt.Key.Key_Backspace, "Delete": Qt.Key.Key_Delete}
                QTest.keyClick(view, key.get(what, Qt.Key.Key_Return))

    def find_replace(self) -> None:
        """Ctrl+F or Ctrl+H, a word, then find next, replace one or replace all."""
        replace = self.rng.random() < 0.6
        self.key(Qt.Key.Key_H if replace else Qt.Key.Key_F, CTRL)
        bar = self.tab.find_bar
        if not bar.isVisible() or bar.replace_box.isVisible() != replace:
            raise InvariantError(f"{'Ctrl+H' if replace else 'Ctrl+F'} did not open its bar")
        bar.find_box.clear()
        needle = self.rng.choice(("的", "创新", "，", "年", "zz"))
        type_text(bar.find_box, needle)
        if not replace:
            article = self.tab.article
            before = (article.textCursor().anchor(), article.textCursor().position())
            QTest.keyClick(bar.find_box, Qt.Key.Key_Return)
            found = article.textCursor()
            moved = (found.anchor(), found.position()) != before
            if moved and found.selectedText() != needle:
                raise InvariantError(f"find {needle!r} selected {found.selectedText()!r}")
            if not moved and needle in article.toPlainText() and found.selectedText() != needle:
                raise InvariantError(f"find {needle!r}: it is in the article, nothing was found")
            if self.rng.random() < 0.3:
                QTest.keyClick(bar.find_box, Qt.Key.Key_Escape)
                if bar.isVisible():
                    raise InvariantError("Escape did not close the find bar")
            return
        bar.replace_box.clear()
        type_text(bar.replace_box, self.rng.choice(("之", "", "创新型")))
        button = bar.replace_all_button if self.rng.random() < 0.3 else bar.replace_button
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def scroll(self) -> None:
        bar = self.tab.article.verticalScrollBar()
        bar.setValue(self.rng.randrange(0, bar.maximum() + 1))

    def switch_view(self) -> None:
        views = self.tab.views
        views.setCurrentIndex((views.currentIndex() + 1) % views.count())

    def step_change(self) -> None:
        """Alt+N / Alt+P: the Changes tab, its next or previous change marked."""
        tab = self.tab
        self.key(Qt.Key.Key_N if self.rng.random() < 0.7 else Qt.Key.Key_P, ALT)
        if tab.views.currentWidget() is not tab.diff:
            modal = QApplication.activeModalWidget()
            raise InvariantError(
                "Alt+N/Alt+P did not show the Changes tab (busy "
                f"{getattr(tab, 'busy', None)}, modal {type(modal).__name__ if modal else None}, "
                f"focus {type(QApplication.focusWidget()).__name__}, "
                f"active {type(QApplication.activeWindow()).__name__})"
            )
        if tab.diff.count and not 0 <= tab.diff.current < tab.diff.count:
            raise InvariantError(f"no current change marked (of {tab.diff.count})")

    def font_size(self) -> None:
        """Ctrl++ / Ctrl+- / Ctrl+0: one remembered size on the article, Changes tab and pane."""
        key = self.rng.choice((Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_0))
        self.key(key, CTRL)
        from corpusfix.gui import font_size

        size = font_size.stored(self.window.settings)
        tab = self.tab
        shown = {
            "article": tab.article.font().pointSize(),
            "Changes tab": tab.diff.browser.font().pointSize(),
            "detail pane": tab.detail.font().pointSize(),
        }
        wrong = {k: v for k, v in shown.items() if v != size}
        if wrong:
            raise InvariantError(f"font size {size} remembered, but {wrong}")

    def export(self) -> None:
        """Ctrl+E, Return (Save), Return in the confirmation; then `verify` must pass on what
        was written, the clean text must be the session's, and closing must ask nothing."""
        from PySide6.QtCore import QTimer

        from corpusfix.core.verify import verify_file
        from corpusfix.gui.dialogs import ExportDialog

        tab = self.tab
        if tab.session is None:
            return
        # From the findings list: in a line edit on X11, Ctrl+E is Qt's end-of-line key
        # (QKeySequence.MoveToEndOfLine) and never reaches the export (docs/decisions.md).
        tab.tree.setFocus()
        self.key(Qt.Key.Key_E, CTRL)
        end = time.monotonic() + 5
        while not isinstance(QApplication.activeModalWidget(), ExportDialog):
            if time.monotonic() > end:
                break
            QTest.qWait(10)  # (on xcb the dialog is shown from the event loop)
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            raise InvariantError(f"Ctrl+E showed {type(dialog).__name__}, not the export dialog")
        tries = [0]

        def confirm() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                QTest.keyClick(box, Qt.Key.Key_Return)
            elif tries[0] < 200:
                tries[0] += 1
                QTimer.singleShot(20, confirm)

        QTest.qWaitForWindowActive(dialog, 2000)  # the user sees it, then presses Return
        QTimer.singleShot(20, confirm)
        focus = QApplication.focusWidget()
        QTest.keyClick(
            focus if focus is not None and focus.window() is dialog else dialog, Qt.Key.Key_Return
        )

        if dialog.exported is None:
            raise InvariantError(f"the export wrote nothing ({dialog.error.text()})")
        clean, log = Path(dialog.clean_path.text()), Path(dialog.log_path.text())
        problems = verify_file(tab.path, clean, log)
        if problems:
            raise InvariantError(f"verify after the export: {problems[0]}")
        if clean.read_bytes().decode("utf-8") != tab.session.clean_text():
            raise InvariantError("the exported clean text is not the session's")
        if tab.dirty:
            raise InvariantError("after the export, closing would still warn")
        self.exports += 1

    def switch_tab(self) -> None:
        QTest.keyClick(self.window.tabs, Qt.Key.Key_Tab, CTRL)

    def toggle_undecided(self) -> None:
        box = self.tab.hide_decided
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, NONE, QPoint(8, box.height() // 2))


# ----- commands -----
def _copies(folder: Path, n: int, article: Path) -> list[Path]:
    out = []
    for i in range(n):
        dst = folder / f"article-{i}.txt"
        dst.write_bytes(article.read_bytes())
        out.append(dst)
    return out


def soak(seed: int, actions: int, article: Path, progress: bool, slice_s: float | None) -> int:
    if slice_s is not None:  # slices this short: every bulk action and long undo shows its
        from corpusfix.gui import bulk  # progress dialog, as on a loaded machine

        bulk.SLICE_S = slice_s
    folder = Path(tempfile.mkdtemp(prefix="corpusfix-soak-"))
    nested = NestedPaint()
    window, _tabs = open_window(_copies(folder, 2, article), folder / "config")
    monkey = Monkey(window, seed)
    t0 = time.perf_counter()

    def report(i: int) -> None:
        if progress and (i + 1) % 1000 == 0:
            print(f"{i + 1} actions, {time.perf_counter() - t0:.0f} s", flush=True)
        if nested.nested:
            raise InvariantError(f"step {i}: setExtraSelections ran inside itself")

    try:
        monkey.run(actions, report)
    except InvariantError as exc:
        print(f"soak: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - t0
    counts = ", ".join(f"{k} {v}" for k, v in sorted(monkey.counts.items()))
    typed = sum(len(t.session.manual) for t in _tabs if t.session is not None)
    print(f"soak: {actions} actions in {elapsed:.1f} s, invariant held ({counts})")
    print(f"soak: {typed} manual edits made")
    print(f"soak: {monkey.exports} exports verified")
    print(f"soak: window activated again {monkey.reactivated} times (after a dialog closed)")
    return 0


def zoom_filter(rounds: int) -> int:
    """The reported crash: after resizing and zooming, type in and clear the filter."""
    folder = Path(tempfile.mkdtemp(prefix="corpusfix-zoom-"))
    nested = NestedPaint()
    window, (tab,) = open_window(_copies(folder, 1, SAMPLE), folder / "config")
    bar = tab.article.verticalScrollBar()
    for k in range(rounds):
        window.resize(700 + 300 * (k % 4), 500 + 100 * (k % 3))
        QApplication.processEvents()
        bar.setValue(bar.maximum() if k % 2 == 0 else bar.maximum() // 2)
        for _ in range(3):
            ctrl_wheel(tab.article.viewport(), 120 if k % 2 else -120)
        QTest.keyClicks(tab.filter_box, "e")
        QTest.keyClick(tab.filter_box, Qt.Key.Key_Backspace)
        QApplication.processEvents()
        if nested.nested:
            print(f"round {k}: setExtraSelections ran inside itself", file=sys.stderr)
            return 1
    print(f"zoom-filter: {rounds} rounds")
    return 0


def _decisions(tab) -> dict[str, list[object]]:  # type: ignore[no-untyped-def]
    return {sid: [d.state.value, d.text] for sid, d in tab.session.decisions.items() if d.at}


def _free_offset(tab) -> int:  # type: ignore[no-untyped-def]
    """An offset of the article that no finding touches (the last such one)."""
    text = tab.session.doc.text
    taken = [(s.start, s.end) for s in tab.session.suggestions]
    return next(
        i
        for i in range(len(text) - 1, 0, -1)
        if text[i] not in "\r\n" and not any(a <= i <= b for a, b in taken)
    )


def type_in_article(tab, offset: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put the caret on an original offset of the article and type there (real key events)."""
    cursor = tab.article.textCursor()
    cursor.setPosition(tab.article.positions.to_qt(offset))
    tab.article.setTextCursor(cursor)
    tab.article.setFocus()
    type_text(tab.article, text)


def decide(article: Path) -> int:
    """Three decisions by keyboard (accept, reject, own text) and an edit typed in the article,
    then wait to be killed."""
    from corpusfix.gui.app import startup_paths

    window, (tab,) = open_window(
        startup_paths([article], []), Path(os.environ["CORPUSFIX_CONFIG_DIR"])
    )
    tab.tree.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Return, CTRL)  # accept the first finding
    QTest.keyClick(window, Qt.Key.Key_Backspace, CTRL)  # reject the next
    editable = next(
        s
        for s in tab.session.suggestions
        if not s.flag_only and s.end > s.start and tab.session.state(s.id).value == "pending"
    )
    tab.select(editable)
    QTest.keyClick(window, Qt.Key.Key_Return, CTRL | SHIFT)
    tab.detail.edit.clear()
    type_text(tab.detail.edit, "自改")
    QTest.keyClick(tab.detail.edit, Qt.Key.Key_Return)
    type_in_article(tab, _free_offset(tab), "手改")  # and one edit typed in the article
    print(json.dumps(_decisions(tab), ensure_ascii=False), flush=True)
    print("DECIDED", flush=True)
    app().exec()  # the test kills this process
    return 0


def restore() -> int:
    """Start as the app does with no file named; print what the reopened tab holds."""
    from corpusfix.gui.app import startup_paths

    config = Path(os.environ["CORPUSFIX_CONFIG_DIR"])
    paths = startup_paths([], ["a recent file: no sample"])
    if not paths:
        print("{}")
        return 0
    _window, tabs = open_window(paths, config)
    print(json.dumps(_decisions(tabs[0]), ensure_ascii=False), flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("soak")
    s.add_argument("--seed", type=int, default=17)
    s.add_argument("--actions", type=int, default=1000)
    s.add_argument("--article", type=Path, default=SAMPLE)
    s.add_argument("--progress", action="store_true")
    s.add_argument(
        "--slice-s", type=float, help="bulk work per event-loop turn (default the app's)"
    )
    z = sub.add_parser("zoom-filter")
    z.add_argument("--rounds", type=int, default=12)
    d = sub.add_parser("decide")
    d.add_argument("article", type=Path)
    sub.add_parser("restore")
    args = ap.parse_args()
    if args.command == "soak":
        return soak(args.seed, args.actions, args.article, args.progress, args.slice_s)
    if args.command == "zoom-filter":
        return zoom_filter(args.rounds)
    if args.command == "decide":
        return decide(args.article)
    return restore()


if __name__ == "__main__":
    sys.exit(main())
