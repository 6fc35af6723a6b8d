"""Issue 17, defects 2 and 5: a decision goes to the finding on show, and "your own text" is
no trap. Real key and mouse events on the real window, offscreen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from corpusfix.core.session import State
from corpusfix.gui.document_tab import DocumentTab
from corpusfix.gui.findings_model import ID_ROLE
from corpusfix.gui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui_driver import check, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def tab(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DocumentTab:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.reviewer = "editor"
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    monkeypatch.setattr(w, "ask_save", lambda n: QMessageBox.StandardButton.Discard)
    article = tmp_path / "article.txt"
    shutil.copy(SAMPLE, article)
    (t,) = w.open_paths([article])
    with qtbot.waitSignal(t.loaded, timeout=20000):
        pass
    return t


def click_row(qtbot, tab: DocumentTab, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
    tab.tree.scrollTo(index)
    qtbot.mouseClick(
        tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=tab.tree.visualRect(index).center()
    )


def finding_rows(tab: DocumentTab) -> list[QModelIndex]:
    """The findings' rows in the order the tree shows them."""
    rows, index = [], tab.tree.model().index(0, 0)
    while index.isValid():
        if index.data(ID_ROLE) is not None:
            rows.append(index)
        index = tab.tree.indexBelow(index)
    return rows


def sid(index: QModelIndex) -> str:
    return str(index.data(ID_ROLE))


def test_arrow_keys_in_the_tree_move_the_detail_the_article_and_the_decision(
    qtbot, tab: DocumentTab
) -> None:  # type: ignore[no-untyped-def]
    session = tab.session
    assert session is not None
    rows = finding_rows(tab)
    # a run of rows inside one group: Down walks from finding to finding
    start = next(
        i
        for i in range(len(rows) - 2)
        if tab.tree.indexBelow(tab.tree.indexBelow(rows[i])) == rows[i + 2]
    )
    click_row(qtbot, tab, rows[start])
    assert tab.current is not None and tab.current.id == sid(rows[start])
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Down)
    qtbot.keyClick(tab.tree, Qt.Key.Key_Down)
    target = sid(rows[start + 2])
    assert tab.current is not None and tab.current.id == target
    check(tab)  # tree, detail pane, article mark and decision target are one finding
    assert tab.detail.shown_id == target and tab.article._current.id == target
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    assert session.state(target) in (State.REJECTED, State.FLAGGED)
    assert session.decisions[target].by == "editor"
    assert session.state(sid(rows[start])) in (State.PENDING, State.FLAGGED)
    assert not session.decisions[sid(rows[start])].at
    check(tab)


def test_a_group_row_is_no_finding_and_takes_no_decision(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    session = tab.session
    assert session is not None
    rows = finding_rows(tab)
    last = next(i for i, r in enumerate(rows) if tab.tree.indexBelow(r).data(ID_ROLE) is None)
    click_row(qtbot, tab, rows[last])
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Down)  # onto the next group's heading
    assert tab.current is None
    check(tab)
    before = dict(session.decisions)
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    qtbot.keyClick(tab.window(), Qt.Key.Key_Return, CTRL)
    assert session.decisions == before


def test_the_filter_never_leaves_a_hidden_finding_as_the_target(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    session = tab.session
    assert session is not None
    punct = next(s for s in session.suggestions if s.kind == "punctuation")
    tab.select(punct)
    qtbot.keyClicks(tab.filter_box, "merge")
    assert tab.current is not None and tab.current.kind == "merge"
    check(tab)
    qtbot.keyClick(tab.window(), Qt.Key.Key_Backspace, CTRL)
    assert session.state(punct.id) is State.PENDING


def pending_typo(tab: DocumentTab):  # type: ignore[no-untyped-def]
    assert tab.session is not None
    return next(s for s in tab.session.suggestions if s.kind == "typo")


def test_return_in_an_empty_box_is_not_a_deletion(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    session = tab.session
    assert session is not None
    typo = pending_typo(tab)
    clean = session.clean_text()
    messages: list[str] = []
    tab.status.connect(messages.append)
    tab.select(typo)
    qtbot.keyClick(tab.window(), Qt.Key.Key_Return, CTRL_SHIFT)  # into the box
    assert tab.detail.edit.hasFocus()
    tab.detail.edit.clear()
    qtbot.keyClick(tab.detail.edit, Qt.Key.Key_Return)
    assert session.state(typo.id) is State.PENDING
    assert session.clean_text() == clean
    assert messages and "empty" in messages[-1]
    assert tab.tree.hasFocus()
    # deleting is a choice of its own
    tab.select(typo)
    qtbot.mouseClick(tab.detail.delete_button, Qt.MouseButton.LeftButton)
    assert session.state(typo.id) is State.EDITED and session.decisions[typo.id].text == ""
    before = session.doc.text[typo.start : typo.end]
    assert before and before not in tab.model.items[typo.id].text().split("→", 1)[1]


def test_the_list_shows_what_is_applied(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    session = tab.session
    assert session is not None
    typo = pending_typo(tab)
    own = next(c for c in "县实压的" if c != typo.replacement)
    tab.select(typo)
    qtbot.keyClick(tab.window(), Qt.Key.Key_Return, CTRL_SHIFT)
    tab.detail.edit.clear()
    type_text(tab.detail.edit, own)
    qtbot.keyClick(tab.detail.edit, Qt.Key.Key_Return)
    assert session.decisions[typo.id].text == own
    label = tab.model.items[typo.id].text()
    assert f"→ {own}" in label and f"→ {typo.replacement}" not in label


def test_a_flag_only_finding_cannot_be_edited(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    session = tab.session
    assert session is not None
    flag = next(s for s in session.suggestions if s.flag_only)
    clean = session.clean_text()
    tab.select(flag)
    assert not tab.detail.edit.isEnabled() and not tab.detail.delete_button.isEnabled()
    qtbot.keyClick(tab.window(), Qt.Key.Key_Return, CTRL_SHIFT)
    type_text(tab.window().focusWidget(), "三是")
    qtbot.keyClick(tab.window().focusWidget(), Qt.Key.Key_Return)
    assert not tab.submit_edit("三是")  # even when asked directly
    assert session.clean_text() == clean
    assert session.state(flag.id) in (State.FLAGGED, State.REJECTED)
    assert session.decisions[flag.id].text is None


def test_after_return_the_shortcuts_work(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    session = tab.session
    assert session is not None
    typo = pending_typo(tab)
    tab.select(typo)
    window = tab.window()
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL_SHIFT)
    tab.detail.edit.clear()
    type_text(tab.detail.edit, "县")
    qtbot.keyClick(tab.detail.edit, Qt.Key.Key_Return)
    assert session.state(typo.id) is State.EDITED
    focus = window.focusWidget()
    assert focus is tab.tree
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)  # where the keyboard is now
    assert session.state(typo.id) is State.PENDING
    assert tab.current is not None and tab.current.id == typo.id  # undo shows what it undid
    check(tab)
    opened: list[object] = []
    window.export_dialog = lambda: opened.append(1)  # type: ignore[method-assign]
    window.actions_by_id["file.export"].triggered.disconnect()
    window.actions_by_id["file.export"].triggered.connect(window.export_dialog)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_E, CTRL)
    assert opened == [1]
