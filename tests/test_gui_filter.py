"""Issue 17, latency: the findings filter and the article's find.

The filter works out what it shows once per change in Python and marks the hidden rows; Qt's
proxy filters on that mark (bench/gui_latency.py shows the speed). What the filter shows stays
as it was: kind and detector names in either UI language, the text, "undecided only", groups
only while one of their findings shows, and the tree's current row the one decision target.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from corpusfix.core.labels import kind_name
from corpusfix.core.session import State
from corpusfix.gui.document_tab import DocumentTab
from corpusfix.gui.findings_model import GROUP_ROLE, ID_ROLE
from corpusfix.gui.main_window import MainWindow
from tests.conftest import SAMPLE
from tests.gui_driver import check

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def chinese(qapp):  # type: ignore[no-untyped-def]
    from corpusfix.gui.app import install_translations

    loaded = install_translations(qapp, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    assert loaded, "resources/i18n/corpusfix_zh_CN.qm did not load"
    yield
    for t in loaded:
        qapp.removeTranslator(t)
    assert QCoreApplication.translate("corpusfix", "en") == "en"


def _open(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DocumentTab:  # type: ignore[no-untyped-def]
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
    assert t.session is not None
    return t


@pytest.fixture
def tab(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DocumentTab:  # type: ignore[no-untyped-def]
    return _open(qtbot, tmp_path, monkeypatch)


def tree_rows(tab: DocumentTab) -> tuple[list[str], list[tuple[str, ...]]]:
    """The finding ids and the group keys the tree shows, walking the tree's own model."""
    model = tab.tree.model()
    ids: list[str] = []
    groups: list[tuple[str, ...]] = []

    def walk(parent: QModelIndex) -> None:
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            sid = index.data(ID_ROLE)
            if sid is not None:
                ids.append(sid)
            else:
                groups.append(tuple(index.data(GROUP_ROLE)))
                walk(index)

    walk(QModelIndex())
    return ids, groups


def all_expanded(tab: DocumentTab) -> bool:
    model = tab.tree.model()
    pending = [model.index(r, 0) for r in range(model.rowCount())]
    while pending:
        index = pending.pop()
        if model.rowCount(index):
            if not tab.tree.isExpanded(index):
                return False
            pending.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))
    return True


def of_kind(tab: DocumentTab, kind: str) -> set[str]:
    assert tab.session is not None
    return {s.id for s in tab.session.suggestions if s.kind == kind}


def test_the_tree_shows_exactly_the_findings_the_filter_lets_through(tab: DocumentTab) -> None:
    assert tab.session is not None
    everything = {s.id for s in tab.session.suggestions}
    kinds = {s.kind for s in tab.session.suggestions}
    assert len(kinds) >= 3, "the sample should have findings of several kinds"
    ids, _ = tree_rows(tab)
    assert set(ids) == everything and len(ids) == len(everything)
    for kind in sorted(kinds):
        tab.filter_box.setText(kind)
        ids, groups = tree_rows(tab)
        assert of_kind(tab, kind) <= set(ids), kind  # every finding of the kind named
        assert {s.id for s in tab.visible_findings()} == set(ids)
        # a group shows while one of its findings does, and only then
        shown_kinds = {tab.session.get(i).kind for i in ids}
        assert {g[0] for g in groups} == shown_kinds
        assert f"{len(ids)} of {len(everything)} shown" in tab.shown_label.text()
        assert all_expanded(tab)
    tab.filter_box.setText("no such text anywhere 乙丙丁")
    assert tree_rows(tab) == ([], [])
    assert tab.current is None
    tab.filter_box.clear()
    ids, _ = tree_rows(tab)
    assert set(ids) == everything


def test_the_text_of_a_finding_finds_it(tab: DocumentTab) -> None:
    assert tab.session is not None
    text = tab.session.doc.text
    s = next(s for s in tab.session.suggestions if s.end - s.start >= 4)
    needle = text[s.start : s.start + 4]
    tab.filter_box.setText(needle)
    ids, _ = tree_rows(tab)
    assert s.id in ids
    assert len(ids) < len(tab.session.suggestions)
    check(tab)


def test_kind_names_in_the_chinese_ui_filter_too(  # type: ignore[no-untyped-def]
    qtbot, chinese, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _open(qtbot, tmp_path, monkeypatch)
    assert tab.session is not None
    for kind in ("merge", "punctuation"):
        wanted = of_kind(tab, kind)
        assert wanted, kind
        for name in (kind_name(kind, "zh"), kind):  # 合并 and "merge" alike
            tab.filter_box.setText(name)
            ids, _ = tree_rows(tab)
            # all of the kind (a message may name the kind too: 标点 in a punctuation note)
            assert wanted <= set(ids) and len(ids) < len(tab.session.suggestions), name
            check(tab)


def test_undecided_only_takes_a_decision_out_at_once_and_undo_brings_it_back(  # type: ignore[no-untyped-def]
    qtbot, tab: DocumentTab
) -> None:
    assert tab.session is not None
    tab.hide_decided.setChecked(True)
    first = tab.current
    assert first is not None
    before, _ = tree_rows(tab)
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)  # reject
    assert tab.session.state(first.id) is State.REJECTED
    after, _ = tree_rows(tab)
    assert first.id not in after and len(after) == len(before) - 1
    assert all_expanded(tab)  # the list did not fold up under the editor
    assert tab.current is not None and tab.current.id != first.id
    check(tab)
    qtbot.keyClick(tab.window(), Qt.Key.Key_Z, CTRL)
    again, _ = tree_rows(tab)
    assert sorted(again) == sorted(before)
    check(tab)
    tab.hide_decided.setChecked(False)
    assert len(tree_rows(tab)[0]) == len(tab.session.suggestions)


def test_typing_and_clearing_the_filter_keeps_one_decision_target(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.session is not None
    merge = next(iter(sorted(of_kind(tab, "merge"))))
    tab.select(tab.session.get(merge))
    tab.filter_box.setFocus()
    for text in ("m", "e", "r", "g", "e"):
        QTest.keyClicks(tab.filter_box, text)
        check(tab)
        assert tab.current is not None
        assert tab.current.id in tree_rows(tab)[0]
    assert tab.current.id == merge  # still shown: it stays the current finding
    QTest.keyClick(tab.filter_box, Qt.Key.Key_A, CTRL)
    QTest.keyClick(tab.filter_box, Qt.Key.Key_Backspace)
    check(tab)
    assert tab.current.id == merge
    tab.tree.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up):
        qtbot.keyClick(tab.tree, key)
        check(tab)


def test_find_goes_from_the_caret_and_wraps_both_ways(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    shown = tab.article.toPlainText()
    needle = next(w for w in ("的", "，", "。") if shown.count(w) >= 3)
    places = [i for i in range(len(shown)) if shown.startswith(needle, i)]
    tab.article.place_caret(0)
    for expected in places[:3]:  # forwards from the caret: the next place each time
        assert tab.find_text(needle)
        assert tab.article.textCursor().selectionStart() == expected
        assert tab.article.textCursor().selectedText() == needle
    tab.article.place_caret(places[-1] + len(needle))
    assert tab.find_text(needle)  # past the last one: round to the first
    assert tab.article.textCursor().selectionStart() == places[0]
    assert tab.find_text(needle, backwards=True)  # before the first: round to the last
    assert tab.article.textCursor().selectionStart() == places[-1]
    assert not tab.find_text("乙丙丁戊己")
    check(tab)


def test_ctrl_f_then_return_finds_the_next_place(qtbot, tab: DocumentTab) -> None:  # type: ignore[no-untyped-def]
    shown = tab.article.toPlainText()
    needle = next(w for w in ("的", "，", "。") if shown.count(w) >= 2)
    places = [i for i in range(len(shown)) if shown.startswith(needle, i)]
    tab.article.place_caret(places[0] + len(needle))
    tab.article.setFocus()
    qtbot.keyClick(tab.window(), Qt.Key.Key_F, CTRL)
    assert tab.find_bar.isVisible() and tab.find_bar.find_box.hasFocus()
    tab.find_bar.find_box.setText(needle)
    qtbot.keyClick(tab.find_bar.find_box, Qt.Key.Key_Return)
    assert tab.article.textCursor().selectionStart() == places[1]
