"""Write a review session's results: clean text, change log, and optionally report and diff.

The CLI's ``fix``, the app's export dialog and batch all call this one function, so their
outputs are identical for the same decisions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpusfix.core.batch_layout import LOG_SUFFIX
from corpusfix.core.changelog import Changelog, build_changelog
from corpusfix.core.files import check_outputs, write_set
from corpusfix.core.loading import encode_text, output_form
from corpusfix.core.session import ReviewSession
from corpusfix.export.diff import inline_diff
from corpusfix.export.report import html_report


@dataclass(frozen=True)
class ExportResult:
    clean: bytes
    log: Changelog


def render(
    session: ReviewSession,
    *,
    original_name: str,
    out_encoding: str | None = None,
    extra_header: Mapping[str, Any] | None = None,
) -> ExportResult:
    doc = session.doc
    # The BOM is carried with the encoding: utf-8-sig asks for one, same-encoding keeps the input's.
    enc, bom = output_form(out_encoding or doc.encoding, doc.bom)
    clean = encode_text(session.clean_text(), enc, bom)
    log = build_changelog(
        session,
        original_name=original_name,
        clean_bytes=clean,
        out_encoding=enc,
        extra_header=extra_header,
    )
    log.header["bom"] = bom
    return ExportResult(clean, log)


def default_clean(article: Path) -> Path:
    """Where `fix` without -o and the app's export put the clean text: ``name.clean.txt``
    beside the input (``name.clean`` + the input's own suffix for text; a PDF's is text)."""
    suffix = ".txt" if article.suffix.lower() == ".pdf" else article.suffix
    return article.with_name(article.stem + ".clean" + suffix)


def default_changelog(out: Path) -> Path:
    """SPEC.md: the log goes to ``OUT.changelog.jsonl`` unless ``--changelog`` names one."""
    return out.with_name(out.name + LOG_SUFFIX)


def write_outputs(
    session: ReviewSession,
    *,
    input_path: Path,
    out: Path,
    changelog: Path | None = None,
    report: Path | None = None,
    diff: Path | None = None,
    out_encoding: str | None = None,
    extra_header: Mapping[str, Any] | None = None,
    report_lang: str = "en",
) -> ExportResult:
    """Render everything first, then write the files as one set (``write_set``): after any
    error the old outputs are all there, or all the new ones. The input is never a target and no
    two targets are one file (checked before any write)."""
    changelog = changelog or default_changelog(out)
    check_outputs([p for p in (out, changelog, report, diff) if p is not None], [input_path])
    result = render(
        session,
        original_name=input_path.name,
        out_encoding=out_encoding,
        extra_header={"original_path": str(input_path.resolve()), **(extra_header or {})},
    )
    files: list[tuple[Path, bytes]] = [(out, result.clean)]
    if report is not None:
        page = html_report(
            session.doc.text,
            result.log.records,
            title=input_path.name,
            header=result.log.header,
            lang=report_lang,
        )
        files.append((report, page.encode("utf-8", errors="replace")))
    if diff is not None:
        text = inline_diff(
            session.doc.text, result.log.records, name_a=input_path.name, name_b=out.name
        )
        files.append((diff, text.encode("utf-8", errors="replace")))
    # The change log goes last: it seals the set (write_set renames it in last of all).
    files.append((changelog, result.log.to_bytes()))
    write_set(files)
    return result
