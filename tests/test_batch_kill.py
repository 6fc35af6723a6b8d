"""Killing the batch main process alone leaves no worker behind (issue 18.10).

``kill -9`` or ``kill -TERM`` of the main process only (not its process group, as a service
manager or an impatient user may do): every local worker must be gone within 5 s, SIGTERM must
stop the run cleanly (state committed, exit 143), and a rerun resumes to outputs that verify.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from corpusfix.batch.runner import CHUNK
from tests.conftest import SAMPLE

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads the process tree from Linux /proc"
)
JOBS = 2
FILES = 7 * CHUNK  # killed after four chunks are written, the rest left for the rerun
GRACE_S = 5.0


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None if gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # the name may hold spaces and parentheses
    return fields[0], int(fields[1])


def _alive(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] not in ("Z", "X")  # a zombie has ended


def _descendants(root: int) -> set[int]:
    parent = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))) is not None:
            parent[int(entry.name)] = st[1]
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, ppid in parent.items() if ppid in frontier} - found
        found |= frontier
    return found


def _archive(root: Path) -> Path:
    src = root / "src"
    src.mkdir()
    text = SAMPLE.read_text("utf-8")[:500]  # small articles: many files, a short run
    for i in range(FILES):
        (src / f"a{i:03d}.txt").write_text(text.replace("滨河新区", f"第{i}新区"), "utf-8")
    return src


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "kill-TERM"])
def test_killing_the_main_process_ends_its_workers(cli, tmp_path: Path, sig: int) -> None:
    src, out = _archive(tmp_path), tmp_path / "out"
    cmd = [sys.executable, "-m", "corpusfix", "batch", src, "-o", out, "--accept", "all"]
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:  # a file, not a pipe: orphaned workers would hold a pipe open
        proc = subprocess.Popen(
            [*map(str, cmd), "--jobs", str(JOBS)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # its own group, so that cleanup below can reach everything
        )
    try:
        # Kill once the workers are busy and a few chunks have come back to the main process.
        deadline = time.monotonic() + 240
        workers: set[int] = set()
        while time.monotonic() < deadline and proc.poll() is None:
            workers = _descendants(proc.pid)
            if len(workers) >= JOBS and len(list(out.rglob("*.changelog.jsonl"))) >= 4 * CHUNK:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed: add files"
        assert len(workers) >= JOBS, f"no workers seen: {workers}"
        os.kill(proc.pid, sig)  # the main process alone
        killed_at = time.monotonic()
        proc.wait(timeout=60)
        while time.monotonic() - killed_at < GRACE_S and any(map(_alive, workers)):
            time.sleep(0.05)
        left = sorted(p for p in workers if _alive(p))
        assert not left, f"workers {left} still running {GRACE_S} s after the main process died"
    finally:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    err = log.read_text()
    if sig == signal.SIGTERM:
        assert proc.returncode == 143, err
        assert err.strip().splitlines()[-1].startswith("corpusfix: stopped by SIGTERM"), err
    r = cli("batch", src, "-o", out, "--accept", "all", "--jobs", str(JOBS))
    assert r.code == 0, r.err
    if sig == signal.SIGTERM:  # what was finished was committed: the rerun skips it
        done = int(r.err.split(" already done")[0].rsplit(", ", 1)[-1])
        assert done >= CHUNK, r.err
    assert cli("verify", out).code == 0
