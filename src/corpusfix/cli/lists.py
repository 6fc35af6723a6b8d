"""``corpusfix lists``: the user's word list and confusion pairs (show, add, remove, import,
export)."""

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
    if action == "remove":
        return run_remove(which, items)
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


def run_remove(which: str, items: list[str]) -> int:
    """``lists remove words WORD…`` / ``lists remove confusions WRONG[<TAB>RIGHT]…``.

    An entry that is not on the list is an error (exit 2, nothing removed): a typo in the
    command must not pass for done.
    """
    if not items:
        raise UsageError(f"lists remove {which} needs at least one ENTRY")
    present = set(config.list_entries(which))
    if which == "confusions":
        present |= {e.split("\t")[0] for e in present}
    missing = [i for i in items if i.strip() not in present]
    if missing:
        raise UsageError(f"not on your {which} list: {missing[0]} ({_path(which)})")
    gone = config.remove_entries(which, items)
    sys.stderr.write(f"{len(gone)} {which} removed from {_path(which)}\n")
    return 0


def _path(which: str) -> str:
    return str(config.user_wordlist_path() if which == "words" else config.user_confusions_path())
