"""``verify OUTDIR``: every output of a batch run against its original and log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from corpusfix.core.verify import verify_file

LOG_SUFFIX = ".changelog.jsonl"
REPORT_SUFFIX = ".report.html"
STATE_DIR = "_corpusfix"


def _recorded_sources(outdir: Path) -> dict[str, Path] | None:
    """rel path -> original path, as the batch run recorded them (None if no state)."""
    db = outdir / STATE_DIR / "state.sqlite"
    if not db.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT rel, source FROM files WHERE status = 'done'").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return {str(rel): Path(src) for rel, src in rows}


def verify_outdir(outdir: Path, originals: Path | None) -> tuple[int, list[str]]:
    if not outdir.is_dir():
        return 0, [f"{outdir}: no such output folder"]
    problems: list[str] = []
    logs = {
        p.relative_to(outdir).as_posix()[: -len(LOG_SUFFIX)]: p
        for p in outdir.rglob(f"*{LOG_SUFFIX}")
        if STATE_DIR not in p.relative_to(outdir).parts
    }
    recorded = _recorded_sources(outdir)
    if originals is not None:
        sources = {rel: originals / rel for rel in logs}
        if recorded is not None:
            sources.update({rel: originals / rel for rel in recorded})
    elif recorded is not None:
        sources = recorded
    else:
        return 0, [f"{outdir}: no batch state ({STATE_DIR}/state.sqlite); give --originals DIR"]
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
    known = set(expected) | {rel + LOG_SUFFIX for rel in expected}
    known |= {rel + REPORT_SUFFIX for rel in expected} | {rel + ".diff" for rel in expected}
    for p in sorted(outdir.rglob("*")):
        rel_parts = p.relative_to(outdir).parts
        if (
            p.is_file()
            and STATE_DIR not in rel_parts
            and p.relative_to(outdir).as_posix() not in known
        ):
            problems.append(f"{p}: extra file not produced by this run")
    return len(expected), problems
