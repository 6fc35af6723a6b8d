"""``corpusfix apply`` (replay a log) and ``corpusfix verify`` (check outputs against logs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpusfix.cli.counts import counted
from corpusfix.core.changelog import read_changelog, replay
from corpusfix.core.errors import UsageError
from corpusfix.core.files import atomic_write, check_outputs, output_file
from corpusfix.core.loading import read_input
from corpusfix.core.verify import verify_file


def run_apply(args: argparse.Namespace) -> int:
    original, out = Path(args.original), output_file(args.output, "-o")
    check_outputs([("-o", out)], [original, args.log])
    log = read_changelog(args.log)
    data = read_input(original, max_bytes=1 << 40)
    atomic_write(out, replay(data, log, str(args.log)))
    sys.stderr.write(f"{original}: {counted(len(log.applied()), 'change')} replayed -> {out}\n")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    if len(paths) == 3:
        if args.originals:
            raise UsageError("--originals is for 'verify OUTDIR' only")
        problems = verify_file(*paths)
        checked = 1
    elif len(paths) == 1:
        from corpusfix.batch.lock import refuse_if_running
        from corpusfix.core.batch_layout import state_dir
        from corpusfix.core.verify_dir import verify_outdir

        refuse_if_running(state_dir(paths[0]))  # a run half done is no result to verify
        checked, problems = verify_outdir(
            paths[0], Path(args.originals) if args.originals else None
        )
    else:
        raise UsageError("verify takes ORIGINAL CLEAN LOG, or one OUTDIR")
    for p in problems:
        sys.stdout.write(f"FAIL {p}\n")
    if problems:
        sys.stderr.write(
            f"{counted(len(problems), 'integrity problem')} in {counted(checked, 'file')}\n"
        )
        return 1
    sys.stderr.write(f"OK: {counted(checked, 'file')} intact\n")
    return 0
