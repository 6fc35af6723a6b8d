from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLE


def test_check_text_json_jsonl_and_exit_codes(cli, tmp_path: Path) -> None:
    r = cli("check", SAMPLE)
    assert r.code == 1 and "punctuation" in r.out
    r = cli("check", SAMPLE, "--format", "json")
    data = json.loads(r.out)
    assert data["file"] == str(SAMPLE) and data["encoding"] == "utf-8"
    assert data["paragraphs"] == "blank-line" and data["chars"] > 1000
    first = data["suggestions"][0]
    for key in (
        "id",
        "kind",
        "detector",
        "start",
        "end",
        "line",
        "replacement",
        "confidence",
        "message",
        "evidence",
    ):
        assert key in first
    r = cli("check", SAMPLE, "--format", "jsonl", "--only", "whitespace")
    rows = [json.loads(x) for x in r.out.splitlines()]
    assert rows and all(x["kind"] == "whitespace" and x["file"] == str(SAMPLE) for x in rows)
    clean = tmp_path / "clean.txt"
    clean.write_text("今年以来，全市经济稳中有进。\n", encoding="utf-8")
    assert cli("check", clean, "--only", "punctuation,whitespace").code == 0


def test_check_several_files_reports_others_when_one_fails(cli, tmp_path: Path) -> None:
    r = cli("check", SAMPLE, tmp_path / "missing.txt", "--format", "json")
    assert r.code == 2
    assert "missing.txt: no such file" in r.err
    assert len(json.loads(r.out)) == 1


def test_fix_applies_accepted_kinds_and_logs_the_rest(cli, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    r = cli("fix", SAMPLE, "-o", out, "--accept", "punctuation")
    assert r.code == 0
    log = [
        json.loads(x)
        for x in (tmp_path / "out.txt.changelog.jsonl").read_text("utf-8").splitlines()
    ]
    header, records = log[0], log[1:]
    assert header["records"] == len(records)
    assert {r["decision"] for r in records if r["kind"] == "punctuation"} == {"accepted"}
    assert {r["decision"] for r in records if r["kind"] == "whitespace"} == {"pending"}
    assert "产业链，引进" in out.read_text("utf-8")


def test_fix_without_accept_changes_nothing(cli, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert cli("fix", SAMPLE, "-o", out).code == 0
    assert out.read_bytes() == SAMPLE.read_bytes()


def test_reference_fix_then_verify(cli, reference: Path, tmp_path: Path) -> None:
    out, log, rep = tmp_path / "out.txt", tmp_path / "log.jsonl", tmp_path / "r.html"
    r = cli(
        "fix",
        reference / "raw.txt",
        "-o",
        out,
        "--accept",
        "all",
        "--changelog",
        log,
        "--report",
        rep,
    )
    assert r.code == 0, r.err
    assert rep.read_text("utf-8").startswith("<!DOCTYPE html>")
    r = cli("verify", reference / "raw.txt", out, log)
    assert r.code == 0, r.out


def test_apply_replays_and_refuses_foreign_log(cli, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    cli("fix", SAMPLE, "-o", out, "--accept", "all")
    again = tmp_path / "again.txt"
    assert cli("apply", SAMPLE, tmp_path / "out.txt.changelog.jsonl", "-o", again).code == 0
    assert again.read_bytes() == out.read_bytes()
    other = tmp_path / "other.txt"
    other.write_text("另一篇文章。", encoding="utf-8")
    r = cli("apply", other, tmp_path / "out.txt.changelog.jsonl", "-o", tmp_path / "x.txt")
    assert r.code == 2 and "belongs to another original" in r.err
    assert not (tmp_path / "x.txt").exists()
    r = cli("verify", other, out, tmp_path / "out.txt.changelog.jsonl")
    assert r.code == 1 and "another original" in r.out


def test_out_encoding_and_crlf_kept(cli, tmp_path: Path) -> None:
    src = tmp_path / "gbk.txt"
    src.write_bytes("标题\r\n\r\n产业链,引进企业。\r\n".encode("gb18030"))
    out = tmp_path / "out.txt"
    assert cli("fix", src, "-o", out, "--accept", "all").code == 0
    assert out.read_bytes() == "标题\r\n\r\n产业链，引进企业。\r\n".encode("gb18030")
    out8 = tmp_path / "out8.txt"
    assert cli("fix", src, "-o", out8, "--accept", "all", "--out-encoding", "utf-8").code == 0
    assert out8.read_bytes() == "标题\r\n\r\n产业链，引进企业。\r\n".encode()
    assert cli("verify", src, out8, tmp_path / "out8.txt.changelog.jsonl").code == 0


def test_diff_marks_characters_not_lines(cli, tmp_path: Path) -> None:
    out, diff = tmp_path / "out.txt", tmp_path / "out.diff"
    assert cli("fix", SAMPLE, "-o", out, "--accept", "all", "--diff", diff).code == 0
    text = diff.read_text("utf-8")
    assert text.startswith("--- a/sample-article.txt\n+++ b/out.txt\n@@ -")
    assert "~" in text and "[-,-]{+，+}" in text


# ----- bad input: one line, exit 2, no traceback, nothing written -----


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", (), "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), (), "binary"),
        ("中文".encode("gb18030") * 10, ("--encoding", "utf-8"), "not valid utf-8"),
        (b"ok", ("--only", "nonsense"), "unknown kind 'nonsense'"),
        (b"ok", ("--bogus",), "unrecognized arguments: --bogus"),
        (b"ok", ("--encoding", "nope"), "unknown encoding"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    cli, tmp_path: Path, content: bytes, args: tuple[str, ...], message: str
) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(content)
    for cmd in (("check", src), ("fix", src, "-o", tmp_path / "o.txt")):
        r = cli(*cmd, *args)
        assert r.code == 2
        assert message in r.err
        assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
        assert not (tmp_path / "o.txt").exists()
    assert src.read_bytes() == content


def test_output_equal_to_input_is_refused(cli, tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(SAMPLE.read_bytes())
    for target in (src, tmp_path / "." / "in.txt"):
        r = cli("fix", src, "-o", target, "--accept", "all")
        assert r.code == 2 and "never modifies its input" in r.err
    r = cli("fix", src, "-o", tmp_path / "o.txt", "--changelog", src)
    assert r.code == 2
    assert src.read_bytes() == SAMPLE.read_bytes()


def test_huge_file_refused_quickly(cli, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    r = cli("check", big)
    assert r.code == 2 and "larger than" in r.err


def test_missing_and_unreadable_paths(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = cli("check", tmp_path / "none.txt")
    assert r.code == 2 and "no such file" in r.err
    locked = tmp_path / "locked.txt"
    locked.write_text("文字", encoding="utf-8")

    real_open = os.open

    def denied(path: object, *args: Any, **kwargs: Any) -> int:
        # root ignores chmod, so simulate the OS refusing (for this file only)
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    r = cli("check", locked)
    assert r.code == 2 and "cannot read (Permission denied)" in r.err


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    src = tmp_path / "in.bin"
    src.write_bytes(b"\x00\x01\x02" * 100)
    proc = subprocess.run(
        [sys.executable, "-m", "corpusfix", "fix", str(src), "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr


def test_review_of_a_path_without_outputs_is_one_line_exit_2(cli, tmp_path: Path) -> None:
    r = cli("review", tmp_path / "nothing.txt", "--diff", tmp_path / "x.diff")
    assert r.code == 2 and "no change log" in r.err and len(r.err.strip().splitlines()) == 1
    r = cli("review", tmp_path, "--diff", tmp_path / "x.diff")
    assert r.code == 2 and "no change logs found" in r.err


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0"])
def test_max_mb_that_is_no_positive_number_is_one_line_exit_2(
    cli, tmp_path: Path, value: str
) -> None:
    """`--max-mb nan` and `--max-mb inf` were 'internal error: ValueError/OverflowError' in
    check, fix and batch; `batch --max-mb -1` ran and failed every file (session 12)."""
    src = tmp_path / "a.txt"
    src.write_text("今年以来,全市经济稳中有进。\n", encoding="utf-8")
    commands = [
        ("check", src, "--max-mb", value),
        ("fix", src, "-o", tmp_path / "x.txt", "--max-mb", value),
        ("batch", src, "-o", tmp_path / "out", "--max-mb", value),
        ("lm", "build", src, "-o", tmp_path / "m.charlm", "--max-mb", value),
    ]
    for command in commands:
        r = cli(*command)
        assert r.code == 2, (command, r.err)
        assert r.err.count("\n") == 1 and "internal error" not in r.err, (command, r.err)
        assert "--max-mb" in r.err, (command, r.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.parametrize("value", ["", "  "])
def test_jsonl_field_without_a_name_is_one_line_exit_2(cli, tmp_path: Path, value: str) -> None:
    """`--jsonl-field ''` was taken as "no field": a `.jsonl` archive was then cleaned, or
    trained on, as plain text, JSON syntax and all (session 12, noticed)."""
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "今年以来,全市经济稳中有进。"}\n', encoding="utf-8")
    commands = [
        ("batch", src, "-o", tmp_path / "out", "--jsonl-field", value),
        ("lm", "build", src, "-o", tmp_path / "m.charlm", "--jsonl-field", value),
    ]
    for command in commands:
        r = cli(*command)
        assert r.code == 2, (command, r.err)
        assert r.err.count("\n") == 1 and "--jsonl-field" in r.err, (command, r.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]
