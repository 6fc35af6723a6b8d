"""One batch at a time per OUTDIR: an advisory lock on OUTDIR/_corpusfix/lock.

A POSIX record lock (``fcntl.lockf``), not ``flock``: the kernel drops it when the process that
took it dies (``kill -9`` included), and forked worker processes do not inherit it, so workers
outliving a killed run cannot block the next one. The file holds the owner's pid and start time
only to name it in the refusal; a stale file is harmless. On Windows ``msvcrt.locking``.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from corpusfix.core.batch_layout import LOCK_FILE
from corpusfix.core.errors import UsageError

_held: dict[str, tuple[int, int]] = {}  # lock path -> (fd, depth): re-entrant in one process


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _owner(path: Path) -> str:
    try:
        text = path.read_text("utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return f" ({text})" if text else ""


def _refusal(state_dir: Path, path: Path) -> UsageError:
    return UsageError(
        f"{state_dir.parent}: another corpusfix batch is writing to this folder"
        f"{_owner(path)}; wait for it to finish or stop it"
    )


def refuse_if_running(state_dir: Path) -> None:
    """Refuse before any slow work (listing a huge archive) when another run holds the lock.
    Creates nothing; the lock itself is taken later, by ``outdir_lock``."""
    path = state_dir / LOCK_FILE
    if str(path.resolve()) in _held:
        return  # ours (closing another descriptor would drop our POSIX lock)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return  # no lock file: no run has ever held it
    try:
        if not _try_lock(fd):
            raise _refusal(state_dir, path)
    finally:
        os.close(fd)


@contextlib.contextmanager
def outdir_lock(state_dir: Path) -> Iterator[None]:
    """Hold the run's lock, or refuse at once (UsageError) when another run holds it."""
    path = state_dir / LOCK_FILE
    key = str(path.resolve())
    if key in _held:  # the same process, one level up (the CLI around run_batch)
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        try:
            yield
        finally:
            fd, depth = _held[key]
            _held[key] = (fd, depth - 1)
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise UsageError(f"{path}: cannot create the run's lock ({exc.strerror})") from None
    try:
        if not _try_lock(fd):
            raise _refusal(state_dir, path)
        started = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"pid {os.getpid()}, started {started}".encode())
        _held[key] = (fd, 1)
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)  # closing releases the lock
