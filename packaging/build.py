"""Build the one-folder bundle for this platform, then prove it starts.

    python packaging/build.py [--no-smoke]

Needs `pip install pyinstaller` (and Pillow on Windows/macOS for the icon). Output: dist/corpusfix/
with `corpusfix` (command line) and `corpusfix-gui` (the app); on Linux also the .desktop file and
icon for `~/.local/share/applications` and `~/.local/share/icons`. The smoke test runs the bundled
app headless on the bundled sample (`corpusfix-gui --self-test`) and prints size and start time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist" / "corpusfix"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build() -> None:
    cmd = [
        sys.executable, "-m", "PyInstaller", str(ROOT / "packaging" / "corpusfix.spec"),
        "--noconfirm", "--clean", "--distpath", str(ROOT / "dist"),
        "--workpath", str(ROOT / "build" / "pyinstaller"),
    ]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=ROOT)
    if sys.platform.startswith("linux"):
        shutil.copy(ROOT / "packaging" / "linux" / "corpusfix.desktop", DIST / "corpusfix.desktop")
        shutil.copy(ROOT / "resources" / "icons" / "corpusfix.png", DIST / "corpusfix.png")


def smoke() -> int:
    exe = DIST / ("corpusfix-gui.exe" if os.name == "nt" else "corpusfix-gui")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(exe), "--self-test"], env=env, capture_output=True, text=True, timeout=300
    )
    elapsed = time.perf_counter() - t0
    print(proc.stdout.strip())
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    cli = DIST / ("corpusfix.exe" if os.name == "nt" else "corpusfix")
    check = subprocess.run(
        [str(cli), "check", str(ROOT / "resources" / "samples" / "sample-article.txt")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    print(f"bundled CLI check exit {check.returncode} ({len(check.stdout.splitlines())} findings)")
    print(f"bundle: {folder_size(DIST) / 2**20:.0f} MiB in {DIST}")
    print(
        f"cold start + analysis of the sample (self-test): {elapsed:.1f} s, exit {proc.returncode}"
    )
    return proc.returncode or (0 if check.returncode == 1 else 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-smoke", action="store_true")
    args = ap.parse_args()
    build()
    return 0 if args.no_smoke else smoke()


if __name__ == "__main__":
    sys.exit(main())
