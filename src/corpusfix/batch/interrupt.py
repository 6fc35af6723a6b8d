"""SIGTERM and Ctrl+C during a batch: stop cleanly, keep what is finished, exit 143 or 130.

The signal only sets a flag while the main process records results in the state database, so a
file's rows are never half written; it raises at once while the process merely waits (for its
workers, or for a file it processes itself: that file is not recorded and a rerun redoes it).
The caller's ``finally`` then commits the state and the worker pool stops its workers.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from corpusfix.core.errors import Interrupted

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stop:
    def __init__(self) -> None:
        self.signum = 0
        self._raise_now = False

    def handle(self, signum: int, _frame: FrameType | None) -> None:
        self.signum = signum
        if self._raise_now:
            self._raise_now = False
            self.check()

    def check(self) -> None:
        if self.signum:
            name = signal.Signals(self.signum).name
            raise Interrupted(
                self.signum,
                f"stopped by {name}: finished files are kept; run the same command again to resume",
            )

    @contextmanager
    def interruptible(self) -> Iterator[None]:
        """A stretch where a signal may stop the run at once (nothing is being recorded)."""
        self.check()
        self._raise_now = True
        try:
            yield
        finally:
            self._raise_now = False


@contextmanager
def stop_on_signals() -> Iterator[Stop]:
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signal handlers can only be set from the main thread
        return
    previous = {s: signal.signal(s, stop.handle) for s in SIGNALS}
    try:
        yield stop
    finally:
        for s, handler in previous.items():
            if handler is not None:  # None: not set from Python, nothing to put back
                signal.signal(s, handler)
