"""Turning parsed options into engine settings, with one-line errors."""

from __future__ import annotations

import argparse
from pathlib import Path

from corpusfix.api import (
    DEFAULT_MIN_CONFIDENCE,
    Settings,
    read_confusions,
    read_wordlist,
)
from corpusfix.core.choices import parse_confidence, parse_kinds
from corpusfix.core.errors import UsageError
from corpusfix.core.loading import normalize_encoding


def kinds_option(value: str | None, option: str) -> frozenset[str] | None:
    return None if value is None else parse_kinds(value, option)


def confidence_option(value: float | None, default: float = DEFAULT_MIN_CONFIDENCE) -> float:
    """--min-confidence, checked alike by every command (its default differs: check shows all)."""
    return default if value is None else parse_confidence(value, "--min-confidence")


def settings_from(args: argparse.Namespace) -> Settings:
    max_mb = getattr(args, "max_mb", 64.0)
    if max_mb <= 0:
        raise UsageError("--max-mb must be positive")
    encoding = getattr(args, "encoding", None)
    if encoding:
        normalize_encoding(encoding)  # unknown encodings are a usage error before any work
    wordlist, confusions = user_lists(args)
    return Settings(
        only=kinds_option(getattr(args, "only", None), "--only"),
        lines_mode=bool(getattr(args, "lines", False)),
        encoding=encoding,
        wordlist=wordlist,
        confusions=confusions,
        max_bytes=int(max_mb * 1024 * 1024),
        user_lm=user_lm_option(args),
        learned_sha256=learned_sha256(args),
    )


def user_lm_option(args: argparse.Namespace) -> str | None:
    """--lm MODEL, loaded once here: a bad model file is one error before any work."""
    path: str | None = getattr(args, "lm", None)
    if not path:
        return None
    from corpusfix.lm.usermodel import load_user_model

    load_user_model(path)
    return str(Path(path).resolve())  # absolute: batch workers (Dask too) load it by this path


def user_lists(args: argparse.Namespace) -> tuple[frozenset[str], dict[str, str]]:
    """--wordlist and --confusions files, plus the user's own lists with --user-lists."""
    words = set(read_wordlist(args.wordlist)) if getattr(args, "wordlist", None) else set()
    pairs = read_confusions(args.confusions) if getattr(args, "confusions", None) else {}
    if getattr(args, "user_lists", False):
        from corpusfix import config

        words |= config.load_user_wordlist()
        pairs = config.load_run_confusions() | pairs
    return frozenset(words), pairs


def learned_sha256(args: argparse.Namespace) -> str | None:
    """The sha256 of the learned table a run uses (only with --user-lists), for its log header."""
    if not getattr(args, "user_lists", False):
        return None
    from corpusfix import config

    return config.learned_table_sha256()


def list_files(args: argparse.Namespace) -> list[str]:
    """The files user_lists reads, and the --lm model (inputs too: no output may be one)."""
    named = ("wordlist", "confusions", "lm")
    files = [f for f in (getattr(args, name, None) for name in named) if f]
    if getattr(args, "user_lists", False):
        from corpusfix import config

        files += [str(config.user_wordlist_path()), str(config.user_confusions_path())]
        files.append(str(config.learned_table_path()))
    return files
