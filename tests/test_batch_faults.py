"""Batch under faults and hostile input (issue 18): each test names the point it covers."""

from __future__ import annotations

import ast
import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result
from tests.outputs import snapshot, summary
from tests.test_batch import make_archive

Cli = Callable[..., Result]
FAST = ("--jobs", "1", "--no-report", "--no-archive-evidence")


def one_line_error(r: Result) -> str:
    """A usage error as the contract wants it: exit 2, one line, no internal error."""
    assert r.code == 2, r.err
    lines = [ln for ln in r.err.splitlines() if ln.startswith("corpusfix: ")]
    assert len(lines) == 1 and "internal error" not in r.err, r.err
    return lines[0]


# ----- 4. only the tool's own temporary files are removed -----


def test_users_tmp_files_in_outdir_survive_and_own_leftovers_go(cli: Cli, tmp_path: Path) -> None:
    src = make_archive(tmp_path, 3)
    out = tmp_path / "out"
    (out / "keep").mkdir(parents=True)
    (out / ".draft.tmp").write_text("my draft", "utf-8")
    (out / "keep" / ".notes.tmp").write_text("my notes", "utf-8")
    (out / "00").mkdir()
    leftover = out / "00" / ".article-000.txt.corpusfix-k2j4h5g6.tmp"  # a killed run's
    leftover.write_bytes(b"half written")
    assert cli("batch", src, "-o", out, *FAST).code == 1  # binary.txt fails
    assert (out / ".draft.tmp").read_text("utf-8") == "my draft"
    assert (out / "keep" / ".notes.tmp").read_text("utf-8") == "my notes"
    assert not leftover.exists()


def test_atomic_write_names_its_temporary_files_as_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpusfix.core.batch_layout import is_own_temp
    from corpusfix.core.files import atomic_write

    seen: list[str] = []
    real_replace = Path.replace

    def spy(self: Path, target: str | os.PathLike[str]) -> Path:
        seen.append(self.name)
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", spy)
    atomic_write(tmp_path / "clean.txt", b"x")
    assert seen and all(is_own_temp(name) for name in seen)
    assert not is_own_temp(".draft.tmp") and not is_own_temp(".notes.tmp")


# ----- 8. file names that are not valid UTF-8 -----


def odd_name(folder: Path, raw: bytes) -> Path:
    path = folder / os.fsdecode(raw)
    try:
        path.write_bytes(b"")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not valid UTF-8")
    return path


def test_file_names_with_invalid_utf8_are_processed_and_resume(cli: Cli, tmp_path: Path) -> None:
    src = make_archive(tmp_path, 2)
    odd = odd_name(src / "00", b"bad\xff-name.txt")
    odd.write_bytes((src / "00" / "article-000.txt").read_bytes())
    odd_binary = odd_name(src, b"bin\xfe.txt")
    odd_binary.write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "out"
    r = cli("batch", src, "-o", out, "--jobs", "1", "--no-archive-evidence")
    assert r.code == 1 and "internal error" not in r.err  # the binary files fail, recorded
    rel = "00/" + odd.name
    assert (out / rel).is_file() and (out / f"{rel}.changelog.jsonl").is_file()
    s = summary(out)
    assert s["done"] == 3 and s["files"] == 5
    failed = {f["path"] for f in s["failed"]}
    assert str(odd_binary.resolve()) in failed  # json gives the same string back
    assert any(rel in c for c in s["duplicate_articles"])
    with (out / "_corpusfix" / "summary.csv").open(encoding="utf-8", newline="") as fh:
        rows = {row["path"]: row for row in csv.DictReader(fh)}
    assert rows["00/bad\\xff-name.txt"]["status"] == "done"
    html = (out / "_corpusfix" / "summary.html").read_text("utf-8")  # valid UTF-8
    assert "bad\\xff-name.txt" in html
    again = cli("batch", src, "-o", out, "--jobs", "1", "--no-archive-evidence")
    assert again.code == 1 and "3 already done" in again.err
    assert cli("verify", out).code == 0


# ----- 11. one batch per OUTDIR; a killed run's lock blocks nothing -----


def test_second_batch_on_one_outdir_is_refused_and_a_killed_run_blocks_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    src = make_archive(tmp_path, 60)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "corpusfix", "batch", str(src), "-o", str(out)]
    first = subprocess.Popen(
        [*cmd, "--jobs", "2", "--no-report", "--no-archive-evidence"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list(out.rglob("*.changelog.jsonl"))) < 3:
            time.sleep(0.02)
        t0 = time.monotonic()
        line = one_line_error(cli("batch", src, "-o", out, *FAST))
        assert time.monotonic() - t0 < 5  # refused at once, not after a wait
        assert first.poll() is None, "the first run ended too early for this test"
        assert f"pid {first.pid}" in line and "another corpusfix batch" in line
        # kill -9 of the main process alone: its workers may linger, the lock must not.
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        r = cli("batch", src, "-o", out, *FAST)
        assert r.code == 1, r.err  # binary.txt; the rest resumed or redone
        assert cli("verify", out).code == 0
    finally:
        if first.poll() is None:
            first.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(first.pid, signal.SIGKILL)  # any worker left behind
        first.wait()


# ----- 12. one bad input changes no other file -----

TYPO_USAGE = "第{i}批特高压变庄器装备今天出厂，质量合格。\n"


def typo_archive(folder: Path, n: int = 6) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"f{i}.txt").write_text(TYPO_USAGE.format(i=i) * (1 + i % 2), "utf-8")
    return folder


def test_a_huge_sparse_file_changes_neither_the_sample_nor_other_outputs(
    cli: Cli, tmp_path: Path
) -> None:
    src = typo_archive(tmp_path / "in")
    clean_run = cli("batch", src, "-o", tmp_path / "clean", "--jobs", "1", "--max-mb", "1")
    assert clean_run.code == 0
    with (src / "a-huge.txt").open("wb") as fh:
        fh.truncate(2**30)  # 1 GB, sparse: nothing is written to disk
    (src / "b-binary.txt").write_bytes(bytes(range(256)) * 100)
    (src / "c-empty.txt").write_bytes(b"")
    r = cli("batch", src, "-o", tmp_path / "bad", "--jobs", "1", "--max-mb", "1")
    assert r.code == 1
    sampled = [ln for ln in clean_run.err.splitlines() if "files sampled" in ln]
    assert sampled and sampled[0].split(",")[0] in r.err  # "archive evidence: 6 files sampled"
    failed = {Path(f["path"]).name for f in summary(tmp_path / "bad")["failed"]}
    assert failed == {"a-huge.txt", "b-binary.txt", "c-empty.txt"}
    before = snapshot(tmp_path / "clean")
    after = {k: v for k, v in snapshot(tmp_path / "bad").items() if k in before}
    assert after == before


def test_files_that_will_fail_do_not_change_which_files_are_sampled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpusfix.batch import evidence
    from corpusfix.batch.inputs import discover

    monkeypatch.setattr(evidence, "SAMPLE_FILES", 5)  # a sample smaller than the archive
    src = tmp_path / "in"
    src.mkdir()
    places = ["沙尔沁", "蒙科聚", "变庄器", "变压器", "乌兰察布", "托克托"]
    for i in range(30):
        text = f"第{i}批{places[i % 6]}装备今天出厂，{places[(i * 5) % 6]}运抵现场。\n"
        (src / f"{i:02d}.txt").write_text(text * (1 + i % 4), "utf-8")
    good = discover([str(src)], tmp_path / "o")
    for i in range(30):  # bad files all over the order: binary, too large, empty
        (src / f"{i:02d}-bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        (src / f"{i:02d}-big.txt").write_bytes("大".encode() * 400)
        (src / f"{i:02d}-empty.txt").write_bytes(b"")
    every = discover([str(src)], tmp_path / "o")
    assert len(every) == 120
    one = evidence.archive_evidence(good, tmp_path / "o1", None, None, max_bytes=1000)
    two = evidence.archive_evidence(every, tmp_path / "o2", None, None, max_bytes=1000)
    three = evidence.archive_evidence(every, tmp_path / "o3", None, None, jobs=3, max_bytes=1000)
    assert one is not None and two is not None and three is not None
    assert json.loads(one.read_text("utf-8"))["files"] == 5
    assert one.read_bytes() == two.read_bytes() == three.read_bytes()


# ----- 13. one-line errors, never "internal error" -----


@pytest.mark.parametrize("command", ["check", "fix", "batch"])
@pytest.mark.parametrize("encoding", ["rot13", "base64", "klingon-8"])
def test_an_encoding_that_is_no_text_encoding_is_a_usage_error(
    cli: Cli, tmp_path: Path, command: str, encoding: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("中文的文章。\n", "utf-8")
    extra = {"check": (), "fix": ("-o", tmp_path / "x.txt"), "batch": ("-o", tmp_path / "o")}
    line = one_line_error(cli(command, article, "--encoding", encoding, *extra[command]))
    assert encoding in line


def test_outdir_that_is_a_file_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    src = make_archive(tmp_path, 2)
    target = tmp_path / "out"
    target.write_text("not a folder", "utf-8")
    assert "is a file" in one_line_error(cli("batch", src, "-o", target, *FAST))
    assert target.read_text("utf-8") == "not a folder"


def test_read_only_outdir_is_a_usage_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = make_archive(tmp_path, 2)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    if os.geteuid() == 0:  # root writes anyway: refuse as a read-only file system would
        real_mkdir = Path.mkdir

        def read_only(self: Path, *args: object, **kwargs: object) -> None:
            if out in (self, *self.parents) and self != out:
                raise PermissionError(13, "Permission denied", str(self))
            real_mkdir(self, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", read_only)
    try:
        line = one_line_error(cli("batch", src, "-o", out, *FAST))
    finally:
        out.chmod(0o755)
    assert "Permission denied" in line or "permission denied" in line
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_state_names_restart_and_restart_redoes_everything(
    cli: Cli, tmp_path: Path, damage: str
) -> None:
    src = make_archive(tmp_path, 4)
    out = tmp_path / "out"
    assert cli("batch", src, "-o", out, *FAST).code == 1
    whole = snapshot(out)
    db = out / "_corpusfix" / "state.sqlite"
    data = db.read_bytes()
    assert len(data) > 8192 and not (out / "_corpusfix" / "state.sqlite-wal").exists()
    if damage == "truncated":
        db.write_bytes(data[: len(data) // 2])
    else:
        db.write_bytes(data[:100] + os.urandom(4096) + data[4196:])
    line = one_line_error(cli("batch", src, "-o", out, *FAST))
    assert "state.sqlite" in line and "--restart" in line
    r = cli("batch", src, "-o", out, *FAST, "--restart")
    assert r.code == 1 and "6 processed, 0 already done" in r.err
    assert snapshot(out) == whole
    assert cli("verify", out).code == 0
    assert cli("batch", src, "-o", out, *FAST).code == 1  # and resumes from the new state


def test_truncated_evidence_file_is_a_one_line_error(cli: Cli, tmp_path: Path) -> None:
    src = typo_archive(tmp_path / "in")
    out = tmp_path / "out"
    assert cli("batch", src, "-o", out, "--jobs", "1", "--no-report").code == 0
    (evidence,) = (out / "_corpusfix").glob("archive-evidence-*.json")
    evidence.write_bytes(evidence.read_bytes()[:-20])
    line = one_line_error(cli("batch", src, "-o", out, "--jobs", "1", "--no-report"))
    assert evidence.name in line and "--restart" in line
    r = cli("batch", src, "-o", out, "--jobs", "1", "--no-report", "--restart")
    assert r.code == 0 and "files sampled" in r.err


# ----- structure: one module owns the batch output layout -----

LAYOUT_NAMES = {
    "_corpusfix",
    ".changelog.jsonl",
    ".report.html",
    "state.sqlite",
    "summary.json",
    "summary.html",
    "summary.csv",
}


def test_the_batch_layout_is_spelled_in_one_module() -> None:
    owner = ROOT / "src" / "corpusfix" / "core" / "batch_layout.py"
    spelled = []
    for path in sorted((ROOT / "src" / "corpusfix").rglob("*.py")):
        if path == owner:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and node.value in LAYOUT_NAMES
            ):
                spelled.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module in ("corpusfix.core.verify_dir", "corpusfix.core.batch_layout")
                and any(a.name.startswith("_") for a in node.names)
            ):
                spelled.append(f"{path.relative_to(ROOT)}: imports a private name")
    assert spelled == []


# ----- session 12 (h-attack): an archive that holds corpusfix's own outputs -----

ARTICLE = "今年以来,全市经济稳中有进,工业生产平稳增长。\n\n第二段文字,也有逗号。\n"


def test_change_logs_in_the_archive_are_no_inputs(cli: Cli, tmp_path: Path) -> None:
    """An archive where `fix a.txt -o a.clean.txt` was run: the batch refused with 'OUT/a.clean.
    txt.changelog.jsonl and OUT/a.clean.txt.changelog.jsonl would be the same file' (the log
    matched the default *.jsonl and its output is a.clean.txt's log); without a.clean.txt it
    cleaned the log as an article, and `verify OUT` then failed the run's own output."""
    src = tmp_path / "arch"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert cli("fix", src / "a.txt", "-o", src / "a.clean.txt", "--only", "punctuation").code == 0
    out = tmp_path / "out"
    r = cli("batch", src, "-o", out, "--only", "punctuation", *FAST)
    assert r.code == 0, r.err
    assert sorted(summary(out)["review_queue"]) == ["a.clean.txt", "a.txt"]  # type: ignore[index]
    assert cli("verify", out).code == 0
    (src / "a.clean.txt").unlink()
    out2 = tmp_path / "out2"
    r = cli("batch", src, "-o", out2, "--only", "punctuation", *FAST)
    assert r.code == 0, r.err
    assert sorted(p.name for p in out2.iterdir()) == [
        "_corpusfix",
        "a.txt",
        "a.txt.changelog.jsonl",
    ]
    v = cli("verify", out2)
    assert v.code == 0, v.out
    # Given by name, a change log is refused in one line (its output would read as a log).
    log = src / "a.clean.txt.changelog.jsonl"
    line = one_line_error(cli("batch", log, "-o", tmp_path / "out3", *FAST))
    assert "change log" in line, line


@pytest.mark.parametrize("address", ["foo", "tcp://[::1"])
def test_a_malformed_scheduler_address_is_one_line(cli: Cli, tmp_path: Path, address: str) -> None:
    """`batch --scheduler foo` was 'internal error: ValueError: missing port number' (Dask's
    address parser raises ValueError, not OSError) (session 12)."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = cli("batch", tmp_path / "a.txt", "-o", tmp_path / "out", "--scheduler", address, *FAST)
    line = one_line_error(r)
    assert address in line or "Dask" in line, line


@pytest.mark.parametrize("jobs", ["99999999999999999999", "100000"])
def test_jobs_beyond_reason_is_a_usage_error(cli: Cli, tmp_path: Path, jobs: str) -> None:
    """`--jobs 99999999999999999999` was 'internal error: OverflowError' (session 12)."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = cli("batch", tmp_path / "a.txt", "-o", tmp_path / "out", "--jobs", jobs,
            "--no-report", "--no-archive-evidence")  # fmt: skip
    assert "--jobs" in one_line_error(r)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("second", ["a.txt", "./a.txt", "sub/../a.txt"])
def test_a_src_given_twice_is_named_so(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second: str
) -> None:
    """`batch a.txt a.txt` said "two inputs would write the same output 'a.txt/a.txt':
    /…/a.txt and /…/a.txt" (session 12): true, but the cause is the SRC given twice."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    line = one_line_error(cli("batch", "a.txt", second, "-o", "out", *FAST))
    assert "given twice" in line, line


def test_a_folder_and_a_link_to_it_stay_two_srcs(cli: Cli, tmp_path: Path) -> None:
    """A link's name is its own (session 6: existing layouts resume), so it is not "twice"."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "link").symlink_to("in", target_is_directory=True)
    out = tmp_path / "out"
    r = cli("batch", tmp_path / "in", tmp_path / "link", "-o", out, "--only", "punctuation", *FAST)
    assert r.code == 0, r.err
    assert (out / "in" / "a.txt").is_file() and (out / "link" / "a.txt").is_file()


def test_verify_of_an_outdir_a_batch_is_writing_is_refused(cli: Cli, tmp_path: Path) -> None:
    """`verify OUTDIR` during a run reported what was there so far, as if it were the result
    (session 12, noticed): it now says a batch is writing there, exit 2, and checks nothing."""
    src = make_archive(tmp_path, 3)
    out = tmp_path / "out"
    cli("batch", src, "-o", out, *FAST)
    assert cli("verify", out).code == 0
    lock = out / "_corpusfix" / "lock"
    holder = subprocess.Popen(  # holds the run's lock as a running batch does
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.lockf(fd, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        line = one_line_error(cli("verify", out))
        assert "another corpusfix batch is writing" in line
    finally:
        holder.kill()
        holder.wait()
    assert cli("verify", out).code == 0  # the lock's owner is gone: verify as before


def test_outputs_of_an_input_gone_from_src_are_named_on_the_rerun(cli: Cli, tmp_path: Path) -> None:
    """An input removed from SRC: the rerun forgot it without a word, its outputs stayed and
    `verify OUTDIR` then failed on them (session 12, noticed). They are still kept (a SRC not
    mounted must never empty OUTDIR), but the rerun says so, naming one."""
    src = make_archive(tmp_path, 3)
    out = tmp_path / "out"
    cli("batch", src, "-o", out, *FAST)
    gone = src / "01" / "article-001.txt"
    gone.unlink()
    r = cli("batch", src, "-o", out, *FAST)
    notice = [ln for ln in r.err.splitlines() if "no longer" in ln]
    assert len(notice) == 1 and "01/article-001.txt" in notice[0], r.err
    assert (out / "01" / "article-001.txt").exists()  # kept
    again = cli("batch", src, "-o", out, *FAST)  # still there, still named
    assert any("no longer" in ln and "01/article-001.txt" in ln for ln in again.err.splitlines())
    (out / "01" / "article-001.txt").unlink()
    for p in (out / "01").glob("article-001.txt.*"):
        p.unlink()
    quiet = cli("batch", src, "-o", out, *FAST)
    assert "no longer" not in quiet.err, quiet.err


def test_a_new_outdir_holding_a_file_at_an_output_path_is_refused(cli: Cli, tmp_path: Path) -> None:
    """`batch scans/ -o folder/` where folder/ already holds a file of the same name as an output
    (and no batch ever ran there) replaced the user's file with the cleaned one (found by
    test_fault_paths' property test, session 13). Refused before any work, nothing written."""
    src = make_archive(tmp_path, 3)
    out = tmp_path / "out"
    (out / "00").mkdir(parents=True)
    theirs = out / "00" / "article-000.txt"
    theirs.write_text("somebody's own file", encoding="utf-8")
    line = one_line_error(cli("batch", src, "-o", out, *FAST))
    assert "00/article-000.txt" in line and "not written by corpusfix" in line
    assert theirs.read_text(encoding="utf-8") == "somebody's own file"
    assert sorted(p.name for p in out.rglob("*")) == ["00", "article-000.txt"]
    theirs.unlink()
    assert cli("batch", src, "-o", out, *FAST).code == 1  # binary.txt fails; the rest is done
    r = cli("batch", src, "-o", out, *FAST)  # a resumed run replaces its own outputs
    assert r.code == 1 and "already done" in r.err
