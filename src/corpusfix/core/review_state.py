"""Saving and restoring a review in progress, beside the article (no Qt here).

``article.txt.corpusfix.json`` holds the decisions by suggestion id, with enough of each
suggestion (kind, span) to refuse a state that no longer matches the article.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpusfix import __version__
from corpusfix.core.files import atomic_write
from corpusfix.core.session import Decision, ReviewSession, State

SUFFIX = ".corpusfix.json"


def state_path(article: Path) -> Path:
    return article.with_name(article.name + SUFFIX)


def save_review(session: ReviewSession, article: Path, extra: dict[str, Any] | None = None) -> Path:
    decisions = {}
    for s in session.suggestions:
        d = session.decisions[s.id]
        if d.state in (State.PENDING, State.FLAGGED) and not d.at:
            continue
        decisions[s.id] = {
            "kind": s.kind, "start": s.start, "end": s.end, "state": d.state.value,
            "text": d.text, "by": d.by, "at": d.at,
        }  # fmt: skip
    data = {
        "corpusfix": __version__,
        "original_sha256": session.doc.sha256,
        "encoding": session.doc.encoding,
        "decisions": decisions,
        "ignored": sorted([list(k) for k in session.ignored], key=str),
        **(extra or {}),
    }
    path = state_path(article)
    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return path


def load_review(session: ReviewSession, article: Path) -> dict[str, Any] | None:
    """Restore saved decisions; None when there is no state or it belongs to other text."""
    path = state_path(article)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("original_sha256") != session.doc.sha256:
        return None
    by_id = {s.id: s for s in session.suggestions}
    for sid, d in dict(data.get("decisions", {})).items():
        s = by_id.get(sid)
        if s is None or (s.kind, s.start, s.end) != (d.get("kind"), d.get("start"), d.get("end")):
            continue  # settings changed the findings: keep only what still matches
        session.restore(
            sid, Decision(State(d["state"]), d.get("text"), d.get("by", ""), d.get("at", ""))
        )
    for key in data.get("ignored", []):
        if isinstance(key, list) and len(key) == 3:
            session.ignored.add((key[0], key[1], key[2]))
    session.clear_history()
    return dict(data)
