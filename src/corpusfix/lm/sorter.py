"""External sort of (key, count, count) records: memory bounded whatever the number of records.

Records are buffered up to ``limit``; a full buffer is sorted by key and spilled to a temporary
file in marshal blocks (fast C serialisation; lone surrogates survive). Every ``FAN_IN`` runs of
one level are merged into one run of the next level, so a final merge reads a bounded number of
runs (one block each in memory) and holds few files open, however large the input.
"""

from __future__ import annotations

import heapq
import marshal
import os
import tempfile
from collections.abc import Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

from corpusfix.core.errors import CorpusfixError

Record = tuple[str, int, int]


class SpillError(CorpusfixError):
    """The temporary counts cannot be written (disk full, no such folder)."""


_BLOCK = 4096
FAN_IN = 16
_KEY = itemgetter(0)


def _read_run(path: Path) -> Iterator[Record]:
    # marshal.load on a file reads object by object (slow): blocks are length-prefixed bytes.
    with path.open("rb") as fh:
        while head := fh.read(4):
            block: list[Record] = marshal.loads(fh.read(int.from_bytes(head, "little")))
            yield from block


def summed(records: Iterator[Record]) -> Iterator[Record]:
    """Equal keys as one record, their first counts added (counts of one n-gram)."""
    key: str | None = None
    total = 0
    for k, c, _ in records:
        if k == key:
            total += c
            continue
        if key is not None:
            yield key, total, 0
        key, total = k, c
    if key is not None:
        yield key, total, 0


class ExternalSorter:
    """Collects records; ``sorted_records()`` yields them in key order. ``combine``: records
    with equal keys may be summed along the way (counts); otherwise every record is kept."""

    def __init__(self, tmpdir: Path, limit: int, name: str, *, combine: bool = False) -> None:
        self._tmpdir, self._limit, self._name = tmpdir, max(1, limit), name
        self._combine = combine
        self._buffer: list[Record] = []
        self._levels: list[list[Path]] = [[]]

    @property
    def spilled(self) -> bool:
        return any(self._levels)

    @property
    def buffer(self) -> list[Record]:
        """The in-memory records: a hot loop may append here, then call ``spill_if_full``."""
        return self._buffer

    def add(self, record: Record) -> None:
        self._buffer.append(record)
        if len(self._buffer) >= self._limit:
            self._spill()

    def spill_if_full(self) -> None:
        if len(self._buffer) >= self._limit:
            self._spill()

    def add_run(self, records: Iterable[Record]) -> None:
        """A run the caller has already sorted (a spilled counter)."""
        self._levels[0].append(self._write(records))
        level = 0
        while len(self._levels[level]) >= FAN_IN:
            runs = self._levels[level]
            self._levels[level] = []
            if level + 1 == len(self._levels):
                self._levels.append([])
            self._levels[level + 1].append(self._write(self._merge(runs)))
            for p in runs:
                p.unlink(missing_ok=True)
            level += 1

    def _write(self, records: Iterable[Record]) -> Path:
        try:
            fd, name = tempfile.mkstemp(prefix=f"{self._name}.", suffix=".run", dir=self._tmpdir)
            with os.fdopen(fd, "wb") as fh:
                block: list[Record] = []
                for rec in records:
                    block.append(rec)
                    if len(block) >= _BLOCK:
                        self._write_block(fh, block)
                        block = []
                if block:
                    self._write_block(fh, block)
        except OSError as exc:
            raise SpillError(f"cannot write temporary counts in {self._tmpdir} ({exc})") from None
        return Path(name)

    @staticmethod
    def _write_block(fh: BinaryIO, block: list[Record]) -> None:
        data = marshal.dumps(block)
        fh.write(len(data).to_bytes(4, "little"))
        fh.write(data)

    def _merge(self, runs: list[Path]) -> Iterator[Record]:
        merged: Iterator[Record] = heapq.merge(*(_read_run(p) for p in runs), key=_KEY)
        return summed(merged) if self._combine else merged

    def _spill(self) -> None:
        self._buffer.sort(key=_KEY)
        self.add_run(self._buffer)
        self._buffer.clear()  # the same list: a caller's reference to ``buffer`` stays valid

    def sorted_records(self) -> Iterator[Record]:
        if not self.spilled:
            self._buffer.sort(key=_KEY)
            yield from self._buffer
            return
        if self._buffer:
            self._spill()
        yield from self._merge([p for level in self._levels for p in level])

    def discard(self) -> None:
        for level in self._levels:
            for p in level:
                p.unlink(missing_ok=True)
        self._levels, self._buffer = [[]], []
