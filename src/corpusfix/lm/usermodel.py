"""The user's own character model (``--lm MODEL``): loaded once per process, named in log headers.

A run loads the model by path; batch workers and the app's re-analyses get the same ``CharLM``
object back (cached by path, size and modification time), so the typo check's per-model caches
keep working across documents. The change log names the model by two digests: the file's bytes
(``user_lm_sha256``) and the training inputs its header records (``user_lm_training_sha256``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from corpusfix.core.errors import InputError
from corpusfix.lm.model import CharLM

HEADER_SHA256 = "user_lm_sha256"
HEADER_TRAINING = "user_lm_training_sha256"


@lru_cache(maxsize=4)
def _load(path: str, size: int, mtime_ns: int) -> CharLM:
    return CharLM.load(path)


def load_user_model(path: str | os.PathLike[str]) -> CharLM:
    """The model at ``path``; InputError (one line) for a missing, unreadable or damaged file."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise InputError(f"{p}: cannot read the character model ({exc.strerror})") from None
    return _load(str(p.resolve()), st.st_size, st.st_mtime_ns)


def identity(lm: CharLM) -> dict[str, str]:
    """The log header keys that name ``lm``."""
    return {HEADER_SHA256: lm.sha256, HEADER_TRAINING: str(lm.header.get("training_sha256", ""))}
