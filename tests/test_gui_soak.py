"""Issue 17: a fixed-seed random user drives the main window (resize, zoom, filter (Ctrl+L),
F8, arrows and clicks in the tree, accept/reject/edit/undo/redo, bulk decisions at the ≥ box's
confidence, typing in the article, find/replace, the clean preview, the Changes tab (Alt+N/P),
font size, export checked by `verify`, views and tabs); after every action the tree's current row, the detail pane, the
article's mark and the decision target must be one finding, the article must show the session's
text, and nothing may crash. In a child process (a segfault must not end the test run);
bench/gui_soak.py runs 20,000 actions."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

ROOT = Path(__file__).resolve().parents[1]


def soak(
    actions: int, seed: int, slice_s: float | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MALLOC_PERTURB_": "165", **env}
    full["PYTHONPATH"] = os.pathsep.join(p for p in (full.get("PYTHONPATH"), str(ROOT)) if p)
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tests.gui_driver", "soak",
         "--seed", str(seed), "--actions", str(actions),
         *(["--slice-s", str(slice_s)] if slice_s is not None else [])],
        cwd=ROOT, env=full, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def assert_held(done: subprocess.CompletedProcess[str], actions: int) -> None:
    tail = "\n".join(done.stderr.splitlines()[-20:])
    assert done.returncode == 0, f"exit {done.returncode} (negative: that signal)\n{tail}"
    assert f"soak: {actions} actions" in done.stdout and "invariant held" in done.stdout
    typed = re.search(r"soak: (\d+) manual edits made", done.stdout)
    assert typed and int(typed.group(1)) > 0, "typing in the article made no edit"
    exported = re.search(r"soak: (\d+) exports verified", done.stdout)
    assert exported and int(exported.group(1)) > 0, "no export was made (and verified)"


def test_soak_offscreen() -> None:
    assert_held(soak(1000, seed=17), 1000)


def test_soak_with_every_bulk_action_showing_its_progress_dialog() -> None:
    """As on a loaded machine: each bulk action and long undo runs in many slices behind a
    window-modal progress dialog; the user waits for it, and nothing is lost or mis-targeted."""
    assert_held(soak(400, seed=23, slice_s=0.0), 400)


def test_soak_under_xvfb_with_the_xcb_platform(xvfb: str) -> None:
    assert_held(soak(500, seed=29, QT_QPA_PLATFORM="xcb", DISPLAY=xvfb), 500)
