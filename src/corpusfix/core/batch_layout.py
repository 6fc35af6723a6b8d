"""The batch output layout (SPEC.md): where a run's outputs and its own state live in OUTDIR.

One module owns every name of the layout, so the batch writer, ``verify OUTDIR`` and ``review``
cannot disagree. It lives in core (not batch) because core's ``verify OUTDIR`` reads it and core
never imports batch; it imports only the standard library and core/files.py (which names
temporary files).

Paths are stored in the state database as TEXT when they are valid Unicode, and as the file
system's own bytes (a BLOB) when they are not (a name with invalid UTF-8 decodes to lone
surrogates, which SQLite's TEXT cannot hold): ``to_db`` and ``from_db`` convert at the boundary.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from corpusfix.core.files import TMP_MARKER, is_temp_name

STATE_DIR = "_corpusfix"  # the run's own folder in OUTDIR; never an output of an input
LOG_SUFFIX = ".changelog.jsonl"
REPORT_SUFFIX = ".report.html"
DIFF_SUFFIX = ".diff"  # written by `review --diff` beside the outputs
STATE_FILE = "state.sqlite"
LOCK_FILE = "lock"
SUMMARY_JSON = "summary.json"
SUMMARY_HTML = "summary.html"
SUMMARY_CSV = "summary.csv"
EVIDENCE_GLOB = "archive-evidence-*.json"
TRAIN_LM_GLOB = "train-lm-*.charlm"  # batch --train-lm: the model of the run's own inputs
# The tool's own temporary files (.NAME.corpusfix-XXXXXXXX.tmp) are named by core/files.py.
TEMP_MARKER = TMP_MARKER
TEMP_SUFFIX = ".tmp"

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    rel TEXT PRIMARY KEY, source TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, sha256 TEXT,
    encoding TEXT, status TEXT NOT NULL, error TEXT, suggestions TEXT, applied TEXT,
    pending INTEGER
);
CREATE TABLE IF NOT EXISTS articles (
    rel TEXT NOT NULL, article INTEGER NOT NULL, exact INTEGER NOT NULL, length INTEGER,
    sentences TEXT, PRIMARY KEY (rel, article)
);
CREATE INDEX IF NOT EXISTS articles_exact ON articles (exact);
CREATE TABLE IF NOT EXISTS sketch (
    hash INTEGER NOT NULL, rel TEXT NOT NULL, article INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sketch_hash ON sketch (hash);
CREATE INDEX IF NOT EXISTS sketch_rel ON sketch (rel);
CREATE TABLE IF NOT EXISTS paragraphs (hash INTEGER NOT NULL, rel TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paragraphs_hash ON paragraphs (hash);
CREATE INDEX IF NOT EXISTS paragraphs_rel ON paragraphs (rel);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS failed_articles (
    rel TEXT NOT NULL, article INTEGER NOT NULL, error TEXT, PRIMARY KEY (rel, article)
);
"""
# the tables keyed by rel
PER_FILE_TABLES = ("files", "articles", "sketch", "paragraphs", "failed_articles")


# A PDF's clean text is a text file: `rel/name.pdf` -> `OUTDIR/rel/name.pdf.txt` (SPEC.md).
PDF_OUTPUT_SUFFIX = ".txt"


def output_rel(source_rel: str) -> str:
    """The output path (relative to OUTDIR) of an input at ``source_rel``."""
    return source_rel + PDF_OUTPUT_SUFFIX if source_rel.lower().endswith(".pdf") else source_rel


def source_rels(rel: str) -> tuple[str, ...]:
    """Where the original of the output ``rel`` may be under an originals folder: the same
    path, or the PDF it was extracted from (``name.pdf.txt`` <- ``name.pdf``)."""
    if rel.lower().endswith(".pdf" + PDF_OUTPUT_SUFFIX):
        return rel, rel[: -len(PDF_OUTPUT_SUFFIX)]
    return (rel,)


def original_under(originals: Path, rel: str) -> Path:
    """The original of output ``rel`` under ``--originals DIR`` (the first that exists)."""
    found = [originals / r for r in source_rels(rel)]
    return next((p for p in found if p.is_file()), found[0])


def state_dir(outdir: Path) -> Path:
    return outdir / STATE_DIR


def state_path(outdir: Path) -> Path:
    return outdir / STATE_DIR / STATE_FILE


def outputs_of(outdir: Path, rel: str) -> tuple[Path, Path, Path]:
    """The clean file, change log and report of the input whose output path is ``rel``."""
    out = outdir / rel
    return out, out.with_name(out.name + LOG_SUFFIX), out.with_name(out.name + REPORT_SUFFIX)


def own_files_of(rel: str) -> tuple[str, ...]:
    """Every name under OUTDIR that belongs to the output ``rel`` (relative, POSIX)."""
    return (rel, rel + LOG_SUFFIX, rel + REPORT_SUFFIX, rel + DIFF_SUFFIX)


def is_state(rel_parts: tuple[str, ...]) -> bool:
    """Is a path (its parts relative to OUTDIR) inside the run's own state folder?"""
    return bool(rel_parts) and rel_parts[0] == STATE_DIR


def logs_in(outdir: Path) -> dict[str, Path]:
    """rel -> change log, for every output change log under OUTDIR."""
    found = {}
    for p in sorted(outdir.rglob(f"*{LOG_SUFFIX}")):
        rel = p.relative_to(outdir)
        if not is_state(rel.parts):
            found[rel.as_posix()[: -len(LOG_SUFFIX)]] = p
    return found


def temp_prefix(target_name: str) -> str:
    """The prefix of a temporary file written beside ``target_name`` (with TEMP_SUFFIX)."""
    return f".{target_name}{TEMP_MARKER}"


def is_own_temp(name: str) -> bool:
    """A temporary file corpusfix made (``.NAME.corpusfix-XXXXXXXX.tmp``), never a user's own."""
    return is_temp_name(name)


def to_db(path: str) -> str | bytes:
    """A path as the state database stores it: TEXT when it is Unicode, else its bytes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def from_db(value: str | bytes) -> str:
    return os.fsdecode(value) if isinstance(value, bytes) else str(value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def display(text: str) -> str:
    """Text safe to encode as UTF-8 (messages, HTML, CSV): undecodable bytes of a file name
    appear as ``\\xff``, as ``ls -b`` shows them."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: _escape_surrogate(m.group()), text)


def _escape_surrogate(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def json_safe(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with lone surrogates written as ``\\uXXXX`` escapes:
    valid UTF-8, and ``json.loads`` gives the same string back (``os.fsencode`` the path)."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def recorded_sources(outdir: Path) -> dict[str, Path] | None:
    """rel path -> original path, as the batch run recorded them (None if no readable state)."""
    db = state_path(outdir)
    if not db.is_file():
        return None
    try:
        # a finished run leaves no WAL: read it as immutable, which writes no -shm beside it; a
        # killed run's WAL may hold committed rows, which only a WAL-aware reader sees
        wal = db.with_name(db.name + "-wal").exists()
        mode = "mode=ro" if wal else "mode=ro&immutable=1"
        con = sqlite3.connect(f"{db.resolve().as_uri()}?{mode}", uri=True)
        try:
            rows = con.execute("SELECT rel, source FROM files WHERE status = 'done'").fetchall()
        finally:
            con.close()
    except (sqlite3.Error, OSError):
        return None
    return {from_db(rel): Path(from_db(src)) for rel, src in rows}
