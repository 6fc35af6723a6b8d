"""Issue 17: a person's own edits (typed in the article, find/replace) are change records like any
other — ``decision: "edited"``, ``detector: "manual"``, kind ``manual``, ``by`` the person — that
``apply``, ``verify`` and QA review accept, and that ``--accept`` never touches."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from corpusfix.api import open_document, start_session
from corpusfix.core.changelog import read_changelog
from corpusfix.core.document import build_document
from corpusfix.core.errors import ConflictError
from corpusfix.core.review_state import _state, restore_state
from corpusfix.core.session import ReviewSession, State
from corpusfix.core.suggestion import Suggestion
from corpusfix.export.writer import write_outputs
from corpusfix.qa.review import open_review
from tests.conftest import SAMPLE, Result

TEXT = "贯彻落会议精神，变庄器已修好。"


def typo(sid: str, start: int, end: int, fix: str) -> Suggestion:
    return Suggestion(sid, "typo", "typo.test", start, end, fix, 0.9, "typo")


def session_of(text: str = TEXT, found: tuple[Suggestion, ...] = ()) -> ReviewSession:
    return ReviewSession(build_document(text), list(found))


def test_an_edit_is_a_manual_record_decided_by_the_person() -> None:
    session = session_of()
    at = TEXT.index("庄")
    mid = session.edit_text(at, at + 1, "压", by="lin")
    assert mid is not None and mid not in {s.id for s in session.suggestions}
    (m,) = session.logged()
    assert (m.kind, m.detector, m.start, m.end, m.replacement) == (
        "manual",
        "manual",
        at,
        at + 1,
        "压",
    )
    d = session.decisions[mid]
    assert d.state is State.EDITED and d.by == "lin" and d.at
    assert session.clean_text() == TEXT.replace("庄", "压")
    assert session.undecided() == 0  # not a finding waiting for a decision


def test_undo_and_redo_take_a_manual_edit_out_and_back() -> None:
    session = session_of()
    at = TEXT.index("会")
    mid = session.edit_text(at, at, "实", by="lin")
    assert session.clean_text() == TEXT.replace("落会", "落实会")
    assert session.undo() == [mid]
    assert session.clean_text() == TEXT and session.logged() == []
    assert session.redo() == [mid]
    assert [m.id for m in session.logged()] == [mid]


def test_typing_on_after_an_edit_makes_one_record() -> None:
    session = session_of()
    at = TEXT.index("会")
    first = session.edit_text(at, at, "实", by="lin")
    second = session.edit_text(at, at, "实施", by="lin")  # the whole new text of that place
    assert first != second
    (m,) = session.logged()
    assert m.id == second and m.replacement == "实施"
    session.undo()  # one keystroke back: the first edit is in force again
    assert [(x.id, x.replacement) for x in session.logged()] == [(first, "实")]


def test_typing_the_original_back_leaves_no_record() -> None:
    session = session_of()
    at = TEXT.index("庄")
    session.edit_text(at, at + 1, "压", by="lin")
    assert session.edit_text(at, at + 1, "庄", by="lin") is None
    assert session.logged() == [] and session.clean_text() == TEXT
    assert session.edit_text(at, at + 1, "庄", by="lin") is None  # nothing at all: no step
    assert len(session._undo) == 2


def test_an_edit_supersedes_the_pending_findings_it_overlaps() -> None:
    at = TEXT.index("庄")
    found = (
        typo("s1", at, at + 1, "压"),
        typo("s2", 0, 2, "贯穿"),
        Suggestion("s3", "truncation", "t", at - 1, at + 2, None, 0.5, "flag"),
    )
    session = session_of(found=found)
    session.edit_text(at, at + 1, "压", by="lin")
    assert session.state("s1") is State.REJECTED and session.decisions["s1"].by == "lin"
    assert session.state("s2") is State.PENDING  # elsewhere
    assert session.state("s3") is State.FLAGGED  # a flag is not replaced by typing
    session.undo()
    assert session.state("s1") is State.PENDING  # one step: the edit and what it superseded


def test_an_edit_over_an_applied_finding_is_refused() -> None:
    at = TEXT.index("庄")
    session = session_of(found=(typo("s1", at, at + 1, "压"),))
    session.accept("s1", by="lin")
    with pytest.raises(ConflictError, match="s1"):
        session.edit_text(at - 1, at + 1, "变压", by="lin")
    # and a finding over an applied manual edit is refused likewise
    other = session_of(found=(typo("s1", at, at + 1, "压"),))
    mid = other.edit_text(at - 1, at + 1, "变压", by="lin")
    other.reset("s1")
    with pytest.raises(ConflictError, match=str(mid)):
        other.accept("s1", by="lin")


def test_an_edit_outside_the_text_is_refused() -> None:
    with pytest.raises(ConflictError, match="outside"):
        session_of().edit_text(3, len(TEXT) + 1, "x", by="lin")


def test_manual_edits_survive_the_typo_pass_and_a_saved_state() -> None:
    at = TEXT.index("庄")
    quick = (typo("s1", 0, 2, "贯穿"),)
    full = (typo("s7", 0, 2, "贯穿"), typo("s8", at, at + 1, "压"))
    session = session_of(found=quick)
    mid = session.edit_text(at - 1, at + 1, "变压", by="lin")
    session.add_late(full)
    assert [m.id for m in session.logged() if m.kind == "manual"] == [mid]
    assert session.clean_text() == TEXT.replace("庄", "压")
    saved = json.loads(json.dumps(_state(session)))
    again = session_of(found=full)
    assert restore_state(again, saved) == 1
    assert again.clean_text() == session.clean_text()
    assert again.decisions[str(mid)].by == "lin"
    assert again.edit_text(0, 0, "「", by="lin") not in (None, mid)  # fresh ids stay unique


def test_apply_verify_and_review_take_a_log_with_manual_records(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    original = tmp_path / "a.txt"
    shutil.copy(SAMPLE, original)
    session = start_session(open_document(original))
    text = session.doc.text
    mid = text.index("。")  # a typed replacement, a typed insertion and a deletion
    session.edit_text(mid, mid + 1, "！", by="lin")
    session.edit_text(10, 10, "【插】", by="lin")
    session.edit_text(len(text) - 3, len(text) - 2, "", by="lin")
    clean = tmp_path / "a.clean.txt"
    result = write_outputs(session, input_path=original, out=clean)
    log_path = clean.with_name(clean.name + ".changelog.jsonl")
    manual = [r for r in read_changelog(log_path).records if r.kind == "manual"]
    assert len(manual) == 3
    assert {(r.decision, r.detector, r.by) for r in manual} == {("edited", "manual", "lin")}
    assert verify(cli, original, clean, log_path).code == 0
    replayed = tmp_path / "replayed.txt"
    assert cli("apply", original, log_path, "-o", replayed).code == 0
    assert replayed.read_bytes() == clean.read_bytes() == result.clean
    assert "【插】" in clean.read_text("utf-8")
    review = open_review(clean)
    (f,) = list(review)
    assert {r.id for r in f.changes} >= {r.id for r in manual}  # QA sees them as changes
    f.set_verdict(manual[0].id, "reverted", "qa")
    f.save()
    assert verify(cli, original, clean, log_path).code == 0


def verify(cli: Callable[..., Result], *paths: Path) -> Result:
    return cli("verify", *paths)


def test_accept_never_applies_a_manual_kind(cli: Callable[..., Result], tmp_path: Path) -> None:
    for option in ("--accept", "--only"):
        done = cli("fix", SAMPLE, "-o", tmp_path / "out.txt", option, "manual")
        assert done.code == 2 and "person's own edit" in done.err


def test_replace_all_makes_one_record_per_occurrence_in_one_step() -> None:
    text = "变庄器，变庄器；变庄器。"
    first = text.index("庄")
    session = session_of(text, (typo("s1", first, first + 1, "压"),))
    session.accept("s1", by="lin")  # the first is decided already: left as it is
    done, left = session.replace_all("变庄器", "变压器", by="lin")
    assert len(done) == 2 and left == 1
    assert {session.get(m).kind for m in done} == {"manual"}
    assert session.clean_text() == text.replace("庄", "压")
    session.undo()
    assert session.clean_text() == text.replace("庄", "压", 1)  # one undo takes all of them
    assert session.replace_all("", "x", by="lin") == ([], 0)


def test_an_edit_takes_in_a_manual_insertion_at_the_end_of_the_text() -> None:
    session = session_of()
    end = len(TEXT)
    session.edit_text(end, end, "完", by="lin")
    session.edit_text(end - 1, end, "！完", by="lin")  # the whole result of that place
    (m,) = session.manual_edits()
    assert (m.start, m.end, m.replacement) == (end - 1, end, "！完")
    assert session.clean_text() == TEXT[:-1] + "！完"
