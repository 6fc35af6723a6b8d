"""The change log (JSON Lines, SPEC.md): write it, read it, replay it, verify outputs with it."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpusfix import __version__
from corpusfix.core.errors import ChangelogError
from corpusfix.core.loading import decode, encode_text, normalize_encoding, sha256_hex
from corpusfix.core.reading import LOG_MAX_BYTES, read_regular
from corpusfix.core.session import APPLIED, ReviewSession, State, apply_edits, utc_now

RECORD_FIELDS = (
    "id", "kind", "detector", "start", "end", "before", "after", "decision",
    "confidence", "message", "evidence", "by", "at",
)  # fmt: skip


def encoding_label(codec: str) -> str:
    """Python codec name → the label written in logs (``utf_8`` → ``utf-8``)."""
    return codec.replace("_", "-")


@dataclass
class Changelog:
    header: dict[str, Any]
    records: list[dict[str, Any]] = field(default_factory=list)

    def applied(self) -> list[dict[str, Any]]:
        """Records that change the text: accepted or edited, and not reverted by QA."""
        return [r for r in self.records if is_applied(r)]

    def to_bytes(self) -> bytes:
        lines = [_dumps(self.header)] + [_dumps(r) for r in self.records]
        return ("\n".join(lines) + "\n").encode("utf-8")


def is_applied(record: Mapping[str, Any]) -> bool:
    review = record.get("review") or {}
    return record.get("decision") in APPLIED and review.get("verdict") != "reverted"


def _dumps(obj: Mapping[str, Any]) -> str:
    text = json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # kept undecodable bytes (lone surrogates) must stay escaped
        text = json.dumps(obj, ensure_ascii=True, separators=(", ", ": "))
    return text


def build_changelog(
    session: ReviewSession,
    *,
    original_name: str,
    clean_bytes: bytes,
    out_encoding: str,
    extra_header: Mapping[str, Any] | None = None,
) -> Changelog:
    doc = session.doc
    now = utc_now()
    records = []
    for s in sorted(session.suggestions, key=lambda s: (s.start, s.end, s.id)):
        d = session.decisions[s.id]
        after = (
            None if d.state is State.FLAGGED else (d.text if d.text is not None else s.replacement)
        )
        records.append(
            {
                "id": s.id,
                "kind": s.kind,
                "detector": s.detector,
                "start": s.start,
                "end": s.end,
                "line": s.line,
                "before": doc.text[s.start : s.end],
                "after": after,
                "decision": d.state.value,
                "confidence": s.confidence,
                "message": s.message,
                "evidence": dict(s.evidence),
                "by": d.by,
                "at": d.at or now,
            }
        )
    header: dict[str, Any] = {
        "corpusfix": __version__,
        "original": original_name,
        "original_sha256": doc.sha256,
        "encoding": encoding_label(doc.encoding),
        "out_encoding": encoding_label(out_encoding),
        "newline": doc.newline,
        "bom": doc.bom,
        "clean_sha256": sha256_hex(clean_bytes),
        "records": len(records),
    }
    if extra_header:
        header.update(extra_header)
    return Changelog(header, records)


def parse_changelog(data: bytes, name: str = "change log") -> Changelog:
    """Parse a log; raise ChangelogError with a one-line reason when it is malformed."""
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise ChangelogError(f"{name}: not UTF-8 JSON Lines") from None
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        raise ChangelogError(f"{name}: empty")
    objs = []
    for n, ln in enumerate(lines, 1):
        try:
            obj = json.loads(ln)
        except json.JSONDecodeError as exc:
            raise ChangelogError(f"{name}: line {n} is not JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise ChangelogError(f"{name}: line {n} is not a JSON object")
        objs.append(obj)
    header, records = objs[0], objs[1:]
    for key in ("corpusfix", "original_sha256", "encoding", "records"):
        if key not in header:
            raise ChangelogError(f"{name}: header has no '{key}' (is this a corpusfix change log?)")
    for n, rec in enumerate(records, 2):
        missing = [
            k for k in ("id", "kind", "start", "end", "before", "after", "decision") if k not in rec
        ]
        if missing:
            raise ChangelogError(f"{name}: line {n} has no '{missing[0]}'")
        if not isinstance(rec["start"], int) or not isinstance(rec["end"], int):
            raise ChangelogError(f"{name}: line {n} has non-integer offsets")
    return Changelog(header, records)


def read_changelog(path: str | Path) -> Changelog:
    p = Path(path)
    data = read_regular(p, LOG_MAX_BYTES, error=ChangelogError)  # not a FIFO, nor a device
    return parse_changelog(data, str(p))


def _check_records(text: str, records: Sequence[Mapping[str, Any]], name: str) -> None:
    last_end = -1
    for rec in records:
        start, end = rec["start"], rec["end"]
        if not 0 <= start <= end <= len(text):
            raise ChangelogError(f"{name}: record {rec['id']} is outside the original text")
        if text[start:end] != rec["before"]:
            raise ChangelogError(
                f"{name}: record {rec['id']} does not match the original at {start} "
                "(the log belongs to another file)"
            )
        if is_applied(rec):
            if start < last_end:
                raise ChangelogError(f"{name}: record {rec['id']} overlaps an earlier change")
            last_end = end


def replay(original: bytes, log: Changelog, name: str = "change log") -> bytes:
    """The clean bytes that ``log`` makes of ``original``; ChangelogError if it does not belong."""
    header = log.header
    if "jsonl_field" in header:
        from corpusfix.core.jsonl import replay_jsonl

        try:
            return replay_jsonl(original, header, log.records)
        except ChangelogError as exc:
            raise ChangelogError(f"{name}: {exc}") from None
    if sha256_hex(original) != header["original_sha256"]:
        raise ChangelogError(
            f"{name}: the log belongs to another original "
            f"(sha256 {header['original_sha256'][:12]}…, "
            f"this file is {sha256_hex(original)[:12]}…)"
        )
    encoding = normalize_encoding(str(header["encoding"]))
    loaded = decode(original, encoding, name=str(header.get("original", "original")), strict=False)
    _check_records(loaded.text, log.records, name)
    applied = [(r["start"], r["end"], r["after"] or "") for r in log.applied()]
    clean = apply_edits(loaded.text, applied)
    out_enc = normalize_encoding(str(header.get("out_encoding", header["encoding"])))
    return encode_text(clean, out_enc, bool(header.get("bom", False)))
