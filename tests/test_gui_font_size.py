"""Issue 17: the reading font size from the View menu and Ctrl++ / Ctrl+− / Ctrl+0, on the
article, the Changes tab, the detail pane and QA review, remembered for the next start."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from corpusfix.gui.document_tab import DocumentTab
from corpusfix.gui.main_window import MainWindow
from corpusfix.gui.review_window import ReviewWindow
from corpusfix.qa.review import open_review
from tests.conftest import SAMPLE

CTRL = Qt.KeyboardModifier.ControlModifier


def sizes(tab: DocumentTab) -> set[int]:
    return {
        tab.article.font().pointSize(),
        tab.diff.browser.document().defaultFont().pointSize(),
        tab.detail.font().pointSize(),
        tab.detail.message.font().pointSize(),
    }


def start(qtbot, settings: QSettings, article: Path) -> tuple[MainWindow, DocumentTab]:  # type: ignore[no-untyped-def]
    window = MainWindow(settings)
    window.ask_save = lambda n: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    (tab,) = window.open_paths([article])
    with qtbot.waitSignal(tab.loaded, timeout=30000):
        pass
    return window, tab


def test_font_size_keys_apply_everywhere_and_are_remembered(qtbot, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "article.txt"
    shutil.copy(SAMPLE, article)
    ini = str(tmp_path / "settings.ini")
    window, tab = start(qtbot, QSettings(ini, QSettings.Format.IniFormat), article)
    (normal,) = sizes(tab)
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    assert sizes(tab) == {normal + 1}
    window.settings.sync()
    window.close()

    again, tab2 = start(qtbot, QSettings(ini, QSettings.Format.IniFormat), article)
    assert sizes(tab2) == {normal + 1}  # remembered
    out = tmp_path / "clean.txt"
    assert cli("fix", SAMPLE, "-o", out, "--accept", "all").code == 0
    review = ReviewWindow(open_review(out), "qa", QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(review)
    assert review.diff.browser.document().defaultFont().pointSize() == normal + 1
    assert review.changes.font().pointSize() == normal + 1
    qtbot.keyClick(again, Qt.Key.Key_0, CTRL)
    assert sizes(tab2) == {normal}
