"""``corpusfix batch``: clean whole archives (exit 0 all done, 1 some failed, 2 usage error)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from corpusfix.api import DEFAULT_MIN_CONFIDENCE, Settings, slow_detectors
from corpusfix.batch.evidence import archive_evidence
from corpusfix.batch.inputs import DEFAULT_INCLUDE, Task, check_layout, discover
from corpusfix.batch.lock import outdir_lock, refuse_if_running
from corpusfix.batch.policy import Policy, load_policy
from corpusfix.batch.runner import RunResult, prepare_outdir, run_batch
from corpusfix.batch.state import RunState, discard_state
from corpusfix.batch.trainlm import trained_model
from corpusfix.batch.worker import JobConfig
from corpusfix.cli.counts import counted
from corpusfix.cli.options import (
    kinds_option,
    learned_sha256,
    list_files,
    user_lists,
    user_lm_option,
)
from corpusfix.core.batch_layout import LOG_SUFFIX, REPORT_SUFFIX, SUMMARY_HTML, display, state_dir
from corpusfix.core.errors import UsageError
from corpusfix.core.loading import normalize_encoding

MAX_JOBS = max(1024, 4 * (os.cpu_count() or 1))


def run_batch_command(args: argparse.Namespace) -> int:
    outdir = Path(args.output)
    policy = load_policy(args.policy, args.accept, args.min_confidence)
    if args.jobs is not None and not 1 <= args.jobs <= MAX_JOBS:
        # A forked pool starts every worker at once: --jobs 100000 was a fork bomb, and
        # 99999999999999999999 an internal error (OverflowError).
        raise UsageError(f"--jobs must be between 1 and {MAX_JOBS}")
    if args.train_lm and args.lm:
        raise UsageError("--train-lm trains the run's own model: give it or --lm MODEL, not both")
    wordlist, confusions = user_lists(args)
    settings = Settings(
        only=kinds_option(args.only, "--only"),
        encoding=args.encoding,
        wordlist=wordlist,
        confusions=confusions,
        max_bytes=int(args.max_mb * 1024 * 1024),
        user_lm=user_lm_option(args),
        learned_sha256=learned_sha256(args),
    )
    if args.encoding:
        normalize_encoding(args.encoding)
    refuse_if_running(state_dir(outdir))
    include = tuple(args.include or DEFAULT_INCLUDE)
    tasks = discover(args.sources, outdir, include, tuple(args.exclude or ()))
    if not tasks:
        raise UsageError(f"no input files found (include: {', '.join(include)})")
    suffixes = (LOG_SUFFIX,) if args.no_report else (LOG_SUFFIX, REPORT_SUFFIX)
    named = [*list_files(args), *([args.policy] if args.policy else [])]
    check_layout(tasks, outdir, suffixes, named)  # before anything is written
    out_encoding = normalize_encoding(args.out_encoding) if args.out_encoding else None
    # One run per OUTDIR from here on: the evidence, the state and the outputs are its own.
    with outdir_lock(prepare_outdir(outdir)):
        if args.restart:
            discard_state(outdir)
        else:
            RunState(outdir).close()  # a damaged state is refused before any work
        result = _run(args, tasks, settings, policy, out_encoding)
    s = result.summary
    sys.stderr.write(
        f"done: {result.processed} processed, {result.skipped} already done, "
        f"{len(s['failed'])} failed, {len(s['review_queue'])} to review, "
        f"{len(s['duplicate_articles'])} duplicate clusters; summary in "
        f"{display(str(state_dir(outdir) / SUMMARY_HTML))}\n"
    )
    if result.orphaned:
        sys.stderr.write(
            f"kept: {counted(len(result.orphaned), 'output')} of inputs no longer in SRC "
            f"(such as {display(result.orphaned[0])}); delete them if they are gone for good "
            "('verify OUTDIR' counts them as extra)\n"
        )
    for f in s["failed"][:20]:
        sys.stderr.write(f"failed: {display(f['error'])}\n")
    return 1 if s["failed"] else 0


def _run(
    args: argparse.Namespace,
    tasks: list[Task],
    settings: Settings,
    policy: Policy,
    out_encoding: str | None,
) -> RunResult:
    outdir = Path(args.output)
    if args.train_lm and not slow_detectors(settings):
        sys.stderr.write("train-lm: skipped (the model serves the typo check; it does not run)\n")
    elif args.train_lm:
        model = trained_model(tasks, outdir, args.encoding, args.jsonl_field, settings.max_bytes)
        settings = replace(settings, user_lm=str(model.resolve()))
    if slow_detectors(settings) and not args.no_archive_evidence:
        jobs = 1 if args.jobs is None and args.scheduler else (args.jobs or os.cpu_count() or 1)
        evidence = archive_evidence(
            tasks, outdir, args.encoding, args.jsonl_field, jobs, settings.max_bytes
        )
        if evidence is not None:
            settings = replace(settings, archive_evidence=str(evidence))
    config = JobConfig(
        outdir=str(outdir.resolve()),
        policy=policy,
        settings=settings,
        out_encoding=out_encoding,
        jsonl_field=args.jsonl_field,
        report=not args.no_report,
    )
    sys.stderr.write(
        f"corpusfix batch: {counted(len(tasks), 'file')} -> {outdir} (accept: "
        f"{', '.join(sorted(policy.accept)) or 'nothing'} from confidence "
        f"{policy.min_confidence if policy.accept else DEFAULT_MIN_CONFIDENCE})\n"
    )
    return run_batch(tasks, config, jobs=args.jobs, scheduler=args.scheduler)
