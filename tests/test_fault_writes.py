"""Fault injection: a write that fails (disk full) or a run killed while it renames its outputs.

Whatever fails, the output set on disk is the old one or the new one, never a mix: after a
failed write the old outputs are byte-identical (absent when there were none), no temporary
file is left and the command says why in one line; a run killed between its renames leaves a
set that ``verify`` rejects (or exactly the old or the new set); a rerun verifies.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from corpusfix.cli.main import main
from tests.conftest import SAMPLE

FAST = ("--only", "whitespace,punctuation")  # the detectors that make a test's text differ
OLD = ("fix", *FAST)  # the old set: nothing accepted (clean = input)
NEW = ("fix", *FAST, "--accept", "all")  # the new set: something changed


def run(*args: object) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, err.getvalue()


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the batch state database aside: it is not an output)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "state.sqlite" not in p.name
    }


def hidden_leftovers(folder: Path) -> list[str]:
    """Temporary files (every output is a plain name; temporaries start with a dot)."""
    return sorted(p.name for p in folder.rglob(".*") if p.is_file())


def without_at(log: bytes) -> list[dict[str, Any]]:
    rows = [json.loads(x) for x in log.decode("utf-8").split("\n") if x]
    for r in rows:
        r.pop("at", None)
    return rows


class Faults:
    """Count the calls that write outputs; make the k-th raise ENOSPC (k=0: never)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int = 0) -> None:
        self.calls = 0
        self.fail_at = fail_at
        self.failed: str | None = None
        real_open, real_write, real_fsync = os.open, os.write, os.fsync
        real_replace = os.replace

        def tick(what: str) -> None:
            self.calls += 1
            if self.calls == self.fail_at:
                self.failed = what
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        temp_fds: set[int] = set()  # only writes of outputs count (not the batch lock's note)

        def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            name = Path(os.fsdecode(path)).name
            temp = bool(flags & os.O_CREAT) and name.startswith(".") and name.endswith(".tmp")
            if temp:
                tick(f"open {name}")
            fd = real_open(path, flags, *args, **kwargs)
            if temp:
                temp_fds.add(fd)
            else:
                temp_fds.discard(fd)
            return fd

        def fake_write(fd: int, data: Any) -> int:
            if fd in temp_fds:
                tick("write")
            return real_write(fd, data)

        def fake_fsync(fd: Any) -> None:
            tick("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync")
            real_fsync(fd)

        def fake_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            tick(f"rename {Path(os.fsdecode(dst)).name}")
            real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "write", fake_write)
        monkeypatch.setattr(os, "fsync", fake_fsync)
        monkeypatch.setattr(os, "replace", fake_replace)


def _each_fault(
    monkeypatch: pytest.MonkeyPatch, action: Callable[[], tuple[int, str]]
) -> Iterator[tuple[int, int, str | None, int, str]]:
    """Run ``action`` once to count its writes, then once more per write with that one failing."""
    with monkeypatch.context() as m:
        counter = Faults(m)
        action()
    assert counter.calls > 3, "the run must write something"
    for k in range(1, counter.calls + 1):
        with monkeypatch.context() as m:
            faults = Faults(m, fail_at=k)
            code, err = action()
        yield k, counter.calls, faults.failed, code, err


def _restore(folder: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(folder)
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)


# ----- fix -----------------------------------------------------------------------------------


def _fix_args(src: Path, folder: Path) -> list[object]:
    out = folder / "clean.txt"
    return [src, "-o", out, "--report", folder / "report.html", "--diff", folder / "clean.diff"]


@pytest.mark.parametrize("old_set", [True, False], ids=["old-outputs", "no-outputs"])
def test_fix_write_failure_at_every_write_keeps_the_old_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old_set: bool
) -> None:
    src = tmp_path / "in.txt"
    shutil.copyfile(SAMPLE, src)
    folder = tmp_path / "out"
    folder.mkdir()
    if old_set:
        assert run(*OLD, *_fix_args(src, folder))[0] == 0
    before = contents(folder)
    assert bool(before) == old_set

    def fix() -> tuple[int, str]:
        _restore(folder, before)  # each try starts from the old set
        return run(*NEW, *_fix_args(src, folder))

    log = folder / "clean.txt.changelog.jsonl"
    for k, calls, failed, code, err in _each_fault(monkeypatch, fix):
        where = f"fault {k} ({failed})"
        assert failed is not None, where
        if code == 0:  # only the folder's fsync after the last rename may fail unheard
            assert failed == "fsync folder" and k == calls, where
            assert run("verify", src, folder / "clean.txt", log)[0] == 0, where
            assert hidden_leftovers(folder) == [], where
            continue
        assert code == 2, where
        assert err.count("\n") == 1 and err.startswith("corpusfix: error: "), (where, err)
        assert "No space left" in err, (where, err)
        assert contents(folder) == before, f"{where}: the old output set changed"
        assert hidden_leftovers(folder) == [], where
    # Space freed: the same command now writes the new set, and it verifies.
    assert fix()[0] == 0
    assert contents(folder) != before
    assert run("verify", src, folder / "clean.txt", log)[0] == 0
    assert src.read_bytes() == SAMPLE.read_bytes()


_KILLER = """
import os, sys
real = os.replace
count = [0]
def replace(*args, **kwargs):
    count[0] += 1
    if count[0] == int(os.environ["KILL_AT_RENAME"]):
        os._exit(137)  # killed: nothing after this runs, no clean-up
    return real(*args, **kwargs)
os.replace = replace
from corpusfix.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def _set(folder: Path) -> dict[str, object]:
    """An output set as SPEC.md compares runs: bytes, and logs without their times."""
    return {
        name: without_at(data) if name.endswith(".jsonl") else data
        for name, data in contents(folder).items()
        if not name.startswith(".")
    }


@pytest.mark.parametrize("old_set", [True, False], ids=["old-outputs", "no-outputs"])
def test_fix_killed_between_renames_leaves_a_set_verify_rejects(
    tmp_path: Path, old_set: bool
) -> None:
    src = tmp_path / "in.txt"
    shutil.copyfile(SAMPLE, src)
    # The new set, written completely in a folder of its own (same names, same input).
    reference = tmp_path / "reference" / "out"
    reference.mkdir(parents=True)
    assert run(*NEW, *_fix_args(src, reference))[0] == 0
    new = _set(reference)
    killer = tmp_path / "killer.py"
    killer.write_text(textwrap.dedent(_KILLER), encoding="utf-8")
    rejected = 0
    for k in range(1, 20):
        folder = tmp_path / f"k{k}" / "out"
        folder.mkdir(parents=True)
        if old_set:
            assert run(*OLD, *_fix_args(src, folder))[0] == 0
        old = _set(folder)
        proc = subprocess.run(
            [sys.executable, str(killer), *NEW, *map(str, _fix_args(src, folder))],
            env={**os.environ, "KILL_AT_RENAME": str(k)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        if proc.returncode == 0:  # fewer renames than k: the run completed
            assert _set(folder) == new
            assert hidden_leftovers(folder) == []
            break
        assert proc.returncode == 137, proc.stderr
        log = folder / "clean.txt.changelog.jsonl"
        accepted = run("verify", src, folder / "clean.txt", log)[0] == 0
        now = _set(folder)
        if accepted:
            assert now in (old, new), f"killed at rename {k}: verify accepts a mixed set"
        else:
            rejected += 1
            assert now != new
        if k == 2:  # between two renames of the set: never a set that verify accepts
            assert not accepted
    else:
        pytest.fail("the run never completed")
    assert rejected >= 2, "kills between renames must leave sets that verify rejects"


def test_verify_rejects_a_new_clean_file_beside_the_old_log(tmp_path: Path) -> None:
    """What an interrupted set looks like, and that ``verify`` checks ``clean_sha256``."""
    src = tmp_path / "in.txt"
    shutil.copyfile(SAMPLE, src)
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, args in ((old, OLD), (new, NEW)):
        folder.mkdir()
        assert run(*args, src, "-o", folder / "clean.txt")[0] == 0
    shutil.copyfile(new / "clean.txt", old / "clean.txt")
    code, _ = run("verify", src, old / "clean.txt", old / "clean.txt.changelog.jsonl")
    assert code == 1
    # The log's own sha256 line decides even where the replay would agree: same bytes, new log.
    log = (new / "clean.txt.changelog.jsonl").read_bytes()
    header = json.loads(log.split(b"\n", 1)[0])
    header["clean_sha256"] = "0" * 64
    forged = json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + log.split(b"\n", 1)[1]
    (new / "clean.txt.changelog.jsonl").write_bytes(forged)
    assert run("verify", src, new / "clean.txt", new / "clean.txt.changelog.jsonl")[0] == 1


def test_temporary_files_carry_the_tool_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpusfix.core.files import TMP_MARKER, is_temp_name

    created: list[str] = []
    real_open = os.open

    def spy(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            created.append(Path(os.fsdecode(path)).name)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    src = tmp_path / "in.txt"
    shutil.copyfile(SAMPLE, src)
    assert run(*NEW, *_fix_args(src, tmp_path))[0] == 0
    assert len(created) == 4 and all(TMP_MARKER in n and is_temp_name(n) for n in created)
    assert not any(is_temp_name(n) for n in (".draft.tmp", ".notes.tmp", "a.corpusfix-1.tmp"))


# ----- batch ---------------------------------------------------------------------------------


def _archive(root: Path) -> Path:
    """Three inputs (UTF-8, GB18030, JSON Lines), each with something to change."""
    src = root / "archive"
    (src / "sub").mkdir(parents=True)
    shutil.copyfile(SAMPLE, src / "a.txt")
    text = SAMPLE.read_text("utf-8")
    fixable = "今年以来,滨河新区围绕产业强区的总体思路开展工作。"
    (src / "sub" / "b.txt").write_bytes((text[:1500] + fixable + "\n").encode("gb18030"))
    rows = [{"id": i, "text": p + fixable} for i, p in enumerate(text.split("\n\n")[:3])]
    (src / "c.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return src


def _sets(outdir: Path) -> dict[str, dict[str, bytes]]:
    """The output set of each input: rel -> {output name: bytes}."""
    sets: dict[str, dict[str, bytes]] = {}
    for name, data in contents(outdir).items():
        if name.startswith("_corpusfix/"):
            continue
        rel = name.removesuffix(".changelog.jsonl").removesuffix(".report.html")
        sets.setdefault(rel, {})[name] = data
    return sets


def test_batch_write_failure_at_every_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _archive(tmp_path)
    out, pristine = tmp_path / "out", tmp_path / "pristine"
    base = ("batch", src, "-o", out, "--jobs", "1", "--jsonl-field", "text", *FAST)
    assert run(*base)[0] == 0  # the old outputs: nothing accepted
    old = _sets(out)
    assert set(old) == {"a.txt", "sub/b.txt", "c.jsonl"}
    shutil.copytree(out, pristine)

    def batch() -> tuple[int, str]:
        # Each try starts from the old outputs and state (they were made with other settings,
        # so every file is redone over its old outputs).
        shutil.rmtree(out)
        shutil.copytree(pristine, out)
        return run(*base, "--accept", "all")

    seen = set()
    for k, _, failed, code, err in _each_fault(monkeypatch, batch):
        where = f"fault {k} ({failed})"
        assert failed is not None, where
        now = _sets(out)
        if code == 0:  # a folder's fsync after the renames: best effort, the outputs are there
            assert failed == "fsync folder", where
            seen.add("folder")
        elif code == 1:  # one file's outputs: it is recorded as failed, the others are done
            seen.add("file")
            summary = json.loads((out / "_corpusfix" / "summary.json").read_text("utf-8"))
            assert len(summary["failed"]) == 1, where
            entry = summary["failed"][0]
            assert "No space left" in entry["error"] and "article" not in entry, where
            rel = Path(entry["path"]).relative_to(src.resolve()).as_posix()
            assert now[rel] == old[rel], f"{where}: the old outputs of {rel} changed"
            assert all(now[r] != old[r] for r in old if r != rel), where
        else:  # the summary itself could not be written: one line
            seen.add("summary")
            assert code == 2, (where, err)
            assert err.endswith("\n") and "\ncorpusfix: error: " in "\n" + err, (where, err)
            assert err.count("corpusfix: error: ") == 1 and "No space left" in err, (where, err)
            assert all(now[r] != old[r] for r in old), where
            json.loads((out / "_corpusfix" / "summary.json").read_text("utf-8"))  # whole
        assert hidden_leftovers(out) == [], (where, hidden_leftovers(out))
    assert seen == {"file", "summary", "folder"}
    # Space freed: the rerun completes and the whole output folder verifies.
    assert run(*base, "--accept", "all")[0] == 0
    assert run("verify", out)[0] == 0


# ----- a real full disk ----------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (root only; skipped elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("a real small file system needs root on Linux (mount -t tmpfs)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"mount -t tmpfs is not allowed here ({done.stderr.decode().strip()})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` until only about ``leave`` bytes are free."""
    filler = disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with filler.open("wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


def test_fix_on_a_full_disk_keeps_the_old_set_and_a_rerun_verifies(
    tmp_path: Path, small_disk: Path
) -> None:
    src = tmp_path / "in.txt"
    shutil.copyfile(SAMPLE, src)
    folder = small_disk / "out"
    folder.mkdir()
    args = [src, "-o", folder / "clean.txt", "--report", folder / "report.html"]
    assert run(*OLD, *args)[0] == 0
    before = contents(folder)
    # Room for the new clean text, not for the rest of the set.
    filler = _fill(small_disk, leave=len(before["clean.txt"]) + 4096)
    code, err = run(*NEW, *args)
    assert code == 2 and err.count("\n") == 1 and "No space left" in err, err
    assert contents(folder) == before
    assert hidden_leftovers(folder) == []
    filler.unlink()  # space freed
    assert run(*NEW, *args)[0] == 0
    assert run("verify", src, folder / "clean.txt", folder / "clean.txt.changelog.jsonl")[0] == 0
