"""Entry points: ``corpusfix`` (console) and ``corpusfix-gui``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from corpusfix.cli.counts import counted
from corpusfix.cli.parser import UsageExit, build_parser
from corpusfix.core.errors import CorpusfixError


def _run(argv: list[str]) -> int:
    parser = build_parser()
    if not argv or argv == ["--self-test"]:
        argv = ["gui", *argv]
    elif argv[0] not in _commands(parser) and _is_file(argv[0]):
        argv = ["gui", *argv]  # `corpusfix article.txt`: the app on it, as `gui article.txt`
    args = parser.parse_args(argv)
    command = args.command
    if command == "check":
        from corpusfix.cli.check import run_check

        return run_check(args)
    if command == "fix":
        from corpusfix.cli.fix import run_fix

        return run_fix(args)
    if command == "apply":
        from corpusfix.cli.replay import run_apply

        return run_apply(args)
    if command == "verify":
        from corpusfix.cli.replay import run_verify

        return run_verify(args)
    if command == "batch":
        from corpusfix.cli.batch import run_batch_command

        return run_batch_command(args)
    if command == "lists":
        from corpusfix.cli.lists import run_lists

        return run_lists(args)
    if command == "lm":
        from corpusfix.cli.lm import run_lm

        return run_lm(args)
    if command == "gui":
        return _gui(args.files, args.self_test)
    if command == "review":
        return _review(args)
    parser.error("unknown command")
    return 2  # pragma: no cover


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except OSError:  # a name too long (pathlib raises ENAMETOOLONG): not a file, not the app
        return False


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    return {
        name
        for action in parser._actions  # (argparse keeps its subcommands here)
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def _gui(files: list[str], self_test: bool = False) -> int:
    try:
        from corpusfix.gui.app import run_gui
    except ImportError as exc:
        sys.stderr.write(f"corpusfix: error: the desktop app needs PySide6 ({exc})\n")
        return 2
    return run_gui(files, self_test=self_test)


def _review(args: argparse.Namespace) -> int:
    from corpusfix.qa.review import open_review

    review = open_review(Path(args.path), Path(args.originals) if args.originals else None)
    if args.diff:
        from corpusfix.qa.batch_diff import write_batch_diff

        write_batch_diff(review, Path(args.diff))
        sys.stderr.write(f"{counted(len(review.files), 'file')} -> {args.diff}\n")
        return 0
    try:
        from corpusfix.gui.app import run_review
    except ImportError as exc:
        sys.stderr.write(f"corpusfix: error: the review app needs PySide6 ({exc})\n")
        return 2
    return run_review(args.path, args.originals)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except UsageExit as exc:
        return int(exc.code or 2)
    except CorpusfixError as exc:
        sys.stderr.write(f"corpusfix: error: {exc}\n")
        return 2
    except KeyboardInterrupt as exc:  # Ctrl+C; batch also stops on SIGTERM (exit 143)
        sys.stderr.write(f"corpusfix: {exc or 'interrupted'}\n")
        return int(getattr(exc, "exit_code", 130))
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.filename is None or os.environ.get("CORPUSFIX_DEBUG"):
            return _internal_error(exc)
        # A path the system refuses outright (a name too long, a loop of links) wherever
        # pathlib met it first: the path and the system's reason, as for any bad input.
        name = os.fsdecode(exc.filename)
        sys.stderr.write(f"corpusfix: error: {name}: {exc.strerror or exc}\n")
        return 2
    except MemoryError:
        sys.stderr.write("corpusfix: error: out of memory (try a smaller file)\n")
        return 2
    except Exception as exc:  # a bug: one line for users, the traceback on request
        return _internal_error(exc)


def _internal_error(exc: Exception) -> int:
    if os.environ.get("CORPUSFIX_DEBUG"):
        raise exc
    sys.stderr.write(
        f"corpusfix: internal error: {type(exc).__name__}: {exc} "
        "(set CORPUSFIX_DEBUG=1 for details and please report it)\n"
    )
    return 2


def gui_main() -> int:
    return main(["gui", *sys.argv[1:]])
