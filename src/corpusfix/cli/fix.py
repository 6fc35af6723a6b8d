"""``corpusfix fix``: apply accepted kinds by policy and write clean text plus change log."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpusfix.api import open_document, start_session
from corpusfix.cli.options import confidence_option, kinds_option, settings_from
from corpusfix.core.files import refuse_overwrite
from corpusfix.core.loading import normalize_encoding
from corpusfix.export.writer import write_outputs


def run_fix(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    accept = kinds_option(args.accept, "--accept")
    min_conf = confidence_option(args.min_confidence)
    out_encoding = normalize_encoding(args.out_encoding) if args.out_encoding else None
    src = Path(args.file)
    out = Path(args.output)
    for target in (args.output, args.changelog, args.report, args.diff):
        if target:
            refuse_overwrite(target, src)
    doc = open_document(src, settings)
    session = start_session(doc, settings)
    applied = session.accept_all(accept, min_confidence=min_conf) if accept else []
    write_outputs(
        session,
        input_path=src,
        out=out,
        changelog=Path(args.changelog) if args.changelog else None,
        report=Path(args.report) if args.report else None,
        diff=Path(args.diff) if args.diff else None,
        out_encoding=out_encoding,
    )
    sys.stderr.write(
        f"{src}: {len(session.suggestions)} suggestions, {len(applied)} applied -> {out}\n"
    )
    return 0
