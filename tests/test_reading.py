"""Only regular files are read, and size limits hold while reading (issue 18.9).

A FIFO with nobody writing blocks ``read()`` forever; /dev/zero and /dev/urandom never end.
Every reader of a user-named file (inputs, word lists, confusions, policies, change logs,
lists import) must fail at once with one line and exit 2; a batch records the file and goes on.
The commands run in subprocesses under an address-space limit, so that the old behaviour (read
until memory runs out) fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from corpusfix.core.errors import InputError
from corpusfix.core.loading import read_input
from tests.conftest import SAMPLE

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX FIFOs and devices"
)
MEMORY_LIMIT = 1536 * 2**20  # far above what the command needs, far below "until memory runs out"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def corpusfix(*args: object, timeout: float, cwd: Path | None = None) -> tuple[int, str, float]:
    """Run the CLI; (exit code, stderr, seconds). A command still running at ``timeout`` fails."""
    env = {**os.environ, "CORPUSFIX_CONFIG_DIR": str(cwd or Path.cwd())}
    start = time.monotonic()
    try:
        r = subprocess.run(
            [sys.executable, "-m", "corpusfix", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"corpusfix {' '.join(map(str, args))} still running after {timeout} s")
    return r.returncode, r.stderr, time.monotonic() - start


def _one_line_refusal(code: int, err: str, what: str) -> None:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "not a regular file" in lines[0] and what in lines[0], err


def test_read_of_a_fifo_fails_within_2_s(fifo: Path) -> None:
    outcome: list[BaseException | bytes] = []

    def read() -> None:
        try:
            outcome.append(read_input(fifo))
        except BaseException as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(2)
    if reader.is_alive():  # the old code blocks in open(): a writer unblocks it, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
        pytest.fail("reading a FIFO with no writer blocked")
    assert isinstance(outcome[0], InputError) and "not a regular file (a FIFO)" in str(outcome[0])


def test_check_of_a_fifo_exits_2(fifo: Path, tmp_path: Path) -> None:
    code, err, _ = corpusfix("check", fifo, timeout=30, cwd=tmp_path)
    _one_line_refusal(code, err, str(fifo))


def test_devices_fail_fast_with_small_memory(tmp_path: Path) -> None:
    for args in (
        ("check", "/dev/zero", "--max-mb", "1"),
        ("check", "/dev/urandom", "--max-mb", "1"),
        ("check", SAMPLE, "--wordlist", "/dev/zero"),
        ("check", SAMPLE, "--confusions", "/dev/zero"),
        ("fix", SAMPLE, "-o", tmp_path / "o.txt", "--wordlist", "/dev/zero"),
    ):
        code, err, seconds = corpusfix(*args, timeout=60, cwd=tmp_path)
        _one_line_refusal(code, err, "/dev/")
        assert seconds < 30, f"{args}: {seconds:.1f} s"
        assert not (tmp_path / "o.txt").exists()


def test_side_files_that_are_fifos_or_devices(fifo: Path, tmp_path: Path) -> None:
    out, again = tmp_path / "out", tmp_path / "again.txt"
    for culprit, args in (
        (fifo, ("batch", SAMPLE, "-o", out, "--policy", fifo)),
        (fifo, ("batch", SAMPLE, "-o", out, "--wordlist", fifo)),
        (fifo, ("lists", "import", "words", fifo)),
        ("/dev/zero", ("lists", "import", "confusions", "/dev/zero")),
        (fifo, ("apply", SAMPLE, fifo, "-o", again)),
        ("/dev/zero", ("apply", SAMPLE, "/dev/zero", "-o", again)),
    ):
        code, err, _ = corpusfix(*args, timeout=60, cwd=tmp_path)
        _one_line_refusal(code, err, str(culprit))
    assert not again.exists() and not out.exists()
    assert not (tmp_path / "wordlist.txt").exists()


def test_batch_records_a_fifo_behind_a_txt_symlink_and_goes_on(fifo: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    article = SAMPLE.read_text("utf-8")
    for i in range(6):  # enough files for the archive-evidence pass, which reads them too
        (src / f"a{i}.txt").write_text(article.replace("滨河新区", f"第{i}新区"), "utf-8")
    (src / "b.txt").symlink_to(fifo)
    out = tmp_path / "out"
    code, err, _ = corpusfix("batch", src, "-o", out, "--jobs", "1", timeout=300, cwd=tmp_path)
    assert code == 1, err
    summary = json.loads((out / "_corpusfix" / "summary.json").read_text("utf-8"))
    assert summary["files"] == 7
    assert [f["path"] for f in summary["failed"]] == [str(src.resolve() / "b.txt")]
    assert "not a regular file" in summary["failed"][0]["error"]
    assert (out / "a0.txt").is_file() and not (out / "b.txt").exists()


def test_limits_hold_while_reading_not_only_by_stat(tmp_path: Path) -> None:
    # /proc files are regular files whose stat size is 0 whatever they hold.
    proc = Path("/proc/self/maps")
    if not proc.is_file() or proc.stat().st_size != 0:
        pytest.skip("needs a regular file whose stat size understates it (Linux /proc)")
    with pytest.raises(InputError, match="maps: is larger than the 100 bytes limit for one"):
        read_input(proc, 100)
    assert read_input(proc, 1 << 20)  # within the limit it reads

    from corpusfix.core.reading import read_regular

    small = tmp_path / "x.txt"
    small.write_bytes(b"12345")
    assert read_regular(small, 5) == b"12345"
    with pytest.raises(InputError, match=r"x\.txt: 5 bytes is larger than the 4 bytes limit"):
        read_regular(small, 4)
