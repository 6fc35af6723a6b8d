"""Reading a file the user names: regular files only, and never more than a limit.

A FIFO blocks ``read()`` forever and a device (``/dev/zero``, ``/dev/urandom``) never ends, so
``stat`` alone protects nothing: the file is opened without blocking, the *opened* descriptor is
checked (no race with a path swapped in between), and at most ``max_bytes + 1`` bytes are read,
which also stops a file that grows while it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from corpusfix.core.errors import CorpusfixError, InputError

# Word lists, confusion pairs and policies: far larger than any real one.
SIDE_FILE_MAX_BYTES = 64 * 2**20
# A change log can outgrow its article (a record per suggestion, hundreds of bytes each); this is
# far beyond the log of the largest article that loads, and still stops a runaway file.
LOG_MAX_BYTES = 4 * 2**30
_BLOCK = 1 << 24
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _amount(n: int) -> str:
    for unit, size in (("MB", 2**20), ("KB", 2**10)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def read_regular(
    path: str | os.PathLike[str],
    max_bytes: int = SIDE_FILE_MAX_BYTES,
    *,
    error: type[CorpusfixError] = InputError,
    too_large: str = "",
) -> bytes:
    """The bytes of a regular file, or ``error`` with a one-line reason.

    ``too_large`` is appended to the size message (advice on what to do instead).
    """
    p = Path(path)
    try:
        fd = os.open(p, _FLAGS | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise error(f"{p}: no such file") from None
    except IsADirectoryError:
        raise error(f"{p}: is a folder, not a file") from None
    except OSError as exc:
        if _is_dir(p):  # Windows refuses to open a folder with a permission error
            raise error(f"{p}: is a folder, not a file") from None
        raise error(f"{p}: cannot read ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error(f"{p}: is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{p}: not a regular file ({file_kind(st.st_mode)})")
        if st.st_size > max_bytes:
            raise error(_size_message(p, st.st_size, max_bytes, too_large))
        blocks: list[bytes] = []
        got = 0
        # The stated size in one read (one buffer, as read_bytes), then blocks while more comes;
        # one byte beyond the limit is enough to tell "too large".
        want = min(st.st_size, max_bytes) + 1
        while got <= max_bytes:
            block = os.read(fd, want)
            if not block:
                break
            blocks.append(block)
            got += len(block)
            want = min(max_bytes + 1 - got, _BLOCK)
        if got > max_bytes:
            raise error(_size_message(p, None, max_bytes, too_large))
    except OSError as exc:
        raise error(f"{p}: cannot read ({exc.strerror})") from None
    finally:
        os.close(fd)
    return blocks[0] if len(blocks) == 1 else b"".join(blocks)


def _size_message(p: Path, size: int | None, limit: int, advice: str) -> str:
    what = f"{_amount(size)} is" if size is not None else "is"
    return f"{p}: {what} larger than the {_amount(limit)} limit{advice}"


def _is_dir(p: Path) -> bool:
    """``Path.is_dir`` that says no where it would raise (a name too long: ENAMETOOLONG)."""
    try:
        return p.is_dir()
    except OSError:
        return False


def file_kind(mode: int) -> str:
    """What a file that is not a plain file is, for messages ("a FIFO")."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"
