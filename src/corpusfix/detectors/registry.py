"""The detector registry (LanguageTool-style rules with ids that can be switched off)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from corpusfix.core.document import Document
from corpusfix.core.kinds import DETECTED_KINDS
from corpusfix.core.suggestion import Draft
from corpusfix.detectors.context import DetectContext


class Detector(Protocol):
    """A detector looks at a document and emits drafts of the kinds it declares.

    Every attribute is required, so that a detector states its whole contract (mypy checks each
    registered class against this protocol; there are no defaults read with getattr):

    - ``order`` decides when it runs; ``requires`` names the detectors whose findings it reads
      through ``ctx.found``, each with a lower ``order`` (duplicates run before merges so a stray
      fragment is never joined). It sees the findings of those detectors and of no others, and
      they run whenever it runs, also under ``--only`` (their own findings are not reported then).
    - ``needs_context``: False when safe in --lines mode (never looks across lines).
    - ``slow``: the app shows the other detectors' findings first.
    - ``needs_model``: it reads the shipped language model; off when that cannot be opened.
    """

    @property
    def id(self) -> str: ...
    @property
    def kinds(self) -> frozenset[str]: ...
    @property
    def order(self) -> int: ...
    @property
    def requires(self) -> tuple[str, ...]: ...
    @property
    def needs_context(self) -> bool: ...
    @property
    def slow(self) -> bool: ...
    @property
    def needs_model(self) -> bool: ...

    def detect(self, doc: Document, ctx: DetectContext) -> Iterable[Draft]: ...


DETECTORS: dict[str, Detector] = {}
D = TypeVar("D", bound=Detector)


def register(cls: type[D]) -> type[D]:
    """Class decorator: instantiate the detector once and file it under its id."""
    det = cls()
    unknown = det.kinds - set(DETECTED_KINDS)
    if unknown:  # a programming error: the kind belongs in core/kinds.py first
        raise ValueError(f"{det.id} emits kinds that core/kinds.py does not list: {unknown}")
    DETECTORS[det.id] = det
    return cls
