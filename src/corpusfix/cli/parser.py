"""Argument parsing: every option documented, every usage error one line and exit code 2."""

from __future__ import annotations

import argparse
import math
import sys
from typing import NoReturn

from corpusfix import __version__
from corpusfix.core.suggestion import KINDS

EPILOG_DOCS = (
    "User guide: docs/guide.en.md (English), docs/guide.zh.md (中文), installed with the package "
    "(the app's Help menu opens it)."
)


class UsageExit(SystemExit):
    pass


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
        raise UsageExit(2)


def megabytes(text: str) -> float:
    """--max-mb: a positive, finite number (nan and inf became an internal error)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of megabytes, not {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of megabytes, not {text}")
    return value


def field_name(text: str) -> str:
    """--jsonl-field: a name (an empty one was taken as "no field" and the JSON cleaned as text)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("needs the name of a field, not an empty string")
    return text


def _kinds_help(what: str) -> str:
    return f"{what}: a comma list of {', '.join(KINDS)}"


def _add_common(p: argparse.ArgumentParser, *, lines: bool = True) -> None:
    p.add_argument("--only", metavar="KINDS", help=_kinds_help("report only these kinds"))
    if lines:
        p.add_argument(
            "--lines",
            action="store_true",
            help="every line is an independent unit (one sentence per line): nothing is joined, "
            "split or deleted across lines and the output keeps the line count",
        )
    p.add_argument(
        "--encoding",
        metavar="ENC",
        help="decode the input with ENC (e.g. gb18030, big5) instead of detecting it",
    )
    p.add_argument("--wordlist", metavar="FILE", help="words never to flag, one per line (UTF-8)")
    p.add_argument(
        "--confusions", metavar="FILE", help="pairs 'wrong<TAB>right' to always check (UTF-8)"
    )
    _add_user_lists(p)
    _add_user_lm(p)
    p.add_argument(
        "--max-mb",
        type=megabytes,
        default=64.0,
        metavar="MB",
        help="refuse single files larger than this (default 64 MB); batch splits nothing",
    )


def _add_user_lists(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--user-lists",
        action="store_true",
        help="also use your word list and confusion pairs (the app's; see 'corpusfix lists')",
    )


def _add_user_lm(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lm", metavar="MODEL",
        help="also score typos with this character model of your own archive (from "
        "'corpusfix lm build'), beside the shipped ones; the log header names it",
    )  # fmt: skip


class _Version(argparse.Action):
    """Prints the version and which build runs (asked only when shown: it imports the detector)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from corpusfix.build_info import typo_detector_build

        print(f"corpusfix {__version__} (typo detector: {typo_detector_build()})")
        parser.exit()


def _add_lm(sub: argparse._SubParsersAction[Parser]) -> None:
    """``lm build``: the archive's own character model (lm/ and cli/lm.py)."""
    from corpusfix.lm.defaults import DEFAULT_MAX_NGRAMS, DEFAULT_ORDER, MAX_ORDER, MIN_ORDER

    text = "Character language models of your own archive (for the typo check)."
    lm = sub.add_parser(
        "lm",
        help=text,
        description=text,
        epilog="Example:\n  corpusfix lm build archive/ -o archive.charlm\n\n" + EPILOG_DOCS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lm_sub = lm.add_subparsers(dest="lm_command", parser_class=Parser, metavar="ACTION")
    lm_sub.required = True
    text = (
        "Train a character n-gram model (interpolated modified Kneser-Ney) on files and folders, "
        "read like batch reads them; memory stays bounded whatever the archive's size. "
        "Exit 0 done, 1 some files could not be read (reported, skipped), 2 error."
    )
    p = lm_sub.add_parser(
        "build",
        help="train a character model on your own texts",
        description=text,
        epilog="Examples:\n  corpusfix lm build archive/ -o archive.charlm\n"
        "  corpusfix lm build 2023/ 2024/ -o news.charlm --order 4 --include '*.txt'\n\n"
        "The model and its file are described in docs/typos.md. " + EPILOG_DOCS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sources", nargs="+", metavar="SRC", help="files and folders (recursive)")
    p.add_argument("-o", "--output", required=True, metavar="MODEL", help="the model file")
    orders = f"{MIN_ORDER}-{MAX_ORDER}"
    p.add_argument(
        "--order", type=int, default=DEFAULT_ORDER, choices=range(MIN_ORDER, MAX_ORDER + 1),
        metavar="N", help=f"characters per n-gram, {orders} (default {DEFAULT_ORDER})",
    )  # fmt: skip
    p.add_argument(
        "--include", action="append", metavar="GLOB", help="files to read (default *.txt, *.jsonl)"
    )
    p.add_argument("--exclude", action="append", metavar="GLOB", help="files to skip")
    p.add_argument(
        "--encoding", metavar="ENC", help="decode every input with ENC (default: detect)"
    )
    p.add_argument(
        "--jsonl-field", default="text", type=field_name, metavar="FIELD",
        help="JSON Lines inputs: the field that holds each article's text (default: text)",
    )  # fmt: skip
    p.add_argument(
        "--max-ngrams", type=int, default=DEFAULT_MAX_NGRAMS, metavar="N",
        help=f"keep at most N n-grams, rarer ones pruned first (default {DEFAULT_MAX_NGRAMS:,}: "
        "about 25 MB)",
    )  # fmt: skip
    p.add_argument(
        "--max-mb", type=megabytes, default=64.0, metavar="MB", help="largest file (64 MB)"
    )
    p.add_argument("--tmpdir", metavar="DIR", help="where counts spill (default: the system's)")


def build_parser() -> Parser:
    root = Parser(
        prog="corpusfix",
        description="Find and fix layout and recognition damage in scraped or OCR'd Chinese "
        "article text. Without a subcommand the desktop app starts.",
        epilog="Examples:\n  corpusfix check article.txt\n"
        "  corpusfix fix article.txt -o clean.txt --accept merge,duplicate,typo\n"
        "  corpusfix verify article.txt clean.txt clean.txt.changelog.jsonl\n\n" + EPILOG_DOCS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    root.add_argument("--version", action=_Version, nargs=0, help="show the version and build")
    sub = root.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    def add(name: str, help_text: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"Example:\n  {example}\n\n{EPILOG_DOCS}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    p = add(
        "check",
        "List what is wrong in one or more files (exit 0: nothing, 1: suggestions, 2: error).",
        "corpusfix check article.txt --format json --only merge,typo",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    _add_common(p)
    p.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="X",
        help="show only suggestions at least this confident (default: all)",
    )

    p = add(
        "fix",
        "Write the clean text and its change log; apply the suggestions of the accepted kinds.",
        "corpusfix fix article.txt -o clean.txt --accept all --report report.html",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "-o", "--output", metavar="OUT",
        help="the clean text (default: NAME.clean.txt beside FILE; for a.txt a.clean.txt)",
    )  # fmt: skip
    p.add_argument(
        "--accept",
        metavar="KINDS",
        help=_kinds_help("apply suggestions of these kinds ('all' for every kind)")
        + "; without it nothing is applied and every suggestion is logged as pending",
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        metavar="X",
        help="apply only suggestions at least this confident (default: the documented default)",
    )
    p.add_argument(
        "--changelog", metavar="LOG", help="change log path (default OUT.changelog.jsonl)"
    )
    p.add_argument("--report", metavar="REPORT.html", help="also write a side-by-side HTML report")
    p.add_argument(
        "--lang", choices=("en", "zh"),
        help="the report's language (default: the locale's, LANG/LC_ALL zh_* is Chinese)",
    )  # fmt: skip
    p.add_argument("--diff", metavar="OUT.diff", help="also write a readable character-level diff")
    p.add_argument(
        "--out-encoding", metavar="ENC", help="encoding of the clean text (default: the input's)"
    )
    _add_common(p)

    p = add(
        "apply",
        "Replay a change log on its original (exit 2 if the log belongs to another file).",
        "corpusfix apply article.txt clean.txt.changelog.jsonl -o clean-again.txt",
    )
    p.add_argument("original", metavar="ORIGINAL")
    p.add_argument("log", metavar="LOG")
    p.add_argument("-o", "--output", required=True, metavar="OUT")

    p = add(
        "verify",
        "Check that clean files are exactly the replay of their change logs "
        "(exit 0 intact, 1 problems, 2 wrong usage).",
        "corpusfix verify article.txt clean.txt clean.txt.changelog.jsonl   |   "
        "corpusfix verify OUTDIR",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="ORIGINAL CLEAN LOG, or OUTDIR")
    p.add_argument("--originals", metavar="DIR", help="where a batch's originals are now")

    p = add(
        "batch",
        "Clean whole folders of articles (resumable, parallel).",
        "corpusfix batch archive/ -o cleaned/ --accept merge,duplicate --jobs 4",
    )
    p.add_argument("sources", nargs="+", metavar="SRC", help="files and folders (recursive)")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="mirror of the inputs")
    p.add_argument("--accept", metavar="KINDS", help=_kinds_help("apply these kinds by policy"))
    p.add_argument(
        "--min-confidence", type=float, default=None, metavar="X",
        help="apply only suggestions at least this confident (default 0.8)",
    )  # fmt: skip
    p.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="processes (default: all cores)"
    )
    p.add_argument("--policy", metavar="FILE", help="a TOML policy file (docs/batch.md)")
    p.add_argument("--out-encoding", metavar="ENC", help="encoding of the clean files")
    p.add_argument("--encoding", metavar="ENC", help="decode every input with ENC")
    p.add_argument("--wordlist", metavar="FILE", help="words never to flag, one per line")
    p.add_argument("--confusions", metavar="FILE", help="pairs 'wrong<TAB>right' to always check")
    _add_user_lists(p)
    _add_user_lm(p)
    p.add_argument(
        "--train-lm", action="store_true",
        help="first train a character model on these inputs (kept in OUTDIR/_corpusfix/, reused "
        "on resume), then clean with it as with --lm",
    )  # fmt: skip
    p.add_argument("--only", metavar="KINDS", help=_kinds_help("detect only these kinds"))
    p.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="run on a Dask cluster, e.g. tcp://host:8786 (needs corpusfix[cluster])",
    )  # fmt: skip
    p.add_argument(
        "--include", action="append", metavar="GLOB", help="files to read (default *.txt, *.jsonl)"
    )
    p.add_argument("--exclude", action="append", metavar="GLOB", help="files to skip")
    p.add_argument(
        "--jsonl-field", type=field_name, metavar="FIELD",
        help="JSON Lines inputs: the field that holds each article's text",
    )  # fmt: skip
    p.add_argument("--no-report", action="store_true", help="skip the per-file HTML reports")
    p.add_argument(
        "--no-archive-evidence", action="store_true",
        help="judge every file alone (by default a sample of the archive tells the typo "
        "check which rare forms are the archive's usage)",
    )  # fmt: skip
    p.add_argument(
        "--max-mb", type=megabytes, default=64.0, metavar="MB", help="largest file (64 MB)"
    )
    p.add_argument(
        "--restart", action="store_true",
        help="start afresh: set the earlier run's state aside (as _corpusfix/state.sqlite.old), "
        "collect the archive evidence anew and redo every file (when the state is damaged)",
    )  # fmt: skip

    p = add(
        "lists",
        "Your word list (never flag), confusion pairs (always check) and the OCR slips learned "
        "from your decisions: show, add, remove, import, export; learn LOG…, forget LOG….",
        "corpusfix lists import words names.txt   |   corpusfix lists add confusions 按装 安装\n"
        "  corpusfix lists remove words 强具中   |   corpusfix lists learn reviewed/*.jsonl",
    )
    p.add_argument(
        "action", choices=("show", "add", "import", "export", "learn", "forget", "remove")
    )
    # learn/forget take change logs here; the other actions a list: words, confusions, learned
    p.add_argument("which", metavar="LIST|LOG", help="words, confusions or learned; or a LOG")
    p.add_argument(
        "items", nargs="*", metavar="ITEM",
        help="FILE, WORD…, WRONG RIGHT, LOG…, or for remove: ENTRY… (a word; a confusion by its "
        "wrong form)",
    )  # fmt: skip
    p.add_argument(
        "--user-table", metavar="PATH",
        help="the learned table to use instead of the one in your config folder",
    )  # fmt: skip

    _add_lm(sub)

    p = add("gui", "Open the desktop app (optionally with files).", "corpusfix gui article.txt")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument(
        "--self-test", action="store_true",
        help="open the sample (or FILE), analyse it, print the number of findings and exit",
    )  # fmt: skip

    p = add(
        "review",
        "QA review of a fix output or a batch OUTDIR in the desktop app.",
        "corpusfix review cleaned/",
    )
    p.add_argument("path", metavar="PATH", help="a batch OUTDIR, or a clean file written by fix")
    p.add_argument("--originals", metavar="DIR", help="where the originals are now")
    p.add_argument(
        "--diff", metavar="OUT.diff",
        help="write the readable diff of every change instead of opening the app",
    )  # fmt: skip
    return root
