"""The user's learned OCR channel: counts from the typo decisions people made in change logs.

``corpusfix lists learn LOG...`` (an explicit command, never a run) reads change logs and counts,
per Han character of each one-for-one typo record that a person decided, and of each edit a
person typed into the text (kind ``manual``: the slips the check missed, fixed by hand):

- accepted or edited (and not reverted by QA): the print meant ``after``, the OCR saw
  ``before``: ``slips[seen + meant]`` and ``shown[meant]`` go up;
- rejected, or reverted by QA: the text was right as read: ``rejected[seen + suggested]`` and
  ``shown[seen]`` go up (negative evidence).

A decision counts only when a person made it: ``by`` is not the policy (``corpusfix``), or a QA
verdict was given. Counts are kept per log (by the log's sha256), so ``lists forget LOG`` takes
one log's counts back out exactly, and learning the same log twice changes nothing.

The table is JSON in the config dir (``learned-channel.json``) or wherever ``--user-table`` says.
With the user's lists (``--user-lists``, the app) its pairs join the confusion candidates, and its
sha256 goes in each log header (``learned_channel_sha256``).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpusfix.core.changelog import Changelog
from corpusfix.core.errors import UsageError
from corpusfix.core.kinds import MANUAL
from corpusfix.core.reading import read_regular
from corpusfix.core.session import POLICY, REVERTED, State
from corpusfix.qa.ocr_align import is_han

FORMAT = "corpusfix-learned-channel"
VERSION = 1
LEARNED_KINDS = ("typo", MANUAL)
MAX_MANUAL = 4  # a longer hand edit is a rewrite, not a slip fixed
# A pair becomes a confusion candidate once people fixed it this often, and more often than they
# turned the same suggestion down. 3, not 2: with 2 the clean tune sentences got a false alarm
# more (bench/learn_gain.py --clean-half tune), with 3 none.
MIN_SLIPS = 3


@dataclass
class LogCounts:
    name: str
    shown: Counter[str] = field(default_factory=Counter)
    slips: Counter[str] = field(default_factory=Counter)  # seen + meant
    rejected: Counter[str] = field(default_factory=Counter)  # seen + suggested
    records: int = 0  # typo records that counted

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "records": self.records,
            "shown": dict(sorted(self.shown.items())),
            "slips": dict(sorted(self.slips.items())),
            "rejected": dict(sorted(self.rejected.items())),
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> LogCounts:
        return cls(
            str(obj["name"]),
            Counter({str(k): int(v) for k, v in obj["shown"].items()}),
            Counter({str(k): int(v) for k, v in obj["slips"].items()}),
            Counter({str(k): int(v) for k, v in obj["rejected"].items()}),
            int(obj["records"]),
        )


def count_log(log: Changelog, name: str) -> LogCounts:
    """What one change log teaches: its people-made one-for-one typo decisions."""
    out = LogCounts(name)
    for r in log.records:
        if r.kind not in LEARNED_KINDS or r.after is None or len(r.after) != len(r.before):
            continue
        if r.kind == MANUAL and len(r.before) > MAX_MANUAL:
            continue
        if r.by == POLICY and r.review is None:
            continue  # the policy's own decision, nobody looked at it
        applied = r.decision in (State.ACCEPTED, State.EDITED) and r.verdict != REVERTED
        refused = r.decision == State.REJECTED or r.verdict == REVERTED
        if not (applied or refused):
            continue
        out.records += 1
        for seen, other in zip(r.before, r.after, strict=True):
            if not (is_han(seen) and is_han(other)):
                continue
            if applied:
                out.shown[other] += 1
                if seen != other:
                    out.slips[seen + other] += 1
            else:
                out.shown[seen] += 1
                if seen != other:
                    out.rejected[seen + other] += 1
    return out


class LearnedTable:
    """The per-log counts, and what they add up to."""

    def __init__(self, logs: Mapping[str, LogCounts] | None = None) -> None:
        self.logs: dict[str, LogCounts] = dict(logs or {})

    @classmethod
    def load(cls, path: Path) -> LearnedTable:
        if not path.exists():
            return cls()
        data = read_regular(path, error=UsageError)  # not a FIFO, not a runaway file
        try:
            obj = json.loads(data.decode("utf-8"))
            if obj.get("format") != FORMAT or obj.get("version") != VERSION:
                raise ValueError("not a learned channel table")
            return cls({k: LogCounts.from_json(v) for k, v in obj["logs"].items()})
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: not a corpusfix learned table ({exc})") from None

    def to_bytes(self) -> bytes:
        obj = {
            "format": FORMAT,
            "version": VERSION,
            "logs": {k: self.logs[k].to_json() for k in sorted(self.logs)},
        }
        return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def sha256(self) -> str:
        return hashlib.sha256(self.to_bytes()).hexdigest()

    def total(self, what: str) -> Counter[str]:
        out: Counter[str] = Counter()
        for counts in self.logs.values():
            out.update(getattr(counts, what))
        return out

    def channel_counts(self) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
        """(shown, seen_as) to add on top of the measured channel (Channel.plus)."""
        seen_as: dict[str, dict[str, int]] = {}
        for pair, n in self.total("slips").items():
            seen_as.setdefault(pair[1], {})[pair[0]] = n
        return dict(self.total("shown")), seen_as

    def confusions(self) -> dict[str, str]:
        """seen → meant for the pairs people fixed at least MIN_SLIPS times, more than refused."""
        slips, rejected = self.total("slips"), self.total("rejected")
        best: dict[str, tuple[int, str]] = {}
        for pair, n in slips.items():
            if n >= MIN_SLIPS and n > rejected.get(pair, 0):
                seen, meant = pair[0], pair[1]
                if n > best.get(seen, (0, ""))[0]:
                    best[seen] = (n, meant)
        return {seen: meant for seen, (_, meant) in sorted(best.items())}

    def rows(self) -> Iterable[str]:
        """``seen<TAB>meant<TAB>fixed<TAB>refused``, most fixed first (``lists show learned``)."""
        slips, rejected = self.total("slips"), self.total("rejected")
        pairs = set(slips) | set(rejected)
        for pair in sorted(pairs, key=lambda p: (-slips.get(p, 0), rejected.get(p, 0), p)):
            yield f"{pair[0]}\t{pair[1]}\t{slips.get(pair, 0)}\t{rejected.get(pair, 0)}"


def log_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
