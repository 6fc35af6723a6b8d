"""Issue 17, end to end on the real window: the reference flow driven by key events only — the
11 joins and the duplicate accepted, the three typos fixed (庄 accepted, 具 by its candidate, the
dropped 实 typed into the article through the input method), export (Ctrl+E, Return), then
`corpusfix verify` exits 0 and the clean text is the gold one. Under Xvfb with the xcb platform
(skipped where Xvfb is absent) and offscreen. The flow runs in a child process of its own:

    python -m tests.test_gui_e2e ARTICLE     (prints one JSON line: what it did)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


# ----- the test -----
def run_flow(article: Path, **env: str) -> dict[str, object]:
    full = {**os.environ, "CORPUSFIX_CONFIG_DIR": str(article.parent / "config"), **env}
    full["XDG_CONFIG_HOME"] = str(article.parent / "xdg")
    full["PYTHONPATH"] = os.pathsep.join(p for p in (full.get("PYTHONPATH"), str(ROOT)) if p)
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tests.test_gui_e2e", str(article)],
        cwd=ROOT, env=full, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-4000:]}"
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def check_outcome(reference: Path, article: Path, result: dict[str, object]) -> None:
    assert result["how"] == {"庄": "accepted", "具": "candidate", "落": "typed"}
    assert result["accepted"] == {"merge": 11, "duplicate": 1, "typo": 2}
    assert result["manual"] == [["", "实"]]  # the typed edit: an insertion, one record
    clean = article.with_name("raw.clean.txt")
    log = clean.with_name(clean.name + ".changelog.jsonl")
    verify = subprocess.run(
        [sys.executable, "-m", "corpusfix", "verify", str(article), str(clean), str(log)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert verify.returncode == 0, verify.stdout + verify.stderr
    manual = [json.loads(ln) for ln in log.read_text("utf-8").splitlines()[1:]]
    manual = [r for r in manual if r["kind"] == "manual"]
    assert [(r["decision"], r["detector"], r["after"]) for r in manual] == [
        ("edited", "manual", "实")
    ]
    gold = (reference / "clean.txt").read_text("utf-8")
    assert paragraphs(clean.read_text("utf-8")) == paragraphs(gold)


@pytest.fixture
def article(tmp_path: Path, reference: Path) -> Path:
    dst = tmp_path / "raw.txt"
    shutil.copy(reference / "raw.txt", dst)  # a copy: nothing is ever written beside ../shared
    return dst


def test_reference_flow_offscreen(article: Path, reference: Path) -> None:
    pytest.importorskip("PySide6", reason="PySide6 is not installed")
    check_outcome(reference, article, run_flow(article, QT_QPA_PLATFORM="offscreen"))


def test_reference_flow_on_the_real_window_under_xvfb(
    article: Path, reference: Path, xvfb: str
) -> None:
    check_outcome(reference, article, run_flow(article, QT_QPA_PLATFORM="xcb", DISPLAY=xvfb))


# ----- the flow, in the child process -----
def flow(article: Path) -> dict[str, object]:  # pragma: no cover (runs in the child)
    from PySide6.QtCore import QPoint, QSettings, Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from corpusfix.core.session import State
    from corpusfix.gui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    config = Path(os.environ["CORPUSFIX_CONFIG_DIR"])
    window = MainWindow(QSettings(str(config / "settings.ini"), QSettings.Format.IniFormat))
    window.reviewer = "editor"
    window.ask_save = lambda n: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.resize(1400, 860)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()  # no window manager under Xvfb: without this no shortcut works
    if not QTest.qWaitForWindowActive(window, 10000):
        raise SystemExit("the main window never became active")
    (tab,) = window.open_paths([article])
    loaded: list[bool] = []
    tab.loaded.connect(lambda: loaded.append(True))
    until(lambda: bool(loaded), "the article analysed", 180.0)
    session = tab.session
    assert session is not None
    raw = session.doc.text
    ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier

    def key(k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(QApplication.focusWidget() or window, k, mods)
        QApplication.processEvents()

    tab.tree.setFocus()
    how: dict[str, str] = {}
    for _ in range(80):
        s = tab.current
        if s is None or session.undecided() == 0:
            break
        if session.state(s.id) is not State.PENDING:
            key(Qt.Key.Key_F8)
        elif s.kind in ("merge", "duplicate"):
            key(Qt.Key.Key_Return, ctrl)
        elif s.kind == "typo" and raw[s.start : s.end] == "庄":
            key(Qt.Key.Key_Return, ctrl)
            how["庄"] = "accepted"
        elif s.kind == "typo" and raw[s.start : s.end] == "具":
            key(Qt.Key.Key_Down, alt)  # to the candidates
            QTest.keyClick(tab.detail.candidates, Qt.Key.Key_Return)
            how["具"] = "candidate"
        elif s.kind == "typo" and s.start == s.end:  # 贯彻落|会议: type 实 in the article
            view = tab.article  # the article shows the finding with the caret on it
            target = view.positions.to_qt(s.start)
            for _try in range(3):  # a loaded X server may still be laying the view out
                QTest.qWait(50)
                view.show_finding(s)
                rect = view.cursorRect()
                QTest.mouseClick(
                    view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                    QPoint(rect.center().x(), rect.center().y()),
                )  # fmt: skip
                QApplication.processEvents()
                if view.textCursor().position() == target:
                    break
            QApplication.sendEvent(view, commit("实", QInputMethodEvent))  # what an IME delivers
            QApplication.processEvents()
            how["落"] = "typed"
            tab.tree.setFocus()
            key(Qt.Key.Key_F8)
        else:
            key(Qt.Key.Key_F8)
    if QApplication.activeWindow() is not window:  # (as a click on it would)
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 10000)
    key(Qt.Key.Key_E, ctrl)  # export: the dialog's defaults, Return saves
    until(lambda: QApplication.activeModalWidget() is not None, "the export dialog (Ctrl+E)")
    dialog = QApplication.activeModalWidget()
    assert dialog is not None, "no export dialog"
    from PySide6.QtCore import QTimer

    def confirm() -> None:  # the export's confirmation (what goes where): Return is Save
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            QTest.keyClick(box, Qt.Key.Key_Return)
        else:
            QTimer.singleShot(50, confirm)

    QTimer.singleShot(50, confirm)
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    until(lambda: not dialog.isVisible(), "the export written")
    accepted: dict[str, int] = {}
    for s in session.suggestions:
        if session.state(s.id) is State.ACCEPTED:
            accepted[s.kind] = accepted.get(s.kind, 0) + 1
    manual = [[raw[m.start : m.end], m.replacement] for m in session.manual_edits()]
    app.processEvents()
    return {"how": how, "accepted": accepted, "manual": manual}


def commit(text: str, cls):  # type: ignore[no-untyped-def]  # pragma: no cover
    event = cls()
    event.setCommitString(text)
    return event


def until(done, what: str, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]  # pragma: no cover
    from PySide6.QtTest import QTest

    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for {what}")
        QTest.qWait(20)


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(flow(Path(sys.argv[1])), ensure_ascii=False), flush=True)
