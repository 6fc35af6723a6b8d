"""Issue 17, defects 8, 9, 10 (the encoding dialog) and 11: export, the word list, dropped files,
the empty window, the window's size, and wording an editor can use. pytest-qt, offscreen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget

from corpusfix.config import load_user_wordlist
from corpusfix.gui.document_tab import DocumentTab
from corpusfix.gui.main_window import MainWindow
from tests.conftest import SAMPLE

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.reviewer = "editor"
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    monkeypatch.setattr(w, "ask_save", lambda n: QMessageBox.StandardButton.Discard)
    return w


def _open(qtbot, window: MainWindow, path: Path) -> DocumentTab:  # type: ignore[no-untyped-def]
    (tab,) = window.open_paths([path])
    with qtbot.waitSignal(tab.loaded, timeout=30000):
        pass
    assert tab.session is not None
    return tab


def _copy(src: Path, tmp_path: Path, name: str = "article.txt") -> Path:
    dst = tmp_path / name
    shutil.copy(src, dst)
    return dst


# ----- defect 8: export -----
def test_export_says_what_goes_where_and_cancel_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    dialog = window.export_dialog()
    assert dialog is not None
    asked: list[str] = []
    dialog.ask_confirm = lambda text: asked.append(text) or False  # type: ignore[method-assign]
    before = sorted(tmp_path.rglob("*"))
    assert dialog.confirm_and_export() is False
    assert sorted(tmp_path.rglob("*")) == before and dialog.exported is None
    (plan,) = asked
    for field in (dialog.clean_path, dialog.log_path, dialog.report_path):
        assert field.text() in plan  # every file, with its whole path
    dialog.ask_confirm = lambda text: True  # type: ignore[method-assign]
    assert dialog.confirm_and_export() is True
    assert Path(dialog.clean_path.text()).is_file() and tab.session is not None


def test_path_fields_show_the_whole_path_and_have_browse_buttons(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    deep = tmp_path / "a-rather-long-folder-name" / "another-level-of-folders"
    deep.mkdir(parents=True)
    _open(qtbot, window, _copy(SAMPLE, deep))
    dialog = window.export_dialog()
    assert dialog is not None
    dialog.show()
    qtbot.waitExposed(dialog)
    for field in (dialog.clean_path, dialog.log_path, dialog.report_path):
        needed = field.fontMetrics().horizontalAdvance(field.text())
        assert field.width() >= needed, (field.width(), needed, field.text())
        buttons = field.parentWidget().findChildren(QPushButton)
        assert len(buttons) == 1  # its Browse button, beside it
    dialog.reject()


def test_after_exporting_closing_does_not_warn(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    assert tab.accept_current()
    asked: list[int] = []
    monkeypatch.setattr(
        window, "ask_save", lambda n: asked.append(n) or QMessageBox.StandardButton.Cancel
    )
    dialog = window.export_dialog()
    assert dialog is not None
    dialog.ask_confirm = lambda text: True  # type: ignore[method-assign]
    assert dialog.confirm_and_export()  # (the dialog closes itself: accepted)
    assert dialog.exported is not None and not dialog.isVisible()
    assert window.close_tab(window.tabs.indexOf(tab)) is True
    assert asked == []  # nothing was left unsaved: the export kept it


def test_qa_review_save_regenerates_the_html_report(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, cli
) -> None:
    from corpusfix.gui.review_window import ReviewWindow
    from corpusfix.qa.review import open_review

    article = _copy(SAMPLE, tmp_path)
    out = tmp_path / "clean.txt"
    report = tmp_path / "clean.txt.report.html"
    assert cli("fix", article, "-o", out, "--accept", "all", "--report", report).code == 0
    old = report.read_text("utf-8")
    window = ReviewWindow(open_review(out), reviewer="qa")
    qtbot.addWidget(window)
    window.ask_save = lambda n: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts need it
    window.changes.selectRow(0)
    reverted = window.selected_change()
    assert reverted is not None
    window.set_current("reverted")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    new = report.read_text("utf-8")
    assert new != old
    # the report now shows what the clean file holds: one change fewer
    assert old.count('class="chg"') > new.count('class="chg"')
    assert cli("verify", article, out, str(out) + ".changelog.jsonl").code == 0


# ----- defect 9: the word list, dropped files, the empty window, size -----
def test_ignore_all_like_adds_only_real_tokens_and_undo_takes_it_back(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, reference: Path
) -> None:
    tab = _open(qtbot, window, _copy(reference / "raw.txt", tmp_path))
    assert tab.session is not None
    text = tab.session.doc.text
    by_site = {str(s.evidence.get("site")): s for s in tab.session.suggestions if s.kind == "typo"}
    pieces = by_site["强具中"]  # 强县 + 中: pieces of two words, no word of its own
    tab.select(pieces)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)
    assert tab.session.state(pieces.id).value == "rejected"
    assert load_user_wordlist() == set()
    word = by_site["变庄器"]  # 变压器 is a word: this form stands for the editor
    tab.select(word)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)
    assert load_user_wordlist() == {"变庄器"}
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert load_user_wordlist() == set()
    assert tab.session.state(word.id).value == "pending"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert load_user_wordlist() == {"变庄器"}
    assert text == tab.session.doc.text


def test_a_dropped_binary_file_gives_an_error_no_tab_and_no_recent_entry(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(binary))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.tabs.count() == 0 and bool(window.last_error), timeout=20000)
    assert "photo.png" in window.last_error and "binary" in window.last_error
    assert window.statusBar().currentMessage() == window.last_error
    assert str(binary) not in window.recent_files()
    assert window.stack.currentWidget() is window.empty


def test_with_no_tab_the_window_says_how_to_start(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.stack.currentWidget() is window.empty and window.empty.isVisible()
    hint = window.empty.text()
    assert "Ctrl+O" in hint and "F8" in hint and "drop" in hint
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    assert window.stack.currentWidget() is window.tabs
    tab.dirty = False
    window.close_tab(window.tabs.indexOf(tab))
    assert window.stack.currentWidget() is window.empty


def _overlaps(widgets: list[QWidget]) -> list[tuple[str, str]]:
    shown = [w for w in widgets if w.isVisible() and w.height() > 0]
    out = []
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            ra = a.geometry().translated(
                a.parentWidget().mapTo(a.window(), a.parentWidget().rect().topLeft())
            )
            rb = b.geometry().translated(
                b.parentWidget().mapTo(b.window(), b.parentWidget().rect().topLeft())
            )
            if ra.intersects(rb):
                out.append((a.objectName() or type(a).__name__, b.objectName() or type(b).__name__))
    return out


def test_minimum_size_is_small_and_nothing_overlaps_there(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    assert tab.session is not None
    longest = max(tab.session.suggestions, key=lambda s: len(s.message))
    tab.select(longest)
    hint = window.minimumSizeHint()
    assert hint.width() <= 800, hint
    window.resize(
        max(hint.width(), window.minimumWidth()), max(hint.height(), window.minimumHeight())
    )
    QApplication.processEvents()
    assert window.width() <= 800
    detail = tab.detail
    parts: list[QWidget] = [
        detail.title, detail.explanation, detail.message, detail.context,
        detail.candidates, detail.edit, detail.delete_button,
    ]  # fmt: skip
    labels = [w for w in detail.inner.findChildren(QLabel) if w not in parts]
    assert not _overlaps(parts + labels)
    for label in (detail.title, detail.explanation, detail.message):
        if label.text():  # a wrapped label is as tall as its text needs
            assert label.height() >= label.heightForWidth(label.width()) - 1


# ----- defect 10: the reopen-with-encoding dialog -----
def test_reopen_dialog_preselects_the_detected_encoding_and_shows_its_title(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    article = tmp_path / "gbk.txt"
    article.write_bytes(SAMPLE.read_text("utf-8").encode("gb18030"))
    tab = _open(qtbot, window, article)
    dialog = window.encoding_dialog(tab)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.textValue() == "gb18030"
    title = dialog.windowTitle()
    assert dialog.width() >= dialog.fontMetrics().horizontalAdvance(title) + 100
    dialog.reject()


# ----- defect 11: wording -----
def test_a_join_is_offered_as_joining_not_as_delete(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    assert tab.session is not None
    joins = [s for s in tab.session.suggestions if s.kind == "merge" and s.replacement == ""]
    assert joins
    for s in joins:
        tab.select(s)
        items = [tab.detail.candidates.item(i).text() for i in range(tab.detail.candidates.count())]
        assert items and "(delete)" not in items and "join" in items[0].lower()
        label = tab.model.items[s.id].text()
        text = tab.session.doc.text
        left, right = text[s.start - 3 : s.start], text[s.end : s.end + 3]
        assert left in label and right in label, label  # the text on both sides of the join


def test_messages_say_plainly_how_sure_the_language_model_is(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    assert tab.session is not None
    typos = [s for s in tab.session.suggestions if s.kind == "typo"]
    assert typos
    for s in typos:
        tab.select(s)
        shown = tab.detail.message.text()
        assert "prefers it by" not in shown and "likely in this context" in shown, shown
        assert str(s.params["gain"]) not in shown


def test_an_inserted_character_list_and_highlight_agree(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, reference: Path
) -> None:
    """落|会议: the list shows the characters on both sides, and the article marks those."""
    tab = _open(qtbot, window, _copy(reference / "raw.txt", tmp_path))
    assert tab.session is not None
    text = tab.session.doc.text
    (drop,) = [s for s in tab.session.suggestions if s.kind == "typo" and s.start == s.end]
    tab.select(drop)
    label = tab.model.items[drop.id].text()
    left, right = text[drop.start - 1], text[drop.start]
    assert f"{left}‸{right}" in label and f"{left}{drop.replacement}{right}" in label, label
    marks = tab.article.extraSelections()  # (kept: the cursors live as long as the list)
    marked = marks[-1].cursor.selectedText()  # the current finding's mark
    assert marked == left + right, marked


def test_qa_review_evidence_is_readable(qtbot, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from corpusfix.gui.review_window import CHANGE_COLUMNS, ReviewWindow
    from corpusfix.qa.review import open_review

    article = _copy(SAMPLE, tmp_path)
    out = tmp_path / "clean.txt"
    assert cli("fix", article, "-o", out, "--accept", "all").code == 0
    window = ReviewWindow(open_review(out), reviewer="qa")
    qtbot.addWidget(window)
    col = CHANGE_COLUMNS.index("evidence")
    shown = [window.changes.item(r, col).text() for r in range(window.changes.rowCount())]
    assert shown and all(shown)
    for text in shown:
        assert "{" not in text and "features" not in text and "'" not in text, text
    assert any("context: " in t for t in shown)
