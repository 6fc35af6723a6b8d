"""The run's summary for machines (summary.json) and people (summary.html, summary.csv)."""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from corpusfix.batch.policy import Policy
from corpusfix.batch.state import RunState
from corpusfix.core.files import atomic_write


def build_summary(state: RunState, policy: Policy) -> dict[str, Any]:
    files = list(state.files())
    changes: Counter[str] = Counter()
    suggestions: Counter[str] = Counter()
    for f in files:
        changes.update(f["applied"])
        suggestions.update(f["suggestions"])
    n_para, para_clusters = state.repeated_paragraphs()
    return {
        "files": len(files),
        "done": sum(1 for f in files if f["status"] == "done"),
        "failed": [
            {"path": f["source"], "error": f["error"]} for f in files if f["status"] == "failed"
        ],
        "changes_by_kind": dict(sorted(changes.items())),
        "suggestions_by_kind": dict(sorted(suggestions.items())),
        "duplicate_articles": state.duplicate_articles(),
        "repeated_paragraphs": n_para,
        "repeated_paragraph_clusters": para_clusters,
        "review_queue": [f["rel"] for f in files if f["status"] == "done" and f["pending"]],
        "policy": policy.to_json(),
        "bytes": sum(f["size"] or 0 for f in files),
    }


def write_summary(outdir: Path, state: RunState, policy: Policy) -> dict[str, Any]:
    summary = build_summary(state, policy)
    folder = state.dir
    atomic_write(
        folder / "summary.json", (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode()
    )
    atomic_write(folder / "summary.csv", _csv(state).encode("utf-8"))
    atomic_write(folder / "summary.html", _html(summary, state).encode("utf-8"))
    return summary


def _csv(state: RunState) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["path", "status", "encoding", "bytes", "suggestions", "applied", "pending", "error"]
    )
    for f in state.files():
        w.writerow([
            f["rel"], f["status"], f["encoding"], f["size"], sum(f["suggestions"].values()),
            sum(f["applied"].values()), f["pending"], f["error"] or "",
        ])  # fmt: skip
    return buf.getvalue()


def _html(summary: dict[str, Any], state: RunState) -> str:
    e = html.escape
    kinds = sorted(set(summary["suggestions_by_kind"]) | set(summary["changes_by_kind"]))
    kind_rows = "".join(
        f"<tr><th>{e(k)}</th><td>{summary['suggestions_by_kind'].get(k, 0)}</td>"
        f"<td>{summary['changes_by_kind'].get(k, 0)}</td></tr>"
        for k in kinds
    )
    failed = "".join(f"<li>{e(f['path'])}: {e(f['error'])}</li>" for f in summary["failed"])
    queue = "".join(
        f'<li><a href="../{e(r)}.report.html">{e(r)}</a></li>'
        for r in summary["review_queue"][:500]
    )
    dups = "".join(
        "<li><b>" + e(c[0]) + "</b> (kept) = " + ", ".join(e(x) for x in c[1:]) + "</li>"
        for c in summary["duplicate_articles"][:500]
    )
    rows = "".join(
        f"<tr><td>{e(f['rel'])}</td><td>{e(f['status'])}</td><td>{e(f['encoding'] or '')}</td>"
        f"<td>{sum(f['suggestions'].values())}</td><td>{sum(f['applied'].values())}</td>"
        f"<td>{f['pending']}</td></tr>"
        for f in state.files()
    )
    return f"""<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">
<title>corpusfix batch summary</title>
<style>body{{font-family:sans-serif;margin:16px}}td,th{{padding:2px 8px;text-align:left}}</style>
</head><body><h1>corpusfix batch summary</h1>
<p>{summary["files"]} files, {summary["done"]} done, {len(summary["failed"])} failed,
{len(summary["review_queue"])} to review, {len(summary["duplicate_articles"])} duplicate clusters,
{summary["repeated_paragraphs"]} paragraphs repeated across files.</p>
<h2>By kind</h2><table><tr><th>kind</th><th>suggested</th><th>applied</th></tr>{kind_rows}</table>
<h2>Failures</h2><ul>{failed or "<li>none</li>"}</ul>
<h2>Review queue</h2><ul>{queue or "<li>empty</li>"}</ul>
<h2>Duplicate articles</h2><ul>{dups or "<li>none</li>"}</ul>
<h2>Files</h2><table><tr><th>path</th><th>status</th><th>encoding</th><th>suggestions</th>
<th>applied</th><th>pending</th></tr>{rows}</table></body></html>
"""
