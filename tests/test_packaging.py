"""The package ships every module and resource (a wheel without resources cannot work)."""

from __future__ import annotations

import tomllib
from pathlib import Path

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
