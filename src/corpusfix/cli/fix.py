"""``corpusfix fix``: apply accepted kinds by policy and write clean text plus change log."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpusfix.api import open_document, run_header, start_session
from corpusfix.cli.counts import counted
from corpusfix.cli.options import (
    confidence_option,
    kinds_option,
    list_files,
    settings_from,
)
from corpusfix.core.files import check_outputs, output_file
from corpusfix.core.labels import locale_language
from corpusfix.core.loading import normalize_encoding
from corpusfix.export.writer import default_changelog, default_clean, write_outputs


def run_fix(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    accept = kinds_option(args.accept, "--accept")
    min_conf = confidence_option(args.min_confidence)
    out_encoding = normalize_encoding(args.out_encoding) if args.out_encoding else None
    src = Path(args.file)
    out = output_file(args.output, "-o") if args.output else default_clean(src)
    changelog = (
        output_file(args.changelog, "--changelog") if args.changelog else default_changelog(out)
    )
    report = output_file(args.report, "--report") if args.report else None
    diff = output_file(args.diff, "--diff") if args.diff else None
    # Before the (slow) analysis: no output may be an input or another output.
    outputs: list[tuple[str, str | Path | None]] = [
        ("-o", out),
        ("--changelog" if args.changelog else "the change log", changelog),
        ("--report", report),
        ("--diff", diff),
    ]
    check_outputs(
        [(option, p) for option, p in outputs if p],
        [src, *list_files(args)],
    )
    doc = open_document(src, settings)
    session = start_session(doc, settings)
    applied = session.accept_all(accept, min_confidence=min_conf) if accept else []
    write_outputs(
        session,
        input_path=src,
        out=out,
        changelog=changelog,
        report=report,
        diff=diff,
        out_encoding=out_encoding,
        extra_header=run_header(settings),
        report_lang=locale_language(args.lang),
    )
    sys.stderr.write(
        f"{src}: {counted(len(session.suggestions), 'suggestion')}, "
        f"{len(applied)} applied -> {out}\n"
    )
    return 0
