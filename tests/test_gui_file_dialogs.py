"""Qt's own file dialog (no desktop portal: Xvfb, a bare window manager, offscreen) opens at a
size where a path and the file list's columns fit, not at its cramped default. pytest-qt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from corpusfix.gui.main_window import MainWindow

# Wide enough for the name, size, type and date columns and a long path in the name box.
MIN_SIZE = QSize(760, 480)


def _seen_dialog(action) -> tuple[QSize, str]:  # type: ignore[no-untyped-def]
    """Run ``action`` (which opens a modal file dialog); note the dialog's size, then cancel."""
    seen: list[tuple[QSize, str]] = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, close)
            return
        seen.append((dialog.size(), dialog.windowTitle()))
        dialog.reject()

    QTimer.singleShot(50, close)
    action()
    assert seen, "no file dialog was opened"
    return seen[0]


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_open_dialog_is_roomy_and_cancel_opens_nothing(window: MainWindow) -> None:
    size, title = _seen_dialog(window.open_dialog)
    assert title == "Open articles"
    assert size.width() >= MIN_SIZE.width() and size.height() >= MIN_SIZE.height(), size
    assert window.tabs.count() == 0  # cancelled: nothing opened


def test_list_import_and_export_dialogs_are_roomy(window: MainWindow) -> None:
    for action in (window.import_words, window.export_words):
        size, _ = _seen_dialog(action)
        assert size.width() >= MIN_SIZE.width() and size.height() >= MIN_SIZE.height(), size


def test_the_dialog_fits_a_small_screen(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never larger than the screen's free area (a 1024×600 netbook, say)."""
    from corpusfix.gui import file_dialogs

    monkeypatch.setattr(file_dialogs, "_available", lambda parent: QSize(700, 450))
    size, _ = _seen_dialog(window.open_dialog)
    assert size.width() <= 700 and size.height() <= 450, size


def test_a_chosen_file_comes_back(window: MainWindow, tmp_path: Path) -> None:
    from corpusfix.gui.file_dialogs import open_files

    target = tmp_path / "a.txt"
    target.write_text("x\n", encoding="utf-8")
    got: list[list[str]] = []

    tries: list[int] = []

    def choose() -> None:
        if got:  # done: no timer may linger into the next test and answer its dialog
            return
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, choose)
            return
        tries.append(1)
        if len(tries) > 40:  # never hang the suite: give up, and the assert below says so
            dialog.reject()
            return
        # what a person does: type the name into the dialog's name box, press Open
        name_box = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name_box is not None, "Qt's own dialog has its name box"
        name_box.setText(target.name)
        dialog.accept()
        QTimer.singleShot(50, choose)  # still open (the list was still loading): again

    QTimer.singleShot(50, choose)
    got.append(open_files(window, "Open", str(tmp_path), "Text (*.txt)"))
    assert got == [[str(target)]], f"{len(tries)} tries"


def _seen_folder(action) -> str:  # type: ignore[no-untyped-def]
    """Run ``action``; note the folder its file dialog opened in, then cancel."""
    seen: list[str] = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, close)
            return
        seen.append(dialog.directory().absolutePath())
        dialog.reject()

    QTimer.singleShot(50, close)
    action()
    assert seen, "no file dialog was opened"
    return seen[0]


def test_the_open_dialog_starts_where_the_last_article_was(
    window: MainWindow, tmp_path: Path
) -> None:
    """An editor opens article after article from one folder: the dialog goes back there,
    also after a restart (the recent list is in the settings), not to the working folder."""
    folder = tmp_path / "issue-0412"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("今年以来,全市经济稳中有进。\n", encoding="utf-8")
    window._remember(article)
    assert Path(_seen_folder(window.open_dialog)) == folder
    assert Path(_seen_folder(window.import_words)) == folder
    restarted = MainWindow(window.settings)
    assert Path(_seen_folder(restarted.open_dialog)) == folder
    restarted.close()
    # a folder that has gone since: the dialog opens where Qt would, not on an error
    article.unlink()
    folder.rmdir()
    assert Path(_seen_folder(window.open_dialog)) != folder
