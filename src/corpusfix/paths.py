"""Where shipped resources live: inside the package when installed, at the repo root when not."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The folder holding samples, word lists and other shipped data."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parents[1] / "resources"):
        if (candidate / "README.md").is_file():
            return candidate
    raise FileNotFoundError("corpusfix resources folder not found (broken installation?)")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def docs_dir() -> Path:
    """The user guide: inside the package when installed, docs/ at the repo root when not."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "docs", here.parents[1] / "docs"):
        if (candidate / "guide.en.md").is_file():
            return candidate
    raise FileNotFoundError("corpusfix user guide not found (broken installation?)")
