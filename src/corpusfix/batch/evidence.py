"""Before a batch run: collect the archive's own evidence for the typo detector.

A sample of the inputs (at most SAMPLE_FILES files and SAMPLE_MB megabytes) is read once, split
between as many local processes as the run has jobs (a serial pre-pass would take as long as the
whole run on eight cores); the result goes to OUTDIR/_corpusfix/ under a name with its digest.
A later run into the same OUTDIR reuses it (a resumed or extended run judges every file by the
same evidence, and finished files stay finished); delete the file (or run ``--restart``) to
collect anew, which then redoes every file (the digest is part of the run's settings).

The sample is the inputs in a fixed pseudo-random order (the hash of each output path), taking
each file that the run can read while it fits in the budget. A file the run will fail (too
large, not a regular file, unreadable, binary, undecodable) is passed over and takes no room, so
it changes neither which other files are sampled nor, through the evidence, their outputs.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

from corpusfix.batch.inputs import Task
from corpusfix.batch.pool import worker_pool
from corpusfix.batch.state import RESTART_HINT
from corpusfix.core.batch_layout import EVIDENCE_GLOB, TEMP_SUFFIX, state_dir, temp_prefix
from corpusfix.core.errors import CorpusfixError
from corpusfix.core.jsonl import articles, parse_jsonl
from corpusfix.core.loading import DEFAULT_MAX_BYTES, read_input
from corpusfix.core.sources import load_source
from corpusfix.detectors.typos.archive import Tally, finish, save, tally

SAMPLE_FILES = 2000
SAMPLE_MB = 40.0
MIN_FILES = 5  # fewer files say nothing about an archive
AHEAD = 4  # files in flight per process


def _rank(task: Task) -> bytes:
    return hashlib.sha256(os.fsencode(task.rel)).digest()


def _candidates(tasks: list[Task], max_bytes: int) -> Iterator[tuple[Task, int]]:
    """Regular files within the run's size limit, in the order of their rank."""
    for task in sorted(tasks, key=_rank):
        try:
            st = Path(task.source).stat()
        except OSError:
            continue  # the run itself reports unreadable files
        if stat.S_ISREG(st.st_mode) and 0 < st.st_size <= max_bytes:
            yield task, st.st_size


def _file_tally(
    task: Task, encoding: str | None, jsonl_field: str | None, max_bytes: int
) -> Tally | None:
    """The tally of one file, or None when the run will fail it (read as the run reads)."""
    try:
        data = read_input(task.source, max_bytes)
        if jsonl_field and task.rel.endswith(".jsonl"):
            texts = [text for _, text in articles(parse_jsonl(data, jsonl_field, task.source))]
        else:
            texts = [load_source(data, encoding, task.source)[0].text]
    except (OSError, CorpusfixError, MemoryError):
        return None
    return tally(texts)


def _tallies(
    files: Iterator[tuple[Task, int]], args: tuple[str | None, str | None, int], jobs: int
) -> Iterator[tuple[int, Tally | None]]:
    """(size, tally) of each file, in the order given, a few files ahead in ``jobs`` processes."""
    if jobs <= 1:
        for task, size in files:
            yield size, _file_tally(task, *args)
        return
    with worker_pool(jobs) as pool:  # workers end with this process
        ahead: deque[tuple[int, Future[Tally | None]]] = deque()
        try:
            for task, size in files:
                ahead.append((size, pool.submit(_file_tally, task, *args)))
                if len(ahead) >= jobs * AHEAD:
                    size, fut = ahead.popleft()
                    yield size, fut.result()
            while ahead:
                size, fut = ahead.popleft()
                yield size, fut.result()
        finally:
            pool.shutdown(cancel_futures=True)  # the sample is complete: drop what is queued


def _collect(
    tasks: list[Task], encoding: str | None, jsonl_field: str | None, max_bytes: int, jobs: int
) -> Tally:
    total = Tally()
    budget = int(SAMPLE_MB * 1e6)
    used = taken = 0

    def fitting() -> Iterator[tuple[Task, int]]:
        # Passed over unread: a file that does not fit now never will (``used`` only grows).
        for task, size in _candidates(tasks, max_bytes):
            if used + size <= budget:
                yield task, size

    if len(tasks) < 2 * MIN_FILES:
        jobs = 1
    jobs = min(jobs, len(tasks))  # no idle workers (a forked pool starts them all at once)
    for size, part in _tallies(fitting(), (encoding, jsonl_field, max_bytes), jobs):
        if part is None or used + size > budget:
            continue  # a file the run will fail takes no room in the sample
        total.add(part)
        used, taken = used + size, taken + 1
        if taken >= SAMPLE_FILES:
            break
    return total


def _reusable(path: Path) -> Path:
    """An earlier run's evidence, if intact: its name carries the digest of its content."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError as exc:
        raise CorpusfixError(f"{path}: cannot read the archive evidence ({exc.strerror})") from None
    if path.name != f"archive-evidence-{digest}.json":
        raise CorpusfixError(
            f"{path}: the archive evidence is damaged (its content does not match its name); "
            f"delete it to collect anew, or {RESTART_HINT}"
        )
    return path


def archive_evidence(
    tasks: list[Task],
    outdir: Path,
    encoding: str | None,
    jsonl_field: str | None,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Path | None:
    """Collect, save and return the evidence file; None when the archive is too small."""
    folder = state_dir(outdir)
    earlier = sorted(folder.glob(EVIDENCE_GLOB))
    if earlier:
        sys.stderr.write(f"archive evidence: reusing {earlier[-1].name}\n")
        return _reusable(earlier[-1])
    if len(tasks) < MIN_FILES:
        return None
    t0 = time.perf_counter()
    evidence = finish(_collect(tasks, encoding, jsonl_field, max_bytes, jobs))
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{temp_prefix('archive-evidence')}{os.getpid()}{TEMP_SUFFIX}"
    save(evidence, tmp)
    try:
        digest = hashlib.sha256(tmp.read_bytes()).hexdigest()[:12]
        path = folder / f"archive-evidence-{digest}.json"
        tmp.replace(path)
    except OSError as exc:
        raise CorpusfixError(f"{tmp}: cannot write the archive evidence ({exc.strerror})") from None
    sys.stderr.write(
        f"archive evidence: {evidence.files} files sampled, {len(evidence.stretch_files)} "
        f"recurring unknown stretches, {len(evidence.word_counts)} words "
        f"({time.perf_counter() - t0:.1f} s)\n"
    )
    return path
