"""Issue 17: bulk decisions in the engine (the app's bulk actions are a view over this).

"Accept all of this kind at ≥ X" and "accept / reject all shown" are one undo step, can run a
slice at a time (the app keeps answering between slices) and can be cancelled.
"""

from __future__ import annotations

import random

import pytest

from corpusfix.core.document import build_document
from corpusfix.core.session import BulkDecision, ReviewSession, State
from corpusfix.core.suggestion import Suggestion

TEXT = "甲乙丙丁戊己庚辛壬癸子丑寅卯"


def sugg(sid: str, start: int, end: int, repl: str | None, kind: str = "typo", conf: float = 0.9):
    return Suggestion(
        sid, kind, "test", start, end, repl, conf, "m", candidates=(repl,) if repl else ()
    )


def make() -> ReviewSession:
    return ReviewSession(
        build_document(TEXT),
        [
            sugg("s1", 0, 1, "A", conf=0.6),
            sugg("s2", 1, 3, "BC", conf=0.95),
            sugg("s3", 2, 4, "X", conf=0.99, kind="duplicate"),  # overlaps s2
            sugg("s4", 5, 5, "+", kind="duplicate", conf=0.7),
            sugg("s5", 6, 7, None, kind="truncation"),
            sugg("s6", 8, 9, "Y", kind="duplicate", conf=0.4),
        ],
    )


def states(s: ReviewSession) -> dict[str, State]:
    return {sid: d.state for sid, d in s.decisions.items()}


def test_accept_of_one_kind_at_a_confidence_is_one_undo_step() -> None:
    s = make()
    before = states(s)
    bulk = BulkDecision(s, "accept", kinds=["duplicate"], min_confidence=0.5, by="editor")
    assert [t.id for t in bulk.targets] == ["s3", "s4"]  # most confident first; s6 below 0.5
    bulk.run()
    assert bulk.commit() == ["s3", "s4"]
    assert s.state("s3") is State.ACCEPTED and s.state("s6") is State.PENDING
    assert s.decisions["s3"].by == "editor"
    assert s.undo() == ["s3", "s4"] and states(s) == before and not s.can_undo


def test_accept_all_shown_skips_conflicts_and_flags() -> None:
    s = make()
    s.accept("s2")
    bulk = BulkDecision(s, "accept", ids=["s3", "s5", "s6", "s6"], by="editor")
    assert [t.id for t in bulk.targets] == ["s3", "s6"]  # s5 flag-only, repeats once
    bulk.run()
    assert bulk.commit() == ["s6"]  # s3 overlaps the applied s2: stays pending
    assert s.state("s3") is State.PENDING


def test_reject_all_shown_leaves_flags_flagged_and_undoes_at_once() -> None:
    s = make()
    s.accept("s1")
    bulk = BulkDecision(s, "reject", ids=["s1", "s3", "s5", "s6"], by="editor")
    bulk.run()
    assert bulk.commit() == ["s3", "s6"]  # s1 is decided already, s5 stays flagged
    assert s.state("s1") is State.ACCEPTED and s.state("s5") is State.FLAGGED
    assert s.state("s6") is State.REJECTED
    s.undo()
    assert s.state("s6") is State.PENDING and s.state("s1") is State.ACCEPTED


def test_cancel_puts_every_decision_back_and_leaves_no_undo_step() -> None:
    s = make()
    s.accept("s1")
    before = states(s)
    bulk = BulkDecision(s, "accept", by="editor")
    bulk.step(3)  # s3, then s2 (overlaps s3 now: stays pending), then s4
    assert bulk.done == ["s3", "s4"] and states(s) != before
    assert bulk.cancel() == bulk.done
    assert states(s) == before and s.clean_text() == "A乙丙丁戊己庚辛壬癸子丑寅卯"
    assert s.undo() == ["s1"]  # the step before the bulk one, nothing else
    with pytest.raises(RuntimeError):
        bulk.step(1)


@pytest.mark.parametrize("seed", range(8))
def test_slices_decide_exactly_what_one_run_does(seed: int) -> None:
    """However the work is sliced, the result is accept_all's, conflicts included."""
    rng = random.Random(seed)
    text = "的" * 400
    found = []
    for i in range(300):
        a = rng.randrange(0, 390)
        kind = rng.choice(("typo", "duplicate", "merge"))
        found.append(sugg(f"s{i}", a, a + rng.randrange(0, 4), "了", kind, rng.random()))
    one = ReviewSession(build_document(text), found)
    expected = one.accept_all(["duplicate", "typo"], min_confidence=0.3, by="x")
    sliced = ReviewSession(build_document(text), found)
    bulk = BulkDecision(sliced, "accept", kinds=["duplicate", "typo"], min_confidence=0.3, by="x")
    while not bulk.step(rng.randrange(1, 40)):
        assert bulk.position <= bulk.total
    assert bulk.commit() == expected
    assert sliced.clean_text() == one.clean_text()
    assert len(sliced._undo) == 1


def test_undecided_is_kept_right_through_decisions_bulk_undo_redo_and_restore() -> None:
    rng = random.Random(8)
    s = make()

    def count() -> int:
        return sum(1 for x in s.suggestions if s.decisions[x.id].state is State.PENDING)

    for _ in range(200):
        sid = rng.choice(s.suggestions).id
        action = rng.choice(("accept", "reject", "reset", "undo", "redo", "bulk", "restore"))
        try:
            if action == "accept":
                s.accept(sid)
            elif action == "reject":
                s.reject(sid)
            elif action == "reset":
                s.reset(sid)
            elif action == "undo":
                s.undo()
            elif action == "redo":
                s.redo()
            elif action == "bulk":
                s.accept_all()
            else:
                s.restore(sid, s.decisions[sid])
        except Exception:  # refused (a conflict, flag-only): the count must still hold
            pass
        s.edit_text(13, 14, rng.choice(("卯", "辰")), by="me")  # manual records are no findings
        assert s.undecided() == count()


def test_undo_and_redo_in_steps_end_where_undo_and_redo_do() -> None:
    s, t = make(), make()
    for x in (s, t):
        x.accept_all()
    accepted = states(s)
    steps = s.undo_steps(1)
    next(steps)  # the step leaves the stack at once; its decisions go back one by one
    assert not s.can_undo and s.can_redo
    for _ in steps:
        pass
    t.undo()
    assert states(s) == states(t) != accepted
    ids = list(s.redo_steps(1))
    assert ids and states(s) == accepted


def test_replace_all_in_slices_is_one_step_and_a_cancel_leaves_nothing() -> None:
    from corpusfix.core.session import BulkReplace

    s = ReviewSession(build_document("甲乙甲乙甲乙甲乙"), [sugg("s1", 2, 3, "丙")])
    s.accept("s1")
    bulk = BulkReplace(s, "甲", "丁", by="me")
    assert not bulk.step(1) and bulk.done
    bulk.cancel()
    assert s.clean_text() == "甲乙丙乙甲乙甲乙" and not s.manual_edits()
    bulk = BulkReplace(s, "甲", "丁", by="me")
    while not bulk.step(1):
        pass
    assert len(bulk.commit()) == 3 and bulk.left == 1  # the accepted s1 holds one
    assert s.clean_text() == "丁乙丙乙丁乙丁乙"
    s.undo()
    assert s.clean_text() == "甲乙丙乙甲乙甲乙"
