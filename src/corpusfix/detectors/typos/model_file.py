"""Opening the KenLM binary wherever corpusfix is installed.

KenLM opens files through the C library with a narrow path. On Windows the Python binding hands
it UTF-8 bytes, which the C library reads in the ANSI code page, so an installation under a
user folder with Chinese characters (C:\\Users\\张三\\…) cannot open the model as is. The
fallbacks, in order: the path in the ANSI code page; a copy in a folder whose path is ASCII.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from corpusfix.core.errors import ModelError

M = TypeVar("M")


def open_model(path: Path, opener: Callable[[str | bytes], M]) -> M:
    """``opener(path)``, trying the fallbacks when the path itself cannot be opened."""
    try:
        return opener(str(path))
    except OSError as exc:
        first = exc
    if not path.is_file():
        raise ModelError(f"the language model is missing: {path} (reinstall corpusfix)")
    for alternative in _alternatives(path):
        try:
            return opener(alternative)
        except OSError:
            continue
    reason = str(first).replace("\n", " ")
    raise ModelError(f"cannot open the language model {path}: {reason}")


def _alternatives(path: Path) -> Iterator[str | bytes]:
    if str(path).isascii():
        return
    if sys.platform == "win32":
        try:
            ansi = str(path).encode("mbcs", errors="strict")
        except UnicodeEncodeError:
            ansi = None
        if ansi is not None:
            yield ansi
    copy = _ascii_copy(path)
    if copy is not None:
        yield str(copy)


def ascii_folders() -> Iterator[Path]:
    """Folders with an ASCII path where a copy may go, most private first."""
    for name in (tempfile.gettempdir(), os.environ.get("PUBLIC"), os.environ.get("PROGRAMDATA")):
        if name and name.isascii():
            yield Path(name) / "corpusfix"


def _ascii_copy(path: Path) -> Path | None:
    """A copy of ``path`` under an ASCII folder, made once per model version, atomically."""
    stat = path.stat()
    name = f"{path.stem}-{stat.st_size}-{int(stat.st_mtime)}{path.suffix}"
    for folder in ascii_folders():
        target = folder / name
        if target.is_file() and target.stat().st_size == stat.st_size:
            return target
        partial: Path | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=folder, suffix=".part")
            os.close(fd)
            partial = Path(temp)
            shutil.copyfile(path, partial)
            partial.replace(target)
            return target
        except OSError:
            if partial is not None:
                partial.unlink(missing_ok=True)
    return None
