"""``corpusfix lists``: the user's word list and confusion pairs (show, add, import, export)."""

from __future__ import annotations

import argparse
import sys

from corpusfix import config
from corpusfix.core.errors import UsageError


def run_lists(args: argparse.Namespace) -> int:
    which, action, items = args.which, args.action, args.items
    if action == "show":
        for entry in config.list_entries(which):
            sys.stdout.write(entry + "\n")
        return 0
    if action in ("import", "export"):
        if len(items) != 1:
            raise UsageError(f"lists {action} needs exactly one FILE")
        if action == "import":
            n = config.import_list(which, items[0])
            sys.stderr.write(f"{n} new {which} added to {_path(which)}\n")
        else:
            n = config.export_list(which, items[0])
            sys.stderr.write(f"{n} {which} written to {items[0]}\n")
        return 0
    # add
    if which == "words":
        if not items:
            raise UsageError("lists add words needs at least one WORD")
        n = config.add_to_user_wordlist(*items)
    else:
        if len(items) != 2:
            raise UsageError("lists add confusions needs WRONG RIGHT")
        n = config.add_user_confusions({items[0]: items[1]})
    sys.stderr.write(f"{n} new {which} in {_path(which)}\n")
    return 0


def _path(which: str) -> str:
    return str(config.user_wordlist_path() if which == "words" else config.user_confusions_path())
