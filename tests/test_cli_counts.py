"""The command line's counts read as English: "1 suggestion", "2 suggestions", "1 file"."""

from __future__ import annotations

import re
from pathlib import Path

from corpusfix.cli.counts import counted


def test_counted_singular_and_plural() -> None:
    assert counted(0, "file") == "0 files"
    assert counted(1, "file") == "1 file"
    assert counted(2, "file") == "2 files"
    assert counted(1, "change", "changes") == "1 change"
    assert counted(3, "integrity problem") == "3 integrity problems"
    assert counted(1, "log's counts", "logs' counts") == "1 log's counts"
    assert counted(1, "entry", "entries") == "1 entry"
    assert counted(2, "entry", "entries") == "2 entries"
    assert counted(12345, "character") == "12345 characters"


def _one_typo_file(tmp_path: Path) -> Path:
    src = tmp_path / "a.txt"
    # one OCR slip (变庄器 for 变压器): exactly one suggestion
    src.write_text("这台变庄器坏了，需要换一个新的变压器。\n", encoding="utf-8")
    return src


def test_check_fix_apply_verify_say_one_in_the_singular(cli, tmp_path: Path) -> None:
    src = _one_typo_file(tmp_path)
    checked = cli("check", src)
    n = len(re.findall(r"^\S", checked.out, flags=re.M))
    assert n == 1, checked.out  # the premise: exactly one suggestion
    assert "1 suggestion\n" in checked.err and "1 suggestions" not in checked.err
    out = tmp_path / "a.clean.txt"
    fixed = cli("fix", src, "-o", out, "--accept", "all")
    assert fixed.code == 0, fixed.err
    assert "1 suggestion, 1 applied" in fixed.err
    log = out.with_name(out.name + ".changelog.jsonl")
    replayed = cli("apply", src, log, "-o", tmp_path / "b.txt")
    assert replayed.code == 0, replayed.err
    assert "1 change replayed" in replayed.err
    verified = cli("verify", src, out, log)
    assert verified.code == 0, verified.err
    assert "OK: 1 file intact" in verified.err


def test_batch_counts_in_the_singular(cli, tmp_path: Path) -> None:
    arch = tmp_path / "arch"
    arch.mkdir()
    _one_typo_file(arch)
    res = cli("batch", arch, "-o", tmp_path / "out")
    assert res.code == 0, res.err
    assert "corpusfix batch: 1 file ->" in res.err
