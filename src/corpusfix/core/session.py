"""The review session: decisions on suggestions, conflicts, undo/redo, applying edits.

Every decision is a command on an undo stack; a bulk action is one group (Meld's
``UndoSequence.begin_group``). The GUI's QUndoStack only mirrors this.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from corpusfix.core.document import Document
from corpusfix.core.errors import ConflictError
from corpusfix.core.manual import is_manual, manual_record, next_id
from corpusfix.core.spans import SpanIndex
from corpusfix.core.suggestion import Suggestion


class State(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"
    FLAGGED = "flagged"


APPLIED = frozenset({State.ACCEPTED, State.EDITED})
POLICY = "corpusfix"
REVERTED = "reverted"  # the QA verdict that takes an applied change back out


def is_applied(decision: str, verdict: str | None = None) -> bool:
    """The one rule for "this change is in the clean text", for sessions and change logs alike:
    accepted or edited (``decision`` a State or its value), and not reverted by QA."""
    return decision in APPLIED and verdict != REVERTED


def utc_now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Decision:
    state: State
    text: str | None = None  # the text that replaces the span (accepted or edited)
    by: str = POLICY
    at: str = ""


@dataclass(frozen=True)
class Edit:
    """One applied change in original coordinates."""

    start: int
    end: int
    text: str
    suggestion: Suggestion


def apply_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """Apply non-overlapping edits given in original offsets (any order)."""
    parts: list[str] = []
    pos = 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            raise ConflictError(f"overlapping edits at {start}")
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _key(s: Suggestion) -> tuple[str, str, int, int, str | None]:
    return (s.kind, s.detector, s.start, s.end, s.replacement)


class ReviewSession:
    """Decisions on one document's suggestions, with undo/redo and grouped bulk actions."""

    def __init__(self, doc: Document, suggestions: Sequence[Suggestion]) -> None:
        self.doc = doc
        self.suggestions: tuple[Suggestion, ...] = tuple(suggestions)
        self._by_id = {s.id: s for s in self.suggestions}
        self.decisions: dict[str, Decision] = {
            s.id: Decision(State.FLAGGED if s.flag_only else State.PENDING)
            for s in self.suggestions
        }
        self._undo: list[list[tuple[str, Decision, Decision]]] = []
        self._redo: list[list[tuple[str, Decision, Decision]]] = []
        self._group: list[tuple[str, Decision, Decision]] | None = None
        self.ignored: set[tuple[str, str, str | None]] = set()  # (kind, before, replacement)
        # A person's own edits (core/manual.py), in the order made. One that was undone or
        # taken into a later edit stays here, "pending": withdrawn, so that redo can bring it
        # back; only those in force are logged.
        self.manual: list[Suggestion] = []
        self._rank: dict[str, int] = {}
        self._ranked: list[Suggestion] = []  # suggestions, then manual edits: the index's ranks
        # findings by start, for _near: (the tuple it was built from, order, starts, reach)
        self._stab: tuple[tuple[Suggestion, ...], list[Suggestion], list[int], list[int]] | None
        self._stab = None
        self._applied = SpanIndex()
        self._finding_ids: frozenset[str] = frozenset()
        self._pending = 0  # findings pending: undecided() at every decision, without a scan
        self._index_applied()

    # ----- queries -----
    def get(self, sid: str) -> Suggestion:
        return self._by_id[sid]

    def state(self, sid: str) -> State:
        return self.decisions[sid].state

    def pending(self) -> list[Suggestion]:
        return [s for s in self.suggestions if self.state(s.id) is State.PENDING]

    def manual_edits(self) -> list[Suggestion]:
        """The person's own edits in force (not undone, not taken into a later one)."""
        return [m for m in self.manual if self.decisions[m.id].state is State.EDITED]

    def logged(self) -> list[Suggestion]:
        """What the change log records: every finding, and the manual edits in force."""
        return [*self.suggestions, *self.manual_edits()]

    def conflicts_of(self, sid: str) -> list[Suggestion]:
        """Applied suggestions whose spans overlap ``sid``'s, in the order of ``suggestions``
        (manual edits after them)."""
        return [o for o in self._overlapping(self._by_id[sid]) if o.id != sid]

    def _overlapping(self, s: Suggestion) -> list[Suggestion]:
        return [self._ranked[i] for i in self._applied.overlapping(s)]

    def edits(self) -> list[Edit]:
        return list(self.iter_edits())

    def iter_edits(self) -> Iterator[Edit]:
        """The applied changes one by one (the app takes thousands a slice at a time)."""
        for s in self.logged():
            d = self.decisions[s.id]
            if is_applied(d.state) and d.text is not None:
                yield Edit(s.start, s.end, d.text, s)

    def clean_text(self) -> str:
        return apply_edits(self.doc.text, ((e.start, e.end, e.text) for e in self.edits()))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # ----- decisions -----
    def accept(self, sid: str, *, by: str = POLICY, candidate: int = 0) -> None:
        s = self._by_id[sid]
        if s.flag_only:
            raise ConflictError(f"{sid} is flag-only ({s.kind}): there is nothing to apply")
        text = s.candidates[candidate] if s.candidates else s.replacement
        self._check_conflict(sid)
        self._set(sid, Decision(State.ACCEPTED, text, by, utc_now()))

    def edit(self, sid: str, text: str, *, by: str) -> None:
        """A person's own replacement text for the suggestion's span."""
        s = self._by_id[sid]
        if s.flag_only:  # the text is missing, not wrong: typing there replaces what is before
            raise ConflictError(f"{sid} is flag-only ({s.kind}): there is nothing to edit")
        self._check_conflict(sid)
        self._set(sid, Decision(State.EDITED, text, by, utc_now()))

    def reject(self, sid: str, *, by: str = POLICY) -> None:
        s = self._by_id[sid]
        state = State.FLAGGED if s.flag_only else State.REJECTED
        self._set(sid, Decision(state, None, by, utc_now()))

    def reset(self, sid: str) -> None:
        s = self._by_id[sid]
        self._set(sid, Decision(State.FLAGGED if s.flag_only else State.PENDING))

    def add_late(self, full: Sequence[Suggestion]) -> dict[str, str]:
        """Take the complete list of a slower, later pass over the same text.

        ``full`` must contain every suggestion already here (same kind, detector, span and
        replacement: the quick pass is the full pass without its slow detectors); ids become
        ``full``'s, and decisions and undo/redo history follow their suggestions. New findings
        that are "like" something ignored are rejected at once. Returns old id → new id.
        """
        new_by_key = {_key(s): s for s in full}
        mapping: dict[str, str] = {}
        for s in self.suggestions:
            t = new_by_key.get(_key(s))
            if t is None:
                raise ValueError(f"{s.id} ({s.kind} at {s.start}) is not in the later pass")
            mapping[s.id] = t.id
        decisions = {t.id: Decision(State.FLAGGED if t.flag_only else State.PENDING) for t in full}
        mapping.update({m.id: m.id for m in self.manual})  # a person's edits stay as they are
        for old, d in self.decisions.items():
            decisions[mapping[old]] = d
        self._undo = [[(mapping[i], a, b) for i, a, b in g] for g in self._undo]
        self._redo = [[(mapping[i], a, b) for i, a, b in g] for g in self._redo]
        self.suggestions = tuple(full)
        self._by_id = {s.id: s for s in (*self.suggestions, *self.manual)}
        self.decisions = decisions
        known = set(mapping.values())
        for t in self.suggestions:
            if t.id not in known and self._like_key(t) in self.ignored and not t.flag_only:
                self.decisions[t.id] = Decision(State.REJECTED, None, POLICY, utc_now())
        self._index_applied()
        return mapping

    def ignore_all_like(self, sid: str, *, by: str = POLICY) -> list[str]:
        """Reject this suggestion and every pending one of the same kind, text and fix."""
        s = self._by_id[sid]
        key = self._like_key(s)
        self.ignored.add(key)
        done = []
        with self.group():
            for o in self.suggestions:
                if self._like_key(o) == key and self.state(o.id) is State.PENDING:
                    self.reject(o.id, by=by)
                    done.append(o.id)
        return done

    def accept_all(
        self,
        kinds: Iterable[str] | None = None,
        *,
        min_confidence: float = 0.0,
        by: str = POLICY,
    ) -> list[str]:
        """Accept pending suggestions, most confident first; conflicting ones stay pending."""
        bulk = BulkDecision(self, "accept", kinds=kinds, min_confidence=min_confidence, by=by)
        bulk.run()
        return bulk.commit()

    def restore(self, sid: str, decision: Decision) -> None:
        """Set a decision as loaded from a saved state or change log (no conflict check)."""
        self._set(sid, decision)

    def clear_history(self) -> None:
        """Forget undo/redo (after restoring a saved review)."""
        self._undo.clear()
        self._redo.clear()

    def undecided(self) -> int:
        """Findings still pending (kept as a count: the app asks at every decision)."""
        return self._pending

    # ----- a person's own edits -----
    def edit_text(self, start: int, end: int, text: str, *, by: str) -> str | None:
        """The person's own edit: ``doc.text[start:end]`` (original offsets) now reads ``text``.

        One undo step. Manual edits in force inside ``[start, end]`` are taken into this one
        (the caller's ``text`` is the whole result: that is how typing on after typing makes
        one record); a manual edit only partly inside, or an applied finding that overlaps,
        is a ConflictError. Pending findings that overlap the span are rejected by ``by``: the
        person's text supersedes them (flags stay). Returns the new record's id; None when the
        text reads as the original there (nothing left to record).
        """
        probe = manual_record(self.doc, "", start, end, text)  # checks the offsets
        taken = []
        for o in self._overlapping(probe) + self._manual_touching(start, end):
            if is_manual(o) and start <= o.start and o.end <= end:
                if o not in taken:
                    taken.append(o)
            elif o.overlaps(probe):
                raise ConflictError(
                    f"the edit overlaps {o.id} ({o.kind}), which is already applied: "
                    f"reject or undo {o.id} first"
                )
        superseded = [
            s
            for s in self._near(start, end)
            if not s.flag_only and self.state(s.id) is State.PENDING and s.overlaps(probe)
        ]
        unchanged = text == self.doc.text[start:end]
        if unchanged and not taken:
            return None
        now = utc_now()
        new_id = None
        with self.group():
            for m in taken:
                self._set(m.id, Decision(State.PENDING))  # withdrawn: this edit holds it now
            for s in superseded:
                self._set(s.id, Decision(State.REJECTED, None, by, now))
            if not unchanged:
                new_id = next_id(self._by_id, len(self.manual))
                self._add_manual(manual_record(self.doc, new_id, start, end, text))
                self._set(new_id, Decision(State.EDITED, text, by, now))
        return new_id

    def replace_all(self, needle: str, text: str, *, by: str) -> tuple[list[str], int]:
        """Find/replace over the original: every occurrence of ``needle`` becomes ``text``,
        each a manual record, all one undo step. Occurrences that overlap an applied change
        (a decided finding, an earlier edit) are left as they are; returns (new record ids,
        how many were left). ``BulkReplace`` does the same a slice at a time."""
        bulk = BulkReplace(self, needle, text, by=by)
        bulk.run()
        return bulk.commit(), bulk.left

    def last_step(self) -> list[str]:
        """The ids the last decision (or undo group) changed."""
        return [sid for sid, _, _ in self._undo[-1]] if self._undo else []

    def restore_manual(self, sid: str, start: int, end: int, text: str, by: str, at: str) -> None:
        """A manual edit as loaded from a saved review; ConflictError when its id or its place
        is taken (by an edit or decision made since)."""
        if sid in self._by_id:
            raise ConflictError(f"{sid} is already in the review")
        m = manual_record(self.doc, sid, start, end, text)
        clash = self._overlapping(m)
        if clash:
            raise ConflictError(f"{sid} overlaps {clash[0].id}, which is already applied")
        self._add_manual(m)
        self._set(sid, Decision(State.EDITED, text, by, at))

    def _add_manual(self, m: Suggestion) -> None:
        self.manual.append(m)
        self._by_id[m.id] = m
        self.decisions[m.id] = Decision(State.PENDING)  # not in force until decided
        self._rank[m.id] = len(self._ranked)
        self._ranked.append(m)

    def _manual_touching(self, start: int, end: int) -> list[Suggestion]:
        """Manual insertions at ``start`` or ``end`` (overlap does not catch those)."""
        # one character wider each side (past the text's end too): an insertion at start or
        # end then overlaps it
        wider = Suggestion("", "manual", "manual", start - 1, end + 1, "", 1.0, "")
        return [
            m
            for m in self._overlapping(wider)
            if is_manual(m) and m.start == m.end and start <= m.start <= end
        ]

    def _near(self, start: int, end: int) -> list[Suggestion]:
        """The findings whose spans meet [start, end] (closed), found by bisection: typing and
        replace-all ask this once per edit, on articles with thousands of findings."""
        if self._stab is None or self._stab[0] is not self.suggestions:
            order = sorted(self.suggestions, key=lambda s: s.start)
            reach, furthest = [], -1
            for s in order:
                furthest = max(furthest, s.end)
                reach.append(furthest)
            self._stab = (self.suggestions, order, [s.start for s in order], reach)
        _, order, starts, reach = self._stab
        i = bisect.bisect_right(starts, end) - 1
        found = []
        while i >= 0 and reach[i] >= start:  # reach: the furthest end of the spans up to i
            if order[i].end >= start:
                found.append(order[i])
            i -= 1
        return found[::-1]

    # ----- undo -----
    @contextmanager
    def group(self) -> Iterator[None]:
        """Make every decision inside one undo step."""
        if self._group is not None:
            yield
            return
        self._group = []
        try:
            yield
        finally:
            group, self._group = self._group, None
            if group:
                self._undo.append(group)
                self._redo.clear()

    def undo(self) -> list[str]:
        return _drain(self.undo_steps())

    def redo(self) -> list[str]:
        return _drain(self.redo_steps())

    @property
    def undo_size(self) -> int:
        """How many decisions the next undo changes (a bulk decision: thousands)."""
        return len(self._undo[-1]) if self._undo else 0

    @property
    def redo_size(self) -> int:
        return len(self._redo[-1]) if self._redo else 0

    def undo_steps(self, n: int = 500) -> Generator[None, None, list[str]]:
        """``undo`` n decisions at a time (the app keeps its window answering): yields between
        chunks, returns the ids. The step moves to the redo stack at once; until the generator
        is exhausted nothing else may change the session."""
        if not self._undo:
            return []
        group = self._undo.pop()
        self._redo.append(group)
        for i, (sid, old, _new) in enumerate(reversed(group), 1):
            self._store(sid, old)
            if i % n == 0:
                yield
        return [sid for sid, _, _ in group]

    def redo_steps(self, n: int = 500) -> Generator[None, None, list[str]]:
        """``redo`` n decisions at a time, as ``undo_steps``."""
        if not self._redo:
            return []
        group = self._redo.pop()
        self._undo.append(group)
        for i, (sid, _old, new) in enumerate(group, 1):
            self._store(sid, new)
            if i % n == 0:
                yield
        return [sid for sid, _, _ in group]

    # ----- internals -----
    # Decisions change only through _store (and add_late, which re-indexes): the span index of
    # applied suggestions must follow every change, or conflicts_of answers wrongly.
    def _store(self, sid: str, decision: Decision) -> None:
        before = self.decisions[sid].state
        was = is_applied(before)
        if sid in self._finding_ids:
            self._pending += (decision.state is State.PENDING) - (before is State.PENDING)
        self.decisions[sid] = decision
        now = is_applied(decision.state)
        if was != now:
            s = self._by_id[sid]
            if now:
                self._applied.add(self._rank[sid], s)
            else:
                self._applied.remove(self._rank[sid], s)

    def _index_applied(self) -> None:
        self._finding_ids = frozenset(s.id for s in self.suggestions)
        self._pending = sum(
            1 for s in self.suggestions if self.decisions[s.id].state is State.PENDING
        )
        self._ranked = [*self.suggestions, *self.manual]
        self._rank = {s.id: i for i, s in enumerate(self._ranked)}
        self._applied = SpanIndex()
        for s in self._ranked:
            if is_applied(self.decisions[s.id].state):
                self._applied.add(self._rank[s.id], s)

    def _like_key(self, s: Suggestion) -> tuple[str, str, str | None]:
        return (s.kind, self.doc.text[s.start : s.end], s.replacement)

    def _check_conflict(self, sid: str) -> None:
        clash = self.conflicts_of(sid)
        if clash:
            raise ConflictError(
                f"{sid} overlaps {clash[0].id} ({clash[0].kind}), which is already applied: "
                f"reject or undo {clash[0].id} first"
            )

    def _set(self, sid: str, decision: Decision) -> None:
        old = self.decisions[sid]
        if old == decision:
            return
        self._store(sid, decision)
        step = (sid, old, decision)
        if self._group is not None:
            self._group.append(step)
        else:
            self._undo.append([step])
            self._redo.clear()


BULK_ACTIONS = ("accept", "reject")


def _drain(steps: Generator[None, None, list[str]]) -> list[str]:
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: list[str] = done.value
            return result


class _Bulk:
    """Many changes made a slice at a time (``step``), then one undo step (``commit``) or
    none at all (``cancel`` puts every decision back). Nothing else may change the session
    in between. ``changed``: the ids whose decision changed, in order."""

    session: ReviewSession

    def __init__(self) -> None:
        self.done: list[str] = []
        self.changed: list[str] = []
        self._steps: list[tuple[str, Decision, Decision]] = []
        self._open = True

    @property
    def total(self) -> int:
        raise NotImplementedError

    @property
    def position(self) -> int:
        raise NotImplementedError

    @property
    def finished(self) -> bool:
        return self.position >= self.total

    def step(self, n: int) -> bool:
        """Up to n more units of work; True once there is nothing left."""
        if not self._open:
            raise RuntimeError("this bulk action is already committed or cancelled")
        self._step(n)
        return self.finished

    def _step(self, n: int) -> None:
        raise NotImplementedError

    def run(self) -> None:
        """Everything that is left at once (the command line; no window to keep answering)."""
        while not self.step(1 << 30):
            pass

    def commit(self) -> list[str]:
        """What was done so far becomes one undo step; returns ``done``."""
        self._close()
        if self._steps:
            if self.session._group is not None:  # inside an outer group: join it
                self.session._group.extend(self._steps)
            else:
                self.session._undo.append(self._steps)
                self.session._redo.clear()
        return self.done

    def cancel(self) -> list[str]:
        """Put every decision made so far back; returns the ids that changed back."""
        self._close()
        for sid, old, _new in reversed(self._steps):
            self.session._store(sid, old)
        return list(dict.fromkeys(self.changed))

    def _close(self) -> None:
        if not self._open:
            raise RuntimeError("this bulk action is already committed or cancelled")
        self._open = False


class BulkReplace(_Bulk):
    """Replace All, a slice at a time: each occurrence of ``needle`` in the original that does
    not overlap an applied change becomes a manual record reading ``text`` (pending findings
    under it are rejected by ``by``, as typing does); ``left`` counts the others. ``done``: the
    new records' ids. Progress is measured in characters of the original searched."""

    def __init__(self, session: ReviewSession, needle: str, text: str, *, by: str) -> None:
        super().__init__()
        self.session = session
        self.needle = needle
        self.text = text
        self.by = by
        self.left = 0
        self._source = session.doc.text
        self._at = self._source.find(needle) if needle else -1

    @property
    def total(self) -> int:
        return len(self._source)

    @property
    def position(self) -> int:
        return self._at if self._at >= 0 else len(self._source)

    def _step(self, n: int) -> None:
        session, needle, source = self.session, self.needle, self._source
        outer, session._group = session._group, self._steps  # the edits' steps collect here
        try:
            for _ in range(n):
                at = self._at
                if at < 0:
                    break
                probe = manual_record(session.doc, "", at, at + len(needle), self.text)
                if session._overlapping(probe) or session._manual_touching(at, probe.end):
                    self.left += 1
                else:
                    before = len(self._steps)
                    mid = session.edit_text(probe.start, probe.end, self.text, by=self.by)
                    if mid is not None:
                        self.done.append(mid)
                    self.changed.extend(sid for sid, _, _ in self._steps[before:])
                self._at = source.find(needle, at + len(needle))
        finally:
            session._group = outer


class BulkDecision(_Bulk):
    """Accept or reject many pending suggestions as one undo step, a slice at a time.

    ``step(n)`` decides the next n candidates, so a caller can keep a window answering between
    slices and show progress; ``commit()`` makes what was decided one undo step; ``cancel()``
    puts every decision back as it was (nothing to undo). Accepting goes most confident first
    and leaves a suggestion that conflicts with an applied one pending, as ``accept_all`` does;
    rejecting a flag-only finding leaves it flagged (the same state). ``ids`` restricts the
    action to those suggestions (the ones a filter shows); ``kinds`` and ``min_confidence``
    narrow it further. Nothing else may change the session until ``commit`` or ``cancel``.
    """

    def __init__(
        self,
        session: ReviewSession,
        action: str,
        *,
        ids: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        min_confidence: float = 0.0,
        by: str = POLICY,
    ) -> None:
        super().__init__()
        if action not in BULK_ACTIONS:
            raise ValueError(f"unknown bulk action {action!r}")
        self.session = session
        self.action = action
        self.by = by
        wanted = set(kinds) if kinds is not None else None
        pool = session.suggestions if ids is None else [session.get(i) for i in dict.fromkeys(ids)]
        self.targets: list[Suggestion] = [
            s
            for s in pool
            if session.state(s.id) is State.PENDING
            and (wanted is None or s.kind in wanted)
            and s.confidence >= min_confidence
            and not (action == "accept" and s.flag_only)
        ]
        if action == "accept":
            self.targets.sort(key=lambda s: (-s.confidence, s.start, s.id))
        self._next = 0
        self._at = utc_now()  # one bulk decision, one moment (and no clock call per suggestion)

    @property
    def total(self) -> int:
        return len(self.targets)

    @property
    def position(self) -> int:
        """How many candidates have been looked at so far."""
        return self._next

    def _step(self, n: int) -> None:
        """Decide up to n more candidates."""
        session = self.session
        for s in self.targets[self._next : self._next + n]:
            self._next += 1
            if session.state(s.id) is not State.PENDING:
                continue
            if self.action == "accept":
                if session.conflicts_of(s.id):
                    continue
                text = s.candidates[0] if s.candidates else s.replacement
                new = Decision(State.ACCEPTED, text, self.by, self._at)
            else:
                state = State.FLAGGED if s.flag_only else State.REJECTED
                new = Decision(state, None, self.by, self._at)
            old = session.decisions[s.id]
            if old == new:
                continue
            session._store(s.id, new)
            self._steps.append((s.id, old, new))
            self.done.append(s.id)
            self.changed.append(s.id)
