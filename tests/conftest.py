from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from corpusfix.cli.main import main

# GUI tests run without a display (CI has none); set before any Qt application exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _own_config_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the developer's real settings, word lists or autosaves (a test
    that needs its own folder sets CORPUSFIX_CONFIG_DIR again)."""
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _files_under(folder: Path) -> set[str]:
    return {str(Path(d) / f) for d, _, files in os.walk(folder) for f in files}


@pytest.fixture(autouse=True)
def _shared_stays_untouched() -> Iterator[None]:
    """../shared is read-only input: a test that leaves a file there (a review saved beside the
    reference article, say) changes what every later test reads, so it fails here, by name."""
    before = _files_under(SHARED) if SHARED.is_dir() else set()
    yield
    after = _files_under(SHARED) if SHARED.is_dir() else set()
    assert after <= before, f"this test wrote into ../shared: {sorted(after - before)}"


REFERENCE = SHARED / "fixtures" / "hohhot-interviews"
SAMPLE = ROOT / "resources" / "samples" / "sample-article.txt"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the corpusfix command line in-process."""

    def run(*args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in args])
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def reference() -> Path:
    if not (REFERENCE / "raw.txt").is_file():
        pytest.skip(f"reference article not found at {REFERENCE} (../shared is absent)")
    return REFERENCE


def shared_data(*parts: str) -> Path:
    path = SHARED.joinpath("data", *parts)
    if not path.exists():
        pytest.skip(f"evaluation data {path} not found (../shared is absent)")
    return path


def paragraphs(text: str) -> list[str]:
    """Paragraph-wise comparison as the fixture README prescribes."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


sys.dont_write_bytecode = True


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A private X server (Xvfb) for the real xcb platform: the soak and end-to-end tests."""
    pytest.importorskip("PySide6", reason="PySide6 is not installed")
    from corpusfix.gui import platform_check

    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    missing = platform_check.missing_xcb_packages()
    if missing:
        pytest.skip(f"Qt's xcb plugin lacks {' '.join(p for _, p in missing)}")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
