"""`corpusfix lists remove` (issue 17): the engine operation behind the app's word-list manager."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpusfix import config
from tests.conftest import Result


@pytest.fixture(autouse=True)
def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path / "config"))


def test_remove_words(cli: Callable[..., Result]) -> None:
    assert cli("lists", "add", "words", "沙尔沁", "强具中", "蒙科聚").code == 0
    r = cli("lists", "remove", "words", "强具中", "蒙科聚")
    assert r.code == 0 and "2 words removed" in r.err
    assert cli("lists", "show", "words").out.split() == ["沙尔沁"]


def test_remove_confusions_by_wrong_form_or_pair(cli: Callable[..., Result]) -> None:
    cli("lists", "add", "confusions", "按装", "安装")
    cli("lists", "add", "confusions", "部署", "布署")
    assert cli("lists", "remove", "confusions", "按装").code == 0
    assert cli("lists", "show", "confusions").out == "部署\t布署\n"
    assert cli("lists", "remove", "confusions", "部署\t布署").code == 0
    assert cli("lists", "show", "confusions").out == ""


def test_remove_what_is_not_there_is_an_error_and_removes_nothing(
    cli: Callable[..., Result],
) -> None:
    cli("lists", "add", "words", "沙尔沁")
    before = config.user_wordlist_path().read_bytes()
    r = cli("lists", "remove", "words", "沙尔沁", "没有这个词")
    assert r.code == 2 and "没有这个词" in r.err and r.err.count("\n") == 1
    assert config.user_wordlist_path().read_bytes() == before
    assert cli("lists", "remove", "words").code == 2  # no ENTRY


def test_removed_word_is_flagged_again(tmp_path: Path, cli: Callable[..., Result]) -> None:
    src = tmp_path / "a.txt"
    src.write_text("厂里生产的特高压变庄器装备运往各地。\n", "utf-8")
    cli("lists", "add", "words", "变庄器")
    assert "变庄器" not in cli("check", src, "--only", "typo", "--user-lists").out
    cli("lists", "remove", "words", "变庄器")
    assert "'庄' → '压'" in cli("check", src, "--only", "typo", "--user-lists").out
