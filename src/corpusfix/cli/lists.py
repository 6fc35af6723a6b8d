"""``corpusfix lists``: the user's word list and confusion pairs (show, add, remove, import,
export), and the table learned from change logs (learn, forget, show, export, remove)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpusfix import config
from corpusfix.cli.counts import counted
from corpusfix.core.errors import UsageError

LISTS = ("words", "confusions", "learned")


def run_lists(args: argparse.Namespace) -> int:
    action, which, items = args.action, args.which, list(args.items)
    if action in ("learn", "forget"):
        return _learning(action, [which, *items], _table_path(args))
    if which not in LISTS:
        raise UsageError(f"lists {action}: no list '{which}' (one of {', '.join(LISTS)})")
    if which == "learned":
        return _learned(action, items, _table_path(args))
    if args.user_table:
        raise UsageError("--user-table goes with learn, forget and the learned table")
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


def _table_path(args: argparse.Namespace) -> Path:
    return Path(args.user_table) if args.user_table else config.learned_table_path()


def _learning(action: str, logs: list[str], table_path: Path) -> int:
    """learn / forget: add or take out each log's counts (kept per log, by its sha256)."""
    from corpusfix.core.changelog import parse_changelog
    from corpusfix.core.errors import ChangelogError
    from corpusfix.core.files import atomic_write
    from corpusfix.core.reading import LOG_MAX_BYTES, read_regular
    from corpusfix.detectors.typos.learned import LearnedTable, count_log, log_sha256

    table = LearnedTable.load(table_path)
    done = skipped = records = 0
    for name in logs:
        path = Path(name)
        if action == "forget" and not path.exists() and name in table.logs:
            del table.logs[name]  # a sha256 from `lists show learned --logs`: the log is gone
            done += 1
            continue
        data = read_regular(path, LOG_MAX_BYTES, error=ChangelogError)
        digest = log_sha256(data)
        if action == "forget":
            if table.logs.pop(digest, None) is None:
                skipped += 1
            else:
                done += 1
            continue
        if digest in table.logs:
            skipped += 1
            continue
        counts = count_log(parse_changelog(data, name), name)
        table.logs[digest] = counts
        records += counts.records
        done += 1
    if done:
        table_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(table_path, table.to_bytes())
    if action == "learn":
        sys.stderr.write(
            f"{counted(done, 'log')} learned ({counted(records, 'typo decision')}), "
            f"{skipped} already learned; "
            f"{len(table.logs)} logs in {table_path}\n"
        )
    else:
        sys.stderr.write(
            f"{counted(done, 'log')} forgotten, {skipped} not in the table; "
            f"{len(table.logs)} logs in {table_path}\n"
        )
    return 0


def _learned(action: str, items: list[str], table_path: Path) -> int:
    from corpusfix.core.files import atomic_write, check_outputs
    from corpusfix.detectors.typos.learned import LearnedTable

    table = LearnedTable.load(table_path)
    if action == "show":
        if items == ["--logs"] or items == ["logs"]:
            for digest, counts in sorted(table.logs.items()):
                sys.stdout.write(f"{digest}\t{counts.records}\t{counts.name}\n")
            return 0
        if items:
            raise UsageError("lists show learned takes no ITEM (or: logs)")
        for row in table.rows():
            sys.stdout.write(row + "\n")
        return 0
    if action == "export":
        if len(items) != 1:
            raise UsageError("lists export learned needs exactly one FILE")
        check_outputs([items[0]], [table_path])
        atomic_write(items[0], table.to_bytes())
        sys.stderr.write(f"{len(table.logs)} logs' counts written to {items[0]}\n")
        return 0
    if action == "remove":
        if items:
            raise UsageError("lists remove learned takes no ITEM (to take one log out: forget)")
        table_path.unlink(missing_ok=True)
        sys.stderr.write(f"{table_path} removed\n")
        return 0
    raise UsageError(f"lists {action} learned: use learn LOG… (or import: learn the logs)")
