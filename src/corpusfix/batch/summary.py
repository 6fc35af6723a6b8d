"""The run's summary for machines (summary.json) and people (summary.html, summary.csv)."""

from __future__ import annotations

import contextlib
import csv
import html
import itertools
import json
import os
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from corpusfix.batch.policy import Policy
from corpusfix.batch.state import RunState
from corpusfix.core.batch_layout import (
    REPORT_SUFFIX,
    SUMMARY_CSV,
    SUMMARY_HTML,
    SUMMARY_JSON,
    display,
    json_safe,
)
from corpusfix.core.errors import CorpusfixError
from corpusfix.core.files import atomic_write, create_temp


def build_summary(state: RunState, policy: Policy) -> dict[str, Any]:
    """Aggregates streamed from the state database: memory holds only the lists the summary
    itself contains (failures, review queue), never a record per file."""
    changes: Counter[str] = Counter()
    suggestions: Counter[str] = Counter()
    failed: list[dict[str, Any]] = []
    queue: list[str] = []
    files = done = size = 0
    failed_articles = state.failed_articles()
    for f in state.files():
        files += 1
        size += f["size"] or 0
        changes.update(f["applied"])
        suggestions.update(f["suggestions"])
        # A JSON Lines record that failed alone: its line was copied unchanged.
        failed.extend(
            {"path": f["source"], "article": article, "error": error}
            for article, error in failed_articles.get(f["rel"], ())
        )
        if f["status"] == "failed":
            failed.append({"path": f["source"], "error": f["error"]})
        elif f["status"] == "done":
            done += 1
            if f["pending"]:
                queue.append(f["rel"])
    n_para, para_clusters = state.repeated_paragraphs()
    return {
        "files": files,
        "done": done,
        "failed": failed,
        "changes_by_kind": dict(sorted(changes.items())),
        "suggestions_by_kind": dict(sorted(suggestions.items())),
        "duplicate_articles": state.duplicate_articles(),
        "repeated_paragraphs": n_para,
        "repeated_paragraph_clusters": para_clusters,
        "review_queue": queue,
        "policy": policy.to_json(),
        "bytes": size,
    }


def write_summary(outdir: Path, state: RunState, policy: Policy) -> dict[str, Any]:
    summary = build_summary(state, policy)
    folder = state.dir
    text = json_safe(json.dumps(summary, ensure_ascii=False, indent=1)) + "\n"
    atomic_write(folder / SUMMARY_JSON, text.encode("utf-8"))
    _write_csv(folder / SUMMARY_CSV, state)
    atomic_write(folder / SUMMARY_HTML, _html(summary, state).encode("utf-8"))
    return summary


CSV_COLUMNS = ("path", "status", "encoding", "bytes", "suggestions", "applied", "pending", "error")


def _write_csv(path: Path, state: RunState) -> None:
    """Row by row into a temporary file, then renamed (no archive-sized string in memory).
    Undecodable bytes of a file name are written as ``\\xff`` (the CSV stays UTF-8)."""
    tmp: Path | None = None
    try:
        fd, tmp = create_temp(path)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            _csv_rows(fh, state)
        tmp.replace(path)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            raise CorpusfixError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise


def _csv_rows(fh: TextIO, state: RunState) -> None:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for f in state.files():
        w.writerow([
            display(f["rel"]), f["status"], f["encoding"], f["size"],
            sum(f["suggestions"].values()), sum(f["applied"].values()), f["pending"],
            f["error"] or "",
        ])  # fmt: skip


HTML_FILE_ROWS = 1000


def _href(rel: str) -> str:
    """A link to an output by its real name (bytes included), whatever characters it holds."""
    return html.escape(urllib.parse.quote(os.fsencode(rel)))


def _html(summary: dict[str, Any], state: RunState) -> str:
    def e(text: str) -> str:
        return html.escape(display(text))

    kinds = sorted(set(summary["suggestions_by_kind"]) | set(summary["changes_by_kind"]))
    kind_rows = "".join(
        f"<tr><th>{e(k)}</th><td>{summary['suggestions_by_kind'].get(k, 0)}</td>"
        f"<td>{summary['changes_by_kind'].get(k, 0)}</td></tr>"
        for k in kinds
    )
    failed = "".join(f"<li>{e(f['path'])}: {e(f['error'])}</li>" for f in summary["failed"])
    queue = "".join(
        f'<li><a href="../{_href(r + REPORT_SUFFIX)}">{e(r)}</a></li>'
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
        for f in itertools.islice(state.files(), HTML_FILE_ROWS)
    )
    more = summary["files"] - HTML_FILE_ROWS
    rows += f'<tr><td colspan="6">… {more} more in summary.csv</td></tr>' if more > 0 else ""
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
