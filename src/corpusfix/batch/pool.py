"""Local worker processes that end with the batch process that started them.

A ``ProcessPoolExecutor`` worker waits for work on a queue whose pipe it holds both ends of, so
when its parent dies (``kill -9``, a crash) it waits forever. Each worker here also holds the read
end of a pipe whose only write end stays in the parent: the kernel closes that end however the
parent dies, the read sees end-of-file, and the worker exits at once. On Linux the kernel also
kills the worker when its parent dies (``PR_SET_PDEATHSIG``), which works even while the worker
holds the GIL in a long C call. Dask workers belong to the cluster and are left alone.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import Connection

_PR_SET_PDEATHSIG = 1


@contextmanager
def worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers end within moments of this process, however it ends.

    Leaving the block by an exception (an interruption) stops the workers at once: their
    unfinished files are not recorded, and a rerun does them again.
    """
    ctx = multiprocessing.get_context()
    alive_r, alive_w = ctx.Pipe(duplex=False)
    # A forked worker inherits the write end too; it must close its copy or never see EOF.
    inherited = alive_w.fileno() if ctx.get_start_method() == "fork" else -1
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_start_worker, initargs=(alive_r, inherited)
    )
    try:
        yield pool
    except BaseException:
        alive_w.close()  # every worker exits now, in the middle of its file if need be
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        alive_w.close()
        alive_r.close()


def _start_worker(parent_alive: Connection, inherited_write_end: int) -> None:
    """Worker initializer: end with the parent; leave Ctrl+C to the parent."""
    if inherited_write_end >= 0:
        os.close(inherited_write_end)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us through the pipe
    _linux_death_signal()
    watcher = threading.Thread(
        target=_exit_when_parent_ends, args=(parent_alive,), name="parent-watch", daemon=True
    )
    watcher.start()


def _exit_when_parent_ends(parent_alive: Connection) -> None:
    try:
        while True:
            parent_alive.recv_bytes()  # the parent never writes: this returns only at EOF
    except (EOFError, OSError):
        pass
    os._exit(1)  # no cleanup: outputs are written atomically, the parent records nothing more


def _linux_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the pipe alone still ends the worker
