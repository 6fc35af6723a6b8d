"""Build corpusfix with the typo detector compiled by mypyc, beside the development tree.

    python scripts/build_compiled.py DEST

DEST/src then holds the package with the modules setup.py lists compiled (run it with
PYTHONPATH=DEST/src). The benchmarks (`python -m bench.throughput --compiled`) and
tests/test_compiled.py use this; wheels get the same build from `CORPUSFIX_COMPILE=1 pip wheel .`.
The development tree itself never gets compiled modules: they would shadow the .py files being
edited. Needs mypy (it ships mypyc) and a C compiler; exits 2 with one line when either is missing.
DEST must lie outside a git checkout's ignored folders: mypy skips git-ignored files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("src", "setup.py", "pyproject.toml", "README.md")
LINKED = ("resources", "docs")  # large and read-only here: linked, not copied


def compiled_modules(src: Path) -> list[Path]:
    return sorted(p for p in src.rglob("*") if p.suffix in (".so", ".pyd"))


def build(dest: Path) -> Path:
    """Copy the tree to ``dest``, compile it there; returns the folder to put on PYTHONPATH."""
    try:
        import mypyc  # noqa: F401
    except ImportError:
        raise SystemExit("error: mypyc not found: pip install 'mypy>=1.10'") from None
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    for name in LINKED:
        try:
            (dest / name).symlink_to(ROOT / name, target_is_directory=True)
        except OSError:  # no symlinks (Windows without the privilege): copy
            shutil.copytree(ROOT / name, dest / name)
    env = {**os.environ, "CORPUSFIX_COMPILE": "1"}
    proc = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
        cwd=dest,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        out = (proc.stdout + proc.stderr).strip().splitlines()
        last = next((ln for ln in out if "error" in ln), out[-1] if out else "(no output)")
        raise SystemExit(f"error: the compiled build failed (is a C compiler installed?): {last}")
    if not compiled_modules(dest / "src"):
        raise SystemExit("error: the compiled build produced no extension modules")
    return dest / "src"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dest", type=Path)
    args = ap.parse_args()
    try:
        print(build(args.dest.resolve()))
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
