"""The build's progress line on stderr: MB read of the total, rate, ETA, failures so far."""

from __future__ import annotations

import sys
import time
from typing import TextIO


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
            dt = max(now - self.start, 1e-6)
            rate = self.done / dt
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            self._line(
                f"lm build: {self.done / 1e6:.1f}/{self.total / 1e6:.1f} MB read, "
                f"{rate / 1e6:.2f} MB/s, ETA {int(left) // 60}:{int(left) % 60:02d}, "
                f"{self.failed} failed"
            )

    def note(self, message: str) -> None:
        """A phase after reading (they take about as long as the counting)."""
        self._line(f"lm build: {message}")

    def _line(self, line: str) -> None:
        if self.tty:
            self.stream.write(f"\r{line}\x1b[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
