"""Which files a batch run reads, and where each one's outputs go (SPEC.md's layout)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpusfix.core.batch_layout import (
    LOCK_FILE,
    LOG_SUFFIX,
    STATE_DIR,
    STATE_FILE,
    SUMMARY_CSV,
    SUMMARY_HTML,
    SUMMARY_JSON,
    output_rel,
)
from corpusfix.core.errors import UsageError
from corpusfix.core.files import check_outputs

# What a run writes in STATE_DIR (atomic_write's temporary files aside); no input may be one.
_STATE_FILES = (
    STATE_FILE,
    f"{STATE_FILE}-wal",
    f"{STATE_FILE}-shm",
    SUMMARY_JSON,
    SUMMARY_CSV,
    SUMMARY_HTML,
    LOCK_FILE,
)

# PDFs only where --include names them (`--include '*.pdf'`): a run over a folder that holds
# PDFs beside its text files resumes exactly as it ran before PDF input existed.
DEFAULT_INCLUDE = ("*.txt", "*.jsonl")


@dataclass(frozen=True)
class Task:
    source: str  # absolute path of the input
    rel: str  # output path relative to OUTDIR (POSIX separators)


def matches(rel: str, patterns: Sequence[str]) -> bool:
    """Does a relative path (or its file name) match one of the globs?"""
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(
    sources: Sequence[str],
    outdir: Path,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> list[Task]:
    """Expand files and folders (recursively) into tasks, sorted by output path.

    Change logs (``*.changelog.jsonl``) are never inputs, whatever ``include`` says.
    One SRC folder: rel is relative to it. A SRC file: rel is its name. Several SRCs: rel starts
    with each SRC's own name (for ``.``, ``..`` and the like, the name of the folder it is).
    Colliding outputs are a usage error before anything runs.
    """
    out_resolved = outdir.resolve()
    several = len(sources) > 1
    tasks: dict[str, Task] = {}
    given: dict[tuple[Path, str], str] = {}  # (resolved, own name): a link's name is its own
    for src in sources:
        root = Path(src)
        if not root.exists():
            raise UsageError(f"{src}: no such file or folder")
        base = root.resolve()
        if base == out_resolved or out_resolved in base.parents:
            raise UsageError(f"{src}: the output folder must not be the input or inside it")
        prefix = (_own_name(src, root, base) + "/") if several else ""
        if (base, prefix) in given:
            raise UsageError(f"{src}: this SRC is given twice (also as {given[base, prefix]})")
        given[base, prefix] = src
        if root.is_file():
            if root.name.endswith(LOG_SUFFIX):
                raise UsageError(f"{src}: a corpusfix change log is not an article to clean")
            files = [(base, root.name)]
        else:
            files = []
            for p in sorted(base.rglob("*")):
                if not p.is_file() and not p.is_symlink():
                    continue
                if p.name.endswith(LOG_SUFFIX):
                    # corpusfix's own change log (beside a `fix` output, in an older OUTDIR):
                    # never an article, and its output would read as another output's log.
                    continue
                if out_resolved == p or out_resolved in p.parents:
                    continue  # never read our own outputs
                rel = p.relative_to(base).as_posix()
                if matches(rel, include) and not matches(rel, exclude):
                    files.append((p, rel))
        for path, rel in files:
            key = output_rel(prefix + rel if several or root.is_dir() else rel)
            if key in tasks:
                raise UsageError(
                    f"two inputs would write the same output '{key}': "
                    f"{tasks[key].source} and {path}"
                )
            tasks[key] = Task(str(path), key)
    return [tasks[k] for k in sorted(tasks)]


def _own_name(src: str, root: Path, base: Path) -> str:
    """The SRC's name as given; ``..`` would climb out of OUTDIR and ``.`` has none."""
    name = root.name if root.name not in ("", ".", "..") else base.name
    if not name:
        raise UsageError(f"{src}: a folder without a name cannot be one of several SRCs")
    return name


def check_layout(
    tasks: Sequence[Task],
    outdir: Path,
    suffixes: Sequence[str],
    inputs: Sequence[str] = (),
) -> None:
    """Every output (OUTDIR/rel and OUTDIR/rel + each suffix) inside OUTDIR, none of them an
    input or another output, and none in the run's own state folder: else a usage error."""
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"{outdir}: the output folder is a file")
    for t in tasks:
        if t.rel.split("/", 1)[0] == STATE_DIR:
            raise UsageError(
                f"{t.source}: its output {t.rel} would be in OUTDIR/{STATE_DIR}, the run's own "
                "state; --exclude it or give its folder as SRC"
            )
    # Strings, not Paths: three outputs per input, and Path parsing dominated the cost.
    base = str(outdir)
    outputs = [f"{base}/{t.rel}{s}" for t in tasks for s in ("", *suffixes)]
    outputs += [f"{base}/{STATE_DIR}/{n}" for n in _STATE_FILES]
    check_outputs(outputs, [*(t.source for t in tasks), *inputs], inside=outdir)
    if not os.path.lexists(f"{base}/{STATE_DIR}"):
        # No batch ever ran here: a file at an output path is the user's, never replaced. (Where
        # a run did, a clean file without its log may be its own, cut between the renames.)
        for out in outputs:
            if os.path.lexists(out):
                raise UsageError(
                    f"{out}: a file of that name is already in OUTDIR, not written by corpusfix "
                    "batch; move it away or choose another output folder"
                )
