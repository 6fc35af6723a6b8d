"""Run a batch: discover inputs, skip what is done, process the rest in parallel, summarise."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpusfix.batch.inputs import Task
from corpusfix.batch.interrupt import stop_on_signals
from corpusfix.batch.pool import worker_pool
from corpusfix.batch.progress import Progress
from corpusfix.batch.state import RunState
from corpusfix.batch.summary import write_summary
from corpusfix.batch.worker import (
    LOG_SUFFIX,
    FileResult,
    JobConfig,
    process_many,
    process_task,
)
from corpusfix.core.errors import UsageError

CHUNK = 16  # files per round trip to a worker


@dataclass(frozen=True)
class RunResult:
    summary: dict[str, Any]
    processed: int
    skipped: int


def _todo(tasks: list[Task], state: RunState, outdir: Path) -> tuple[list[Task], int]:
    done = state.done()
    todo = []
    skipped = 0
    for t in tasks:
        prev = done.get(t.rel)
        if prev is not None and (out := outdir / t.rel).exists():
            try:
                st = Path(t.source).stat()
            except OSError:
                todo.append(t)
                continue
            if (st.st_size, st.st_mtime_ns) == prev and out.with_name(
                out.name + LOG_SUFFIX
            ).exists():
                skipped += 1
                continue
        todo.append(t)
    return todo, skipped


def _local(tasks: list[Task], config: JobConfig, jobs: int) -> Iterator[FileResult]:
    with stop_on_signals() as stop:
        if jobs <= 1:
            for t in tasks:
                with stop.interruptible():
                    result = process_task(t, config)
                yield result
            return
        # Small articles go in chunks (one inter-process round trip per chunk, not per file), and
        # only a bounded number of chunks are in flight: memory stays flat on huge archives.
        chunks = (tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK))
        with worker_pool(jobs) as pool:
            pending: set[Future[list[FileResult]]] = set()
            for chunk in chunks:
                pending.add(pool.submit(process_many, chunk, config))
                if len(pending) >= jobs * 3:
                    break
            while pending:
                with stop.interruptible():
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    yield from f.result()
                    nxt = next(chunks, None)
                    if nxt is not None:
                        pending.add(pool.submit(process_many, nxt, config))


def _dask(tasks: list[Task], config: JobConfig, address: str) -> Iterator[FileResult]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask: pip install 'corpusfix[cluster]' (dask[distributed])"
        ) from None
    try:
        client = Client(address, timeout=30)
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        futures = client.map(process_task, tasks, config=config, pure=False)
        for fut in as_completed(futures):
            yield fut.result()
    finally:
        client.close()


def run_batch(
    tasks: list[Task],
    config: JobConfig,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> RunResult:
    outdir = Path(config.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _remove_partial_writes(outdir)
    state = RunState(outdir)
    try:
        previous = state.get_meta("settings")
        now = _settings_key(config)
        if previous is not None and previous != now:
            # Different settings give different outputs: redo everything, never mix.
            state.db.execute("UPDATE files SET status = 'stale' WHERE status = 'done'")
        state.set_meta("settings", now)
        state.forget_missing({t.rel for t in tasks})
        state.commit()
        todo, skipped = _todo(tasks, state, outdir)
        sizes = {t.rel: _size(t.source) for t in todo}
        progress = Progress(len(todo), sum(sizes.values()))
        jobs = jobs or os.cpu_count() or 1
        results: Iterable[FileResult] = (
            _dask(todo, config, scheduler) if scheduler else _local(todo, config, jobs)
        )
        for n, r in enumerate(results, 1):
            state.record(r)
            if n % 500 == 0:
                state.commit()
            progress.update(r.size or sizes.get(r.rel, 0), r.status != "done")
            if on_result:
                on_result(r)
        state.commit()
        progress.finish()
        summary = write_summary(outdir, state, config.policy)
    finally:
        state.close()
    return RunResult(summary, len(todo), skipped)


def _remove_partial_writes(outdir: Path) -> None:
    """Temporary files of an interrupted run (atomic_write's ``.NAME.XXXX.tmp``) are garbage."""
    for p in outdir.rglob(".*.tmp"):
        with contextlib.suppress(OSError):
            p.unlink()


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _settings_key(config: JobConfig) -> dict[str, Any]:
    s = config.settings
    return {
        "policy": config.policy.to_json(),
        "out_encoding": config.out_encoding,
        "jsonl_field": config.jsonl_field,
        "report": config.report,
        "only": sorted(s.only) if s.only else None,
        "encoding": s.encoding,
        "wordlist": sorted(s.wordlist),
        "confusions": sorted(s.confusions.items()),
        "archive_evidence": Path(s.archive_evidence).name if s.archive_evidence else None,
    }
