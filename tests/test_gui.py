"""The desktop app, driven offscreen with pytest-qt: keyboard flow, export, save and resume."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from corpusfix.core.session import State
from corpusfix.gui.actions import ACTIONS
from corpusfix.gui.document_tab import DocumentTab
from corpusfix.gui.main_window import MainWindow
from tests.conftest import SAMPLE, paragraphs
from tests.outputs import snapshot


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.reviewer = "editor"
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    monkeypatch.setattr(w, "ask_save", lambda n: QMessageBox.StandardButton.Discard)
    return w


def open_article(qtbot, window: MainWindow, path: Path) -> DocumentTab:  # type: ignore[no-untyped-def]
    (tab,) = window.open_paths([path])
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        pass
    return tab


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type text as key events carrying the characters (what an input method delivers)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def press(qtbot, window: MainWindow, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, key, mods)


def copy_sample(tmp_path: Path) -> Path:
    dst = tmp_path / "article.txt"
    shutil.copy(SAMPLE, dst)
    return dst


def test_every_action_has_a_shortcut_listed_in_the_shortcuts_window(window: MainWindow) -> None:
    ids = [a.id for a in ACTIONS]
    assert len(ids) == len(set(ids))
    shortcuts = [window.actions_by_id[i].shortcut().toString() for i in ids]
    assert all(shortcuts) and len(shortcuts) == len(set(shortcuts))
    dialog = window.show_shortcuts()
    assert dialog.table.rowCount() == len(ACTIONS)
    # (the third column names the menu in the UI language; the action's id is its data)
    listed = {
        dialog.table.item(r, 2).data(Qt.ItemDataRole.UserRole)
        for r in range(dialog.table.rowCount())
    }
    assert listed == set(ids)


def test_keyboard_only_review(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = open_article(qtbot, window, copy_sample(tmp_path))
    session = tab.session
    assert session is not None and len(session.suggestions) >= 8
    first = tab.current
    assert first is not None and first.start == min(s.start for s in session.suggestions)
    press(qtbot, window, Qt.Key.Key_F8)
    assert tab.current is not None and tab.current.start > first.start
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert tab.current == first
    # Accept (Ctrl+Return): decided, and the next undecided finding is selected.
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert session.state(first.id) is State.ACCEPTED and tab.current != first
    second = tab.current
    assert second is not None
    press(qtbot, window, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert session.state(second.id) in (State.REJECTED, State.FLAGGED)
    # Undo / redo (Ctrl+Z, Ctrl+Shift+Z) through the engine's session.
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.state(second.id) in (State.PENDING, State.FLAGGED)
    press(
        qtbot,
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert session.state(second.id) in (State.REJECTED, State.FLAGGED)
    # Edit with one's own text: Ctrl+Shift+Return focuses the edit box, Return applies it.
    punct = next(s for s in session.suggestions if s.kind == "punctuation")
    tab.select(punct)
    press(
        qtbot,
        window,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.focusWidget() is tab.detail.edit
    tab.detail.edit.setText("；")
    qtbot.keyClick(tab.detail.edit, Qt.Key.Key_Return)
    assert session.state(punct.id) is State.EDITED and session.decisions[punct.id].text == "；"
    assert session.decisions[punct.id].by == "editor"
    # Accept all of this kind (Ctrl+Alt+Return) is one undo step.
    merge = next(
        s for s in session.suggestions if s.kind == "merge" and session.state(s.id) is State.PENDING
    )
    tab.select(merge)
    press(
        qtbot,
        window,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    merges = [s for s in session.suggestions if s.kind == "merge"]
    assert all(session.state(s.id) is State.ACCEPTED for s in merges)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert any(session.state(s.id) is State.PENDING for s in merges)
    # Ignore all like this (Ctrl+I) and the filter box (Ctrl+L; Ctrl+F finds in the text).
    ws = next(s for s in session.suggestions if s.kind == "whitespace")
    tab.select(ws)
    press(qtbot, window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert session.state(ws.id) is State.REJECTED
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.filter_box, "duplicate")
    assert "1 of" in tab.shown_label.text()
    assert {s.kind for s in tab.visible_findings()} == {"duplicate"}
    # Return in the findings list accepts; Delete rejects.
    tab.filter_box.clear()
    tab.tree.setFocus()
    pending = [s for s in session.suggestions if session.state(s.id) is State.PENDING]
    tab.select(pending[0])
    qtbot.keyClick(tab.tree, Qt.Key.Key_Return)
    assert session.state(pending[0].id) is State.ACCEPTED


def test_export_equals_fix_accept_all_and_verifies(
    qtbot, window: MainWindow, tmp_path: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    article = copy_sample(tmp_path)
    tab = open_article(qtbot, window, article)
    assert tab.session is not None
    tab.session.accept_all()
    dialog = window.export_dialog()
    assert dialog is not None
    gui_out = tmp_path / "gui"
    gui_out.mkdir()
    dialog.clean_path.setText(str(gui_out / "article.txt"))
    dialog.log_path.setText(str(gui_out / "article.txt.changelog.jsonl"))
    dialog.report_path.setText(str(gui_out / "article.report.html"))
    dialog.export()
    assert dialog.exported is not None
    cli_out = tmp_path / "cli"
    assert (
        cli(
            "fix",
            article,
            "-o",
            cli_out / "article.txt",
            "--accept",
            "all",
            "--min-confidence",
            "0",
        ).code
        == 0
    )
    gui_snap, cli_snap = snapshot(gui_out), snapshot(cli_out)
    for rows in list(gui_snap.values()) + list(cli_snap.values()):
        if isinstance(rows, list):
            for r in rows:
                r.pop("by", None)
    assert gui_snap == cli_snap
    log = gui_out / "article.txt.changelog.jsonl"
    assert cli("verify", article, gui_out / "article.txt", log).code == 0
    again = tmp_path / "again.txt"
    assert cli("apply", article, log, "-o", again).code == 0
    assert again.read_bytes() == (gui_out / "article.txt").read_bytes()


def test_review_is_saved_and_restored(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = copy_sample(tmp_path)
    tab = open_article(qtbot, window, article)
    assert tab.session is not None
    first = tab.session.suggestions[0]
    tab.select(first)
    tab.accept_current()
    asked = []
    window.ask_save = lambda n: asked.append(n) or QMessageBox.StandardButton.Save  # type: ignore[method-assign]
    assert window.close_tab(window.tabs.indexOf(tab))
    assert asked == [1]
    assert (tmp_path / "article.txt.corpusfix.json").is_file()
    again = open_article(qtbot, window, article)
    assert again.session is not None and again.session.state(first.id) is State.ACCEPTED
    assert "restored" in again.info.text()


def test_reopen_with_encoding_and_recent_files(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "gbk.txt"
    article.write_bytes(SAMPLE.read_text("utf-8").encode("gb18030"))
    tab = open_article(qtbot, window, article)
    assert "gb18030" in tab.info.text()
    reopened = window.reopen_tab(tab, "big5")
    with qtbot.waitSignal(reopened.failed, timeout=20000) as blocker:
        pass
    assert "not valid big5" in blocker.args[0]
    assert str(article) in window.recent_files()


def test_chinese_translation_loads(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QLocale

    from corpusfix.gui.app import install_translations

    loaded = install_translations(qapp, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        assert loaded, "resources/i18n/corpusfix_zh_CN.qm did not load"
        assert QCoreApplication.translate("actions", "&Next Finding") != "&Next Finding"
    finally:
        for t in loaded:
            qapp.removeTranslator(t)


def test_reference_flow(qtbot, window: MainWindow, tmp_path: Path, reference: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The whole flow on the reference article, keyboard only: F8 through the findings, accept
    the 11 joins and the deletion, fix the three typos (one accepted, one by picking a candidate,
    one by free edit), undo and redo, export; the export is the gold text and verifies."""
    raw = (reference / "raw.txt").read_text("utf-8")
    article = tmp_path / "raw.txt"  # a copy: a review saved beside ../shared must not count
    shutil.copy(reference / "raw.txt", article)
    tab = open_article(qtbot, window, article)
    session = tab.session
    assert session is not None
    how: dict[str, str] = {}
    last = None
    for _ in range(60):
        s = tab.current
        if s is None or session.state(s.id) is not State.PENDING:
            break
        last = s if s.kind != "truncation" else last
        if s.kind in ("merge", "duplicate"):
            press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        elif s.kind == "typo" and raw[s.start : s.end] == "庄":
            press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            how["庄"] = "accepted"
        elif s.kind == "typo" and raw[s.start : s.end] == "具":
            press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # candidates
            assert tab.detail.candidates.currentItem().text().startswith("县")
            assert tab.detail.candidates.hasFocus()
            qtbot.keyClick(tab.detail.candidates, Qt.Key.Key_Return)
            how["具"] = "candidate"
        elif s.kind == "typo" and s.start == s.end:  # 贯彻落|会议: a dropped character
            press(qtbot, window, Qt.Key.Key_Return, mods=CTRL_SHIFT)  # focus the edit box
            assert tab.detail.edit.hasFocus()
            tab.detail.edit.clear()
            type_text(tab.detail.edit, "实")  # QTest.keyClicks only types ASCII
            qtbot.keyClick(tab.detail.edit, Qt.Key.Key_Return)
            how["落"] = "edited"
        else:
            press(qtbot, window, Qt.Key.Key_F8)
    assert how == {"庄": "accepted", "具": "candidate", "落": "edited"}
    applied = [s for s in session.suggestions if session.state(s.id) is State.ACCEPTED]
    assert sorted(s.kind for s in applied) == ["duplicate"] + ["merge"] * 11 + ["typo"] * 2
    (edited,) = [s for s in session.suggestions if session.state(s.id) is State.EDITED]
    assert (edited.kind, session.decisions[edited.id].text) == ("typo", "实")
    # Undo the last decision, then redo it.
    assert last is not None and session.state(last.id) in (State.ACCEPTED, State.EDITED)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.state(last.id) is State.PENDING
    press(qtbot, window, Qt.Key.Key_Z, mods=CTRL_SHIFT)
    assert session.state(last.id) is State.ACCEPTED
    dialog = window.export_dialog()
    assert dialog is not None
    out = tmp_path / "out.txt"
    dialog.clean_path.setText(str(out))
    dialog.log_path.setText(str(tmp_path / "out.log.jsonl"))
    dialog.write_report.setChecked(False)
    dialog.export()
    assert cli("verify", article, out, tmp_path / "out.log.jsonl").code == 0
    assert paragraphs(out.read_text("utf-8")) == paragraphs(
        (reference / "clean.txt").read_text("utf-8")
    )
    log = (tmp_path / "out.log.jsonl").read_text("utf-8").splitlines()
    typo_log = [r for r in map(json.loads, log[1:]) if r.get("kind") == "typo"]
    assert sorted((r["before"], r["after"], r["decision"]) for r in typo_log) == [
        ("", "实", "edited"),
        ("具", "县", "accepted"),
        ("庄", "压", "accepted"),
    ]


def test_export_dialog_and_list_export_show_why_a_path_is_refused(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The engine's output check, in the app: nothing written, the one-line reason shown."""
    from corpusfix import config

    article = copy_sample(tmp_path)
    tab = open_article(qtbot, window, article)
    assert tab.session is not None
    dialog = window.export_dialog()
    assert dialog is not None
    out = tmp_path / "out.txt"
    dialog.write_report.setChecked(False)
    for clean, log in ((out, out), (article, tmp_path / "log.jsonl")):
        dialog.clean_path.setText(str(clean))
        dialog.log_path.setText(str(log))
        files = sorted(tmp_path.rglob("*"))
        dialog.export()
        assert dialog.exported is None and dialog.isVisible()
        assert dialog.error.text() and "\n" not in dialog.error.text()
        assert sorted(tmp_path.rglob("*")) == files
    assert article.read_bytes() == SAMPLE.read_bytes()
    dialog.reject()
    config.add_to_user_wordlist("沙尔沁")
    own = config.user_wordlist_path()
    kept = own.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    assert window._export_list("words", str(own)) is None
    assert len(shown) == 1 and "never modifies its input" in shown[0]
    assert own.read_bytes() == kept


def test_screenshots_render_chinese(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """CI produces the README's screenshots; Chinese needs a CJK font (fonts-wqy-microhei)."""
    import importlib.util

    from PySide6.QtGui import QFontDatabase, QImage

    cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert cjk, (
        "no CJK font installed: Chinese would render as boxes (apt-get install fonts-wqy-microhei)"
    )
    spec = importlib.util.spec_from_file_location(
        "screenshots", Path(__file__).parents[1] / "scripts" / "screenshots.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shots = module.take(tmp_path)
    assert [p.name for p in shots] == ["main-window.png", "diff-view.png", "export-dialog.png"]
    for p in shots:
        img = QImage(str(p))
        assert img.width() >= 600 and img.height() >= 200


def test_big_article_shows_fast_findings_first_and_keeps_decisions(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """≥100k characters: the fast findings come first (typo check in a child process); a
    decision taken meanwhile survives when the typo findings arrive."""
    filler = "\n\n".join(
        f"第{i}次工作会议于本月{i % 28 + 1}日召开，与会代表围绕第{i}项议题交流了意见。"
        for i in range(3000)
    )
    big = tmp_path / "big.txt"
    big.write_text(SAMPLE.read_text("utf-8") + "\n\n" + filler + "\n", "utf-8")
    (tab,) = window.open_paths([big])
    with qtbot.waitSignal(tab.previewed, timeout=20000):
        pass
    assert tab.session is not None
    assert not any(s.kind == "typo" for s in tab.session.suggestions)
    first = tab.session.pending()[0]
    tab.select(first)
    tab.reject_current()
    with qtbot.waitSignal(tab.loaded, timeout=60000):
        pass
    session = tab.session
    typo = [s for s in session.suggestions if s.kind == "typo"]
    assert [session.doc.text[s.start : s.end] for s in typo] == ["庄"]
    same = [
        s
        for s in session.suggestions
        if (s.kind, s.start, s.end) == (first.kind, first.start, first.end)
    ]
    assert len(same) == 1 and session.state(same[0].id) is State.REJECTED
    # ids are those of a one-pass analysis (what `corpusfix fix` logs)
    from corpusfix.api import suggest

    assert [s.id for s in suggest(session.doc, tab.settings)] == [s.id for s in session.suggestions]


def test_without_the_language_model_the_app_still_shows_the_other_findings(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import sys

    from corpusfix.detectors.typos import tables

    messages: list[str] = []
    monkeypatch.setitem(sys.modules, "kenlm", None)  # import kenlm now raises ImportError
    tables.language_model.cache_clear()
    try:
        (tab,) = window.open_paths([copy_sample(tmp_path)])
        tab.status.connect(messages.append)
        with qtbot.waitSignal(tab.loaded, timeout=20000):
            pass
        kinds = {s.kind for s in tab.session.suggestions}
        assert "merge" in kinds and "typo" not in kinds
        assert any("kenlm" in m and "these checks are off" in m for m in messages)
    finally:
        tables.language_model.cache_clear()
