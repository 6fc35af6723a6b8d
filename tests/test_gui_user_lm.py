"""The app's archive model: ``archive.charlm`` in the config folder is its ``--lm MODEL``.

Exporting gives what ``fix --lm`` gives (same clean text, same records, the model named in the
header), and without the file the app runs on the shipped models alone.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from corpusfix.config import user_model_path
from corpusfix.gui.main_window import MainWindow
from corpusfix.lm.build import build_model
from tests import test_gui
from tests.outputs import snapshot
from tests.test_gui import copy_sample, open_article
from tests.test_user_lm import SLIP_LINE

window = test_gui.window  # the app's fixture, with a config folder of the test's own


def _export(qtbot, app: MainWindow, article: Path, out: Path) -> Path:  # type: ignore[no-untyped-def]
    tab = open_article(qtbot, app, article)
    assert tab.session is not None
    tab.session.accept_all()
    dialog = app.export_dialog()
    assert dialog is not None
    out.mkdir()
    dialog.clean_path.setText(str(out / "article.txt"))
    dialog.log_path.setText(str(out / "article.txt.changelog.jsonl"))
    dialog.write_report.setChecked(False)
    dialog.export()
    assert dialog.exported is not None
    return out / "article.txt.changelog.jsonl"


def _header(log: Path) -> dict[str, str]:
    header: dict[str, str] = json.loads(log.read_text("utf-8").splitlines()[0])
    return header


def test_the_app_uses_the_config_folders_model_as_fix_lm_does(
    qtbot, window: MainWindow, tmp_path: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    model = user_model_path()
    model.parent.mkdir(parents=True, exist_ok=True)
    model.write_bytes(build_model([SLIP_LINE] * 50, order=5))
    article = copy_sample(tmp_path)
    log = _export(qtbot, window, article, tmp_path / "gui")
    assert _header(log)["user_lm_sha256"] == hashlib.sha256(model.read_bytes()).hexdigest()
    r = cli(
        "fix", article, "-o", tmp_path / "cli" / "article.txt", "--accept", "all", "--lm", model
    )
    assert r.code == 0, r.err
    assert snapshot(tmp_path / "gui") == snapshot(tmp_path / "cli")


def test_without_the_file_the_app_names_no_model(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not user_model_path().exists()
    log = _export(qtbot, window, copy_sample(tmp_path), tmp_path / "gui")
    assert "user_lm_sha256" not in _header(log)
