"""The build's progress line on stderr: MB read of the total, rate, ETA, failures so far."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from corpusfix.batch.progress import rate_and_eta, write_line


class BuildProgress:
    def __init__(self, total_bytes: int, stream: TextIO | None = None) -> None:
        self.total = total_bytes
        self.done = self.failed = 0
        self.start = time.monotonic()
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._last = 0.0

    def update(self, size: int, failed: bool = False) -> None:
        self.done += size
        self.failed += failed
        now = time.monotonic()
        if now - self._last >= (0.2 if self.tty else 10.0) or self.done >= self.total:
            self._last = now
            self._line(
                f"lm build: {self.done / 1e6:.1f}/{self.total / 1e6:.1f} MB read, "
                f"{rate_and_eta(self.done, self.total, now - self.start)}, {self.failed} failed"
            )

    def note(self, message: str) -> None:
        """A phase after reading (they take about as long as the counting)."""
        self._line(f"lm build: {message}")

    def _line(self, line: str) -> None:
        write_line(self.stream, self.tty, line)

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
