"""Issue 17, fresh machine: where a library PySide6's X11 plugin needs is missing, `corpusfix`
prints one line naming the Debian package and exits 2 (Qt itself aborts, one library at a time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed")

ROOT = Path(__file__).resolve().parents[1]

# The app as a user starts it, with ctypes unable to load the named libraries (as on a
# machine without their packages) and no X server to reach.
HIDE = """
import ctypes, sys
hidden = set(sys.argv[1].split(","))
real = ctypes.CDLL
def cdll(name, *args, **kwargs):
    if name in hidden:
        raise OSError(f"{name}: cannot open shared object file")
    return real(name, *args, **kwargs)
ctypes.CDLL = cdll
sys.argv = ["corpusfix"]
from corpusfix.cli.main import main
sys.exit(main())
"""


def start(hidden: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    full.update({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":97", **env})
    return subprocess.run(
        [sys.executable, "-c", HIDE, hidden], cwd=ROOT, env=full,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_missing_xcb_cursor_names_the_package_in_one_line() -> None:
    done = start("libxcb-cursor.so.0")
    assert done.returncode == 2, done.stderr[-2000:]
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "libxcb-cursor0" in lines[0] and "apt-get install" in lines[0]
    assert lines[0].startswith("corpusfix: error: ")


def test_every_missing_library_is_named_at_once() -> None:
    done = start("libxcb-icccm.so.4,libxcb-keysyms.so.1")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert "libxcb-icccm4 libxcb-keysyms1" in line and "libxcb-cursor0" not in line


def test_the_check_follows_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    from corpusfix.gui import platform_check

    monkeypatch.setattr(platform_check, "_loadable", lambda name: name != "libxcb-cursor.so.0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert platform_check.startup_problem() is None  # tests, screenshots: no X needed
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    problem = platform_check.startup_problem()
    assert problem is not None and "libxcb-cursor0" in problem
    monkeypatch.setattr(platform_check, "_loadable", lambda name: True)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert "DISPLAY" in (platform_check.startup_problem() or "")


def test_the_demo_set_up_installs_the_xcb_libraries() -> None:
    from corpusfix.gui.platform_check import XCB_LIBRARIES

    dev = (ROOT / "dev").read_text("utf-8")
    demo = dev[dev.index("gui_runtime_packages() {") :]
    demo = demo[: demo.index("\n}\n")]
    for _lib, package in XCB_LIBRARIES:
        assert package in demo, f"./dev demo does not install {package}"
    assert "gui_runtime_packages" in dev[dev.index("  demo)") :].split(";;")[0]
