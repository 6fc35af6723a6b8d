"""The detector registry (LanguageTool-style rules with ids that can be switched off)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from corpusfix.core.document import Document
from corpusfix.core.suggestion import Draft
from corpusfix.detectors.context import DetectContext


class Detector(Protocol):
    """A detector looks at a document and emits drafts of the kinds it declares.

    ``order`` decides when it runs: a detector may read what earlier ones found through
    ``ctx.found`` (duplicates run before merges so a stray fragment is never joined).
    Optional flags, read with getattr: ``slow`` (the app shows the others' findings first) and
    ``needs_model`` (it reads the shipped language model; off when that cannot be opened).
    """

    id: str
    kinds: frozenset[str]
    order: int
    needs_context: bool  # False: safe in --lines mode (never looks across lines)

    def detect(self, doc: Document, ctx: DetectContext) -> Iterable[Draft]: ...


DETECTORS: dict[str, Detector] = {}
T = TypeVar("T")


def register(factory: Callable[[], T]) -> Callable[[], T]:
    """Class decorator: instantiate the detector once and file it under its id."""
    det: Detector = factory()  # type: ignore[assignment]
    DETECTORS[det.id] = det
    return factory
