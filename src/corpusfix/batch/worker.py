"""One file of a batch run: read, analyse, decide by policy, write outputs, report back.

This is a plain function of plain data, so the same code runs in a local process pool and on
Dask workers. Outputs are written atomically before the result is returned; the state database
records the file only after that, so an interrupted run redoes it identically.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpusfix.api import Settings, document_from, run_header, start_session
from corpusfix.batch.fingerprint import ArticlePrint, fingerprint
from corpusfix.batch.inputs import Task
from corpusfix.batch.policy import Policy
from corpusfix.core.batch_layout import outputs_of
from corpusfix.core.changelog import Changelog, LogRecord, build_changelog, encoding_label
from corpusfix.core.document import Role
from corpusfix.core.errors import CorpusfixError
from corpusfix.core.files import write_set
from corpusfix.core.jsonl import articles, failures, parse_jsonl, render_line
from corpusfix.core.loading import decode, read_input, sha256_hex
from corpusfix.core.session import ReviewSession, State, is_applied
from corpusfix.core.sources import load_source
from corpusfix.export.report import html_report
from corpusfix.export.writer import render


@dataclass(frozen=True)
class JobConfig:
    outdir: str
    policy: Policy
    settings: Settings = field(default_factory=Settings)
    out_encoding: str | None = None
    jsonl_field: str | None = None
    report: bool = True


@dataclass
class FileResult:
    rel: str
    source: str
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""
    encoding: str = ""
    status: str = "done"
    error: str = ""
    suggestions: dict[str, int] = field(default_factory=dict)
    applied: dict[str, int] = field(default_factory=dict)
    pending: int = 0
    prints: list[tuple[int, ArticlePrint]] = field(default_factory=list)
    # JSON Lines: (0-based line, reason) of each record that failed alone (its line is copied)
    failed_articles: list[tuple[int, str]] = field(default_factory=list)


def _decide(session: ReviewSession, policy: Policy) -> None:
    with session.group():
        for kind in sorted(policy.accept):
            session.accept_all([kind], min_confidence=policy.threshold(kind))


def _counts(session: ReviewSession) -> tuple[Counter[str], Counter[str], int]:
    sugg: Counter[str] = Counter(s.kind for s in session.suggestions)
    applied: Counter[str] = Counter(
        s.kind for s in session.suggestions if is_applied(session.state(s.id))
    )
    pending = sum(
        1 for s in session.suggestions if session.state(s.id) in (State.PENDING, State.FLAGGED)
    )
    return sugg, applied, pending


def _body_texts(session: ReviewSession) -> list[str]:
    doc = session.doc
    return [doc.text[p.start : p.end] for p in doc.paragraphs if p.role is Role.BODY]


def process_task(task: Task, config: JobConfig) -> FileResult:
    result = FileResult(task.rel, task.source)
    try:
        st = Path(task.source).stat()
        result.size, result.mtime_ns = st.st_size, st.st_mtime_ns
        data = read_input(task.source, config.settings.max_bytes)
        result.sha256 = sha256_hex(data)
        if config.jsonl_field and task.rel.endswith(".jsonl"):
            _process_jsonl(task, config, data, result)
        else:
            _process_text(task, config, data, result)
    except CorpusfixError as exc:
        result.status, result.error = "failed", str(exc)
    except OSError as exc:
        result.status, result.error = "failed", f"{task.source}: {exc.strerror or exc}"
    except MemoryError:
        result.status, result.error = "failed", f"{task.source}: out of memory"
    if result.status == "failed":
        result.failed_articles = []  # the whole file failed: no output, no records of its own
    return result


def process_many(tasks: list[Task], config: JobConfig) -> list[FileResult]:
    """Several files per call: one round trip to a worker process per chunk, not per file."""
    return [process_task(t, config) for t in tasks]


def _targets(config: JobConfig, rel: str) -> tuple[Path, Path, Path]:
    return outputs_of(Path(config.outdir), rel)


def _process_text(task: Task, config: JobConfig, data: bytes, result: FileResult) -> None:
    loaded, extraction = load_source(data, config.settings.encoding, task.source)
    doc = document_from(loaded, name=Path(task.source).name, extraction=extraction)
    session = start_session(doc, config.settings)
    _decide(session, config.policy)
    rendered = render(
        session,
        original_name=Path(task.source).name,
        out_encoding=config.out_encoding,
        extra_header=run_header(config.settings),
    )
    out, log_path, report_path = _targets(config, task.rel)
    files = [(out, rendered.clean)]
    if config.report:
        page = html_report(
            doc.text, rendered.log.records, title=task.rel, header=rendered.log.header
        )
        files.append((report_path, page.encode("utf-8", errors="replace")))
    files.append((log_path, rendered.log.to_bytes()))  # the log seals the set: last
    write_set(files, durable=False)
    sugg, applied, pending = _counts(session)
    result.encoding = encoding_label(doc.encoding)
    result.suggestions, result.applied, result.pending = dict(sugg), dict(applied), pending
    result.prints = [(0, fingerprint(doc.text, _body_texts(session)))]


def _process_jsonl(task: Task, config: JobConfig, data: bytes, result: FileResult) -> None:
    field_name = config.jsonl_field or "text"
    lines = parse_jsonl(data, field_name, task.source)
    out_lines = [line.raw for line in lines]
    records: list[LogRecord] = []
    sugg: Counter[str] = Counter()
    applied: Counter[str] = Counter()
    pending = 0
    result.failed_articles = [(i, f"{task.source}: {why}") for i, why in failures(lines)]
    for i, text in articles(lines):
        if not text.strip():
            continue
        try:
            loaded = decode(text.encode("utf-8"), "utf-8", name=f"{task.source}: line {i + 1}")
            doc = document_from(loaded, name=f"{task.rel}#{i}")
            session = start_session(doc, config.settings)
            _decide(session, config.policy)
            clean = session.clean_text()
            rendered_line = render_line(lines[i], field_name, clean)
        except (CorpusfixError, UnicodeError) as exc:  # this record fails alone, copied as is
            where = f"{task.source}: line {i + 1}"
            reason = str(exc) if isinstance(exc, CorpusfixError) else f"{where}: {exc}"
            result.failed_articles.append((i, reason))
            continue
        out_lines[i] = rendered_line
        log = build_changelog(
            session, original_name=task.rel, clean_bytes=b"", out_encoding="utf_8"
        )
        records.extend(r.updated(id=f"a{i}.{r.id}", article=i) for r in log.records)
        s, a, p = _counts(session)
        sugg.update(s)
        applied.update(a)
        pending += p
        result.prints.append((i, fingerprint(doc.text, _body_texts(session))))
    clean_bytes = b"".join(out_lines)
    header = {
        "corpusfix": __import__("corpusfix").__version__,
        "original": Path(task.source).name,
        "original_sha256": result.sha256,
        "encoding": "utf-8",
        "out_encoding": "utf-8",
        "newline": "lf",
        "bom": data.startswith(b"\xef\xbb\xbf"),
        "clean_sha256": sha256_hex(clean_bytes),
        "records": len(records),
        "jsonl_field": field_name,
        **run_header(config.settings),
    }
    out, log_path, report_path = _targets(config, task.rel)
    files = [(out, clean_bytes)]
    if config.report:
        joined, shifted = _joined_articles(lines, records)
        page = html_report(joined, shifted, title=task.rel, header=header)
        files.append((report_path, page.encode("utf-8", errors="replace")))
    files.append((log_path, Changelog(header, records).to_bytes()))  # the seal: last
    write_set(files, durable=False)
    result.failed_articles.sort()
    result.encoding = "utf-8"
    result.suggestions, result.applied, result.pending = dict(sugg), dict(applied), pending


def _joined_articles(lines: list[Any], records: list[LogRecord]) -> tuple[str, list[LogRecord]]:
    """All articles as one text (a marker line between them) with record offsets shifted."""
    parts: list[str] = []
    offset_of: dict[int, int] = {}
    pos = 0
    for i, text in articles(lines):
        marker = f"——— article {i} ———\n"
        parts.append(marker)
        pos += len(marker)
        offset_of[i] = pos
        parts.append(text + "\n\n")
        pos += len(text) + 2
    shifted = []
    for rec in records:
        base = offset_of[rec.article or 0]
        shifted.append(rec.updated(start=rec.start + base, end=rec.end + base))
    return "".join(parts), shifted
