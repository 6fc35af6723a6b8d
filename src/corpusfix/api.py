"""The engine's front door: open a file, analyse it, start a review session.

The CLI, the desktop app and batch all go through these functions (none imports Qt).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from corpusfix.core.document import Document, Role, build_document
from corpusfix.core.errors import InputError
from corpusfix.core.extraction import Extraction
from corpusfix.core.loading import DEFAULT_MAX_BYTES, LoadedText, read_input
from corpusfix.core.reading import read_regular
from corpusfix.core.session import ReviewSession
from corpusfix.core.suggestion import Suggestion
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.pipeline import analyze, detectors_to_run

if TYPE_CHECKING:
    from corpusfix.lm.model import CharLM

# The confidence from which `--accept` applies a suggestion when --min-confidence is not given.
# Benchmarks (bench/) report their figures at this threshold.
DEFAULT_MIN_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Settings:
    only: frozenset[str] | None = None
    lines_mode: bool = False
    encoding: str | None = None
    wordlist: frozenset[str] = frozenset()
    confusions: dict[str, str] = field(default_factory=dict)
    disabled: tuple[str, ...] = ()
    archive_evidence: str | None = None  # batch: a file written by typos.archive.save
    user_lm: str | None = None  # --lm: the path of the archive's own character model
    # sha256 of the learned table whose pairs are among ``confusions`` (--user-lists, the app)
    learned_sha256: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def open_document(path: str | os.PathLike[str], settings: Settings | None = None) -> Document:
    settings = settings or Settings()
    data = read_input(path, settings.max_bytes)
    from corpusfix.core.sources import load_source

    loaded, extraction = load_source(data, settings.encoding, str(path))
    return document_from(
        loaded, name=Path(path).name, lines_mode=settings.lines_mode, extraction=extraction
    )


def document_from(
    loaded: LoadedText,
    *,
    name: str,
    lines_mode: bool = False,
    extraction: Extraction | None = None,
) -> Document:
    doc = build_document(loaded.text, name=name, lines_mode=lines_mode, loaded=loaded)
    if extraction is not None:
        doc.extraction = extraction
        # font size says what a short body-like line of text cannot: this is a headline
        big = set(extraction.headlines)
        doc.paragraphs = tuple(
            replace(p, role=Role.HEADLINE) if p.role is Role.BODY and (p.start, p.end) in big else p
            for p in doc.paragraphs
        )
    return doc


def slow_detectors(settings: Settings | None = None) -> tuple[str, ...]:
    """Ids of the detectors to run that a quick first pass leaves out (the typo detector)."""
    settings = settings or Settings()
    return tuple(d.id for d in detectors_to_run(settings.only, settings.disabled) if d.slow)


def without_model(settings: Settings) -> Settings:
    """The same settings with the detectors that need the language model switched off."""
    ids = tuple(d.id for d in detectors_to_run(settings.only, settings.disabled) if d.needs_model)
    return replace(settings, disabled=settings.disabled + ids)


def suggest_quick(doc: Document, settings: Settings | None = None) -> list[Suggestion]:
    """Everything but the slow detectors: a first look at a big article within a second."""
    settings = settings or Settings()
    quick = replace(settings, disabled=settings.disabled + slow_detectors(settings))
    return suggest(doc, quick)


def suggest(doc: Document, settings: Settings | None = None) -> list[Suggestion]:
    settings = settings or Settings()
    archive = None
    if settings.archive_evidence:
        from corpusfix.detectors.typos.archive import load

        archive = load(settings.archive_evidence)
    ctx = DetectContext(
        wordlist=settings.wordlist,
        confusions=dict(settings.confusions),
        archive=archive,
        user_lm=_user_lm(settings),
    )
    return analyze(doc, only=settings.only, ctx=ctx, disabled=settings.disabled)


def _user_lm(settings: Settings) -> CharLM | None:
    if not settings.user_lm:
        return None
    from corpusfix.lm.usermodel import load_user_model

    return load_user_model(settings.user_lm)


def model_header(settings: Settings) -> dict[str, str]:
    """The change-log header keys that name the user's model a run used (none without one)."""
    lm = _user_lm(settings)
    if lm is None:
        return {}
    from corpusfix.lm.usermodel import identity

    return identity(lm)


def run_header(settings: Settings) -> dict[str, str]:
    """Every log header key that names what a run used besides the input: the learned table
    (``learned_channel_sha256``) and the user's character model (``model_header``)."""
    learned = {"learned_channel_sha256": settings.learned_sha256} if settings.learned_sha256 else {}
    return {**learned, **model_header(settings)}


def start_session(doc: Document, settings: Settings | None = None) -> ReviewSession:
    return ReviewSession(doc, suggest(doc, settings))


def wordlist_entry(doc: Document, s: Suggestion) -> str:
    """What "add to word list" and "ignore all like this" put on the user's word list.

    For a typo, the stretch the detector found suspect (湖库, not just 库); otherwise the text
    of the finding.
    """
    site = s.evidence.get("site") if s.kind == "typo" else None
    return str(site) if site else doc.text[s.start : s.end].strip()


def wordlist_token(doc: Document, s: Suggestion) -> str | None:
    """What "ignore all like this" may add to the word list: a real token, or nothing.

    The suspect stretch counts when it, or the stretch with the fix applied, is a word of the
    lexicon (变庄器: 变压器 is a word, the editor says this form stands too). A stretch that is
    pieces of neighbouring words (强具中: 强县 + 中) is no word: nothing is added; nor for a
    dropped character (there is no text to protect) or a lone character marked as a typo.
    """
    from corpusfix.lexicon import is_word

    entry = wordlist_entry(doc, s)
    if not entry or s.replacement is None or s.start == s.end:
        return None
    if s.kind == "variant":
        return entry  # the form itself: 後 stays 後
    if len(entry) < 2:
        return None
    text = doc.text
    at = text.rfind(entry, max(0, s.end - len(entry)), s.start + len(entry))
    if at == -1 or at > s.start or at + len(entry) < s.end:
        return entry if is_word(entry) else None
    fixed = entry[: s.start - at] + s.replacement + entry[s.end - at :]
    return entry if is_word(entry) or is_word(fixed) else None


def read_wordlist(path: str | os.PathLike[str]) -> frozenset[str]:
    """One word per line; blank lines and lines starting with # are skipped."""
    return frozenset(_lines(path))


def read_confusions(path: str | os.PathLike[str]) -> dict[str, str]:
    """``wrong<TAB>right`` per line."""
    pairs = {}
    for n, line in enumerate(_lines(path), 1):
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise InputError(f"{path}: line {n} is not 'wrong<TAB>right'")
        pairs[parts[0]] = parts[1]
    return pairs


def write_wordlist(path: str | os.PathLike[str], words: Iterable[str]) -> None:
    from corpusfix.core.files import atomic_write

    atomic_write(path, "".join(f"{w}\n" for w in sorted(set(words))).encode("utf-8"))


def _lines(path: str | os.PathLike[str]) -> list[str]:
    try:
        text = read_regular(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: word lists must be UTF-8") from None
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
