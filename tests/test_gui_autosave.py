"""Issue 17, "nothing is ever lost": the app is killed (SIGKILL) 2 s after three decisions and
one edit typed in the article; the next start offers them back and restores all four."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from corpusfix.core.review_state import autosave_dir, left_behind
from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[1]


def driver_env(config: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CORPUSFIX_CONFIG_DIR=str(config))
    env["XDG_CONFIG_HOME"] = str(config / "xdg")  # QSettings of the app itself
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), str(ROOT)) if p)
    return env


def driver(*args: str) -> list[str]:
    return [sys.executable, "-X", "faulthandler", "-m", "tests.gui_driver", *args]


def test_kill_after_three_decisions_and_an_edit_then_restart_restores_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "sample-article.txt"
    shutil.copy(SAMPLE, article)
    original = article.read_bytes()
    config = tmp_path / "config"
    env = driver_env(config)
    app = subprocess.Popen(
        driver("decide", str(article)), cwd=ROOT, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert app.stdout is not None
        decided = None
        deadline = time.monotonic() + 120
        for line in app.stdout:
            if line.startswith("{"):
                decided = json.loads(line)
            if line.strip() == "DECIDED" or time.monotonic() > deadline:
                break
        assert decided is not None, app.stderr.read() if app.stderr else ""
        time.sleep(2)
        app.send_signal(signal.SIGKILL)
        app.wait(30)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGKILL
    assert len(decided) == 4
    assert sorted(v[0] for v in decided.values()) == ["accepted", "edited", "edited", "rejected"]
    assert ["edited", "自改"] in decided.values()
    assert ["edited", "手改"] in decided.values()  # the edit typed in the article
    assert article.read_bytes() == original  # the input is never touched
    assert not (tmp_path / "sample-article.txt.corpusfix.json").exists()  # nothing was saved
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(config))
    (saved,) = left_behind()
    assert saved.article == article and saved.path.parent == autosave_dir()
    # the next start (no file named) reopens the article and restores every decision
    again = subprocess.run(
        driver("restore"), cwd=ROOT, env=dict(env, CORPUSFIX_AUTORESTORE="yes"),
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr[-3000:]
    restored = json.loads(again.stdout.strip().splitlines()[-1])
    assert restored == decided
    # refusing the offer forgets them for good
    no = subprocess.run(
        driver("restore"), cwd=ROOT, env=dict(env, CORPUSFIX_AUTORESTORE="no"),
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert no.returncode == 0, no.stderr[-3000:]
    assert json.loads(no.stdout.strip().splitlines()[-1]) == {}
    assert left_behind() == []


def test_the_autosave_follows_each_decision_within_two_seconds(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from corpusfix.core.review_state import read_autosave
    from corpusfix.gui.main_window import MainWindow

    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "ask_save", lambda n: QMessageBox.StandardButton.Save)
    article = tmp_path / "a.txt"
    shutil.copy(SAMPLE, article)
    (tab,) = window.open_paths([article])
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        pass
    sha = tab.session.doc.sha256
    for n in (1, 2):
        decided = tab.current
        t0 = time.monotonic()
        tab.accept_current() if not decided.flag_only else tab.reject_current()
        qtbot.waitUntil(
            lambda d=decided: (
                (s := read_autosave(article, sha)) is not None
                and s.data["decisions"].get(d.id, {}).get("at") == tab.session.decisions[d.id].at
            ),
            timeout=5000,
        )
        assert time.monotonic() - t0 < 2.0
        assert read_autosave(article, sha).decisions == n
    # a saved review needs no autosave; the next decision starts a new one
    tab.save()
    assert read_autosave(article, sha) is None
    assert window.close_tab(window.tabs.indexOf(tab))


def test_an_autosave_is_newer_than_the_saved_review(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from corpusfix.api import Settings
    from corpusfix.core.review_state import read_autosave, save_review, write_autosave
    from corpusfix.core.session import State
    from corpusfix.gui.document_tab import DocumentTab

    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    article = tmp_path / "a.txt"
    shutil.copy(SAMPLE, article)
    first = DocumentTab(article, Settings(), "editor")
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.loaded, timeout=20000):
        first.start()
    session = first.session
    s = next(x for x in session.suggestions if not x.flag_only)
    session.accept(s.id, by="editor")
    save_review(session, article)  # saved: accepted
    session.reject(s.id, by="editor")
    write_autosave(session, article, "later")  # then rejected, and the app died
    asked = []
    again = DocumentTab(article, Settings(), "editor")
    qtbot.addWidget(again)
    again.ask_restore = lambda saved: asked.append(saved.decisions) or True
    with qtbot.waitSignal(again.loaded, timeout=20000):
        again.start()
    assert asked == [1]
    assert again.session.state(s.id) is State.REJECTED
    assert again.dirty and read_autosave(article, session.doc.sha256) is not None


def test_an_autosave_of_other_text_is_not_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpusfix.api import open_document, start_session
    from corpusfix.core.review_state import discard_autosave, write_autosave

    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    article = tmp_path / "a.txt"
    shutil.copy(SAMPLE, article)
    session = start_session(open_document(article))
    session.reject(session.suggestions[0].id, by="editor")
    path = write_autosave(session, article, "now")
    assert path.parent == autosave_dir() and [a.article for a in left_behind()] == [article]
    article.write_bytes(article.read_bytes() + "\n补一段。\n".encode())  # edited since
    assert left_behind() == []
    article.unlink()
    assert left_behind() == []
    discard_autosave(article, session.doc.sha256)
    assert not path.exists()


def test_the_autosave_folder_is_fixed_when_the_tab_opens(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A timer firing later (after a test's settings are undone) still writes where it began."""
    from corpusfix.api import Settings
    from corpusfix.gui.document_tab import DocumentTab

    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "first"))
    article = tmp_path / "a.txt"
    shutil.copy(SAMPLE, article)
    tab = DocumentTab(article, Settings(), "editor")
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.start()
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "second"))
    tab.reject_current()
    qtbot.waitUntil(lambda: any((tmp_path / "first" / "autosave").glob("*.json")), timeout=5000)
    assert not (tmp_path / "second").exists()


def test_where_no_one_can_answer_the_autosave_is_kept_for_later(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from corpusfix.api import open_document, start_session
    from corpusfix.core.review_state import read_autosave, write_autosave
    from corpusfix.gui.main_window import MainWindow

    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("CORPUSFIX_AUTORESTORE", raising=False)
    article = tmp_path / "a.txt"
    shutil.copy(SAMPLE, article)
    session = start_session(open_document(article))
    session.reject(session.suggestions[0].id, by="editor")
    write_autosave(session, article, "earlier")
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "ask_save", lambda n: QMessageBox.StandardButton.Discard)
    (tab,) = window.open_paths([article])  # offscreen: no dialog to block on
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        pass
    assert not tab.session.decisions[session.suggestions[0].id].at
    tab.accept_current()
    qtbot.wait(1200)
    kept = read_autosave(article, session.doc.sha256)
    assert kept is not None and kept.saved_at == "earlier"
    assert window.close_tab(window.tabs.indexOf(tab))  # closing without saving: still kept
    assert read_autosave(article, session.doc.sha256) is not None


def test_the_autosave_is_written_off_the_gui_thread_and_restores(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Encoding and writing a big review's JSON on the GUI thread stalled the window at every
    autosave; only the snapshot is taken there now."""
    import threading

    from corpusfix.api import Settings, open_document, start_session
    from corpusfix.core import review_state
    from corpusfix.core.background_writer import shared_writer
    from corpusfix.core.review_state import read_autosave, restore_state
    from corpusfix.gui.document_tab import DocumentTab

    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    writes: list[str] = []
    real = review_state.atomic_write

    def spy(path, data, **kw):  # type: ignore[no-untyped-def]
        writes.append(threading.current_thread().name)
        real(path, data, **kw)

    monkeypatch.setattr(review_state, "atomic_write", spy)
    article = tmp_path / "a.txt"
    shutil.copy(SAMPLE, article)
    tab = DocumentTab(article, Settings(), "editor")
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.start()
    for _ in range(3):
        tab.accept_current() if not tab.current.flag_only else tab.reject_current()
    tab.autosave()  # (the timer's job, at once)
    assert shared_writer().flush(10)
    assert writes and threading.main_thread().name not in writes
    saved = read_autosave(article, tab.session.doc.sha256)
    assert saved is not None
    fresh = start_session(open_document(article))
    assert restore_state(fresh, saved.data) == len(
        [d for d in tab.session.decisions.values() if d.at]
    )
    assert fresh.decisions == tab.session.decisions
    tab.discard_autosave()
    assert read_autosave(article, tab.session.doc.sha256) is None
