"""`corpusfix verify OUTDIR`: each integrity problem is found and reported (exit 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_batch import make_archive


@pytest.fixture
def batch_out(cli, tmp_path: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    src = make_archive(tmp_path, 5)
    (src / "binary.txt").unlink()
    out = tmp_path / "out"
    assert cli("batch", src, "-o", out, "--accept", "all", "--jobs", "1").code == 0
    assert cli("verify", out).code == 0
    return src, out


def test_changed_byte_in_clean_file(cli, batch_out: tuple[Path, Path]) -> None:
    _, out = batch_out
    target = out / "01" / "article-001.txt"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    r = cli("verify", out)
    assert r.code == 1 and "01/article-001.txt: differs from the replay" in r.out


def test_deleted_log_record(cli, batch_out: tuple[Path, Path]) -> None:
    _, out = batch_out
    log = out / "00" / "article-000.txt.changelog.jsonl"
    lines = log.read_text("utf-8").splitlines(keepends=True)
    log.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")
    r = cli("verify", out)
    assert r.code == 1 and "record was dropped" in r.out


def test_swapped_original(cli, batch_out: tuple[Path, Path]) -> None:
    src, out = batch_out
    a, b = src / "00" / "article-000.txt", src / "00" / "article-003.txt"
    tmp = a.with_suffix(".swap")
    shutil.move(a, tmp)
    shutil.move(b, a)
    shutil.move(tmp, b)
    r = cli("verify", out)
    assert r.code == 1 and "belongs to another original" in r.out


def test_missing_output_and_extra_file(cli, batch_out: tuple[Path, Path]) -> None:
    _, out = batch_out
    (out / "02" / "article-002.txt").unlink()
    (out / "02" / "stray.txt").write_text("多出来的文件", encoding="utf-8")
    r = cli("verify", out)
    assert r.code == 1
    assert "02/article-002.txt: clean file is missing" in r.out
    assert "stray.txt: extra file" in r.out


def test_originals_elsewhere(cli, batch_out: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = batch_out
    moved = tmp_path / "moved"
    shutil.copytree(src, moved)
    assert cli("verify", out, "--originals", moved).code == 0
    assert cli("verify", tmp_path / "nowhere").code == 1


def test_a_damaged_state_is_named_not_called_missing(cli, batch_out: tuple[Path, Path]) -> None:
    """A state that is no database made verify say 'no batch state' (session 12)."""
    src, out = batch_out
    (out / "_corpusfix" / "state.sqlite").write_bytes(b"garbage, not SQLite\n" * 10)
    r = cli("verify", out)
    assert r.code == 1 and "no batch state" not in r.out, r.out
    assert "cannot be read" in r.out and "--originals" in r.out, r.out
    assert cli("verify", out, "--originals", src).code == 0  # the logs alone still verify
