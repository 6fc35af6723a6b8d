"""Safe output: atomic writes, and never an input or another output of the same command."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from corpusfix.core.errors import CorpusfixError, UsageError

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
        st = _stat(Path(inp))
        if st is None:
            missing_inputs[resolver.key(inp)[0]] = os.fspath(inp)
        else:
            by_inode.setdefault((st.st_dev, st.st_ino), os.fspath(inp))
    root = resolver.folder_key(inside) if inside is not None else None
    seen: dict[str, str] = {}
    seen_inode: dict[tuple[int, int], str] = {}
    folders: set[str] = set()
    for item in outputs:
        out = item[1] if isinstance(item, tuple) else item
        name = f"{item[0]} {os.fspath(out)}" if isinstance(item, tuple) else os.fspath(out)
        key, st = resolver.key(out)
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise UsageError(f"{name}: output path is a folder")
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
        folders.update(resolver.ancestors(key))
    for key in folders.intersection(seen):
        raise UsageError(f"{seen[key]}: output path is also the folder of another output")


def resolves_inside(path: StrPath, folder: StrPath) -> bool:
    """Would writing ``path`` put a file inside ``folder`` (links and ``..`` resolved)?"""
    resolver = _Resolver()
    return resolver.key(path)[0].startswith(resolver.folder_key(folder))


class _Resolver:
    """Resolves paths as a write will see them; a folder holding many outputs is resolved once."""

    def __init__(self) -> None:
        self._real: dict[Path, Path] = {}
        self._parents: dict[str, list[str]] = {}

    def _real_dir(self, folder: Path) -> Path:
        real = self._real.get(folder)
        if real is None:
            real = self._real[folder] = folder.resolve()
        return real

    def key(self, path: StrPath) -> tuple[str, os.stat_result | None]:
        """The resolved path (case-folded where the file system ignores case) and its stat."""
        p = Path(path).absolute()  # as every writer here sees it: no trailing slash, no "."
        if p.name in ("", ".."):  # "/", "x/..": the path names a folder
            real = p.resolve()
            return _fold(real, real), _stat(real)
        folder = self._real_dir(p.parent)
        full = folder / p.name
        try:
            lst = full.lstat()
        except (OSError, ValueError):
            return _fold(full, folder), None
        # The write replaces a link itself (a rename), so the link's own path is the key; what
        # it points to still counts for the inode checks (a link to the input is refused).
        return _fold(full, folder), _stat(full) if stat.S_ISLNK(lst.st_mode) else lst

    def folder_key(self, folder: StrPath) -> str:
        real = Path(folder).absolute().resolve()
        return _fold(real, real).rstrip(os.sep) + os.sep

    def ancestors(self, key: str) -> list[str]:
        """The folders above ``key``, computed once per folder."""
        parent = Path(key).parent
        found = self._parents.get(str(parent))
        if found is None:
            found = [str(parent), *(str(p) for p in parent.parents)]
            self._parents[str(parent)] = found
        return found


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except (OSError, ValueError):
        return None


def _fold(path: Path, folder: Path) -> str:
    return str(path).casefold() if _ignores_case(folder) else str(path)


@lru_cache(maxsize=256)
def _ignores_case(folder: Path) -> bool:
    """Does the file system holding ``folder`` ignore case? Probed on its nearest cased name."""
    for candidate in (folder, *folder.parents):
        name = candidate.name
        if name.swapcase() != name and candidate.exists():
            return same_file(candidate, candidate.with_name(name.swapcase()))
    return sys.platform in ("darwin", "win32")


def atomic_write(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``.

    The rename makes the write atomic for other processes and for a killed run; ``durable``
    also fsyncs the data first, which survives a power cut (batch leaves it off for speed: an
    interrupted batch redoes unrecorded files anyway).
    """
    target = Path(path)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise CorpusfixError(f"{target}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        Path(tmp).replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise CorpusfixError(f"{target}: cannot write ({exc.strerror})") from None
