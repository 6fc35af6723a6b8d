"""Which files a batch run reads, and where each one's outputs go (SPEC.md's layout)."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpusfix.core.errors import UsageError

DEFAULT_INCLUDE = ("*.txt", "*.jsonl")


@dataclass(frozen=True)
class Task:
    source: str  # absolute path of the input
    rel: str  # output path relative to OUTDIR (POSIX separators)


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(
    sources: Sequence[str],
    outdir: Path,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> list[Task]:
    """Expand files and folders (recursively) into tasks, sorted by output path.

    One SRC folder: rel is relative to it. A SRC file: rel is its name. Several SRCs: rel starts
    with each SRC's own name. Colliding outputs are a usage error before anything runs.
    """
    out_resolved = outdir.resolve()
    several = len(sources) > 1
    tasks: dict[str, Task] = {}
    for src in sources:
        root = Path(src)
        if not root.exists():
            raise UsageError(f"{src}: no such file or folder")
        base = root.resolve()
        if base == out_resolved or out_resolved in base.parents:
            raise UsageError(f"{src}: the output folder must not be the input or inside it")
        prefix = (root.name + "/") if several else ""
        if root.is_file():
            files = [(base, root.name)]
        else:
            files = []
            for p in sorted(base.rglob("*")):
                if not p.is_file() and not p.is_symlink():
                    continue
                if out_resolved == p or out_resolved in p.parents:
                    continue  # never read our own outputs
                rel = p.relative_to(base).as_posix()
                if _matches(rel, include) and not _matches(rel, exclude):
                    files.append((p, rel))
        for path, rel in files:
            key = prefix + rel if several or root.is_dir() else rel
            if key in tasks:
                raise UsageError(
                    f"two inputs would write the same output '{key}': "
                    f"{tasks[key].source} and {path}"
                )
            tasks[key] = Task(str(path), key)
    return [tasks[k] for k in sorted(tasks)]
