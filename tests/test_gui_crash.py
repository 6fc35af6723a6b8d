"""Defect 1 of issue 17: a segfault in libQt6Gui while typing in or clearing the findings filter
after resizing the window and zooming with Ctrl+wheel.

The cause: the article's highlights were repainted straight from the scroll bar's valueChanged.
QPlainTextEdit lays blocks out lazily inside setExtraSelections (after a zoom or a resize),
which moves the scroll bar, so setExtraSelections ran inside itself and freed the selection
list the outer call was still reading. The run happens in a child process (a crash must not end
the test run); MALLOC_PERTURB_ makes a read of freed memory crash at once instead of by chance.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

ROOT = Path(__file__).resolve().parents[1]


def run_driver(*args: str, timeout: int = 240) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MALLOC_PERTURB_="165")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), str(ROOT)) if p)
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tests.gui_driver", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def test_filter_after_resize_and_zoom_does_not_crash() -> None:
    done = run_driver("zoom-filter", "--rounds", "12")
    tail = "\n".join(done.stderr.splitlines()[-15:])
    assert done.returncode == 0, f"exit {done.returncode} (negative: killed by that signal)\n{tail}"
    assert "zoom-filter: 12 rounds" in done.stdout
