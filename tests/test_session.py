from __future__ import annotations

import pytest

from corpusfix.core.document import build_document
from corpusfix.core.errors import ConflictError
from corpusfix.core.session import ReviewSession, State
from corpusfix.core.suggestion import Suggestion

TEXT = "甲乙丙丁戊己庚辛"


def sugg(sid: str, start: int, end: int, repl: str | None, kind: str = "typo", conf: float = 0.9):
    return Suggestion(
        sid, kind, "test", start, end, repl, conf, "m", candidates=(repl,) if repl else ()
    )


def make() -> ReviewSession:
    doc = build_document(TEXT)
    return ReviewSession(
        doc,
        [
            sugg("s1", 0, 1, "A"),
            sugg("s2", 1, 3, "BC", conf=0.95),
            sugg("s3", 2, 4, "X", conf=0.5),  # overlaps s2
            sugg("s4", 5, 5, "+"),  # insertion
            sugg("s5", 6, 7, None, kind="truncation"),
        ],
    )


def test_accept_reject_edit_and_clean_text() -> None:
    s = make()
    s.accept("s1")
    s.edit("s2", "编辑", by="editor")
    s.reject("s3")
    assert s.clean_text() == "A编辑丁戊己庚辛"
    assert s.state("s2") is State.EDITED and s.decisions["s2"].by == "editor"
    assert s.state("s5") is State.FLAGGED


def test_a_flag_only_finding_takes_no_edit() -> None:
    # The text of a truncation is missing, not wrong: typing over the span would replace the
    # words before the gap (issue 17, defect 5). The app refuses it; so does the engine.
    s = make()
    with pytest.raises(ConflictError, match="flag-only"):
        s.edit("s5", "三是", by="editor")
    assert s.state("s5") is State.FLAGGED and s.clean_text() == TEXT


def test_conflicting_accept_is_refused() -> None:
    s = make()
    s.accept("s2")
    with pytest.raises(ConflictError, match="overlaps s2"):
        s.accept("s3")
    with pytest.raises(ConflictError, match="flag-only"):
        s.accept("s5")


def test_accept_all_prefers_confident_and_skips_conflicts() -> None:
    s = make()
    done = s.accept_all()
    assert set(done) == {"s1", "s2", "s4"}
    assert s.state("s3") is State.PENDING
    assert s.clean_text() == "ABC丁戊+己庚辛"


def test_bulk_action_is_one_undo_step_and_redo_restores() -> None:
    s = make()
    s.accept("s1")
    s.accept_all(min_confidence=0.9)
    assert s.clean_text() == "ABC丁戊+己庚辛"
    s.undo()  # the whole bulk action
    assert s.clean_text() == "A乙丙丁戊己庚辛"
    s.undo()
    assert s.clean_text() == TEXT and not s.can_undo
    s.redo()
    s.redo()
    assert s.clean_text() == "ABC丁戊+己庚辛"
    s.undo()
    s.reject("s3")  # a new decision clears the redo stack
    assert not s.can_redo


def test_ignore_all_like_this() -> None:
    doc = build_document("的地的地的")
    s = ReviewSession(
        doc, [sugg(f"s{i + 1}", i, i + 1, "得") for i in (0, 2, 4)] + [sugg("s9", 1, 2, "得")]
    )
    assert s.ignore_all_like("s1") == ["s1", "s3", "s5"]
    assert s.state("s9") is State.PENDING
    assert ("typo", "的", "得") in s.ignored
    s.undo()
    assert all(s.state(i) is State.PENDING for i in ("s1", "s3", "s5"))


def test_candidate_choice() -> None:
    doc = build_document("变庄器")
    sg = Suggestion("s1", "typo", "t", 1, 2, "压", 0.9, "m", candidates=("压", "在"))
    s = ReviewSession(doc, [sg])
    s.accept("s1", candidate=1)
    assert s.clean_text() == "变在器"


def test_add_late_renumbers_and_keeps_decisions_and_history() -> None:
    doc = build_document(TEXT)
    quick = [sugg("s1", 0, 1, "A"), sugg("s2", 5, 6, "F", kind="punctuation")]
    session = ReviewSession(doc, quick)
    session.accept("s1", by="ed")
    session.ignore_all_like("s2", by="ed")
    late = [
        sugg("s1", 0, 1, "A"),
        sugg("s2", 3, 4, "D"),  # found by the slow pass
        sugg("s3", 5, 6, "F", kind="punctuation"),
        sugg("s4", 5, 6, "F", kind="punctuation"),
    ]
    late[3] = Suggestion("s4", "punctuation", "late", 5, 6, "F", 0.9, "m", candidates=("F",))
    mapping = session.add_late(late)
    assert mapping == {"s1": "s1", "s2": "s3"}
    assert [session.state(i) for i in ("s1", "s2", "s3", "s4")] == [
        State.ACCEPTED,
        State.PENDING,
        State.REJECTED,
        State.REJECTED,  # like the ignored one: rejected at once
    ]
    session.undo()  # the ignore-all group, now on s3
    assert session.state("s3") is State.PENDING
    session.undo()
    assert session.state("s1") is State.PENDING
    session.redo()
    assert session.state("s1") is State.ACCEPTED
    with pytest.raises(ValueError):
        session.add_late([sugg("s1", 1, 2, "B")])  # the quick findings must all be there
