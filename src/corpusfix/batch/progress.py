"""A progress line on stderr: files/s, MB/s, ETA and failures so far."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total_files: int, total_bytes: int, stream: TextIO | None = None) -> None:
        self.total_files, self.total_bytes = total_files, total_bytes
        self.files = self.bytes = self.failed = 0
        self.start = time.monotonic()
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._last = 0.0

    def update(self, size: int, failed: bool) -> None:
        self.files += 1
        self.bytes += size
        self.failed += failed
        now = time.monotonic()
        if now - self._last >= (0.2 if self.tty else 10.0) or self.files == self.total_files:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        dt = max(now - self.start, 1e-6)
        line = (
            f"{self.files}/{self.total_files} files, {self.files / dt:.1f} files/s, "
            f"{rate_and_eta(self.bytes, self.total_bytes, dt)}, {self.failed} failed"
        )
        write_line(self.stream, self.tty, line)

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")


def rate_and_eta(done: int, total: int, seconds: float) -> str:
    """``1.23 MB/s, ETA 4:05`` for ``done`` of ``total`` bytes after ``seconds``."""
    rate = done / max(seconds, 1e-6)
    left = (total - done) / rate if rate > 0 else 0.0
    return f"{rate / 1e6:.2f} MB/s, ETA {int(left) // 60}:{int(left) % 60:02d}"


def write_line(stream: TextIO, tty: bool, line: str) -> None:
    """One progress line: redrawn in place on a terminal, one line each time in a log."""
    if tty:
        stream.write(f"\r{line}\x1b[K")
    else:
        stream.write(line + "\n")
    stream.flush()
