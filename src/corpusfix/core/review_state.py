"""Saving and restoring a review in progress (no Qt here).

``article.txt.corpusfix.json`` beside the article is the review the user saved; it holds the
decisions by suggestion id, with enough of each suggestion (kind, span) to refuse a state that
no longer matches the article. The autosave (written by the app seconds after every decision,
so that a crash or ``kill -9`` loses nothing) has the same content plus the article's path, in
the user's config folder under ``autosave/``, one file per article path and content.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpusfix import __version__
from corpusfix.config import config_dir
from corpusfix.core.errors import ConflictError
from corpusfix.core.files import atomic_write
from corpusfix.core.kinds import MANUAL
from corpusfix.core.session import Decision, ReviewSession, State
from corpusfix.core.suggestion import Suggestion

SUFFIX = ".corpusfix.json"


def state_path(article: Path) -> Path:
    return article.with_name(article.name + SUFFIX)


def save_review(session: ReviewSession, article: Path, extra: dict[str, Any] | None = None) -> Path:
    path = state_path(article)
    atomic_write(path, _encode(_state(session, extra)))
    return path


@dataclass(frozen=True)
class Snapshot:
    """What a saved state holds, copied out of a session (cheap: the suggestions and decisions
    are immutable, only the containers are copied), so that it can be encoded and written on
    another thread while the session goes on changing."""

    sha256: str
    encoding: str
    logged: tuple[Suggestion, ...]
    decisions: dict[str, Decision]
    ignored: frozenset[tuple[str, str, str | None]]


def snapshot(session: ReviewSession) -> Snapshot:
    return Snapshot(
        session.doc.sha256,
        session.doc.encoding,
        tuple(session.logged()),
        dict(session.decisions),
        frozenset(session.ignored),
    )


def _encode(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _state(
    session: ReviewSession | Snapshot, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    snap = session if isinstance(session, Snapshot) else snapshot(session)
    decisions = {}
    for s in snap.logged:  # the person's own edits too
        d = snap.decisions[s.id]
        if d.state in (State.PENDING, State.FLAGGED) and not d.at:
            continue
        decisions[s.id] = {
            "kind": s.kind, "start": s.start, "end": s.end, "state": d.state.value,
            "text": d.text, "by": d.by, "at": d.at,
        }  # fmt: skip
    return {
        "corpusfix": __version__,
        "original_sha256": snap.sha256,
        "encoding": snap.encoding,
        "decisions": decisions,
        "ignored": sorted([list(k) for k in snap.ignored], key=str),
        **(extra or {}),
    }


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def load_review(session: ReviewSession, article: Path) -> dict[str, Any] | None:
    """Restore saved decisions; None when there is no state or it belongs to other text."""
    data = _read(state_path(article))
    if data is None or data.get("original_sha256") != session.doc.sha256:
        return None
    restore_state(session, data)
    return dict(data)


def restore_state(
    session: ReviewSession, data: dict[str, Any], *, keep_decided: bool = False
) -> int:
    """Apply saved decisions to the session; returns how many were restored.

    ``keep_decided`` leaves alone the findings the person has already decided in this session.
    """
    by_id = {s.id: s for s in session.suggestions}
    by_span = {(s.kind, s.start, s.end): s for s in session.suggestions}
    restored = 0
    for sid, d in dict(data.get("decisions", {})).items():
        if d.get("kind") == MANUAL:
            restored += _restore_manual(session, sid, d)
            continue
        span = (d.get("kind"), d.get("start"), d.get("end"))
        s = by_id.get(sid)
        if s is None or (s.kind, s.start, s.end) != span:
            s = by_span.get(span)  # ids of a quick first pass differ from the full pass's
        if s is None:
            continue  # settings changed the findings: keep only what still matches
        if keep_decided and session.decisions[s.id].at:
            continue
        session.restore(
            s.id, Decision(State(d["state"]), d.get("text"), d.get("by", ""), d.get("at", ""))
        )
        restored += 1
    for key in data.get("ignored", []):
        if isinstance(key, list) and len(key) == 3:
            session.ignored.add((key[0], key[1], key[2]))
    session.clear_history()
    return restored


def _restore_manual(session: ReviewSession, sid: str, d: dict[str, Any]) -> int:
    """A saved manual edit back in the session; 0 when it no longer fits (out of the text, or
    its place is taken by what was decided since)."""
    start, end, text = d.get("start"), d.get("end"), d.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(text, str)):
        return 0
    try:
        session.restore_manual(sid, start, end, text, str(d.get("by", "")), str(d.get("at", "")))
    except ConflictError:
        return 0
    return 1


# ----- the autosave -----


@dataclass(frozen=True)
class Autosave:
    path: Path  # where it is kept
    article: Path
    sha256: str
    decisions: int
    saved_at: str
    data: dict[str, Any]


def autosave_dir() -> Path:
    return config_dir() / "autosave"


def autosave_path(article: Path, sha256: str, folder: Path | None = None) -> Path:
    """``folder``: the autosave folder (default: the config folder's, as it is now)."""
    key = hashlib.sha256(f"{_absolute(article)}\0{sha256}".encode()).hexdigest()
    return (folder or autosave_dir()) / f"{key[:32]}.json"


def _absolute(article: Path) -> str:
    return str(Path(article).resolve())


def write_autosave(
    session: ReviewSession | Snapshot, article: Path, saved_at: str, folder: Path | None = None
) -> Path:
    """Atomically replace the article's autosave with the session's (or a snapshot's)
    decisions."""
    sha = session.sha256 if isinstance(session, Snapshot) else session.doc.sha256
    path = autosave_path(article, sha, folder)
    data = _state(session, {"article": _absolute(article), "saved_at": saved_at})
    atomic_write(path, _encode(data))
    return path


def read_autosave(article: Path, sha256: str, folder: Path | None = None) -> Autosave | None:
    """The autosave of this article with this content, if one was left behind."""
    return _autosave(autosave_path(article, sha256, folder))


def discard_autosave(article: Path, sha256: str, folder: Path | None = None) -> None:
    with contextlib.suppress(OSError):
        autosave_path(article, sha256, folder).unlink()


def left_behind() -> list[Autosave]:
    """Autosaves whose article still exists unchanged (a crash or kill ended the review)."""
    folder = autosave_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        saved = _autosave(path)
        if saved is None or not saved.article.is_file():
            continue
        try:
            digest = hashlib.sha256(saved.article.read_bytes()).hexdigest()
        except OSError:
            continue
        if digest == saved.sha256 and autosave_path(saved.article, digest) == path:
            found.append(saved)
    return found


def _autosave(path: Path) -> Autosave | None:
    data = _read(path)
    if data is None or not isinstance(data.get("article"), str):
        return None
    decisions = data.get("decisions")
    return Autosave(
        path=path,
        article=Path(data["article"]),
        sha256=str(data.get("original_sha256", "")),
        decisions=len(decisions) if isinstance(decisions, dict) else 0,
        saved_at=str(data.get("saved_at", "")),
        data=data,
    )
