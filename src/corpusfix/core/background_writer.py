"""One background thread that writes files which only follow the work (the app's autosave).

The caller hands over a job that encodes and writes one file; the thread runs the jobs one
after another (never two writers at once, so two autosaves of one article cannot cross), and a
newer job for the same file replaces one still waiting (only the latest state matters). The
job does the encoding too, so the caller's thread only takes a snapshot. No Qt here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

Job = Callable[[], object]
OnError = Callable[[Exception], None]


class LatestWriter:
    def __init__(self, name: str = "corpusfix-writer") -> None:
        self._name = name
        self._cond = threading.Condition()
        self._pending: dict[Hashable, tuple[Job, OnError | None]] = {}
        self._busy: Hashable | None = None
        self._thread: threading.Thread | None = None

    def submit(self, key: Hashable, job: Job, on_error: OnError | None = None) -> None:
        """Run ``job`` on the writer thread; it replaces a job for ``key`` not yet started.
        ``on_error`` is called on the writer thread with what the job raised."""
        with self._cond:
            self._pending.pop(key, None)  # (re-inserted last: the jobs keep their order)
            self._pending[key] = (job, on_error)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def discard(self, key: Hashable, then: Callable[[], None] | None = None) -> None:
        """Drop the job waiting for ``key``, wait for one running to end, then call ``then``
        (removing the file, say: no write of this key can come after it)."""
        with self._cond:
            self._pending.pop(key, None)
            while self._busy == key:
                self._cond.wait()
            if then is not None:
                then()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every job handed over has run; False if ``timeout`` ran out first."""
        with self._cond:
            return self._cond.wait_for(
                lambda: not self._pending and self._busy is None, timeout=timeout
            )

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._pending and self._busy is None

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending:
                    self._cond.wait()
                key = next(iter(self._pending))
                job, on_error = self._pending.pop(key)
                self._busy = key
            try:
                job()
            except Exception as exc:  # reported to the caller: the thread goes on
                if on_error is not None:
                    on_error(exc)
            finally:
                with self._cond:
                    self._busy = None
                    self._cond.notify_all()


_shared: LatestWriter | None = None
_shared_lock = threading.Lock()


def shared_writer() -> LatestWriter:
    """The process's one autosave writer (every open article's autosave goes through it)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = LatestWriter("corpusfix-autosave")
        return _shared
