"""The autosave's writer thread (core/background_writer.py): one writer at a time, the latest
state of a file wins over one still waiting, and a discard comes after any write under way."""

from __future__ import annotations

import threading
import time

from corpusfix.core.background_writer import LatestWriter


def test_jobs_run_one_at_a_time_on_another_thread_and_the_latest_per_file_wins() -> None:
    writer = LatestWriter()
    gate = threading.Event()
    ran: list[str] = []
    threads: set[str] = set()
    running = [0]
    overlap = [0]

    def job(name: str, wait: bool = False):  # type: ignore[no-untyped-def]
        def run() -> None:
            running[0] += 1
            overlap[0] = max(overlap[0], running[0])
            threads.add(threading.current_thread().name)
            if wait:
                gate.wait(10)
            time.sleep(0.01)
            ran.append(name)
            running[0] -= 1

        return run

    writer.submit("a", job("a1", wait=True))
    time.sleep(0.05)  # a1 is running now
    writer.submit("a", job("a2"))
    writer.submit("b", job("b1"))
    writer.submit("a", job("a3"))  # replaces a2, still waiting
    gate.set()
    assert writer.flush(10)
    assert ran == ["a1", "b1", "a3"]
    assert overlap[0] == 1
    assert threading.current_thread().name not in threads


def test_discard_drops_a_waiting_job_and_waits_for_a_running_one() -> None:
    writer = LatestWriter()
    gate = threading.Event()
    order: list[str] = []

    def slow() -> None:
        gate.wait(10)
        order.append("written")

    writer.submit("a", slow)
    time.sleep(0.05)
    writer.submit("a", lambda: order.append("again"))  # waiting: dropped by the discard
    threading.Timer(0.1, gate.set).start()
    writer.discard("a", lambda: order.append("removed"))
    assert writer.flush(10)
    assert order == ["written", "removed"]


def test_a_failing_job_is_reported_and_the_thread_goes_on() -> None:
    writer = LatestWriter()
    errors: list[str] = []

    def fail() -> None:
        raise OSError("disk full")

    writer.submit("a", fail, lambda exc: errors.append(str(exc)))
    done: list[int] = []
    writer.submit("b", lambda: done.append(1))
    assert writer.flush(10)
    assert errors == ["disk full"] and done == [1]
