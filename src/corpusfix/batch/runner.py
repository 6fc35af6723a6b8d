"""Run a batch: discover inputs, skip what is done, process the rest in parallel, summarise."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpusfix.api import model_header
from corpusfix.batch.inputs import Task
from corpusfix.batch.interrupt import stop_on_signals
from corpusfix.batch.lock import outdir_lock
from corpusfix.batch.pool import worker_pool
from corpusfix.batch.progress import Progress
from corpusfix.batch.state import RunState, state_error
from corpusfix.batch.summary import write_summary
from corpusfix.batch.worker import (
    FileResult,
    JobConfig,
    process_many,
    process_task,
)
from corpusfix.core.batch_layout import STATE_DIR, is_own_temp, logs_in, outputs_of
from corpusfix.core.errors import UsageError

CHUNK = 16  # files per round trip to a worker


@dataclass(frozen=True)
class RunResult:
    summary: dict[str, Any]
    processed: int
    skipped: int
    orphaned: tuple[str, ...] = ()  # outputs in OUTDIR of inputs no longer given (kept)


def _todo(tasks: list[Task], state: RunState, outdir: Path) -> tuple[list[Task], int]:
    done = state.done()
    todo = []
    skipped = 0
    for t in tasks:
        prev = done.get(t.rel)
        out, log, _ = outputs_of(outdir, t.rel)
        if prev is not None and out.exists():
            try:
                st = Path(t.source).stat()
            except OSError:
                todo.append(t)
                continue
            if (st.st_size, st.st_mtime_ns) == prev and log.exists():
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
        # No idle workers: a forked pool starts them all at once, each a copy of this process.
        with worker_pool(max(1, min(jobs, -(-len(tasks) // CHUNK)))) as pool:
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
    except (OSError, ValueError) as exc:  # ValueError: a malformed address ('foo', '[::1')
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
    with outdir_lock(prepare_outdir(outdir)):
        _remove_partial_writes(outdir)
        state = RunState(outdir)
        try:
            return _run(tasks, config, state, jobs, scheduler, on_result)
        except sqlite3.Error as exc:
            raise state_error(state.path, exc) from None
        finally:
            with contextlib.suppress(sqlite3.Error):
                state.close()


def prepare_outdir(outdir: Path) -> Path:
    """Create OUTDIR and its state folder (one-line errors), and return the state folder."""
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"{outdir}: the output folder is a file")
    folder = outdir / STATE_DIR
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: the run's state folder is a file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{outdir}: cannot write to the output folder ({exc.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{folder}: cannot write to the output folder (permission denied)")
    return folder


def _run(
    tasks: list[Task],
    config: JobConfig,
    state: RunState,
    jobs: int | None,
    scheduler: str | None,
    on_result: Callable[[FileResult], None] | None,
) -> RunResult:
    outdir = Path(config.outdir)
    previous = state.get_meta("settings")
    now = _settings_key(config)
    if previous is not None and previous != now:
        # Different settings give different outputs: redo everything, never mix.
        state.db.execute("UPDATE files SET status = 'stale' WHERE status = 'done'")
    state.set_meta("settings", now)
    rels = {t.rel for t in tasks}
    state.forget_missing(rels)
    state.commit()
    # Kept, never deleted: a SRC that is not mounted must not empty OUTDIR.
    orphaned = tuple(rel for rel in logs_in(outdir) if rel not in rels)
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
    return RunResult(summary, len(todo), skipped, orphaned)


def _remove_partial_writes(outdir: Path) -> None:
    """Temporary files of an interrupted run are garbage; only the tool's own (by their name,
    ``is_own_temp``): a user's ``.draft.tmp`` in OUTDIR is none of our business."""
    for p in outdir.rglob(".*.tmp"):
        if is_own_temp(p.name):
            with contextlib.suppress(OSError):
                p.unlink()


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _settings_key(config: JobConfig) -> dict[str, Any]:
    s = config.settings
    key: dict[str, Any] = {
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
    if s.user_lm:  # only then: a run without a model keeps the key earlier versions wrote
        key["user_lm"] = model_header(s)
    if s.learned_sha256:  # the same: the header names the table, so a resumed run must match
        key["learned_sha256"] = s.learned_sha256
    return key
