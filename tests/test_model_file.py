"""The language model opens from a folder whose path KenLM cannot read (Windows, 张三)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from corpusfix.core.errors import ModelError
from corpusfix.detectors.typos import model_file
from corpusfix.detectors.typos.model_file import open_model


def _narrow_opener(path: str | bytes) -> str:
    """Stands in for kenlm.Model on Windows: a non-ASCII path cannot be opened."""
    text = path.decode("ascii") if isinstance(path, bytes) else path
    if not text.isascii():
        raise OSError(f"Cannot read model '{text}' (No such file or directory)")
    return Path(text).read_text(encoding="utf-8")


@pytest.fixture
def ascii_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "ascii-temp"
    monkeypatch.setattr(model_file.tempfile, "gettempdir", lambda: str(folder))
    return folder


def test_a_model_under_a_chinese_folder_is_opened_through_an_ascii_copy(
    tmp_path: Path, ascii_temp: Path
) -> None:
    model = tmp_path / "用户张三" / "zh_CN.lm"
    model.parent.mkdir()
    model.write_text("model v1", encoding="utf-8")
    assert open_model(model, _narrow_opener) == "model v1"
    copies = list((ascii_temp / "corpusfix").iterdir())
    assert len(copies) == 1 and copies[0].name.startswith("zh_CN-")
    # The copy is made once: a second start reuses it.
    assert open_model(model, _narrow_opener) == "model v1"
    assert list((ascii_temp / "corpusfix").iterdir()) == copies


def test_an_ascii_path_is_opened_directly(tmp_path: Path, ascii_temp: Path) -> None:
    model = tmp_path / "zh_CN.lm"
    model.write_text("model", encoding="utf-8")
    assert open_model(model, _narrow_opener) == "model"
    assert not ascii_temp.exists()


def test_a_missing_model_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"missing.*reinstall"):
        open_model(tmp_path / "zh_CN.lm", _narrow_opener)


def test_an_unreadable_model_says_why(tmp_path: Path, ascii_temp: Path) -> None:
    model = tmp_path / "zh_CN.lm"
    model.write_text("model", encoding="utf-8")

    def broken(path: str | bytes) -> str:
        raise OSError("Cannot read model (bad magic)\nmore")

    with pytest.raises(ModelError, match=r"cannot open the language model .*bad magic\) more"):
        open_model(model, broken)


def test_without_kenlm_the_checks_that_need_it_fail_in_one_line_and_the_others_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from corpusfix.cli.main import main
    from corpusfix.detectors.typos import tables
    from corpusfix.paths import resource_path

    sample = str(resource_path("samples", "sample-article.txt"))
    monkeypatch.setitem(sys.modules, "kenlm", None)  # import kenlm now raises ImportError
    tables.language_model.cache_clear()
    try:
        assert main(["check", sample]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "pip install kenlm-ex" in err
        assert main(["check", "--only", "merge,duplicate", sample]) == 1  # findings: exit 1
        assert "merge s1" in capsys.readouterr().out
    finally:
        tables.language_model.cache_clear()  # the next test loads the real model again
