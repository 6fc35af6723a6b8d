"""Bulk decisions in the app: the engine's BulkDecision a slice at a time on the GUI thread.

Each slice works for at most SLICE_S, then the event loop runs (the window keeps answering); a
bulk decision that does not finish in its first slice shows a window-modal progress dialog at
once (so no other decision can slip in between its slices) with Cancel, which puts every
decision back. Finished, it is one undo step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from corpusfix.core.session import BulkDecision

SLICE_S = 0.03  # well under the 100 ms a stall may last, with the view's own work after it
CHUNK = 50  # candidates between two looks at the clock


class BulkRun(QObject):
    """One bulk decision under way; ``finished`` carries the ids decided and if cancelled."""

    finished = Signal(list, bool)

    def __init__(
        self,
        parent: QWidget,
        bulk: BulkDecision,
        label: str,
        on_slice: Callable[[list[str]], None],
    ) -> None:
        super().__init__(parent)
        self.bulk = bulk
        self.label = label
        self.cancelled = False
        self._over = False
        self.dialog: QProgressDialog | None = None
        self._parent = parent
        self._on_slice = on_slice
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self._reported = 0
        self.slices = 0

    @property
    def running(self) -> bool:
        return not self._over

    def start(self) -> None:
        """The first slice now; a long one goes on from the event loop with a progress dialog."""
        if self._work():
            return
        dialog = QProgressDialog(
            self.label, self.tr("Cancel"), 0, max(1, self.bulk.total), self._parent
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        dialog.setValue(self.bulk.position)
        dialog.show()
        self._timer.start()

    def cancel(self) -> None:
        if self._over:  # (closing the dialog emits canceled too)
            return
        self._over = self.cancelled = True
        self._timer.stop()
        undone = self.bulk.cancel()
        self._close()
        self.finished.emit(undone, True)

    def _slice(self) -> None:
        if self.cancelled:
            return
        if self._work():
            return
        if self.dialog is not None:
            self.dialog.setValue(self.bulk.position)  # (a modal dialog runs events here)
        if not self.cancelled:
            self._timer.start()

    def _work(self) -> bool:
        """One slice of work; True (and finished emitted) once every candidate is decided."""
        self.slices += 1
        end = time.perf_counter() + SLICE_S
        done = self.bulk.step(CHUNK)  # at least one chunk a slice
        while not done and time.perf_counter() < end:
            done = self.bulk.step(CHUNK)
        fresh = self.bulk.done[self._reported :]
        self._reported = len(self.bulk.done)
        if fresh:
            self._on_slice(fresh)  # the findings list shows them as they are decided
        if not done:
            return False
        self._over = True
        ids = self.bulk.commit()
        self._close()
        self.finished.emit(ids, False)
        return True

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
