"""Analysis off the GUI thread: a QRunnable that reports progress and can be cancelled."""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from corpusfix.api import Settings, open_document, suggest
from corpusfix.core.errors import CorpusfixError


class AnalysisSignals(QObject):
    progress = Signal(str)
    finished = Signal(object, object)  # Document, list[Suggestion]
    failed = Signal(str)


class AnalysisWorker(QRunnable):
    def __init__(self, path: Path, settings: Settings) -> None:
        super().__init__()
        self.path = path
        self.settings = settings
        self.signals = AnalysisSignals()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        try:
            self.signals.progress.emit("loading")
            doc = open_document(self.path, self.settings)
            if self.cancelled:
                return
            self.signals.progress.emit("detecting")
            found = suggest(doc, self.settings)
            if not self.cancelled:
                self.signals.finished.emit(doc, found)
        except CorpusfixError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must not take the window down
            self.signals.failed.emit(f"internal error: {exc}\n{traceback.format_exc(limit=3)}")
