"""The package ships every module and resource (a wheel without resources cannot work)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_under_src_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT / "src").parts)
        for p in (ROOT / "src").rglob("__init__.py")
    }
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"
    assert {"corpusfix.resources", "corpusfix.docs"} <= listed
    assert config["package-dir"]["corpusfix.resources"] == "resources"


def test_resources_have_provenance() -> None:
    readme = (ROOT / "resources" / "README.md").read_text("utf-8")
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file() and path.name != "README.md":
            rel = path.relative_to(ROOT / "resources").as_posix()
            folder = rel.split("/")[0]
            assert rel in readme or rel.rsplit(".", 1)[0] in readme or f"`{folder}/" in readme, rel


def _data_packages(folder: str, package: str) -> set[str]:
    """One package per folder holding files (setuptools warns about data folders not listed)."""
    base = ROOT / folder
    return {
        ".".join((package, *d.relative_to(base).parts))
        for d in [base, *(p for p in base.rglob("*") if p.is_dir())]
        if any(f.is_file() for f in d.iterdir()) and "__pycache__" not in d.parts
    }


def test_every_data_folder_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    wanted = _data_packages("resources", "corpusfix.resources") | _data_packages(
        "docs", "corpusfix.docs"
    )
    assert wanted <= listed, f"add to pyproject.toml packages: {sorted(wanted - listed)}"
    data = config["package-data"]
    assert all(p in data for p in wanted), sorted(wanted - set(data))


def test_a_build_is_quiet_and_the_wheel_holds_the_data(tmp_path: Path) -> None:
    """`pip wheel` of the project: no setuptools warning, every resource and doc inside."""
    import importlib.util
    import shutil
    import subprocess
    import sys
    import zipfile

    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools is needed to build without network (pip install setuptools)")
    src = tmp_path / "project"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("src", "resources", "docs"):
        shutil.copytree(
            ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
        )
    out = tmp_path / "wheel"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-v",
         "--disable-pip-version-check", "-w", str(out), str(src)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "CORPUSFIX_COMPILE": ""},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    log = done.stdout + done.stderr
    warnings = [
        line for line in log.splitlines() if "Warning" in line or "would be ignored" in line
    ]
    assert not warnings, "\n".join(warnings[:10])
    (wheel,) = out.glob("corpusfix-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, package in (("resources", "corpusfix/resources"), ("docs", "corpusfix/docs")):
        for f in (ROOT / folder).rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                rel = f"{package}/{f.relative_to(ROOT / folder).as_posix()}"
                assert rel in names, f"{rel} is not in the wheel"
    assert "corpusfix/gui/app.py" in names
