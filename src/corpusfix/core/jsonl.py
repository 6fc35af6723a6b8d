"""JSON Lines corpora: one article per line, the text in a named field.

An article without applied changes keeps its line byte for byte; a changed one is written again
with only its text field replaced (every other field kept). Replaying a log uses the same rule, so
``verify`` can rebuild the output exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corpusfix.core.errors import ChangelogError, InputError
from corpusfix.core.session import apply_edits

if TYPE_CHECKING:
    from corpusfix.core.changelog import LogRecord


@dataclass(frozen=True)
class Line:
    raw: bytes  # the line as it was, with its newline
    obj: dict[str, Any] | None  # None for blank lines and bad lines
    text: str | None
    error: str | None = None  # why a non-blank line is no article: it is copied unchanged


def parse_jsonl(data: bytes, field: str, name: str = "input") -> list[Line]:
    """Split a corpus into lines; a bad line fails alone (``Line.error``), not the file.

    The file fails as a whole only when it is empty or no line at all is an article (not JSON
    Lines, or the wrong ``--jsonl-field``): then the first line's problem is the reason.
    """
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    lines = [_parse_line(raw, n, field) for n, raw in enumerate(data.splitlines(keepends=True), 1)]
    if all(line.text is None for line in lines):
        first = next(line.error for line in lines if line.error is not None)
        raise InputError(f"{name}: {first}")
    return lines


BOM = b"\xef\xbb\xbf"


def _parse_line(raw: bytes, n: int, field: str) -> Line:
    # A corpus saved with a BOM (Windows tools): read past it; render_line keeps it.
    body = (raw[len(BOM) :] if n == 1 and raw.startswith(BOM) else raw).strip()
    if not body:
        return Line(raw, None, None)
    try:
        obj = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Line(
            raw, None, None, f"line {n} is not UTF-8 (byte {exc.start}; JSON Lines must be UTF-8)"
        )
    except json.JSONDecodeError as exc:
        return Line(raw, None, None, f"line {n} is not JSON ({exc.msg})")
    except (ValueError, RecursionError) as exc:  # too deep, or an integer of 5,000 digits
        return Line(raw, None, None, f"line {n} cannot be read ({type(exc).__name__})")
    if not isinstance(obj, dict) or not isinstance(obj.get(field), str):
        return Line(raw, None, None, f"line {n} has no text field '{field}'")
    return Line(raw, obj, obj[field])


def failures(lines: Sequence[Line]) -> Iterable[tuple[int, str]]:
    """(0-based line number, reason) of every line that is neither blank nor an article."""
    for i, line in enumerate(lines):
        if line.error is not None:
            yield i, line.error


def render_line(line: Line, field: str, clean: str) -> bytes:
    if line.obj is None or clean == line.text:
        return line.raw
    obj = dict(line.obj)
    obj[field] = clean
    ending = line.raw[len(line.raw.rstrip(b"\r\n")) :]
    bom = BOM if line.raw.startswith(BOM) else b""  # only the first line can have one
    return bom + json.dumps(obj, ensure_ascii=False).encode("utf-8") + ending


def articles(lines: Sequence[Line]) -> Iterable[tuple[int, str]]:
    """(0-based line number, text) of every article."""
    for i, line in enumerate(lines):
        if line.text is not None:
            yield i, line.text


def replay_jsonl(
    original: bytes, header: Mapping[str, Any], records: Sequence[LogRecord], name: str = "log"
) -> bytes:
    """The output corpus a JSON Lines log makes of ``original`` (whose sha256 the caller checked).

    Records were checked by ``parse_changelog``; here each one's article and span are checked
    against the article's text with the same rule as for a plain text.
    """
    from corpusfix.core.changelog import check_records

    field = str(header["jsonl_field"])
    try:
        lines = parse_jsonl(original, field)
    except InputError as exc:
        raise ChangelogError(f"{name}: the original is not a JSON Lines file ({exc})") from None
    by_article: dict[int, list[LogRecord]] = {}
    for rec in records:
        i = rec.article
        if i is None or i >= len(lines) or lines[i].text is None:
            raise ChangelogError(f"{name}: record {rec.id} names no article of this file")
        by_article.setdefault(i, []).append(rec)
    out = []
    for i, line in enumerate(lines):
        recs = by_article.get(i, [])
        if recs and line.text is not None:
            check_records(line.text, recs, name, where=f" (article {i})")
            edits = [(r.start, r.end, r.after or "") for r in recs if r.applied]
            out.append(render_line(line, field, apply_edits(line.text, edits)))
        else:
            out.append(line.raw)
    return b"".join(out)
