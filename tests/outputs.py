"""Comparing batch outputs the way SPEC.md defines "identical"."""

from __future__ import annotations

import json
from pathlib import Path


def snapshot(outdir: Path) -> dict[str, object]:
    """Every output file: bytes for clean files and reports, records without 'at' for logs."""
    snap: dict[str, object] = {}
    for p in sorted(outdir.rglob("*")):
        rel = p.relative_to(outdir).as_posix()
        if not p.is_file() or rel.startswith("_corpusfix/") or rel.endswith(".report.html"):
            continue
        if rel.endswith(".changelog.jsonl"):
            rows = [json.loads(x) for x in p.read_text("utf-8").splitlines()]
            for r in rows:
                r.pop("at", None)
            snap[rel] = rows
        else:
            snap[rel] = p.read_bytes()
    return snap


def summary(outdir: Path) -> dict[str, object]:
    return json.loads((outdir / "_corpusfix" / "summary.json").read_text("utf-8"))
