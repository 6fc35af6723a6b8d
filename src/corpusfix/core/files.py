"""Safe output: atomic writes, and never an input or another output of the same command."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from corpusfix.core.errors import CorpusfixError, UsageError
from corpusfix.core.reading import file_kind

StrPath = str | os.PathLike[str]


def same_file(a: StrPath, b: StrPath) -> bool:
    """Are ``a`` and ``b`` one file (links and case-insensitive names included)?

    When either does not exist, writing the one cannot touch the other: two stat calls decide,
    with no path resolution (that cost ~5 % of a run writing many small files).
    """
    try:
        return Path(a).samefile(b)
    except OSError:
        return False


def names_folder(path: StrPath) -> bool:
    """Does this spelling name a folder whatever exists: ``.``, ``..``, ``dir/``, ``dir/.``?

    Checked on the string as typed: ``Path("out/")`` and ``Path("out/.")`` are ``out``, so a
    file named ``out`` would be written where the user meant a folder.
    """
    s = os.fspath(path)
    seps = "/\\" if os.sep == "\\" else "/"
    tail = re.split(f"[{re.escape(seps)}]", s)[-1]
    return tail in ("", ".", "..")


NAME_MAX = 255  # bytes of one file name on ext4, XFS, btrfs, APFS (and 255 UTF-16 units on NTFS)


def output_file(value: str, option: str) -> Path:
    """A command's file output (``-o OUT``, ``--changelog``...): a folder is one usage error."""
    if names_folder(value):
        raise UsageError(f"{option} {value}: output path is a folder; {option} names a file")
    return Path(value)


def refuse_overwrite(output: StrPath, *inputs: StrPath) -> None:
    """The one-output form of :func:`check_outputs` (kept for callers that write one file)."""
    check_outputs([output], inputs)


def check_outputs(
    outputs: Iterable[StrPath | tuple[str, StrPath]],
    inputs: Iterable[StrPath] = (),
    *,
    inside: StrPath | None = None,
) -> None:
    """Refuse (UsageError, before anything is written) an output set that could lose data.

    Every output is resolved as the write will see it (symlinks, ``..``, ``.``, a trailing
    slash, a case-insensitive file system) and, where it exists, identified by its inode (hard
    links). Refused: an output that is an input, two outputs that are one file, an output that
    is a folder or the folder of another output, and with ``inside`` an output that resolves
    outside that folder. Inputs are identified by inode only (an output that does not exist
    cannot be an existing input), which keeps a batch of a million files to one stat each.
    An output given as ``(label, path)`` is named ``label path`` in messages (``-o x.txt``).
    """
    resolver = _Resolver()
    by_inode: dict[tuple[int, int], str] = {}
    missing_inputs: dict[str, str] = {}
    for inp in inputs:
        st = _stat(os.fspath(inp))
        if st is None:  # its own resolver: an input's folders are no outputs' folders
            missing_inputs[_Resolver().key(inp)[0]] = os.fspath(inp)
        else:
            by_inode.setdefault((st.st_dev, st.st_ino), os.fspath(inp))
    root = resolver.folder_key(inside) if inside is not None else None
    seen: dict[str, str] = {}
    seen_inode: dict[tuple[int, int], str] = {}
    for item in outputs:
        out = item[1] if isinstance(item, tuple) else item
        name = f"{item[0]} {os.fspath(out)}" if isinstance(item, tuple) else os.fspath(out)
        size = len(os.fsencode(os.path.basename(os.fspath(out))))  # noqa: PTH119 (speed)
        if size > NAME_MAX:
            # Found here, not at the write after the whole analysis (a change log's suffix).
            raise UsageError(f"{name}: file name too long ({size} bytes; at most {NAME_MAX})")
        key, st = resolver.key(out)
        if names_folder(out) or (st is not None and stat.S_ISDIR(st.st_mode)):
            raise UsageError(f"{name}: output path is a folder")
        if st is not None and not stat.S_ISREG(st.st_mode):  # /dev/null, a FIFO, a link to one
            raise UsageError(
                f"{name}: output path is not a regular file ({file_kind(st.st_mode)}); "
                "corpusfix replaces its outputs, so it writes only to regular files"
            )
        if st is None and (blocker := resolver.file_in_the_way(out)) is not None:
            raise UsageError(f"{name}: {blocker} is a file, not a folder")
        inode = (st.st_dev, st.st_ino) if st is not None else None
        source = by_inode.get(inode) if inode else missing_inputs.get(key)
        if source is not None:
            raise UsageError(
                f"{name}: output path is the input file {source}; "
                "corpusfix never modifies its input"
            )
        other = seen.get(key) or (seen_inode.get(inode) if inode else None)
        if other is not None:
            raise UsageError(f"{other} and {name} would be the same file; give each its own path")
        if root is not None and not key.startswith(root):
            raise UsageError(f"{name}: output path resolves outside the output folder {inside}")
        seen[key] = name
        if inode:
            seen_inode[inode] = name
    for key in resolver.folders.intersection(seen):
        raise UsageError(f"{seen[key]}: output path is also the folder of another output")


def resolves_inside(path: StrPath, folder: StrPath) -> bool:
    """Would writing ``path`` put a file inside ``folder`` (links and ``..`` resolved)?"""
    resolver = _Resolver()
    return resolver.key(path)[0].startswith(resolver.folder_key(folder))


class _Resolver:
    """Resolves paths as a write will see them; a folder holding many outputs is resolved once.

    Plain strings, not Path objects: a batch checks three outputs per input, and pathlib's
    parsing was most of the cost.
    """

    def __init__(self) -> None:
        self._cwd = str(Path.cwd())
        self._real: dict[str, tuple[str, bool]] = {}  # folder -> (resolved, ignores case)
        self.folders: set[str] = set()  # every folder above an output (resolved, folded)
        self._blocked: dict[str, str] = {}  # folder -> the file in its way ("" when none)

    def _folder(self, folder: str) -> tuple[str, bool]:
        found = self._real.get(folder)
        if found is None:
            real = str(Path(folder).resolve())
            found = self._real[folder] = (real, _ignores_case(real))
            above = real.casefold() if found[1] else real
            while above not in self.folders:
                self.folders.add(above)
                above, _, _ = above.rpartition(os.sep)
                if not above:
                    break
        return found

    def _absolute(self, path: StrPath) -> str:
        """As every writer here sees it (via Path): absolute, no trailing slash, no "."."""
        s = os.fspath(path)
        if os.sep != "/" or "//" in s or "/./" in s or s.endswith(("/", "/.")) or s == ".":
            return str(Path(s).absolute())
        return s if s.startswith("/") else f"{self._cwd}/{s}"

    def key(self, path: StrPath) -> tuple[str, os.stat_result | None]:
        """The resolved path (case-folded where the file system ignores case) and its stat."""
        s = self._absolute(path)
        head, _, name = s.rpartition(os.sep)
        if name in ("", ".."):  # "/", "x/..": the path names a folder
            real = str(Path(s).resolve())
            return (real.casefold() if _ignores_case(real) else real), _stat(real)
        folder, fold = self._folder(head or os.sep)
        full = folder.rstrip(os.sep) + os.sep + name
        try:
            st = os.lstat(full)
        except (OSError, ValueError):
            st = None
        if st is not None and stat.S_ISLNK(st.st_mode):
            # The write replaces a link itself (a rename), so the link's own path is the key;
            # what it points to still counts for the inode checks (a link to the input).
            st = _stat(full)
        return (full.casefold() if fold else full), st

    def file_in_the_way(self, path: StrPath) -> str | None:
        """The nearest existing folder above ``path``, where that is no folder (a file): the
        write could not create the folders it needs. Each folder is looked at once."""
        head = self._absolute(path).rpartition(os.sep)[0] or os.sep
        found = self._blocked.get(head)
        if found is None:
            st = _stat(head)
            if st is not None:
                found = "" if stat.S_ISDIR(st.st_mode) else head
            else:
                parent = head.rpartition(os.sep)[0] or os.sep
                found = "" if parent == head else (self.file_in_the_way(head) or "")
            self._blocked[head] = found
        return found or None

    def folder_key(self, folder: StrPath) -> str:
        real = str(Path(folder).absolute().resolve())
        return (real.casefold() if _ignores_case(real) else real).rstrip(os.sep) + os.sep


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)  # noqa: PTH116 (a string: Path parsing cost most of a big batch)
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=256)
def _ignores_case(folder: str) -> bool:
    """Does the file system holding ``folder`` ignore case? Probed on its nearest cased name."""
    p = Path(folder)
    for candidate in (p, *p.parents):
        name = candidate.name
        if name.swapcase() != name and candidate.exists():
            return same_file(candidate, candidate.with_name(name.swapcase()))
    return sys.platform in ("darwin", "win32")


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
    if not stat.S_ISREG(st.st_mode):  # the rename would replace a device node or a FIFO
        raise CorpusfixError(
            f"{target}: not a regular file ({file_kind(st.st_mode)}); cannot write there"
        )
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
