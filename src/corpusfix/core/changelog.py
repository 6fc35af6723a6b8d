"""The change log (JSON Lines, SPEC.md): write it, read it, replay it, verify outputs with it.

One record type (``LogRecord``), one parser (``parse_changelog``) that every reader uses, and one
replay. The parser refuses any log that replaying could misread, with a one-line reason, so
``apply`` and ``verify`` agree on every log: what one calls malformed, the other refuses.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from corpusfix import __version__
from corpusfix.core.errors import ChangelogError, CorpusfixError
from corpusfix.core.loading import decode, encode_text, normalize_encoding, sha256_hex
from corpusfix.core.reading import LOG_MAX_BYTES, read_regular
from corpusfix.core.session import REVERTED, ReviewSession, State, apply_edits, is_applied, utc_now
from corpusfix.core.suggestion import FLAG_ONLY_KINDS

RECORD_FIELDS = (
    "id", "kind", "detector", "start", "end", "before", "after", "decision",
    "confidence", "message", "evidence", "by", "at",
)  # fmt: skip
# The order build_changelog writes; a record read from a log keeps the order it had.
WRITER_KEYS = (
    "id", "kind", "detector", "start", "end", "line", "before", "after", "decision",
    "confidence", "message", "evidence", "by", "at",
)  # fmt: skip
DECISIONS = frozenset(s.value for s in State)
VERDICTS = frozenset({"approved", REVERTED})
NEWLINES = frozenset({"lf", "crlf", "cr"})
_REQUIRED = ("id", "kind", "start", "end", "before", "after", "decision")
_KNOWN = frozenset(WRITER_KEYS) | {"article", "review"}
_REQUIRED_HEADER = ("corpusfix", "original_sha256", "encoding", "records")
_HEADER_TYPES: dict[str, type | tuple[type, ...]] = {
    "corpusfix": str, "original": str, "original_sha256": str, "encoding": str,
    "out_encoding": str, "newline": str, "bom": bool, "clean_sha256": str, "records": int,
    "jsonl_field": str, "original_path": str, "learned_channel_sha256": str,
    "extractor": str, "extracted_sha256": str,
    "user_lm_sha256": str, "user_lm_training_sha256": str,
}  # fmt: skip
# Characters that str.splitlines() splits on and json.dumps(ensure_ascii=False) leaves raw:
# escaped so that line-splitting readers other than ours (a QA script's splitlines()) see one
# record per line too. Inside JSON they can only occur in strings, so the escape is exact.
_RAW_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def encoding_label(codec: str) -> str:
    """Python codec name → the label written in logs (``utf_8`` → ``utf-8``)."""
    return codec.replace("_", "-")


@dataclass(frozen=True)
class Review:
    """A QA verdict on one applied record."""

    verdict: str  # "approved" or "reverted"
    by: str = ""
    at: str = ""
    keys: tuple[str, ...] = ("verdict", "by", "at")  # JSON keys, in the order they appear
    extra: Mapping[str, Any] = field(default_factory=dict)  # keys this version does not know

    def to_json(self) -> dict[str, Any]:
        known = {"verdict": self.verdict, "by": self.by, "at": self.at}
        return {k: known[k] if k in known else self.extra[k] for k in self.keys}


@dataclass(frozen=True)
class LogRecord:
    """One suggestion and its decision, as the log holds it (offsets into the original text)."""

    id: str
    kind: str
    start: int
    end: int
    before: str
    after: str | None
    decision: str  # one of DECISIONS
    detector: str = ""
    line: int | None = None
    confidence: float = 0.0
    message: str = ""
    evidence: Mapping[str, Any] = field(default_factory=dict)
    by: str = ""
    at: str = ""
    article: int | None = None  # JSON Lines inputs: the 0-based line of the article
    review: Review | None = None
    keys: tuple[str, ...] = WRITER_KEYS  # JSON keys, in order: serialising keeps the bytes
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def applied(self) -> bool:
        """Does this record change the clean text (accepted or edited, not reverted by QA)?"""
        return is_applied(self.decision, self.review.verdict if self.review else None)

    @property
    def verdict(self) -> str | None:
        return self.review.verdict if self.review else None

    def updated(self, **changes: Any) -> LogRecord:
        """A copy with fields changed; a field the record did not have is added at the end."""
        added = tuple(k for k in changes if k in _KNOWN and k not in self.keys)
        return replace(self, keys=self.keys + added, **changes)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k in self.keys:
            if k not in _KNOWN:
                out[k] = self.extra[k]
            elif k == "review":
                out[k] = self.review.to_json() if self.review else None
            else:
                value = getattr(self, k)
                out[k] = dict(value) if k == "evidence" else value
        return out


@dataclass
class Changelog:
    header: dict[str, Any]
    records: list[LogRecord] = field(default_factory=list)

    def applied(self) -> list[LogRecord]:
        """Records that change the text: accepted or edited, and not reverted by QA."""
        return [r for r in self.records if r.applied]

    def to_bytes(self) -> bytes:
        lines = [_dumps(self.header)] + [_dumps(r.to_json()) for r in self.records]
        return ("\n".join(lines) + "\n").encode("utf-8")


def _dumps(obj: Mapping[str, Any]) -> str:
    text = json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # kept undecodable bytes (lone surrogates) must stay escaped
        text = json.dumps(obj, ensure_ascii=True, separators=(", ", ": "))
    for ch, escaped in _RAW_LINE_BREAKS.items():
        text = text.replace(ch, escaped)
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
    for s in sorted(session.logged(), key=lambda s: (s.start, s.end, s.id)):
        d = session.decisions[s.id]
        after = (
            None if d.state is State.FLAGGED else (d.text if d.text is not None else s.replacement)
        )
        records.append(
            LogRecord(
                id=s.id,
                kind=s.kind,
                detector=s.detector,
                start=s.start,
                end=s.end,
                line=s.line,
                before=doc.text[s.start : s.end],
                after=after,
                decision=d.state.value,
                confidence=s.confidence,
                message=s.message,
                evidence=dict(s.evidence),
                by=d.by,
                at=d.at or now,
            )
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
    if doc.extraction is not None:  # a PDF: offsets are into the text extracted from it
        from corpusfix.core.sources import header_keys

        header.update(header_keys(doc.extraction))
    if extra_header:
        header.update(extra_header)
    return Changelog(header, records)


# ----- reading -----


def parse_changelog(data: bytes, name: str = "change log") -> Changelog:
    """Parse and check a log; raise ChangelogError with a one-line reason when it is malformed.

    Checked here, without the original: the header's keys and types, the record count, every
    record's fields and types, order, duplicate ids and overlapping applied changes. Whether the
    offsets fit the original text is checked by ``replay``, which has the text.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ChangelogError(f"{name}: not UTF-8 JSON Lines") from None
    # JSON Lines are split on "\n" only: U+2028, U+0085, \v, \f… are text inside a record.
    objs: list[tuple[int, dict[str, Any]]] = []
    for n, ln in enumerate(text.split("\n"), 1):
        if not ln.strip(" \t\r"):
            continue
        try:
            obj = json.loads(ln)
        except json.JSONDecodeError as exc:
            raise ChangelogError(f"{name}: line {n} is not JSON ({exc.msg})") from None
        except RecursionError:
            raise ChangelogError(f"{name}: line {n} is nested too deeply") from None
        if not isinstance(obj, dict):
            raise ChangelogError(f"{name}: line {n} is not a JSON object")
        objs.append((n, obj))
    if not objs:
        raise ChangelogError(f"{name}: empty")
    header = objs[0][1]
    _check_header(header, name)
    records = [_record(obj, n, name) for n, obj in objs[1:]]
    if header["records"] != len(records):
        raise ChangelogError(
            f"{name}: header announces {header['records']} records, found {len(records)} "
            "(a record was dropped or added)"
        )
    _check_sequence(records, [n for n, _ in objs[1:]], "jsonl_field" in header, name)
    return Changelog(header, records)


def read_changelog(path: str | Path) -> Changelog:
    p = Path(path)
    data = read_regular(p, LOG_MAX_BYTES, error=ChangelogError)  # not a FIFO, nor a device
    return parse_changelog(data, str(p))


def _type_name(t: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", bool: "true or false", dict: "an object"}
    return names.get(t, "a number") if isinstance(t, type) else "a number"


def _is(value: Any, t: type | tuple[type, ...]) -> bool:
    if isinstance(value, bool) and t is not bool:
        return False  # JSON true is not an offset or a count
    return isinstance(value, t)


def _check_header(header: dict[str, Any], name: str) -> None:
    for key in _REQUIRED_HEADER:
        if key not in header:
            raise ChangelogError(f"{name}: header has no '{key}' (is this a corpusfix change log?)")
    for key, t in _HEADER_TYPES.items():
        if key in header and not _is(header[key], t):
            raise ChangelogError(f"{name}: header '{key}' is not {_type_name(t)}")
    if header["records"] < 0:
        raise ChangelogError(f"{name}: header 'records' is negative")
    if "newline" in header and header["newline"] not in NEWLINES:
        raise ChangelogError(f"{name}: header 'newline' is not one of lf, crlf, cr")
    for key in ("encoding", "out_encoding"):
        if key in header:
            try:
                "".encode(normalize_encoding(header[key]))  # LookupError: not a text codec
            except (CorpusfixError, LookupError, UnicodeError):
                raise ChangelogError(
                    f"{name}: header '{key}' names an unknown encoding '{header[key]}'"
                ) from None


_RECORD_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str, "kind": str, "detector": str, "start": int, "end": int, "line": int,
    "before": str, "decision": str, "confidence": (int, float), "message": str,
    "evidence": dict, "by": str, "at": str, "article": int, "review": dict,
}  # fmt: skip


def _record(obj: dict[str, Any], n: int, name: str) -> LogRecord:
    where = f"{name}: line {n}"
    for key in _REQUIRED:
        if key not in obj:
            raise ChangelogError(f"{where} has no '{key}'")
    rid = obj["id"]
    if _is(rid, str):
        where = f"{where} (record {rid})"
    for key, t in _RECORD_TYPES.items():
        if key in obj and not _is(obj[key], t):
            raise ChangelogError(f"{where}: '{key}' is not {_type_name(t)}")
    start, end, decision, after = obj["start"], obj["end"], obj["decision"], obj["after"]
    if start < 0 or end < 0 or ("article" in obj and obj["article"] < 0):
        raise ChangelogError(f"{where}: negative offset")
    if start > end:
        raise ChangelogError(f"{where}: start {start} is after end {end}")
    if decision not in DECISIONS:
        raise ChangelogError(
            f"{where}: decision '{decision}' is not one of {', '.join(sorted(DECISIONS))}"
        )
    if after is not None and not isinstance(after, str):
        raise ChangelogError(f"{where}: 'after' is not a string or null")
    if after is None and (
        is_applied(decision) or (decision != "flagged" and obj["kind"] not in FLAG_ONLY_KINDS)
    ):
        raise ChangelogError(f"{where}: 'after' is null on a {decision} {obj['kind']} record")
    if "confidence" in obj and not math.isfinite(obj["confidence"]):
        raise ChangelogError(f"{where}: 'confidence' is not a finite number")
    review = _review(obj["review"], where) if "review" in obj else None
    known = {k: obj[k] for k in obj if k in _KNOWN and k != "review"}
    return LogRecord(
        **known,
        review=review,
        keys=tuple(obj),
        extra={k: v for k, v in obj.items() if k not in _KNOWN},
    )


def _review(obj: dict[str, Any], where: str) -> Review:
    if obj.get("verdict") not in VERDICTS:
        raise ChangelogError(f"{where}: review verdict is not 'approved' or 'reverted'")
    for key in ("by", "at"):
        if key in obj and not isinstance(obj[key], str):
            raise ChangelogError(f"{where}: review '{key}' is not a string")
    return Review(
        verdict=obj["verdict"],
        by=obj.get("by", ""),
        at=obj.get("at", ""),
        keys=tuple(obj),
        extra={k: v for k, v in obj.items() if k not in ("verdict", "by", "at")},
    )


def _check_sequence(
    records: Sequence[LogRecord], lines: Sequence[int], jsonl: bool, name: str
) -> None:
    """Unique ids, records in order of (article,) start, applied changes that do not overlap."""
    seen: set[str] = set()
    last: tuple[int, int] = (-1, -1)
    clash = _OverlapCheck()
    for rec, n in zip(records, lines, strict=True):
        where = f"{name}: line {n} (record {rec.id})"
        if rec.id in seen:
            raise ChangelogError(f"{where}: duplicate id (a record was repeated)")
        seen.add(rec.id)
        if jsonl and rec.article is None:
            raise ChangelogError(f"{where} has no 'article' (the log is of a JSON Lines file)")
        key = (rec.article or 0, rec.start)
        if key < last:
            raise ChangelogError(f"{where}: out of order (records are sorted by offset)")
        if key[0] != last[0]:
            clash = _OverlapCheck()
        last = key
        if rec.applied and clash.overlaps(rec.start, rec.end):
            raise ChangelogError(f"{where}: overlaps an earlier applied change")


class _OverlapCheck:
    """Spans seen in order of start; the rule of Suggestion.overlaps (two inserts at one point
    clash, an insert at the start of a replaced span does not)."""

    def __init__(self) -> None:
        self.start = -1
        self.end_before = -1  # furthest end of the spans that start before self.start
        self.end_here = -1  # furthest end of the spans that start at self.start
        self.points: set[int] = set()

    def overlaps(self, start: int, end: int) -> bool:
        if start != self.start:
            self.end_before, self.end_here, self.start = (
                max(self.end_before, self.end_here),
                -1,
                start,
            )
        if start == end:
            hit = start < self.end_before or start in self.points
            self.points.add(start)
            return hit
        hit = start < max(self.end_before, self.end_here)
        self.end_here = max(self.end_here, end)
        return hit


def check_records(text: str, records: Iterable[LogRecord], name: str, where: str = "") -> None:
    """Every record's span lies in ``text`` and holds its ``before``: the log is of this text."""
    for rec in records:
        if rec.end > len(text):
            raise ChangelogError(
                f"{name}: record {rec.id} is outside the original text{where} "
                f"(end {rec.end}, the text has {len(text)} characters)"
            )
        if text[rec.start : rec.end] != rec.before:
            raise ChangelogError(
                f"{name}: record {rec.id} does not match the original{where} at {rec.start} "
                "(the log belongs to another file)"
            )


# ----- replaying -----


def original_text(original: bytes, header: Mapping[str, Any], name: str) -> str:
    """The text a (non JSON Lines) log's offsets refer to: the original decoded as logged, or,
    for a PDF, its text extracted again (refused when it is not the text the log was made on)."""
    if "extractor" in header:
        from corpusfix.core.sources import extracted_text

        return extracted_text(original, header, name)
    encoding = normalize_encoding(header["encoding"])
    return decode(
        original, encoding, name=str(header.get("original", "original")), strict=False
    ).text


def replay(
    original: bytes, log: Changelog, name: str = "change log", *, check_clean: bool = True
) -> bytes:
    """The clean bytes that ``log`` makes of ``original``; ChangelogError if it does not belong.

    With ``check_clean`` the result must have the header's ``clean_sha256``: a log that lost or
    gained applied records, or whose records were edited, does not replay to what it recorded.
    """
    header = log.header
    if sha256_hex(original) != header["original_sha256"]:
        raise ChangelogError(
            f"{name}: the log belongs to another original "
            f"(sha256 {header['original_sha256'][:12]}…, "
            f"this file is {sha256_hex(original)[:12]}…)"
        )
    try:
        if "jsonl_field" in header:
            from corpusfix.core.jsonl import replay_jsonl

            out = replay_jsonl(original, header, log.records, name)
        else:
            text = original_text(original, header, name)
            check_records(text, log.records, name)
            clean = apply_edits(text, [(r.start, r.end, r.after or "") for r in log.applied()])
            out_enc = normalize_encoding(header.get("out_encoding", header["encoding"]))
            out = encode_text(clean, out_enc, bool(header.get("bom", False)))
    except ChangelogError:
        raise
    except CorpusfixError as exc:  # the original or the output cannot be (de|en)coded as logged
        raise ChangelogError(f"{name}: cannot replay: {exc}") from None
    except UnicodeError as exc:  # a codec that takes no error handler (idna, punycode)
        raise ChangelogError(f"{name}: cannot replay with the log's encoding ({exc})") from None
    recorded = header.get("clean_sha256")
    if check_clean and recorded is not None and sha256_hex(out) != recorded:
        raise ChangelogError(
            f"{name}: the replay does not give the clean text the log records "
            f"(sha256 {sha256_hex(out)[:12]}…, recorded {recorded[:12]}…): "
            "records were changed, dropped or added"
        )
    return out
