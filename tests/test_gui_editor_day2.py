"""A copy editor's day in the app, the second round (helper editor2): the papercuts the first
round left open, each pinned by a test. pytest-qt, offscreen."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from corpusfix.gui.document_tab import DocumentTab
from corpusfix.gui.main_window import MainWindow
from tests.conftest import SAMPLE

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ONE_FINDING = "今天的天气很好,我们一起去公园散步。\n\n公园里的花都开了，游人很多。\n"


def _window(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ini: str = "s.ini"
) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow(QSettings(str(tmp_path / ini), QSettings.Format.IniFormat))
    w.reviewer = "editor"
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # shortcuts need it
    monkeypatch.setattr(w, "ask_save", lambda n: QMessageBox.StandardButton.Discard)
    return w


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    return _window(qtbot, tmp_path, monkeypatch)


def _open(qtbot, window: MainWindow, path: Path) -> DocumentTab:  # type: ignore[no-untyped-def]
    (tab,) = window.open_paths([path])
    with qtbot.waitSignal(tab.loaded, timeout=60000):
        pass
    assert tab.session is not None
    return tab


def _copy(src: Path, tmp_path: Path, name: str = "article.txt") -> Path:
    dst = tmp_path / name
    shutil.copy(src, dst)
    return dst


def _wait_idle(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not tab.busy, timeout=60000)
    window = tab.window()
    window.activateWindow()  # (a progress dialog had it: the next shortcut needs it back)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.wait(20)


# ----- 1. Ctrl+Z after Replace All: the editor stays where they were reading -----
def _top_offset(tab: DocumentTab) -> int:
    """The article's (original) offset of the first character on screen."""
    view = tab.article
    return view.positions.from_qt(
        view.cursorForPosition(view.viewport().rect().topLeft()).position()
    )


def test_undo_and_redo_of_replace_all_keep_the_view_where_it_was(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    article = tmp_path / "long.txt"
    article.write_text(SAMPLE.read_text("utf-8") * 4, "utf-8")
    tab = _open(qtbot, window, article)
    assert tab.session is not None
    bar = tab.article.verticalScrollBar()
    assert bar.maximum() > 100
    bar.setValue(bar.maximum() * 2 // 3)  # reading in the last third
    qtbot.wait(20)
    before = _top_offset(tab)
    run = tab.replace_all("新区", "本区")
    assert run is not None
    _wait_idle(qtbot, tab)
    assert abs(_top_offset(tab) - before) < 200
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    _wait_idle(qtbot, tab)
    assert "本区" not in tab.session.clean_text()
    # (it jumped to the first place restored, the article's first lines: offset 4)
    assert abs(_top_offset(tab) - before) < 200, (_top_offset(tab), before)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    _wait_idle(qtbot, tab)
    assert "新区" not in tab.session.clean_text()
    assert abs(_top_offset(tab) - before) < 200, (_top_offset(tab), before)


def test_undo_of_one_typed_edit_still_goes_to_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    article = tmp_path / "long.txt"
    article.write_text(SAMPLE.read_text("utf-8") * 4, "utf-8")
    tab = _open(qtbot, window, article)
    assert tab.session is not None
    assert tab._article_edit(5, 5, "X")  # one typed character in the first line
    bar = tab.article.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.wait(20)
    assert _top_offset(tab) > 2000
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    _wait_idle(qtbot, tab)
    assert "X" not in tab.session.clean_text()
    assert _top_offset(tab) < 1000  # the place undone is on screen


# ----- 2. Ctrl++ / Ctrl+−: the findings list grows with the article, and is remembered -----
def test_zoom_enlarges_the_findings_list_too_and_is_remembered(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    tree_normal = tab.tree.font().pointSize()
    row_normal = tab.tree.visualRect(tab.tree.currentIndex()).height()
    article_normal = tab.article.font().pointSize()
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    assert tab.article.font().pointSize() == article_normal + 3
    assert tab.tree.font().pointSize() == tree_normal + 3  # it stayed at 9 pt
    assert tab.tree.visualRect(tab.tree.currentIndex()).height() > row_normal
    window.settings.sync()
    window.close()

    again = _window(qtbot, tmp_path, monkeypatch)
    tab2 = _open(qtbot, again, _copy(SAMPLE, tmp_path, "second.txt"))
    assert tab2.tree.font().pointSize() == tree_normal + 3  # remembered
    qtbot.keyClick(again, Qt.Key.Key_0, CTRL)
    assert tab2.tree.font().pointSize() == tree_normal
    assert tab2.article.font().pointSize() == article_normal


# ----- 3. the group counts follow the filter -----
def _groups(tab: DocumentTab) -> dict[str, str]:
    """Each group row's label as the tree shows it, by its name (the label up to " (")."""
    model = tab.tree.model()
    out: dict[str, str] = {}

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if model.rowCount(index):
                label = str(index.data())
                out[label.split(" (")[0]] = label
                walk(index)

    walk(QModelIndex())
    return out


def test_group_counts_follow_the_filter(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    assert tab.session is not None
    merges = [s for s in tab.session.suggestions if s.kind == "merge"]
    assert len(merges) == 3
    assert _groups(tab)["merge"] == "merge (3)"  # unfiltered: the total alone
    tab.filter_box.setText("的")  # two of the three merges
    qtbot.wait(20)
    shown = sum(1 for s in merges if tab.proxy.shown(s.id))
    assert shown == 2
    groups = _groups(tab)
    # (it still read "merge (3)" over its two rows)
    assert groups["merge"] == "merge (2/3)", groups
    assert groups["layout.merge"] == "layout.merge (2/3)", groups
    tab.filter_box.setText("")
    qtbot.wait(20)
    assert _groups(tab)["merge"] == "merge (3)"
    # "undecided only": a decision takes its row and its count away
    tab.hide_decided.setChecked(True)
    tab.select(merges[0])
    assert tab.accept_current()
    qtbot.wait(20)
    assert _groups(tab)["merge"] == "merge (2/3)"


# ----- 4. one finding, one file: singular in English, the Chinese unchanged -----
def test_english_counts_of_one_are_singular(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "one.txt"
    article.write_text(ONE_FINDING, "utf-8")
    tab = _open(qtbot, window, article)
    assert tab.session is not None and len(tab.session.suggestions) == 1
    wrong = re.compile(
        r"\b1 (findings|paragraphs|files|entries|decisions|articles|changes)\b|\(s\)"
    )
    info = tab.info.text()
    assert "1 finding" in info and not wrong.search(info), info  # "…, 1 findings"
    messages: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _parent, _title, text, *a: messages.append(text) or QMessageBox.StandardButton.No,
    )
    monkeypatch.setattr(window, "ask_save", MainWindow.ask_save.__get__(window))
    window.ask_save(1)  # "1 article(s) have decisions that are not saved"
    dialog = window.export_dialog()
    assert dialog is not None
    texts = [info, dialog.note.text(), *messages]
    (tmp_path / "one.clean.txt").write_text("x", "utf-8")  # one of the three files exists
    dialog.clean_path.setText(str(tmp_path / "one.clean.txt"))
    texts.append(dialog.plan())  # "1 of these files exist and will be replaced."
    dialog.reject()
    tab.select(tab.session.suggestions[0])
    run = tab.accept_shown()
    assert run is not None
    _wait_idle(qtbot, tab)
    texts.append(window.statusBar().currentMessage())  # "1 findings decided"
    for text in texts:
        assert not wrong.search(text), text
        assert not re.search(r"\b1 of these files exist\b|\b1 \w+ are\b", text), text
    assert "1 finding decided" in texts[-1]


def test_english_counts_of_many_stay_plural(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    assert re.search(r"\b27 paragraphs\b.*\b11 findings\b", tab.info.text()), tab.info.text()


# ----- 5. Ctrl+?: the shortcuts table shows every column whole -----
def test_the_shortcuts_table_is_as_wide_as_its_columns(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.font()
    big = QFont(old)
    big.setPointSize(14)  # a desktop set to a large font (the dialog was a fixed 560 px)
    app.setFont(big)
    try:
        dialog = window.show_shortcuts()
        qtbot.waitExposed(dialog)
        table = dialog.table
        header = table.horizontalHeader()
        assert table.horizontalScrollBar().maximum() == 0, "columns cut off: a scroll bar"
        assert header.length() <= table.viewport().width()
        for column in range(table.columnCount()):
            for row in range(table.rowCount()):
                item = table.item(row, column)
                width = table.fontMetrics().horizontalAdvance(item.text())
                assert width <= table.columnWidth(column), (item.text(), column)
        dialog.close()
    finally:
        app.setFont(old)


# ----- 6. Ctrl+PgDn / Ctrl+PgUp: the next / previous tab, from anywhere in the window -----
def test_ctrl_page_down_and_up_switch_the_article_and_changes_tabs(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    for focus in (tab.tree, tab.article, tab.filter_box):
        focus.setFocus()
        qtbot.waitUntil(focus.hasFocus)
        assert tab.views.currentWidget() is tab.article
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
        assert tab.views.currentWidget() is tab.diff, focus
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)  # wraps round
        assert tab.views.currentWidget() is tab.article, focus
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, CTRL)
        assert tab.views.currentWidget() is tab.diff, focus
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, CTRL)
        assert tab.views.currentWidget() is tab.article, focus
    assert window.actions_by_id["view.next_tab"].shortcut().toString() == "Ctrl+PgDown"


def test_ctrl_tab_switches_the_open_articles(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    first = _open(qtbot, window, _copy(SAMPLE, tmp_path, "a.txt"))
    second = _open(qtbot, window, _copy(SAMPLE, tmp_path, "b.txt"))
    assert window.current_tab() is second
    second.article.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, CTRL)
    assert window.current_tab() is first
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert window.current_tab() is second


def test_the_chinese_counts_read_the_same_for_one_and_many(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import QLocale

    from corpusfix.gui.app import install_translations

    loaded = install_translations(qapp, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    assert loaded
    try:
        article = tmp_path / "one.txt"
        article.write_text(ONE_FINDING, "utf-8")
        one = _open(qtbot, window, article)
        many = _open(qtbot, window, _copy(SAMPLE, tmp_path))
        assert one.info.text() == "one.txt：utf-8，2 段（空行分段），1 处问题", one.info.text()
        assert many.info.text().endswith("，27 段（空行分段），11 处问题"), many.info.text()
        dialog = window.export_dialog()
        assert dialog is not None
        assert dialog.note.text() == "还有 9 处未处理，将记为待定。"
        dialog.reject()
    finally:
        for t in loaded:
            qapp.removeTranslator(t)
