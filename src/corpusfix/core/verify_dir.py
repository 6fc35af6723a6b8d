"""``verify OUTDIR``: every output of a batch run against its original and log."""

from __future__ import annotations

from pathlib import Path

from corpusfix.core.batch_layout import (
    STATE_DIR,
    STATE_FILE,
    is_state,
    logs_in,
    original_under,
    own_files_of,
    recorded_sources,
)
from corpusfix.core.verify import verify_file


def verify_outdir(outdir: Path, originals: Path | None) -> tuple[int, list[str]]:
    if not outdir.is_dir():
        return 0, [f"{outdir}: no such output folder"]
    problems: list[str] = []
    logs = logs_in(outdir)
    recorded = recorded_sources(outdir)
    if originals is not None:
        sources = {rel: original_under(originals, rel) for rel in logs}
        if recorded is not None:
            sources.update({rel: original_under(originals, rel) for rel in recorded})
    elif recorded is not None:
        sources = recorded
    elif (outdir / STATE_DIR / STATE_FILE).exists():
        state = outdir / STATE_DIR / STATE_FILE
        return 0, [f"{state}: the batch state cannot be read (damaged?); give --originals DIR"]
    else:
        return 0, [f"{outdir}: no batch state ({STATE_DIR}/{STATE_FILE}); give --originals DIR"]
    expected = set(sources) | set(logs)
    for rel in sorted(expected):
        log = logs.get(rel)
        if log is None:
            problems.append(f"{outdir / rel}: output and change log are missing")
            continue
        if rel not in sources:
            problems.append(f"{log}: extra output with no recorded original")
            continue
        problems.extend(verify_file(sources[rel], outdir / rel, log))
    known = {name for rel in expected for name in own_files_of(rel)}
    for p in sorted(outdir.rglob("*")):
        rel_path = p.relative_to(outdir)
        if p.is_file() and not is_state(rel_path.parts) and rel_path.as_posix() not in known:
            problems.append(f"{p}: extra file not produced by this run")
    return len(expected), problems
