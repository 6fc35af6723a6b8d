"""Safe output: atomic writes, and never the input itself."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from collections.abc import Sequence
from pathlib import Path

from corpusfix.core.errors import CorpusfixError, UsageError


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Are ``a`` and ``b`` one file (links and case-insensitive names included)?

    When either does not exist, writing the one cannot touch the other: two stat calls decide,
    with no path resolution (that cost ~5 % of a run writing many small files).
    """
    try:
        return Path(a).samefile(b)
    except OSError:
        return False


def refuse_overwrite(output: str | os.PathLike[str], *inputs: str | os.PathLike[str]) -> None:
    for inp in inputs:
        if same_file(output, inp):
            raise UsageError(
                f"{output}: output path is the input file; corpusfix never modifies its input"
            )


TMP_MARKER = ".corpusfix-"
"""Every temporary file corpusfix writes is named ``.NAME.corpusfix-XXXXXXXX.tmp``: cleanup
removes only names that hold this marker, never a user's own ``.*.tmp`` files."""

_NAME_ROOM = 200  # bytes of the target's name kept in a temporary name (NAME_MAX is 255)


def is_temp_name(name: str) -> bool:
    """Is ``name`` (a file name, not a path) one of corpusfix's own temporary files?"""
    return name.startswith(".") and TMP_MARKER in name and name.endswith(".tmp")


def _temp_path(target: Path) -> Path:
    name = target.name
    if len(os.fsencode(name)) > _NAME_ROOM:  # keep the temporary name within NAME_MAX
        name = hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    return target.with_name(f".{name}{TMP_MARKER}{secrets.token_hex(4)}.tmp")


def _existing_mode(target: Path) -> int | None:
    """The permission bits an overwritten output keeps; None when there is no file yet."""
    try:
        st = target.stat()
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(st.st_mode):
        raise CorpusfixError(f"{target}: is a folder; cannot write a file there")
    return stat.S_IMODE(st.st_mode)


def create_temp(target: Path) -> tuple[int, Path]:
    """Create a fresh temporary file beside ``target``: (open descriptor, path).

    Created with mode 0666 so the kernel applies the umask as for any new file (``mkstemp``
    makes 0600); an existing target's mode is copied, so overwriting keeps its permissions.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _existing_mode(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    while True:
        tmp = _temp_path(target)
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits collided
            continue
        break
    if mode is not None:
        try:
            tmp.chmod(mode)
        except OSError:
            os.close(fd)
            _unlink(tmp)
            raise
    return fd, tmp


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _sync_dirs(paths: Sequence[Path]) -> None:
    """Make the renames themselves durable (best effort: not every file system allows it)."""
    for folder in {p.parent for p in paths}:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _cannot_write(target: Path, exc: OSError) -> CorpusfixError:
    return CorpusfixError(f"{target}: cannot write ({exc.strerror or exc})")


def write_set(
    files: Sequence[tuple[str | os.PathLike[str], bytes]], *, durable: bool = True
) -> None:
    """Write several outputs as one set: after an error the old set is there, or the new one.

    The LAST file seals the set: it is the change log, which names the clean file's sha256, so
    ``verify`` accepts no other file without it. Every file goes to a temporary file first
    (flushed to disk when ``durable``); only when all are written are they renamed. An old seal
    is moved aside before the first rename and the new one is renamed last, so a run killed
    between renames leaves no seal and ``verify`` rejects the set. An error while renaming puts
    the old files back (the seal last of all: if that fails, the set stays rejected). ``durable``
    also syncs the folders; batch leaves it off for speed (an interrupted batch redoes the file).
    """
    targets = [Path(p) for p, _ in files]
    # Spelled alike (links are the caller's check): no system call, batch writes many sets.
    if len({os.path.normpath(t.absolute()) for t in targets}) != len(targets):
        raise UsageError("two outputs of one set have the same path")
    temps: list[Path] = []
    try:
        for target, (_, data) in zip(targets, files, strict=True):
            try:
                fd, tmp = create_temp(target)
            except OSError as exc:
                raise _cannot_write(target, exc) from None
            temps.append(tmp)
            try:
                try:
                    _write_all(fd, data)
                    if durable:
                        os.fsync(fd)
                finally:
                    os.close(fd)  # can report a failed write itself (NFS, quotas)
            except OSError as exc:
                raise _cannot_write(target, exc) from None
    except BaseException:
        for tmp in temps:
            _unlink(tmp)
        raise
    if len(targets) == 1:  # one rename is atomic by itself
        try:
            temps[0].replace(targets[0])
        except OSError as exc:
            _unlink(temps[0])
            raise _cannot_write(targets[0], exc) from None
    else:
        _rename_set(targets, temps)
    if durable:
        _sync_dirs(targets)


def _rename_set(targets: list[Path], temps: list[Path]) -> None:
    """Rename temporaries over their targets, seal (the last one) out first and in last."""
    order = [len(targets) - 1, *range(len(targets) - 1)]  # the old seal is moved aside first
    backups: dict[int, Path] = {}  # index -> where its old file was moved
    placed: list[int] = []
    current: Path = targets[-1]
    try:
        for i in order:
            current = targets[i]
            if os.path.lexists(current):
                backup = _temp_path(current)
                current.replace(backup)
                backups[i] = backup
            if i != len(targets) - 1:
                temps[i].replace(current)
                placed.append(i)
        current = targets[-1]
        temps[-1].replace(current)
    except BaseException as exc:
        _roll_back(targets, temps, backups, placed)
        if isinstance(exc, OSError):
            raise _cannot_write(current, exc) from None
        raise
    for backup in backups.values():
        _unlink(backup)


def _roll_back(
    targets: list[Path], temps: list[Path], backups: dict[int, Path], placed: list[int]
) -> None:
    """Put the old set back; the seal only when everything else is back (else none at all)."""
    seal = len(targets) - 1
    restored = True
    for i in reversed(placed):
        try:
            if i in backups:
                backups.pop(i).replace(targets[i])
            else:
                targets[i].unlink()
        except OSError:
            restored = False
    for i in [i for i in backups if i != seal]:  # moved aside but not yet replaced
        try:
            backups.pop(i).replace(targets[i])
        except OSError:
            restored = False
    if restored and seal in backups:
        with contextlib.suppress(OSError):
            backups.pop(seal).replace(targets[seal])
    for i, tmp in enumerate(temps):
        if i not in placed:
            _unlink(tmp)
    # Whatever is left in ``backups`` is the only copy of an old output: it stays.


def atomic_write(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``.

    The rename makes the write atomic for other processes and for a killed run; ``durable``
    also fsyncs the data first, which survives a power cut (batch leaves it off for speed: an
    interrupted batch redoes unrecorded files anyway).
    """
    write_set([(path, data)], durable=durable)
