"""Analysis off the GUI thread: a QRunnable that reports progress and can be cancelled.

A big article is analysed in two passes: the fast detectors in this thread (their findings are
on screen within a second), then the full analysis with the typo check in a child process. In a
thread the typo check would hold the GIL half of the time and make the window stutter; a
process leaves the GUI thread alone. The child reads the same file with the same settings and
returns the suggestions; the session takes them over with the decisions made meanwhile.
"""

from __future__ import annotations

import multiprocessing
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from corpusfix.api import (
    Settings,
    open_document,
    slow_detectors,
    suggest,
    suggest_quick,
    without_model,
)
from corpusfix.core.document import Document
from corpusfix.core.errors import CorpusfixError, ModelError
from corpusfix.core.suggestion import Suggestion

# Below this the whole analysis takes well under a second: one pass in the thread, no preview.
PREVIEW_CHARS = 100_000


class AnalysisSignals(QObject):
    progress = Signal(str)
    preview = Signal(object, object)  # Document, list[Suggestion] without the slow detectors
    finished = Signal(object, object)  # Document, list[Suggestion]
    failed = Signal(str)


def _analyse_in_child(path: str, settings: Settings, conn: Connection) -> None:
    """Child process: the full analysis of ``path``; sends (sha256, suggestions) or an error."""
    try:
        doc = open_document(path, settings)
        conn.send(("ok", doc.sha256, suggest(doc, settings)))
    except Exception as exc:  # reported to the parent, which falls back to the thread
        conn.send(("error", str(exc), None))
    finally:
        conn.close()


class AnalysisWorker(QRunnable):
    def __init__(self, path: Path, settings: Settings) -> None:
        super().__init__()
        self.path = path
        self.settings = settings
        self.signals = AnalysisSignals()
        self.cancelled = False
        self._child: multiprocessing.process.BaseProcess | None = None

    def _emit(self, signal: str, *args: object) -> None:
        """Report to the tab; if the tab is gone (closed while this ran, the window shut),
        nobody is left to tell: stop the work instead of raising in this thread."""
        try:
            getattr(self.signals, signal).emit(*args)
        except RuntimeError:  # "Signal source has been deleted"
            self.cancel()

    def cancel(self) -> None:
        self.cancelled = True
        child = self._child
        if child is not None and child.is_alive():
            child.terminate()

    def run(self) -> None:
        try:
            self._emit("progress", "loading")
            doc = open_document(self.path, self.settings)
            if self.cancelled:
                return
            self._emit("progress", "detecting")
            try:
                found = self._analyse(doc)
            except ModelError as exc:
                # A broken install (no kenlm, an unreadable model): say so, and still show
                # what the other detectors find.
                self.settings = without_model(self.settings)
                self._emit("progress", f"{exc} — these checks are off")
                found = suggest(doc, self.settings)
            if not self.cancelled:
                self._emit("finished", doc, found)
        except CorpusfixError as exc:
            self._emit("failed", str(exc))
        except Exception as exc:  # a bug must not take the window down
            self._emit("failed", f"internal error: {exc}\n{traceback.format_exc(limit=3)}")

    def _analyse(self, doc: Document) -> list[Suggestion]:
        if slow_detectors(self.settings) and len(doc.text) >= PREVIEW_CHARS:
            self._emit("preview", doc, suggest_quick(doc, self.settings))
            self._emit("progress", "checking typos")
            return self._full_in_child(doc)
        return suggest(doc, self.settings)

    def _full_in_child(self, doc: Document) -> list[Suggestion]:
        ctx = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
        parent, child_end = ctx.Pipe(duplex=False)
        self._child = ctx.Process(
            target=_analyse_in_child,
            args=(str(self.path), self.settings, child_end),
            daemon=True,
        )
        self._child.start()
        child_end.close()
        try:
            status, detail, found = parent.recv()
        except EOFError:  # terminated (cancel) or crashed
            status, detail, found = "error", "analysis process ended", None
        finally:
            self._child.join(timeout=5)
            self._child = None
        if status == "ok" and detail == doc.sha256 and found is not None:
            return list(found)
        if self.cancelled:
            return []
        return suggest(doc, self.settings)  # the file changed, or the child failed: do it here
