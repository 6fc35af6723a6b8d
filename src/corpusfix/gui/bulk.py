"""Long actions in the app, a slice at a time on the GUI thread: bulk decisions, Replace All, and
the views catching up with thousands of changes (after one of those, or its undo).

Each slice works for at most SLICE_S, then the event loop runs (the window keeps answering); a
job that does not finish in its first slice shows a window-modal progress dialog at once (so no
other decision can slip in between its slices). A bulk action has two parts: the engine's
decisions (``core/session._Bulk``: Cancel puts every one back, nothing to undo), then the views
catching up (the labels, the article's redline, the rest), which cannot be cancelled: by then
the action is one undo step, and Ctrl+Z takes it back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from corpusfix.core.session import _Bulk

SLICE_S = 0.015  # work per slice: with the repaints after it, under the 100 ms a stall may last
PROGRESS_S = 0.25  # the dialog's bar moves at most this often (each move is a repaint)
CHUNK = 50  # engine units between two looks at the clock

CatchUp = Callable[[list[str], bool], Iterator[object]]


class Sliced(QObject):
    """Runs a generator from the event loop, at most SLICE_S of it per turn (at least one step);
    ``finished`` once it is exhausted. Not cancellable."""

    finished = Signal()

    def __init__(self, parent: QWidget, work: Iterator[object], label: str) -> None:
        super().__init__(parent)
        self.label = label
        self.slices = 0
        self.dialog: QProgressDialog | None = None
        self._parent = parent
        self._work = work
        self._over = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def running(self) -> bool:
        return not self._over

    def start(self) -> None:
        if self._run():
            return
        self.dialog = _dialog(self._parent, self.label, cancel=None)
        self._timer.start()

    def finish_now(self) -> None:
        """Run what is left at once (another action must not start half-way through)."""
        while not self._over and not self._run():
            pass

    def _slice(self) -> None:
        if not self._over and not self._run():
            self._timer.start()

    def _run(self) -> bool:
        self.slices += 1
        if not _drive(self._work, time.perf_counter() + SLICE_S):
            return False
        self._over = True
        _close(self.dialog)
        self.dialog = None
        self.finished.emit()
        return True


class BulkRun(QObject):
    """One bulk action under way; ``finished`` carries the ids it changed and if cancelled,
    once the views have caught up (``catch_up(ids, cancelled)``, a generator of view work)."""

    finished = Signal(list, bool)

    def __init__(
        self,
        parent: QWidget,
        bulk: _Bulk,
        label: str,
        on_slice: Callable[[list[str]], None],
        catch_up: CatchUp | None = None,
    ) -> None:
        super().__init__(parent)
        self.bulk = bulk
        self.label = label
        self.cancelled = False
        self._over = False
        self.dialog: QProgressDialog | None = None
        self._parent = parent
        self._on_slice = on_slice
        self._catch_up = catch_up
        self._after: Iterator[object] | None = None  # the views catching up (part two)
        self._result: tuple[list[str], bool] = ([], False)
        self._view_cost = 0.0  # seconds per changed id that on_slice took last time
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self._reported = 0
        self._next_progress = 0.0
        self.slices = 0

    @property
    def running(self) -> bool:
        return not self._over

    def start(self) -> None:
        """The first slice now; a long one goes on from the event loop with a progress dialog."""
        if self._work():
            return
        self.dialog = _dialog(self._parent, self.label, cancel=self.tr("Cancel"))
        self.dialog.setMaximum(max(1, self.bulk.total))
        self.dialog.canceled.connect(self.cancel)
        self._show_progress()
        self._timer.start()

    def cancel(self) -> None:
        """Every decision made so far put back (only while deciding: afterwards the action is
        done, and one undo step)."""
        if self._over or self._after is not None:  # (closing the dialog emits canceled too)
            return
        self.cancelled = True
        undone = self.bulk.cancel()
        self._then(undone, True)
        self._timer.stop()
        if not self._work():
            self._timer.start()

    def finish_now(self) -> None:
        """Run what is left at once (another action must not start half-way through)."""
        while not self._over and not self._work():
            pass

    def _slice(self) -> None:
        if self._over:
            return
        if self._work():
            return
        self._show_progress()  # (a modal dialog runs events here)
        if not self._over:
            self._timer.start()

    def _work(self) -> bool:
        """One slice of work; True (and finished emitted) once all is done and shown."""
        self.slices += 1
        end = time.perf_counter() + SLICE_S
        if self._after is None:
            self._decide(end)
            if self._after is None or time.perf_counter() >= end:
                return False
        if not _drive(self._after, end):
            return False
        self._over = True
        _close(self.dialog)
        self.dialog = None
        self.finished.emit(*self._result)
        return True

    def _decide(self, end: float) -> None:
        bulk = self.bulk
        done = bulk.step(CHUNK)  # at least one chunk a slice
        # leave time for the views to show what this slice decided
        while not done and time.perf_counter() + self._owed() < end:
            done = bulk.step(CHUNK)
        fresh = bulk.changed[self._reported :]
        self._reported = len(bulk.changed)
        if fresh:
            t0 = time.perf_counter()
            self._on_slice(fresh)  # the findings list shows them as they are decided
            self._view_cost = (time.perf_counter() - t0) / len(fresh)
        if done:
            self._then(bulk.commit(), False)

    def _owed(self) -> float:
        return (len(self.bulk.changed) - self._reported) * self._view_cost

    def _then(self, ids: list[str], cancelled: bool) -> None:
        self._result = (ids, cancelled)
        changed = list(dict.fromkeys(self.bulk.changed))
        self._after = self._catch_up(changed, cancelled) if self._catch_up else iter(())
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Showing the changes…"))
            self.dialog.setCancelButtonText("")  # (an empty text removes the button)
            self.dialog.setRange(0, 0)  # busy: no count to show

    def _show_progress(self) -> None:
        now = time.perf_counter()
        if self.dialog is not None and self._after is None and now >= self._next_progress:
            self._next_progress = now + PROGRESS_S
            self.dialog.setValue(self.bulk.position)


def _drive(work: Iterator[object], end: float) -> bool:
    """Steps of ``work`` until ``end`` (at least one); True once it is exhausted."""
    while next(work, _END) is not _END:
        if time.perf_counter() >= end:
            return False
    return True


_END = object()


def _dialog(parent: QWidget, label: str, cancel: str | None) -> QProgressDialog:
    dialog = QProgressDialog(label, cancel or "", 0, 0, parent)
    if cancel is None:
        dialog.setCancelButtonText("")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.show()
    return dialog


def _close(dialog: QProgressDialog | None) -> None:
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()
