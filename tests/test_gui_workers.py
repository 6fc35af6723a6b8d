"""The analysis worker outlives the tab it reports to (the tab was closed, the window went):
it must end quietly, not raise in its thread. pytest-qt not needed: the worker runs here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6", reason="PySide6 is not installed")
pytest.importorskip("shiboken6", reason="shiboken6 is not installed")

import shiboken6

from corpusfix.api import Settings
from corpusfix.gui.workers import AnalysisWorker


@pytest.mark.parametrize(
    "content", [b"\x00\x01binary\xff" * 50, "今年以来,经济稳中有进。\n".encode()]
)
def test_a_worker_whose_receiver_is_gone_ends_quietly(tmp_path: Path, content: bytes) -> None:
    """It raised 'Signal source has been deleted' twice: from the report, then from the
    handler that reports a bug (seen in the GUI suite's output when a tab closed early)."""
    article = tmp_path / "a.txt"
    article.write_bytes(content)
    worker = AnalysisWorker(article, Settings())
    shiboken6.delete(worker.signals)
    worker.run()  # raises on the old code
