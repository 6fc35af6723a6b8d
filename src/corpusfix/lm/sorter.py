"""External sort of (key, count, count) records: memory bounded whatever the number of records.

Records are buffered up to ``limit``; a full buffer is sorted by key and spilled to a temporary
file in marshal blocks (fast C serialisation; lone surrogates survive). Iterating merges the
sorted runs (heapq.merge), so memory holds one block per run, not the records.
"""

from __future__ import annotations

import heapq
import marshal
import os
import tempfile
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

from corpusfix.core.errors import CorpusfixError

Record = tuple[str, int, int]


class SpillError(CorpusfixError):
    """The temporary counts cannot be written (disk full, no such folder)."""


_BLOCK = 8192
_KEY = itemgetter(0)


def _read_run(path: Path) -> Iterator[Record]:
    # marshal.load on a file reads object by object (slow): blocks are length-prefixed bytes.
    with path.open("rb") as fh:
        while head := fh.read(4):
            block: list[Record] = marshal.loads(fh.read(int.from_bytes(head, "little")))
            yield from block


class ExternalSorter:
    """Collects records; ``sorted_records()`` yields them in key order (duplicates kept)."""

    def __init__(self, tmpdir: Path, limit: int, name: str) -> None:
        self._tmpdir, self._limit, self._name = tmpdir, max(1, limit), name
        self._buffer: list[Record] = []
        self._runs: list[Path] = []

    @property
    def spilled(self) -> bool:
        return bool(self._runs)

    @property
    def buffer(self) -> list[Record]:
        """The in-memory records: a hot loop may append here, then call ``spill_if_full``."""
        return self._buffer

    @property
    def limit(self) -> int:
        return self._limit

    def add(self, record: Record) -> None:
        self._buffer.append(record)
        if len(self._buffer) >= self._limit:
            self._spill()

    def spill_if_full(self) -> None:
        if len(self._buffer) >= self._limit:
            self._spill()

    def add_run(self, records: list[Record]) -> None:
        """A run the caller has already sorted (a spilled counter)."""
        try:
            fd, name = tempfile.mkstemp(prefix=f"{self._name}.", suffix=".run", dir=self._tmpdir)
            self._runs.append(Path(name))
            with os.fdopen(fd, "wb") as fh:
                for i in range(0, len(records), _BLOCK):
                    data = marshal.dumps(records[i : i + _BLOCK])
                    fh.write(len(data).to_bytes(4, "little"))
                    fh.write(data)
        except OSError as exc:
            raise SpillError(f"cannot write temporary counts in {self._tmpdir} ({exc})") from None

    def _spill(self) -> None:
        self._buffer.sort(key=_KEY)
        self.add_run(self._buffer)
        self._buffer.clear()  # the same list: a caller's reference to ``buffer`` stays valid

    def sorted_records(self) -> Iterator[Record]:
        if not self._runs:
            self._buffer.sort(key=_KEY)
            yield from self._buffer
            return
        if self._buffer:
            self._spill()
        yield from heapq.merge(*(_read_run(p) for p in self._runs), key=_KEY)

    def discard(self) -> None:
        for p in self._runs:
            p.unlink(missing_ok=True)
        self._runs, self._buffer = [], []
