"""What a detector can know besides the document: settings, user lists, earlier findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpusfix.core.suggestion import Draft

if TYPE_CHECKING:
    from corpusfix.detectors.typos.archive import ArchiveEvidence
    from corpusfix.lm.model import CharLM


@dataclass
class DetectContext:
    wordlist: frozenset[str] = frozenset()  # words never to flag
    confusions: Mapping[str, str] = field(default_factory=dict)  # wrong -> right, always check
    found: dict[str, list[Draft]] = field(default_factory=dict)  # detector id -> its drafts
    archive: ArchiveEvidence | None = None  # batch: what is common across the archive
    user_lm: CharLM | None = None  # --lm / --train-lm: the archive's own character model

    def seeing(self, found: dict[str, list[Draft]]) -> DetectContext:
        """The same context with only ``found`` as earlier findings.

        A shallow copy of every field: the pipeline makes one per detector and document, and
        ``dataclasses.replace`` (which re-runs ``__init__``) cost as much as a small detector.
        """
        own = object.__new__(DetectContext)
        own.__dict__.update(self.__dict__)
        own.found = found
        return own
