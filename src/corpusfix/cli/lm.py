"""``corpusfix lm build``: a character model from the user's own archive."""

from __future__ import annotations

import argparse
import sys

from corpusfix.batch.inputs import DEFAULT_INCLUDE
from corpusfix.core.errors import CorpusfixError, UsageError
from corpusfix.core.files import atomic_write, check_outputs, output_file
from corpusfix.core.loading import normalize_encoding
from corpusfix.lm.build import CharLMBuilder
from corpusfix.lm.inputs import discover_sources, read_texts
from corpusfix.lm.progress import BuildProgress
from corpusfix.lm.sorter import SpillError


def run_lm(args: argparse.Namespace) -> int:
    if args.lm_command != "build":
        raise UsageError("lm: give a subcommand: build")
    return _build(args)


def _build(args: argparse.Namespace) -> int:
    model = output_file(args.output, "-o")
    if model.is_dir():
        raise UsageError(f"{model}: is a folder; -o names the model file")
    if args.max_mb <= 0:
        raise UsageError("--max-mb must be positive")
    if args.max_ngrams < 1000:
        raise UsageError("--max-ngrams must be at least 1000")
    if args.encoding:
        normalize_encoding(args.encoding)  # an unknown name is one usage error, not one a file
    sources = discover_sources(
        args.sources, model, args.include or DEFAULT_INCLUDE, args.exclude or ()
    )
    if not sources:
        raise UsageError("no input files (see --include)")
    check_outputs([("-o", model)], [s.path for s in sources])  # links and `..` too
    max_bytes = int(args.max_mb * 2**20)
    progress = BuildProgress(sum(s.size for s in sources))
    failed = 0
    with CharLMBuilder(
        args.order, max_ngrams=args.max_ngrams, tmpdir=args.tmpdir, log=progress.note
    ) as builder:
        for source in sources:
            try:
                digest, texts = read_texts(source, args.encoding, args.jsonl_field, max_bytes)
                for text in texts:
                    builder.add_text(text)
            except SpillError:
                raise
            except CorpusfixError as exc:
                _failed(progress, str(exc))
                failed += 1
            except OSError as exc:
                _failed(progress, f"{source.path}: {exc.strerror or exc}")
                failed += 1
            else:
                builder.add_source(digest)
            progress.update(source.size, failed=False)
        if failed == len(sources):
            progress.finish()
            raise CorpusfixError("no input could be read; no model written")
        data = builder.build()
    atomic_write(model, data)
    progress.finish()
    ngrams = sum(builder.header["ngrams"])
    sys.stderr.write(
        f"lm build: {len(sources) - failed} files, {builder.characters:,} characters -> "
        f"{model} ({len(data) / 1e6:.1f} MB, {ngrams:,} n-grams, order {args.order}); "
        f"{failed} failed\n"
    )
    return 1 if failed else 0


def _failed(progress: BuildProgress, message: str) -> None:
    progress.failed += 1
    if progress.tty:
        progress.stream.write("\r\x1b[K")
    progress.stream.write(f"corpusfix: {message}\n")
