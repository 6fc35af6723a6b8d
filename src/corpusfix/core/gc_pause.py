"""Cyclic garbage collection paused while a document is built and analysed, or a table built."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block.

    Building a document and running the detectors make a record or two for every line and
    paragraph, nearly all freed by reference counting; the collector, triggered by the count of
    live records, went through all of them again and again: 40 % of the run time on a 2 MB PDF
    text, and more the bigger the text. Cycles made meanwhile are collected once it is back on
    (only if it was on: a caller that switched it off keeps it off).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
