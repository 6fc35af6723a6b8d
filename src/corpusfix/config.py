"""Per-user files in the platform's config location (no Qt: the CLI uses them too)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


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


def load_user_wordlist() -> set[str]:
    path = user_wordlist_path()
    if not path.is_file():
        return set()
    return {
        ln.strip()
        for ln in path.read_text("utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    }


def add_to_user_wordlist(word: str) -> None:
    from corpusfix.api import write_wordlist

    words = load_user_wordlist() | {word}
    path = user_wordlist_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_wordlist(path, words)
