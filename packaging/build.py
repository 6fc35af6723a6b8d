"""Build the one-folder bundle for this platform, then prove it starts.

    python packaging/build.py [--no-smoke] [--pure]

Needs `pip install pyinstaller` (and Pillow on Windows/macOS for the icon). Output: dist/corpusfix/
with `corpusfix` (command line) and `corpusfix-gui` (the app); on Linux also the .desktop file and
icon for `~/.local/share/applications` and `~/.local/share/icons`. The smoke test runs the bundled
app headless on the bundled sample (`corpusfix-gui --self-test`) and prints size and start time.

The typo detector is bundled compiled by mypyc (scripts/build_compiled.py, docs/speed.md) where a
C compiler is at hand, else — or with --pure — as the .py files; the build says which.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist" / "corpusfix"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def compiled_src(work: Path) -> Path | None:
    """The package with the typo detector compiled, built in ``work``; None if it cannot be."""
    script = ROOT / "scripts" / "build_compiled.py"
    proc = subprocess.run(
        [sys.executable, str(script), str(work)], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        print(f"note: bundling the pure-Python typo detector: {proc.stderr.strip()}")
        return None
    return Path(proc.stdout.strip())


def build(pure: bool) -> None:
    cmd = [
        sys.executable, "-m", "PyInstaller", str(ROOT / "packaging" / "corpusfix.spec"),
        "--noconfirm", "--clean", "--distpath", str(ROOT / "dist"),
        "--workpath", str(ROOT / "build" / "pyinstaller"),
    ]  # fmt: skip
    # Outside the checkout: mypy skips git-ignored folders such as build/.
    with tempfile.TemporaryDirectory(prefix="corpusfix-bundle-") as tmp:
        src = None if pure else compiled_src(Path(tmp))
        env = {**os.environ, "CORPUSFIX_SRC": str(src or ROOT / "src")}
        subprocess.run(cmd, check=True, cwd=ROOT, env=env)
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
    pdf = subprocess.run(
        [str(cli), "check", str(ROOT / "tests" / "fixtures" / "pdf" / "article.pdf")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    # the bundle carries the PDF library: a PDF's furniture is found (exit 1), not an error (2)
    print(f"bundled CLI check of a PDF exit {pdf.returncode} ({len(pdf.stdout.splitlines())} findings)")
    print(f"bundle: {folder_size(DIST) / 2**20:.0f} MiB in {DIST}")
    compiled = any(DIST.rglob("corpusfix/detectors/typos/lm.*.so")) or any(
        DIST.rglob("corpusfix/detectors/typos/lm.*.pyd")
    )
    print(f"typo detector: {'compiled (mypyc)' if compiled else 'pure Python'}")
    print(
        f"cold start + analysis of the sample (self-test): {elapsed:.1f} s, exit {proc.returncode}"
    )
    return proc.returncode or (0 if check.returncode == 1 and pdf.returncode == 1 else 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-smoke", action="store_true")
    ap.add_argument("--pure", action="store_true", help="bundle the pure-Python typo detector")
    args = ap.parse_args()
    build(args.pure)
    return 0 if args.no_smoke else smoke()


if __name__ == "__main__":
    sys.exit(main())
