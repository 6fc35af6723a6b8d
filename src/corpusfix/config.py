"""Per-user files in the platform's config location (no Qt: the CLI uses them too).

Two lists, one entry per line, UTF-8: ``wordlist.txt`` (words never to flag) and
``confusions.txt`` (``wrong<TAB>right`` pairs always to check). The app reads both; the command
line reads them with ``--user-lists``; ``corpusfix lists`` shows, adds, imports and exports.
``archive.charlm``, where there is one, is the app's ``--lm`` model.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpusfix.api import Settings

LISTS = ("words", "confusions")


def config_dir() -> Path:
    if override := os.environ.get("CORPUSFIX_CONFIG_DIR"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "corpusfix"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "corpusfix"
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "corpusfix"


def user_wordlist_path() -> Path:
    return config_dir() / "wordlist.txt"


def user_confusions_path() -> Path:
    return config_dir() / "confusions.txt"


def learned_table_path() -> Path:
    """The counts ``corpusfix lists learn`` keeps (detectors/typos/learned.py)."""
    return config_dir() / "learned-channel.json"


def user_model_path() -> Path:
    """The archive's own character model the app uses beside the shipped ones, if it is there
    (``corpusfix lm build ARCHIVE -o`` this path; the command line takes ``--lm MODEL``)."""
    return config_dir() / "archive.charlm"


def load_learned_confusions() -> dict[str, str]:
    """seen → meant pairs people fixed often enough in the logs ``lists learn`` read."""
    from corpusfix.detectors.typos.learned import LearnedTable

    return LearnedTable.load(learned_table_path()).confusions()


def load_run_confusions() -> dict[str, str]:
    """The pairs a run with the user's lists checks (the app, --user-lists): the learned ones,
    then the user's own list, which wins where both name a character."""
    return load_learned_confusions() | load_user_confusions()


def learned_table_sha256() -> str | None:
    """The learned table's sha256 (named in each log header), or None when there is none."""
    from corpusfix.detectors.typos.learned import LearnedTable

    path = learned_table_path()
    return LearnedTable.load(path).sha256() if path.is_file() else None


def app_engine_settings(encoding: str | None = None) -> Settings:
    """What the app analyses with: the user's word list, the learned and the user's confusion
    pairs (the learned table named by its sha256 in each export's log), the archive's model."""
    from corpusfix.api import Settings

    model = user_model_path()
    return Settings(
        encoding=encoding,
        wordlist=frozenset(load_user_wordlist()),
        confusions=load_run_confusions(),
        user_lm=str(model) if model.is_file() else None,
        learned_sha256=learned_table_sha256(),
    )


def load_user_wordlist() -> set[str]:
    from corpusfix.api import read_wordlist

    path = user_wordlist_path()
    return set(read_wordlist(path)) if path.is_file() else set()


def load_user_confusions() -> dict[str, str]:
    from corpusfix.api import read_confusions

    path = user_confusions_path()
    return read_confusions(path) if path.is_file() else {}


def add_to_user_wordlist(*words: str) -> int:
    """Add words; returns how many were new."""
    from corpusfix.api import write_wordlist

    old = load_user_wordlist()
    new = old | {w.strip() for w in words if w.strip()}
    if new != old:
        path = user_wordlist_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_wordlist(path, new)
    return len(new) - len(old)


def add_user_confusions(pairs: dict[str, str]) -> int:
    """Add or update pairs; returns how many were new or changed."""
    old = load_user_confusions()
    new = old | pairs
    changed = sum(1 for k, v in pairs.items() if old.get(k) != v)
    if changed:
        path = user_confusions_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_confusions(path, new)
    return changed


def remove_entries(which: str, entries: Iterable[str]) -> list[str]:
    """Remove entries from the user's list (a word, or a confusion by its wrong form or as
    ``wrong<TAB>right``); returns those that were there. The list is rewritten atomically."""
    from corpusfix.api import write_wordlist

    wanted = [e.strip() for e in entries if e.strip()]
    if which == "words":
        words = load_user_wordlist()
        gone = [w for w in dict.fromkeys(wanted) if w in words]
        if gone:
            write_wordlist(user_wordlist_path(), words - set(gone))
        return gone
    pairs = load_user_confusions()
    gone = []
    for entry in dict.fromkeys(wanted):
        wrong, _, right = entry.partition("\t")
        if wrong in pairs and (not right or pairs[wrong] == right):
            gone.append(f"{wrong}\t{pairs.pop(wrong)}")
    if gone:
        write_confusions(user_confusions_path(), pairs)
    return gone


def write_confusions(path: str | os.PathLike[str], pairs: dict[str, str]) -> None:
    from corpusfix.core.files import atomic_write

    atomic_write(path, "".join(f"{k}\t{pairs[k]}\n" for k in sorted(pairs)).encode("utf-8"))


def import_list(which: str, source: str | os.PathLike[str]) -> int:
    """Merge a file into the user's list (the file is checked first); returns entries added."""
    from corpusfix.api import read_confusions, read_wordlist

    if which == "words":
        return add_to_user_wordlist(*read_wordlist(source))
    return add_user_confusions(read_confusions(source))


def export_list(which: str, target: str | os.PathLike[str]) -> int:
    """Write the user's list to a file (atomically); returns the number of entries."""
    from corpusfix.api import write_wordlist
    from corpusfix.core.files import check_outputs

    # The CLI and the app both come here: never write over the user's own lists.
    check_outputs([target], [user_wordlist_path(), user_confusions_path()])
    if which == "words":
        words = load_user_wordlist()
        write_wordlist(target, words)
        return len(words)
    pairs = load_user_confusions()
    write_confusions(target, pairs)
    return len(pairs)


def list_entries(which: str) -> Iterable[str]:
    if which == "words":
        return sorted(load_user_wordlist())
    return [f"{k}\t{v}" for k, v in sorted(load_user_confusions().items())]
