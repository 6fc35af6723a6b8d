"""Before a batch run: collect the archive's own evidence for the typo detector.

A sample of the inputs (evenly spread, at most SAMPLE_FILES files and SAMPLE_MB megabytes) is
read once, split between as many local processes as the run has jobs (a serial pre-pass would
take as long as the whole run on eight cores); the result goes to OUTDIR/_corpusfix/ under a
name with its digest. A later run into the same OUTDIR reuses it (a resumed or extended run
judges every file by the same evidence, and finished files stay finished); delete the file to
collect anew, which then redoes every file (the digest is part of the run's settings).
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Iterator
from itertools import repeat
from pathlib import Path

from corpusfix.batch.inputs import Task
from corpusfix.batch.pool import worker_pool
from corpusfix.batch.state import STATE_DIR
from corpusfix.core.errors import CorpusfixError
from corpusfix.core.jsonl import articles, parse_jsonl
from corpusfix.core.loading import decode, read_input
from corpusfix.detectors.typos.archive import Tally, finish, save, tally

SAMPLE_FILES = 2000
SAMPLE_MB = 40.0
MIN_FILES = 5  # fewer files say nothing about an archive


def _sample(tasks: list[Task]) -> list[Task]:
    """Evenly spread over the inputs, within SAMPLE_FILES files and SAMPLE_MB megabytes."""
    if len(tasks) > SAMPLE_FILES:
        step = len(tasks) / SAMPLE_FILES
        tasks = [tasks[int(i * step)] for i in range(SAMPLE_FILES)]
    budget = int(SAMPLE_MB * 1e6)
    out = []
    for task in tasks:
        try:
            budget -= Path(task.source).stat().st_size
        except OSError:
            continue  # the run itself reports unreadable files
        if budget < 0:
            break
        out.append(task)
    return out


def _texts(tasks: list[Task], encoding: str | None, jsonl_field: str | None) -> Iterator[str]:
    for task in tasks:
        try:
            data = read_input(task.source)  # regular files only: a FIFO would block the run
            if jsonl_field and task.rel.endswith(".jsonl"):
                for _, text in articles(parse_jsonl(data, jsonl_field, task.source)):
                    yield text
            else:
                yield decode(data, encoding, name=task.source).text
        except (OSError, CorpusfixError):
            continue


def _tally(tasks: list[Task], encoding: str | None, jsonl_field: str | None) -> Tally:
    return tally(_texts(tasks, encoding, jsonl_field))


def _tally_all(
    sample: list[Task], encoding: str | None, jsonl_field: str | None, jobs: int
) -> Tally:
    if jobs <= 1 or len(sample) < 2 * MIN_FILES:
        return _tally(sample, encoding, jsonl_field)
    parts = [sample[i::jobs] for i in range(jobs)]
    total = Tally()
    with worker_pool(jobs) as pool:  # workers end with this process
        for part in pool.map(_tally, parts, repeat(encoding), repeat(jsonl_field)):
            total.add(part)
    return total


def archive_evidence(
    tasks: list[Task],
    outdir: Path,
    encoding: str | None,
    jsonl_field: str | None,
    jobs: int = 1,
) -> Path | None:
    """Collect, save and return the evidence file; None when the archive is too small."""
    folder = outdir / STATE_DIR
    earlier = sorted(folder.glob("archive-evidence-*.json"))
    if earlier:
        sys.stderr.write(f"archive evidence: reusing {earlier[-1].name}\n")
        return earlier[-1]
    if len(tasks) < MIN_FILES:
        return None
    t0 = time.perf_counter()
    evidence = finish(_tally_all(_sample(tasks), encoding, jsonl_field, jobs))
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / "archive-evidence.tmp"
    save(evidence, tmp)
    digest = hashlib.sha256(tmp.read_bytes()).hexdigest()[:12]
    path = folder / f"archive-evidence-{digest}.json"
    tmp.replace(path)
    sys.stderr.write(
        f"archive evidence: {evidence.files} files sampled, {len(evidence.stretch_files)} "
        f"recurring unknown stretches, {len(evidence.word_counts)} words "
        f"({time.perf_counter() - t0:.1f} s)\n"
    )
    return path
