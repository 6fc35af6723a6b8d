"""Issue 17: editing in the article (typing, Backspace, find/replace), undo/redo of it, and the
article showing every decision in place (defect 6) with a one-key clean preview (F9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from corpusfix.core.changelog import read_changelog
from corpusfix.core.session import State
from corpusfix.gui.document_tab import DocumentTab
from corpusfix.gui.main_window import MainWindow
from tests.conftest import SAMPLE

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TEXT = (
    "特高压变庄器装备是本市的重点产业。\n\n"
    "要深入贯彻落会议精神，推动强县工作。\n\n"
    "今年变庄器产量再创新高，质量更好。\n"
)


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


def open_text(qtbot, window: MainWindow, path: Path, text: str = TEXT) -> DocumentTab:  # type: ignore[no-untyped-def]
    path.write_text(text, "utf-8")
    (tab,) = window.open_paths([path])
    with qtbot.waitSignal(tab.loaded, timeout=30000):
        pass
    return tab


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key events carrying the characters (what an input method delivers)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def select_in_article(tab: DocumentTab, start: int, end: int) -> None:
    """Put the article's caret (and selection) on original offsets, as a mouse drag would."""
    red = tab.article.positions
    cursor = tab.article.textCursor()
    cursor.setPosition(red.to_qt(start))
    cursor.setPosition(red.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    tab.article.setTextCursor(cursor)
    tab.article.setFocus()


def shown(tab: DocumentTab) -> str:
    return tab.article.toPlainText()


def test_typing_over_a_word_in_the_article_is_one_manual_record(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = open_text(qtbot, window, tmp_path / "a.txt")
    session = tab.session
    first = TEXT.index("庄")
    typo = next((s for s in session.suggestions if s.start == first), None)
    select_in_article(tab, first, first + 1)
    type_text(tab.article, "压")
    (m,) = session.manual_edits()
    assert (m.start, m.end, m.replacement, session.decisions[m.id].by) == (
        first,
        first + 1,
        "压",
        "editor",
    )
    if typo is not None:  # the tool's own finding there is superseded by the person's text
        assert session.state(typo.id) is State.REJECTED
    assert session.clean_text() == TEXT.replace("庄", "压", 1)
    # on screen: the original struck, the new text right after it, the caret after that
    assert shown(tab) == tab.article.positions.display.replace("\r\n", "\n")
    assert shown(tab).startswith("特高压变庄压器")
    assert tab.article.textCursor().position() == tab.article.positions.to_qt(first + 1)
    # typing on at the caret extends the same place: still one record
    type_text(tab.article, "压")
    assert [x.replacement for x in session.manual_edits()] == ["压压"]
    qtbot.keyClick(tab.article, Qt.Key.Key_Backspace)
    assert [x.replacement for x in session.manual_edits()] == ["压"]
    # Ctrl+Z with the keyboard in the article undoes the edit (the window's undo, not Qt's)
    qtbot.keyClick(tab.article, Qt.Key.Key_Z, CTRL)
    assert [x.replacement for x in session.manual_edits()] == ["压压"]
    qtbot.keyClick(tab.article, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(tab.article, Qt.Key.Key_Z, CTRL)
    assert session.manual_edits() == [] and session.clean_text() == TEXT
    assert shown(tab) == TEXT
    tab.select(tab.visible_findings()[-1])  # the list elsewhere: redo shows the edit's place
    qtbot.keyClick(tab.article, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [x.replacement for x in session.manual_edits()] == ["压"]
    assert shown(tab) == tab.article.positions.display
    assert tab.article.textCursor().position() == tab.article.positions.to_qt(first)


def test_backspace_delete_return_and_paste_in_the_article(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = open_text(qtbot, window, tmp_path / "a.txt")
    session = tab.session
    at = TEXT.index("重点")
    select_in_article(tab, at, at)
    qtbot.keyClick(tab.article, Qt.Key.Key_Backspace)  # deletes 的
    qtbot.keyClick(tab.article, Qt.Key.Key_Delete)  # deletes 重
    assert session.clean_text() == TEXT.replace("的重点", "点", 1)
    assert len(session.manual_edits()) == 1  # one place, one record
    end = TEXT.index("。")
    select_in_article(tab, end + 1, end + 1)
    qtbot.keyClick(tab.article, Qt.Key.Key_Return)
    QApplication.clipboard().setText("粘贴")
    qtbot.keyClick(tab.article, Qt.Key.Key_V, CTRL)
    assert "。\n粘贴\n\n要深入" in session.clean_text()
    assert shown(tab) == tab.article.positions.display


def test_window_shortcuts_still_work_from_the_article(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """An editable text keeps Ctrl+Backspace (delete a word) and Ctrl+Return for itself; here
    they stay the window's: reject and accept the current finding."""
    tab = open_text(qtbot, window, tmp_path / "a.txt")
    session = tab.session
    target = tab.current
    assert target is not None
    tab.article.setFocus()
    before = shown(tab)
    qtbot.keyClick(tab.article, Qt.Key.Key_Backspace, CTRL)
    assert session.state(target.id) in (State.REJECTED, State.FLAGGED)
    assert session.manual_edits() == []
    assert shown(tab) == before


def test_find_is_ctrl_f_and_the_filter_ctrl_l(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = open_text(qtbot, window, tmp_path / "a.txt")
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert tab.find_bar.isVisible() and tab.find_bar.find_box.hasFocus()
    assert not tab.find_bar.replace_box.isVisible()
    type_text(tab.find_bar.find_box, "变庄器")
    qtbot.keyClick(tab.find_bar.find_box, Qt.Key.Key_Return)
    seen = []
    for _ in range(3):  # two places, then round again
        cursor = tab.article.textCursor()
        assert cursor.selectedText() == "变庄器"
        seen.append(cursor.selectionStart())
        qtbot.keyClick(tab.find_bar.find_box, Qt.Key.Key_Return)
    assert len(set(seen)) == 2 and seen[2] == seen[0]
    expected = {tab.article.positions.to_qt(i) for i in (3, TEXT.index("变庄器", 4))}
    assert set(seen) == expected
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert tab.filter_box.hasFocus()
    names = {a.shortcut().toString(): key for key, a in window.actions_by_id.items()}
    assert names["Ctrl+F"] == "edit.find" and names["Ctrl+L"] == "view.filter"
    assert names["Ctrl+H"] == "edit.replace" and names["F9"] == "view.preview"


def test_replace_one_and_all_make_manual_records_that_export_and_verify(
    qtbot, window: MainWindow, tmp_path: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    tab = open_text(qtbot, window, tmp_path / "a.txt")
    session = tab.session
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    bar = tab.find_bar
    assert bar.replace_box.isVisible()
    type_text(bar.find_box, "本市")
    type_text(bar.replace_box, "全市")
    bar.replace_button.click()  # the first click finds, the second replaces
    bar.replace_button.click()
    assert session.clean_text() == TEXT.replace("本市", "全市")
    bar.find_box.clear()
    type_text(bar.find_box, "变庄器")
    bar.replace_box.clear()
    type_text(bar.replace_box, "变压器")
    bar.replace_all_button.click()
    assert session.clean_text() == TEXT.replace("本市", "全市").replace("变庄器", "变压器")
    manual = session.manual_edits()
    assert len(manual) == 3 and {m.kind for m in manual} == {"manual"}
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # Replace All is one step
    assert len(session.manual_edits()) == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    dialog = window.export_dialog()
    out = tmp_path / "out.txt"
    log = tmp_path / "out.txt.changelog.jsonl"
    dialog.clean_path.setText(str(out))
    dialog.log_path.setText(str(log))
    dialog.write_report.setChecked(False)
    dialog.export()
    records = [r for r in read_changelog(log).records if r.kind == "manual"]
    assert len(records) == 3 and {(r.decision, r.detector, r.by) for r in records} == {
        ("edited", "manual", "editor")
    }
    assert cli("verify", tmp_path / "a.txt", out, log).code == 0
    assert out.read_text("utf-8") == session.clean_text()
    # QA review lists them as changes like any other, and can revert one
    from corpusfix.gui.review_window import ReviewWindow
    from corpusfix.qa.review import open_review

    review = ReviewWindow(open_review(out), reviewer="qa")
    qtbot.addWidget(review)
    rows = [
        [review.changes.item(r, c).text() for c in range(3)]
        for r in range(review.changes.rowCount())
    ]
    assert sorted(row[0] for row in rows if row[1:] == ["manual", "manual"]) == sorted(
        r.id for r in records
    )


def marks_at(tab: DocumentTab, a: int, b: int) -> list[QTextCharFormat]:
    return [
        QTextCharFormat(sel.format)  # a copy: the selections returned are temporaries
        for sel in tab.article.extraSelections()
        if sel.cursor.selectionStart() == a and sel.cursor.selectionEnd() == b
    ]


def test_the_article_shows_each_decision_in_its_own_look(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "sample.txt"
    shutil.copy(SAMPLE, article)
    (tab,) = window.open_paths([article])
    with qtbot.waitSignal(tab.loaded, timeout=30000):
        pass
    session = tab.session
    text = session.doc.text
    replace = [
        s for s in session.suggestions if not s.flag_only and s.start < s.end and s.replacement
    ]
    accepted, rejected = replace[0], replace[1]
    pending = next(s for s in replace[2:] if s.start > rejected.end)
    flagged = next((s for s in session.suggestions if s.flag_only), None)
    tab.select(accepted)
    tab.accept_current()
    tab.select(rejected)
    tab.reject_current()
    tab.select(pending)
    red = tab.article.positions
    # the accepted change: its original struck, its new text inserted right after it
    placed = red.by_id[accepted.id]
    tab.article.show_finding(accepted)  # on screen (only what is on screen is marked)
    a, b = placed.struck
    i0, i1 = placed.inserted
    screen = shown(tab)
    assert screen[a:b] == text[accepted.start : accepted.end].replace("\r\n", "\n")
    assert screen[i0:i1] == accepted.replacement
    assert any(f.fontStrikeOut() for f in marks_at(tab, a, b))
    assert any(f.fontUnderline() and not f.fontStrikeOut() for f in marks_at(tab, i0, i1))
    # the rejected one: only dotted; the pending one: its kind's colour, nothing struck
    r0, r1 = red.span_qt(rejected.id, rejected.start, rejected.end)
    tab.article.show_finding(rejected)
    looks = marks_at(tab, r0, r1)
    assert any(f.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine for f in looks)
    assert not any(f.fontStrikeOut() for f in looks)
    tab.select(accepted)  # the current mark is elsewhere now
    p0, p1 = red.span_qt(pending.id, pending.start, pending.end)
    tab.article.show_finding(pending)
    looks = marks_at(tab, p0, p1)
    assert looks and not any(
        f.fontStrikeOut() or f.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
        for f in looks
    )
    if flagged is not None:
        f0, f1 = red.span_qt(flagged.id, flagged.start, flagged.end)
        tab.select(flagged)  # (on screen; the current mark is drawn over it, apart)
        looks = marks_at(tab, f0, f1)
        assert any(
            f.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline for f in looks
        )
    # F9: the clean preview, and back
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert shown(tab) == session.clean_text().replace("\r\n", "\n")
    type_text(tab.article, "x")
    assert session.manual_edits() == []  # the preview is not edited, nor replaced in
    word = session.clean_text()[5:7]
    assert tab.find_text(word) and not tab.replace_one(word, "改")
    assert session.manual_edits() == []
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert shown(tab) == red.display
    # undo takes the accepted change out of the text on screen as well
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert shown(tab) == text.replace("\r\n", "\n")


def test_ctrl_wheel_still_zooms_the_editable_article(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Qt zooms a text view with Ctrl+wheel only while it is read-only (the crash of defect 1
    came after such zooms): the article, editable now, still zooms."""
    from tests.gui_driver import ctrl_wheel

    tab = open_text(qtbot, window, tmp_path / "a.txt")
    size = tab.article.font().pointSizeF()
    ctrl_wheel(tab.article.viewport(), 240)
    assert tab.article.font().pointSizeF() > size
    ctrl_wheel(tab.article.viewport(), -480)
    assert tab.article.font().pointSizeF() < size


def test_an_input_method_composing_over_a_selection_replaces_it(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A Chinese input method first shows its composition (preedit), then commits: Qt would
    delete the selection by itself at the first preedit; the commit replaces it as one edit."""
    from PySide6.QtGui import QInputMethodEvent

    tab = open_text(qtbot, window, tmp_path / "a.txt")
    first = TEXT.index("庄")
    select_in_article(tab, first, first + 1)
    QApplication.sendEvent(tab.article, QInputMethodEvent("ya", []))
    QApplication.processEvents()
    assert tab.session.manual_edits() == []
    assert shown(tab) == TEXT  # nothing deleted behind the session's back
    done = QInputMethodEvent()
    done.setCommitString("压")
    QApplication.sendEvent(tab.article, done)
    qtbot.wait(10)
    (m,) = tab.session.manual_edits()
    assert (m.start, m.end, m.replacement) == (first, first + 1, "压")
    assert shown(tab) == tab.article.positions.display


def test_text_that_qt_changes_by_itself_is_put_back(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The session is the only source of the article's text: a change that reaches the document
    some other way (a Qt path not routed to the session) is undone from the event loop."""
    tab = open_text(qtbot, window, tmp_path / "a.txt")
    cursor = tab.article.textCursor()
    cursor.setPosition(3)
    cursor.insertText("走私")
    qtbot.waitUntil(lambda: shown(tab) == TEXT, timeout=2000)
    assert tab.session.manual_edits() == []
