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
