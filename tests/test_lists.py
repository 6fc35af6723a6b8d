"""The user's word list and confusion pairs: CLI management, --user-lists, the app feeding them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, Result

LINE = "厂里生产的特高压变庄器装备运往各地。\n"


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


def test_import_show_export_words(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = tmp_path / "names.txt"
    src.write_text("# newsroom names\n沙尔沁\n蒙科聚\n\n沙尔沁\n", "utf-8")
    r = cli("lists", "import", "words", src)
    assert r.code == 0 and "2 new words" in r.err
    assert cli("lists", "add", "words", "变庄器").code == 0
    assert cli("lists", "show", "words").out.split() == sorted(["沙尔沁", "变庄器", "蒙科聚"])
    out = tmp_path / "export.txt"
    assert cli("lists", "export", "words", out).code == 0
    assert out.read_text("utf-8").split() == sorted(["沙尔沁", "变庄器", "蒙科聚"])


def test_confusion_pairs(tmp_path: Path, cli: Callable[..., Result]) -> None:
    assert cli("lists", "add", "confusions", "按装", "安装").code == 0
    assert cli("lists", "show", "confusions").out == "按装\t安装\n"
    bad = tmp_path / "bad.txt"
    bad.write_text("only-one-column\n", "utf-8")
    r = cli("lists", "import", "confusions", bad)
    assert r.code == 2 and "line 1" in r.err and r.err.count("\n") == 1
    assert cli("lists", "add", "confusions", "x").code == 2


def test_user_lists_option(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = tmp_path / "a.txt"
    src.write_text(LINE + "\n新厂房按装了空调。\n", "utf-8")
    plain = cli("check", src, "--only", "typo")
    assert plain.code == 1 and "变庄器" not in plain.out and "'庄' → '压'" in plain.out
    cli("lists", "add", "words", "变庄器")
    cli("lists", "add", "confusions", "按装", "安装")
    r = cli("check", src, "--only", "typo", "--user-lists")
    assert "'庄'" not in r.out  # the word list gates it
    assert "'按装' → '安装'" in r.out  # the confusion pair is checked
    assert "'庄' → '压'" in cli("check", src, "--only", "typo").out  # only with --user-lists


def test_ignore_all_like_feeds_the_word_list(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from corpusfix.config import load_user_wordlist
    from corpusfix.gui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "ask_save", lambda n: QMessageBox.StandardButton.Discard)
    article = tmp_path / "article.txt"
    article.write_bytes(SAMPLE.read_bytes())
    (tab,) = window.open_paths([article])
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        pass
    assert tab.session is not None
    typo = next(s for s in tab.session.suggestions if s.kind == "typo")
    tab.select(typo)
    tab.ignore_all_like()
    assert "变庄器" in load_user_wordlist()  # the suspect stretch, not the one character
    exported = tmp_path / "words.txt"
    assert window._export_list("words", str(exported)) == 1
    extra = tmp_path / "more.txt"
    extra.write_text("呼和浩特\n", "utf-8")
    assert window._import_list("words", str(extra)) == 1
    assert load_user_wordlist() == {"变庄器", "呼和浩特"}
