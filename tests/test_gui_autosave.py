"""Issue 17, "nothing is ever lost": the app is killed (SIGKILL) 2 s after three decisions; the
next start offers them back and restores every one."""

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


def test_kill_after_three_decisions_then_restart_restores_them(
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
    assert len(decided) == 3
    assert sorted(v[0] for v in decided.values()) == ["accepted", "edited", "rejected"]
    assert ["edited", "自改"] in decided.values()
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
