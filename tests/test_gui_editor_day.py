"""A copy editor's day in the app (helper editor): what hurt when the app was used with the
keyboard on a real X server, each pinned by a test. pytest-qt, offscreen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from corpusfix.config import add_to_user_wordlist, load_user_wordlist
from corpusfix.gui.document_tab import DocumentTab
from corpusfix.gui.main_window import MainWindow
from tests.conftest import SAMPLE

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.reviewer = "editor"
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # shortcuts need it
    monkeypatch.setattr(w, "ask_save", lambda n: QMessageBox.StandardButton.Discard)
    return w


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


# ----- Ctrl+Shift+W, then Ctrl+Z: the word came off the list with the decision -----
def test_add_to_word_list_is_undone_and_redone_with_its_decision(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, reference: Path
) -> None:
    tab = _open(qtbot, window, _copy(reference / "raw.txt", tmp_path))
    assert tab.session is not None
    by_site = {str(s.evidence.get("site")): s for s in tab.session.suggestions if s.kind == "typo"}
    word = by_site["变庄器"]
    tab.select(word)
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL | SHIFT)
    assert load_user_wordlist() == {"变庄器"}
    assert tab.session.state(word.id).value == "rejected"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert tab.session.state(word.id).value == "pending"
    # (it stayed on the list: the next start never flagged 变庄器 again)
    assert load_user_wordlist() == set()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert load_user_wordlist() == {"变庄器"}
    assert tab.session.state(word.id).value == "rejected"


def test_undo_keeps_a_word_that_was_on_the_list_before(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, reference: Path
) -> None:
    tab = _open(qtbot, window, _copy(reference / "raw.txt", tmp_path))
    assert tab.session is not None
    by_site = {str(s.evidence.get("site")): s for s in tab.session.suggestions if s.kind == "typo"}
    tab.select(by_site["变庄器"])
    add_to_user_wordlist("变庄器")  # the editor's colleague put it there meanwhile
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL | SHIFT)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert load_user_wordlist() == {"变庄器"}


# ----- opening several files: the ones that could not be opened are still said -----
def test_files_that_cannot_be_opened_are_still_named_after_the_others_load(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 16)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = _copy(SAMPLE, tmp_path)
    tabs = window.open_paths([binary, empty, good])
    loaded: list[bool] = []
    tabs[2].loaded.connect(lambda: loaded.append(True))
    qtbot.waitUntil(lambda: bool(loaded) and window.tabs.count() == 1, timeout=60000)
    QApplication.processEvents()
    shown = window.statusBar().currentMessage()
    # (the good article's load cleared the status bar: both files vanished without a word)
    assert "photo.txt" in shown and "empty.txt" in shown, shown
    assert "photo.txt" in window.last_error and "empty.txt" in window.last_error


# ----- the findings list: what is decided shows at any width -----
def test_a_decided_rows_state_is_not_cut_off_in_the_findings_list(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    assert tab.session is not None
    merge = next(s for s in tab.session.suggestions if s.kind == "merge")
    tab.select(merge)
    assert tab.accept_current()
    qtbot.wait(50)
    index = tab.proxy.mapFromSource(tab.model.items[merge.id].index())
    label = str(index.data())
    assert "[accepted]" in label
    width = tab.tree.visualRect(index).width()
    fm = tab.tree.fontMetrics()
    assert fm.horizontalAdvance(label) > width, "the row fits: the test proves nothing"
    # what the tree draws: its elide mode over the row's width
    drawn = fm.elidedText(label, tab.tree.textElideMode(), width)
    assert "[accepted]" in drawn, drawn


# ----- a zero-width character: visible in the list and in the article -----
def _zero_width(tab: DocumentTab):  # type: ignore[no-untyped-def]
    assert tab.session is not None
    text = tab.session.doc.text
    return next(
        s
        for s in tab.session.suggestions
        if s.kind == "whitespace" and text[s.start : s.end] == "\u200b"
    )


def test_a_zero_width_finding_is_named_in_the_findings_list(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    s = _zero_width(tab)
    label = tab.model.items[s.id].text()
    assert "U+200B" in label, label  # it read "L53   → ∅": nothing to tell what goes


def test_the_current_zero_width_finding_is_marked_where_it_can_be_seen(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    s = _zero_width(tab)
    tab.select(s)
    qtbot.wait(50)
    marks = tab.article.extraSelections()
    assert marks
    current = marks[-1].cursor.selectedText()  # the current finding's mark is painted last
    assert "\u200b" in current
    # a mark over the zero-width character alone has no width: nothing on screen
    assert current.strip("\u200b"), "the mark covers only the zero-width character"


# ----- the replace bar: Tab goes from what to find to what to put instead -----
def test_tab_in_the_find_box_goes_to_the_replace_box(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    tab = _open(qtbot, window, _copy(SAMPLE, tmp_path))
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    bar = tab.find_bar
    qtbot.waitUntil(lambda: bar.find_box.hasFocus())
    bar.find_box.setText("新区")
    qtbot.keyClick(bar.find_box, Qt.Key.Key_Tab)
    assert bar.replace_box.hasFocus(), QApplication.focusWidget()


# ----- `corpusfix article.txt` opens the app on it, as `corpusfix gui article.txt` does -----
def test_corpusfix_with_just_a_file_opens_the_app_on_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from corpusfix.cli import main as cli_main

    opened: list[list[str]] = []
    monkeypatch.setattr(cli_main, "_gui", lambda files, self_test=False: opened.append(files) or 0)
    article = _copy(SAMPLE, tmp_path)
    # (it was "argument COMMAND: invalid choice: 'article.txt'", exit 2)
    assert cli_main.main([str(article)]) == 0, capsys.readouterr().err
    assert opened == [[str(article)]]
    assert cli_main.main([str(article), str(article)]) == 0
    assert opened[-1] == [str(article), str(article)]
    # a command still wins, and a word that is neither a command nor a file is still an error
    monkeypatch.chdir(tmp_path)
    _copy(SAMPLE, tmp_path, "check")
    assert cli_main.main(["check", str(article)]) == 1  # findings: exit 1, not the app
    assert cli_main.main(["chek"]) == 2
    assert len(opened) == 2


def test_an_open_error_names_the_file_once(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    window.open_paths([empty])
    qtbot.waitUntil(lambda: bool(window.last_error), timeout=20000)
    # (it read "Could not open empty.txt: empty.txt: file is empty")
    assert window.last_error.count("empty.txt") == 1, window.last_error


# ----- the restore question says when in the editor's own time, not in UTC ISO -----
def test_the_restore_question_gives_the_time_in_local_time() -> None:
    from PySide6.QtCore import QDateTime

    from corpusfix.gui.main_window import local_time

    shown = local_time("2026-12-02T07:49:12Z")
    # (it read "the last at 2026-12-02T07:49:12Z": UTC, 8 hours off in Beijing)
    assert "T07:49:12Z" not in shown
    moment = QDateTime.fromString("2026-12-02T07:49:12Z", Qt.DateFormat.ISODate).toLocalTime()
    assert f"{moment.time().minute():02d}" in shown
    assert local_time("") == "?" and local_time("garbled") == "garbled"


def test_unreadable_bytes_stay_the_usual_replacement_mark_in_the_list(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    text = SAMPLE.read_text("utf-8")
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(
        text[:1200].encode("utf-8") + text[1200:1500].encode("gb18030") + text[1500:].encode()
    )
    tab = _open(qtbot, window, mixed)
    assert tab.session is not None
    raw = tab.session.doc.text
    found = [s for s in tab.session.suggestions if s.kind == "encoding"]
    assert any(any("\udc80" <= ch <= "\udcff" for ch in raw[s.start : s.end]) for s in found)
    labels = [tab.model.items[s.id].text() for s in found]
    assert not any("⟨U+D" in label for label in labels), labels


# ----- a typed edit's reason in the Chinese QA review and detail pane -----
def test_a_manual_edits_reason_is_chinese_in_the_chinese_ui() -> None:
    from corpusfix.core import manual
    from corpusfix.core.messages import render_text

    # (the QA review's 原因 column read "edited by hand" in the Chinese UI)
    shown = render_text(manual.MESSAGE, "zh")
    assert shown != manual.MESSAGE and not any("a" <= ch <= "z" for ch in shown), shown
    assert render_text(manual.MESSAGE, "en") == manual.MESSAGE


# ----- the user guide (F1) goes with the main window, and Esc closes it -----
GUIDE_THEN_QUIT = """
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from corpusfix.gui.main_window import MainWindow
app = QApplication(sys.argv[:1])
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
window.show_guide()
QTimer.singleShot(200, window.close)  # Ctrl+Q with the guide still open
QTimer.singleShot(10000, lambda: sys.exit(3))  # still running: the guide kept the app alive
sys.exit(app.exec())
"""


def test_quitting_with_the_guide_open_ends_the_app(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["CORPUSFIX_CONFIG_DIR"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, "-c", GUIDE_THEN_QUIT, str(tmp_path / "settings.ini")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    # (the main window closed, the guide stayed, and the process ran on without it)
    assert done.returncode == 0, done.stderr[-2000:]


def test_escape_closes_the_guide(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    viewer = window.show_guide()
    qtbot.waitExposed(viewer)
    viewer.activateWindow()  # the guide opens in front, as the window the keys go to
    qtbot.waitUntil(lambda: QApplication.activeWindow() is viewer)
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()
