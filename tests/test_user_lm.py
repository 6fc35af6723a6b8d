"""The archive's own character model on the command line: ``--lm MODEL`` and ``batch --train-lm``.

The model is used beside the shipped ones (it changes what the typo check finds), a bad model
file is one line and exit 2, the log header names the model, and a batch that trains its own
model gives the same outputs with one job, two jobs, and after a kill -9 and a rerun.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest

from corpusfix.lm.build import build_model
from tests.conftest import SAMPLE
from tests.outputs import snapshot

ARTICLE = SAMPLE.read_text("utf-8")
SLIP_LINE = next(line for line in ARTICLE.splitlines() if "变庄器" in line)


def _model(path: Path, lines: list[str]) -> Path:
    path.write_bytes(build_model(lines, order=5))
    return path


def _typos(cli: Any, *args: Any) -> list[dict[str, Any]]:
    r = cli("check", SAMPLE, "--only", "typo", "--format", "json", *args)
    assert r.code in (0, 1), r.err
    suggestions: list[dict[str, Any]] = json.loads(r.out)["suggestions"]
    return suggestions


def _header(log: Path) -> dict[str, Any]:
    header: dict[str, Any] = json.loads(log.read_text("utf-8").splitlines()[0])
    return header


def test_the_model_is_used_beside_the_shipped_ones(cli, tmp_path: Path) -> None:
    # An archive that writes 变庄器 again and again makes the check less sure it is a slip; one
    # that writes 变压器 leaves it at least as sure.
    plain = _typos(cli)
    assert [(s["start"], s["replacement"]) for s in plain] == [(ARTICLE.index("变庄器") + 1, "压")]
    theirs = _model(tmp_path / "theirs.charlm", [SLIP_LINE] * 50)
    right = _model(tmp_path / "right.charlm", [SLIP_LINE.replace("变庄器", "变压器")] * 50)
    with_theirs = _typos(cli, "--lm", theirs)
    with_right = _typos(cli, "--lm", right)
    assert len(with_theirs) <= 1 and len(with_right) == 1
    if with_theirs:
        assert with_theirs[0]["confidence"] < plain[0]["confidence"]
    assert with_right[0]["confidence"] >= plain[0]["confidence"]


def test_fix_names_the_model_in_the_log_header(cli, tmp_path: Path) -> None:
    model = _model(tmp_path / "own.charlm", [SLIP_LINE.replace("变庄器", "变压器")] * 20)
    out = tmp_path / "clean.txt"
    r = cli("fix", SAMPLE, "-o", out, "--accept", "typo", "--lm", model)
    assert r.code == 0, r.err
    log = Path(f"{out}.changelog.jsonl")
    header = _header(log)
    data = model.read_bytes()
    assert header["user_lm_sha256"] == hashlib.sha256(data).hexdigest()
    training = json.loads(data[data.index(b"{") : data.index(b"}\x00") + 1])["training_sha256"]
    assert header["user_lm_training_sha256"] == training
    assert cli("verify", SAMPLE, out, log).code == 0
    again = tmp_path / "again.txt"
    assert cli("apply", SAMPLE, log, "-o", again).code == 0
    assert again.read_bytes() == out.read_bytes()
    plain = tmp_path / "plain.txt"
    assert cli("fix", SAMPLE, "-o", plain).code == 0
    assert "user_lm_sha256" not in _header(Path(f"{plain}.changelog.jsonl"))


def _bad_models(tmp_path: Path) -> dict[str, Path]:
    good = build_model([SLIP_LINE] * 5, order=3)
    bad = {
        "missing": tmp_path / "missing.charlm",
        "folder": tmp_path / "folder.charlm",
        "text": tmp_path / "text.charlm",
        "truncated": tmp_path / "truncated.charlm",
    }
    bad["folder"].mkdir()
    bad["text"].write_text("not a model\n", "utf-8")
    bad["truncated"].write_bytes(good[: len(good) // 2])
    return bad


@pytest.mark.parametrize("command", ["check", "fix", "batch"])
def test_a_bad_model_is_one_line_and_exit_2(cli, tmp_path: Path, command: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    for what, model in _bad_models(tmp_path).items():
        out = tmp_path / f"out-{what}"
        args = {
            "check": ("check", src / "a.txt"),
            "fix": ("fix", src / "a.txt", "-o", out),
            "batch": ("batch", src, "-o", out, "--jobs", "1"),
        }[command]
        r = cli(*args, "--lm", model)
        assert r.code == 2, (what, r.err)
        assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err, (what, r.err)
        assert f"{model}: " in r.err, (what, r.err)  # the model's own error, not usage
        assert not out.exists(), what  # refused before anything is written


def test_the_model_is_an_input_never_an_output(cli, tmp_path: Path) -> None:
    model = _model(tmp_path / "own.charlm", [SLIP_LINE] * 5)
    before = model.read_bytes()
    r = cli("fix", SAMPLE, "-o", model, "--lm", model)
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1, r.err
    assert "never modifies its input" in r.err, r.err
    assert model.read_bytes() == before


def test_train_lm_and_lm_are_exclusive(cli, tmp_path: Path) -> None:
    model = _model(tmp_path / "own.charlm", [SLIP_LINE] * 5)
    r = cli("batch", SAMPLE, "-o", tmp_path / "out", "--train-lm", "--lm", model)
    assert r.code == 2 and "not both" in r.err, r.err
    assert not (tmp_path / "out").exists()


# batch -------------------------------------------------------------------------------------

FILES = 8
KILL_FILES = 40  # enough that the kill lands with files left to do


def _archive(root: Path, n: int = FILES) -> Path:
    """Articles that all write 变庄器 (so a model of them disagrees with the shipped one), in
    two encodings, and one file the run fails (it must not count in the model)."""
    src = root / "archive"
    for i in range(n):
        folder = src / f"{i % 2}"
        folder.mkdir(parents=True, exist_ok=True)
        text = ARTICLE.replace("滨河新区", f"第{i}新区")
        (folder / f"a{i:02d}.txt").write_bytes(text.encode("gb18030" if i % 3 == 1 else "utf-8"))
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return src


def _trained(out: Path) -> Path:
    models = sorted((out / "_corpusfix").glob("train-lm-*.charlm"))
    assert len(models) == 1, models
    return models[0]


def _typo_records(out: Path) -> list[dict[str, Any]]:
    rows = []
    for log in sorted(out.rglob("*.changelog.jsonl")):
        rows += list(map(json.loads, log.read_text("utf-8").splitlines()[1:]))
    return [r for r in rows if r["kind"] == "typo"]


def test_train_lm_is_skipped_when_the_typo_check_does_not_run(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = cli("batch", _archive(tmp_path, 2), "-o", out, "--only", "merge", "--train-lm")
    assert r.code == 1 and "train-lm: skipped" in r.err, r.err
    assert not list((out / "_corpusfix").glob("*.charlm"))
    assert "user_lm_sha256" not in _header(next(out.rglob("*.changelog.jsonl")))


def test_batch_lm_names_the_model_in_every_header(cli, tmp_path: Path) -> None:
    src = _archive(tmp_path, 3)
    model = _model(tmp_path / "own.charlm", [SLIP_LINE] * 20)
    out = tmp_path / "out"
    r = cli("batch", src, "-o", out, "--accept", "all", "--jobs", "1", "--lm", model)
    assert r.code == 1, r.err  # the binary file failed
    logs = sorted(out.rglob("*.changelog.jsonl"))
    assert len(logs) == 3
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    assert {_header(log)["user_lm_sha256"] for log in logs} == {digest}
    assert cli("verify", out).code == 0


def test_train_lm_jobs_1_and_2_give_identical_outputs(cli, tmp_path: Path) -> None:
    src = _archive(tmp_path)
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        r = cli("batch", src, "-o", out, "--accept", "all", "--jobs", jobs, "--train-lm")
        assert r.code == 1, r.err  # the binary file failed, the rest went on
        assert "train-lm:" in r.err, r.err
        runs[jobs] = out
    one, two = runs["1"], runs["2"]
    assert snapshot(one) == snapshot(two)
    model = _trained(one)
    assert model.read_bytes() == _trained(two).read_bytes()
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    assert model.name == f"train-lm-{digest[:12]}.charlm"
    logs = sorted(one.rglob("*.changelog.jsonl"))
    assert len(logs) == FILES
    assert {_header(log)["user_lm_sha256"] for log in logs} == {digest}
    assert cli("verify", one).code == 0
    # The model was really used: a run without it judges the typo differently.
    plain = tmp_path / "plain"
    cli("batch", src, "-o", plain, "--accept", "all", "--jobs", "1")
    assert [r["confidence"] for r in _typo_records(one)] != [
        r["confidence"] for r in _typo_records(plain)
    ]
    # A model deleted (or never finished, as after a kill during training) is trained again
    # to the same bytes: the rerun finds every file done with the same settings.
    model.unlink()
    r = cli("batch", src, "-o", one, "--accept", "all", "--jobs", "1", "--train-lm")
    assert f"{FILES} already done" in r.err, r.err
    assert _trained(one).name == model.name


def test_train_lm_killed_and_resumed_gives_identical_outputs(cli, tmp_path: Path) -> None:
    src = _archive(tmp_path, KILL_FILES)
    whole = tmp_path / "whole"
    r = cli("batch", src, "-o", whole, "--accept", "all", "--jobs", "1", "--train-lm")
    assert r.code == 1, r.err
    out = tmp_path / "out"
    cmd = ["batch", src, "-o", out, "--accept", "all", "--jobs", "1", "--train-lm"]
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "corpusfix", *map(str, cmd)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    try:  # killed once the model is written and some files, not all, are done
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            models = list((out / "_corpusfix").glob("train-lm-*.charlm"))
            if models and len(list(out.rglob("*.changelog.jsonl"))) >= 2:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed: add files"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert len(list(out.rglob("*.changelog.jsonl"))) < KILL_FILES, log.read_text()
    r = cli(*cmd)
    assert r.code == 1, r.err
    assert "train-lm: reusing" in r.err, r.err
    assert snapshot(out) == snapshot(whole)
    assert _trained(out).read_bytes() == _trained(whole).read_bytes()
    assert cli("verify", out).code == 0
